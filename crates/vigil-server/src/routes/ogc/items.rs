//! `GET /ogc/collections/{collection}/items` (a page of features, GeoJSON) and
//! `GET /ogc/collections/{collection}/items/{feature}` (one feature).
//!
//! Records come from `crate::visible`, in the JSON API's order and under its ids, and page by
//! the same cursor (`after`, carried by the `next` link); `features` turns each view into a
//! feature and applies `bbox` and `datetime` to it.

use super::catalogue::Collection;
use super::collections::no_such_collection;
use super::features::Feature;
use super::finding_places::IncidentPlaces;
use super::links::{self, link, Base, GEOJSON, JSON};
use super::query::{self, ItemsQuery};
use crate::error::ApiError;
use crate::openapi as doc;
use crate::routes::params::QueryPairs;
use crate::routes::params::{self, Page};
use crate::state::AppState;
use crate::visible::{self, ControlFlow};
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, HeaderValue};
use axum::response::Response;
use axum::Extension;
use chrono::{SecondsFormat, Utc};
use serde_json::{json, Value};
use vigil_domain::{AreaTree, Principal};
use vigil_store::Store;

/// A GeoJSON response.
fn geojson(body: &Value) -> Response {
    let mut response = Response::new(Body::from(body.to_string()));
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(GEOJSON));
    response
}

/// Fills `page` with the features of `collection` after the query's cursor that pass its
/// filters.
fn scan(
    store: &dyn Store,
    principal: &Principal,
    collection: Collection,
    query: &ItemsQuery,
    page: &mut Page,
) -> Result<(), ApiError> {
    let areas = AreaTree::new(&store.areas()?);
    let after = query.after.as_deref();
    let mut keep = |id: String, feature: Feature| {
        if feature.admits(query) {
            page.take(id, feature.into_json())
        } else {
            ControlFlow::Continue(())
        }
    };
    match collection {
        Collection::Sites => visible::sites::each(store, principal, &areas, after, &mut |id, v| {
            keep(id.clone(), Feature::from_view(id, v))
        }),
        Collection::Incidents => {
            visible::incidents::each(store, principal, &areas, after, &|_| true, &mut |id, v| {
                keep(id.clone(), Feature::from_view(id, v))
            })
        }
        Collection::Movements => visible::movements::each(store, principal, after, &mut |id, v| {
            keep(id.clone(), Feature::from_view(id, v))
        }),
        Collection::Findings => {
            let mut places = IncidentPlaces::new(store, principal, &areas);
            // A failed read inside the scan stops it and is returned afterwards.
            let mut failure = None;
            visible::findings::each(store, principal, after, None, &|_| true, &mut |id, v| {
                let incident = v["incident"].as_str().map(str::to_owned);
                match places.place(Feature::from_view(id.clone(), v), incident.as_deref()) {
                    Ok(feature) => keep(id, feature),
                    Err(e) => {
                        failure = Some(e);
                        ControlFlow::Break(())
                    }
                }
            })?;
            failure.map_or(Ok(()), Err)
        }
    }
}

