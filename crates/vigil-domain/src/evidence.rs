//! Evidence items and their custody log.
//!
//! An [`EvidenceItem`] is a file (photo, video, drone footage, document) kept byte for byte and
//! named by its SHA-256: the digest *is* its identity, so two copies of the same bytes are one
//! item, and anyone holding a copy can check it is the original. A redacted copy (faces
//! blurred, metadata stripped) is a new item whose `redacted_from` names the original.
//!
//! A [`CustodyEvent`] records who did what with an original, and when: its acquisition, every
//! export, transfer and access. Events are only ever appended.
//!
//! `captured_by` is a protected identity: the person who filmed an attack is a witness, and
//! naming them can get them killed. It is shown only to roles that may see source identities
//! ([`EvidenceItem::as_seen_by`]), never written to logs or error messages: this type's
//! `Debug` hides it, and its validation messages never repeat it.

use crate::access::Principal;
use crate::digest::Sha256;
use crate::error::{Problems, ValidationError};
use crate::ids::{IncidentId, SourceId};
use crate::policy::may_see_source_identities;
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Longest `captured_by` and custody note, in characters: a name or a sentence, not a file.
const MAX_NAME_CHARS: usize = 200;
const MAX_NOTE_CHARS: usize = 2_000;

/// One stored evidence file, by its content's SHA-256.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceItem {
    pub sha256: Sha256,
    /// Size of the file in bytes.
    pub size: u64,
    /// The media type sniffed from the content (`image/jpeg`, `video/mp4`), or
    /// `application/octet-stream` when it could not be told.
    pub media_type: String,
    /// When the photo or footage was taken, as its holder states it.
    pub captured_at: Option<Timestamp>,
    /// Who took it: a protected identity (see the module documentation).
    pub captured_by: Option<String>,
    /// The source it was obtained from.
    pub acquired_from: Option<SourceId>,
    /// The incidents it documents, sorted.
    pub incidents: Vec<IncidentId>,
    /// For a redacted copy, the SHA-256 of the original it was made from.
    pub redacted_from: Option<Sha256>,
    /// When Vigil first stored it.
    pub added_at: Timestamp,
}

impl EvidenceItem {
    pub fn validate(&self) -> Result<(), Vec<ValidationError>> {
        let mut problems = Problems::new();
        if !is_media_type(&self.media_type) {
            problems.push(
                "media_type",
                format!("'{}' is not a media type (type/subtype)", self.media_type),
            );
        }
        if let Some(name) = &self.captured_by {
            // The name itself is never repeated in a message: messages reach terminals and logs.
            if name.trim().is_empty() {
                problems.push("captured_by", "is empty (leave it out instead)");
            } else if name.chars().count() > MAX_NAME_CHARS {
                problems.push(
                    "captured_by",
                    format!("is longer than {MAX_NAME_CHARS} characters"),
                );
            } else if name.chars().any(char::is_control) {
                problems.push("captured_by", "contains control characters");
            }
        }
        if self.redacted_from == Some(self.sha256) {
            problems.push(
                "redacted_from",
                "an item cannot be a redacted copy of itself",
            );
        }
        problems.finish()
    }

    /// The item as `principal` may see it: without `captured_by` for every role that may not
    /// see source identities.
    pub fn as_seen_by(&self, principal: &Principal) -> EvidenceItem {
        let mut item = self.clone();
        if !may_see_source_identities(principal) {
            item.captured_by = None;
        }
        item
    }
}

/// `Debug` without the witness's name, so a stray `{:?}` or a panic message cannot leak it.
impl fmt::Debug for EvidenceItem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EvidenceItem")
            .field("sha256", &self.sha256)
            .field("size", &self.size)
            .field("media_type", &self.media_type)
            .field("captured_at", &self.captured_at)
            .field(
                "captured_by",
                &self.captured_by.as_ref().map(|_| "<protected>"),
            )
            .field("acquired_from", &self.acquired_from)
            .field("incidents", &self.incidents)
            .field("redacted_from", &self.redacted_from)
            .field("added_at", &self.added_at)
            .finish()
    }
}

/// `type/subtype` with the characters RFC 6838 allows in each (parameters are not kept).
fn is_media_type(text: &str) -> bool {
    let restricted = |part: &str| {
        !part.is_empty()
            && part.len() <= 127
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "!#$&-^_.+".contains(c))
    };
    match text.split_once('/') {
        Some((kind, sub)) => restricted(kind) && restricted(sub),
        None => false,
    }
}

/// What happened to an original.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CustodyKind {
    /// Vigil received and stored it.
    Acquisition,
    /// A copy left Vigil (to a file, a court, a partner).
    Export,
    /// Responsibility for it passed to someone else.
    Transfer,
    /// Someone opened or read the original.
    Access,
}

