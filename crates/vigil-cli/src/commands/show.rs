//! `vigil show ID`: a site or an incident with everything known about it.

use super::story;
use crate::cli::ShowArgs;
use crate::failure::{CliResult, Failure, EXIT_NOT_FOUND};
use vigil_domain::{IncidentId, SiteId};
use vigil_store::Store;

fn show_site(store: &dyn Store, id: &SiteId) -> CliResult<bool> {
    let Some(detail) = store.site_detail(id)? else {
        return Ok(false);
    };
    let s = &detail.site;
    println!("Site {}: {} ({})", s.id, s.name, s.kind);
    if let Some(operator) = &s.operator {
        println!("  operator:    {operator}");
    }
    println!(
        "  location:    {}, {}, radius {} m",
        lat_lon(&s.location),
        s.location.precision.describe(),
        s.location.radius_m
    );
    if let Some(area) = &s.area {
        println!("  area:        {area}");
    }
    println!("  sensitivity: {}", s.sensitivity);
    if !s.status.is_empty() {
        println!("  status history:");
        for e in &s.status {
            let note = e
                .note
                .as_deref()
                .map(|n| format!(" — {n}"))
                .unwrap_or_default();
            let source = e
                .source
                .as_ref()
                .map(|s| format!(" [{s}]"))
                .unwrap_or_default();
            println!("    {}  {}{note}{source}", e.as_of, e.status);
        }
    }
    for c in &s.capacity {
        let source = c
            .source
            .as_ref()
            .map(|s| format!(" [{s}]"))
            .unwrap_or_default();
        println!("  capacity {}: {} {}{source}", c.as_of, c.value, c.metric);
    }
    println!("  notifications:");
    if detail.notifications.is_empty() {
        println!("    none recorded");
    }
    for (n, acks) in &detail.notifications {
        println!(
            "    {} v{}: sent {} to {}, valid {} to {}, payload SHA-256 {}",
            n.id,
            n.version,
            n.sent_at.format("%Y-%m-%d %H:%M UTC"),
            n.parties
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            n.valid.from,
            n.valid
                .to
                .map(|d| d.to_string())
                .unwrap_or_else(|| "open".into()),
            n.payload_sha256
        );
        for a in acks {
            println!(
                "      receipt acknowledged by {} on {}{}",
                a.party,
                a.received_at.format("%Y-%m-%d %H:%M UTC"),
                a.by.as_deref()
                    .map(|b| format!(" ({b})"))
                    .unwrap_or_default()
            );
        }
    }
    println!("  incidents naming this site:");
    if detail.incidents.is_empty() {
        println!("    none recorded");
    }
    for i in &detail.incidents {
        println!(
            "    {}  {}  {}  {}",
            i.when.start().format("%Y-%m-%d"),
            i.id,
            i.kind,
            i.title.as_deref().unwrap_or("")
        );
    }
    Ok(true)
}

fn show_incident(store: &dyn Store, id: &IncidentId) -> CliResult<bool> {
    let Some(detail) = store.incident_detail(id)? else {
        return Ok(false);
    };
    let i = &detail.incident;
    println!(
        "Incident {}: {}",
        i.id,
        i.title.as_deref().unwrap_or(i.kind.as_str())
    );
    println!(
        "  what:      {} ({}){}",
        i.kind,
        i.kind.category(),
        i.weapon
            .as_deref()
            .map(|w| format!(", weapon: {w}"))
            .unwrap_or_default()
    );
    println!(
        "  when:      {} to {} ({} precision)",
        i.when.start().format("%Y-%m-%d %H:%M"),
        i.when.end().format("%Y-%m-%d %H:%M UTC"),
        i.when.precision()
    );
    println!(
        "  where:     {}, {}, radius {} m{}",
        lat_lon(&i.location),
        i.location.precision.describe(),
        i.location.radius_m,
        i.area
            .as_ref()
            .map(|a| format!(", area {a}"))
            .unwrap_or_default()
    );
    println!("  certainty: {} (that it happened)", i.certainty);
    let targets = story::targets(store, i)?;
    if !targets.is_empty() {
        println!("  hit:       {}", targets.join("; "));
    }
    if let Some(damage) = i.damage {
        println!("  damage:    {damage}");
    }
    for subject in story::subjects(i) {
        for line in story::notices(store, &subject, &i.when)? {
            println!("  register:  {} {}: {line}", subject.kind(), subject.id());
        }
    }
    if let Some(d) = &i.description {
        println!("  {d}");
    }
    if !i.casualties.is_empty() {
        println!("  casualties (each as its source gives it; never summed across sources):");
        for c in &i.casualties {
            println!("    {}", story::casualty(store, c)?);
        }
    }
    if !i.attributions.is_empty() {
        println!("  attribution:");
        for a in &i.attributions {
            let sources: Vec<String> = a.sources.iter().map(ToString::to_string).collect();
            println!("    {}: {} [{}]", a.party, a.grade, sources.join(", "));
        }
    }
    if !detail.statements.is_empty() {
        println!("  statements:");
        for s in &detail.statements {
            println!(
                "    {} {} by {}: {} [{}]",
                s.made_on,
                s.kind,
                s.party
                    .as_ref()
                    .map(|p| p.as_str())
                    .unwrap_or("unnamed party"),
                s.summary,
                s.source
            );
        }
    }
    println!("  reports:");
    for r in &detail.reports {
        println!("    {} [{}]: {}", r.id, r.source, r.summary);
    }
    println!("  sources:");
    for s in &detail.sources {
        let when = s.published_on.map(|d| format!(", {d}")).unwrap_or_default();
        let url = s
            .url
            .as_deref()
            .map(|u| format!(" <{u}>"))
            .unwrap_or_default();
        println!(
            "    [{}] {}{}{when}{url}",
            s.id,
            s.publisher
                .as_deref()
                .map(|p| format!("{p}: "))
                .unwrap_or_default(),
            s.title
        );
    }
    Ok(true)
}

pub fn run(store: &dyn Store, args: &ShowArgs) -> CliResult {
    let found = match (
        SiteId::new(args.id.clone()),
        IncidentId::new(args.id.clone()),
    ) {
        (Ok(site), Ok(incident)) => show_site(store, &site)? || show_incident(store, &incident)?,
        (Err(e), _) | (_, Err(e)) => return Err(Failure::input(format!("'{}': {e}", args.id))),
    };
    if found {
        Ok(())
    } else {
        Err(Failure::new(
            EXIT_NOT_FOUND,
            format!(
                "no site or incident has id '{}' (see `vigil list sites` and `vigil list incidents`)",
                args.id
            ),
        ))
    }
}

/// `36.20000, 37.15000 (lat, lon)`, or what stands in for coordinates a record does not have.
fn lat_lon(location: &vigil_domain::Location) -> String {
    match location.point {
        Some(p) => format!("{:.5}, {:.5} (lat, lon)", p.lat(), p.lon()),
        None => "no coordinates".to_owned(),
    }
}
