//! What every fuzz target checks, whatever the format: reading arbitrary bytes gives rows or
//! errors that say where the problem is, and never panics.
//!
//! A panic, an arithmetic overflow (the targets are built with debug assertions) or a hang
//! anywhere below is what the fuzzer reports.
#![forbid(unsafe_code)]

use std::io;
use vigil_io::{IncidentRow, ReadError, RowError, RowSource, SiteRow};

/// What the bytes are called: every error must name it, as a user's file name.
pub const NAME: &str = "fuzz-input";

/// Reads every row, checking that every error names the file and a line, and returns the good
/// rows. A file refused as a whole must say so naming the file too.
pub fn drain<'a, T>(
    rows: Result<Box<dyn RowSource<Item = Result<T, RowError>> + 'a>, ReadError>,
) -> Vec<T> {
    let rows = match rows {
        Ok(rows) => rows,
        Err(e) => {
            let message = e.to_string();
            assert!(message.starts_with(NAME), "{message}");
            return Vec::new();
        }
    };
    let mut good = Vec::new();
    for row in rows {
        match row {
            Ok(row) => good.push(row),
            Err(e) => {
                assert_eq!(e.file, NAME, "{e}");
                assert!(e.line >= 1, "{e}");
                // Formatting the message is part of what a user sees.
                let _ = e.to_string();
            }
        }
    }
    good
}

/// [`drain`] for the publishers' spreadsheets of `vigil-formats`.
pub fn drain_foreign(rows: Result<vigil_formats::ForeignRows, ReadError>) -> Vec<IncidentRow> {
    drain(
        rows.map(|rows| Box::new(rows) as Box<dyn RowSource<Item = Result<IncidentRow, RowError>>>),
    )
}

/// Writes the sites read back out in both formats: whatever reads as a record must write too.
pub fn write_sites(rows: Vec<SiteRow>) {
    let records: Vec<_> = rows.into_iter().map(|r| (r.site, r.notification)).collect();
    vigil_io::write_sites_csv(io::sink(), records.clone()).expect("a record that reads writes");
    vigil_io::write_sites_geojson(io::sink(), records).expect("a record that reads writes");
}

/// Writes the incidents read back out in both formats, as `vigil export` does (with the source).
pub fn write_incidents(rows: Vec<IncidentRow>) {
    let records: Vec<_> = rows
        .into_iter()
        .map(|r| (r.incident, Some(r.source.id)))
        .collect();
    vigil_io::write_incidents_csv(io::sink(), records.clone()).expect("a record that reads writes");
    vigil_io::write_incidents_geojson(io::sink(), records).expect("a record that reads writes");
}
