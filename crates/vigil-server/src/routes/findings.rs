//! `GET /api/findings` and `GET /api/findings/{id}`: the stored findings of the cross-check,
//! for staff roles (`policy::may_see_findings`). Liaisons and the public are refused with 403
//! `forbidden` rather than given an empty list: an empty list would read as "nothing was
//! found", a claim about attacks and notifications that is not true.
//!
//! Findings have no stored id; each is known by [`vigil_domain::Finding::stable_id`], which
//! stays the same from one run of the cross-check to the next. Lists are in the stored order
//! (by incident, then the engine's order) and page by that id.
//!
//! Filters: `kind` (a finding kind), `incident` (findings of that incident, and those that
//! name it as the other incident of a repeat attack or a duplicate), `site` (findings about
//! that site, repeat attacks on it included), `movement`.

use super::params;
use crate::error::ApiError;
use crate::openapi as doc;
use crate::state::AppState;
use crate::visible;
use axum::extract::{Path, State};
use axum::{Extension, Json};
use serde_json::Value;
use std::collections::BTreeMap;
use vigil_domain::finding::Subject;
use vigil_domain::{policy, Finding, FindingKind, IncidentId, MovementId, Principal, SiteId};

const PARAMETERS: &[&str] = &["limit", "after", "kind", "incident", "site", "movement"];

fn refuse_unless_allowed(principal: &Principal) -> Result<(), ApiError> {
    if policy::may_see_findings(principal) {
        Ok(())
    } else {
        Err(ApiError::forbidden(format!(
            "findings are for coordinators, monitors, analysts and admins, not for the {} role",
            principal.role()
        )))
    }
}

/// The filters of one request.
struct Filters {
    kind: Option<FindingKind>,
    incident: Option<IncidentId>,
    site: Option<SiteId>,
    movement: Option<MovementId>,
}

/// An id parameter; one that breaks the id rules is a 400 naming the parameter.
fn id_param<T: std::str::FromStr<Err = vigil_domain::ValidationError>>(
    params: &BTreeMap<String, String>,
    name: &str,
) -> Result<Option<T>, ApiError> {
    params
        .get(name)
        .map(|text| {
            text.parse::<T>()
                .map_err(|e| ApiError::bad_parameter(name, e.problem))
        })
        .transpose()
}

impl Filters {
    fn parse(params: &BTreeMap<String, String>) -> Result<Self, ApiError> {
        let kind = params
            .get("kind")
            .map(|text| {
                serde_json::from_value::<FindingKind>(Value::String(text.clone())).map_err(|_| {
                    ApiError::bad_parameter(
                        "kind",
                        format!("'{text}' is not a finding kind (notified_site, notified_movement, unnotified_site, repeat_attack, ceasefire_violation, duplicate_candidate)"),
                    )
                })
            })
            .transpose()?;
        Ok(Self {
            kind,
            incident: id_param(params, "incident")?,
            site: id_param(params, "site")?,
            movement: id_param(params, "movement")?,
        })
    }

    /// The subject whose findings are all that need reading (an indexed read), if any.
    fn about(&self) -> Option<Subject> {
        match (&self.site, &self.movement) {
            (Some(site), _) => Some(Subject::Site(site.clone())),
            (None, Some(movement)) => Some(Subject::Movement(movement.clone())),
            (None, None) => None,
        }
    }

    fn admits(&self, f: &Finding) -> bool {
        let of_incident = |id: &IncidentId| {
            &f.incident == id || matches!(&f.subject, Subject::Incident(other) if other == id)
        };
        let about_site = |id: &SiteId| {
            matches!(&f.subject, Subject::Site(s) if s == id) || f.site.as_ref() == Some(id)
        };
        let about_movement =
            |id: &MovementId| matches!(&f.subject, Subject::Movement(m) if m == id);
        self.kind.is_none_or(|k| k == f.kind)
            && self.incident.as_ref().is_none_or(of_incident)
            && self.site.as_ref().is_none_or(about_site)
            && self.movement.as_ref().is_none_or(about_movement)
    }
}

#[utoipa::path(
    get,
    path = "/api/findings",
    operation_id = "list_findings",
    tag = "analysis",
    summary = "Stored findings of the cross-check (staff roles)",
    params(doc::params::Paging, doc::params::FindingFilters),
    responses(
        (status = 200, description = "A page of findings.", body = doc::service::FindingList),
        (
            status = 400,
            description = "`bad_parameter`: a parameter the endpoint does not know, given twice, \
                or malformed.",
            body = doc::service::ErrorBody,
        ),
        (
            status = 403,
            description = "`forbidden`: liaisons and the public may not read findings.",
            body = doc::service::ErrorBody,
        ),
    ),
)]
pub(crate) async fn list(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    params::QueryPairs(pairs): params::QueryPairs,
) -> Result<Json<Value>, ApiError> {
    refuse_unless_allowed(&principal)?;
    let params = params::collect(pairs, PARAMETERS)?;
    let limit = params::limit(&params)?;
    let filters = Filters::parse(&params)?;
    let after = params.get("after").cloned();
    let page = state
        .read(move |store| {
            let mut page = params::Page::new(limit);
            visible::findings::each(
                store,
                &principal,
                after.as_deref(),
                filters.about().as_ref(),
                &|f| filters.admits(f),
                &mut |id, view| page.take(id, view),
            )?;
            Ok(page)
        })
        .await?;
    Ok(Json(page.into_json("/api/findings", &params)))
}

#[utoipa::path(
    get,
    path = "/api/findings/{id}",
    operation_id = "get_finding",
    tag = "analysis",
    summary = "One stored finding (staff roles)",
    params(("id" = String, Path, description = "The finding's stable id.")),
    responses(
        (status = 200, description = "The finding.", body = doc::records::Finding),
        (
            status = 403,
            description = "`forbidden`: liaisons and the public may not read findings.",
            body = doc::service::ErrorBody,
        ),
        (
            status = 404,
            description = "`not_found`: no finding has this id, or the caller may not see it (the \
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
    refuse_unless_allowed(&principal)?;
    let not_found = || ApiError::not_found(format!("no finding has id '{id}'"));
    let wanted = id.clone();
    let view = state
        .read(move |store| visible::findings::one(store, &principal, &wanted))
        .await?;
    view.map(Json).ok_or_else(not_found)
}
