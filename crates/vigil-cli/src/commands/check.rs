//! `vigil check`: runs the cross-check engine over the whole database and prints the findings
//! as a table, CSV or JSON, optionally filtered by kind, area and period.
//!
//! The engine always sees every record: a repeat attack or a duplicate needs incidents outside
//! the period asked for. The filters apply to the findings' incidents.

use super::list::print_table;
use crate::cli::{CheckArgs, CheckFormat, FindingKindArg};
use crate::failure::{CliResult, Failure};
use std::collections::{BTreeMap, HashSet};
use std::io::{self, Write};
use vigil_check::finding::{Finding, FindingKind};
use vigil_domain::time::{end_of_day, start_of_day};
use vigil_domain::{AreaId, Incident, IncidentId, TimeSpan};
use vigil_store::Store;

fn kind_of(arg: FindingKindArg) -> FindingKind {
    match arg {
        FindingKindArg::NotifiedSite => FindingKind::NotifiedSite,
        FindingKindArg::NotifiedMovement => FindingKind::NotifiedMovement,
        FindingKindArg::UnnotifiedSite => FindingKind::UnnotifiedSite,
        FindingKindArg::RepeatAttack => FindingKind::RepeatAttack,
        FindingKindArg::CeasefireViolation => FindingKind::CeasefireViolation,
        FindingKindArg::DuplicateCandidate => FindingKind::DuplicateCandidate,
    }
}

/// The areas inside `root` (itself included), following parent links.
fn areas_within(parents: &BTreeMap<AreaId, Option<AreaId>>, root: &AreaId) -> HashSet<AreaId> {
    parents
        .keys()
        .filter(|area| {
            let mut current = Some((*area).clone());
            // Parent chains are short; the step limit guards against a cycle in bad data.
            for _ in 0..32 {
                match current {
                    Some(ref a) if a == root => return true,
                    Some(a) => current = parents.get(&a).cloned().flatten(),
                    None => return false,
                }
            }
            false
        })
        .cloned()
        .collect()
}

/// Whether a finding's incident passes the area and period filters.
struct IncidentFilter {
    area: Option<HashSet<AreaId>>,
    period: Option<TimeSpan>,
}

impl IncidentFilter {
    fn admits(&self, incident: &Incident) -> bool {
        let in_area = match (&self.area, &incident.area) {
            (None, _) => true,
            (Some(areas), Some(area)) => areas.contains(area),
            (Some(_), None) => false,
        };
        let in_period = match &self.period {
            Some(period) => period.overlaps(&incident.when),
            None => true,
        };
        in_area && in_period
    }
}

fn csv_row(f: &Finding) -> Vec<String> {
    let n = f.notification.as_ref();
    let opt = |v: Option<String>| v.unwrap_or_default();
    vec![
        f.kind.as_str().into(),
        f.strength.as_str().into(),
        f.incident.to_string(),
        match &f.subject {
            vigil_check::finding::Subject::Site(_) => "site",
            vigil_check::finding::Subject::Movement(_) => "movement",
            vigil_check::finding::Subject::Incident(_) => "incident",
            vigil_check::finding::Subject::Ceasefire(_) => "ceasefire",
        }
        .into(),
        f.subject.id().into(),
        opt(f.distance_m.map(|d| format!("{d:.3}"))),
        opt(f.reach_m.map(|d| format!("{d:.3}"))),
        opt(f.site.as_ref().map(ToString::to_string)),
        opt(n.map(|n| n.id.to_string())),
        opt(n.map(|n| n.version.to_string())),
        opt(n.map(|n| n.sent_at.format("%Y-%m-%dT%H:%M:%SZ").to_string())),
        opt(n.map(|n| n.valid.from.to_string())),
        opt(n.and_then(|n| n.valid.to.map(|d| d.to_string()))),
        opt(n.map(|n| n.sent_before.to_string())),
        opt(n.map(|n| n.days_before.to_string())),
        opt(n.map(|n| {
            n.acknowledged_by
                .iter()
                .map(|(party, at)| format!("{party}@{}", at.format("%Y-%m-%dT%H:%M:%SZ")))
                .collect::<Vec<_>>()
                .join(";")
        })),
        opt(n.map(|n| {
            n.not_acknowledged_by
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(";")
        })),
        opt(f.interval_s.map(|s| s.to_string())),
        f.returned_within_hours.to_string(),
        f.parties
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(";"),
        opt(f.area.as_ref().map(ToString::to_string)),
        opt(f.score.map(|s| format!("{s:.3}"))),
        f.reasons.join(";"),
        f.explanation.clone(),
    ]
}

