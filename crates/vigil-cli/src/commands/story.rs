//! Sentences shared by `show` and `demo`: casualties as sourced ranges, and the notifications
//! of an incident's named targets that were in force when it happened.

use vigil_domain::{
    CasualtyFigure, Incident, Range, SourceId, SourceKind, Subject, Target, TimeSpan,
};
use vigil_store::{Store, StoreResult};

pub fn range(r: &Range) -> String {
    if r.low == r.high {
        r.best.to_string()
    } else {
        format!("{}–{} (best estimate {})", r.low, r.high, r.best)
    }
}

pub fn casualty(store: &dyn Store, c: &CasualtyFigure) -> StoreResult<String> {
    let source = match &c.source {
        Some(id) => store
            .source(id)?
            .map(|s| s.publisher.unwrap_or(s.title))
            .unwrap_or_else(|| id.to_string()),
        None => "no source".into(),
    };
    Ok(format!(
        "{} {}: {} (per {source})",
        c.group.as_str().replace('_', " "),
        c.outcome,
        range(&c.count)
    ))
}

/// " (illustrative record)" when a record's source says it is a demo assumption, not a
/// public fact, so a reader never takes it for evidence.
fn illustrative(store: &dyn Store, source: Option<&SourceId>) -> StoreResult<&'static str> {
    let Some(id) = source else { return Ok("") };
    Ok(match store.source(id)? {
        Some(s) if s.kind == SourceKind::Other && s.title.starts_with("Illustrative") => {
            " (illustrative record)"
        }
        _ => "",
    })
}

/// "22 days before", or "15 hours before" for less than a day.
fn lead_time(sent: vigil_domain::Timestamp, start: vigil_domain::Timestamp) -> String {
    let lead = start - sent;
    match lead.num_days() {
        0 => format!("{} hours before", lead.num_hours()),
        1 => "1 day before".into(),
        days => format!("{days} days before"),
    }
}

/// The notifications of `subject` in force at some time of `span`, with their
/// acknowledgements, one line each.
pub fn notices(store: &dyn Store, subject: &Subject, span: &TimeSpan) -> StoreResult<Vec<String>> {
    let mut lines = Vec::new();
    for n in store.notifications_of(subject)? {
        let withdrawn_before = n.withdrawn_at.is_some_and(|w| w < span.start());
        if withdrawn_before || !n.valid.in_force_during(span) {
            continue;
        }
        let when = if n.sent_at <= span.start() {
            lead_time(n.sent_at, span.start())
        } else {
            "after the incident began".into()
        };
        let parties: Vec<String> = n.parties.iter().map(ToString::to_string).collect();
        let mut line = format!(
            "notified ({} v{}) to {} on {}, {when}{}",
            n.id,
            n.version,
            parties.join(", "),
            n.sent_at.format("%Y-%m-%d"),
            illustrative(store, n.source.as_ref())?
        );
        let mut acks = Vec::new();
        for a in store.acknowledgements(&n.id)? {
            if a.version == n.version && a.received_at <= span.end() {
                acks.push(format!(
                    "{} on {}{}",
                    a.party,
                    a.received_at.format("%Y-%m-%d"),
                    illustrative(store, a.source.as_ref())?
                ));
            }
        }
        if acks.is_empty() {
            line.push_str("; no acknowledgement recorded");
        } else {
            line.push_str(&format!("; receipt acknowledged by {}", acks.join(", ")));
        }
        lines.push(line);
    }
    Ok(lines)
}

/// The names of what an incident hit, for a one-line summary.
pub fn targets(store: &dyn Store, incident: &Incident) -> StoreResult<Vec<String>> {
    let mut names = Vec::new();
    for target in &incident.targets {
        names.push(match target {
            Target::Site(id) => store
                .site(id)?
                .map(|s| s.name)
                .unwrap_or_else(|| id.to_string()),
            Target::Movement(id) => store
                .movements()?
                .into_iter()
                .find(|m| &m.id == id)
                .map(|m| m.name)
                .unwrap_or_else(|| id.to_string()),
            Target::Kind(kind) => kind.as_str().replace('_', " "),
        });
    }
    Ok(names)
}

/// The subject each named target stands for in the register.
pub fn subjects(incident: &Incident) -> Vec<Subject> {
    incident
        .targets
        .iter()
        .filter_map(|t| match t {
            Target::Site(id) => Some(Subject::Site(id.clone())),
            Target::Movement(id) => Some(Subject::Movement(id.clone())),
            Target::Kind(_) => None,
        })
        .collect()
}
