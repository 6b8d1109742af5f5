//! OGC API – Features, Part 1 (Core) with GeoJSON, at `/ogc`, so that QGIS, GDAL and other
//! map clients load Vigil's layers as they are: `sites` and `incidents` (points), `movements`
//! (routes as lines) and `findings` (at their incident's point).
//!
//! Every feature is a view from `crate::visible`, the same the JSON API returns, turned into
//! GeoJSON by [`features`]: its geometry is taken from the view, so a feature never shows more
//! than `/api/…` does. The public's sites and incidents carry no coordinates, so their
//! geometry is `null`. A collection the caller may not read at all (findings, for liaisons
//! and the public) is not listed and answers 404 like an unknown one.
//!
//! `bbox` and `datetime` test the feature as the caller receives it: its geometry (a feature
//! without one is in no box) and the times it shows (whole days for the published views).
//! So they reveal nothing the feature itself does not, and need no refusal by role; a map
//! client that sends its viewport's box still gets an answer.
//!
//! Only JSON is served (no HTML; the API definition is `/openapi.json`): `f=json` (and
//! `f=geojson` for features) is accepted, any other `f` is a 400, as is any parameter not
//! named here.
//!
//! Layout: [`links`] (absolute links from the request's host), [`landing`] (landing page and
//! conformance), [`catalogue`] (which collections there are and who may read them),
//! [`collections`] (their metadata), [`query`] (the items' parameters), [`features`] (views to
//! GeoJSON, and the bbox and datetime tests), [`finding_places`] (findings at their incident),
//! [`items`] (the features, paged).

mod catalogue;
pub(crate) mod collections;
mod features;
mod finding_places;
pub(crate) mod items;
pub(crate) mod landing;
mod links;
mod query;

use crate::state::AppState;
use axum::routing::get;
use axum::Router;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/ogc", get(landing::landing))
        .route("/ogc/", get(landing::landing))
        .route("/ogc/conformance", get(landing::conformance))
        .route("/ogc/collections", get(collections::list))
        .route("/ogc/collections/{collection}", get(collections::one))
        .route("/ogc/collections/{collection}/items", get(items::list))
        .route(
            "/ogc/collections/{collection}/items/{feature}",
            get(items::one),
        )
}
