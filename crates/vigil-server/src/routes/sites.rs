//! `GET /api/sites` and `GET /api/sites/{id}`: the register, as the publication policy lets
//! the caller see it (`views::site`). Open to every role; what each sees differs.
//!
//! A site the caller may not see is answered exactly like one that does not exist (404, left
//! out of lists): a different answer would confirm that a hidden site is there.

use super::params;
use crate::error::ApiError;
use crate::state::AppState;
use crate::views;
use axum::extract::{Path, Query, State};
use axum::{Extension, Json};
use serde_json::Value;
use std::collections::HashMap;
use vigil_domain::{AreaTree, Notification, Principal, Role, SiteId, Subject};
use vigil_store::Store;

pub(crate) async fn list(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Json<Value>, ApiError> {
    let params = params::collect(pairs, &["limit", "after"])?;
    let limit = params::limit(&params)?;
    let after = params.get("after").cloned();
    let page = state
        .read(move |store| {
            let areas = AreaTree::new(&store.areas()?);
            // Only a liaison's view depends on notifications; reading them for anyone else
            // would be wasted work, and the policy ignores them for other roles anyway.
            let mut notified: HashMap<SiteId, Vec<Notification>> = HashMap::new();
            if principal.role() == Role::Liaison {
                for n in store.notifications()? {
                    if let Subject::Site(id) = &n.subject {
                        notified.entry(id.clone()).or_default().push(n);
                    }
                }
            }
            // A full scan, ordered by id: fine for registers of thousands of sites; a keyed
            // range read comes when registers outgrow it.
            let mut page = params::Page::new(limit);
            for site in store.sites()? {
                if after.as_deref().is_some_and(|a| site.id.as_str() <= a) {
                    continue;
                }
                let notifications = notified.get(&site.id).map_or(&[][..], Vec::as_slice);
                let Some(view) = views::site(&principal, &site, notifications, &areas) else {
                    continue;
                };
                page.push(site.id.to_string(), view);
                if page.is_done() {
                    break;
                }
            }
            Ok(page)
        })
        .await?;
    Ok(Json(page.into_json("/api/sites", &params)))
}

pub(crate) async fn item(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let not_found = || ApiError::not_found(format!("no site has id '{id}'"));
    // An id that breaks the id rules cannot be stored, so it is simply not found.
    let Ok(site_id) = SiteId::new(id.clone()) else {
        return Err(not_found());
    };
    let view = state
        .read(move |store| {
            let Some(site) = store.site(&site_id)? else {
                return Ok(None);
            };
            let notifications = if principal.role() == Role::Liaison {
                store.notifications_of(&Subject::Site(site_id))?
            } else {
                Vec::new()
            };
            let areas = AreaTree::new(&store.areas()?);
            Ok(views::site(&principal, &site, &notifications, &areas))
        })
        .await?;
    view.map(Json).ok_or_else(not_found)
}
