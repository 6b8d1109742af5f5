//! The situation report as text for people: headline lines first ("2 of 2 hospitals not fully
//! functional"), then one table per part with the ids behind each figure.

use super::list::format_table;
use std::fmt::Write;
use vigil_domain::{SiteKind, SiteStatus, Strength};
use vigil_sitrep::{Bounds, CasualtyLine, FacilityRollup, FindingSummary, Sitrep};

/// Vocabulary spellings as words: `explosive_weapons` → "explosive weapons".
fn words(spelling: &str) -> String {
    spelling.replace('_', " ")
}

/// "hospital", "hospitals", "bakeries", "other sites".
fn site_kind(kind: SiteKind, count: usize) -> String {
    let singular = match kind {
        SiteKind::Other => "other site".to_owned(),
        other => words(other.as_str()),
    };
    if count == 1 {
        singular
    } else if let Some(stem) = singular.strip_suffix('y') {
        format!("{stem}ies")
    } else {
        format!("{singular}s")
    }
}

fn status(status: Option<SiteStatus>) -> &'static str {
    match status {
        Some(SiteStatus::Functional) => "functional",
        Some(SiteStatus::PartiallyFunctional) => "partially functional",
        Some(SiteStatus::NonFunctional) => "non-functional",
        Some(SiteStatus::Damaged) => "damaged",
        Some(SiteStatus::Destroyed) => "destroyed",
        None => "no status reported",
    }
}

fn strength(strength: Strength) -> String {
    words(strength.as_str())
}

fn list(items: &[String]) -> String {
    items.join(" ")
}

/// "3 findings", "1 finding".
fn count(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}

fn facility_headline(f: &FacilityRollup) -> String {
    let breakdown: Vec<String> = f
        .by_status
        .iter()
        .filter(|s| s.status.is_some_and(|s| s != SiteStatus::Functional))
        .map(|s| format!("{} {}", s.count, status(s.status)))
        .collect();
    let mut line = format!(
        "{} of {} {} not fully functional",
        f.impaired,
        f.sites,
        site_kind(f.kind, f.sites)
    );
    if !breakdown.is_empty() {
        let _ = write!(line, " ({})", breakdown.join(", "));
    }
    line
}

/// One source: its figure. Several: at least the largest low of any one of them, up to the
/// largest high of any one (never a sum of two sources; see `vigil_sitrep`).
fn casualty_headline(line: &CasualtyLine) -> String {
    let what = format!("{} {}", words(line.group.as_str()), line.outcome);
    let Bounds { low, high, .. } = line.headline;
    let figure = if low == high {
        low.to_string()
    } else {
        format!("{low} to {high}")
    };
    match line.sources.len() {
        1 => format!("{what}: {figure} ({})", line.sources[0].source),
        n => {
            let up_to = if low == high {
                String::new()
            } else {
                format!(", up to {high}")
            };
            format!(
                "{what}: at least {low}{up_to} (the largest figures of any one of {n} sources, \
                 never added together)"
            )
        }
    }
}

/// `subjects`: what the findings are about, singular and plural.
fn findings_headline(what: &str, subjects: (&str, &str), summary: &FindingSummary) -> String {
    if summary.findings == 0 {
        return format!("{what}: none found");
    }
    let strengths: Vec<String> = summary
        .by_strength
        .iter()
        .map(|s| format!("{} {}", s.count, strength(s.strength)))
        .collect();
    format!(
        "{what}: {}, in {} ({}: {})",
        count(summary.subjects, subjects.0, subjects.1),
        count(summary.incidents, "incident", "incidents"),
        count(summary.findings, "finding", "findings"),
        strengths.join(", ")
    )
}

