//! `GET /ogc/collections` and `GET /ogc/collections/{collection}`: the collections the caller
//! may read, each with its items link. No extent is given: computing it would mean reading
//! every record on every request, and it is optional.

use super::catalogue::Collection;
use super::links::{link, Base, GEOJSON, JSON};
use super::query;
use crate::error::ApiError;
use crate::openapi as doc;
use crate::routes::params::QueryPairs;
use axum::extract::Path;
use axum::http::HeaderMap;
use axum::{Extension, Json};
use serde_json::{json, Value};
use vigil_domain::Principal;

const CRS84: &str = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

fn describe(base: &Base, collection: Collection) -> Value {
    let path = format!("/ogc/collections/{}", collection.id());
    json!({
        "id": collection.id(),
        "title": collection.title(),
        "description": collection.description(),
        "itemType": "feature",
        "crs": [CRS84],
        "links": [
            link(base.url(&path), "self", JSON, collection.title()),
            link(base.url(&format!("{path}/items")), "items", GEOJSON, collection.title()),
        ],
    })
}

/// The 404 for a collection that does not exist or that the caller may not read.
pub(crate) fn no_such_collection(id: &str) -> ApiError {
    ApiError::not_found(format!("no collection has id '{id}'"))
}

#[utoipa::path(
    get,
    path = "/ogc/collections",
    operation_id = "ogc_collections",
    tag = "ogc",
    summary = "The collections the caller may read",
    params(doc::params::OgcFormat),
    responses(
        (status = 200, description = "The collections.", body = doc::ogc::Collections),
        (
            status = 400,
            description = "`bad_parameter`: a parameter the endpoint does not know, given twice, \
                or malformed.",
            body = doc::service::ErrorBody,
        ),
    ),
)]
pub(crate) async fn list(
    headers: HeaderMap,
    Extension(principal): Extension<Principal>,
    QueryPairs(pairs): QueryPairs,
) -> Result<Json<Value>, ApiError> {
    query::json_only(pairs)?;
    let base = Base::of(&headers);
    let collections: Vec<Value> = Collection::readable(&principal)
        .map(|c| describe(&base, c))
        .collect();
    Ok(Json(json!({
        "links": [link(base.url("/ogc/collections"), "self", JSON, "Collections")],
        "collections": collections,
    })))
}

#[utoipa::path(
    get,
    path = "/ogc/collections/{collection}",
    operation_id = "ogc_collection",
    tag = "ogc",
    summary = "One collection",
    params(
        (
            "collection" = String,
            Path,
            description = "`sites`, `incidents`, `movements`, or `findings` (staff roles only).",
        ),
        doc::params::OgcFormat,
    ),
    responses(
        (status = 200, description = "The collection.", body = doc::ogc::Collection),
        (
            status = 400,
            description = "`bad_parameter`: a parameter the endpoint does not know, given twice, \
                or malformed.",
            body = doc::service::ErrorBody,
        ),
        (
            status = 404,
            description = "`not_found`: no such collection, or one the caller may not read.",
            body = doc::service::ErrorBody,
        ),
    ),
)]
pub(crate) async fn one(
    headers: HeaderMap,
    Extension(principal): Extension<Principal>,
    Path(id): Path<String>,
    QueryPairs(pairs): QueryPairs,
) -> Result<Json<Value>, ApiError> {
    let collection = Collection::find(&id, &principal).ok_or_else(|| no_such_collection(&id))?;
    query::json_only(pairs)?;
    Ok(Json(describe(&Base::of(&headers), collection)))
}
