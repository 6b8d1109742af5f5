//! Sites and incidents: a whole file in one transaction, all or nothing unless bad rows are
//! to be skipped.
//!
//! Parsing and validation run on one thread and database writes on another, so a large import
//! uses two cores; rows travel between them in batches.

use crate::areas;
use crate::error::ImportError;
use crate::file::{ImportFile, Rows};
use crate::kind::{Options, RecordKind};
use crate::progress::Progress;
use crate::report::{BadRow, ColumnRead, Outcome, Report};
use crate::rows::ImportRow;
use chrono::{SubsecRound, Utc};
use std::sync::mpsc::{sync_channel, Receiver};
use std::thread;
use vigil_domain::{Actor, ErrorCategory};
use vigil_io::{ReadError, RowError};
use vigil_store::{ImportRun, Store, WriteOutcome};

/// Rows per message between the reading and the writing thread.
const BATCH: usize = 2048;

/// Opens the file as a stream of rows of one kind, on the reading thread.
pub(crate) type Opener<T> = Box<dyn FnOnce() -> Result<Rows<T>, ReadError> + Send>;

/// How a publisher's file is read, for the report.
#[derive(Default)]
pub(crate) struct Described {
    pub layout: Option<&'static str>,
    pub columns: Vec<ColumnRead>,
}

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
fn spawn_reader<T: ImportRow>(open: Opener<T>) -> (Receiver<Message<T>>, thread::JoinHandle<()>) {
    let (send, receive) = sync_channel(8);
    let reader = thread::Builder::new().name("read-rows".into());
    let handle = reader.spawn(move || {
        let mut rows = match open() {
            Ok(rows) => rows,
            Err(e) => {
                let _ = send.send(Message::Failed(e.to_string()));
                return;
            }
        };
        let opened = Message::Opened {
            total_bytes: rows.total_bytes(),
        };
        if send.send(opened).is_err() {
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
            // The writer stopped (a database failure): nothing more to read for.
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

#[derive(Default)]
struct Tally {
    rows: u64,
    inserted: u64,
    updated: u64,
    unchanged: u64,
    bad: Vec<BadRow>,
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

    fn reject(&mut self, error: RowError, keep: Option<usize>) {
        self.bad_count += 1;
        if keep.is_none_or(|keep| self.bad.len() < keep) {
            self.bad.push(error.into());
        }
    }
}

/// Imports the rows `open` gives; see the module doc.
#[allow(clippy::too_many_arguments)] // one call site, in `plan`, names each
pub(crate) fn import<T: ImportRow>(
    store: &mut dyn Store,
    actor: Option<&Actor>,
    file: &ImportFile,
    options: &Options,
    kind: RecordKind,
    open: Opener<T>,
    described: Described,
    progress: &mut dyn FnMut(Progress),
) -> Result<Report, ImportError> {
    let file_name = file.file_name();
    let hashed = file.clone();
    let hasher = thread::spawn(move || hashed.sha256());
    let (messages, reader) = spawn_reader(open);
    // Loaded once, before any row is written: a row is placed before it is compared with the
    // stored record, so re-importing a file changes nothing.
    let areas = areas::stored_index(store)?;

    let mut tx = match actor {
        Some(actor) => store.transaction_as(actor)?,
        None => store.transaction()?,
    };
    let mut tally = Tally::default();
    let mut warnings = Vec::new();
    let skip = options.skip_bad_rows;
    // Skipped rows are all reported; a rejected file's as many as the caller keeps.
    let keep = if skip {
        None
    } else {
        options.max_bad_rows_reported
    };

    for message in messages {
        match message {
            Message::Opened { total_bytes } => progress(Progress::Started { total: total_bytes }),
            Message::Failed(problem) => return Err(ImportError::Input(problem)),
            Message::Done { warnings: w } => warnings = w,
            Message::Rows { rows, bytes_read } => {
                for row in rows {
                    tally.rows += 1;
                    let mut row = match row {
                        Ok(row) => row,
                        Err(error) => {
                            tally.reject(error, keep);
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
                        Err(e) if e.category() == ErrorCategory::Internal => return Err(e.into()),
                        Err(e) => {
                            if skip {
                                tx.rollback_to_savepoint()?;
                            }
                            let error = RowError {
                                file: file.name().to_owned(),
                                line: row.line(),
                                column: None,
                                problem: e.to_string(),
                            };
                            tally.reject(error, keep);
                        }
                    }
                }
                progress(Progress::Read {
                    position: bytes_read,
                    rows: tally.rows,
                });
            }
        }
    }
    reader
        .join()
        .map_err(|_| ImportError::Internal("the file reader stopped unexpectedly".into()))?;

    let rejected = tally.bad_count > 0 && !skip;
    let outcome = match (options.dry_run, rejected) {
        (true, true) => Outcome::WouldBeRejected,
        (true, false) => Outcome::WouldBeImported,
        (false, true) => Outcome::Rejected,
        (false, false) => Outcome::Imported,
    };
    if outcome.is_committed() {
        let file_sha256 = hasher
            .join()
            .map_err(|_| ImportError::Internal("hashing the file stopped unexpectedly".into()))??;
        tx.record_import(&ImportRun {
            finished_at: Utc::now().trunc_subsecs(0),
            record_kind: kind.as_str().into(),
            file_name: file_name.clone(),
            file_sha256,
            rows_read: tally.rows,
            inserted: tally.inserted,
            updated: tally.updated,
            unchanged: tally.unchanged,
            skipped: tally.bad_count,
        })?;
        progress(Progress::Saving { rows: tally.rows });
        tx.commit()?;
    } else {
        // Nothing is committed: dropping the transaction rolls back every write it made,
        // which were made so that the counts, and problems only the database finds, are real.
        drop(tx);
    }
    progress(Progress::Done);
    Ok(Report {
        file: file_name,
        kind,
        outcome,
        layout: described.layout,
        columns: described.columns,
        rows_read: tally.rows,
        inserted: tally.inserted,
        updated: tally.updated,
        unchanged: tally.unchanged,
        bad: tally.bad_count,
        bad_rows: tally.bad,
        warnings,
        new_countries: Vec::new(),
        placed: None,
    })
}
