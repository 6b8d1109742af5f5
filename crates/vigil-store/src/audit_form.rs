//! What the audit log holds of each record it names, shared by every backend so that each
//! writes the same JSON (the transparency log signs it, and `vigil migrate` copies entries
//! between backends): the domain record's own serialisation, except for the records whose JSON
//! would repeat a secret or a large immutable body: accounts without their password hash,
//! tokens without their digest, reports with the SHA-256 of their content instead of it.

use serde::Serialize;
use vigil_domain::{Role, Timestamp};

/// One entry to append: what changed, before and after, as JSON text.
pub struct Entry<'a> {
    pub kind: &'static str,
    pub id: &'a str,
    pub before: Option<String>,
    pub after: String,
}

impl<'a> Entry<'a> {
    /// An entry for `record` (serialised as the domain defines it), with the record as it was
    /// before when there was one.
    pub fn of<T: Serialize>(
        kind: &'static str,
        id: &'a str,
        before: Option<&T>,
        after: &T,
    ) -> Self {
        Self {
            kind,
            id,
            before: before.map(json),
            after: json(after),
        }
    }
}

/// A domain record as JSON. Domain records are plain data: serialising one cannot fail.
pub fn json<T: Serialize + ?Sized>(record: &T) -> String {
    serde_json::to_string(record).expect("domain records always serialise")
}

/// A report as its audit entry holds it: everything but the content, which is immutable and
/// stays in `reports`; its SHA-256 pins it.
#[derive(Serialize)]
pub struct ReportEntry<'a> {
    id: &'a str,
    source: &'a str,
    received_at: &'a Timestamp,
    summary: &'a str,
    content_sha256: String,
}

impl<'a> ReportEntry<'a> {
    pub fn new(report: &'a vigil_domain::Report) -> Self {
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(report.content.as_str().as_bytes());
        Self {
            id: report.id.as_str(),
            source: report.source.as_str(),
            received_at: &report.received_at,
            summary: &report.summary,
            content_sha256: digest.iter().map(|b| format!("{b:02x}")).collect(),
        }
    }
}

/// An account as its audit entry holds it: no password hash.
#[derive(Serialize)]
pub struct AccountEntry<'a> {
    name: &'a str,
    role: Role,
    party: Option<&'a vigil_domain::PartyId>,
    created_at: &'a Timestamp,
    disabled_at: Option<&'a Timestamp>,
}

impl<'a> AccountEntry<'a> {
    pub fn new(account: &'a vigil_domain::Account) -> Self {
        Self {
            name: &account.name,
            role: account.role,
            party: account.party.as_ref(),
            created_at: &account.created_at,
            disabled_at: account.disabled_at.as_ref(),
        }
    }
}

/// A token as its audit entry holds it: no digest of the secret.
#[derive(Serialize)]
pub struct TokenEntry<'a> {
    id: &'a str,
    label: Option<&'a str>,
    role: Role,
    party: Option<&'a vigil_domain::PartyId>,
    account: Option<&'a str>,
    created_at: &'a Timestamp,
    revoked_at: Option<&'a Timestamp>,
    expires_at: Option<&'a Timestamp>,
}

impl<'a> TokenEntry<'a> {
    pub fn new(token: &'a vigil_domain::ApiToken) -> Self {
        Self {
            id: &token.id,
            label: token.label.as_deref(),
            role: token.role,
            party: token.party.as_ref(),
            account: token.account.as_deref(),
            created_at: &token.created_at,
            revoked_at: token.revoked_at.as_ref(),
            expires_at: token.expires_at.as_ref(),
        }
    }
}
