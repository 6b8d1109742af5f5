//! The endpoints, one module per group.

pub(crate) mod areas;
pub(crate) mod audit;
pub(crate) mod ceasefires;
pub(crate) mod dossier;
pub(crate) mod duplicates;
pub(crate) mod evidence;
pub(crate) mod exports;
pub(crate) mod findings;
pub(crate) mod health;
pub(crate) mod imports;
pub(crate) mod incident_writes;
pub(crate) mod incidents;
pub(crate) mod movement_writes;
pub(crate) mod movements;
pub(crate) mod notifications;
pub(crate) mod ogc;
mod params;
pub(crate) mod parties;
pub(crate) mod reports;
pub(crate) mod sessions;
pub(crate) mod site_writes;
pub(crate) mod sites;
pub(crate) mod sitrep;
pub(crate) mod sources;
pub(crate) mod statements;
pub(crate) mod tiles;
pub(crate) mod web;
pub(crate) mod whoami;
mod writes;

use crate::error::ApiError;
use crate::state::AppState;
use axum::http::Uri;
use axum::routing::{delete, get, post, put};
use axum::Router;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(crate::openapi::get))
        .route("/api/health", get(health::get))
        .route("/api/whoami", get(whoami::get))
        .route("/api/sessions", post(sessions::sign_in))
        .route("/api/sessions/current", delete(sessions::sign_out))
        .route("/api/sites", get(sites::list))
        .route("/api/sites/{id}", get(sites::item).put(site_writes::put))
        .route("/api/incidents", get(incidents::list))
        .route(
            "/api/incidents/{id}",
            get(incidents::item).put(incident_writes::put_incident),
        )
        .route("/api/incidents/{id}/dossier", get(dossier::get))
        .route("/api/incidents/{id}/duplicates", post(duplicates::preview))
        .route("/api/evidence/{sha256}", get(evidence::item))
        .route("/api/evidence/{sha256}/content", get(evidence::content))
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
        .merge(records())
        .merge(ogc::router())
}

/// The endpoints of the records besides the register and incidents: movements written,
/// ceasefires, areas, sources, reports read, statements, exports.
fn records() -> Router<AppState> {
    Router::new()
        .route("/api/movements/{id}", put(movement_writes::put))
        .route("/api/ceasefires", get(ceasefires::list))
        .route(
            "/api/ceasefires/{id}",
            get(ceasefires::item).put(ceasefires::put),
        )
        .route("/api/areas", get(areas::list))
        .route("/api/areas/{id}", get(areas::item))
        .route("/api/sources", get(sources::list))
        .route("/api/parties", get(parties::list))
        .route("/api/sources/{id}", get(sources::item).put(sources::put))
        .route("/api/reports/{id}", get(reports::item))
        .route(
            "/api/incidents/{id}/statements",
            get(statements::of_incident),
        )
        .route(
            "/api/statements/{id}",
            get(statements::item).put(statements::put),
        )
        .route("/api/exports/{kind}", get(exports::get))
        // A base map's PMTiles archives (`web.tiles_dir`), beside the web interface.
        .route("/tiles/{name}", get(tiles::get))
}

/// Any other path: a JSON 404, so clients always get the same error shape.
pub(crate) async fn unknown(uri: Uri) -> ApiError {
    ApiError::not_found(format!("no endpoint at {}", uri.path()))
}
