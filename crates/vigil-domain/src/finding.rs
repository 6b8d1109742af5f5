//! What the cross-check finds (the engine is the `vigil-check` crate): one [`Finding`] per
//! fact worth a person's attention. Findings are stored, so they are plain data here.

use crate::{
    AreaId, CeasefireId, DayWindow, IncidentId, MovementId, NotificationId, PartyId, SiteId,
    Timestamp,
};
use serde::{Deserialize, Serialize};

/// What kind of finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// A site within reach of an incident while one of its notifications was in force.
    NotifiedSite,
    /// A movement's route, widened by its corridor, within reach of an incident inside the
    /// movement's window while one of its notifications was in force.
    NotifiedMovement,
    /// A protected site within reach of an incident with no notification in force.
    UnnotifiedSite,
    /// A site hit again: two incidents within reach of the same site, and the interval.
    RepeatAttack,
    /// An incident inside a ceasefire's area and period.
    CeasefireViolation,
    /// Two incidents from different sources that are probably one event.
    DuplicateCandidate,
}

impl FindingKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::NotifiedSite => "notified_site",
            FindingKind::NotifiedMovement => "notified_movement",
            FindingKind::UnnotifiedSite => "unnotified_site",
            FindingKind::RepeatAttack => "repeat_attack",
            FindingKind::CeasefireViolation => "ceasefire_violation",
            FindingKind::DuplicateCandidate => "duplicate_candidate",
        }
    }
}

/// How strongly the data supports the finding (DESIGN.md, Cross-check semantics).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Strength {
    /// The incident names the site or movement as hit.
    Linked,
    /// Within reach at fine precision.
    Consistent,
    /// Within reach only at coarse precision (still site-level).
    Possible,
    /// The incident is known only to an area (district or wider, or a reach over 10 km): the
    /// site lies in that area, which is all that can be said.
    AreaLevel,
}

impl Strength {
    pub fn as_str(self) -> &'static str {
        match self {
            Strength::Linked => "linked",
            Strength::Consistent => "consistent",
            Strength::Possible => "possible",
            Strength::AreaLevel => "area_level",
        }
    }
}

/// What a finding is about, besides its incident.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "id")]
pub enum Subject {
    Site(SiteId),
    Movement(MovementId),
    /// The other incident (of a repeat attack or a duplicate candidate).
    Incident(IncidentId),
    Ceasefire(CeasefireId),
}

impl Subject {
    pub fn id(&self) -> &str {
        match self {
            Subject::Site(id) => id.as_str(),
            Subject::Movement(id) => id.as_str(),
            Subject::Incident(id) => id.as_str(),
            Subject::Ceasefire(id) => id.as_str(),
        }
    }
}

/// The notification version a finding rests on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NotificationFact {
    pub id: NotificationId,
    pub version: u32,
    pub sent_at: Timestamp,
    pub valid: DayWindow,
    /// Whether it was sent before the incident's span began.
    pub sent_before: bool,
    /// Whole days from sending to the start of the incident's span (negative if sent after).
    pub days_before: i64,
    /// The parties that had acknowledged receipt of this version by the start of the
    /// incident's span, with when, in order of acknowledgement.
    pub acknowledged_by: Vec<(PartyId, Timestamp)>,
    /// The parties it was addressed to that had not acknowledged by then.
    pub not_acknowledged_by: Vec<PartyId>,
}

/// One finding. Fields that do not apply to a kind are `None` or empty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub kind: FindingKind,
    pub strength: Strength,
    pub incident: IncidentId,
    pub subject: Subject,
    /// Geodesic distance on WGS84 between the incident's point and the subject (site point,
    /// movement route, other incident), in metres.
    pub distance_m: Option<f64>,
    /// The reach the distance was compared with: incident radius + subject radius, in metres.
    pub reach_m: Option<f64>,
    pub notification: Option<NotificationFact>,
    /// For repeat attacks: seconds from the start of the earlier incident to the start of this
    /// one; and whether the strike returned within hours.
    pub interval_s: Option<i64>,
    pub returned_within_hours: bool,
    /// For repeat attacks: the site hit again (the subject is the earlier incident, and two
    /// sites hit by the same pair of incidents are two findings).
    pub site: Option<SiteId>,
    /// For ceasefire violations: the alleged parties that are parties to the ceasefire.
    pub parties: Vec<PartyId>,
    /// The area that makes an area-level finding.
    pub area: Option<AreaId>,
    /// For duplicate candidates: a score in 0..=1 and the reasons behind it.
    pub score: Option<f64>,
    pub reasons: Vec<String>,
    /// One line a person can read, e.g. "M10 hospital, notified to russia, turkey, usa 22 days
    /// before (acknowledged by russia), 180 m from an airstrike on 2016-09-28".
    pub explanation: String,
}

impl Finding {
    /// An id for this finding that stays the same from one run of the cross-check to the
    /// next for as long as the finding does: a digest of what makes it this finding (the
    /// engine emits at most one finding per incident, kind, subject, notification and site).
    /// Stored findings are kept by position within their incident, which moves when another
    /// finding of that incident comes or goes, so the position is no id.
    pub fn stable_id(&self) -> String {
        let (subject_type, subject_id) = match &self.subject {
            Subject::Site(id) => ("site", id.as_str()),
            Subject::Movement(id) => ("movement", id.as_str()),
            Subject::Incident(id) => ("incident", id.as_str()),
            Subject::Ceasefire(id) => ("ceasefire", id.as_str()),
        };
        // Ids hold no control characters, so a newline separates them unambiguously.
        let key = format!(
            "vigil finding\n{}\n{}\n{subject_type}\n{subject_id}\n{}\n{}",
            self.incident,
            self.kind.as_str(),
            self.notification.as_ref().map_or("", |n| n.id.as_str()),
            self.site.as_ref().map_or("", |s| s.as_str()),
        );
        let digest = crate::digest::Sha256::of(key.as_bytes());
        format!("f-{}", &digest.to_string()[..16])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding() -> Finding {
        Finding {
            kind: FindingKind::NotifiedSite,
            strength: Strength::Linked,
            incident: IncidentId::new("inc-1").unwrap(),
            subject: Subject::Site(SiteId::new("m10").unwrap()),
            distance_m: Some(94.5),
            reach_m: Some(50.0),
            notification: None,
            interval_s: None,
            returned_within_hours: false,
            site: None,
            parties: Vec::new(),
            area: None,
            score: None,
            reasons: Vec::new(),
            explanation: "M10, 94 m from an airstrike".into(),
        }
    }

    #[test]
    fn the_stable_id_follows_what_makes_the_finding_not_what_it_measures() {
        let id = finding().stable_id();
        assert!(id.starts_with("f-") && id.len() == 18, "{id}");
        // A corrected distance or a reworded explanation is the same finding.
        let mut remeasured = finding();
        remeasured.distance_m = Some(90.0);
        remeasured.strength = Strength::Consistent;
        remeasured.explanation = "M10, 90 m away".into();
        assert_eq!(remeasured.stable_id(), id);
        // Another kind, subject or incident is another finding.
        let mut unnotified = finding();
        unnotified.kind = FindingKind::UnnotifiedSite;
        let mut movement = finding();
        movement.subject = Subject::Movement(MovementId::new("m10").unwrap());
        let mut later = finding();
        later.incident = IncidentId::new("inc-2").unwrap();
        let mut repeat = finding();
        repeat.site = Some(SiteId::new("m10").unwrap());
        for other in [unnotified, movement, later, repeat] {
            assert_ne!(other.stable_id(), id, "{other:?}");
        }
    }
}
