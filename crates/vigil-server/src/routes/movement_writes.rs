//! `PUT /api/movements/{id}`: adds a convoy or evacuation to the register or changes one
//! (coordinators and admins).
//!
//! The body is the movement as `GET /api/movements/{id}` shows it in full: `kind`, `name`,
//! `route` (`[lon, lat]` pairs, at least two), `corridor_width_m`, `window`
//! (`{"start", "end", "precision"}`) and `sensitivity` are required, `operator` and `source`
//! may be left out. A stored movement needs `If-Match` with the ETag its `GET` gave.

use super::writes::{writer, Put};
use crate::body;
use crate::error::ApiError;
use crate::etag::Preconditions;
use crate::openapi as doc;
use crate::state::AppState;
use crate::views;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::Extension;
use vigil_domain::{Actor, Movement, MovementId, Principal, TimeSpan, ValidationError, Writable};
use vigil_store::{Store, StoreResult};

const FIELDS: &[&str] = &[
    "id",
    "kind",
    "name",
    "operator",
    "route",
    "corridor_width_m",
    "window",
    "sensitivity",
    "source",
];

/// The stored movement `id` (the store reads movements all at once: they are few).
pub(crate) fn stored(store: &dyn Store, id: &MovementId) -> StoreResult<Option<Movement>> {
    Ok(store.movements()?.into_iter().find(|m| &m.id == id))
}

#[utoipa::path(
    put,
    path = "/api/movements/{id}",
    operation_id = "put_movement",
    tag = "register",
    summary = "Adds a convoy or evacuation to the register or changes one (coordinators, admins)",
    description = "The body is the movement as `GET /api/movements/{id}` shows it in full.",
    params(("id" = String, Path, description = "The movement's id."), doc::params::Preconditions),
    request_body(content = doc::bodies::MovementInput, content_type = "application/json"),
    responses(
        (
            status = 201,
            description = "The movement was added.",
            body = doc::records::Movement,
            headers(
                ("ETag" = String, description = "The record's new version."),
                ("Location" = String, description = "The record's path (created only)."),
            ),
        ),
        (
            status = 200,
            description = "The movement was changed (or was already so).",
            body = doc::records::Movement,
            headers(("ETag" = String, description = "The record's new version.")),
        ),
        doc::service::WriteBodyRefusal,
        (
            status = 403,
            description = "`forbidden`: this role may not write movements.",
            body = doc::service::ErrorBody,
        ),
        doc::service::EditRefusals,
        doc::service::JsonBodyRefusals,
        (
            status = 422,
            description = "`invalid`: the movement breaks the domain's rules, or names a record \
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
    let actor = writer(&principal, actor, Writable::Movement)?;
    let preconditions = Preconditions::from_headers(&headers)?;
    let object = body::record_object(&headers, &payload, FIELDS, &id)?;
    let movement: Movement = body::record(object)?;
    // A window read from JSON has not been through `TimeSpan::new`, which refuses an end
    // before the start; the movement's own rules do not look at it.
    let window = movement.window;
    if let Err(e) = TimeSpan::new(window.start(), window.end(), window.precision()) {
        return Err(ApiError::invalid(
            format!("movement {id} breaks the rules: window: {}", e.problem),
            vec![ValidationError::new("window", e.problem)],
        ));
    }
    let movement_id =
        MovementId::new(id.clone()).map_err(|e| ApiError::bad_parameter("id", e.problem))?;
    Put::new(
        format!("/api/movements/{id}"),
        move |store| stored(store, &movement_id),
        move |tx| tx.put_movement(&movement),
        move |_, stored: &Movement| {
            // Writers see movements in full, which needs no notifications (those decide only
            // a liaison's view).
            views::movement(&principal, stored, &[])
                .ok_or_else(|| ApiError::internal("a writer's view of a movement was hidden"))
        },
    )
    .run(&state, actor, preconditions)
    .await
}
