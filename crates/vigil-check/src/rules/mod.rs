//! One file per finding kind, and the final ordering.

pub(crate) mod ceasefire;
pub(crate) mod duplicates;
pub(crate) mod movements;
pub(crate) mod order;
pub(crate) mod repeat;
pub(crate) mod sites;

use crate::finding::{Finding, FindingKind, Strength, Subject};
use vigil_domain::IncidentId;

/// A finding with every optional field empty, for a rule to fill in.
pub(crate) fn blank(
    kind: FindingKind,
    strength: Strength,
    incident: &IncidentId,
    subject: Subject,
) -> Finding {
    Finding {
        kind,
        strength,
        incident: incident.clone(),
        subject,
        distance_m: None,
        reach_m: None,
        notification: None,
        interval_s: None,
        returned_within_hours: false,
        site: None,
        parties: Vec::new(),
        area: None,
        score: None,
        reasons: Vec::new(),
        explanation: String::new(),
    }
}
