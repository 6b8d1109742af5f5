//! `GET /api/whoami`: the role (and a liaison's party) the request acts as, so a client can
//! check its token before it does anything with it.

use crate::openapi as doc;
use axum::{Extension, Json};
use serde_json::{json, Value};
use vigil_domain::access::Principal;

#[utoipa::path(
    get,
    path = "/api/whoami",
    operation_id = "whoami",
    tag = "service",
    summary = "The role (and a liaison's party) the request acts as",
    responses(
        (status = 200, description = "Who the request acts as.", body = doc::service::Whoami),
    ),
)]
pub(crate) async fn get(Extension(principal): Extension<Principal>) -> Json<Value> {
    Json(json!({
        "role": principal.role().as_str(),
        "party": principal.party().map(|p| p.as_str()),
        "account": principal.account(),
    }))
}
