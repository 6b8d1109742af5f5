//! Who is asking: roles, the principal a request acts as, accounts and API tokens.
//!
//! Deny by default (DESIGN.md, "Publication policy and access"): a request without a valid
//! token is [`Principal::public`]. These are types and rules only; hashing and checking
//! secrets is `vigil-auth`'s, storing them `vigil-store`'s.

use crate::digest::Sha256;
use crate::error::{Problems, ValidationError};
use crate::ids::{check_id, PartyId};
use crate::text::check_optional_name;
use crate::time::Timestamp;
use crate::vocab::vocabulary;
use serde::{Deserialize, Serialize};

vocabulary!(
    /// What a principal may see and do. What each role sees follows the publication policy;
    /// nothing outside a role's list is shown to it.
    Role, "role" {
        /// Everything, and manages accounts and tokens; the only role besides monitors that
        /// sees source and witness identities.
        Admin = "admin",
        /// Keeps the register and records notifications and acknowledgements; sees exact
        /// coordinates and names of restricted sites, not source identities.
        Coordinator = "coordinator",
        /// Files reports and builds incidents; sees restricted sites and source and witness
        /// identities.
        Monitor = "monitor",
        /// Bound to one party: sees the notifications addressed to that party (restricted
        /// sites among them) and acknowledges receipt; nothing notified only to others, no
        /// source identities.
        Liaison = "liaison",
        /// Reads findings, situation reports and dossiers; sees restricted sites, not source
        /// identities.
        Analyst = "analyst",
        /// Published aggregates only: governorate, date, category, certainty and counts; no
        /// finer coordinates, no names of restricted sites, no sources. Needs no token and
        /// cannot have one.
        Public = "public",
    }
);

impl Role {
    /// Whether principals of this role act for one party (and must name it).
    pub fn is_bound_to_party(self) -> bool {
        self == Role::Liaison
    }

    /// Whether this role may write records of `kind` (DESIGN.md, "Who uses it"). Deny by
    /// default: a kind not listed for a role is refused.
    ///
    /// A liaison's right to acknowledge is narrower than this says: only notifications
    /// addressed to its own party, and only for that party ([`Role::may_acknowledge_for`]).
    pub fn may_write(self, kind: Writable) -> bool {
        use Writable::*;
        match self {
            Role::Admin => true,
            // The notification cell keeps the register, sends notifications and records the
            // acknowledgements parties give it by other channels.
            Role::Coordinator => matches!(
                kind,
                Site | Movement | Notification | Acknowledgement | Ceasefire
            ),
            // Documentation teams file reports, build incidents from them and record what
            // parties said about them.
            Role::Monitor => matches!(kind, Report | Incident | Source | Statement),
            Role::Liaison => matches!(kind, Acknowledgement),
            Role::Analyst | Role::Public => false,
        }
    }

    /// Whether a principal may record `party`'s acknowledgement of a notification addressed
    /// to `addressed`: a liaison only its own party's, and only if addressed to it; admins and
    /// coordinators any addressed party's.
    pub fn may_acknowledge_for(
        principal: &Principal,
        party: &PartyId,
        addressed: &[PartyId],
    ) -> bool {
        if !addressed.contains(party) || !principal.role().may_write(Writable::Acknowledgement) {
            return false;
        }
        match principal.role() {
            Role::Liaison => principal.party() == Some(party),
            _ => true,
        }
    }
}

/// The kinds of record the API writes, for [`Role::may_write`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writable {
    Site,
    Movement,
    Notification,
    Acknowledgement,
    Ceasefire,
    Source,
    Report,
    Incident,
    /// A party's claim, denial or admission about an incident.
    Statement,
}

