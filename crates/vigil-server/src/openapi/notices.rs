//! Notifications and acknowledgements: the view `crate::views::notification` builds, and the
//! bodies `PUT /api/notifications/{id}` and `POST …/acknowledgements` take.

use super::records::DayWindow;
use chrono::{DateTime, Utc};
use utoipa::ToSchema;

/// What a notification notifies.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NotifiedSubject {
    #[schema(pattern = "^(site|movement)$")]
    kind: String,
    id: String,
}

/// One version of a notification, as sent. A liaison sees only the versions addressed to its
/// party, with its own party as the only one listed. `source` is `null` except for monitors
/// and admins.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NotificationVersion {
    version: u32,
    parties: Vec<String>,
    sent_at: DateTime<Utc>,
    valid: DayWindow,
    #[schema(required = true)]
    withdrawn_at: Option<DateTime<Utc>>,
    #[schema(required = true)]
    channel: Option<String>,
    /// SHA-256 of the exact payload that was sent, in hex.
    #[schema(pattern = "^[0-9a-f]{64}$")]
    payload_sha256: String,
    #[schema(required = true)]
    source: Option<String>,
}

/// A party's receipt of a version (receipt, never approval). `source` is `null` except for
/// monitors and admins.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct AcknowledgementView {
    version: u32,
    party: String,
    received_at: DateTime<Utc>,
    #[schema(required = true)]
    by: Option<String>,
    #[schema(required = true)]
    channel: Option<String>,
    #[schema(required = true)]
    source: Option<String>,
}

/// A notification with its versions (oldest first) and their acknowledgements, as the
/// caller's role may see them.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NotificationView {
    id: String,
    subject: NotifiedSubject,
    /// The latest version the caller sees.
    latest_version: u32,
    versions: Vec<NotificationVersion>,
    acknowledgements: Vec<AcknowledgementView>,
}

/// A notified site or movement, as a write names it: `{"site": ID}` or `{"movement": ID}`.
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum SubjectInput {
    Site(String),
    Movement(String),
}

/// The body of `PUT /api/notifications/{id}`: a notification as sent. A content different
/// from the latest version's is stored as a new version; the same content changes nothing.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NotificationInput {
    /// The path's id; a different one is a `400 bad_body`.
    id: Option<String>,
    /// Ignored: versions are numbered by the server.
    version: Option<u32>,
    subject: SubjectInput,
    /// At least one party, none twice.
    parties: Vec<String>,
    sent_at: DateTime<Utc>,
    valid: DayWindow,
    withdrawn_at: Option<DateTime<Utc>>,
    channel: Option<String>,
    /// SHA-256 of the exact payload sent, in hex.
    #[schema(pattern = "^[0-9a-fA-F]{64}$")]
    payload_sha256: String,
    source: Option<String>,
}

/// The body of `POST /api/notifications/{id}/acknowledgements`: everything may be left out.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct AcknowledgementInput {
    /// Whose receipt; a liaison's own party when left out (anyone else must name it).
    party: Option<String>,
    /// Which version; the latest when left out.
    version: Option<u32>,
    /// When it was received; now when left out.
    received_at: Option<DateTime<Utc>>,
    /// The desk or office that acknowledged.
    by: Option<String>,
    channel: Option<String>,
    source: Option<String>,
}
