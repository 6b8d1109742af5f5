//! Vigil's HTTP server: the JSON API over the same database as the command line.
//!
//! [`serve`] takes a bound listener and a shutdown signal, so the binary binds the configured
//! address and waits for Ctrl-C or SIGTERM while tests bind 127.0.0.1 port 0 and stop it when
//! they are done. Requests in flight finish before [`serve`] returns.
//!
//! # Layout
//!
//! - [`config`]: defaults, TOML file, `VIGIL_*` environment; redacted printing;
//! - `auth`: the principal a request acts as, from its bearer token, and the actor its writes
//!   are audited under;
//! - `state`: the database shared by handlers, used on blocking threads: a pool of read-only
//!   connections for reads, one connection for writes;
//! - `error`: the JSON error body and its stable codes (and the layer that gives the
//!   framework's own errors that shape);
//! - `body`: JSON request bodies, checked field by field; `etag`: ETags and the `If-Match`
//!   rules of writes;
//! - `findings_refresh`: stored findings brought up to date after writes;
//! - `openapi`: the API's description (OpenAPI 3.1), from annotations beside the handlers;
//! - `routes`: one module per group of endpoints (`routes::ogc` for the OGC API);
//! - `visible`: the records a caller may see, one by one, as views: what every endpoint reads;
//! - `views`: the only way a record leaves the server, built through
//!   [`vigil_domain::policy`].
//!
//! Deny by default: a request without a token acts as the public, one with a bad token is
//! refused (401), and a path under `/api` or `/ogc` the router does not know is a JSON 404.
//! Any other path is the web interface (`routes::web`: the embedded bundle of `web/`).
//!
//! # Endpoints
//!
//! - `GET /openapi.json`: this API described as OpenAPI 3.1 (every endpoint below, its
//!   parameters, bodies, answers and errors), for everyone;
//! - `GET /api/health`, `GET /api/whoami`;
//! - `POST /api/sessions` (an account's name and password for a 12-hour session token) and
//!   `DELETE /api/sessions/current` (revokes it);
//! - `GET /api/sites` and `GET /api/sites/{id}`: the register, as the caller's role may see
//!   it (a restricted site only for staff roles and liaisons of a party it was notified to;
//!   the public gets public sites' names and governorates, no coordinates);
//! - `GET /api/incidents` and `GET /api/incidents/{id}`: staff roles get the record (sources
//!   for monitors and admins only), liaisons and the public the published view (governorate,
//!   days, category, certainty, casualty ranges) under a pseudonymous id. Filters: `bbox`,
//!   `datetime` (`FROM/TO`, dates or RFC 3339, `..` for an open end), `category`,
//!   `certainty`, `area` (that area or below it); the published view allows none finer than
//!   it shows (no `bbox`, governorates only, whole days);
//! - `GET /api/sitrep?area=…&from=…&to=…`: the situation report of an area (optional: the
//!   whole database) and period (both required: dates, both days included, or RFC 3339
//!   times), as
//!   `vigil sitrep` computes it: staff roles get the ids behind every figure, liaisons and
//!   the public the published aggregate (a country or governorate only, whole days,
//!   pseudonymous incidents, restricted sites counted but not named, findings as counts,
//!   casualty sources as "source 1", "source 2", …).
//! - `GET /api/movements` and `GET /api/movements/{id}`: convoys and evacuations, by the rule
//!   for sites (route, corridor and window for staff roles and liaisons of a party a
//!   restricted movement was notified to; the public gets a public movement's kind, name and
//!   days, and nothing of a restricted one; the source for monitors and admins only);
//! - `GET /api/findings` and `GET /api/findings/{id}`: the stored findings of the
//!   cross-check, for staff roles only (liaisons and the public get a 403 `forbidden`), under
//!   an id that lasts from one run to the next (`Finding::stable_id`). Filters: `kind`,
//!   `incident`, `site`, `movement`;
//! - `PUT /api/movements/{id}` (coordinators, admins): a movement as its full view shows it;
//! - `GET /api/ceasefires`, `GET /api/ceasefires/{id}`: public knowledge for every role (name,
//!   parties, areas, start, planned end, collapse), the source for monitors and admins only;
//!   `PUT /api/ceasefires/{id}` (coordinators, admins);
//! - `GET /api/areas` (id, level, P-code, English and Arabic names, parent; filters `level`,
//!   `parent`) and `GET /api/areas/{id}` (with its boundary as a GeoJSON geometry): staff
//!   roles see every area, liaisons and the public countries and governorates only (the
//!   published view names nothing finer), a hidden area being a 404;
//! - `GET /api/sources`, `GET /api/sources/{id}` and `GET /api/reports/{id}`: monitors and
//!   admins only, everyone else a 403 `forbidden`; `PUT /api/sources/{id}` (monitors,
//!   admins);
//! - `GET /api/incidents/{id}/statements` and `GET /api/statements/{id}`: claims, denials and
//!   admissions, for staff roles (the source for monitors and admins only; liaisons and the
//!   public a 403 `forbidden`); `PUT /api/statements/{id}` (monitors, admins);
//! - `GET /api/exports/{incidents|sites}?format=csv|geojson|hxl&area=…&from=…&to=…`: the files
//!   `vigil export` writes, selected the same way, for staff roles (source columns empty
//!   unless the role may see source identities); liaisons and the public get the published
//!   views as CSV, HXL or GeoJSON (no coordinates; a country or governorate and whole days
//!   only; sites not by period). `Content-Type` and `Content-Disposition` name the file;
//! - writes (`PUT` of sites, incidents, reports, notifications, movements, ceasefires,
//!   sources and statements; `POST` of acknowledgements): JSON bodies, `ETag` on reads of
//!   those who may write, `If-Match` to change a stored record; `GET /api/audit` for admins;
//! - OGC API – Features (Core, GeoJSON) at `/ogc`: `/ogc`, `/ogc/conformance`,
//!   `/ogc/collections`, `/ogc/collections/{c}`, `/ogc/collections/{c}/items` and
//!   `…/items/{featureId}` for `sites`, `incidents`, `movements` and `findings` (staff roles
//!   only; for anyone else it is not listed and is a 404), each feature the view above with
//!   its geometry taken from it (`null` where the view has no coordinates). `bbox`,
//!   `datetime`, `limit` (above 1000 gives 1000) and the `next` link's `after`;
//! - `GET /api/notifications` (`subject=site:ID|movement:ID`) and
//!   `GET /api/notifications/{id}`: versions and acknowledgements, all of them for staff roles,
//!   a liaison only what went to its party (403 for the public);
//! - writes (docs/api.md): `PUT /api/sites/{id}`, `PUT /api/reports/{id}`,
//!   `PUT /api/incidents/{id}`, `PUT /api/notifications/{id}`,
//!   `POST /api/notifications/{id}/acknowledgements`, each allowed to the roles
//!   [`vigil_domain::Role::may_write`] names, with `If-Match` required to change a stored
//!   record (`412 edit_conflict` when it changed since it was read);
//! - `GET /api/audit` (admins): the audit log, every write with actor, time, before and after.
//!
//! Lists take `limit` (default 100, at most 1000) and `after`, and return
//! `{"items": […], "next": {"after", "href"} | null}` in id order (findings in the
//! cross-check's order). A bad parameter is a 400
//! `bad_parameter` whose message starts with the parameter's name; an unknown id, and a record
//! the caller may not see, are the same 404.
#![forbid(unsafe_code)]

