//! `GET /api/incidents/{id}/dossier`: the attack's dossier (`vigil_dossier`), as JSON or, with
//! `format=html`, as the printable page `vigil dossier` writes.
//!
//! For staff roles only (`policy::may_read_dossier`); liaisons and the public are refused with
//! 403 `forbidden`, as for findings, which a dossier contains. Sources are numbered for the
//! roles that may not see who they are. The proofs are against the latest checkpoint, which the
//! server signs after writes (`findings_refresh`); a record written since shows as
//! `not_yet_checkpointed`.

use super::params;
use crate::error::ApiError;
use crate::openapi as doc;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use vigil_domain::{policy, IncidentId, Principal};
use vigil_dossier::DossierError;

const PARAMETERS: &[&str] = &["format"];

#[utoipa::path(
    get,
    path = "/api/incidents/{id}/dossier",
    operation_id = "incidentDossier",
    tag = "analysis",
    summary = "An attack's dossier",
    description = "The notifications of what it hit (payload hash, when sent, to whom) and their \
        acknowledgements, the incident with sources, casualties, certainty, attributions and \
        denials, its evidence with hashes and custody, its findings, and inclusion proofs \
        against the latest signed checkpoint. `format=html` gives the printable page. Staff \
        roles only.",
    params(
        ("id" = String, Path, description = "The incident's id."),
        (
            "format" = Option<String>,
            Query,
            description = "`json` (the default) or `html`.",
        ),
    ),
    responses(
        (
            status = 200,
            description = "The dossier.",
            content(
                (doc::dossier::Dossier = "application/json"),
                (String = "text/html"),
            ),
        ),
        (
            status = 400,
            description = "`bad_parameter`: an unknown parameter or format.",
            body = doc::service::ErrorBody,
        ),
        (
            status = 403,
            description = "`forbidden`: dossiers are for coordinators, monitors, analysts and \
                admins.",
            body = doc::service::ErrorBody,
        ),
        (
            status = 404,
            description = "`not_found`: no incident has this id.",
            body = doc::service::ErrorBody,
        ),
    ),
)]
pub(crate) async fn get(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Path(id): Path<String>,
    params::QueryPairs(pairs): params::QueryPairs,
) -> Result<Response, ApiError> {
    let params = params::collect(pairs, PARAMETERS)?;
    let html = match params.get("format").map(String::as_str) {
        None | Some("json") => false,
        Some("html") => true,
        Some(other) => {
            return Err(ApiError::bad_parameter(
                "format",
                format!("'{other}': give json or html"),
            ))
        }
    };
    if !policy::may_read_dossier(&principal) {
        return Err(ApiError::forbidden(format!(
            "dossiers are for coordinators, monitors, analysts and admins, not for the {} role",
            principal.role()
        )));
    }
    let id = IncidentId::new(id).map_err(|_| ApiError::not_found("no incident has this id"))?;
    let dossier = state
        .read(move |store| {
            vigil_dossier::assemble_now(store, &principal, &id).map_err(|e| match e {
                DossierError::Refused => ApiError::forbidden("dossiers are for staff roles"),
                DossierError::NoSuchIncident(_) => ApiError::not_found("no incident has this id"),
                DossierError::Store(e) => e.into(),
                DossierError::Log(e) => ApiError::internal(e),
            })
        })
        .await?;
    if html {
        Ok((
            [(CONTENT_TYPE, "text/html; charset=utf-8")],
            vigil_dossier::render(&dossier),
        )
            .into_response())
    } else {
        Ok(Json(dossier).into_response())
    }
}
