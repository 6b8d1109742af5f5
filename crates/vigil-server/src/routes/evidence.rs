//! `GET /api/evidence/{sha256}` and `GET /api/evidence/{sha256}/content`: an evidence item's
//! description with its custody log, and the original file itself.
//!
//! Descriptions are for staff roles (`policy::may_read_evidence`), who captured the file and
//! where it was acquired from only for those who may see source identities. Originals are for
//! monitors and admins (`policy::may_read_evidence_originals`), and every read of one is an
//! `access` event in the item's custody log, recorded (and so in the audit and transparency
//! logs) before the first byte is sent. The file is streamed as stored, with its SHA-256 in
//! `Repr-Digest` (RFC 9530) so the receiver can check it has the original.

use crate::error::ApiError;
use crate::openapi as doc;
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::HeaderName;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use base64::Engine;
use serde::Serialize;
use vigil_domain::{policy, Actor, CustodyEvent, CustodyKind, EvidenceItem, Principal, Sha256};

/// The answer to an id that is not a stored item (a malformed hash included).
fn no_such_item(text: &str) -> ApiError {
    ApiError::not_found(format!("no evidence item has SHA-256 '{text}'"))
}

fn refused(principal: &Principal, what: &str) -> ApiError {
    ApiError::forbidden(format!("{what}, not for the {} role", principal.role()))
}

/// One custody event as the API shows it.
#[derive(Serialize)]
pub(crate) struct Custody {
    at: chrono::DateTime<chrono::Utc>,
    kind: CustodyKind,
    actor: String,
    note: Option<String>,
}

/// An item as the API shows it.
#[derive(Serialize)]
pub(crate) struct Item {
    sha256: Sha256,
    size: u64,
    media_type: String,
    captured_at: Option<chrono::DateTime<chrono::Utc>>,
    captured_by: Option<String>,
    acquired_from: Option<String>,
    redacted_from: Option<Sha256>,
    added_at: chrono::DateTime<chrono::Utc>,
    incidents: Vec<String>,
    custody: Vec<Custody>,
}

fn view(principal: &Principal, item: &EvidenceItem, custody: Vec<CustodyEvent>) -> Item {
    let seen = item.as_seen_by(principal);
    let identities = policy::may_see_source_identities(principal);
    Item {
        sha256: seen.sha256,
        size: seen.size,
        media_type: seen.media_type,
        captured_at: seen.captured_at,
        captured_by: seen.captured_by,
        acquired_from: seen
            .acquired_from
            .filter(|_| identities)
            .map(|s| s.to_string()),
        redacted_from: seen.redacted_from,
        added_at: seen.added_at,
        incidents: seen.incidents.iter().map(ToString::to_string).collect(),
        custody: custody
            .into_iter()
            .map(|e| Custody {
                at: e.at,
                kind: e.kind,
                actor: e.actor,
                note: e.note,
            })
            .collect(),
    }
}

#[utoipa::path(
    get,
    path = "/api/evidence/{sha256}",
    operation_id = "evidenceItem",
    tag = "evidence",
    summary = "An evidence item and its custody log",
    description = "Staff roles; who captured it and where it came from for monitors and admins \
        only.",
    params(("sha256" = String, Path, description = "The item's SHA-256, 64 hex digits.")),
    responses(
        (status = 200, description = "The item.", body = doc::evidence::EvidenceItem),
        (
            status = 403,
            description = "`forbidden`: evidence is for coordinators, monitors, analysts and \
                admins.",
            body = doc::service::ErrorBody,
        ),
        (status = 404, description = "`not_found`: no such item.", body = doc::service::ErrorBody),
    ),
)]
pub(crate) async fn item(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Path(text): Path<String>,
) -> Result<Json<Item>, ApiError> {
    if !policy::may_read_evidence(&principal) {
        return Err(refused(
            &principal,
            "evidence is for coordinators, monitors, analysts and admins",
        ));
    }
    let sha256: Sha256 = text.parse().map_err(|_| no_such_item(&text))?;
    let shown = state
        .read(move |store| {
            let item = store
                .evidence(&sha256)?
                .ok_or_else(|| no_such_item(&text))?;
            let custody = store.custody_of(&sha256)?;
            Ok(view(&principal, &item, custody))
        })
        .await?;
    Ok(Json(shown))
}

