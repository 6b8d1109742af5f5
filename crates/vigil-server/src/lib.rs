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
//! - `state`: the store shared by handlers, used on blocking threads;
//! - `error`: the JSON error body and its stable codes;
//! - `routes`: one module per group of endpoints.
//!
//! Deny by default: a request without a token acts as the public, one with a bad token is
//! refused (401), and a path the router does not know is a JSON 404. Each endpoint of the API
//! will name the roles it serves.
#![forbid(unsafe_code)]

mod auth;
pub mod config;
mod error;
mod routes;
mod state;

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
