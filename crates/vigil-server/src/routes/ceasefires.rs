//! Ceasefires: public knowledge ([`vigil_domain::policy::may_see_ceasefires`]).
//!
//! - `GET /api/ceasefires` (`limit`, `after`) and `GET /api/ceasefires/{id}`: every role sees
//!   a ceasefire's name, parties, areas, start, planned end and collapse; its source only
//!   monitors and admins.
//! - `PUT /api/ceasefires/{id}` (coordinators, admins): the body is the ceasefire as its
//!   `GET` shows it to an admin: `name`, `parties` (stored parties, at least one) and `start`
//!   required; `areas` (empty: the whole country of the parties), `planned_end`,
//!   `collapsed_at` and `source` may be left out. A stored ceasefire needs `If-Match`.

use super::params;
use super::writes::{with_etag, writer, Put};
use crate::body;
use crate::error::ApiError;
use crate::etag::{self, Preconditions};
use crate::openapi as doc;
use crate::state::AppState;
use crate::views;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::{Extension, Json};
use serde_json::Value;
use vigil_domain::{Actor, Ceasefire, CeasefireId, Principal, Writable};
use vigil_store::{Store, StoreResult};

const FIELDS: &[&str] = &[
    "id",
    "name",
    "parties",
    "areas",
    "start",
    "planned_end",
    "collapsed_at",
    "source",
];

/// Every ceasefire in id order (they are few: read all at once).
fn all(store: &dyn Store) -> StoreResult<Vec<Ceasefire>> {
    let mut ceasefires = store.ceasefires()?;
    ceasefires.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(ceasefires)
}

fn stored(store: &dyn Store, id: &str) -> StoreResult<Option<Ceasefire>> {
    Ok(all(store)?.into_iter().find(|c| c.id.as_str() == id))
}

#[utoipa::path(
    get,
    path = "/api/ceasefires",
    operation_id = "list_ceasefires",
    tag = "ceasefires",
    summary = "Ceasefires: name, parties, areas, start, planned end and collapse",
    description = "Public knowledge: every role sees them; the source each cites only monitors \
        and admins.",
    params(doc::params::Paging),
    responses(
        (status = 200, description = "A page of ceasefires.", body = doc::service::CeasefireList),
        (
            status = 400,
            description = "`bad_parameter`: a parameter the endpoint does not know, given twice, \
                or malformed.",
            body = doc::service::ErrorBody,
        ),
    ),
)]
pub(crate) async fn list(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    params::QueryPairs(pairs): params::QueryPairs,
) -> Result<Json<Value>, ApiError> {
    let params = params::collect(pairs, &["limit", "after"])?;
    let limit = params::limit(&params)?;
    let after = params.get("after").cloned();
    let page = state
        .read(move |store| {
            let mut page = params::Page::new(limit);
            for ceasefire in all(store)? {
                if after.as_deref().is_some_and(|a| ceasefire.id.as_str() <= a) {
                    continue;
                }
                if let Some(view) = views::ceasefire(&principal, &ceasefire) {
                    if page.take(ceasefire.id.to_string(), view).is_break() {
                        break;
                    }
                }
            }
            Ok(page)
        })
        .await?;
    Ok(Json(page.into_json("/api/ceasefires", &params)))
}

#[utoipa::path(
    get,
    path = "/api/ceasefires/{id}",
    operation_id = "get_ceasefire",
    tag = "ceasefires",
    summary = "One ceasefire",
    description = "Every role sees it; its source only monitors and admins.",
    params(("id" = String, Path, description = "The ceasefire's id.")),
    responses(
        (
            status = 200,
            description = "The ceasefire.",
            body = doc::context::Ceasefire,
            headers(
                (
                    "ETag" = String,
                    description = "The record's version, for `If-Match` on a write; coordinators and admins only."
                ),
            ),
        ),
        (
            status = 404,
            description = "`not_found`: no ceasefire has this id.",
            body = doc::service::ErrorBody,
        ),
    ),
)]
pub(crate) async fn item(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let not_found = || ApiError::not_found(format!("no ceasefire has id '{id}'"));
    let wanted = id.clone();
    let shown = state
        .read(move |store| {
            let Some(ceasefire) = stored(store, &wanted)? else {
                return Ok(None);
            };
            // The ETag is for those who may edit it; they see its source or may not need
            // it, and the tag covers the whole stored record either way.
            let etag = principal
                .role()
                .may_write(Writable::Ceasefire)
                .then(|| etag::of(&ceasefire));
            Ok(views::ceasefire(&principal, &ceasefire).map(|v| (v, etag)))
        })
        .await?;
    let (view, etag) = shown.ok_or_else(not_found)?;
    Ok(with_etag(view, etag))
}

#[utoipa::path(
    put,
    path = "/api/ceasefires/{id}",
    operation_id = "put_ceasefire",
    tag = "ceasefires",
    summary = "Adds or changes a ceasefire (coordinators, admins)",
    description = "The body is the ceasefire as its `GET` shows it to an admin; `areas` left out or empty \
        means the whole country of the parties.",
    params(("id" = String, Path, description = "The ceasefire's id."), doc::params::Preconditions),
    request_body(content = doc::bodies::CeasefireInput, content_type = "application/json"),
    responses(
        (
            status = 201,
            description = "The ceasefire was added.",
            body = doc::context::Ceasefire,
            headers(
                ("ETag" = String, description = "The record's new version."),
                ("Location" = String, description = "The record's path (created only)."),
            ),
        ),
        (
            status = 200,
            description = "The ceasefire was changed (or was already so).",
            body = doc::context::Ceasefire,
            headers(("ETag" = String, description = "The record's new version.")),
        ),
        doc::service::WriteBodyRefusal,
        (
            status = 403,
            description = "`forbidden`: this role may not write ceasefires.",
            body = doc::service::ErrorBody,
        ),
        doc::service::EditRefusals,
        doc::service::JsonBodyRefusals,
        (
            status = 422,
            description = "`invalid`: the ceasefire breaks the domain's rules, or names a record \
                that does not exist; `fields` says which and how.",
            body = doc::service::ErrorBody,
        ),
    ),
)]
pub(crate) async fn put(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    actor: Option<Extension<Actor>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    payload: Bytes,
) -> Result<Response, ApiError> {
    let actor = writer(&principal, actor, Writable::Ceasefire)?;
    let preconditions = Preconditions::from_headers(&headers)?;
    let mut object = body::record_object(&headers, &payload, FIELDS, &id)?;
    object
        .entry("areas")
        .or_insert_with(|| Value::Array(Vec::new()));
    let ceasefire: Ceasefire = body::record(object)?;
    CeasefireId::new(id.clone()).map_err(|e| ApiError::bad_parameter("id", e.problem))?;
    let load_id = id.clone();
    Put::new(
        format!("/api/ceasefires/{id}"),
        move |store| stored(store, &load_id),
        move |tx| tx.put_ceasefire(&ceasefire),
        move |_, stored: &Ceasefire| {
            views::ceasefire(&principal, stored)
                .ok_or_else(|| ApiError::internal("a writer's view of a ceasefire was hidden"))
        },
    )
    .run(&state, actor, preconditions)
    .await
}
