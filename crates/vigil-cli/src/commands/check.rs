//! `vigil check`: runs the cross-check engine over the whole database and prints the findings
//! as a table, CSV or JSON, optionally filtered by kind, area and period.
//!
//! The engine always sees every record: a repeat attack or a duplicate needs incidents outside
//! the period asked for. The filters apply to the findings' incidents.

use super::list::print_table;
use super::record_filter::RecordFilter;
use crate::cli::{CheckArgs, CheckFormat, FindingKindArg};
use crate::failure::{CliResult, Failure};
use rayon::prelude::*;
use std::collections::HashSet;
use std::io::{self, Write};
use vigil_check::finding::{Finding, FindingKind};
use vigil_domain::IncidentId;
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

/// CSV lines, quoted as needed.
fn csv_lines(rows: &[Vec<String>]) -> io::Result<Vec<u8>> {
    let mut lines = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::with_capacity(rows.len() * 256));
    for row in rows {
        lines.write_record(row)?;
    }
    lines.into_inner().map_err(|e| e.into_error())
}

/// Findings per parallel CSV formatting task.
const CSV_TASK: usize = 1024;

/// Where findings go as they come: CSV and JSON are written a batch at a time, so memory stays
/// flat however many there are; the table needs every row to size its columns.
enum Output {
    Csv(io::BufWriter<io::Stdout>),
    Json {
        out: io::BufWriter<io::Stdout>,
        first: bool,
    },
    Table(Vec<Vec<String>>),
}

impl Output {
    fn new(format: CheckFormat) -> io::Result<Self> {
        let out = io::BufWriter::with_capacity(1 << 20, io::stdout());
        Ok(match format {
            CheckFormat::Csv => {
                let mut out = out;
                out.write_all(&csv_lines(&[CSV_HEADER
                    .iter()
                    .map(|h| h.to_string())
                    .collect()])?)?;
                Output::Csv(out)
            }
            CheckFormat::Json => Output::Json { out, first: true },
            CheckFormat::Table => Output::Table(Vec::new()),
        })
    }

    /// Writes a batch. CSV rows are formatted on every core, a slice of the batch each, then
    /// written in order.
    fn write_batch(&mut self, batch: &[&Finding]) -> io::Result<()> {
        match self {
            Output::Csv(out) => {
                let parts: Vec<io::Result<Vec<u8>>> = batch
                    .par_chunks(CSV_TASK)
                    .map(|part| csv_lines(&part.iter().map(|f| csv_row(f)).collect::<Vec<_>>()))
                    .collect();
                for part in parts {
                    out.write_all(&part?)?;
                }
                Ok(())
            }
            _ => batch.iter().try_for_each(|f| self.write(f)),
        }
    }

    fn write(&mut self, f: &Finding) -> io::Result<()> {
        match self {
            Output::Csv(out) => out.write_all(&csv_lines(&[csv_row(f)])?)?,
            Output::Json { out, first } => {
                out.write_all(if *first { b"[\n" } else { b",\n" })?;
                *first = false;
                serde_json::to_writer_pretty(&mut *out, f)?;
            }
            Output::Table(rows) => rows.push(vec![
                f.kind.as_str().into(),
                f.strength.as_str().into(),
                f.incident.to_string(),
                f.subject.id().into(),
                f.distance_m
                    .map(|d| format!("{d:.0} m"))
                    .unwrap_or_default(),
                f.explanation.clone(),
            ]),
        }
        Ok(())
    }

    fn finish(self) -> io::Result<()> {
        match self {
            Output::Csv(mut out) => out.flush()?,
            Output::Json { mut out, first } => {
                out.write_all(if first { b"[]\n" } else { b"\n]\n" })?;
                out.flush()?;
            }
            Output::Table(rows) => print_table(
                &[
                    "kind",
                    "strength",
                    "incident",
                    "subject",
                    "distance",
                    "explanation",
                ],
                &rows,
            ),
        }
        Ok(())
    }
}

/// Brings the stored findings up to date after a change (an import, the demo), with a spinner
/// while it runs and one line saying what changed.
pub fn update_stored_findings(store: &mut dyn Store) -> CliResult {
    let options = vigil_check::Options::default();
    if vigil_findings::is_current(store, &options)? {
        return Ok(());
    }
    let spinner = crate::progress::spinner("cross-checking: reading the records");
    let records = vigil_findings::Records::load(store)?;
    spinner.set_message(format!(
        "cross-checking {} incidents against {} sites and {} movements",
        records.incidents.len(),
        records.sites.len(),
        records.movements.len()
    ));
    let summary = vigil_findings::run(store, &records, &options, true, |_| Ok::<(), Failure>(()));
    spinner.finish_and_clear();
    let summary = summary?;
    println!(
        "Findings: {} on {} incidents; {} incidents' findings new or changed, {} cleared \
         (`vigil check` lists them).",
        summary.findings,
        summary.incidents_with_findings,
        summary.incidents_written,
        summary.incidents_cleared
    );
    Ok(())
}