/// The one rule tying roles to parties: a liaison is bound to exactly one party, no other
/// role has one.
fn check_role_party(role: Role, party: Option<&PartyId>) -> Result<(), ValidationError> {
    match (role.is_bound_to_party(), party) {
        (true, None) => Err(ValidationError::new(
            "party",
            "a liaison is bound to one party: name it",
        )),
        (false, Some(p)) => Err(ValidationError::new(
            "party",
            format!("only a liaison is bound to a party; a {role} may not name one ('{p}')"),
        )),
        _ => Ok(()),
    }
}

/// Who is asking: the role a request acts with, the party of a liaison, and the account
/// behind it if any (a token need not belong to an account).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Principal {
    role: Role,
    party: Option<PartyId>,
    account: Option<String>,
}

impl Principal {
    /// A principal, refused unless the role/party rule holds.
    pub fn new(
        role: Role,
        party: Option<PartyId>,
        account: Option<String>,
    ) -> Result<Self, ValidationError> {
        check_role_party(role, party.as_ref())?;
        Ok(Self {
            role,
            party,
            account,
        })
    }

    /// Anyone without a valid token: sees published aggregates only.
    pub fn public() -> Self {
        Self {
            role: Role::Public,
            party: None,
            account: None,
        }
    }

    pub fn role(&self) -> Role {
        self.role
    }

    /// The party of a liaison; `None` for every other role.
    pub fn party(&self) -> Option<&PartyId> {
        self.party.as_ref()
    }

    pub fn account(&self) -> Option<&str> {
        self.account.as_deref()
    }
}

/// Checks an account name: an id (no surrounding spaces, no control characters) without
/// spaces, so it can be typed on a command line and logged unambiguously.
fn check_account_name(problems: &mut Problems, field: &str, name: &str) {
    if let Err(problem) = check_id(name) {
        problems.push(field, problem);
    } else if name.chars().any(char::is_whitespace) {
        problems.push(field, format!("'{name}' may not contain spaces"));
    }
}

/// A person who signs in. Holds the password's hash as a PHC string, never the password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub name: String,
    pub role: Role,
    /// The party of a liaison; `None` for every other role.
    pub party: Option<PartyId>,
    /// `$argon2id$v=19$m=…,t=…,p=…$salt$hash`: the parameters travel with the hash.
    pub password_hash: String,
    pub created_at: Timestamp,
    /// When the account was disabled; a disabled account may not sign in.
    pub disabled_at: Option<Timestamp>,
}

impl Account {
    pub fn validate(&self) -> Result<(), Vec<ValidationError>> {
        let mut problems = Problems::new();
        check_account_name(&mut problems, "name", &self.name);
        if self.role == Role::Public {
            problems.push("role", "the public needs no account");
        }
        if let Err(e) = check_role_party(self.role, self.party.as_ref()) {
            problems.push(e.field, e.problem);
        }
        if !is_phc_string(&self.password_hash) {
            // The value is not shown: if it is not a hash it may be a password.
            problems.push(
                "password_hash",
                "is not a PHC string ($algorithm$…); a password is never stored as it is",
            );
        }
        if let Some(disabled) = self.disabled_at {
            if disabled < self.created_at {
                problems.push("disabled_at", "is before created_at");
            }
        }
        problems.finish()
    }

    /// Whether the account may sign in.
    pub fn is_active(&self) -> bool {
        self.disabled_at.is_none()
    }
}

