//! `PUT /api/reports/{id}` and `PUT /api/incidents/{id}` (monitors and admins).
//!
//! A report is one source's account (`source`, `received_at`, `summary`, and `content`: any
//! JSON, kept byte for byte), immutable once stored: writing the same report again
//! changes nothing, writing other content under its id is a `409 conflict`. An incident is
//! built from reports that are already stored; its body is the incident as
//! `GET /api/incidents/{id}` shows it to a monitor (`category` and `sources` are derived and
//! ignored), each casualty figure with `low`, `best` and `high`. An incident's reports only
//! grow. A stored incident needs `If-Match`. An incident sent without `area` is placed in the
//! finest stored area containing its point, as far as its precision allows.

use super::writes::{placed_area, writer, written, Put};
use crate::body;
use crate::error::ApiError;
use crate::etag::{self, Preconditions};
use crate::openapi as doc;
use crate::state::AppState;
use crate::views;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::Extension;
use serde_json::{json, Map, Value};
use vigil_domain::{Actor, AreaTree, Incident, IncidentId, Principal, Report, ReportId, Writable};
use vigil_store::WriteOutcome;

pub(crate) const INCIDENT_FIELDS: &[&str] = &[
    "id",
    "title",
    "kind",
    "category",
    "when",
    "location",
    "area",
    "weapon",
    "targets",
    "damage",
    "certainty",
    "casualties",
    "attributions",
    "description",
    "reports",
    "sources",
];

const REPORT_FIELDS: &[&str] = &["id", "source", "received_at", "summary", "content"];

#[utoipa::path(
    put,
    path = "/api/incidents/{id}",
    operation_id = "put_incident",
    tag = "incidents",
    summary = "Adds or changes an incident built from stored reports (monitors, admins)",
    description = "An incident's reports only grow.",
    params(("id" = String, Path, description = "The incident's id."), doc::params::Preconditions),
    request_body(content = doc::bodies::IncidentInput, content_type = "application/json"),
    responses(
        (
            status = 201,
            description = "The incident was added.",
            body = doc::records::Incident,
            headers(
                ("ETag" = String, description = "The record's new version."),
                ("Location" = String, description = "The record's path (created only)."),
            ),
        ),
        (
            status = 200,
            description = "The incident was changed (or was already so).",
            body = doc::records::Incident,
            headers(("ETag" = String, description = "The record's new version.")),
        ),
        doc::service::WriteBodyRefusal,
        (
            status = 403,
            description = "`forbidden`: this role may not write incidents.",
            body = doc::service::ErrorBody,
        ),
        doc::service::EditRefusals,
        doc::service::JsonBodyRefusals,
        (
            status = 422,
            description = "`invalid`: the incident breaks the domain's rules, or names a record \
                that does not exist; `fields` says which and how.",
            body = doc::service::ErrorBody,
        ),
    ),
)]
pub(crate) async fn put_incident(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    actor: Option<Extension<Actor>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    payload: Bytes,
) -> Result<Response, ApiError> {
    let actor = writer(&principal, actor, Writable::Incident)?;
    let preconditions = Preconditions::from_headers(&headers)?;
    let object = body::record_object(&headers, &payload, INCIDENT_FIELDS, &id)?;
    let mut incident: Incident = body::record(incident_object(object)?)?;
    if incident.area.is_none() {
        incident.area = placed_area(&state, incident.location).await?;
    }
    let incident_id =
        IncidentId::new(id.clone()).map_err(|e| ApiError::bad_parameter("id", e.problem))?;
    Put::new(
        format!("/api/incidents/{id}"),
        move |store| store.incident(&incident_id),
        move |tx| tx.put_incident(&incident),
        move |store, stored: &Incident| {
            let sources = match store.incident_detail(&stored.id)? {
                Some(detail) => detail.sources,
                None => Vec::new(),
            };
            Ok(views::incident(
                &principal,
                stored,
                &sources,
                &AreaTree::new(&[]),
            ))
        },
    )
    .run(&state, actor, preconditions)
    .await
}

