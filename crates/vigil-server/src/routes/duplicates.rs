//! `POST /api/incidents/{id}/duplicates`: the duplicate candidates the cross-check would find
//! for an incident as it is about to be written (monitors and admins), without writing it.
//!
//! The body is what `PUT /api/incidents/{id}` takes: a new incident being built from reports,
//! or a stored one with more reports named (a merge). The answer is the `duplicate_candidate`
//! findings that incident would have against the stored incidents, exactly as the cross-check
//! computes them after the write (`vigil_check`, the same rule and thresholds): the draft takes
//! the place of a stored incident with its id, and its sources are those of the reports it
//! names. Only stored incidents whose spans come within the rule's largest gap of the draft's
//! are compared, read through the store's period index, so a preview costs a look-up, not a
//! run over the whole database.
//!
//! It is for the roles that write incidents and may see which source a report comes from,
//! since whether two incidents share a source is what the rule decides on. Nothing is stored;
//! a body the domain refuses is the `422` the write would be, so a form shows its problems
//! before anything is saved.

use super::incident_writes::{incident_object, INCIDENT_FIELDS};
use crate::body;
use crate::error::ApiError;
use crate::openapi as doc;
use crate::state::AppState;
use crate::views;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::{Extension, Json};
use serde_json::{json, Value};
use std::collections::HashMap;
use vigil_check::{FindingKind, Input, Options, Subject};
use vigil_domain::{Incident, IncidentId, Principal, ReportId, SourceId, Writable};
use vigil_store::{IncidentQuery, Store, StoreResult};

/// Stored incidents read per page while gathering those near the draft in time.
const PAGE: usize = 1000;

#[utoipa::path(
    post,
    path = "/api/incidents/{id}/duplicates",
    operation_id = "preview_duplicates",
    tag = "incidents",
    summary = "The duplicate candidates of an incident before it is written (monitors, admins)",
    description = "The body is the incident as `PUT /api/incidents/{id}` would take it (a new \
        incident, or a stored one with more reports named). Answers the `duplicate_candidate` \
        findings the cross-check would give it against the stored incidents, best first; \
        nothing is stored. Its sources are those of the reports it names.",
    params(("id" = String, Path, description = "The incident's id.")),
    request_body(content = doc::bodies::IncidentInput, content_type = "application/json"),
    responses(
        (
            status = 200,
            description = "The candidates, highest score first.",
            body = doc::service::DuplicateCandidates,
        ),
        (
            status = 403,
            description = "`forbidden`: only monitors and admins build incidents from reports.",
            body = doc::service::ErrorBody,
        ),
        doc::service::JsonBodyRefusals,
        (
            status = 422,
            description = "`invalid`: the incident breaks the domain's rules, as its write would \
                be refused; `fields` says which and how.",
            body = doc::service::ErrorBody,
        ),
    ),
)]
pub(crate) async fn preview(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Path(id): Path<String>,
    headers: HeaderMap,
    payload: Bytes,
) -> Result<Json<Value>, ApiError> {
    if !principal.role().may_write(Writable::Incident) {
        return Err(ApiError::forbidden(format!(
            "duplicate candidates of a draft are for monitors and admins, not for the {} role",
            principal.role()
        )));
    }
    let object = body::record_object(&headers, &payload, INCIDENT_FIELDS, &id)?;
    let draft: Incident = body::record(incident_object(object)?)?;
    draft
        .validate()
        .map_err(|errors| ApiError::invalid(format!("incident {id} breaks the rules"), errors))?;
    let items = state
        .read(move |store| {
            let found = candidates(store, &draft)?;
            Ok(found
                .iter()
                .filter_map(|f| views::finding(&principal, f))
                .collect::<Vec<_>>())
        })
        .await?;
    Ok(Json(json!({ "items": items, "next": null })))
}

/// The `duplicate_candidate` findings of `draft` against the stored incidents, highest score
/// first (ties by the other incident's id).
fn candidates(store: &dyn Store, draft: &Incident) -> Result<Vec<vigil_check::Finding>, ApiError> {
    // An incident known only to an area is never compared (the rule needs a point).
    if draft.location.point.is_none() {
        return Ok(Vec::new());
    }
    let options = Options::default();
    let gap = chrono::Duration::seconds(options.duplicate_max_gap_s);
    let mut incidents = near_in_time(store, draft, gap)?;
    incidents.retain(|i| i.id != draft.id);
    incidents.push(draft.clone());

    let mut by_report: HashMap<ReportId, Option<SourceId>> = HashMap::new();
    let mut incident_sources = HashMap::new();
    for incident in &incidents {
        let mut sources = Vec::new();
        for report in &incident.reports {
            if !by_report.contains_key(report) {
                let source = store.report(report)?.map(|r| r.source);
                by_report.insert(report.clone(), source);
            }
            if let Some(Some(source)) = by_report.get(report) {
                sources.push(source.clone());
            }
        }
        sources.sort();
        sources.dedup();
        incident_sources.insert(incident.id.clone(), sources);
    }
    let input = Input {
        sites: &[],
        movements: &[],
        notifications: &[],
        acknowledgements: &[],
        incidents: &incidents,
        ceasefires: &[],
        areas: &[],
        incident_sources: &incident_sources,
    };
    let mut found: Vec<_> = vigil_check::check(&input, &options)
        .into_iter()
        .filter(|f| f.kind == FindingKind::DuplicateCandidate && involves(f, &draft.id))
        .collect();
    let other = |f: &vigil_check::Finding| -> String {
        if f.incident == draft.id {
            f.subject.id().to_owned()
        } else {
            f.incident.to_string()
        }
    };
    found.sort_by(|a, b| {
        b.score
            .unwrap_or(0.0)
            .total_cmp(&a.score.unwrap_or(0.0))
            .then_with(|| other(a).cmp(&other(b)))
    });
    Ok(found)
}

fn involves(finding: &vigil_check::Finding, id: &IncidentId) -> bool {
    finding.incident == *id || finding.subject == Subject::Incident(id.clone())
}

/// The stored incidents whose spans come within `gap` of the draft's, by the period index.
fn near_in_time(
    store: &dyn Store,
    draft: &Incident,
    gap: chrono::Duration,
) -> StoreResult<Vec<Incident>> {
    let mut query = IncidentQuery {
        from: Some(draft.when.start() - gap),
        to: Some(draft.when.end() + gap),
        limit: PAGE,
        ..IncidentQuery::default()
    };
    let mut all = Vec::new();
    loop {
        let page = store.incidents_page(&query)?;
        let full = page.len() == PAGE;
        query.after = page.last().map(|i| i.id.to_string());
        all.extend(page);
        if !full {
            return Ok(all);
        }
    }
}
