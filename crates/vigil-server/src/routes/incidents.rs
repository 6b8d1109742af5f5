//! `GET /api/incidents` and `GET /api/incidents/{id}`: incidents as the publication policy lets
//! the caller see them (`views::incident`). Open to every role: staff roles get the record,
//! liaisons and the public the published view under a pseudonymous id.
//!
//! Filters: `bbox` (the incident's point inside), `datetime` (its span overlaps), `category`
//! (a kind or a category), `certainty`, `area` (the area or below it, `AreaTree`). A filter
//! that would reveal what the caller's view hides (a bounding box, an area finer than a
//! governorate, a time of day, for the published view) is a 400, as the policy says; a finer
//! area gets the very answer an unknown one does, since `GET /api/areas` hides it.
//!
//! Lists are read through `Store::incidents_page`, whose indexes serve the box and the period
//! (see the backend for which filters it checks row by row). Staff pages are one such read,
//! starting after the `after` id. What is still a walk over incidents: the published view's
//! cursor is a digest, not an id, so its page is found by walking the matching incidents in id
//! order from the first (the filters still come from the index, in batches); and the published
//! item endpoint, `GET /api/incidents/{pseudonym}`, walks every incident to find its digest.
//! The item endpoint's lookup is `visible::incidents::one`, shared with the OGC API.

use super::params::{self, BoundingBox, CategoryFilter, Period};
use super::writes::{etag_for_writer, with_etag};
use crate::error::ApiError;
use crate::openapi as doc;
use crate::state::AppState;
use crate::views;
use crate::visible;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::{Extension, Json};
use chrono::{DateTime, Utc};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};
use vigil_domain::policy::{self, IncidentAccess};
use vigil_domain::{
    AreaId, AreaTree, Certainty, Incident, IncidentId, IncidentKind, Principal, Source, SourceId,
    Writable,
};
use vigil_store::{IncidentQuery, Store};

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
        // An area finer than the caller's view is answered word for word as an unknown one,
        // as `GET /api/areas` hides it: the refusal confirms nothing about it.
        let unknown = || ApiError::bad_parameter("area", format!("no area has id '{id}'"));
        let node = tree.get(id).ok_or_else(unknown)?;
        if !policy::may_filter_by_area(principal, node.level) {
            return Err(unknown());
        }
        Ok(Some(tree.within(id)))
    }

    /// The search these filters make, for the areas `areas_within` found.
    fn query(&self, within: Option<HashSet<AreaId>>) -> IncidentQuery {
        let (from, to) = match &self.period {
            // An open end is the earliest or latest instant there is: no bound at all.
            Some(p) => (
                (p.span.start() != DateTime::<Utc>::MIN_UTC).then(|| p.span.start()),
                (p.span.end() != DateTime::<Utc>::MAX_UTC).then(|| p.span.end()),
            ),
            None => (None, None),
        };
        IncidentQuery {
            bbox: self.bbox.map(BoundingBox::to_query),
            from,
            to,
            kinds: self.category.map(|c| {
                IncidentKind::ALL
                    .iter()
                    .copied()
                    .filter(|&k| c.admits(k))
                    .collect()
            }),
            certainty: self.certainty,
            areas: within.map(|areas| {
                let mut areas: Vec<AreaId> = areas.into_iter().collect();
                areas.sort();
                areas
            }),
            after: None,
            limit: 0,
        }
    }
}

/// Each incident's sources, for those who may see them; nothing is read for anyone else.
struct SourceIndex {
    by_incident: HashMap<IncidentId, Vec<SourceId>>,
    sources: HashMap<SourceId, Source>,
}

