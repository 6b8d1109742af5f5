//! `vigil import`: a whole file in one transaction, all or nothing unless bad rows are to be
//! skipped, with a progress bar for long files.
//!
//! Parsing and validation run on one thread and database writes on another, so a large import
//! uses both cores; rows travel between them in batches.

use super::import_kind::{self, What};
use crate::cli::ImportArgs;
use crate::failure::{CliResult, Failure};
use crate::progress;
use chrono::{SubsecRound, Utc};
use sha2::{Digest, Sha256 as Hasher};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver};
use std::thread;
use vigil_areas::AreaIndex;
use vigil_domain::{Party, PartyId, PartyKind, Sha256};
use vigil_io::{IncidentRow, RowError, SiteRow};
use vigil_store::{Existing, ImportRun, Store, StoreResult, Transaction, WriteOutcome};

/// Rows per message between the reading and the writing thread.
const BATCH: usize = 2048;
/// Bad rows kept for the report when the import is rejected (the rest are counted).
const MAX_REPORTED: usize = 200;

/// A row the importer knows how to write.
trait ImportRow: Send + 'static {
    fn line(&self) -> u64;
    /// Places the record in the finest stored area containing it, unless it names its own.
    fn place(&mut self, areas: &AreaIndex);
    fn write(&self, tx: &mut dyn Transaction) -> StoreResult<WriteOutcome>;
}

fn stub_party(id: &PartyId) -> Party {
    let name = if id.as_str() == vigil_io::UNSPECIFIED_PARTY {
        "Unspecified party (the imported file did not name one)".to_owned()
    } else {
        id.to_string()
    };
    Party {
        id: id.clone(),
        name,
        kind: PartyKind::Other,
    }
}

/// Combines the outcomes of the writes one row made.
fn combine(a: WriteOutcome, b: WriteOutcome) -> WriteOutcome {
    use WriteOutcome::*;
    match (a, b) {
        (Inserted, _) => Inserted,
        (Unchanged, Unchanged) => Unchanged,
        _ => Updated,
    }
}

impl ImportRow for SiteRow {
    fn line(&self) -> u64 {
        self.line
    }

    fn place(&mut self, areas: &AreaIndex) {
        super::import_areas::place(&mut self.site.area, &self.site.location, areas);
    }

    fn write(&self, tx: &mut dyn Transaction) -> StoreResult<WriteOutcome> {
        for source in &self.sources {
            tx.put_source(source, Existing::Keep)?;
        }
        let mut outcome = tx.put_site(&self.site)?;
        if let Some(notification) = &self.notification {
            for party in &notification.parties {
                tx.put_party(&stub_party(party), Existing::Keep)?;
            }
            let (written, _version) = tx.put_notification(notification)?;
            outcome = combine(outcome, written);
        }
        Ok(outcome)
    }
}

impl ImportRow for IncidentRow {
    fn line(&self) -> u64 {
        self.line
    }

    fn place(&mut self, areas: &AreaIndex) {
        super::import_areas::place(&mut self.incident.area, &self.incident.location, areas);
    }

    fn write(&self, tx: &mut dyn Transaction) -> StoreResult<WriteOutcome> {
        tx.put_source(&self.source, Existing::Keep)?;
        for source in &self.extra_sources {
            tx.put_source(source, Existing::Keep)?;
        }
        for party in &self.parties {
            tx.put_party(party, Existing::Keep)?;
        }
        // A row stating exactly what is stored adds nothing, not even a report: re-importing
        // an export, or a source's unchanged row, leaves the database as it was.
        tx.put_incident_from(&self.incident, &self.report)
    }
}

/// Opens the file as a stream of rows of one kind, on the reading thread.
type Opener<T> = Box<
    dyn FnOnce(
            &Path,
        ) -> Result<
            Box<dyn vigil_io::RowSource<Item = Result<T, RowError>>>,
            vigil_io::ReadError,
        > + Send,
>;

/// What the reading thread sends.
enum Message<T> {
    Opened {
        total_bytes: Option<u64>,
    },
    Rows {
        rows: Vec<Result<T, RowError>>,
        bytes_read: u64,
    },
    Done {
        warnings: Vec<String>,
    },
    Failed(String),
}

