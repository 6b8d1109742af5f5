//! Entity tags and preconditions: how two editors never silently overwrite each other.
//!
//! A record's ETag is a digest of the stored record (its domain JSON), so it changes whenever
//! anything about the record changes, including what the caller's view leaves out. `GET` of
//! a record returns it to roles that see the record in full; a write of a stored record must
//! send it back in `If-Match`:
//!
//! - no `If-Match` on a stored record: `428 precondition_required` (an editor that never read
//!   the record must not replace it blindly);
//! - an `If-Match` that no longer matches: `412 edit_conflict`, with the current ETag in the
//!   response's `ETag` header so the client can fetch, merge and retry;
//! - `If-None-Match: *` asks for creation only: `412` if the record exists;
//! - a record not stored yet is created without a precondition, unless `If-Match` names a
//!   version (it was removed, or never existed: `412`).
//!
//! The check and the write run under the server's one writer lock, so two requests to this
//! server cannot interleave between them.

use crate::error::ApiError;
use axum::http::header::{IF_MATCH, IF_NONE_MATCH};
use axum::http::HeaderMap;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// The strong ETag of a stored record: 128 bits of the SHA-256 of its JSON, quoted.
pub(crate) fn of<T: Serialize>(record: &T) -> String {
    let json = serde_json::to_vec(record).expect("domain records always serialise");
    let digest = Sha256::digest(&json);
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

/// What the request asked to hold before it writes.
#[derive(Debug, Clone, Default)]
pub(crate) struct Preconditions {
    /// `If-Match`: the ETags the caller accepts (`*`: any stored version).
    if_match: Option<Vec<String>>,
    /// `If-None-Match: *`: create only.
    create_only: bool,
}

impl Preconditions {
    pub fn from_headers(headers: &HeaderMap) -> Result<Self, ApiError> {
        let text = |name: axum::http::HeaderName| -> Result<Option<String>, ApiError> {
            headers
                .get(&name)
                .map(|v| {
                    v.to_str().map(str::to_owned).map_err(|_| {
                        ApiError::bad_parameter(name.as_str(), "not a readable header value")
                    })
                })
                .transpose()
        };
        let if_match = text(IF_MATCH)?.map(|v| {
            v.split(',')
                .map(|t| t.trim().to_owned())
                .filter(|t| !t.is_empty())
                .collect()
        });
        let create_only = match text(IF_NONE_MATCH)? {
            None => false,
            Some(v) if v.trim() == "*" => true,
            Some(_) => {
                return Err(ApiError::bad_parameter(
                    "If-None-Match",
                    "only `*` (create, never replace) is understood on a write",
                ))
            }
        };
        Ok(Self {
            if_match,
            create_only,
        })
    }

    /// Checks the preconditions against the stored record's ETag (`None`: not stored).
    pub fn check(&self, current: Option<&str>) -> Result<(), ApiError> {
        match (current, &self.if_match) {
            (Some(_), _) if self.create_only => Err(ApiError::edit_conflict(
                "the record already exists, and If-None-Match: * asked to create it only",
            )),
            (Some(_), None) => Err(ApiError::precondition_required(
                "the record exists: send If-Match with the ETag you read, so a change made \
                 since is not overwritten",
            )),
            (Some(etag), Some(accepted)) => {
                if accepted.iter().any(|a| a == "*" || a == etag) {
                    Ok(())
                } else {
                    Err(ApiError::edit_conflict(format!(
                        "the record changed since you read it (it is now {etag}): read it \
                         again, apply your change, and send the new ETag"
                    )))
                }
            }
            (None, Some(accepted)) if accepted.iter().any(|a| a != "*") => Err(
                ApiError::edit_conflict("If-Match names a version, but the record does not exist"),
            ),
            (None, _) => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn with(name: axum::http::HeaderName, value: &str) -> Preconditions {
        let mut headers = HeaderMap::new();
        headers.insert(name, HeaderValue::from_str(value).unwrap());
        Preconditions::from_headers(&headers).unwrap()
    }

    #[test]
    fn a_stored_record_needs_the_etag_that_was_read() {
        let none = Preconditions::default();
        assert_eq!(
            none.check(Some("\"a\"")).unwrap_err().code,
            "precondition_required"
        );
        assert!(none.check(None).is_ok(), "creating needs no precondition");
        let read_a = with(IF_MATCH, "\"a\"");
        assert!(read_a.check(Some("\"a\"")).is_ok());
        assert_eq!(
            read_a.check(Some("\"b\"")).unwrap_err().code,
            "edit_conflict"
        );
        assert_eq!(read_a.check(None).unwrap_err().code, "edit_conflict");
        let create = with(IF_NONE_MATCH, "*");
        assert_eq!(
            create.check(Some("\"a\"")).unwrap_err().code,
            "edit_conflict"
        );
        assert!(create.check(None).is_ok());
    }

    #[test]
    fn the_etag_follows_the_content() {
        assert_eq!(
            of(&serde_json::json!({"a": 1})),
            of(&serde_json::json!({"a": 1}))
        );
        assert_ne!(
            of(&serde_json::json!({"a": 1})),
            of(&serde_json::json!({"a": 2}))
        );
    }
}
