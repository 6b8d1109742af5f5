//! The evidence item `GET /api/evidence/{sha256}` returns, mirrored field by field.

use chrono::{DateTime, Utc};
use utoipa::ToSchema;

/// One event of an item's custody log.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CustodyEvent {
    at: DateTime<Utc>,
    /// `acquisition`, `export`, `transfer` or `access`.
    kind: String,
    /// Who did it: an account, `token:ID`, or `local:LOGIN` for the command line.
    actor: String,
    note: Option<String>,
}

/// An evidence file, stored byte for byte and named by its SHA-256.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct EvidenceItem {
    /// Hex.
    sha256: String,
    size: u64,
    /// Sniffed from the content.
    media_type: String,
    captured_at: Option<DateTime<Utc>>,
    /// Who captured it: a protected identity, for monitors and admins only.
    captured_by: Option<String>,
    /// The source it came from: for monitors and admins only.
    acquired_from: Option<String>,
    /// For a redacted copy, the original's SHA-256.
    redacted_from: Option<String>,
    added_at: DateTime<Utc>,
    /// The incidents it documents.
    incidents: Vec<String>,
    custody: Vec<CustodyEvent>,
}
