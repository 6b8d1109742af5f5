//! What an import tells its caller while it runs, for a progress bar or a log.

/// One step of an import's progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    /// A publisher's file is read in this layout (e.g. "an ACLED export"), before any row.
    Layout(&'static str),
    /// Reading the rows begins; `total` is what `position` reaches at the end, when known
    /// (bytes of a CSV or GeoJSON file, rows of a workbook).
    Started { total: Option<u64> },
    /// A batch of rows was read and written.
    Read { position: u64, rows: u64 },
    /// Every row is written; the transaction is being committed, which takes seconds for a
    /// large file.
    Saving { rows: u64 },
    /// Stored records are being placed in areas, after a boundary file: what is under way.
    Placing(String),
    /// The step under way is over.
    Done,
}
