//! Notifications of sites and movements to parties, and the parties' acknowledgements.
//!
//! A notification is versioned: a new version (a moved site, a changed window, added parties)
//! keeps the id and increments `version`; earlier versions stay as they were sent.
//! Acknowledgement records receipt, never approval.

use crate::digest::Sha256;
use crate::error::{Problems, ValidationError};
use crate::ids::{MovementId, NotificationId, PartyId, SiteId, SourceId};
use crate::time::{DayWindow, Timestamp};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// What a notification is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    Site(SiteId),
    Movement(MovementId),
}

impl Subject {
    pub fn kind(&self) -> &'static str {
        match self {
            Subject::Site(_) => "site",
            Subject::Movement(_) => "movement",
        }
    }

    pub fn id(&self) -> &str {
        match self {
            Subject::Site(id) => id.as_str(),
            Subject::Movement(id) => id.as_str(),
        }
    }
}

/// One version of a notification, exactly as it was sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Notification {
    pub id: NotificationId,
    /// 1 for the first version sent, then 2, 3, …
    pub version: u32,
    pub subject: Subject,
    /// The parties it was addressed to.
    pub parties: Vec<PartyId>,
    pub sent_at: Timestamp,
    /// Days in force, both included.
    pub valid: DayWindow,
    pub withdrawn_at: Option<Timestamp>,
    /// How it was sent (HNS e-mail, liaison meeting, deconfliction portal, …).
    pub channel: Option<String>,
    /// SHA-256 of the exact payload that was sent.
    pub payload_sha256: Sha256,
    pub source: Option<SourceId>,
}

impl Notification {
    pub fn validate(&self) -> Result<(), Vec<ValidationError>> {
        let mut problems = Problems::new();
        if self.version == 0 {
            problems.push("version", "versions start at 1");
        }
        if self.parties.is_empty() {
            problems.push(
                "parties",
                "a notification is addressed to at least one party",
            );
        }
        let mut seen = BTreeSet::new();
        for party in &self.parties {
            if !seen.insert(party) {
                problems.push("parties", format!("party '{party}' is listed twice"));
            }
        }
        if let Err(e) = DayWindow::new(self.valid.from, self.valid.to) {
            problems.push(e.field, e.problem);
        }
        if let Some(withdrawn) = self.withdrawn_at {
            if withdrawn < self.sent_at {
                problems.push(
                    "withdrawn_at",
                    format!(
                        "{withdrawn} is before the notification was sent ({})",
                        self.sent_at
                    ),
                );
            }
        }
        problems.finish()
    }

    /// Whether the notification was addressed to `party`.
    pub fn addressed_to(&self, party: &PartyId) -> bool {
        self.parties.contains(party)
    }
}

/// A party's acknowledgement that it received one version of a notification.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Acknowledgement {
    pub notification: NotificationId,
    pub version: u32,
    pub party: PartyId,
    pub received_at: Timestamp,
    /// The desk or office that acknowledged (not a private person's name).
    pub by: Option<String>,
    pub channel: Option<String>,
    pub source: Option<SourceId>,
}

impl Acknowledgement {
    /// Checks the acknowledgement against the notification version it acknowledges.
    pub fn validate_against(
        &self,
        notification: &Notification,
    ) -> Result<(), Vec<ValidationError>> {
        let mut problems = Problems::new();
        if notification.id != self.notification || notification.version != self.version {
            problems.push(
                "notification",
                format!(
                    "acknowledges {} version {}, checked against {} version {}",
                    self.notification, self.version, notification.id, notification.version
                ),
            );
        }
        if !notification.addressed_to(&self.party) {
            problems.push(
                "party",
                format!(
                    "notification {} was not addressed to party '{}'",
                    notification.id, self.party
                ),
            );
        }
        if self.received_at < notification.sent_at {
            problems.push(
                "received_at",
                format!(
                    "{} is before the notification was sent ({})",
                    self.received_at, notification.sent_at
                ),
            );
        }
        problems.finish()
    }
}
