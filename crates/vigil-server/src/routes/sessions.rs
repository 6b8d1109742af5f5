//! Signing in and out: `POST /api/sessions` trades an account's name and password for a new
//! short-lived API token, `DELETE /api/sessions/current` revokes the token the request
//! presents. What the web interface uses; any client may.
//!
//! A session token is an API token like those `vigil token create` makes (stored by its
//! SHA-256 with the account's role and party, its making and revoking in the audit log under
//! the account), labelled [`LABEL`], whose `expires_at` is [`LIFETIME`] after it was made:
//! the store keeps that, and authentication refuses the token from then on.
//!
//! A wrong name and a wrong password get the same answer, and take the same time: when the
//! account does not exist (or is disabled) the password is still checked, against a hash of
//! nothing anyone knows, so the Argon2 work is done either way. Neither the password nor the
//! token is ever logged.
//!
//! Repeated failures are throttled (`crate::throttle`): past a few for one name, or more from
//! one client address, within 15 minutes, the answer is `429 too_many_requests` with
//! `Retry-After`, before any password is checked.

use crate::auth::Presented;
use crate::body;
use crate::error::ApiError;
use crate::openapi as doc;
use crate::state::AppState;
use crate::throttle::SignInThrottle;
use axum::extract::{ConnectInfo, State};
use axum::http::header::{CACHE_CONTROL, RETRY_AFTER};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use chrono::{Duration, Utc};
use serde::Deserialize;
use serde_json::json;
use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};
use vigil_domain::{Actor, ApiToken};

/// The label every session token carries: how a listing tells it, and how signing out
/// knows the token was made by signing in.
pub(crate) const LABEL: &str = "session (signed in)";

/// How long a session token works: a working day and then some, short enough that a token
/// left in a shared browser soon stops working.
pub(crate) const LIFETIME: Duration = Duration::hours(12);

/// The one answer to a failed sign-in, whatever failed.
const REFUSED: &str = "that user name and password do not match an account";

#[derive(Deserialize)]
struct SignIn {
    user: String,
    password: String,
}

/// Makes the decoy hash on a thread of its own, so the first sign-in with an unknown name
/// does not take longer (hashing it) than one with a known name.
pub(crate) fn warm_up() {
    std::thread::spawn(|| {
        decoy_hash();
    });
}

/// A PHC hash of a random password nobody knows, checked when there is no account to check
/// against, so a wrong name costs the same Argon2 work as a wrong password.
fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| {
        let (random, _) = vigil_auth::new_token();
        vigil_auth::hash_password(&random).expect("a 49-character password hashes")
    })
}

