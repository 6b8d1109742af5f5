//! Rows assembled from canonical column values by a reader of another layout (an ACLED export,
//! an HXL spreadsheet), so that every rule about values stays in `incident_in` whatever layout
//! a row came from.

use crate::columns::{Columns, IncidentCol};
use crate::error::RowError;
use crate::fields::{Ctx, Fields, Place};
use crate::incident_in;
use crate::rows::IncidentRow;
use std::path::Path;

/// Builds an incident row from canonical incident columns given by name (`id`, `kind`, `lon`,
/// `casualties` …, as in [`crate::INCIDENT_REQUIRED_COLUMNS`] and
/// [`crate::INCIDENT_OPTIONAL_COLUMNS`]), with exactly the rules of a canonical file: `file`
/// and `line` place the row for messages and the per-file source.
///
/// An error names the canonical column; the caller, which knows which of its own columns a
/// value came from, renames it. A name that is not a canonical column is an error of the
/// caller's making and is reported as such on the row.
pub fn incident_from_values(
    file: &Path,
    line: u64,
    values: &[(&str, &str)],
) -> Result<IncidentRow, RowError> {
    let ctx = Ctx::new(file);
    let place = Place::line(line);
    let mut fields = Fields::<IncidentCol>::new();
    for (name, value) in values {
        let column = IncidentCol::lookup(name).ok_or_else(|| RowError {
            file: ctx.file.clone(),
            line,
            column: None,
            problem: format!("internal: '{name}' is not an incidents column"),
        })?;
        fields.set(column, value);
    }
    incident_in::parse(&ctx, line, &fields).map_err(|e| place.error(&ctx.file, e))
}
