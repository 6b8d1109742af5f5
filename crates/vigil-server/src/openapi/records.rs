//! The records as the API returns them: the shapes `crate::views` builds (the full views for
//! staff roles) and the policy's `Published*` types (for liaisons and the public), mirrored
//! field by field. Each mirror refuses other fields (`additionalProperties: false`), so the
//! snapshot test, which checks real answers against these schemas, fails when a view gains
//! or loses a field that is not described here.
//!
//! A field that is always sent, possibly as `null`, is required and nullable; a field left out
//! for roles that may not see it (sources, notes) is optional.

use super::vocab::{
    AttributionGrade, CapacityMetric, CasualtyGroup, Certainty, Damage, FindingKind, GeoPrecision,
    IncidentCategory, IncidentKind, MovementKind, Outcome, Sensitivity, SiteKind, SiteStatus,
    SourceKind, Strength, TargetKind, TimePrecision,
};
use chrono::{DateTime, NaiveDate, Utc};
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;
use utoipa::ToSchema;

/// A WGS84 position, `[lon, lat]` in degrees, as in GeoJSON.
pub(crate) struct Position;

impl utoipa::PartialSchema for Position {
    fn schema() -> RefOr<Schema> {
        ArrayBuilder::new()
            .items(ObjectBuilder::new().schema_type(Type::Number))
            .min_items(Some(2))
            .max_items(Some(2))
            .description(Some(
                "A WGS84 position, `[lon, lat]` in degrees, as in GeoJSON.",
            ))
            .into()
    }
}

impl ToSchema for Position {}

/// Where a record is, and how precisely that is known.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Location {
    /// `null` only where the record is no more precise than a district, governorate or country
    /// and gives no coordinates (never for a site).
    #[schema(required = true)]
    point: Option<Position>,
    precision: GeoPrecision,
    /// Metres around the point within which the place lies.
    radius_m: f64,
}

/// A time span, both ends included (RFC 3339, UTC).
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct TimeSpan {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    precision: TimePrecision,
}

/// Days a notification is in force, both included; `to: null` while it still is.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct DayWindow {
    from: NaiveDate,
    #[schema(required = true)]
    to: Option<NaiveDate>,
}

/// A country or governorate as published: its P-code and English name.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct PublishedArea {
    id: String,
    name: String,
}

/// A site's status from a day on. `source` and `note` only for monitors and admins.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct StatusEntry {
    as_of: NaiveDate,
    status: SiteStatus,
    #[schema(required = false)]
    source: String,
    #[schema(required = false)]
    note: String,
}

/// A capacity figure (beds, doctors) at a day. `source` only for monitors and admins.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CapacityFact {
    as_of: NaiveDate,
    metric: CapacityMetric,
    value: u32,
    #[schema(required = false)]
    source: String,
}

/// A site in full: for staff roles, and for a liaison a site notified to its party.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Site {
    id: String,
    kind: SiteKind,
    name: String,
    #[schema(required = true)]
    operator: Option<String>,
    location: Location,
    sensitivity: Sensitivity,
    /// The smallest stored area containing the site (its id).
    #[schema(required = true)]
    area: Option<String>,
    /// Oldest first.
    status: Vec<StatusEntry>,
    capacity: Vec<CapacityFact>,
}

/// A public site as the public (and a liaison, for sites not notified to its party) sees it:
/// no coordinates, no operator, the latest status without its source.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct PublishedSite {
    id: String,
    kind: SiteKind,
    name: String,
    #[schema(required = true)]
    country: Option<PublishedArea>,
    #[schema(required = true)]
    governorate: Option<PublishedArea>,
    #[schema(required = true)]
    status: Option<SiteStatus>,
    #[schema(required = true)]
    status_as_of: Option<NaiveDate>,
}

/// A site, as the caller's role may see it.
#[derive(ToSchema)]
#[serde(untagged)]
pub(crate) enum SiteView {
    Full(Site),
    Published(PublishedSite),
}

/// What an incident hit: a stored site, a stored movement, or a kind of target.
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Target {
    Site(String),
    Movement(String),
    Kind(TargetKind),
}

/// One source's casualty figure. `source` only for monitors and admins.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Casualties {
    group: CasualtyGroup,
    outcome: Outcome,
    low: u32,
    best: u32,
    high: u32,
    #[schema(required = false)]
    source: String,
}

/// A party an incident is attributed to. `sources` only for monitors and admins.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Attribution {
    party: String,
    grade: AttributionGrade,
    #[schema(required = false)]
    sources: Vec<String>,
}

