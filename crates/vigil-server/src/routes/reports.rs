//! `GET /api/reports/{id}`: one source's account as it was received, for monitors and admins
//! only (a report names its source; anyone else gets a 403 `forbidden`). Its ETag is that of
//! the stored report, which never changes. Reports are written by `PUT /api/reports/{id}`
//! (`incident_writes`).

use super::sources::refuse_unless_allowed;
use super::writes::with_etag;
use crate::error::ApiError;
use crate::etag;
use crate::openapi as doc;
use crate::state::AppState;
use crate::views;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Extension;
use vigil_domain::{Principal, ReportId};

#[utoipa::path(
    get,
    path = "/api/reports/{id}",
    operation_id = "get_report",
    tag = "incidents",
    summary = "One source's account as it was received (monitors, admins)",
    description = "A report names its source, so it is for monitors and admins only. Reports are \
        written by `PUT /api/reports/{id}`.",
    params(("id" = String, Path, description = "The report's id.")),
    responses(
        (
            status = 200,
            description = "The report.",
            body = doc::context::Report,
            headers(
                (
                    "ETag" = String,
                    description = "The stored report's version, which never changes."
                ),
            ),
        ),
        (
            status = 403,
            description = "`forbidden`: reports are for monitors and admins, who may see source \
                identities.",
            body = doc::service::ErrorBody,
        ),
        (
            status = 404,
            description = "`not_found`: no report has this id.",
            body = doc::service::ErrorBody,
        ),
    ),
)]
pub(crate) async fn item(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    refuse_unless_allowed(&principal, "reports")?;
    let not_found = || ApiError::not_found(format!("no report has id '{id}'"));
    let Ok(report_id) = ReportId::new(id.clone()) else {
        return Err(not_found());
    };
    let shown = state
        .read(move |store| {
            Ok(store.report(&report_id)?.and_then(|report| {
                views::report(&principal, &report).map(|v| (v, Some(etag::of(&report))))
            }))
        })
        .await?;
    let (view, etag) = shown.ok_or_else(not_found)?;
    Ok(with_etag(view, etag))
}
