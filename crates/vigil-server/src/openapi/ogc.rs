//! The OGC API – Features documents served at `/ogc` (Part 1, Core, GeoJSON).

use super::records::Position;
use utoipa::ToSchema;

/// A link, absolute, on the host the request named.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Link {
    href: String,
    rel: String,
    #[serde(rename = "type")]
    media_type: String,
    title: String,
}

/// The landing page.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct LandingPage {
    title: String,
    description: String,
    /// `self`, `service-desc` (this API description), `conformance` and `data`.
    links: Vec<Link>,
}

/// The conformance classes served: Core and GeoJSON.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Conformance {
    #[serde(rename = "conformsTo")]
    conforms_to: Vec<String>,
}

/// A collection: `sites`, `incidents`, `movements` or `findings` (staff roles only).
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Collection {
    id: String,
    title: String,
    description: String,
    #[serde(rename = "itemType")]
    #[schema(pattern = "^feature$")]
    item_type: String,
    /// CRS84 only.
    crs: Vec<String>,
    /// `self` and `items`.
    links: Vec<Link>,
}

/// The collections the caller may read.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Collections {
    links: Vec<Link>,
    collections: Vec<Collection>,
}

/// A GeoJSON Point (sites, incidents, findings at their incident).
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct PointGeometry {
    #[serde(rename = "type")]
    #[schema(pattern = "^Point$")]
    kind: String,
    coordinates: Position,
}

/// A GeoJSON LineString (movements' routes).
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct LineStringGeometry {
    #[serde(rename = "type")]
    #[schema(pattern = "^LineString$")]
    kind: String,
    #[schema(min_items = 2)]
    coordinates: Vec<Position>,
}

/// A feature's geometry.
#[derive(ToSchema)]
#[serde(untagged)]
pub(crate) enum Geometry {
    Point(PointGeometry),
    LineString(LineStringGeometry),
}

/// One record as a GeoJSON feature: its view (the one `/api/…` gives the same caller) without
/// `id`, with `location` turned into the geometry (its `precision` and `radius_m` kept as
/// properties) and `route` into a line. `geometry` is `null` where the view has no
/// coordinates (the published views). Alone, a feature also carries its `links`.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Feature {
    #[serde(rename = "type")]
    #[schema(pattern = "^Feature$")]
    kind: String,
    id: String,
    #[schema(required = true)]
    geometry: Option<Geometry>,
    /// The view's fields.
    #[schema(value_type = Object)]
    properties: (),
    /// `self` and `collection` (a feature fetched alone only).
    #[schema(required = false)]
    links: Vec<Link>,
}

/// A page of features.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct FeatureCollection {
    #[serde(rename = "type")]
    #[schema(pattern = "^FeatureCollection$")]
    kind: String,
    #[serde(rename = "timeStamp")]
    time_stamp: chrono::DateTime<chrono::Utc>,
    #[serde(rename = "numberReturned")]
    number_returned: u64,
    features: Vec<Feature>,
    /// `self`, `collection`, and `next` when more features follow.
    links: Vec<Link>,
}
