//! XLSX workbooks as tables: the first worksheet, read a cell at a time by `calamine` on a
//! thread of its own and handed over a batch of rows at a time, so a million-row sheet is
//! never held whole (calamine's cell reader borrows the workbook, which a thread can own).
//!
//! Cells become text the way a person reads them: whole numbers without a decimal point,
//! other numbers in their shortest exact form, dates as ISO 8601 (`2016-09-28`, or
//! `2016-09-28T14:30:00` when they carry a time), booleans as `true`/`false`, error cells
//! (`#N/A`) as empty. Row numbers are the spreadsheet's own (row 1 is the first row).

use super::{Next, Table, TableRow};
use calamine::{open_workbook, DataRef, Reader, Xlsx};
use std::collections::VecDeque;
use std::path::Path;
use std::sync::mpsc::{sync_channel, Receiver};
use std::thread;
use vigil_io::ReadError;

/// Rows per message from the reading thread.
const BATCH: usize = 1024;

enum Message {
    Rows(Vec<TableRow>),
    Failed(String),
}

pub(crate) struct XlsxTable {
    file: String,
    rows: Receiver<Message>,
    pending: VecDeque<TableRow>,
    last_row: u64,
    total_rows: Option<u64>,
}

impl XlsxTable {
    pub fn open(path: &Path) -> Result<Self, ReadError> {
        let file = path.display().to_string();
        let bad = |problem: String| ReadError::Format {
            file: file.clone(),
            problem,
        };
        // Opening reads the workbook's directory and shared strings; errors here are the
        // file's, reported before any row.
        let mut workbook: Xlsx<_> =
            open_workbook(path).map_err(|e| bad(format!("not a readable XLSX workbook: {e}")))?;
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
                let failed =
                    |e: calamine::XlsxError| Message::Failed(format!("worksheet '{sheet}': {e}"));
                let mut reader = match workbook.worksheet_cells_reader(&sheet) {
                    Ok(reader) => reader,
                    Err(e) => {
                        let _ = send.send(failed(e));
                        return;
                    }
                };
                let mut batch = Vec::with_capacity(BATCH);
                let mut current: Option<TableRow> = None;
                loop {
                    let cell = match reader.next_cell() {
                        Ok(Some(cell)) => cell,
                        Ok(None) => break,
                        Err(e) => {
                            let _ = send.send(failed(e));
                            return;
                        }
                    };
                    let (row, column) = cell.get_position();
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
                if !batch.is_empty() {
                    let _ = send.send(Message::Rows(batch));
                }
            })
            .map_err(|e| bad(format!("cannot start a reader thread: {e}")))?;
        Ok(Self {
            file,
            rows,
            pending: VecDeque::new(),
            last_row: 0,
            total_rows,
        })
    }
}

impl Table for XlsxTable {
    fn next_row(&mut self) -> Result<Next, ReadError> {
        loop {
            if let Some(row) = self.pending.pop_front() {
                self.last_row = row.line;
                return Ok(Some(Ok(row)));
            }
            match self.rows.recv() {
                Ok(Message::Rows(rows)) => self.pending.extend(rows),
                Ok(Message::Failed(problem)) => {
                    return Err(ReadError::Format {
                        file: self.file.clone(),
                        problem,
                    })
                }
                // The thread has finished and said everything it had.
                Err(_) => return Ok(None),
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
