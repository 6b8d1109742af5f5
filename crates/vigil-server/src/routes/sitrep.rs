//! `GET /api/sitrep?area=…&from=…&to=…`: the situation report of an area and period, computed
//! by `vigil_sitrep` exactly as `vigil sitrep` computes it, for the caller's view
//! (`policy::sitrep_view`).
//!
//! Staff roles get the report with the ids behind every figure (source identities for
//! monitors and admins only); liaisons and the public get the published aggregate, for a
//! country or a governorate and whole days only (`policy::check_sitrep_scope`): a time of day
//! is a 400, as it is for `/api/incidents`, and a finer area the very 400 an unknown one gets,
//! since `GET /api/areas` hides it from them.
//!
//! `from` and `to` are required (dates, both days included, or RFC 3339 instants); `area` is
//! optional (without it, the whole database). Findings are the stored ones.

use super::params::{self, Period};
use crate::error::ApiError;
use crate::openapi as doc;
use crate::state::AppState;
use axum::extract::State;
use axum::{Extension, Json};
use std::collections::HashSet;
use vigil_domain::policy::{self, SitrepRefusal};
use vigil_domain::{AreaId, AreaTree, IncidentId, Principal};
use vigil_sitrep::{Records, Scope, ScopeError, Sitrep};
use vigil_store::Store;

const PARAMETERS: &[&str] = &["area", "from", "to"];

/// The answer to a refused scope. An area finer than the caller's view (`area`, the one asked
/// for) is answered word for word as an unknown one, as `GET /api/areas` hides it.
fn refused(refusal: SitrepRefusal, area: Option<&AreaId>) -> ApiError {
    match (refusal, area) {
        (SitrepRefusal::AreaTooFine(_), Some(id)) => {
            ApiError::bad_parameter("area", ScopeError::UnknownArea(id.clone()))
        }
        (SitrepRefusal::AreaTooFine(level), None) => ApiError::bad_parameter(
            "area",
            format!(
                "a {level} is finer than reports are published: give a country or a governorate"
            ),
        ),
        (SitrepRefusal::TimeOfDay, _) => ApiError::bad_parameter(
            "from",
            "reports are published by day: give dates (2016-09-28), not times",
        ),
    }
}

/// Reads what the report needs: its incidents, the sites of its area, the stored findings
/// it can use.
fn report(store: &dyn Store, principal: &Principal, scope: &Scope) -> Result<Sitrep, ApiError> {
    let mut incidents = Vec::new();
    store.for_each_incident(&mut |incident| {
        if scope.admits_incident(&incident) {
            incidents.push(incident);
        }
        Ok(())
    })?;
    let ids: HashSet<&IncidentId> = incidents.iter().map(|i| &i.id).collect();
    let mut findings = Vec::new();
    store.for_each_finding(&mut |finding| {
        if vigil_sitrep::is_reported(finding.kind) && ids.contains(&finding.incident) {
            findings.push(finding);
        }
        Ok(())
    })?;
    let sites: Vec<_> = store
        .sites()?
        .into_iter()
        .filter(|s| scope.admits_site(s))
        .collect();
    let records = Records {
        incidents: &incidents,
        sites: &sites,
        findings: &findings,
    };
    Ok(vigil_sitrep::build(
        records,
        scope,
        policy::sitrep_view(principal),
    ))
}

#[utoipa::path(
    get,
    path = "/api/sitrep",
    operation_id = "sitrep",
    tag = "analysis",
    summary = "The situation report of an area and period",
    description = "Staff roles get the ids behind every figure; liaisons and the public the \
        published aggregate.",
    params(doc::params::SitrepParams),
    responses(
        (status = 200, description = "The report.", body = doc::sitrep::Sitrep),
        (
            status = 400,
            description = "`bad_parameter`: `from` or `to` missing or malformed, `to` before \
                `from`, an unknown area, or one finer than the caller's view allows.",
            body = doc::service::ErrorBody,
        ),
    ),
)]
pub(crate) async fn get(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    params::QueryPairs(pairs): params::QueryPairs,
) -> Result<Json<Sitrep>, ApiError> {
    let params = params::collect(pairs, PARAMETERS)?;
    let period = Period::between(
        params.get("from").map(String::as_str),
        params.get("to").map(String::as_str),
    )?;
    let area = params
        .get("area")
        .map(|t| AreaId::new(t.clone()).map_err(|e| ApiError::bad_parameter("area", e.problem)))
        .transpose()?;
    let sitrep = state
        .read(move |store| {
            let tree = AreaTree::new(&store.areas()?);
            let scope = Scope::new(area.as_ref(), period.span, &tree)
                .map_err(|e| ApiError::bad_parameter("area", e))?;
            policy::check_sitrep_scope(&principal, scope.area_level(), period.has_time_of_day)
                .map_err(|r| refused(r, area.as_ref()))?;
            report(store, &principal, &scope)
        })
        .await?;
    Ok(Json(sitrep))
}
