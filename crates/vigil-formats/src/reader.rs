//! The public reader: a [`ForeignRows`] streams a file's incidents as `vigil-io` row results,
//! so the importer treats them exactly like a canonical file's.

use crate::mapping::Mapping;
use crate::plan::{self, Column, Plan};
use crate::record;
use crate::table::{self, Table};
use crate::values::Layout;
use std::path::{Path, PathBuf};
use vigil_io::{IncidentRow, ReadError, RowError, RowSource};

/// How to read a file: a forced layout and a mapping file, both optional.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub layout: Option<Layout>,
    pub mapping: Option<Mapping>,
}

/// A file's incidents, read a row at a time.
pub struct ForeignRows {
    path: PathBuf,
    table: Box<dyn Table>,
    plan: Plan,
    /// Set at the end of the file or after an error that stops reading.
    failed: bool,
    /// The line of the last row read, to place an error that stops reading.
    last_line: u64,
    /// Rows whose casualty ranges were widened to hold their best estimate.
    widened: u64,
    warnings: Vec<String>,
}

impl ForeignRows {
    /// Opens `path` (CSV or XLSX, told apart by content) and reads its header and hashtag rows.
    pub fn open(path: &Path, options: &Options) -> Result<ForeignRows, ReadError> {
        Self::with_table(path, table::open(path)?, options)
    }

    /// Reads a file held in memory (CSV or XLSX, told apart by content); `name` stands for the
    /// file in messages and in the per-file source.
    pub fn from_bytes<B: AsRef<[u8]> + Send + 'static>(
        name: &str,
        bytes: B,
        options: &Options,
    ) -> Result<ForeignRows, ReadError> {
        Self::with_table(Path::new(name), table::from_bytes(name, bytes)?, options)
    }

    fn with_table(
        path: &Path,
        mut table: Box<dyn Table>,
        options: &Options,
    ) -> Result<ForeignRows, ReadError> {
        let plan = plan::make(
            &path.display().to_string(),
            table.as_mut(),
            options.layout,
            options.mapping.as_ref(),
        )?;
        let mut warnings = Vec::new();
        let unmapped: Vec<&str> = plan
            .columns
            .iter()
            .filter(|c| c.field.is_none())
            .map(|c| c.label.as_str())
            .collect();
        if !unmapped.is_empty() {
            warnings.push(format!(
                "{} column(s) map to no field and are kept only in each record's report: {}",
                unmapped.len(),
                unmapped.join(", ")
            ));
        }
        if plan.column_of(crate::field::Field::GeoPrecision).is_none() {
            warnings
                .push("no geo precision column: coordinates are taken as exact points".to_owned());
        }
        Ok(ForeignRows {
            path: path.to_owned(),
            table,
            plan,
            failed: false,
            widened: 0,
            last_line: 0,
            warnings,
        })
    }

    /// The layout the file was read as.
    pub fn layout(&self) -> Layout {
        self.plan.layout
    }

    /// Every column, with the field it gives.
    pub fn columns(&self) -> &[Column] {
        &self.plan.columns
    }
}

impl Iterator for ForeignRows {
    type Item = Result<IncidentRow, RowError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.failed {
                return None;
            }
            let next = match self.plan.buffered.pop_front() {
                Some(row) => row,
                None => match self.table.next_row() {
                    Ok(Some(row)) => row,
                    Ok(None) => {
                        self.failed = true;
                        self.warnings.extend(self.table.warning());
                        if self.widened > 0 {
                            self.warnings.push(format!(
                                "{} row(s) give a casualty range that does not hold its best \
                                 estimate; the range was widened to hold it (the file's values \
                                 are kept in each report)",
                                self.widened
                            ));
                        }
                        return None;
                    }
                    Err(e) => {
                        // The rest of the file cannot be read: one error, then the end.
                        self.failed = true;
                        return Some(Err(RowError {
                            file: self.path.display().to_string(),
                            line: self.last_line + 1,
                            column: None,
                            problem: format!("the rest of the file cannot be read: {e}"),
                        }));
                    }
                },
            };
            let row = match next {
                Ok(row) => row,
                Err(e) => return Some(Err(e)),
            };
            self.last_line = row.line;
            if let Some(built) = record::build(&self.plan, &self.path, &row) {
                self.widened += u64::from(built.widened);
                return Some(built.row);
            }
        }
    }
}

impl RowSource for ForeignRows {
    fn bytes_read(&self) -> u64 {
        self.table.progress()
    }

    fn total_bytes(&self) -> Option<u64> {
        self.table.total()
    }

    fn warnings(&self) -> &[String] {
        &self.warnings
    }
}

/// Whether `path` is in a layout this crate reads (an HXL-tagged spreadsheet, an ACLED or UCDP
/// GED export), without reading past its first rows; `None` for anything else.
pub fn sniff(path: &Path) -> Result<Option<Layout>, ReadError> {
    let mut table = table::open(path)?;
    match plan::make(&path.display().to_string(), table.as_mut(), None, None) {
        Ok(plan) => Ok(Some(plan.layout)),
        Err(ReadError::Header { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// [`sniff`] of a file held in memory; `name` stands for the file in messages.
pub fn sniff_bytes<B: AsRef<[u8]> + Send + 'static>(
    name: &str,
    bytes: B,
) -> Result<Option<Layout>, ReadError> {
    let mut table = table::from_bytes(name, bytes)?;
    match plan::make(name, table.as_mut(), None, None) {
        Ok(plan) => Ok(Some(plan.layout)),
        Err(ReadError::Header { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Whether `path` is an XLSX workbook (a ZIP archive).
pub fn is_workbook(path: &Path) -> Result<bool, ReadError> {
    table::is_zip(path)
}
