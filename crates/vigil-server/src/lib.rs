//! Vigil's HTTP server: the JSON API over the same database as the command line.
//!
//! [`serve`] takes a bound listener and a shutdown signal, so the binary binds the configured
//! address and waits for Ctrl-C or SIGTERM while tests bind 127.0.0.1 port 0 and stop it when
//! they are done. Requests in flight finish before [`serve`] returns.
//!
//! # Layout
//!
//! - [`config`]: defaults, TOML file, `VIGIL_*` environment; redacted printing;
//! - `auth`: the principal a request acts as, from its bearer token;
//! - `state`: the database shared by handlers, used on blocking threads: a pool of read-only
//!   connections for reads, one connection for writes;
//! - `error`: the JSON error body and its stable codes;
//! - `routes`: one module per group of endpoints;
//! - `views`: the only way a record leaves the server, built through
//!   [`vigil_domain::policy`].
//!
//! Deny by default: a request without a token acts as the public, one with a bad token is
//! refused (401), and a path the router does not know is a JSON 404.
//!
//! # Endpoints
//!
//! - `GET /api/health`, `GET /api/whoami`;
//! - `GET /api/sites` and `GET /api/sites/{id}`: the register, as the caller's role may see
//!   it (a restricted site only for staff roles and liaisons of a party it was notified to;
//!   the public gets public sites' names and governorates, no coordinates);
//! - `GET /api/incidents` and `GET /api/incidents/{id}`: staff roles get the record (sources
//!   for monitors and admins only), liaisons and the public the published view (governorate,
//!   days, category, certainty, casualty ranges) under a pseudonymous id. Filters: `bbox`,
//!   `datetime` (`FROM/TO`, dates or RFC 3339, `..` for an open end), `category`,
//!   `certainty`, `area` (that area or below it); the published view allows none finer than
//!   it shows (no `bbox`, governorates only, whole days).
//!
//! Lists take `limit` (default 100, at most 1000) and `after`, and return
//! `{"items": […], "next": {"after", "href"} | null}` in id order. A bad parameter is a 400
//! `bad_parameter` whose message starts with the parameter's name; an unknown id, and a record
//! the caller may not see, are the same 404.
#![forbid(unsafe_code)]

mod auth;
pub mod config;
mod error;
mod routes;
mod state;
mod views;

pub use config::{Config, ConfigError};
pub use error::ApiError;
pub use state::AppState;

use axum::Router;
use std::future::Future;
use tokio::net::TcpListener;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::trace::TraceLayer;

/// The application: every route, the body limit and request tracing (method, path, status
/// and latency; never headers, which carry tokens, nor bodies, which carry witnesses' names).
pub fn app(state: AppState, config: &Config) -> Router {
    routes::router()
        .fallback(routes::unknown)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::authenticate,
        ))
        .layer(RequestBodyLimitLayer::new(config.max_body_bytes))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Serves `app` on `listener` until `shutdown` completes, then lets requests in flight finish.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}
