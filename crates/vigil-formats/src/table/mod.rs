//! A spreadsheet as rows of text cells, whatever file it came in: CSV through `csv`, XLSX
//! through `calamine`, both streamed.

mod csv_table;
mod xlsx_table;

pub(crate) use csv_table::CsvTable;
pub(crate) use xlsx_table::XlsxTable;

use vigil_io::{ReadError, RowError};

/// One row: the spreadsheet row number (CSV: the physical line it starts on), and its cells as
/// text, trimmed of nothing (a reader decides what spaces mean).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TableRow {
    pub line: u64,
    pub cells: Vec<String>,
}

/// A row, a row that cannot be read (bad text encoding) but does not stop the file, or the end.
pub(crate) type Next = Option<Result<TableRow, RowError>>;

/// A streaming source of rows.
pub(crate) trait Table: Send {
    /// The next row; an `Err` for a row that cannot be read, after which reading goes on.
    fn next_row(&mut self) -> Result<Next, ReadError>;
    /// How far through the file reading is, for a progress bar: bytes for CSV, rows for XLSX.
    fn progress(&self) -> u64;
    /// What [`Table::progress`] reaches at the end, when known.
    fn total(&self) -> Option<u64>;
    /// Something the user should know about how the rows so far were read.
    fn warning(&self) -> Option<String> {
        None
    }
}

/// Opens `path` as a table: XLSX when its first bytes are a ZIP archive's, CSV otherwise.
pub(crate) fn open(path: &std::path::Path) -> Result<Box<dyn Table>, ReadError> {
    if is_zip(path)? {
        Ok(Box::new(XlsxTable::open(path)?))
    } else {
        Ok(Box::new(CsvTable::open(path)?))
    }
}

/// A table from bytes in memory (for the fuzz targets, and callers that hold a file already,
/// such as an upload shared with other readers): XLSX when they start as a ZIP archive, CSV
/// otherwise. `name` stands for the file.
pub(crate) fn from_bytes<B: AsRef<[u8]> + Send + 'static>(
    name: &str,
    bytes: B,
) -> Result<Box<dyn Table>, ReadError> {
    if bytes.as_ref().starts_with(b"PK\x03\x04") {
        Ok(Box::new(XlsxTable::from_reader(
            name.to_owned(),
            std::io::Cursor::new(bytes),
        )?))
    } else {
        let total = Some(bytes.as_ref().len() as u64);
        Ok(Box::new(CsvTable::from_reader(
            name.to_owned(),
            Box::new(std::io::Cursor::new(bytes)),
            total,
        )))
    }
}

/// An XLSX workbook is a ZIP archive: it starts with `PK\x03\x04`.
pub(crate) fn is_zip(path: &std::path::Path) -> Result<bool, ReadError> {
    use std::io::Read;
    let mut head = [0u8; 4];
    let mut file = std::fs::File::open(path).map_err(|source| ReadError::Io {
        file: path.display().to_string(),
        source,
    })?;
    let n = file.read(&mut head).map_err(|source| ReadError::Io {
        file: path.display().to_string(),
        source,
    })?;
    Ok(n == 4 && head == *b"PK\x03\x04")
}
