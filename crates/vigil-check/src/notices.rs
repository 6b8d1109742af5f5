//! Notifications as the engine needs them: for a site or movement and an incident, which
//! version of each notification applied, whether it was in force, and who had acknowledged it.
//!
//! The rules (the "In force"):
//! - the version that applies is the latest version sent by the end of the incident's span —
//!   what the parties could have known while it happened; later versions did not exist yet;
//! - it is in force when its validity window overlaps the span and it had not been withdrawn
//!   before the span began;
//! - acknowledgements count when they were received by the start of the span, because the
//!   question a finding answers is what a party knew before the attack began.

use crate::finding::NotificationFact;
use std::collections::{BTreeSet, HashMap};
use vigil_domain::{
    Acknowledgement, Notification, NotificationId, PartyId, Subject as Notified, TimeSpan,
    Timestamp,
};

/// A notification version in force for an incident: the fact a finding carries, and whom the
/// version was addressed to (for the explanation).
pub(crate) struct InForce<'a> {
    pub fact: NotificationFact,
    pub parties: &'a [PartyId],
}

pub(crate) struct Notices<'a> {
    /// Every version of each notification, in version order.
    versions: HashMap<&'a NotificationId, Vec<&'a Notification>>,
    /// The notifications any version of which was about a site or movement, in id order.
    by_subject: HashMap<&'a Notified, BTreeSet<&'a NotificationId>>,
    /// Acknowledgements of each version, in order of receipt (then party, for ties).
    acks: HashMap<(&'a NotificationId, u32), Vec<&'a Acknowledgement>>,
}

impl<'a> Notices<'a> {
    pub(crate) fn new(notifications: &'a [Notification], acks: &'a [Acknowledgement]) -> Self {
        let mut versions: HashMap<&NotificationId, Vec<&Notification>> = HashMap::new();
        let mut by_subject: HashMap<&Notified, BTreeSet<&NotificationId>> = HashMap::new();
        for n in notifications {
            versions.entry(&n.id).or_default().push(n);
            by_subject.entry(&n.subject).or_default().insert(&n.id);
        }
        for list in versions.values_mut() {
            list.sort_by_key(|n| (n.version, n.sent_at));
        }
        let mut by_version: HashMap<(&NotificationId, u32), Vec<&Acknowledgement>> = HashMap::new();
        for ack in acks {
            by_version
                .entry((&ack.notification, ack.version))
                .or_default()
                .push(ack);
        }
        for list in by_version.values_mut() {
            list.sort_by(|a, b| (a.received_at, &a.party).cmp(&(b.received_at, &b.party)));
        }
        Self {
            versions,
            by_subject,
            acks: by_version,
        }
    }

    /// The notifications of `subject` in force during `span`, one fact each, in id order.
    pub(crate) fn in_force(&self, subject: &Notified, span: &TimeSpan) -> Vec<InForce<'a>> {
        let Some(ids) = self.by_subject.get(subject) else {
            return Vec::new();
        };
        ids.iter()
            .filter_map(|id| self.applicable(id, span))
            // The latest version may be about something else (a corrected subject); then
            // this notification no longer covers `subject`.
            .filter(|n| &n.subject == subject)
            .filter(|n| is_in_force(n, span))
            .map(|n| InForce {
                fact: self.fact(n, span),
                parties: &n.parties,
            })
            .collect()
    }

    /// The latest version sent by the end of the span.
    fn applicable(&self, id: &NotificationId, span: &TimeSpan) -> Option<&'a Notification> {
        self.versions
            .get(id)?
            .iter()
            .rev()
            .find(|n| n.sent_at <= span.end())
            .copied()
    }

    fn fact(&self, n: &Notification, span: &TimeSpan) -> NotificationFact {
        let start = span.start();
        let mut acknowledged_by: Vec<(PartyId, Timestamp)> = Vec::new();
        for ack in self.acks.get(&(&n.id, n.version)).into_iter().flatten() {
            // In order of receipt, so a party's first acknowledgement is the one kept.
            if ack.received_at <= start && !acknowledged_by.iter().any(|(p, _)| p == &ack.party) {
                acknowledged_by.push((ack.party.clone(), ack.received_at));
            }
        }
        let not_acknowledged_by = n
            .parties
            .iter()
            .filter(|party| !acknowledged_by.iter().any(|(p, _)| p == *party))
            .cloned()
            .collect();
        NotificationFact {
            id: n.id.clone(),
            version: n.version,
            sent_at: n.sent_at,
            valid: n.valid,
            sent_before: n.sent_at <= start,
            // Whole days, truncated towards zero: sent 30 hours before is 1 day before, sent
            // 3 hours after the start is 0 days (and `sent_before` says it was after).
            days_before: (start - n.sent_at).num_days(),
            acknowledged_by,
            not_acknowledged_by,
        }
    }
}

fn is_in_force(n: &Notification, span: &TimeSpan) -> bool {
    let withdrawn_before_start = n.withdrawn_at.is_some_and(|w| w < span.start());
    n.valid.in_force_during(span) && !withdrawn_before_start
}