/// The incident's domain form from the body: derived fields dropped, lists that may be left
/// out filled in, casualty figures' `low`/`best`/`high` gathered into their `count`.
pub(crate) fn incident_object(
    mut object: Map<String, Value>,
) -> Result<Map<String, Value>, ApiError> {
    object.remove("category");
    object.remove("sources");
    for list in ["targets", "casualties", "attributions"] {
        object
            .entry(list)
            .or_insert_with(|| Value::Array(Vec::new()));
    }
    if let Some(Value::Array(figures)) = object.get_mut("casualties") {
        for (i, figure) in figures.iter_mut().enumerate() {
            let Value::Object(figure) = figure else {
                return Err(ApiError::bad_body(format!(
                    "casualties[{i}] must be an object"
                )));
            };
            if figure.contains_key("count") {
                continue;
            }
            let mut count = Map::new();
            for bound in ["low", "best", "high"] {
                let value = figure.remove(bound).ok_or_else(|| {
                    ApiError::bad_body(format!("casualties[{i}] needs `{bound}`"))
                })?;
                count.insert(bound.into(), value);
            }
            figure.insert("count".into(), Value::Object(count));
        }
    }
    Ok(object)
}

#[utoipa::path(
    put,
    path = "/api/reports/{id}",
    operation_id = "put_report",
    tag = "incidents",
    summary = "Stores one source's account (monitors, admins)",
    description = "Immutable: the same report again changes nothing; other content under its id \
        is a 409.",
    params(("id" = String, Path, description = "The report's id.")),
    request_body(content = doc::bodies::ReportInput, content_type = "application/json"),
    responses(
        (
            status = 201,
            description = "The report was stored.",
            body = doc::bodies::ReportStored,
            headers(
                ("ETag" = String, description = "The record's new version."),
                ("Location" = String, description = "The record's path (created only)."),
            ),
        ),
        (
            status = 200,
            description = "The same report was already stored.",
            body = doc::bodies::ReportStored,
            headers(("ETag" = String, description = "The report's version.")),
        ),
        doc::service::WriteBodyRefusal,
        (
            status = 403,
            description = "`forbidden`: this role may not write reports.",
            body = doc::service::ErrorBody,
        ),
        (
            status = 409,
            description = "`conflict`: other content is stored under this id.",
            body = doc::service::ErrorBody,
        ),
        doc::service::JsonBodyRefusals,
        (
            status = 422,
            description = "`invalid`: the report breaks the domain's rules, or names a record \
                that does not exist; `fields` says which and how.",
            body = doc::service::ErrorBody,
        ),
    ),
)]
pub(crate) async fn put_report(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    actor: Option<Extension<Actor>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    payload: Bytes,
) -> Result<Response, ApiError> {
    let actor = writer(&principal, actor, Writable::Report)?;
    let object = body::record_object(&headers, &payload, REPORT_FIELDS, &id)?;
    let report: Report = body::record(object)?;
    let report_id =
        ReportId::new(id.clone()).map_err(|e| ApiError::bad_parameter("id", e.problem))?;
    // Immutable: no precondition to check; the store refuses other content under the id.
    let (created, etag) = state
        .write(move |store| {
            let mut tx = store.transaction_as(&actor)?;
            let outcome = tx.put_report(&report)?;
            tx.commit()?;
            let stored = store
                .report(&report_id)?
                .ok_or_else(|| ApiError::internal("a written report cannot be read back"))?;
            Ok((outcome == WriteOutcome::Inserted, etag::of(&stored)))
        })
        .await?;
    // Only monitors and admins write reports, and both may see the source it names.
    Ok(written(
        created,
        &format!("/api/reports/{id}"),
        &etag,
        json!({ "id": id, "stored": true }),
    ))
}