fn headlines(out: &mut String, sitrep: &Sitrep) {
    let incidents = &sitrep.incidents;
    let categories: Vec<String> = incidents
        .by_category
        .iter()
        .map(|c| format!("{} {}", c.count, words(c.category.as_str())))
        .collect();
    let _ = writeln!(
        out,
        "{} incidents ({})",
        incidents.total,
        categories.join(", ")
    );
    for facility in &sitrep.facilities {
        let _ = writeln!(out, "{}", facility_headline(facility));
    }
    for line in &sitrep.casualties {
        let _ = writeln!(out, "{}", casualty_headline(line));
    }
    let _ = writeln!(
        out,
        "{}",
        findings_headline(
            "Notified sites and movements hit",
            ("site or movement", "sites or movements"),
            &sitrep.notified_hits
        )
    );
    let _ = writeln!(
        out,
        "{}",
        findings_headline(
            "Ceasefires violated",
            ("ceasefire", "ceasefires"),
            &sitrep.ceasefire_violations
        )
    );
}

fn section(out: &mut String, title: &str, header: &[&str], rows: &[Vec<String>]) {
    let _ = writeln!(out, "\n{title}");
    out.push_str(&format_table(header, rows));
}

fn findings_rows(summary: &FindingSummary) -> Vec<Vec<String>> {
    summary
        .items
        .iter()
        .map(|f| {
            vec![
                strength(f.strength),
                f.incident.clone(),
                f.subject.id().to_owned(),
                f.notification
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
                f.days_before.map(|d| d.to_string()).unwrap_or_default(),
            ]
        })
        .collect()
}

fn tables(out: &mut String, sitrep: &Sitrep) {
    let mut rows = Vec::new();
    for category in &sitrep.incidents.by_category {
        for kind in &category.by_kind {
            rows.push(vec![
                words(category.category.as_str()),
                words(kind.kind.as_str()),
                kind.count.to_string(),
                list(&kind.incidents),
            ]);
        }
    }
    section(
        out,
        "Incidents by category and kind",
        &["category", "kind", "incidents", "ids"],
        &rows,
    );

    let rows: Vec<Vec<String>> = sitrep
        .incidents
        .by_week
        .iter()
        .map(|w| {
            vec![
                w.week.clone(),
                w.first_day.to_string(),
                w.count.to_string(),
                list(&w.incidents),
            ]
        })
        .collect();
    section(
        out,
        "Incidents by ISO week (each in the week of its first day in the period)",
        &["week", "from", "incidents", "ids"],
        &rows,
    );

    let mut rows = Vec::new();
    for line in &sitrep.casualties {
        for source in &line.sources {
            rows.push(vec![
                words(line.group.as_str()),
                line.outcome.to_string(),
                source.source.clone(),
                source.total.low.to_string(),
                source.total.best.to_string(),
                source.total.high.to_string(),
                list(&source.incidents),
            ]);
        }
    }
    section(
        out,
        "Casualties: each source's own total over the incidents it counts",
        &[
            "group",
            "outcome",
            "source",
            "low",
            "best",
            "high",
            "incidents",
        ],
        &rows,
    );

    let mut rows = Vec::new();
    for facility in &sitrep.facilities {
        for entry in &facility.by_status {
            let sites: Vec<String> = entry.sites.iter().map(|s| s.id.to_string()).collect();
            rows.push(vec![
                words(facility.kind.as_str()),
                status(entry.status).to_owned(),
                entry.count.to_string(),
                list(&sites),
            ]);
        }
    }
    section(
        out,
        &format!(
            "Facilities: latest status on or before {}",
            sitrep.status_as_of
        ),
        &["kind", "status", "sites", "ids"],
        &rows,
    );

    let header = [
        "strength",
        "incident",
        "subject",
        "notification",
        "days before",
    ];
    section(
        out,
        "Notified sites and movements hit",
        &header,
        &findings_rows(&sitrep.notified_hits),
    );
    section(
        out,
        "Ceasefire violations",
        &header,
        &findings_rows(&sitrep.ceasefire_violations),
    );
}

pub fn render(sitrep: &Sitrep) -> String {
    let mut out = String::new();
    let place = match &sitrep.area {
        Some(area) => format!("{} ({}, {})", area.name, area.id, area.level),
        None => "the whole database".to_owned(),
    };
    let (from, to) = (sitrep.from.date_naive(), sitrep.to.date_naive());
    let _ = writeln!(out, "Situation report: {place}, {from} to {to}\n");
    headlines(&mut out, sitrep);
    tables(&mut out, sitrep);
    out
}
