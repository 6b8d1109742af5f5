//! The immutable report an imported incident row becomes, with an id derived from the row's
//! content so that importing the same row again finds the same report.
//!
//! The content is the row as Vigil itself writes it (the parsed record, re-written in the
//! canonical layout with the row's source), not the cells as typed: `36.20` and `36.2`, an
//! empty `precision` and `exact`, `2016-09-28` and its whole-day equivalent are the same
//! facts, so a file re-exported by Vigil, or re-saved by a spreadsheet, imports as unchanged.

use crate::cell::Cells;
use crate::columns::{Columns, IncidentCol as Col};
use crate::incident_out;
use serde_json::Value as Json;
use vigil_domain::{Incident, ReportContent, ReportId, Sha256, SourceId};

/// The canonical row of `incident` from `source`: `(column, value)` for each non-empty column,
/// in layout order. The incident's `reports` are not part of it.
fn canonical_row(incident: &Incident, source: &SourceId) -> Vec<(&'static str, String)> {
    let cells: Cells<Col> = incident_out::cells(incident, Some(source));
    cells
        .iter()
        .map(|(name, cell)| (name, cell.csv()))
        .filter(|(_, value)| !value.is_empty())
        .collect()
}

/// The bytes a row's report id is the digest of: [`canonical_row`] as a compact JSON object
/// `{"id":"…","kind":"…",…}` with string values, keys in layout order.
///
/// Built by hand rather than through `serde_json::Map`, whose key order depends on a cargo
/// feature some other crate in the build could switch on.
fn canonical_content(row: &[(&'static str, String)]) -> String {
    let members: Vec<String> = row
        .iter()
        .map(|(name, value)| format!("{}:{}", Json::from(*name), Json::from(value.as_str())))
        .collect();
    format!("{{{}}}", members.join(","))
}

/// Longest incident-id prefix kept in a report id, so the id stays within the id length limit.
const MAX_PREFIX: usize = 160;

/// `rep:{incident id}:{first 24 hex digits of the SHA-256 of the canonical content}`.
///
/// The digest makes the id content-addressed: the same row from the same source is the same
/// report, a changed row a new one. The incident id in front keeps a file's reports in the
/// order of its incidents, so the database appends them instead of scattering them at random
/// through its index, which made large imports several times slower.
fn report_id(incident: &Incident, digest: &str) -> ReportId {
    let mut prefix = incident.id.as_str();
    if prefix.len() > MAX_PREFIX {
        let mut end = MAX_PREFIX;
        while !prefix.is_char_boundary(end) {
            end -= 1;
        }
        prefix = &prefix[..end];
    }
    ReportId::new(format!("rep:{prefix}:{}", &digest[..24])).expect("a valid id")
}

/// The report's id, content and summary for `incident` as `source` gives it.
pub(crate) struct ReportParts {
    pub id: ReportId,
    pub content: ReportContent,
    pub summary: String,
}

/// The report's id (see [`report_id`]); the content, a JSON object of column → value, which
/// is the very text the id's digest is taken of; a summary from the same normalised values.
pub(crate) fn parts(incident: &Incident, source: &SourceId) -> ReportParts {
    let row = canonical_row(incident, source);
    // The content is the very text the id is the digest of.
    let content = canonical_content(&row);
    let digest = Sha256::of(content.as_bytes()).to_string();
    let value = |column: Col| {
        row.iter()
            .find(|(name, _)| *name == column.name())
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    };
    let summary = match &incident.title {
        Some(title) => title.clone(),
        None => format!(
            "{} at {},{} on {}",
            value(Col::Kind),
            value(Col::Lat),
            value(Col::Lon),
            value(Col::Start)
        ),
    };
    ReportParts {
        id: report_id(incident, &digest),
        content: ReportContent::from_json_text(content).expect("built as JSON"),
        summary,
    }
}
