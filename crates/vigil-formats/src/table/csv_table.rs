//! CSV files as tables: any number of cells per row, a byte order mark ignored, line numbers
//! counted as the `csv` crate counts them (the physical line a record starts on).
//!
//! Text is UTF-8; a row that is not (older exports saved by spreadsheet programs, such as
//! ACLED's 2016 files with a no-break space as byte A0) is read as Windows-1252, the encoding
//! those programs used, and the file's warnings say how many rows were.

use super::{Next, Table, TableRow};
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;
use vigil_io::ReadError;

pub(crate) struct CsvTable {
    file: String,
    reader: csv::Reader<BufReader<Box<dyn Read + Send>>>,
    record: csv::ByteRecord,
    total: Option<u64>,
    first: bool,
    legacy_rows: u64,
}

impl CsvTable {
    pub fn open(path: &Path) -> Result<Self, ReadError> {
        let file_name = path.display().to_string();
        let io = |source| ReadError::Io {
            file: file_name.clone(),
            source,
        };
        let file = File::open(path).map_err(io)?;
        let total = file.metadata().ok().map(|m| m.len());
        Ok(Self::from_reader(file_name, Box::new(file), total))
    }

    /// Reads CSV from any byte stream; `file` names it in messages.
    pub fn from_reader(file: String, input: Box<dyn Read + Send>, total: Option<u64>) -> Self {
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            // Real exports have short rows, trailing empty cells and ragged ends.
            .flexible(true)
            .from_reader(BufReader::with_capacity(1 << 20, input));
        Self {
            file,
            reader,
            record: csv::ByteRecord::new(),
            total,
            first: true,
            legacy_rows: 0,
        }
    }
}

impl Table for CsvTable {
    fn next_row(&mut self) -> Result<Next, ReadError> {
        let more = self
            .reader
            .read_byte_record(&mut self.record)
            .map_err(|e| ReadError::Format {
                file: self.file.clone(),
                problem: e.to_string(),
            })?;
        if !more {
            return Ok(None);
        }
        let line = self.record.position().map_or(0, |p| p.line());
        let mut cells = Vec::with_capacity(self.record.len());
        let mut legacy = false;
        for (index, bytes) in self.record.iter().enumerate() {
            let bytes = if self.first && index == 0 {
                bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
            } else {
                bytes
            };
            match std::str::from_utf8(bytes) {
                Ok(text) => cells.push(text.to_owned()),
                Err(_) => {
                    legacy = true;
                    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
                    cells.push(text.into_owned());
                }
            }
        }
        self.legacy_rows += u64::from(legacy);
        self.first = false;
        Ok(Some(Ok(TableRow { line, cells })))
    }

    fn progress(&self) -> u64 {
        self.reader.position().byte()
    }

    fn total(&self) -> Option<u64> {
        self.total
    }

    fn warning(&self) -> Option<String> {
        (self.legacy_rows > 0).then(|| {
            format!(
                "{} row(s) are not UTF-8 text and were read as Windows-1252",
                self.legacy_rows
            )
        })
    }
}