/// The area and period filters, from the arguments; `None` when neither is given.
fn incident_filter(store: &dyn Store, args: &CheckArgs) -> CliResult<Option<RecordFilter>> {
    let filter = RecordFilter::new(store, args.area.as_deref(), args.from, args.to)?;
    Ok((!filter.is_everything()).then_some(filter))
}

pub fn run(store: &mut dyn Store, args: &CheckArgs) -> CliResult {
    let kinds: HashSet<FindingKind> = args.kinds.iter().map(|k| kind_of(*k)).collect();
    let filter = incident_filter(store, args)?;
    let options = vigil_check::Options::default();
    let mut output: Option<Output> = None;
    let spinner = crate::progress::spinner("reading the register and the incidents");

    let written = if args.stored {
        let admitted = match &filter {
            None => None,
            Some(filter) => {
                let mut admitted = HashSet::new();
                store.for_each_incident(&mut |incident| {
                    if filter.admits_incident(&incident) {
                        admitted.insert(incident.id);
                    }
                    Ok(())
                })?;
                Some(admitted)
            }
        };
        let shown = |f: &Finding| {
            admitted.as_ref().is_none_or(|a| a.contains(&f.incident))
                && (kinds.is_empty() || kinds.contains(&f.kind))
        };
        match store.findings_state()? {
            None => {
                spinner.finish_and_clear();
                return Err(Failure::new(
                    crate::failure::EXIT_NOT_FOUND,
                    "no findings are stored yet: run `vigil check` to compute them",
                ));
            }
            Some(_) if !vigil_findings::is_current(store, &options)? => {
                spinner.suspend(|| {
                    eprintln!(
                        "warning: the records have changed since these findings were computed; \
                         `vigil check` brings them up to date"
                    )
                });
            }
            Some(_) => {}
        }
        spinner.set_message("reading the stored findings");
        let mut out = Output::new(args.format)?;
        let mut failed = None;
        let read = store.for_each_finding(&mut |f| {
            if failed.is_none() && shown(&f) {
                if let Err(e) = out.write(&f) {
                    failed = Some(e);
                }
            }
            Ok(())
        });
        spinner.finish_and_clear();
        read?;
        match failed {
            Some(e) => Err(e),
            None => out.finish(),
        }
    } else {
        let records = vigil_findings::Records::load(store)?;
        let admitted: Option<HashSet<IncidentId>> = filter.as_ref().map(|filter| {
            records
                .incidents
                .iter()
                .filter(|i| filter.admits_incident(i))
                .map(|i| i.id.clone())
                .collect()
        });
        let shown = |f: &Finding| {
            admitted.as_ref().is_none_or(|a| a.contains(&f.incident))
                && (kinds.is_empty() || kinds.contains(&f.kind))
        };
        spinner.set_message(format!(
            "checking {} incidents against {} sites and {} movements",
            records.incidents.len(),
            records.sites.len(),
            records.movements.len()
        ));
        // A reader that stops early (`vigil check | head`) closes the pipe: printing stops,
        // but the run goes on so that the findings are still saved.
        let mut pipe_closed = false;
        let summary = vigil_findings::run(store, &records, &options, !args.no_save, |batch| {
            if pipe_closed {
                return Ok(());
            }
            // The spinner stays until the first findings are ready to be written.
            let written = spinner.suspend(|| {
                let output = match &mut output {
                    Some(output) => output,
                    None => output.insert(Output::new(args.format)?),
                };
                let shown: Vec<&Finding> = batch.iter().filter(|f| shown(f)).collect();
                output.write_batch(&shown)
            });
            match written {
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => pipe_closed = true,
                other => other?,
            }
            Ok::<(), Failure>(())
        })?;
        spinner.finish_and_clear();
        if !args.no_save {
            // On standard error, so the findings on standard output stay clean.
            eprintln!(
                "Saved: {} incidents' findings new or changed, {} cleared.",
                summary.incidents_written, summary.incidents_cleared
            );
        }
        if pipe_closed {
            return Ok(());
        }
        match output {
            Some(output) => output.finish(),
            None => Output::new(args.format)?.finish(),
        }
    };
    match written {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}
