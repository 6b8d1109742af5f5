//! `GET /api/sites` and `GET /api/sites/{id}`: the register, as the publication policy lets
//! the caller see it (`visible::sites`). Open to every role; what each sees differs.
//!
//! A site the caller may not see is answered exactly like one that does not exist (404, left
//! out of lists): a different answer would confirm that a hidden site is there.

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
use vigil_domain::{AreaTree, Principal, SiteId, Writable};

#[utoipa::path(
    get,
    path = "/api/sites",
    operation_id = "list_sites",
    tag = "register",
    summary = "Sites of the register, as the caller's role may see them",
    description = "Restricted sites only for staff roles and liaisons of a party they were \
        notified to; the public gets public sites' names and governorates, no coordinates.",
    params(doc::params::Paging),
    responses(
        (status = 200, description = "A page of sites.", body = doc::service::SiteList),
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
            let areas = AreaTree::new(&store.areas()?);
            let mut page = params::Page::new(limit);
            visible::sites::each(
                store,
                &principal,
                &areas,
                after.as_deref(),
                &mut |id, view| page.take(id, view),
            )?;
            Ok(page)
        })
        .await?;
    Ok(Json(page.into_json("/api/sites", &params)))
}

#[utoipa::path(
    get,
    path = "/api/sites/{id}",
    operation_id = "get_site",
    tag = "register",
    summary = "One site, as the caller's role may see it",
    params(("id" = String, Path, description = "The site's id.")),
    responses(
        (
            status = 200,
            description = "The site.",
            body = doc::records::SiteView,
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
            description = "`not_found`: no site has this id, or the caller may not see it (the \
                same answer).",
            body = doc::service::ErrorBody,
        ),
    ),
)]
pub(crate) async fn item(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let not_found = || ApiError::not_found(format!("no site has id '{id}'"));
    let wanted = id.clone();
    let view = state
        .read(move |store| {
            let areas = AreaTree::new(&store.areas()?);
            let view = visible::sites::one(store, &principal, &areas, &wanted)?;
            let etag = etag_for_writer(&principal, Writable::Site, view.is_some(), || {
                let Ok(id) = SiteId::new(wanted.as_str()) else {
                    return Ok(None);
                };
                Ok(store.site(&id)?)
            })?;
            Ok(view.map(|v| (v, etag)))
        })
        .await?;
    let (view, etag) = view.ok_or_else(not_found)?;
    Ok(with_etag(view, etag))
}
