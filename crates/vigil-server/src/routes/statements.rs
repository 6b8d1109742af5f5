//! Statements: a party's claim, denial or admission about an incident, as a source records
//! it ([`vigil_domain::policy::may_read_statements`]).
//!
//! - `GET /api/incidents/{id}/statements`: the incident's statements, by the day they were
//!   made, as `{"items": […], "next": null}` (an incident has a handful); `GET
//!   /api/statements/{id}`: one, with its ETag for those who may change it. For staff roles,
//!   each with its source for monitors and admins only; liaisons and the public get a 403
//!   `forbidden` (they know incidents by a pseudonym, and statements only by the real id).
//! - `PUT /api/statements/{id}` (monitors, admins): the body is the statement as its `GET`
//!   shows it to a monitor: `incident` (stored), `kind` (`claim`, `denial`, `admission`),
//!   `made_on`, `summary` and `source` (stored) required, `party` (stored) may be left out.
//!   A stored statement needs `If-Match`.

use super::writes::{with_etag, writer, Put};
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
use axum::{Extension, Json};
use serde_json::{json, Value};
use vigil_domain::{policy, Actor, IncidentId, Principal, Statement, StatementId, Writable};

const FIELDS: &[&str] = &[
    "id", "incident", "party", "kind", "made_on", "summary", "source",
];

fn refuse_unless_allowed(principal: &Principal) -> Result<(), ApiError> {
    if policy::may_read_statements(principal) {
        Ok(())
    } else {
        Err(ApiError::forbidden(format!(
            "statements are for coordinators, monitors, analysts and admins, not for the {} role",
            principal.role()
        )))
    }
}

#[utoipa::path(
    get,
    path = "/api/incidents/{id}/statements",
    operation_id = "list_incident_statements",
    tag = "incidents",
    summary = "An incident's statements, by the day they were made (staff roles)",
    description = "All of them at once (an incident has a handful), each with its source for \
        monitors and admins only.",
    params(("id" = String, Path, description = "The incident's own id.")),
    responses(
        (
            status = 200,
            description = "The incident's statements.",
            body = doc::context::StatementList,
        ),
        (
            status = 403,
            description = "`forbidden`: statements are for coordinators, monitors, analysts and \
                admins (liaisons and the public know incidents by a pseudonym only).",
            body = doc::service::ErrorBody,
        ),
        (
            status = 404,
            description = "`not_found`: no incident has this id.",
            body = doc::service::ErrorBody,
        ),
    ),
)]
pub(crate) async fn of_incident(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    refuse_unless_allowed(&principal)?;
    let not_found = || ApiError::not_found(format!("no incident has id '{id}'"));
    let Ok(incident_id) = IncidentId::new(id.clone()) else {
        return Err(not_found());
    };
    let items = state
        .read(move |store| {
            Ok(store.incident_detail(&incident_id)?.map(|detail| {
                detail
                    .statements
                    .iter()
                    .filter_map(|s| views::statement(&principal, s))
                    .collect::<Vec<Value>>()
            }))
        })
        .await?;
    let items = items.ok_or_else(not_found)?;
    Ok(Json(json!({ "items": items, "next": null })))
}

#[utoipa::path(
    get,
    path = "/api/statements/{id}",
    operation_id = "get_statement",
    tag = "incidents",
    summary = "One statement (staff roles)",
    description = "Its source for monitors and admins only.",
    params(("id" = String, Path, description = "The statement's id.")),
    responses(
        (
            status = 200,
            description = "The statement.",
            body = doc::context::Statement,
            headers(
                (
                    "ETag" = String,
                    description = "The record's version, for `If-Match` on a write; monitors and admins only."
                ),
            ),
        ),
        (
            status = 403,
            description = "`forbidden`: statements are for coordinators, monitors, analysts and \
                admins (liaisons and the public know incidents by a pseudonym only).",
            body = doc::service::ErrorBody,
        ),
        (
            status = 404,
            description = "`not_found`: no statement has this id.",
            body = doc::service::ErrorBody,
        ),
    ),
)]
pub(crate) async fn item(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    refuse_unless_allowed(&principal)?;
    let not_found = || ApiError::not_found(format!("no statement has id '{id}'"));
    let Ok(statement_id) = StatementId::new(id.clone()) else {
        return Err(not_found());
    };
    let shown = state
        .read(move |store| {
            let Some(statement) = store.statement(&statement_id)? else {
                return Ok(None);
            };
            let etag = principal
                .role()
                .may_write(Writable::Statement)
                .then(|| etag::of(&statement));
            Ok(views::statement(&principal, &statement).map(|v| (v, etag)))
        })
        .await?;
    let (view, etag) = shown.ok_or_else(not_found)?;
    Ok(with_etag(view, etag))
}

#[utoipa::path(
    put,
    path = "/api/statements/{id}",
    operation_id = "put_statement",
    tag = "incidents",
    summary = "Adds or changes a party's statement about an incident (monitors, admins)",
    description = "The body is the statement as its `GET` shows it to a monitor.",
    params(("id" = String, Path, description = "The statement's id."), doc::params::Preconditions),
    request_body(content = doc::bodies::StatementInput, content_type = "application/json"),
    responses(
        (
            status = 201,
            description = "The statement was added.",
            body = doc::context::Statement,
            headers(
                ("ETag" = String, description = "The record's new version."),
                ("Location" = String, description = "The record's path (created only)."),
            ),
        ),
        (
            status = 200,
            description = "The statement was changed (or was already so).",
            body = doc::context::Statement,
            headers(("ETag" = String, description = "The record's new version.")),
        ),
        doc::service::WriteBodyRefusal,
        (
            status = 403,
            description = "`forbidden`: this role may not write statements.",
            body = doc::service::ErrorBody,
        ),
        doc::service::EditRefusals,
        doc::service::JsonBodyRefusals,
        (
            status = 422,
            description = "`invalid`: the statement breaks the domain's rules, or names a record \
                that does not exist; `fields` says which and how.",
            body = doc::service::ErrorBody,
        ),
    ),
)]
pub(crate) async fn put(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    actor: Option<Extension<Actor>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    payload: Bytes,
) -> Result<Response, ApiError> {
    let actor = writer(&principal, actor, Writable::Statement)?;
    let preconditions = Preconditions::from_headers(&headers)?;
    let object = body::record_object(&headers, &payload, FIELDS, &id)?;
    let statement: Statement = body::record(object)?;
    let statement_id = statement.id.clone();
    Put::new(
        format!("/api/statements/{id}"),
        move |store| store.statement(&statement_id),
        move |tx| tx.put_statement(&statement),
        move |_, stored: &Statement| {
            views::statement(&principal, stored)
                .ok_or_else(|| ApiError::internal("a writer's view of a statement was hidden"))
        },
    )
    .run(&state, actor, preconditions)
    .await
}