impl SourceIndex {
    /// The sources of the reports `incidents` were built from (each incident's distinct, in
    /// id order), read only for those who may see them.
    fn load(
        store: &dyn Store,
        principal: &Principal,
        incidents: &[Incident],
    ) -> Result<Self, ApiError> {
        let mut index = Self {
            by_incident: HashMap::new(),
            sources: HashMap::new(),
        };
        if !policy::may_see_source_identities(principal) {
            return Ok(index);
        }
        for incident in incidents {
            let mut ids = Vec::new();
            for report in &incident.reports {
                ids.extend(store.report(report)?.map(|r| r.source));
            }
            ids.sort();
            ids.dedup();
            for id in &ids {
                if !index.sources.contains_key(id) {
                    if let Some(source) = store.source(id)? {
                        index.sources.insert(id.clone(), source);
                    }
                }
            }
            index.by_incident.insert(incident.id.clone(), ids);
        }
        Ok(index)
    }

    fn of(&self, incident: &IncidentId) -> Vec<Source> {
        self.by_incident
            .get(incident)
            .into_iter()
            .flatten()
            .filter_map(|id| self.sources.get(id).cloned())
            .collect()
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
        .read(move |store| {
            let areas = AreaTree::new(&store.areas()?);
            let within = filters.areas_within(&principal, &areas)?;
            let query = filters.query(within);
            let mut page = params::Page::new(limit);
            match policy::incident_access(&principal) {
                IncidentAccess::Full => {
                    // One read: the page and one more, to tell whether a next page follows.
                    let incidents = store.incidents_page(&IncidentQuery {
                        after,
                        limit: limit + 1,
                        ..query
                    })?;
                    let sources = SourceIndex::load(store, &principal, &incidents)?;
                    for incident in &incidents {
                        let view = views::incident(
                            &principal,
                            incident,
                            &sources.of(&incident.id),
                            &areas,
                        );
                        page.push(incident.id.to_string(), view);
                    }
                }
                IncidentAccess::Published => {
                    // Published ids are digests, not in id order: the cursor is found by
                    // walking the matching incidents to the one it names. (So a cursor whose
                    // incident no longer matches the filters, changed since the page before,
                    // is refused like an unknown one.)
                    let mut waiting_for_cursor = after.is_some();
                    for_each_match(store, query, &mut |incident| {
                        let id = views::incident_id(&principal, &incident);
                        if waiting_for_cursor {
                            waiting_for_cursor = after.as_deref() != Some(id.as_str());
                            return Ok(true);
                        }
                        let view = views::incident(&principal, &incident, &[], &areas);
                        page.push(id, view);
                        Ok(!page.is_done())
                    })?;
                    if waiting_for_cursor {
                        return Err(ApiError::bad_parameter(
                            "after",
                            "names no incident: use the `next` link of the previous page",
                        ));
                    }
                }
            }
            Ok(page)
        })
        .await?;
    Ok(Json(page.into_json("/api/incidents", &params)))
}

/// How many incidents a walk reads at a time.
const BATCH: usize = 500;

/// Calls `f` with every incident `query` admits, in id order, read a batch at a time through
/// the index, until `f` returns `false`.
fn for_each_match(
    store: &dyn Store,
    query: IncidentQuery,
    f: &mut dyn FnMut(Incident) -> Result<bool, ApiError>,
) -> Result<(), ApiError> {
    let mut query = IncidentQuery {
        limit: BATCH,
        ..query
    };
    loop {
        let batch = store.incidents_page(&query)?;
        let full = batch.len() == BATCH;
        query.after = batch.last().map(|i| i.id.to_string());
        for incident in batch {
            if !f(incident)? {
                return Ok(());
            }
        }
        if !full {
            return Ok(());
        }
    }
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
        .read(move |store| {
            let areas = AreaTree::new(&store.areas()?);
            let view = visible::incidents::one(store, &principal, &areas, &wanted)?;
            let etag = etag_for_writer(&principal, Writable::Incident, view.is_some(), || {
                let Ok(id) = IncidentId::new(wanted.as_str()) else {
                    return Ok(None);
                };
                Ok(store.incident(&id)?)
            })?;
            Ok(view.map(|v| (v, etag)))
        })
        .await?;
    let (view, etag) = view.ok_or_else(not_found)?;
    Ok(with_etag(view, etag))
}