#[utoipa::path(
    post,
    path = "/api/sessions",
    operation_id = "sign_in",
    tag = "service",
    summary = "Sign in: an account's name and password for a new session token",
    description = "Answers a new API token with the account's role (and a liaison's party), \
        shown once, that works for 12 hours or until `DELETE /api/sessions/current`. A wrong \
        name and a wrong password (or a disabled account) get the same `401`.",
    security(()),
    request_body(content = doc::service::SignIn, content_type = "application/json"),
    responses(
        (status = 201, description = "Signed in.", body = doc::service::Session),
        (status = 400, description = "`bad_body`: not a JSON object with `user` and `password`.", body = doc::service::ErrorBody),
        (status = 401, description = "`unauthorized`: no account has that name and password.", body = doc::service::ErrorBody),
        (status = 415, description = "`unsupported_media_type`: not JSON.", body = doc::service::ErrorBody),
        (
            status = 429,
            description = "`too_many_requests`: too many failed sign-ins for this name (5) or \
                from this address (20) in 15 minutes; the password was not checked.",
            body = doc::service::ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds until sign-ins are counted afresh.")),
        ),
    ),
)]
pub(crate) async fn sign_in(
    State(state): State<AppState>,
    Extension(throttle): Extension<Arc<SignInThrottle>>,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    bytes: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let fields = body::object(&headers, &bytes)?;
    body::only_fields(&fields, &["user", "password"])?;
    let SignIn { user, password } = body::record(fields)?;
    let client = peer.map(|Extension(ConnectInfo(address))| address.ip());
    if let Some(wait) = throttle.wait(&user, client) {
        // Neither the name nor the password is logged; the address is the client's own.
        tracing::warn!(client = ?client, "a sign-in was throttled");
        return Ok(throttled(wait));
    }
    let name = user.clone();
    let account = state
        .read(move |store| Ok(store.account(&name)?))
        .await?
        .filter(|a| a.is_active());
    let hash = account
        .as_ref()
        .map_or_else(|| decoy_hash().to_owned(), |a| a.password_hash.clone());
    let matches =
        tokio::task::spawn_blocking(move || vigil_auth::verify_password(&password, &hash))
            .await
            .map_err(ApiError::internal)?
            .map_err(ApiError::internal)?;
    let Some(account) = account.filter(|_| matches) else {
        throttle.failed(&user, client);
        tracing::info!("a sign-in was refused");
        return Err(ApiError::unauthorized(REFUSED));
    };

    throttle.succeeded(&user);
    let (secret, digest) = vigil_auth::new_token();
    // To the second, as the store keeps times.
    let created_at = chrono::SubsecRound::trunc_subsecs(Utc::now(), 0);
    let token = ApiToken {
        id: vigil_auth::new_token_id(),
        label: Some(LABEL.to_owned()),
        role: account.role,
        party: account.party.clone(),
        account: Some(account.name.clone()),
        token_sha256: digest,
        created_at,
        revoked_at: None,
        expires_at: Some(created_at + LIFETIME),
    };
    let principal = token
        .principal()
        .ok_or_else(|| ApiError::internal("an account's token has no principal"))?;
    let actor = Actor::for_request(&principal, &token.id);
    let stored = token.clone();
    state
        .write(move |store| {
            let mut tx = store.transaction_as(&actor)?;
            tx.put_token(&stored)?;
            tx.commit()?;
            Ok(())
        })
        .await?;
    tracing::info!(token = %token.id, role = %token.role, "signed in");
    let mut response = (
        StatusCode::CREATED,
        Json(json!({
            "token": secret,
            "id": token.id,
            "role": token.role.as_str(),
            "party": token.party.as_ref().map(|p| p.as_str()),
            "account": account.name,
            "expires_at": token.expires_at,
        })),
    )
        .into_response();
    // The answer holds a secret: no cache keeps it.
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// The answer while sign-ins are throttled: `429` with the seconds to wait.
fn throttled(wait: std::time::Duration) -> Response {
    let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    let mut response = ApiError::too_many_requests(format!(
        "too many failed sign-ins; try again in {} minutes",
        seconds.div_ceil(60)
    ))
    .into_response();
    response
        .headers_mut()
        .insert(RETRY_AFTER, HeaderValue::from(seconds));
    response
}

#[utoipa::path(
    delete,
    path = "/api/sessions/current",
    operation_id = "sign_out",
    tag = "service",
    summary = "Sign out: revoke the session token this request presents",
    responses(
        (status = 204, description = "The token is revoked; it no longer works."),
        (status = 404, description = "`not_found`: the request presents no session token (none at all, or an API token not made by signing in, which this does not revoke).", body = doc::service::ErrorBody),
    ),
)]
pub(crate) async fn sign_out(
    State(state): State<AppState>,
    presented: Option<Extension<Presented>>,
    actor: Option<Extension<Actor>>,
) -> Result<StatusCode, ApiError> {
    let (Some(Extension(Presented(token))), Some(Extension(actor))) = (presented, actor) else {
        return Err(ApiError::not_found(
            "no session: this request presents no token",
        ));
    };
    if token.label.as_deref() != Some(LABEL) {
        return Err(ApiError::not_found(
            "no session: this request's token was not made by signing in (revoke API tokens \
             with `vigil token revoke`)",
        ));
    }
    let id = token.id.clone();
    state
        .write(move |store| {
            let mut tx = store.transaction_as(&actor)?;
            tx.revoke_token(&id, Utc::now())?;
            tx.commit()?;
            Ok(())
        })
        .await?;
    tracing::info!(token = %token.id, "signed out");
    Ok(StatusCode::NO_CONTENT)
}
