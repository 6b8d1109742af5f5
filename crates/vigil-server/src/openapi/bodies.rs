//! The bodies of the record writes: `PUT /api/sites/{id}`, `/api/incidents/{id}`,
//! `/api/reports/{id}`, `/api/movements/{id}`, `/api/ceasefires/{id}`, `/api/sources/{id}`
//! and `/api/statements/{id}`, with exactly the fields their handlers accept (`FIELDS` in
//! each handler module): any other field is a `400 bad_body`.

use super::records::{Position, TimeSpan};
use super::vocab::{
    AttributionGrade, CapacityMetric, CasualtyGroup, Certainty, Damage, GeoPrecision, IncidentKind,
    MovementKind, Outcome, Sensitivity, SiteKind, SiteStatus, SourceKind, StatementKind,
    TargetKind,
};
use chrono::{DateTime, NaiveDate, Utc};
use utoipa::ToSchema;

/// A place, as a write gives it.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct LocationInput {
    /// Required for a site; may be left out for an incident no more precise than a district.
    point: Option<Position>,
    precision: GeoPrecision,
    /// Metres around the point within which the place lies; must agree with `precision`.
    radius_m: f64,
}

/// A status entry to add to a site's history.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct StatusInput {
    as_of: NaiveDate,
    status: SiteStatus,
    source: Option<String>,
    note: Option<String>,
}

/// A capacity fact to add to a site.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CapacityInput {
    as_of: NaiveDate,
    metric: CapacityMetric,
    value: u32,
    source: Option<String>,
}

/// A position of a footprint's ring.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Coordinate {
    /// Longitude.
    x: f64,
    /// Latitude.
    y: f64,
}

/// A site's outline: an exterior ring and any holes, each a list of positions.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Footprint {
    exterior: Vec<Coordinate>,
    interiors: Vec<Vec<Coordinate>>,
}

/// The body of `PUT /api/sites/{id}`: the site as a coordinator reads it, plus an optional
/// footprint. Status entries and capacity facts sent are added to the stored ones; none is
/// ever removed.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct SiteInput {
    /// The path's id; a different one is a `400 bad_body`.
    id: Option<String>,
    kind: SiteKind,
    name: String,
    operator: Option<String>,
    location: LocationInput,
    /// Left out: the stored footprint is kept; `null`: it is removed.
    footprint: Option<Footprint>,
    sensitivity: Sensitivity,
    /// The id of the smallest stored area containing the site.
    area: Option<String>,
    /// Oldest first; left out: none added.
    #[schema(required = false)]
    status: Vec<StatusInput>,
    #[schema(required = false)]
    capacity: Vec<CapacityInput>,
}

/// What an incident hit: `{"site": ID}`, `{"movement": ID}` or `{"kind": TARGET_KIND}`.
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum TargetInput {
    Site(String),
    Movement(String),
    Kind(TargetKind),
}

/// A casualty figure: `low ≤ best ≤ high`, from one source.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CasualtiesInput {
    group: CasualtyGroup,
    outcome: Outcome,
    low: u32,
    best: u32,
    high: u32,
    source: Option<String>,
}

/// A party the incident is attributed to, with the sources that say so.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct AttributionInput {
    party: String,
    grade: AttributionGrade,
    sources: Vec<String>,
}

/// The body of `PUT /api/incidents/{id}`: the incident as a monitor reads it. `category` and
/// `sources` are derived and ignored; the reports it cites must be stored already, and an
/// incident's reports only grow.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct IncidentInput {
    /// The path's id; a different one is a `400 bad_body`.
    id: Option<String>,
    title: Option<String>,
    kind: IncidentKind,
    /// Ignored (derived from `kind`).
    #[schema(value_type = Value, required = false)]
    category: (),
    when: TimeSpan,
    location: LocationInput,
    area: Option<String>,
    weapon: Option<String>,
    #[schema(required = false)]
    targets: Vec<TargetInput>,
    damage: Option<Damage>,
    certainty: Certainty,
    #[schema(required = false)]
    casualties: Vec<CasualtiesInput>,
    #[schema(required = false)]
    attributions: Vec<AttributionInput>,
    description: Option<String>,
    /// The ids of stored reports it is built from; at least one.
    #[schema(min_items = 1)]
    reports: Vec<String>,
    /// Ignored (derived from the reports).
    #[schema(value_type = Value, required = false)]
    sources: (),
}

/// The body of `PUT /api/reports/{id}`: one source's account, immutable once stored.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReportInput {
    /// The path's id; a different one is a `400 bad_body`.
    id: Option<String>,
    /// The stored source the account comes from.
    source: String,
    received_at: DateTime<Utc>,
    /// At most 100000 bytes.
    summary: String,
    /// The account as the source gave it: any JSON, kept as sent.
    #[schema(value_type = Value)]
    content: (),
}

/// The answer to `PUT /api/reports/{id}`.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReportStored {
    id: String,
    stored: bool,
}

/// The body of `PUT /api/movements/{id}`: the movement as a coordinator reads it.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct MovementInput {
    /// The path's id; a different one is a `400 bad_body`.
    id: Option<String>,
    kind: MovementKind,
    name: String,
    operator: Option<String>,
    /// The planned route, at least two positions.
    #[schema(min_items = 2)]
    route: Vec<Position>,
    /// Full width of the corridor around the route, in metres (above 0).
    corridor_width_m: f64,
    /// When the movement was to be on the road; the end may not be before the start.
    window: TimeSpan,
    sensitivity: Sensitivity,
    /// The stored source it comes from.
    source: Option<String>,
}

/// The body of `PUT /api/ceasefires/{id}`: the ceasefire as an admin reads it.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CeasefireInput {
    /// The path's id; a different one is a `400 bad_body`.
    id: Option<String>,
    name: String,
    /// Stored parties, at least one.
    #[schema(min_items = 1)]
    parties: Vec<String>,
    /// Stored areas it covers; left out or empty: the whole country of the parties.
    #[schema(required = false)]
    areas: Vec<String>,
    start: DateTime<Utc>,
    /// Not before `start`.
    planned_end: Option<DateTime<Utc>>,
    /// When it was declared over or plainly broke down; not before `start`.
    collapsed_at: Option<DateTime<Utc>>,
    /// The stored source it comes from.
    source: Option<String>,
}

/// The body of `PUT /api/sources/{id}`: the source as its `GET` shows it.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct SourceInput {
    /// The path's id; a different one is a `400 bad_body`.
    id: Option<String>,
    kind: SourceKind,
    title: String,
    publisher: Option<String>,
    /// An `http://` or `https://` address.
    url: Option<String>,
    published_on: Option<NaiveDate>,
    /// Whether the identity behind the source is withheld from every role but monitors and
    /// admins; a witness is always protected.
    protected: bool,
}

/// The body of `PUT /api/statements/{id}`: the statement as a monitor reads it.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct StatementInput {
    /// The path's id; a different one is a `400 bad_body`.
    id: Option<String>,
    /// The stored incident it is about (its own id).
    incident: String,
    /// The stored party that made it.
    party: Option<String>,
    kind: StatementKind,
    made_on: NaiveDate,
    summary: String,
    /// The stored source that records it.
    source: String,
}
