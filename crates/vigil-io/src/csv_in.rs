//! Streaming CSV input: the header row, then one [`Fields`] per record.
//!
//! Records are read one at a time from a buffered file, so a file of any length is read in
//! constant memory. Line numbers are counted here rather than taken from `csv`'s
//! `Position::line()`: that one is taken before the reader skips the `\n` of a `\r\n` or blank
//! lines, so it would point one line early in Windows files and after empty lines.

use crate::columns::{Columns, HeaderMap};
use crate::error::{FieldError, ReadError, RowError};
use crate::fields::{Fields, Place};
use std::collections::VecDeque;
use std::io::{self, Read};

/// Counts bytes and remembers where line breaks are, so a record's start offset can be turned
/// into the physical line it starts on.
///
/// Only the breaks between the last record asked about and the read-ahead frontier are kept,
/// so memory stays bounded by the reader's buffer plus one record.
struct LineTracker<R> {
    inner: R,
    offset: u64,
    breaks: VecDeque<(u64, u8)>,
    newlines_before: u64,
}

impl<R: Read> Read for LineTracker<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        for (i, b) in buf[..n].iter().enumerate() {
            if *b == b'\n' || *b == b'\r' {
                self.breaks.push_back((self.offset + i as u64, *b));
            }
        }
        self.offset += n as u64;
        Ok(n)
    }
}

impl<R> LineTracker<R> {
    fn new(inner: R) -> Self {
        Self {
            inner,
            offset: 0,
            breaks: VecDeque::new(),
            newlines_before: 0,
        }
    }

    /// The 1-based line of the first byte of a record whose reading began at byte `start`
    /// (which may still be on line breaks the parser skips). Calls must come in file order.
    fn line_at(&mut self, start: u64) -> u64 {
        let mut cursor = start;
        while let Some(&(offset, byte)) = self.breaks.front() {
            // Breaks before the start, or directly at it (the `\n` of a `\r\n`, blank lines),
            // come before the record's first byte.
            if offset <= cursor {
                if offset == cursor {
                    cursor += 1;
                }
                if byte == b'\n' {
                    self.newlines_before += 1;
                }
                self.breaks.pop_front();
            } else {
                break;
            }
        }
        self.newlines_before + 1
    }
}

/// The records of a CSV file as fields of layout `C`.
pub(crate) struct CsvFields<'a, C> {
    reader: csv::Reader<LineTracker<Box<dyn Read + 'a>>>,
    positions: Vec<Option<usize>>,
    record: csv::ByteRecord,
    warnings: Vec<String>,
    total: Option<u64>,
    file: String,
    done: bool,
    layout: std::marker::PhantomData<C>,
}

impl<'a, C: Columns> CsvFields<'a, C> {
    /// Reads the header row of `file`, whose bytes `handle` gives; `total` is its size if known.
    pub fn new(
        handle: Box<dyn Read + 'a>,
        total: Option<u64>,
        file: &str,
    ) -> Result<Self, ReadError> {
        let io_error = |source| ReadError::Io {
            file: file.to_owned(),
            source,
        };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            // Rows shorter or longer than the header are common in hand-edited files: missing
            // cells read as empty, extra cells are ignored.
            .flexible(true)
            .from_reader(LineTracker::new(handle));
        let mut header = csv::ByteRecord::new();
        let found = reader
            .read_byte_record(&mut header)
            .map_err(|e| io_error(io::Error::from(e)))?;
        if !found {
            return Err(ReadError::Header {
                file: file.to_owned(),
                problem: "the file is empty (expected a header row)".into(),
            });
        }
        let names = header
            .iter()
            .map(std::str::from_utf8)
            .collect::<Result<Vec<&str>, _>>()
            .map_err(|_| ReadError::Format {
                file: file.to_owned(),
                problem: "the header row is not UTF-8 (save the file as UTF-8 CSV)".into(),
            })?;
        let map = HeaderMap::new::<C>(&names).map_err(|problem| ReadError::Header {
            file: file.to_owned(),
            problem,
        })?;
        Ok(Self {
            reader,
            positions: map.positions,
            record: csv::ByteRecord::new(),
            warnings: map.warnings,
            total,
            file: file.to_owned(),
            done: false,
            layout: std::marker::PhantomData,
        })
    }

    pub fn bytes_read(&self) -> u64 {
        self.reader.position().byte()
    }

    pub fn total_bytes(&self) -> Option<u64> {
        self.total
    }

    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    fn fields(&self, place: Place) -> Result<Fields<C>, RowError> {
        let mut fields = Fields::new();
        for column in C::ALL {
            let Some(position) = self.positions[column.index()] else {
                continue;
            };
            let bytes = self.record.get(position).unwrap_or_default();
            let text = std::str::from_utf8(bytes).map_err(|e| {
                place.error(
                    &self.file,
                    FieldError::at(
                        column.name(),
                        format!(
                            "not valid UTF-8 after byte {} (save the file as UTF-8 CSV)",
                            e.valid_up_to()
                        ),
                    ),
                )
            })?;
            fields.set(*column, text);
        }
        Ok(fields)
    }
}

impl<C: Columns> Iterator for CsvFields<'_, C> {
    type Item = Result<(Place, Fields<C>), RowError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.done {
                return None;
            }
            match self.reader.read_byte_record(&mut self.record) {
                Ok(false) => {
                    self.done = true;
                    return None;
                }
                Ok(true) => {}
                Err(e) => {
                    // A read failure leaves the reader somewhere unknown: report it and stop.
                    self.done = true;
                    let line = self.reader.position().line();
                    return Some(Err(Place::line(line)
                        .error(&self.file, FieldError::row(format!("could not read: {e}")))));
                }
            }
            let start = self.record.position().map_or(0, |p| p.byte());
            let place = Place::line(self.reader.get_mut().line_at(start));
            match self.fields(place) {
                // Rows of nothing but separators are what spreadsheets append; they hold no
                // record.
                Ok(fields) if fields.is_blank() => continue,
                Ok(fields) => return Some(Ok((place, fields))),
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(data: &str) -> Vec<(u64, String)> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(LineTracker::new(data.as_bytes()));
        let mut record = csv::ByteRecord::new();
        let mut out = Vec::new();
        while reader.read_byte_record(&mut record).unwrap() {
            let start = record.position().unwrap().byte();
            let line = reader.get_mut().line_at(start);
            out.push((line, String::from_utf8(record[0].to_vec()).unwrap()));
        }
        out
    }

    #[test]
    fn lines_count_with_crlf_blank_lines_and_quoted_newlines() {
        let expected = vec![
            (1, "h".to_string()),
            (2, "a".to_string()),
            (5, "c".to_string()),
            (6, "x\ny".to_string()),
            (8, "e".to_string()),
        ];
        assert_eq!(lines_of("h,h2\na,b\n\n\nc,d\n\"x\ny\",z\ne,f\n"), expected);
        let crlf: Vec<(u64, String)> = lines_of("h,h2\r\na,b\r\n\r\n\r\nc,d\r\n\"x\ny\",z\r\ne,f")
            .into_iter()
            .collect();
        assert_eq!(crlf, expected);
    }
}
