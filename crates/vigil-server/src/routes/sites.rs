//! `GET /api/sites` and `GET /api/sites/{id}`: the register, as the publication policy lets
//! the caller see it (`visible::sites`). Open to every role; what each sees differs.
//!
//! A site the caller may not see is answered exactly like one that does not exist (404, left
//! out of lists): a different answer would confirm that a hidden site is there.

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
use vigil_domain::{AreaTree, Principal, SiteId, Writable};
use vigil_store::Store;

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

pub(crate) async fn item(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let not_found = || ApiError::not_found(format!("no site has id '{id}'"));
    let wanted = id.clone();
    let view = state
        .with_store(move |store| {
            let areas = AreaTree::new(&store.areas()?);
            let view = visible::sites::one(store, &principal, &areas, &wanted)?;
            // The ETag is for those who may edit the site, who see it whole.
            let etag = match (&view, principal.role().may_write(Writable::Site)) {
                (Some(_), true) => SiteId::new(wanted.as_str())
                    .ok()
                    .and_then(|id| store.site(&id).transpose())
                    .transpose()?
                    .map(|site| etag::of(&site)),
                _ => None,
            };
            Ok(view.map(|v| (v, etag)))
        })
        .await?;
    let (view, etag) = view.ok_or_else(not_found)?;
    Ok(with_etag(view, etag))
}
