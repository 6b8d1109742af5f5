//! The audit log's vocabulary: who wrote ([`Actor`]) and what one write changed
//! ([`AuditEntry`]).
//!
//! Every write of a record goes through a store transaction that knows its actor, and the store
//! appends one entry per record that changed, in the same transaction as the change: a write
//! and its entry are committed together or not at all.

use crate::access::{Principal, Role};
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};

/// Who made a write: a person's account, an API token without an account, or someone working
/// on the database file directly with the command line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    name: String,
    /// The role the write was made with; `None` for the command line, which holds the file and
    /// is not bound by roles.
    role: Option<Role>,
}

impl Actor {
    /// A request's actor: the account's name, or `token:<id>` for a token without an account
    /// (the token's public id, never its secret).
    pub fn for_request(principal: &Principal, token_id: &str) -> Self {
        let name = match principal.account() {
            Some(account) => account.to_owned(),
            None => format!("token:{token_id}"),
        };
        Self {
            name,
            role: Some(principal.role()),
        }
    }

    /// Someone using the command line on the database file, named by their login (`local:`
    /// followed by the user name, or `local:unknown`).
    pub fn local(user: Option<&str>) -> Self {
        let user = user.map(str::trim).filter(|u| !u.is_empty());
        Self {
            name: format!("local:{}", user.unwrap_or("unknown")),
            role: None,
        }
    }

    /// An actor as stored: the name and role written when the entry was made.
    pub fn stored(name: String, role: Option<Role>) -> Self {
        Self { name, role }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn role(&self) -> Option<Role> {
        self.role
    }
}

/// What a write did to one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    /// The record did not exist before.
    Insert,
    /// The record existed and changed (a new notification version is an update of the
    /// notification; a revoked token is an update of the token).
    Update,
}

impl AuditAction {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::Insert => "insert",
            AuditAction::Update => "update",
        }
    }
}

impl std::str::FromStr for AuditAction {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "insert" => Ok(AuditAction::Insert),
            "update" => Ok(AuditAction::Update),
            other => Err(format!("'{other}' is not an audit action (insert, update)")),
        }
    }
}

/// One entry of the audit log.
///
/// `before` and `after` are the record as JSON (the domain record's own serialisation), as
/// stored before and after the write; `before` is `None` for an insert. Secrets never appear:
/// an account's entry has no password hash and a token's no digest.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEntry {
    /// Position in the log: entries are numbered in the order they were written, from 1.
    pub seq: u64,
    pub at: Timestamp,
    pub actor: Actor,
    pub action: AuditAction,
    /// `site`, `incident`, `notification`, … (the record kinds of the store).
    pub record_kind: String,
    pub record_id: String,
    pub before: Option<serde_json::Value>,
    pub after: serde_json::Value,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::PartyId;

    #[test]
    fn a_request_is_named_by_its_account_or_its_token_id() {
        let with_account =
            Principal::new(Role::Monitor, None, Some("amal".into())).expect("valid principal");
        assert_eq!(
            Actor::for_request(&with_account, "tok_1").name(),
            "amal",
            "an account's writes carry the account's name"
        );
        let liaison = Principal::new(Role::Liaison, Some(PartyId::new("ru").unwrap()), None)
            .expect("valid principal");
        let actor = Actor::for_request(&liaison, "tok_9");
        assert_eq!(actor.name(), "token:tok_9");
        assert_eq!(actor.role(), Some(Role::Liaison));
    }

    #[test]
    fn the_command_line_is_named_by_its_login() {
        assert_eq!(Actor::local(Some("rana")).name(), "local:rana");
        assert_eq!(Actor::local(Some("  ")).name(), "local:unknown");
        assert_eq!(Actor::local(None).role(), None);
    }
}
