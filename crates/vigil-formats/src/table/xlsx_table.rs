//! XLSX workbooks as tables: the first worksheet, read a cell at a time by `calamine` on a
//! thread of its own and handed over a batch of rows at a time, so a million-row sheet is
//! never held whole (calamine's cell reader borrows the workbook, which a thread can own).
//!
//! Cells become text the way a person reads them: whole numbers without a decimal point,
//! other numbers in their shortest exact form, dates as ISO 8601 (`2016-09-28`, or
//! `2016-09-28T14:30:00` when they carry a time), booleans as `true`/`false`, error cells
//! (`#N/A`) as empty. Row numbers are the spreadsheet's own (row 1 is the first row).

use super::{Next, Table, TableRow};
use calamine::{DataRef, Reader, Xlsx};
use std::collections::VecDeque;
use std::io::{Read, Seek};
use std::path::Path;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::thread;
use vigil_io::ReadError;

/// Rows per message from the reading thread.
const BATCH: usize = 1024;
/// The grid an XLSX worksheet can have (Excel's limits). A cell outside it is a damaged or
/// hostile file: its position must not size a row (a column index in the billions would ask
/// for gigabytes).
const MAX_ROWS: u32 = 1_048_576;
const MAX_COLUMNS: u32 = 16_384;

enum Message {
    Rows(Vec<TableRow>),
    Failed(String),
    /// Every row was sent: without it, a closed channel means the reading thread died.
    Done,
}

pub(crate) struct XlsxTable {
    file: String,
    rows: Receiver<Message>,
    pending: VecDeque<TableRow>,
    last_row: u64,
    total_rows: Option<u64>,
    done: bool,
}

impl XlsxTable {
    pub fn open(path: &Path) -> Result<Self, ReadError> {
        let file = path.display().to_string();
        let input = std::fs::File::open(path).map_err(|source| ReadError::Io {
            file: file.clone(),
            source,
        })?;
        Self::from_reader(file, std::io::BufReader::new(input))
    }

    /// Reads a workbook from any seekable byte stream; `file` names it in messages.
    pub fn from_reader<R: Read + Seek + Send + 'static>(
        file: String,
        input: R,
    ) -> Result<Self, ReadError> {
        let bad = |problem: String| ReadError::Format {
            file: file.clone(),
            problem,
        };
        // Opening reads the workbook's directory and shared strings; errors here are the
        // file's, reported before any row.
        let mut workbook: Xlsx<R> =
            Xlsx::new(input).map_err(|e| bad(format!("not a readable XLSX workbook: {e}")))?;
        let sheet = workbook
            .sheet_names()
            .first()
            .cloned()
            .ok_or_else(|| bad("the workbook has no worksheet".into()))?;
        let total_rows = workbook
            .worksheet_cells_reader(&sheet)
            .ok()
            .map(|reader| u64::from(reader.dimensions().end.0) + 1);
        let (send, rows) = sync_channel(4);
        thread::Builder::new()
            .name("read-xlsx".into())
            .spawn(move || {
                // A panic in the workbook reader (a damaged file) becomes an error, never a
                // silently short table.
                let sent = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    send_rows(&mut workbook, &sheet, &send)
                }));
                if sent.is_err() {
                    let _ = send.send(Message::Failed(format!(
                        "worksheet '{sheet}' could not be read (the workbook is damaged)"
                    )));
                }
            })
            .map_err(|e| bad(format!("cannot start a reader thread: {e}")))?;
        Ok(Self {
            file,
            rows,
            pending: VecDeque::new(),
            last_row: 0,
            total_rows,
            done: false,
        })
    }
}

/// Reads every cell of `sheet` and sends its rows a batch at a time, then [`Message::Done`];
/// stops at the first error, sent as [`Message::Failed`], or when the receiver is gone.
fn send_rows<R: Read + Seek>(workbook: &mut Xlsx<R>, sheet: &str, send: &SyncSender<Message>) {
    let failed = |problem: String| {
        let _ = send.send(Message::Failed(format!("worksheet '{sheet}': {problem}")));
    };
    let mut reader = match workbook.worksheet_cells_reader(sheet) {
        Ok(reader) => reader,
        Err(e) => return failed(e.to_string()),
    };
    let mut batch = Vec::with_capacity(BATCH);
    let mut current: Option<TableRow> = None;
    loop {
        let cell = match reader.next_cell() {
            Ok(Some(cell)) => cell,
            Ok(None) => break,
            Err(e) => return failed(e.to_string()),
        };
        let (row, column) = cell.get_position();
        if row >= MAX_ROWS || column >= MAX_COLUMNS {
            return failed(format!(
                "a cell lies outside the {MAX_ROWS} rows and {MAX_COLUMNS} columns an XLSX \
                 worksheet can have (row {}, column {}): the workbook is damaged",
                u64::from(row) + 1,
                u64::from(column) + 1
            ));
        }
        let line = u64::from(row) + 1;
        if current.as_ref().is_some_and(|r| r.line != line) {
            batch.extend(current.take());
            if batch.len() >= BATCH
                && send
                    .send(Message::Rows(std::mem::take(&mut batch)))
                    .is_err()
            {
                return;
            }
        }
        let current = current.get_or_insert_with(|| TableRow {
            line,
            cells: Vec::new(),
        });
        let column = column as usize;
        if current.cells.len() <= column {
            current.cells.resize(column + 1, String::new());
        }
        current.cells[column] = text(cell.get_value());
    }
    batch.extend(current.take());
    if !batch.is_empty() && send.send(Message::Rows(batch)).is_err() {
        return;
    }
    let _ = send.send(Message::Done);
}

impl Table for XlsxTable {
    fn next_row(&mut self) -> Result<Next, ReadError> {
        loop {
            if self.done && self.pending.is_empty() {
                return Ok(None);
            }
            if let Some(row) = self.pending.pop_front() {
                self.last_row = row.line;
                return Ok(Some(Ok(row)));
            }
            match self.rows.recv() {
                Ok(Message::Rows(rows)) => self.pending.extend(rows),
                Ok(Message::Done) => {
                    self.done = true;
                    return Ok(None);
                }
                Ok(Message::Failed(problem)) => {
                    return Err(ReadError::Format {
                        file: self.file.clone(),
                        problem,
                    })
                }
                // The thread ended without saying it was done.
                Err(_) => {
                    return Err(ReadError::Format {
                        file: self.file.clone(),
                        problem: "the worksheet could not be read to the end".into(),
                    })
                }
            }
        }
    }

    fn progress(&self) -> u64 {
        self.last_row
    }

    fn total(&self) -> Option<u64> {
        self.total_rows
    }
}

/// A cell as text.
fn text(value: &DataRef<'_>) -> String {
    match value {
        DataRef::Empty | DataRef::Error(_) => String::new(),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_owned(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(x) => number(*x),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(dt) => {
            if dt.is_datetime() {
                match dt.as_datetime() {
                    Some(t) if t.time() == chrono::NaiveTime::MIN => t.date().to_string(),
                    Some(t) => t.format("%Y-%m-%dT%H:%M:%S").to_string(),
                    None => number(dt.as_f64()),
                }
            } else {
                // A duration: the number of days, as the sheet stores it.
                number(dt.as_f64())
            }
        }
    }
}

/// `3` for 3.0, `31.5294490666` for itself: the shortest text that reads back to the number.
pub(crate) fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}
