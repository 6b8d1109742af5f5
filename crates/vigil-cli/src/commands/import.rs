//! `vigil import`: runs the import pipeline (`vigil-import`) on a file, with a progress bar
//! for long files, prints its report (`import_report`), then brings the stored findings up to
//! date.

use super::import_report;
use crate::cli::{ImportArgs, ImportFormat, RecordKind as KindArg};
use crate::failure::{CliResult, Failure};
use crate::progress;
use indicatif::ProgressBar;
use vigil_import::{FileFormat, ImportError, ImportFile, Options, Plan, Progress, RecordKind};
use vigil_store::Store;

/// Bad rows printed when a file is rejected (the rest are counted).
const MAX_REPORTED: usize = 200;

fn options(args: &ImportArgs) -> Options {
    Options {
        kind: args.kind.map(|kind| match kind {
            KindArg::Sites => RecordKind::Sites,
            KindArg::Incidents => RecordKind::Incidents,
            KindArg::Areas => RecordKind::Areas,
        }),
        format: args.format.map(|format| match format {
            ImportFormat::Csv => FileFormat::Csv,
            ImportFormat::Geojson => FileFormat::Geojson,
            ImportFormat::Hxl => FileFormat::Hxl,
            ImportFormat::Acled => FileFormat::Acled,
            ImportFormat::Ucdp => FileFormat::Ucdp,
        }),
        mapping: args.mapping.clone(),
        dry_run: args.dry_run,
        skip_bad_rows: args.skip_bad_rows,
        max_bad_rows_reported: Some(MAX_REPORTED),
    }
}

impl From<ImportError> for Failure {
    fn from(e: ImportError) -> Self {
        match e {
            ImportError::Input(message) => Failure::input(message),
            ImportError::Store(e) => e.into(),
            ImportError::Io(e) => e.into(),
            ImportError::Internal(message) => Failure::internal(message),
        }
    }
}

/// Draws the pipeline's progress on standard error: a bar while rows are read, a spinner
/// while stored records are placed in areas.
struct Drawing {
    file_name: String,
    bar: ProgressBar,
    spinner: Option<ProgressBar>,
}

impl Drawing {
    fn show(&mut self, step: Progress) {
        match step {
            Progress::Layout(layout) => eprintln!("Reading {}: {layout}.", self.file_name),
            Progress::Started { total } => self.bar = progress::for_file(total),
            Progress::Read { position, rows } => {
                self.bar.set_position(position);
                self.bar.set_message(format!("{rows} rows"));
            }
            // Writing a large import to disk takes seconds after the last row: say so.
            Progress::Saving { rows } => self
                .bar
                .set_message(format!("{rows} rows read; saving to the database…")),
            Progress::Placing(message) => match &self.spinner {
                Some(spinner) => spinner.set_message(message),
                None => self.spinner = Some(progress::spinner(&message)),
            },
            Progress::Done => {
                self.bar.finish_and_clear();
                if let Some(spinner) = self.spinner.take() {
                    spinner.finish_and_clear();
                }
            }
        }
    }
}

pub fn run(store: &mut dyn Store, args: &ImportArgs) -> CliResult {
    let file = ImportFile::path(&args.file);
    let mut drawing = Drawing {
        file_name: file.file_name(),
        bar: progress::for_file(None),
        spinner: None,
    };
    let plan = Plan::new(file, options(args))?;
    let report = plan.run(store, None, &mut |step| drawing.show(step))?;
    import_report::print(&report, args.dry_run)?;
    if !report.outcome.is_committed() {
        return Ok(());
    }
    // The import is committed before the cross-check runs: if that is interrupted, the
    // stored findings stay marked out of date and the next check brings them up.
    if !args.no_check {
        super::check::update_stored_findings(store)?;
    }
    Ok(())
}
