//! `GET /api/audit`: the audit log, for admins only (its entries hold whole records, source
//! identities included).
//!
//! Parameters: `record` (`KIND` or `KIND/ID`, e.g. `incident/inc-42`: that record's history),
//! `after` (the `seq` of the last entry already read) and `limit`. Entries come oldest first
//! as `{"items": […], "next": …}`, like every list.

use super::params;
use crate::error::ApiError;
use crate::openapi as doc;
use crate::state::AppState;
use axum::extract::State;
use axum::{Extension, Json};
use serde_json::Value;
use vigil_domain::{Principal, Role};
use vigil_store::AuditQuery;

#[utoipa::path(
    get,
    path = "/api/audit",
    operation_id = "list_audit",
    tag = "audit",
    summary = "The audit log, oldest first (admins)",
    params(doc::params::AuditParams),
    responses(
        (status = 200, description = "A page of entries.", body = doc::service::AuditList),
        (
            status = 400,
            description = "`bad_parameter`: a parameter the endpoint does not know, given twice, \
                or malformed.",
            body = doc::service::ErrorBody,
        ),
        (
            status = 403,
            description = "`forbidden`: the audit log is for admins.",
            body = doc::service::ErrorBody,
        ),
    ),
)]
pub(crate) async fn list(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    params::QueryPairs(pairs): params::QueryPairs,
) -> Result<Json<Value>, ApiError> {
    if principal.role() != Role::Admin {
        return Err(ApiError::forbidden("the audit log is for admins"));
    }
    let params = params::collect(pairs, &["limit", "after", "record"])?;
    let limit = params::limit(&params)?;
    let after_seq = params
        .get("after")
        .map(|a| {
            a.parse::<u64>().map_err(|_| {
                ApiError::bad_parameter("after", format!("'{a}' is not an entry's seq"))
            })
        })
        .transpose()?;
    let (record_kind, record_id) = match params.get("record") {
        None => (None, None),
        Some(record) => match record.split_once('/') {
            Some((kind, id)) => (Some(kind.to_owned()), Some(id.to_owned())),
            None => (Some(record.clone()), None),
        },
    };
    let query = AuditQuery {
        record_kind,
        record_id,
        after_seq,
        limit: limit + 1,
    };
    let entries = state
        .read(move |store| Ok(store.audit_log(&query)?))
        .await?;
    let mut page = params::Page::new(limit);
    for entry in entries {
        if page.is_done() {
            break;
        }
        let seq = entry.seq.to_string();
        let value = serde_json::to_value(&entry).map_err(ApiError::internal)?;
        page.push(seq, value);
    }
    Ok(Json(page.into_json("/api/audit", &params)))
}
