//! An import's report as `vigil import` prints it: the summary on standard output, bad rows
//! and warnings on standard error, and the failure (exit code 3) of a rejected file.

use crate::failure::{CliResult, Failure};
use vigil_import::{Outcome, RecordKind, Report};

fn plural(n: u64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Prints `report`; a rejected file is a failure. With `dry_run`, a publisher's columns are
/// listed with the field each gives.
pub fn print(report: &Report, dry_run: bool) -> CliResult {
    if report.kind == RecordKind::Areas {
        areas(report)
    } else {
        records(report, dry_run)
    }
}

fn print_bad_rows(report: &Report, prefix: &str) {
    for row in &report.bad_rows {
        eprintln!("{prefix}{}", row.message);
    }
}

fn print_more(report: &Report) {
    let shown = report.bad_rows.len() as u64;
    if report.bad > shown {
        eprintln!("… and {} more bad rows", report.bad - shown);
    }
}

fn records(report: &Report, dry_run: bool) -> CliResult {
    let name = &report.file;
    if dry_run {
        if let Some(layout) = report.layout {
            println!("Columns of {name} ({layout}):");
            for column in &report.columns {
                let tag = column
                    .tag
                    .as_deref()
                    .map(|t| format!(" {t}"))
                    .unwrap_or_default();
                match &column.field {
                    Some(field) => println!("  {}{tag} → {field}", column.label),
                    None => println!("  {}{tag} → kept in the report only", column.label),
                }
            }
        }
    }
    for warning in &report.warnings {
        eprintln!("warning: {name}: {warning}");
    }
    let counts = format!(
        "{} rows read, {} new, {} changed, {} unchanged",
        report.rows_read, report.inserted, report.updated, report.unchanged
    );
    let bad = format!(
        "{name}: {} bad row{} of {}",
        report.bad,
        plural(report.bad),
        report.rows_read
    );
    match report.outcome {
        Outcome::WouldBeImported | Outcome::WouldBeRejected => {
            print_bad_rows(report, "");
            print_more(report);
            let rejected = report.outcome == Outcome::WouldBeRejected;
            let outcome = if rejected {
                "would be rejected: fix the bad rows, or use --skip-bad-rows"
            } else {
                "would be imported"
            };
            println!(
                "Dry run of {name}: {counts}, {} bad; the file {outcome}. Nothing was written.",
                report.bad
            );
            if rejected {
                return Err(Failure::input(bad));
            }
        }
        Outcome::Rejected => {
            print_bad_rows(report, "");
            print_more(report);
            return Err(Failure::input(format!(
                "{bad}; nothing was imported (fix the rows, or use --skip-bad-rows to import \
                 the good ones)"
            )));
        }
        Outcome::Imported => {
            print_bad_rows(report, "skipped ");
            println!("Imported {name}: {counts}, {} skipped.", report.bad);
        }
    }
    Ok(())
}

fn areas(report: &Report) -> CliResult {
    let name = &report.file;
    let counts = format!(
        "{} areas read, {} new, {} changed, {} unchanged",
        report.rows_read, report.inserted, report.updated, report.unchanged
    );
    match report.outcome {
        Outcome::Rejected | Outcome::WouldBeRejected => {
            print_bad_rows(report, "");
            return Err(Failure::input(format!(
                "{name}: {} bad feature{} of {}; nothing was imported (fix the features, or \
                 use --skip-bad-rows to import the good ones)",
                report.bad,
                plural(report.bad),
                report.rows_read
            )));
        }
        Outcome::WouldBeImported => {
            print_bad_rows(report, "");
            println!(
                "Dry run of {name}: {counts}, {} bad. Nothing was written.",
                report.bad
            );
        }
        Outcome::Imported => {
            print_bad_rows(report, "skipped ");
            for warning in &report.warnings {
                eprintln!("warning: {name}: {warning}");
            }
            let countries = if report.new_countries.is_empty() {
                String::new()
            } else {
                format!(" New country area: {}.", report.new_countries.join(", "))
            };
            println!(
                "Imported {name}: {counts}, {} skipped.{countries}",
                report.bad
            );
            if let Some(placed) = report.placed {
                println!(
                    "Placed {} incident{} and {} site{} in the finest area containing them.",
                    placed.incidents,
                    plural(placed.incidents),
                    placed.sites,
                    plural(placed.sites),
                );
            }
        }
    }
    Ok(())
}
