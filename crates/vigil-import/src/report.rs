//! What came of an import: the counts, every bad row, and how a publisher's file was read.
//! The command line prints it; the server returns it as JSON.

use crate::kind::RecordKind;
use serde::Serialize;

/// The report of one import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The file's name (its last path component), as the import log records it.
    pub file: String,
    pub kind: RecordKind,
    pub outcome: Outcome,
    /// The publisher's layout a spreadsheet was read as (`None` for Vigil's own layouts).
    pub layout: Option<&'static str>,
    /// A publisher's file: every column, with the field it gives.
    pub columns: Vec<ColumnRead>,
    /// Rows (features, for boundaries) read, bad ones included.
    pub rows_read: u64,
    /// Rows whose record did not exist.
    pub inserted: u64,
    /// Rows that changed something stored.
    pub updated: u64,
    /// Rows that wrote nothing.
    pub unchanged: u64,
    /// Bad rows: skipped, or the reason the file was rejected.
    pub bad: u64,
    /// The bad rows, in file order: all of them when skipped, else as many as the options
    /// keep (`bad` counts them all).
    pub bad_rows: Vec<BadRow>,
    /// What was ignored or read in a way the user should know of (unknown columns, rows not
    /// in UTF-8, parents of areas that are not stored), one line each.
    pub warnings: Vec<String>,
    /// Boundaries: the countries added because features lie in them.
    pub new_countries: Vec<String>,
    /// Boundaries: the stored records placed in the new areas, when any were.
    pub placed: Option<Placed>,
}

/// What became of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Committed: the good rows are stored.
    Imported,
    /// Bad rows, not to be skipped: nothing was written.
    Rejected,
    /// A dry run of a file that would be imported; nothing was written.
    WouldBeImported,
    /// A dry run of a file that would be rejected; nothing was written.
    WouldBeRejected,
}

impl Outcome {
    /// Whether anything was written.
    pub fn is_committed(self) -> bool {
        self == Outcome::Imported
    }

    /// Whether the file was, or would be, refused for its bad rows.
    pub fn is_rejected(self) -> bool {
        matches!(self, Outcome::Rejected | Outcome::WouldBeRejected)
    }
}

/// One bad row: `incidents.csv:4: column lat: 95.5 is not a latitude (-90..90)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BadRow {
    /// The file as the caller named it.
    pub file: String,
    /// The physical line the row starts on (the header is line 1); for GeoJSON sites and
    /// incidents the feature's index plus one. `None` for a boundary feature.
    pub line: Option<u64>,
    /// A boundary file's feature, counted from 0.
    pub feature: Option<u64>,
    /// The column at fault, when one is.
    pub column: Option<String>,
    /// What is wrong, and what was expected.
    pub problem: String,
    /// The whole message as the command line prints it.
    pub message: String,
}

impl From<vigil_io::RowError> for BadRow {
    fn from(e: vigil_io::RowError) -> Self {
        BadRow {
            message: e.to_string(),
            file: e.file,
            line: Some(e.line),
            feature: None,
            column: e.column,
            problem: e.problem,
        }
    }
}

impl From<vigil_areas::FeatureError> for BadRow {
    fn from(e: vigil_areas::FeatureError) -> Self {
        BadRow {
            message: e.to_string(),
            file: e.file,
            line: None,
            feature: Some(e.index as u64),
            column: None,
            problem: e.problem,
        }
    }
}

/// One column of a publisher's file and what it gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ColumnRead {
    /// The header (or hashtag, or `column N`).
    pub label: String,
    pub tag: Option<String>,
    /// The field, by the name a mapping file uses; `None`: kept in each record's report only.
    pub field: Option<String>,
}

/// Stored records placed in the finest area containing them, after a boundary file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Placed {
    pub incidents: u64,
    pub sites: u64,
}
