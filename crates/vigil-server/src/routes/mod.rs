//! The endpoints, one module per group.

mod findings;
mod health;
mod incidents;
mod movements;
mod ogc;
mod params;
mod sites;
mod whoami;

use crate::error::ApiError;
use crate::state::AppState;
use axum::http::Uri;
use axum::routing::get;
use axum::Router;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/api/health", get(health::get))
        .route("/api/whoami", get(whoami::get))
        .route("/api/sites", get(sites::list))
        .route("/api/sites/{id}", get(sites::item))
        .route("/api/incidents", get(incidents::list))
        .route("/api/incidents/{id}", get(incidents::item))
        .route("/api/movements", get(movements::list))
        .route("/api/movements/{id}", get(movements::item))
        .route("/api/findings", get(findings::list))
        .route("/api/findings/{id}", get(findings::item))
        .merge(ogc::router())
}

/// Any other path: a JSON 404, so clients always get the same error shape.
pub(crate) async fn unknown(uri: Uri) -> ApiError {
    ApiError::not_found(format!("no endpoint at {}", uri.path()))
}
