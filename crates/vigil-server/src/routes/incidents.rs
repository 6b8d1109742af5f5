//! `GET /api/incidents` and `GET /api/incidents/{id}`: incidents as the publication policy lets
//! the caller see them (`views::incident`). Open to every role: staff roles get the record,
//! liaisons and the public the published view under a pseudonymous id.
//!
//! Filters: `bbox` (the incident's point inside), `datetime` (its span overlaps), `category`
//! (a kind or a category), `certainty`, `area` (the area or below it, `AreaTree`). A filter
//! that would reveal what the caller's view hides (a bounding box, an area finer than a
//! governorate, a time of day, for the published view) is a 400, as the policy says.
//!
//! The scan, the ids and the cursor are `visible::incidents`'; this module adds the filters.

use super::params::{self, BoundingBox, CategoryFilter, Period};
use super::writes::with_etag;
use crate::error::ApiError;
use crate::etag;
use crate::openapi as doc;
use crate::state::AppState;
use crate::visible;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::{Extension, Json};
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};
use vigil_domain::policy;
use vigil_domain::{AreaId, AreaTree, Certainty, Incident, IncidentId, Principal, Writable};
use vigil_store::Store;

const PARAMETERS: &[&str] = &[
    "limit",
    "after",
    "bbox",
    "datetime",
    "category",
    "certainty",
    "area",
];

/// The filters of one request, checked against what the caller may filter by.
struct Filters {
    bbox: Option<BoundingBox>,
    period: Option<Period>,
    category: Option<CategoryFilter>,
    certainty: Option<Certainty>,
    area: Option<AreaId>,
}

impl Filters {
    fn parse(principal: &Principal, params: &BTreeMap<String, String>) -> Result<Self, ApiError> {
        let bbox = match params.get("bbox") {
            None => None,
            Some(_) if !policy::may_filter_by_location(principal) => {
                return Err(ApiError::bad_parameter(
                    "bbox",
                    "not available to this role: incidents are published by governorate (use area)",
                ))
            }
            Some(text) => Some(BoundingBox::parse(text)?),
        };
        let period = params
            .get("datetime")
            .map(|t| Period::parse(t))
            .transpose()?;
        if period.as_ref().is_some_and(|p| p.has_time_of_day)
            && !policy::may_filter_by_time_of_day(principal)
        {
            return Err(ApiError::bad_parameter(
                "datetime",
                "incidents are published by day: give dates (2016-09-28/2016-09-30)",
            ));
        }
        let category = params
            .get("category")
            .map(|t| CategoryFilter::parse(t))
            .transpose()?;
        let certainty = params
            .get("certainty")
            .map(|t| {
                t.parse::<Certainty>()
                    .map_err(|e| ApiError::bad_parameter("certainty", e.problem))
            })
            .transpose()?;
        let area = params
            .get("area")
            .map(|t| AreaId::new(t.clone()).map_err(|e| ApiError::bad_parameter("area", e.problem)))
            .transpose()?;
        Ok(Self {
            bbox,
            period,
            category,
            certainty,
            area,
        })
    }

    /// The areas `area=` selects, checked against the stored areas and the caller's role.
    fn areas_within(
        &self,
        principal: &Principal,
        tree: &AreaTree,
    ) -> Result<Option<HashSet<AreaId>>, ApiError> {
        let Some(id) = &self.area else {
            return Ok(None);
        };
        let node = tree
            .get(id)
            .ok_or_else(|| ApiError::bad_parameter("area", format!("no area has id '{id}'")))?;
        if !policy::may_filter_by_area(principal, node.level) {
            return Err(ApiError::bad_parameter(
                "area",
                format!(
                    "'{id}' is a {}: incidents are published by governorate, so only a country or governorate may be given",
                    node.level
                ),
            ));
        }
        Ok(Some(tree.within(id)))
    }

    fn admits(&self, incident: &Incident, within: Option<&HashSet<AreaId>>) -> bool {
        let in_bbox = self.bbox.is_none_or(|bbox| {
            incident
                .location
                .point
                .is_some_and(|p| bbox.contains(p.lon(), p.lat()))
        });
        let in_area =
            within.is_none_or(|areas| incident.area.as_ref().is_some_and(|a| areas.contains(a)));
        in_bbox
            && in_area
            && self
                .period
                .as_ref()
                .is_none_or(|p| p.span.overlaps(&incident.when))
            && self.category.is_none_or(|c| c.admits(incident.kind))
            && self.certainty.is_none_or(|c| c == incident.certainty)
    }
}

#[utoipa::path(
    get,
    path = "/api/incidents",
    operation_id = "list_incidents",
    tag = "incidents",
    summary = "Incidents, as the caller's role may see them",
    description = "Staff roles get the record (sources for monitors and admins only); liaisons \
        and the public the published view under a pseudonymous id.",
    params(doc::params::Paging, doc::params::IncidentFilters),
    responses(
        (status = 200, description = "A page of incidents.", body = doc::service::IncidentList),
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
    let params = params::collect(pairs, PARAMETERS)?;
    let limit = params::limit(&params)?;
    let filters = Filters::parse(&principal, &params)?;
    let after = params.get("after").cloned();
    let page = state
        .with_store(move |store| {
            let areas = AreaTree::new(&store.areas()?);
            let within = filters.areas_within(&principal, &areas)?;
            let mut page = params::Page::new(limit);
            visible::incidents::each(
                store,
                &principal,
                &areas,
                after.as_deref(),
                &|incident| filters.admits(incident, within.as_ref()),
                &mut |id, view| page.take(id, view),
            )?;
            Ok(page)
        })
        .await?;
    Ok(Json(page.into_json("/api/incidents", &params)))
}

#[utoipa::path(
    get,
    path = "/api/incidents/{id}",
    operation_id = "get_incident",
    tag = "incidents",
    summary = "One incident, as the caller's role may see it",
    params(
        (
            "id" = String,
            Path,
            description = "The incident's id (staff roles) or its published pseudonym (liaisons, \
                the public).",
        ),
    ),
    responses(
        (
            status = 200,
            description = "The incident.",
            body = doc::records::IncidentView,
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
            description = "`not_found`: no incident has this id, or the caller may not see it \
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
    let not_found = || ApiError::not_found(format!("no incident has id '{id}'"));
    let wanted = id.clone();
    let view = state
        .with_store(move |store| {
            let areas = AreaTree::new(&store.areas()?);
            let view = visible::incidents::one(store, &principal, &areas, &wanted)?;
            // The ETag is for those who may edit the incident, who see it whole.
            let etag = match (&view, principal.role().may_write(Writable::Incident)) {
                (Some(_), true) => IncidentId::new(wanted.as_str())
                    .ok()
                    .and_then(|id| store.incident(&id).transpose())
                    .transpose()?
                    .map(|incident| etag::of(&incident)),
                _ => None,
            };
            Ok(view.map(|v| (v, etag)))
        })
        .await?;
    let (view, etag) = view.ok_or_else(not_found)?;
    Ok(with_etag(view, etag))
}
