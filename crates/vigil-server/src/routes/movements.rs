//! `GET /api/movements` and `GET /api/movements/{id}`: convoys and evacuations as the
//! publication policy lets the caller see them (`visible::movements`). Open to every role:
//! staff roles get route, corridor and window; a liaison a restricted movement only when it
//! was notified to its party; the public a public movement's kind, name and days. A hidden
//! movement is answered like one that does not exist. A writer's read carries the
//! movement's `ETag` for `PUT /api/movements/{id}` (`movement_writes`).

use super::params;
use super::writes::{etag_for_writer, with_etag};
use crate::error::ApiError;
use crate::openapi as doc;
use crate::state::AppState;
use crate::visible;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::{Extension, Json};
use serde_json::Value;
use vigil_domain::{MovementId, Principal, Writable};

#[utoipa::path(
    get,
    path = "/api/movements",
    operation_id = "list_movements",
    tag = "register",
    summary = "Convoys and evacuations, as the caller's role may see them",
    params(doc::params::Paging),
    responses(
        (status = 200, description = "A page of movements.", body = doc::service::MovementList),
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
            visible::movements::each(store, &principal, after.as_deref(), &mut |id, view| {
                page.take(id, view)
            })?;
            Ok(page)
        })
        .await?;
    Ok(Json(page.into_json("/api/movements", &params)))
}

#[utoipa::path(
    get,
    path = "/api/movements/{id}",
    operation_id = "get_movement",
    tag = "register",
    summary = "One movement, as the caller's role may see it",
    params(("id" = String, Path, description = "The movement's id.")),
    responses(
        (
            status = 200,
            description = "The movement.",
            body = doc::records::MovementView,
            headers(
                (
                    "ETag" = String,
                    description = "The record's version, for `If-Match` on a write; only to roles \
                        that may write it."
                ),
            ),
        ),
        (
            status = 404,
            description = "`not_found`: no movement has this id, or the caller may not see it \
                (the same answer).",
            body = doc::service::ErrorBody,
        ),
    ),
)]
pub(crate) async fn item(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let not_found = || ApiError::not_found(format!("no movement has id '{id}'"));
    let wanted = id.clone();
    let view = state
        .read(move |store| {
            let view = visible::movements::one(store, &principal, &wanted)?;
            let etag = etag_for_writer(&principal, Writable::Movement, view.is_some(), || {
                let Ok(id) = MovementId::new(wanted.as_str()) else {
                    return Ok(None);
                };
                Ok(super::movement_writes::stored(store, &id)?)
            })?;
            Ok(view.map(|v| (v, etag)))
        })
        .await?;
    let (view, etag) = view.ok_or_else(not_found)?;
    Ok(with_etag(view, etag))
}
