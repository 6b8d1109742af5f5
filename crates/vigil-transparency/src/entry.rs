//! The bytes of a leaf: one audit entry as lines of text, so a person can read what a proof
//! proves. The record itself is represented by the SHA-256 of its JSON (serde_json's text of
//! the stored value, keys in order), before and after the write; the record's id is in the
//! entry, so an evidence item's entry carries the evidence's own SHA-256.

use sha2::{Digest, Sha256};
use vigil_domain::AuditEntry;

/// The first line of every entry: what the text is, and its version.
pub const HEADER: &str = "vigil-audit-entry/1";

/// SHA-256, hex, of a JSON value's compact text.
pub fn value_digest(value: &serde_json::Value) -> String {
    hex::encode(Sha256::digest(value.to_string().as_bytes()))
}

/// The leaf entry of `entry`.
pub fn leaf_entry(entry: &AuditEntry) -> Vec<u8> {
    let role = entry
        .actor
        .role()
        .map_or_else(|| "-".to_owned(), |r| r.to_string());
    let before = entry
        .before
        .as_ref()
        .map_or_else(|| "-".to_owned(), value_digest);
    format!(
        "{HEADER}\nseq {}\nat {}\nactor {}\nrole {role}\naction {}\nrecord {}/{}\nbefore {before}\nafter {}\n",
        entry.seq,
        entry.at.to_rfc3339_opts(chrono_format(), true),
        entry.actor.name(),
        entry.action.as_str(),
        entry.record_kind,
        entry.record_id,
        value_digest(&entry.after),
    )
    .into_bytes()
}

fn chrono_format() -> chrono::SecondsFormat {
    chrono::SecondsFormat::AutoSi
}
