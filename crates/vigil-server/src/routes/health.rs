//! `GET /api/health`: whether the server can read its database, for load balancers and
//! monitoring. Open to everyone: it says nothing about the records.

use crate::error::ApiError;
use crate::openapi as doc;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use serde_json::{json, Value};

#[utoipa::path(
    get,
    path = "/api/health",
    operation_id = "health",
    tag = "service",
    summary = "Whether the server can read its database",
    description = "Open to everyone; says nothing about the records.",
    responses(
        (status = 200, description = "The database is readable.", body = doc::service::Health),
    ),
)]
pub(crate) async fn get(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    let version = state.read(|store| Ok(store.data_version()?)).await?;
    Ok(Json(json!({ "status": "ok", "data_version": version })))
}