/// Reads rows on a thread of their own and sends them in batches.
fn spawn_reader<T: ImportRow>(
    path: PathBuf,
    open: Opener<T>,
) -> (Receiver<Message<T>>, thread::JoinHandle<()>) {
    let (send, receive) = sync_channel(8);
    let reader = thread::Builder::new().name("read-rows".into());
    let handle = reader.spawn(move || {
        let mut rows = match open(&path) {
            Ok(rows) => rows,
            Err(e) => {
                let _ = send.send(Message::Failed(e.to_string()));
                return;
            }
        };
        if send
            .send(Message::Opened {
                total_bytes: rows.total_bytes(),
            })
            .is_err()
        {
            return;
        }
        loop {
            let batch: Vec<_> = rows.by_ref().take(BATCH).collect();
            if batch.is_empty() {
                break;
            }
            let message = Message::Rows {
                rows: batch,
                bytes_read: rows.bytes_read(),
            };
            if send.send(message).is_err() {
                return;
            }
        }
        let _ = send.send(Message::Done {
            warnings: rows.warnings().to_vec(),
        });
    });
    (receive, handle.expect("a thread can be started"))
}

fn spawn_hasher(path: PathBuf) -> thread::JoinHandle<std::io::Result<Sha256>> {
    thread::spawn(move || {
        let mut file = std::fs::File::open(path)?;
        let mut hasher = Hasher::new();
        let mut buffer = vec![0u8; 1 << 20];
        loop {
            let n = file.read(&mut buffer)?;
            if n == 0 {
                break;
            }
            hasher.update(&buffer[..n]);
        }
        Ok(Sha256::from_bytes(hasher.finalize().into()))
    })
}

#[derive(Default)]
struct Tally {
    rows: u64,
    inserted: u64,
    updated: u64,
    unchanged: u64,
    bad: Vec<RowError>,
    bad_count: u64,
}

impl Tally {
    fn count(&mut self, outcome: WriteOutcome) {
        match outcome {
            WriteOutcome::Inserted => self.inserted += 1,
            WriteOutcome::Updated => self.updated += 1,
            WriteOutcome::Unchanged => self.unchanged += 1,
        }
    }

    fn reject(&mut self, error: RowError, keep_all: bool) {
        self.bad_count += 1;
        if keep_all || self.bad.len() < MAX_REPORTED {
            self.bad.push(error);
        }
    }
}

