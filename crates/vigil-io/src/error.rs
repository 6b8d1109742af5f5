//! Errors: one bad row ([`RowError`]) versus a file that cannot be read at all ([`ReadError`]).
//!
//! A bad row never stops an import: the reader yields its error and goes on with the next row,
//! so a user sees every problem of a file in one run. Only a file that cannot be opened, has no
//! usable header or is not the format it claims to be gives a [`ReadError`].

use std::fmt;
use std::io;

/// One bad row: `sites.csv:7: column lat: 95.5 is not a latitude (-90..90)`.
///
/// For GeoJSON, `line` is the feature's index plus one and `problem` starts with `feature N`
/// (N counted from 0), because a JSON file's physical lines say little about where a feature is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The file name as the caller gave it.
    pub file: String,
    /// The 1-based physical line where the record starts; the header is line 1.
    pub line: u64,
    /// The column the bad value came from, when one can be named.
    pub column: Option<String>,
    pub problem: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.column {
            Some(column) => write!(
                f,
                "{}:{}: column {column}: {}",
                self.file, self.line, self.problem
            ),
            None => write!(f, "{}:{}: {}", self.file, self.line, self.problem),
        }
    }
}

impl std::error::Error for RowError {}

/// A file that cannot be read as a whole.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file could not be opened or read.
    #[error("{file}: {source}")]
    Io {
        file: String,
        #[source]
        source: io::Error,
    },
    /// The header row lacks a required column, names one twice, or is missing.
    #[error("{file}: header: {problem}")]
    Header { file: String, problem: String },
    /// The file is not what it should be: not a FeatureCollection, not UTF-8, not JSON.
    #[error("{file}: {problem}")]
    Format { file: String, problem: String },
}

/// A problem with one value, before it is placed in a file and line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FieldError {
    pub column: Option<&'static str>,
    pub problem: String,
}

/// Maps a problem found in `column` to a [`FieldError`] there: `.map_err(at(Col::Lat))`.
pub(crate) fn at<C: crate::columns::Columns>(column: C) -> impl Fn(String) -> FieldError {
    move |problem| FieldError::at(column.name(), problem)
}

/// Maps a domain rule broken by the value of `column` to a [`FieldError`] there, keeping the
/// domain's wording.
pub(crate) fn domain_at<C: crate::columns::Columns>(
    column: C,
) -> impl Fn(vigil_domain::ValidationError) -> FieldError {
    move |e| FieldError::at(column.name(), e.problem)
}

impl FieldError {
    pub fn at(column: &'static str, problem: impl Into<String>) -> Self {
        Self {
            column: Some(column),
            problem: problem.into(),
        }
    }

    pub fn row(problem: impl Into<String>) -> Self {
        Self {
            column: None,
            problem: problem.into(),
        }
    }
}