/// The shape of a PHC string: `$id$…` with a lower-case algorithm id and no spaces. Enough to
/// refuse a password stored by mistake; checking the hash itself is `vigil-auth`'s.
fn is_phc_string(text: &str) -> bool {
    let mut parts = text.split('$');
    let (Some(""), Some(id), Some(_)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !text.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Length of a token's public id, in hex digits.
pub const TOKEN_ID_LEN: usize = 12;

/// An API token as stored: what it grants and the SHA-256 of its secret, never the secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiToken {
    /// Public id ([`TOKEN_ID_LEN`] lower-case hex digits), for listing and revoking; not
    /// derived from the secret.
    pub id: String,
    /// What the token is for ("field team laptop").
    pub label: Option<String>,
    pub role: Role,
    /// The party of a liaison token; `None` for every other role.
    pub party: Option<PartyId>,
    /// The account the token acts for, if any.
    pub account: Option<String>,
    pub token_sha256: Sha256,
    pub created_at: Timestamp,
    /// When the token was revoked; a revoked token grants nothing.
    pub revoked_at: Option<Timestamp>,
    /// When the token stops working by itself (a session made by signing in); `None`: it
    /// works until revoked.
    #[serde(default)]
    pub expires_at: Option<Timestamp>,
}

impl ApiToken {
    pub fn validate(&self) -> Result<(), Vec<ValidationError>> {
        let mut problems = Problems::new();
        if self.id.len() != TOKEN_ID_LEN
            || !self
                .id
                .chars()
                .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
        {
            problems.push(
                "id",
                format!(
                    "'{}' is not a token id ({TOKEN_ID_LEN} lower-case hex digits)",
                    self.id
                ),
            );
        }
        check_optional_name(&mut problems, "label", self.label.as_deref());
        if self.role == Role::Public {
            problems.push(
                "role",
                "the public needs no token: what the public may see is served without one",
            );
        }
        if let Err(e) = check_role_party(self.role, self.party.as_ref()) {
            problems.push(e.field, e.problem);
        }
        if let Some(account) = &self.account {
            check_account_name(&mut problems, "account", account);
        }
        if let Some(revoked) = self.revoked_at {
            if revoked < self.created_at {
                problems.push("revoked_at", "is before created_at");
            }
        }
        if let Some(expires) = self.expires_at {
            if expires <= self.created_at {
                problems.push("expires_at", "is not after created_at");
            }
        }
        problems.finish()
    }

    /// Whether the token still grants its role.
    pub fn is_active(&self) -> bool {
        self.revoked_at.is_none()
    }

    /// Whether the token has stopped working by itself at `now` (see `expires_at`).
    pub fn has_expired(&self, now: Timestamp) -> bool {
        self.expires_at.is_some_and(|expires| now >= expires)
    }

    /// Who a request presenting this token acts as; `None` once revoked.
    pub fn principal(&self) -> Option<Principal> {
        if !self.is_active() {
            return None;
        }
        Principal::new(self.role, self.party.clone(), self.account.clone()).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn party() -> PartyId {
        PartyId::new("rus").unwrap()
    }

    fn account() -> Account {
        Account {
            name: "amal".into(),
            role: Role::Coordinator,
            party: None,
            password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo".into(),
            created_at: Utc.with_ymd_and_hms(2016, 9, 1, 8, 0, 0).unwrap(),
            disabled_at: None,
        }
    }

    fn token() -> ApiToken {
        ApiToken {
            id: "0123456789ab".into(),
            label: Some("field laptop".into()),
            role: Role::Liaison,
            party: Some(party()),
            account: None,
            token_sha256: Sha256::of(b"vigil_x"),
            created_at: Utc.with_ymd_and_hms(2016, 9, 1, 8, 0, 0).unwrap(),
            revoked_at: None,
            expires_at: None,
        }
    }

    #[test]
    fn roles_are_spelt_as_documented() {
        let spelt: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
        assert_eq!(
            spelt,
            [
                "admin",
                "coordinator",
                "monitor",
                "liaison",
                "analyst",
                "public"
            ]
        );
        assert_eq!("Liaison".parse::<Role>().unwrap(), Role::Liaison);
        let err = "root".parse::<Role>().unwrap_err();
        assert!(err.problem.contains("expected one of: admin"), "{err}");
    }

    #[test]
    fn a_liaison_has_exactly_one_party_and_no_one_else_has_one() {
        let liaison = Principal::new(Role::Liaison, Some(party()), None).unwrap();
        assert_eq!(liaison.party(), Some(&party()));
        let err = Principal::new(Role::Liaison, None, None).unwrap_err();
        assert!(err.problem.contains("name it"), "{err}");
        for role in [Role::Admin, Role::Analyst, Role::Public] {
            let err = Principal::new(role, Some(party()), None).unwrap_err();
            assert!(err.problem.contains("only a liaison"), "{err}");
        }
        assert_eq!(Principal::public().role(), Role::Public);
        assert_eq!(Principal::public().party(), None);
    }

    #[test]
    fn accounts_hold_a_hash_never_a_password() {
        assert_eq!(account().validate(), Ok(()));
        let mut plain = account();
        plain.password_hash = "hunter2 hunter2".into();
        let errors = plain.validate().unwrap_err();
        assert_eq!(errors[0].field, "password_hash");
        assert!(
            !errors[0].to_string().contains("hunter2"),
            "the rejected value is not echoed"
        );
        let mut public = account();
        public.role = Role::Public;
        assert!(public.validate().is_err());
        let mut spaced = account();
        spaced.name = "amal k".into();
        assert!(spaced.validate().is_err());
    }

    #[test]
    fn tokens_follow_the_role_rules_and_stop_granting_when_revoked() {
        let t = token();
        assert_eq!(t.validate(), Ok(()));
        assert_eq!(t.principal().unwrap().party(), Some(&party()));
        let mut public = token();
        public.role = Role::Public;
        public.party = None;
        assert!(public.validate().unwrap_err()[0]
            .problem
            .contains("needs no token"));
        let mut unbound = token();
        unbound.party = None;
        assert_eq!(unbound.validate().unwrap_err()[0].field, "party");
        let mut bad_id = token();
        bad_id.id = "ABC".into();
        assert_eq!(bad_id.validate().unwrap_err()[0].field, "id");
        let mut revoked = token();
        revoked.revoked_at = Some(revoked.created_at);
        assert_eq!(revoked.validate(), Ok(()));
        assert_eq!(revoked.principal(), None);
    }
}

#[cfg(test)]
mod write_rights {
    use super::*;

    fn liaison(party: &str) -> Principal {
        Principal::new(Role::Liaison, Some(PartyId::new(party).unwrap()), None).unwrap()
    }

    #[test]
    fn each_role_writes_only_its_own_records() {
        assert!(Role::Coordinator.may_write(Writable::Site));
        assert!(!Role::Coordinator.may_write(Writable::Incident));
        assert!(Role::Monitor.may_write(Writable::Incident));
        assert!(!Role::Monitor.may_write(Writable::Notification));
        assert!(!Role::Analyst.may_write(Writable::Report));
        assert!(!Role::Public.may_write(Writable::Acknowledgement));
        assert!(!Role::Liaison.may_write(Writable::Site));
    }

    #[test]
    fn statements_are_recorded_by_monitors_and_admins_only() {
        for role in Role::ALL {
            assert_eq!(
                role.may_write(Writable::Statement),
                matches!(role, Role::Admin | Role::Monitor),
                "{role}"
            );
        }
    }

    #[test]
    fn a_liaison_acknowledges_only_for_its_party_what_was_addressed_to_it() {
        let ru = PartyId::new("ru").unwrap();
        let us = PartyId::new("us").unwrap();
        assert!(Role::may_acknowledge_for(
            &liaison("ru"),
            &ru,
            &[ru.clone(), us.clone()]
        ));
        assert!(!Role::may_acknowledge_for(
            &liaison("ru"),
            &us,
            &[ru.clone(), us.clone()]
        ));
        assert!(!Role::may_acknowledge_for(
            &liaison("ru"),
            &ru,
            std::slice::from_ref(&us)
        ));
        let coordinator = Principal::new(Role::Coordinator, None, None).unwrap();
        assert!(Role::may_acknowledge_for(
            &coordinator,
            &us,
            std::slice::from_ref(&us)
        ));
        assert!(!Role::may_acknowledge_for(
            &coordinator,
            &ru,
            std::slice::from_ref(&us)
        ));
    }
}