impl CustodyKind {
    pub const ALL: [CustodyKind; 4] = [
        CustodyKind::Acquisition,
        CustodyKind::Export,
        CustodyKind::Transfer,
        CustodyKind::Access,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CustodyKind::Acquisition => "acquisition",
            CustodyKind::Export => "export",
            CustodyKind::Transfer => "transfer",
            CustodyKind::Access => "access",
        }
    }
}

impl fmt::Display for CustodyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for CustodyKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        CustodyKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                format!("'{s}' is not a custody event (acquisition, export, transfer, access)")
            })
    }
}

/// One entry of an item's custody log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustodyEvent {
    pub item: Sha256,
    pub kind: CustodyKind,
    /// Who did it: an account, a token, or `local:<login>` for the command line (as the audit
    /// log names actors).
    pub actor: String,
    pub at: Timestamp,
    pub note: Option<String>,
}

impl CustodyEvent {
    pub fn validate(&self) -> Result<(), Vec<ValidationError>> {
        let mut problems = Problems::new();
        if self.actor.trim().is_empty() {
            problems.push("actor", "is empty");
        }
        if let Some(note) = &self.note {
            if note.chars().count() > MAX_NOTE_CHARS {
                problems.push(
                    "note",
                    format!("is longer than {MAX_NOTE_CHARS} characters"),
                );
            }
        }
        problems.finish()
    }
}

/// An evidence item as its audit entry holds it (and so as the transparency log proves it):
/// everything but who captured it, of which only the fact that it was recorded is kept, since
/// the audit log is read by roles that may not know witnesses. Every store writes this form.
#[derive(Serialize)]
pub struct AuditedEvidence<'a> {
    sha256: &'a Sha256,
    size: u64,
    media_type: &'a str,
    captured_at: Option<&'a Timestamp>,
    captured_by_recorded: bool,
    acquired_from: Option<&'a SourceId>,
    incidents: &'a [IncidentId],
    redacted_from: Option<&'a Sha256>,
    added_at: &'a Timestamp,
}

impl<'a> AuditedEvidence<'a> {
    pub fn new(item: &'a EvidenceItem) -> Self {
        Self {
            sha256: &item.sha256,
            size: item.size,
            media_type: &item.media_type,
            captured_at: item.captured_at.as_ref(),
            captured_by_recorded: item.captured_by.is_some(),
            acquired_from: item.acquired_from.as_ref(),
            incidents: &item.incidents,
            redacted_from: item.redacted_from.as_ref(),
            added_at: &item.added_at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::Role;
    use chrono::{TimeZone, Utc};

    fn item() -> EvidenceItem {
        EvidenceItem {
            sha256: Sha256::of(b"video"),
            size: 5,
            media_type: "video/mp4".into(),
            captured_at: None,
            captured_by: Some("Amal K.".into()),
            acquired_from: None,
            incidents: vec![],
            redacted_from: None,
            added_at: Utc.with_ymd_and_hms(2016, 9, 29, 8, 0, 0).unwrap(),
        }
    }

    #[test]
    fn the_witness_name_never_reaches_debug_output_or_error_messages() {
        let mut bad = item();
        assert!(!format!("{bad:?}").contains("Amal"));
        bad.captured_by = Some(format!("Amal{}", "x".repeat(300)));
        let errors = bad.validate().unwrap_err();
        assert!(errors.iter().all(|e| !e.problem.contains("Amal")));
    }

    #[test]
    fn only_monitors_and_admins_see_who_captured_an_item() {
        for role in [Role::Admin, Role::Monitor] {
            let p = Principal::new(role, None, None).unwrap();
            assert_eq!(
                item().as_seen_by(&p).captured_by.as_deref(),
                Some("Amal K.")
            );
        }
        for role in [Role::Coordinator, Role::Analyst, Role::Public] {
            let p = Principal::new(role, None, None).unwrap();
            assert_eq!(item().as_seen_by(&p).captured_by, None, "{role:?}");
        }
    }

    #[test]
    fn media_types_and_self_redaction_are_checked() {
        let mut bad = item();
        bad.media_type = "video".into();
        bad.redacted_from = Some(bad.sha256);
        let fields: Vec<_> = bad
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["media_type", "redacted_from"]);
        assert!(item().validate().is_ok());
    }

    #[test]
    fn custody_kinds_read_back_from_their_names() {
        for kind in CustodyKind::ALL {
            assert_eq!(kind.as_str().parse::<CustodyKind>(), Ok(kind));
        }
        assert!("delete".parse::<CustodyKind>().is_err());
    }
}