/// A source an incident's reports cite (monitors and admins only).
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Source {
    id: String,
    kind: SourceKind,
    title: String,
    #[schema(required = true)]
    publisher: Option<String>,
    #[schema(required = true)]
    url: Option<String>,
    #[schema(required = true)]
    published_on: Option<NaiveDate>,
    /// Whether the identity behind the source is withheld from every role but monitors and
    /// admins (every witness is).
    protected: bool,
}

/// An incident in full, for staff roles. `reports` and `sources` only for monitors and admins.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Incident {
    id: String,
    #[schema(required = true)]
    title: Option<String>,
    kind: IncidentKind,
    /// Derived from `kind`.
    category: IncidentCategory,
    when: TimeSpan,
    location: Location,
    #[schema(required = true)]
    area: Option<String>,
    #[schema(required = true)]
    weapon: Option<String>,
    targets: Vec<Target>,
    #[schema(required = true)]
    damage: Option<Damage>,
    certainty: Certainty,
    casualties: Vec<Casualties>,
    attributions: Vec<Attribution>,
    #[schema(required = true)]
    description: Option<String>,
    /// The ids of the reports it was built from.
    #[schema(required = false)]
    reports: Vec<String>,
    #[schema(required = false)]
    sources: Vec<Source>,
}

/// A casualty range as published, its source removed.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct PublishedCasualties {
    group: CasualtyGroup,
    outcome: Outcome,
    low: u32,
    best: u32,
    high: u32,
}

/// An incident as liaisons and the public see it (WHO SSA's practice): governorate, days,
/// category, certainty and casualty ranges, under a pseudonymous id (`pub-…`).
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct PublishedIncident {
    /// The incident's pseudonym, never its own id.
    id: String,
    #[schema(required = true)]
    country: Option<PublishedArea>,
    #[schema(required = true)]
    governorate: Option<PublishedArea>,
    /// First and last day of its span (UTC).
    date_from: NaiveDate,
    date_to: NaiveDate,
    kind: IncidentKind,
    category: IncidentCategory,
    certainty: Certainty,
    casualties: Vec<PublishedCasualties>,
}

/// An incident, as the caller's role may see it.
#[derive(ToSchema)]
#[serde(untagged)]
pub(crate) enum IncidentView {
    Full(Incident),
    Published(PublishedIncident),
}

/// A movement in full: for staff roles, and for a liaison a restricted movement notified to
/// its party. `source` only for monitors and admins.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Movement {
    id: String,
    kind: MovementKind,
    name: String,
    #[schema(required = true)]
    operator: Option<String>,
    /// The planned route, at least two positions.
    route: Vec<Position>,
    /// Full width of the corridor around the route, in metres.
    corridor_width_m: f64,
    window: TimeSpan,
    sensitivity: Sensitivity,
    #[schema(required = false)]
    source: String,
}

/// A public movement as the public sees it: what it was and on which days; no route.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct PublishedMovement {
    id: String,
    kind: MovementKind,
    name: String,
    date_from: NaiveDate,
    date_to: NaiveDate,
}

/// A movement, as the caller's role may see it.
#[derive(ToSchema)]
#[serde(untagged)]
pub(crate) enum MovementView {
    Full(Movement),
    Published(PublishedMovement),
}

/// What a finding is about.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct FindingSubject {
    #[serde(rename = "type")]
    #[schema(pattern = "^(site|movement|incident|ceasefire)$")]
    kind: String,
    id: String,
}

/// A party's acknowledgement of a notification, as a finding cites it.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct AcknowledgedBy {
    party: String,
    at: DateTime<Utc>,
}

/// The notification in force when the incident happened.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NotificationFact {
    id: String,
    version: u32,
    sent_at: DateTime<Utc>,
    valid: DayWindow,
    /// Whether it was sent before the incident.
    sent_before: bool,
    days_before: i64,
    acknowledged_by: Vec<AcknowledgedBy>,
    not_acknowledged_by: Vec<String>,
}

/// A stored finding of the cross-check (staff roles only).
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Finding {
    /// Stable from one run of the cross-check to the next.
    id: String,
    kind: FindingKind,
    strength: Strength,
    /// The incident's id.
    incident: String,
    subject: FindingSubject,
    #[schema(required = true)]
    distance_m: Option<f64>,
    #[schema(required = true)]
    reach_m: Option<f64>,
    #[schema(required = true)]
    notification: Option<NotificationFact>,
    /// Seconds between the two incidents of a repeat attack or duplicate candidate.
    #[schema(required = true)]
    interval_s: Option<i64>,
    returned_within_hours: bool,
    #[schema(required = true)]
    site: Option<String>,
    parties: Vec<String>,
    #[schema(required = true)]
    area: Option<String>,
    #[schema(required = true)]
    score: Option<f64>,
    reasons: Vec<String>,
    explanation: String,
}
