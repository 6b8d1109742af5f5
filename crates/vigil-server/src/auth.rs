//! Who a request acts as, and for a signed-in request the [`Actor`] its writes are audited
//! under. `Authorization: Bearer vigil_…` is looked up by its SHA-256 (one
//! indexed read); no header means the public. A header that is malformed, or names an unknown
//! or revoked token, is refused with 401 rather than served as the public: a client that sent
//! credentials meant to use them, and should learn they no longer work.
//!
//! A token past its `expires_at` (a session made by signing in, `routes::sessions`) is
//! refused like a revoked one, with a message saying to sign in again.
//!
//! The token is never logged: only its lookup's outcome is, with the token's public id.

use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::header::AUTHORIZATION;
use axum::middleware::Next;
use axum::response::Response;
use vigil_domain::access::Principal;
use vigil_domain::{Actor, ApiToken};

/// Puts the request's [`Principal`] in its extensions, or refuses it.
pub(crate) async fn authenticate(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Result<Response, ApiError> {
    let principal = match request.headers().get(AUTHORIZATION) {
        None => Principal::public(),
        Some(value) => {
            let presented = value
                .to_str()
                .ok()
                .and_then(|v| v.strip_prefix("Bearer "))
                .map(str::trim)
                .ok_or_else(|| {
                    ApiError::unauthorized("the Authorization header must be `Bearer <token>`")
                })?;
            let digest = vigil_auth::token_sha256(presented)
                .ok_or_else(|| ApiError::unauthorized("that is not a Vigil API token"))?;
            let token = state
                .read(move |store| Ok(store.token_by_sha256(&digest)?))
                .await?;
            let now = chrono::Utc::now();
            if let Some(token) = token.as_ref().filter(|t| t.has_expired(now)) {
                tracing::info!(token = %token.id, "an expired session token was presented");
                return Err(ApiError::unauthorized(
                    "the session has expired: sign in again",
                ));
            }
            match token.as_ref().and_then(|t| t.principal().map(|p| (t, p))) {
                Some((token, principal)) => {
                    tracing::debug!(token = %token.id, role = %principal.role(), "authenticated");
                    // Only a signed-in request can write, and its writes name it.
                    request
                        .extensions_mut()
                        .insert(Actor::for_request(&principal, &token.id));
                    // Signing out revokes the very token the request presents.
                    request.extensions_mut().insert(Presented(token.clone()));
                    principal
                }
                None => {
                    if let Some(token) = &token {
                        tracing::info!(token = %token.id, "a revoked token was presented");
                    }
                    return Err(ApiError::unauthorized(
                        "the token is unknown or has been revoked",
                    ));
                }
            }
        }
    };
    request.extensions_mut().insert(principal);
    Ok(next.run(request).await)
}

/// The token a signed-in request presented, as stored.
#[derive(Clone)]
pub(crate) struct Presented(pub ApiToken);