fn import<T: ImportRow>(
    store: &mut dyn Store,
    args: &ImportArgs,
    record_kind: &str,
    open: Opener<T>,
) -> CliResult {
    let path = &args.file;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let hasher = spawn_hasher(path.clone());
    let (messages, reader) = spawn_reader(path.clone(), open);
    // Loaded once, before any row is written: a row is placed before it is compared with the
    // stored record, so re-importing a file changes nothing.
    let areas = super::import_areas::stored_index(store)?;

    let mut tx = store.transaction()?;
    let mut tally = Tally::default();
    let mut bar = progress::for_file(None);
    let mut warnings = Vec::new();
    let skip = args.skip_bad_rows;

    for message in messages {
        match message {
            Message::Opened { total_bytes } => bar = progress::for_file(total_bytes),
            Message::Failed(problem) => return Err(Failure::input(problem)),
            Message::Done { warnings: w } => warnings = w,
            Message::Rows { rows, bytes_read } => {
                for row in rows {
                    tally.rows += 1;
                    let mut row = match row {
                        Ok(row) => row,
                        Err(error) => {
                            tally.reject(error, skip);
                            continue;
                        }
                    };
                    row.place(&areas);
                    // After a bad row the file is rejected, but the remaining rows are still
                    // written (and rolled back with the rest) so that problems only the
                    // database can find, such as a site that does not exist, are reported for
                    // every row at once too.
                    if skip {
                        tx.savepoint()?;
                    }
                    match row.write(tx.as_mut()) {
                        Ok(outcome) => {
                            if skip {
                                tx.release_savepoint()?;
                            }
                            tally.count(outcome);
                        }
                        Err(e) if e.category() == vigil_domain::ErrorCategory::Internal => {
                            return Err(e.into())
                        }
                        Err(e) => {
                            if skip {
                                tx.rollback_to_savepoint()?;
                            }
                            tally.reject(
                                RowError {
                                    file: path.display().to_string(),
                                    line: row.line(),
                                    column: None,
                                    problem: e.to_string(),
                                },
                                skip,
                            );
                        }
                    }
                }
                bar.set_position(bytes_read);
                bar.set_message(format!("{} rows", tally.rows));
            }
        }
    }
    reader
        .join()
        .map_err(|_| Failure::internal("the file reader stopped unexpectedly"))?;
    for warning in &warnings {
        eprintln!("warning: {file_name}: {warning}");
    }

    if args.dry_run {
        bar.finish_and_clear();
        // Nothing is committed: dropping the transaction rolls back every write it made, which
        // were made so that the counts below, and problems only the database finds, are real.
        drop(tx);
        for error in &tally.bad {
            eprintln!("{error}");
        }
        if tally.bad_count > tally.bad.len() as u64 {
            eprintln!(
                "… and {} more bad rows",
                tally.bad_count - tally.bad.len() as u64
            );
        }
        let outcome = if tally.bad_count > 0 && !skip {
            "would be rejected: fix the bad rows, or use --skip-bad-rows"
        } else {
            "would be imported"
        };
        println!(
            "Dry run of {file_name}: {} rows read, {} new, {} changed, {} unchanged, {} bad; \
             the file {outcome}. Nothing was written.",
            tally.rows, tally.inserted, tally.updated, tally.unchanged, tally.bad_count
        );
        return if tally.bad_count > 0 && !skip {
            Err(Failure::input(format!(
                "{file_name}: {} bad row{} of {}",
                tally.bad_count,
                if tally.bad_count == 1 { "" } else { "s" },
                tally.rows
            )))
        } else {
            Ok(())
        };
    }

    if tally.bad_count > 0 && !skip {
        bar.finish_and_clear();
        for error in &tally.bad {
            eprintln!("{error}");
        }
        if tally.bad_count > tally.bad.len() as u64 {
            eprintln!(
                "… and {} more bad rows",
                tally.bad_count - tally.bad.len() as u64
            );
        }
        drop(tx);
        return Err(Failure::input(format!(
            "{file_name}: {} bad row{} of {}; nothing was imported \
             (fix the rows, or use --skip-bad-rows to import the good ones)",
            tally.bad_count,
            if tally.bad_count == 1 { "" } else { "s" },
            tally.rows
        )));
    }

    let file_sha256 = hasher
        .join()
        .map_err(|_| Failure::internal("hashing the file stopped unexpectedly"))??;
    tx.record_import(&ImportRun {
        finished_at: Utc::now().trunc_subsecs(0),
        record_kind: record_kind.into(),
        file_name: file_name.clone(),
        file_sha256,
        rows_read: tally.rows,
        inserted: tally.inserted,
        updated: tally.updated,
        unchanged: tally.unchanged,
        skipped: tally.bad_count,
    })?;
    // Writing a large import to disk takes seconds after the last row: say so.
    bar.set_message(format!("{} rows read; saving to the database…", tally.rows));
    tx.commit()?;
    bar.finish_and_clear();

    for error in &tally.bad {
        eprintln!("skipped {error}");
    }
    println!(
        "Imported {file_name}: {} rows read, {} new, {} changed, {} unchanged, {} skipped.",
        tally.rows, tally.inserted, tally.updated, tally.unchanged, tally.bad_count
    );
    Ok(())
}

pub fn run(store: &mut dyn Store, args: &ImportArgs) -> CliResult {
    match import_kind::decide(args)? {
        What::Areas => super::import_areas::import(store, args)?,
        What::Sites(format) => import::<SiteRow>(
            store,
            args,
            "sites",
            Box::new(move |path: &Path| vigil_io::read_sites(path, format)),
        )?,
        What::Incidents(format) => import::<IncidentRow>(
            store,
            args,
            "incidents",
            Box::new(move |path: &Path| vigil_io::read_incidents(path, format)),
        )?,
        What::Foreign(options) => {
            let rows = vigil_formats::ForeignRows::open(&args.file, &options)
                .map_err(|e| Failure::input(e.to_string()))?;
            import_kind::describe(&args.file, &rows, args.dry_run);
            import::<IncidentRow>(
                store,
                args,
                "incidents",
                Box::new(move |_: &Path| {
                    Ok(Box::new(rows)
                        as Box<
                            dyn vigil_io::RowSource<Item = Result<IncidentRow, RowError>>,
                        >)
                }),
            )?
        }
    }
    if args.dry_run {
        return Ok(());
    }
    // The import is committed before the cross-check runs: if that is interrupted, the
    // stored findings stay marked out of date and the next check brings them up.
    if !args.no_check {
        super::check::update_stored_findings(store)?;
    }
    Ok(())
}
