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
use crate::state::AppState;
use crate::views;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::{Extension, Json};
use serde_json::{json, Value};
use vigil_domain::{policy, Actor, IncidentId, Principal, Statement, StatementId, Writable};
use vigil_store::Store;

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
    let mut object = body::object(&headers, &payload)?;
    body::only_fields(&object, FIELDS)?;
    body::take_id(&mut object, &id)?;
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
