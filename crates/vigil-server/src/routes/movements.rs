//! `GET /api/movements` and `GET /api/movements/{id}`: convoys and evacuations as the
//! publication policy lets the caller see them (`visible::movements`). Open to every role:
//! staff roles get route, corridor and window; a liaison a restricted movement only when it
//! was notified to its party; the public a public movement's kind, name and days. A hidden
//! movement is answered like one that does not exist. A writer's read carries the
//! movement's `ETag` for `PUT /api/movements/{id}` (`movement_writes`).

use super::params;
use super::writes::with_etag;
use crate::error::ApiError;
use crate::etag;
use crate::state::AppState;
use crate::visible;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::{Extension, Json};
use serde_json::Value;
use vigil_domain::{MovementId, Principal, Writable};

pub(crate) async fn list(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    params::QueryPairs(pairs): params::QueryPairs,
) -> Result<Json<Value>, ApiError> {
    let params = params::collect(pairs, &["limit", "after"])?;
    let limit = params::limit(&params)?;
    let after = params.get("after").cloned();
    let page = state
        .with_store(move |store| {
            let mut page = params::Page::new(limit);
            visible::movements::each(store, &principal, after.as_deref(), &mut |id, view| {
                page.take(id, view)
            })?;
            Ok(page)
        })
        .await?;
    Ok(Json(page.into_json("/api/movements", &params)))
}

pub(crate) async fn item(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let not_found = || ApiError::not_found(format!("no movement has id '{id}'"));
    let wanted = id.clone();
    let view = state
        .with_store(move |store| {
            let view = visible::movements::one(store, &principal, &wanted)?;
            // The ETag is for those who may edit the movement, who see it whole.
            let etag = match (&view, principal.role().may_write(Writable::Movement)) {
                (Some(_), true) => MovementId::new(wanted.as_str())
                    .ok()
                    .map(|id| super::movement_writes::stored(store, &id))
                    .transpose()?
                    .flatten()
                    .map(|movement| etag::of(&movement)),
                _ => None,
            };
            Ok(view.map(|v| (v, etag)))
        })
        .await?;
    let (view, etag) = view.ok_or_else(not_found)?;
    Ok(with_etag(view, etag))
}