#[utoipa::path(
    get,
    path = "/ogc/collections/{collection}/items",
    operation_id = "ogc_items",
    tag = "ogc",
    summary = "A page of features",
    params(
        (
            "collection" = String,
            Path,
            description = "`sites`, `incidents`, `movements`, or `findings` (staff roles only).",
        ),
        doc::params::OgcItems,
    ),
    responses(
        (
            status = 200,
            description = "The features.",
            body = doc::ogc::FeatureCollection,
            content_type = "application/geo+json",
        ),
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
pub(crate) async fn list(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    Path(id): Path<String>,
    QueryPairs(pairs): QueryPairs,
) -> Result<Response, ApiError> {
    let collection = Collection::find(&id, &principal).ok_or_else(|| no_such_collection(&id))?;
    let query = ItemsQuery::parse(pairs, collection)?;
    let params = query.params.clone();
    let (features, next) = state
        .read(move |store| {
            let mut page = Page::new(query.limit);
            scan(store, &principal, collection, &query, &mut page)?;
            Ok(page.into_parts())
        })
        .await?;

    let base = Base::of(&headers);
    let path = format!("/ogc/collections/{}/items", collection.id());
    let this = if params.is_empty() {
        path.clone()
    } else {
        let pairs: Vec<(&String, &String)> = params.iter().collect();
        let query = serde_urlencoded::to_string(pairs).expect("pairs of strings always encode");
        format!("{path}?{query}")
    };
    let mut links = vec![
        link(base.url(&this), "self", GEOJSON, "This page"),
        link(
            base.url(&format!("/ogc/collections/{}", collection.id())),
            "collection",
            JSON,
            collection.title(),
        ),
    ];
    if let Some(after) = next {
        let href = format!("{path}?{}", params::next_query(&params, &after));
        links.push(link(base.url(&href), "next", GEOJSON, "Next page"));
    }
    Ok(geojson(&json!({
        "type": "FeatureCollection",
        "timeStamp": Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true),
        "numberReturned": features.len(),
        "features": features,
        "links": links,
    })))
}

#[utoipa::path(
    get,
    path = "/ogc/collections/{collection}/items/{feature}",
    operation_id = "ogc_feature",
    tag = "ogc",
    summary = "One feature",
    params(
        (
            "collection" = String,
            Path,
            description = "`sites`, `incidents`, `movements`, or `findings` (staff roles only).",
        ),
        (
            "feature" = String,
            Path,
            description = "The record's id, as `/api/…` knows it for the caller.",
        ),
        doc::params::OgcFormat,
    ),
    responses(
        (
            status = 200,
            description = "The feature.",
            body = doc::ogc::Feature,
            content_type = "application/geo+json",
        ),
        (
            status = 400,
            description = "`bad_parameter`: a parameter the endpoint does not know, given twice, \
                or malformed.",
            body = doc::service::ErrorBody,
        ),
        (
            status = 404,
            description = "`not_found`: no such collection or feature, or one the caller may not \
                see.",
            body = doc::service::ErrorBody,
        ),
    ),
)]
pub(crate) async fn one(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    Path((collection_id, feature_id)): Path<(String, String)>,
    QueryPairs(pairs): QueryPairs,
) -> Result<Response, ApiError> {
    let collection = Collection::find(&collection_id, &principal)
        .ok_or_else(|| no_such_collection(&collection_id))?;
    query::feature_only(pairs)?;
    let wanted = feature_id.clone();
    let feature = state
        .read(move |store| {
            let areas = AreaTree::new(&store.areas()?);
            let view = match collection {
                Collection::Sites => visible::sites::one(store, &principal, &areas, &wanted)?,
                Collection::Incidents => {
                    visible::incidents::one(store, &principal, &areas, &wanted)?
                }
                Collection::Movements => visible::movements::one(store, &principal, &wanted)?,
                Collection::Findings => visible::findings::one(store, &principal, &wanted)?,
            };
            let Some(view) = view else {
                return Ok(None);
            };
            let incident = view["incident"].as_str().map(str::to_owned);
            let feature = Feature::from_view(wanted, view);
            if collection == Collection::Findings {
                let mut places = IncidentPlaces::new(store, &principal, &areas);
                return places.place(feature, incident.as_deref()).map(Some);
            }
            Ok(Some(feature))
        })
        .await?
        .ok_or_else(|| {
            ApiError::not_found(format!(
                "no feature has id '{feature_id}' in collection '{collection_id}'"
            ))
        })?;

    let base = Base::of(&headers);
    let collection_path = format!("/ogc/collections/{}", collection.id());
    let mut body = feature.into_json();
    body["links"] = json!([
        link(
            base.url(&format!(
                "{collection_path}/items/{}",
                links::encode_segment(&feature_id)
            )),
            "self",
            GEOJSON,
            "This feature"
        ),
        link(
            base.url(&collection_path),
            "collection",
            JSON,
            collection.title()
        ),
    ]);
    Ok(geojson(&body))
}
