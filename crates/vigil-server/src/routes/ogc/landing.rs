//! `GET /ogc` (the landing page) and `GET /ogc/conformance`. Only what is served is claimed:
//! Core and GeoJSON; no HTML. The API definition is linked as `service-desc`
//! (`/openapi.json`), but it is OpenAPI 3.1 and OGC's `oas30` class is for OpenAPI 3.0, so
//! that class is not claimed.

use super::links::{link, Base, JSON};
use super::query;
use crate::error::ApiError;
use crate::openapi as doc;
use crate::routes::params::QueryPairs;

use axum::http::HeaderMap;
use axum::Json;
use serde_json::{json, Value};

const CORE: &str = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core";
const GEOJSON: &str = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson";

#[utoipa::path(
    get,
    path = "/ogc",
    operation_id = "ogc_landing_page",
    tag = "ogc",
    summary = "The OGC API landing page",
    params(doc::params::OgcFormat),
    responses(
        (status = 200, description = "The landing page.", body = doc::ogc::LandingPage),
        (
            status = 400,
            description = "`bad_parameter`: a parameter the endpoint does not know, given twice, \
                or malformed.",
            body = doc::service::ErrorBody,
        ),
    ),
)]
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
            link(
                base.url("/openapi.json"),
                "service-desc",
                crate::openapi::MEDIA_TYPE,
                "The API definition (OpenAPI 3.1)"
            ),
            link(base.url("/ogc/conformance"), "conformance", JSON, "Conformance classes"),
            link(base.url("/ogc/collections"), "data", JSON, "Collections"),
        ],
    })))
}

#[utoipa::path(
    get,
    path = "/ogc/conformance",
    operation_id = "ogc_conformance",
    tag = "ogc",
    summary = "The conformance classes served",
    params(doc::params::OgcFormat),
    responses(
        (status = 200, description = "Core and GeoJSON.", body = doc::ogc::Conformance),
        (
            status = 400,
            description = "`bad_parameter`: a parameter the endpoint does not know, given twice, \
                or malformed.",
            body = doc::service::ErrorBody,
        ),
    ),
)]
pub(crate) async fn conformance(QueryPairs(pairs): QueryPairs) -> Result<Json<Value>, ApiError> {
    query::json_only(pairs)?;
    Ok(Json(json!({ "conformsTo": [CORE, GEOJSON] })))
}
