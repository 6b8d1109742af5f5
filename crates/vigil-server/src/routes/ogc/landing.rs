//! `GET /ogc` (the landing page) and `GET /ogc/conformance`. Only what is served is claimed:
//! Core and GeoJSON; no HTML, and no OpenAPI definition (so no `service-desc` link and no
//! `oas30` class).

use super::links::{link, Base, JSON};
use super::query;
use crate::error::ApiError;
use crate::routes::params::QueryPairs;

use axum::http::HeaderMap;
use axum::Json;
use serde_json::{json, Value};

const CORE: &str = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core";
const GEOJSON: &str = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson";

pub(crate) async fn landing(
    headers: HeaderMap,
    QueryPairs(pairs): QueryPairs,
) -> Result<Json<Value>, ApiError> {
    query::json_only(pairs)?;
    let base = Base::of(&headers);
    Ok(Json(json!({
        "title": "Vigil",
        "description": "Protected humanitarian sites, movements, incidents and the findings \
                        that cross-check them, as the caller's role may see them.",
        "links": [
            link(base.url("/ogc"), "self", JSON, "This document"),
            link(base.url("/ogc/conformance"), "conformance", JSON, "Conformance classes"),
            link(base.url("/ogc/collections"), "data", JSON, "Collections"),
        ],
    })))
}

pub(crate) async fn conformance(QueryPairs(pairs): QueryPairs) -> Result<Json<Value>, ApiError> {
    query::json_only(pairs)?;
    Ok(Json(json!({ "conformsTo": [CORE, GEOJSON] })))
}