mod auth;
mod body;
pub mod config;
mod error;
mod etag;
mod findings_refresh;
mod openapi;
mod routes;
mod state;
mod throttle;
mod views;
mod visible;

pub use config::{Config, ConfigError};
pub use error::ApiError;
pub use state::AppState;

use axum::extract::DefaultBodyLimit;
use axum::Router;
use std::future::Future;
use tokio::net::TcpListener;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::trace::TraceLayer;

/// The application: every route, the body limit and request tracing (method, path, status
/// and latency; never headers, which carry tokens, nor bodies, which carry witnesses' names).
pub fn app(state: AppState, config: &Config) -> Router {
    routes::sessions::warm_up();
    let state = match &config.evidence_dir {
        Some(dir) => state.with_evidence_dir(dir),
        None => state,
    };
    routes::router()
        .fallback(routes::web::fallback)
        // Inside authentication: only requests that were let in can have written.
        .layer(axum::middleware::from_fn_with_state(
            (
                state.clone(),
                findings_refresh::Refresher::new(config.refresh_findings),
            ),
            findings_refresh::after_writes,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::authenticate,
        ))
        // One limit for every body, the configured one (the framework's own 2 MB default for
        // buffered bodies would cut uploads short of it).
        .layer(DefaultBodyLimit::disable())
        .layer(RequestBodyLimitLayer::new(config.max_body_bytes))
        .layer(axum::middleware::from_fn(error::json_errors))
        // The page's policy and base map files, from `[web]`.
        .layer(axum::Extension(std::sync::Arc::new(
            routes::web::WebSettings::new(&config.web),
        )))
        // Failed sign-ins counted per server (`throttle`).
        .layer(axum::Extension(std::sync::Arc::new(
            throttle::SignInThrottle::default(),
        )))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Serves `app` on `listener` until `shutdown` completes, then lets requests in flight finish.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // With each connection's peer address, which sign-in throttling counts failures by.
    let app = app.into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}
