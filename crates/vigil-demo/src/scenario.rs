//! The scenario file's shape (`data/aleppo-2016.json`): plain records that refer to each other
//! by id and to areas by P-code. Unknown keys are rejected, so a typo in the data fails the
//! build's tests instead of silently dropping a fact.

use chrono::NaiveDate;
use serde::Deserialize;
use vigil_domain::*;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub name: String,
    pub summary: String,
    pub sources: Vec<ScenarioSource>,
    pub parties: Vec<Party>,
    pub sites: Vec<ScenarioSite>,
    pub movements: Vec<ScenarioMovement>,
    pub notifications: Vec<ScenarioNotification>,
    pub acknowledgements: Vec<ScenarioAcknowledgement>,
    pub incidents: Vec<ScenarioIncident>,
    pub statements: Vec<Statement>,
    pub ceasefires: Vec<ScenarioCeasefire>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioSource {
    pub id: SourceId,
    pub kind: SourceKind,
    pub title: String,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub published_on: Option<NaiveDate>,
}

/// A place: a neighbourhood by P-code (placed at OCHA's reference point, neighbourhood
/// precision), or a point with its stated precision.
#[derive(Debug, Deserialize)]
#[serde(untagged, deny_unknown_fields)]
pub enum ScenarioLocation {
    Neighbourhood {
        neighbourhood: String,
    },
    Point {
        lon: f64,
        lat: f64,
        precision: GeoPrecision,
        radius_m: Option<f64>,
    },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioSite {
    pub id: SiteId,
    pub kind: SiteKind,
    pub name: String,
    pub operator: Option<String>,
    pub location: ScenarioLocation,
    pub sensitivity: Sensitivity,
    #[serde(default)]
    pub status: Vec<StatusEntry>,
    #[serde(default)]
    pub capacity: Vec<CapacityFact>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioMovement {
    pub id: MovementId,
    pub kind: MovementKind,
    pub name: String,
    pub operator: Option<String>,
    pub route: Vec<[f64; 2]>,
    pub corridor_width_m: f64,
    pub window_start: Timestamp,
    pub window_end: Timestamp,
    pub sensitivity: Sensitivity,
    pub source: Option<SourceId>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioNotification {
    pub id: NotificationId,
    pub subject: Subject,
    pub parties: Vec<PartyId>,
    pub sent_at: Timestamp,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub channel: Option<String>,
    pub source: Option<SourceId>,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioAcknowledgement {
    pub notification: NotificationId,
    pub party: PartyId,
    pub received_at: Timestamp,
    pub by: Option<String>,
    pub channel: Option<String>,
    pub source: Option<SourceId>,
}

/// A start or end: a whole day, or an instant.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(untagged)]
pub enum DayOrInstant {
    Instant(Timestamp),
    Day(NaiveDate),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioCasualty {
    pub group: CasualtyGroup,
    pub outcome: Outcome,
    pub low: u32,
    pub best: u32,
    pub high: u32,
    pub source: Option<SourceId>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioReport {
    pub id: ReportId,
    pub source: SourceId,
    pub received_at: Timestamp,
    pub summary: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioIncident {
    pub id: IncidentId,
    pub title: Option<String>,
    pub kind: IncidentKind,
    pub start: DayOrInstant,
    pub end: DayOrInstant,
    pub time_precision: TimePrecision,
    pub location: ScenarioLocation,
    pub weapon: Option<String>,
    #[serde(default)]
    pub targets: Vec<Target>,
    pub damage: Option<Damage>,
    pub certainty: Certainty,
    pub description: Option<String>,
    #[serde(default)]
    pub casualties: Vec<ScenarioCasualty>,
    #[serde(default)]
    pub attributions: Vec<Attribution>,
    pub reports: Vec<ScenarioReport>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioCeasefire {
    pub id: CeasefireId,
    pub name: String,
    pub parties: Vec<PartyId>,
    pub areas: Vec<AreaId>,
    pub start: Timestamp,
    pub planned_end: Option<Timestamp>,
    pub collapsed_at: Option<Timestamp>,
    pub source: Option<SourceId>,
}