/// The CSV header; `kind,strength,incident_id,subject_id,distance_m` among the first columns.
/// `site_id` names the site a finding is about, also when its subject is another incident (a
/// repeat attack).
const CSV_HEADER: &[&str] = &[
    "kind",
    "strength",
    "incident_id",
    "subject_type",
    "subject_id",
    "distance_m",
    "reach_m",
    "site_id",
    "notification_id",
    "notification_version",
    "notification_sent_at",
    "notification_valid_from",
    "notification_valid_to",
    "sent_before",
    "days_before",
    "acknowledged_by",
    "not_acknowledged_by",
    "interval_s",
    "returned_within_hours",
    "parties",
    "area",
    "score",
    "reasons",
    "explanation",
];

fn print(findings: &[&Finding], format: CheckFormat) -> io::Result<()> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match format {
        CheckFormat::Json => {
            serde_json::to_writer_pretty(&mut out, findings)?;
            writeln!(out)?;
        }
        CheckFormat::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            writer.write_record(CSV_HEADER)?;
            for f in findings {
                writer.write_record(csv_row(f))?;
            }
            writer.flush()?;
        }
        CheckFormat::Table => {
            drop(out);
            let rows: Vec<Vec<String>> = findings
                .iter()
                .map(|f| {
                    vec![
                        f.kind.as_str().into(),
                        f.strength.as_str().into(),
                        f.incident.to_string(),
                        f.subject.id().into(),
                        f.distance_m
                            .map(|d| format!("{d:.0} m"))
                            .unwrap_or_default(),
                        f.explanation.clone(),
                    ]
                })
                .collect();
            print_table(
                &[
                    "kind",
                    "strength",
                    "incident",
                    "subject",
                    "distance",
                    "explanation",
                ],
                &rows,
            );
        }
    }
    Ok(())
}

pub fn run(store: &dyn Store, args: &CheckArgs) -> CliResult {
    let spinner = crate::progress::spinner("reading the register and the incidents");
    let sites = store.sites()?;
    let movements = store.movements()?;
    let notifications = store.notifications()?;
    let acknowledgements = store.all_acknowledgements()?;
    let ceasefires = store.ceasefires()?;
    let areas = store.areas()?;
    let incident_sources = store.incident_sources()?;
    let mut incidents = Vec::new();
    store.for_each_incident(&mut |i| {
        incidents.push(i);
        Ok(())
    })?;

    let parents: BTreeMap<AreaId, Option<AreaId>> = areas
        .iter()
        .map(|a| (a.id.clone(), a.parent.clone()))
        .collect();
    let area = match &args.area {
        None => None,
        Some(text) => {
            let id = AreaId::new(text.clone())
                .map_err(|e| Failure::input(format!("--area {text}: {e}")))?;
            if !parents.contains_key(&id) {
                spinner.finish_and_clear();
                return Err(Failure::new(
                    crate::failure::EXIT_NOT_FOUND,
                    format!("no area has id '{text}' (see `vigil list areas`)"),
                ));
            }
            Some(areas_within(&parents, &id))
        }
    };
    let period = match (args.from, args.to) {
        (None, None) => None,
        (from, to) => {
            let start = from
                .map(start_of_day)
                .unwrap_or(chrono::DateTime::<chrono::Utc>::MIN_UTC);
            let end = to
                .map(end_of_day)
                .unwrap_or(chrono::DateTime::<chrono::Utc>::MAX_UTC);
            Some(
                TimeSpan::new(start, end, vigil_domain::TimePrecision::Day)
                    .map_err(|e| Failure::input(format!("--to is before --from: {}", e.problem)))?,
            )
        }
    };
    let filter = IncidentFilter { area, period };

    let input = vigil_check::Input {
        sites: &sites,
        movements: &movements,
        notifications: &notifications,
        acknowledgements: &acknowledgements,
        incidents: &incidents,
        ceasefires: &ceasefires,
        areas: &areas,
        incident_sources: &incident_sources,
    };
    spinner.set_message(format!(
        "checking {} incidents against {} sites and {} movements",
        incidents.len(),
        sites.len(),
        movements.len()
    ));
    let findings = vigil_check::check(&input, &vigil_check::Options::default());
    spinner.finish_and_clear();

    let admitted: HashSet<&IncidentId> = incidents
        .iter()
        .filter(|i| filter.admits(i))
        .map(|i| &i.id)
        .collect();
    let kinds: HashSet<FindingKind> = args.kinds.iter().map(|k| kind_of(*k)).collect();
    let shown: Vec<&Finding> = findings
        .iter()
        .filter(|f| admitted.contains(&f.incident))
        .filter(|f| kinds.is_empty() || kinds.contains(&f.kind))
        .collect();
    match print(&shown, args.format) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}
