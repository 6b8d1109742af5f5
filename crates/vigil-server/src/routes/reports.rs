//! `GET /api/reports/{id}`: one source's account as it was received, for monitors and admins
//! only (a report names its source; anyone else gets a 403 `forbidden`). Its ETag is that of
//! the stored report, which never changes. Reports are written by `PUT /api/reports/{id}`
//! (`incident_writes`).

use super::sources::refuse_unless_allowed;
use super::writes::with_etag;
use crate::error::ApiError;
use crate::etag;
use crate::state::AppState;
use crate::views;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Extension;
use vigil_domain::{Principal, ReportId};
use vigil_store::Store;

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
