//! The endpoints, one module per group.

mod audit;
mod findings;
mod health;
mod imports;
mod incident_writes;
mod incidents;
mod movements;
mod notifications;
mod ogc;
mod params;
mod site_writes;
mod sites;
mod sitrep;
mod whoami;
mod writes;

use crate::error::ApiError;
use crate::state::AppState;
use axum::http::Uri;
use axum::routing::{get, post, put};
use axum::Router;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/api/health", get(health::get))
        .route("/api/whoami", get(whoami::get))
        .route("/api/sites", get(sites::list))
        .route("/api/sites/{id}", get(sites::item).put(site_writes::put))
        .route("/api/incidents", get(incidents::list))
        .route(
            "/api/incidents/{id}",
            get(incidents::item).put(incident_writes::put_incident),
        )
        .route("/api/reports/{id}", put(incident_writes::put_report))
        .route("/api/notifications", get(notifications::list))
        .route(
            "/api/notifications/{id}",
            get(notifications::item).put(notifications::put),
        )
        .route(
            "/api/notifications/{id}/acknowledgements",
            post(notifications::acknowledge),
        )
        .route("/api/audit", get(audit::list))
        .route("/api/imports", post(imports::post))
        .route("/api/sitrep", get(sitrep::get))
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