#[utoipa::path(
    get,
    path = "/api/evidence/{sha256}/content",
    operation_id = "evidenceContent",
    tag = "evidence",
    summary = "An evidence original, byte for byte",
    description = "Monitors and admins only. Each read is recorded in the item's custody log \
        as an `access` before the file is sent. `Repr-Digest` carries its SHA-256.",
    params(("sha256" = String, Path, description = "The item's SHA-256, 64 hex digits.")),
    responses(
        (
            status = 200,
            description = "The original, as its sniffed media type.",
            content_type = "application/octet-stream",
            body = Vec<u8>,
            headers(
                ("Repr-Digest" = String, description = "`sha-256=:BASE64:` of the content."),
                ("Content-Disposition" = String, description = "`attachment`, named by the hash."),
            ),
        ),
        (
            status = 403,
            description = "`forbidden`: originals are for monitors and admins.",
            body = doc::service::ErrorBody,
        ),
        (
            status = 404,
            description = "`not_found`: no such item, or its file is missing from the evidence \
                folder.",
            body = doc::service::ErrorBody,
        ),
    ),
)]
pub(crate) async fn content(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    actor: Option<Extension<Actor>>,
    Path(text): Path<String>,
) -> Result<Response, ApiError> {
    if !policy::may_read_evidence_originals(&principal) {
        return Err(refused(
            &principal,
            "evidence originals are for monitors and admins, who may see source identities",
        ));
    }
    let sha256: Sha256 = text.parse().map_err(|_| no_such_item(&text))?;
    let Some(Extension(actor)) = actor else {
        // Only signed-in roles get here; a principal without an actor is a bug, refused.
        return Err(ApiError::internal("a signed-in request without an actor"));
    };
    let path = state.evidence()?.path_of(&sha256);
    let file = match tokio::fs::File::open(&path).await {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(ApiError::not_found(format!(
                "evidence item {sha256} has no file in the evidence folder"
            )))
        }
        Err(e) => return Err(ApiError::internal(format!("evidence {sha256}: {e}"))),
    };
    // The access is recorded before anything is sent: a read that fails midway was still a
    // read of the original.
    let item = state
        .write(move |store| {
            let item = store
                .evidence(&sha256)?
                .ok_or_else(|| no_such_item(&text))?;
            let mut tx = store.transaction_as(&actor)?;
            tx.record_custody(&CustodyEvent {
                item: sha256,
                kind: CustodyKind::Access,
                actor: actor.name().to_owned(),
                // Seconds are what the store keeps: the event reads back equal.
                at: chrono::SubsecRound::trunc_subsecs(chrono::Utc::now(), 0),
                note: Some("original read through the API".to_owned()),
            })?;
            tx.commit()?;
            Ok(item)
        })
        .await?;
    let digest = base64::engine::general_purpose::STANDARD.encode(sha256.as_bytes());
    let headers = [
        (CONTENT_TYPE, item.media_type.clone()),
        (CONTENT_LENGTH, item.size.to_string()),
        (
            CONTENT_DISPOSITION,
            format!("attachment; filename=\"{sha256}\""),
        ),
        (
            HeaderName::from_static("repr-digest"),
            format!("sha-256=:{digest}:"),
        ),
        (
            HeaderName::from_static("x-content-type-options"),
            "nosniff".to_owned(),
        ),
    ];
    let body = Body::from_stream(tokio_util::io::ReaderStream::new(file));
    Ok((headers, body).into_response())
}
