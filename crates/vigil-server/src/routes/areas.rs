//! `GET /api/areas` and `GET /api/areas/{id}`: administrative units, neighbourhoods and zones
//! as [`vigil_domain::policy::may_see_area`] lets the caller see them (liaisons and the
//! public: countries and governorates only; staff roles: every area). A hidden area is
//! answered like one that does not exist.
//!
//! Lists give id, level, P-code, English and Arabic names and parent, never boundaries, in id
//! order; filters `level` and `parent` (the areas directly below it). Asking the published
//! view for a level it never shows is a 400 naming `level`, rather than an empty list that
//! would read as "there are none". The item adds the boundary as a GeoJSON geometry.

use super::params;
use crate::error::ApiError;
use crate::openapi as doc;
use crate::state::AppState;
use crate::views;
use axum::extract::{Path, State};
use axum::{Extension, Json};
use serde_json::Value;
use vigil_domain::{policy, AreaId, AreaLevel, Principal};

#[utoipa::path(
    get,
    path = "/api/areas",
    operation_id = "list_areas",
    tag = "areas",
    summary = "Areas as the caller's role may see them, without boundaries",
    description = "Liaisons and the public see countries and governorates only; staff roles \
        every area. Each with its id, level, P-code, English and Arabic names and parent.",
    params(doc::params::Paging, doc::params::AreaFilters),
    responses(
        (status = 200, description = "A page of areas.", body = doc::service::AreaList),
        (
            status = 400,
            description = "`bad_parameter`: a parameter the endpoint does not know, given twice, \
                or malformed; a `level` the caller is never shown (rather than an empty list \
                that would read as \"there are none\"); a `parent` that is unknown or hidden \
                from the caller.",
            body = doc::service::ErrorBody,
        ),
    ),
)]
pub(crate) async fn list(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    params::QueryPairs(pairs): params::QueryPairs,
) -> Result<Json<Value>, ApiError> {
    let params = params::collect(pairs, &["limit", "after", "level", "parent"])?;
    let limit = params::limit(&params)?;
    let level = params
        .get("level")
        .map(|t| {
            t.parse::<AreaLevel>()
                .map_err(|e| ApiError::bad_parameter("level", e.problem))
        })
        .transpose()?;
    if let Some(level) = level.filter(|l| !policy::may_see_area(&principal, *l)) {
        return Err(ApiError::bad_parameter(
            "level",
            format!("{level} areas are not published: only countries and governorates"),
        ));
    }
    let parent = params
        .get("parent")
        .map(|t| AreaId::new(t.clone()).map_err(|e| ApiError::bad_parameter("parent", e.problem)))
        .transpose()?;
    let after = params.get("after").cloned();
    let page = state
        .read(move |store| {
            let mut areas = store.areas()?;
            areas.sort_by(|a, b| a.id.cmp(&b.id));
            if let Some(parent) = &parent {
                // An unknown parent and one the caller may not see read the same.
                let known = areas
                    .iter()
                    .any(|a| &a.id == parent && policy::may_see_area(&principal, a.level));
                if !known {
                    return Err(ApiError::bad_parameter(
                        "parent",
                        format!("no area has id '{parent}'"),
                    ));
                }
            }
            let mut page = params::Page::new(limit);
            for area in areas {
                if after.as_deref().is_some_and(|a| area.id.as_str() <= a)
                    || level.is_some_and(|l| area.level != l)
                    || parent
                        .as_ref()
                        .is_some_and(|p| area.parent.as_ref() != Some(p))
                {
                    continue;
                }
                if let Some(view) = views::area_summary(&principal, &area) {
                    if page.take(area.id.to_string(), view).is_break() {
                        break;
                    }
                }
            }
            Ok(page)
        })
        .await?;
    Ok(Json(page.into_json("/api/areas", &params)))
}

#[utoipa::path(
    get,
    path = "/api/areas/{id}",
    operation_id = "get_area",
    tag = "areas",
    summary = "One area with its boundary, as the caller's role may see it",
    params(("id" = String, Path, description = "The area's id.")),
    responses(
        (status = 200, description = "The area.", body = doc::context::Area),
        (
            status = 404,
            description = "`not_found`: no area has this id, or the caller may not see it (the \
                same answer).",
            body = doc::service::ErrorBody,
        ),
    ),
)]
pub(crate) async fn item(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let not_found = || ApiError::not_found(format!("no area has id '{id}'"));
    let wanted = id.clone();
    let view = state
        .read(move |store| {
            Ok(store
                .areas()?
                .into_iter()
                .find(|a| a.id.as_str() == wanted)
                .and_then(|area| views::area(&principal, &area)))
        })
        .await?;
    view.map(Json).ok_or_else(not_found)
}
