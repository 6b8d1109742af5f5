//! The records around the register and the incidents, as `crate::views` builds them: areas
//! (`views::areas`), ceasefires (`views::ceasefires`), reports and statements
//! (`views::sources`; a source's view is [`super::records::Source`]). Closed like the other
//! mirrors: a view that gains or loses a field fails the snapshot test's checks.

use super::records::Position;
use super::vocab::{AreaLevel, StatementKind};
use chrono::{DateTime, NaiveDate, Utc};
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;
use utoipa::ToSchema;

/// `next` of a list that is never paged: always `null`.
pub(crate) struct NoNextPage;

impl utoipa::PartialSchema for NoNextPage {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::Null)
            .description(Some("Always `null`: the list is never paged."))
            .into()
    }
}

impl ToSchema for NoNextPage {}

/// An area in a list: no boundary (a governorate's can be hundreds of kilobytes).
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct AreaSummary {
    id: String,
    level: AreaLevel,
    /// The area's P-code, where it has one.
    #[schema(required = true)]
    pcode: Option<String>,
    /// The English name.
    name_en: String,
    /// The Arabic name.
    #[schema(required = true)]
    name_ar: Option<String>,
    /// The id of the area it lies in; `null` for a country.
    #[schema(required = true)]
    parent: Option<String>,
}

/// A GeoJSON MultiPolygon (RFC 7946): polygons of rings of `[lon, lat]` positions, each ring
/// closed as stored.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct MultiPolygonGeometry {
    #[serde(rename = "type")]
    #[schema(pattern = "^MultiPolygon$")]
    kind: String,
    coordinates: Vec<Vec<Vec<Position>>>,
}

/// One area, with its boundary. `source` only for monitors and admins, and only when the area
/// cites one.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Area {
    id: String,
    level: AreaLevel,
    #[schema(required = true)]
    pcode: Option<String>,
    name_en: String,
    #[schema(required = true)]
    name_ar: Option<String>,
    #[schema(required = true)]
    parent: Option<String>,
    /// `null` when no boundary is stored.
    #[schema(required = true)]
    boundary: Option<MultiPolygonGeometry>,
    #[schema(required = false)]
    source: String,
}

/// A ceasefire as announced, for every role. `source` only for monitors and admins, and only
/// when the ceasefire cites one.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Ceasefire {
    id: String,
    name: String,
    /// The parties bound by it.
    parties: Vec<String>,
    /// The areas it covers; empty: the whole country of the parties.
    areas: Vec<String>,
    start: DateTime<Utc>,
    #[schema(required = true)]
    planned_end: Option<DateTime<Utc>>,
    /// When it was declared over or plainly broke down.
    #[schema(required = true)]
    collapsed_at: Option<DateTime<Utc>>,
    #[schema(required = false)]
    source: String,
}

/// One source's account as received (monitors and admins only).
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Report {
    id: String,
    /// The source it comes from.
    source: String,
    received_at: DateTime<Utc>,
    summary: String,
    /// The account as the source gave it: the JSON it was stored as.
    #[schema(value_type = Value)]
    content: (),
}

/// A party's claim, denial or admission about an incident. `source` only for monitors and
/// admins.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Statement {
    id: String,
    /// The incident's own id.
    incident: String,
    /// The party that made it, where known.
    #[schema(required = true)]
    party: Option<String>,
    kind: StatementKind,
    made_on: NaiveDate,
    summary: String,
    #[schema(required = false)]
    source: String,
}

/// An incident's statements, by the day they were made: all of them, never paged.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct StatementList {
    items: Vec<Statement>,
    next: NoNextPage,
}
