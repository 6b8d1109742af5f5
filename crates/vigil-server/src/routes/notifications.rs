//! Notifications and acknowledgements.
//!
//! - `GET /api/notifications` (`subject=site:ID` or `movement:ID`, `limit`, `after`) and
//!   `GET /api/notifications/{id}`: each notification with its versions and acknowledgements,
//!   as [`vigil_domain::policy::notification_access`] allows (a liaison: only what went to
//!   its party; the public: `403`).
//! - `PUT /api/notifications/{id}` (coordinators, admins): sends a notification, or a new
//!   version of one when the content differs from the latest (`version` is the store's to
//!   give). A stored notification needs `If-Match` with the ETag of its latest version.
//! - `POST /api/notifications/{id}/acknowledgements`: records a party's receipt of a version
//!   (the latest by default). A liaison acknowledges for its own party only, and only what
//!   was addressed to it (a version sent to other parties alone is, to it, no version: a
//!   `422` as for one never sent, and "the latest" is the latest it was sent); coordinators and admins record any addressed party's receipt given
//!   by another channel. Acknowledging again with the same facts changes nothing; with other
//!   facts it is a `409 conflict`: a receipt, once recorded, is not rewritten.

use super::params;
use super::writes::{with_etag, writer, written, Put};
use crate::body;
use crate::error::ApiError;
use crate::etag::{self, Preconditions};
use crate::openapi as doc;
use crate::state::AppState;
use crate::views;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::{Extension, Json};
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;
use vigil_domain::policy;
use vigil_domain::{
    Acknowledgement, Actor, MovementId, Notification, NotificationId, PartyId, Principal, Role,
    SiteId, SourceId, Subject, Timestamp, Writable,
};
use vigil_store::{Store, WriteOutcome};

const NOTIFICATION_FIELDS: &[&str] = &[
    "id",
    "version",
    "subject",
    "parties",
    "sent_at",
    "valid",
    "withdrawn_at",
    "channel",
    "payload_sha256",
    "source",
];

fn refuse_public(principal: &Principal) -> Result<(), ApiError> {
    if policy::may_list_notifications(principal) {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            "notifications are not published: sign in with a token",
        ))
    }
}

fn parse_subject(text: &str) -> Result<Subject, ApiError> {
    let bad = |problem: String| ApiError::bad_parameter("subject", problem);
    match text.split_once(':') {
        Some(("site", id)) => Ok(Subject::Site(SiteId::new(id).map_err(|e| bad(e.problem))?)),
        Some(("movement", id)) => Ok(Subject::Movement(
            MovementId::new(id).map_err(|e| bad(e.problem))?,
        )),
        _ => Err(bad(format!("'{text}' is not `site:ID` or `movement:ID`"))),
    }
}

/// Every version of each notification, grouped by notification id (in id order).
fn grouped(versions: Vec<Notification>) -> BTreeMap<NotificationId, Vec<Notification>> {
    let mut by_id: BTreeMap<NotificationId, Vec<Notification>> = BTreeMap::new();
    for n in versions {
        by_id.entry(n.id.clone()).or_default().push(n);
    }
    by_id
}

#[utoipa::path(
    get,
    path = "/api/notifications",
    operation_id = "list_notifications",
    tag = "notifications",
    summary = "Notifications with their versions and acknowledgements",
    description = "A liaison sees only what went to its party; the public is refused.",
    params(doc::params::Paging, doc::params::NotificationFilters),
    responses(
        (
            status = 200,
            description = "A page of notifications.",
            body = doc::service::NotificationList,
        ),
        (
            status = 400,
            description = "`bad_parameter`: a parameter the endpoint does not know, given twice, \
                or malformed.",
            body = doc::service::ErrorBody,
        ),
        (
            status = 403,
            description = "`forbidden`: the public may not read notifications.",
            body = doc::service::ErrorBody,
        ),
    ),
)]
pub(crate) async fn list(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    params::QueryPairs(pairs): params::QueryPairs,
) -> Result<Json<Value>, ApiError> {
    refuse_public(&principal)?;
    let params = params::collect(pairs, &["limit", "after", "subject"])?;
    let limit = params::limit(&params)?;
    let subject = params
        .get("subject")
        .map(|s| parse_subject(s))
        .transpose()?;
    let after = params.get("after").cloned();
    let page = state
        .read(move |store| {
            let versions = match &subject {
                Some(subject) => store.notifications_of(subject)?,
                None => store.notifications()?,
            };
            let mut acks: BTreeMap<NotificationId, Vec<Acknowledgement>> = BTreeMap::new();
            for ack in store.all_acknowledgements()? {
                acks.entry(ack.notification.clone()).or_default().push(ack);
            }
            let mut page = params::Page::new(limit);
            for (id, versions) in grouped(versions) {
                if after.as_deref().is_some_and(|a| id.as_str() <= a) {
                    continue;
                }
                let acks = acks.get(&id).map_or(&[][..], Vec::as_slice);
                if let Some(view) = views::notification(&principal, &versions, acks) {
                    page.push(id.to_string(), view);
                }
                if page.is_done() {
                    break;
                }
            }
            Ok(page)
        })
        .await?;
    Ok(Json(page.into_json("/api/notifications", &params)))
}

/// The stored versions of notification `id`, oldest first (none: not stored).
fn versions_of(
    store: &dyn Store,
    id: &NotificationId,
) -> vigil_store::StoreResult<Vec<Notification>> {
    // Notifications number in the thousands at most; the store keeps no read by id.
    Ok(store
        .notifications()?
        .into_iter()
        .filter(|n| &n.id == id)
        .collect())
}

#[utoipa::path(
    get,
    path = "/api/notifications/{id}",
    operation_id = "get_notification",
    tag = "notifications",
    summary = "One notification with its versions and acknowledgements",
    params(("id" = String, Path, description = "The notification's id.")),
    responses(
        (
            status = 200,
            description = "The notification.",
            body = doc::notices::NotificationView,
            headers(
                (
                    "ETag" = String,
                    description = "The latest version's ETag, for `If-Match` when sending a new \
                        version; coordinators and admins only."
                ),
            ),
        ),
        (
            status = 403,
            description = "`forbidden`: the public may not read notifications.",
            body = doc::service::ErrorBody,
        ),
        (
            status = 404,
            description = "`not_found`: no notification has this id, or the caller may not see it \
                (the same answer).",
            body = doc::service::ErrorBody,
        ),
    ),
)]
pub(crate) async fn item(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    refuse_public(&principal)?;
    let not_found = || ApiError::not_found(format!("no notification has id '{id}'"));
    let Ok(notification_id) = NotificationId::new(id.clone()) else {
        return Err(not_found());
    };
    let shown = state
        .read(move |store| {
            let versions = versions_of(store, &notification_id)?;
            let acks = store.acknowledgements(&notification_id)?;
            let view = views::notification(&principal, &versions, &acks);
            // The ETag is for those who may send a new version.
            let etag = (principal.role().may_write(Writable::Notification))
                .then(|| versions.last().map(etag::of))
                .flatten();
            Ok(view.map(|v| (v, etag)))
        })
        .await?;
    let (view, etag) = shown.ok_or_else(not_found)?;
    Ok(with_etag(view, etag))
}

#[utoipa::path(
    put,
    path = "/api/notifications/{id}",
    operation_id = "put_notification",
    tag = "notifications",
    summary = "Sends a notification, or a new version of one (coordinators, admins)",
    description = "A content different from the latest version's becomes a new version; `version` \
        is the server's to give.",
    params(
        ("id" = String, Path, description = "The notification's id."),
        doc::params::Preconditions,
    ),
    request_body(content = doc::notices::NotificationInput, content_type = "application/json"),
    responses(
        (
            status = 201,
            description = "The notification was sent.",
            body = doc::notices::NotificationView,
            headers(
                ("ETag" = String, description = "The record's new version."),
                ("Location" = String, description = "The record's path (created only)."),
            ),
        ),
        (
            status = 200,
            description = "A new version was sent (or the content was the latest's).",
            body = doc::notices::NotificationView,
            headers(("ETag" = String, description = "The latest version's ETag.")),
        ),
        doc::service::WriteBodyRefusal,
        (
            status = 403,
            description = "`forbidden`: this role may not write notifications.",
            body = doc::service::ErrorBody,
        ),
        doc::service::EditRefusals,
        doc::service::JsonBodyRefusals,
        (
            status = 422,
            description = "`invalid`: the notification breaks the domain's rules, or names a \
                record that does not exist; `fields` says which and how.",
            body = doc::service::ErrorBody,
        ),
    ),
)]
pub(crate) async fn put(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    actor: Option<Extension<Actor>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    payload: Bytes,
) -> Result<Response, ApiError> {
    let actor = writer(&principal, actor, Writable::Notification)?;
    let preconditions = Preconditions::from_headers(&headers)?;
    let mut object = body::record_object(&headers, &payload, NOTIFICATION_FIELDS, &id)?;
    // The store numbers versions; whatever the body says is replaced.
    object.insert("version".into(), Value::from(1));
    let notification: Notification = body::record(object)?;
    let notification_id =
        NotificationId::new(id.clone()).map_err(|e| ApiError::bad_parameter("id", e.problem))?;
    let load_id = notification_id.clone();
    Put::new(
        format!("/api/notifications/{id}"),
        move |store| Ok(versions_of(store, &load_id)?.pop()),
        move |tx| {
            tx.put_notification(&notification)
                .map(|(outcome, _)| outcome)
        },
        move |store, _latest: &Notification| {
            let versions = versions_of(store, &notification_id)?;
            let acks = store.acknowledgements(&notification_id)?;
            views::notification(&principal, &versions, &acks)
                .ok_or_else(|| ApiError::internal("a writer's view of a notification was hidden"))
        },
    )
    .run(&state, actor, preconditions)
    .await
}

/// The body of an acknowledgement: everything may be left out.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AckBody {
    /// Whose receipt; a liaison's own party when left out.
    party: Option<PartyId>,
    /// Which version; the latest when left out.
    version: Option<u32>,
    /// When it was received; now when left out.
    received_at: Option<Timestamp>,
    /// The desk or office that acknowledged.
    by: Option<String>,
    channel: Option<String>,
    source: Option<SourceId>,
}

#[utoipa::path(
    post,
    path = "/api/notifications/{id}/acknowledgements",
    operation_id = "acknowledge_notification",
    tag = "notifications",
    summary = "Records a party's receipt of a version (receipt, never approval)",
    description = "A liaison acknowledges for its own party only, what was addressed to it; \
        coordinators and admins record any addressed party's receipt. The same facts again change \
        nothing; other facts are a 409.",
    params(("id" = String, Path, description = "The notification's id.")),
    request_body(content = doc::notices::AcknowledgementInput, content_type = "application/json"),
    responses(
        (
            status = 201,
            description = "The receipt was recorded.",
            body = doc::notices::NotificationView,
            headers(
                ("ETag" = String, description = "The record's new version."),
                ("Location" = String, description = "The record's path (created only)."),
            ),
        ),
        (
            status = 200,
            description = "The receipt was already recorded with these facts.",
            body = doc::notices::NotificationView,
            headers(("ETag" = String, description = "A digest of the view returned.")),
        ),
        doc::service::WriteBodyRefusal,
        (
            status = 403,
            description = "`forbidden`: this role may not acknowledge, a liaison named another \
                party, or (for coordinators and admins) the version was not addressed to that \
                party.",
            body = doc::service::ErrorBody,
        ),
        (
            status = 409,
            description = "`conflict`: that party's receipt of that version is recorded with \
                other facts.",
            body = doc::service::ErrorBody,
        ),
        doc::service::JsonBodyRefusals,
        (
            status = 422,
            description = "`invalid`: the version named does not exist (for a liaison: is not \
                among the versions sent to its party), or the acknowledgement breaks the domain's \
                rules, or names a record that does not exist; `fields` says which and how.",
            body = doc::service::ErrorBody,
        ),
        (
            status = 404,
            description = "`not_found`: no notification has this id, or it was not addressed to \
                the liaison's party.",
            body = doc::service::ErrorBody,
        ),
    ),
)]
pub(crate) async fn acknowledge(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    actor: Option<Extension<Actor>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    payload: Bytes,
) -> Result<Response, ApiError> {
    let actor = writer(&principal, actor, Writable::Acknowledgement)?;
    let object = body::object(&headers, &payload)?;
    let given: AckBody = body::record(object)?;
    let party = match (given.party, principal.role(), principal.party()) {
        (Some(party), _, _) => party,
        (None, Role::Liaison, Some(own)) => own.clone(),
        (None, _, _) => {
            return Err(ApiError::bad_body(
                "name the `party` whose receipt this records",
            ))
        }
    };
    let not_found = || ApiError::not_found(format!("no notification has id '{id}'"));
    let Ok(notification_id) = NotificationId::new(id.clone()) else {
        return Err(not_found());
    };
    let path = format!("/api/notifications/{id}");
    let result = state
        .write(move |store| {
            let versions = versions_of(store, &notification_id)?;
            // A liaison learns nothing of a notification not addressed to its party, not even
            // that it exists.
            if views::notification(&principal, &versions, &[]).is_none() {
                return Ok(None);
            }
            // Among the versions the caller sees: a liaison learns of no other.
            let shown = views::notification_versions(&principal, &versions);
            let version = match given.version {
                Some(v) => shown.iter().find(|n| n.version == v),
                None => shown.last(),
            }
            .ok_or_else(|| {
                ApiError::invalid(
                    format!("notification {notification_id} has no such version"),
                    vec![vigil_domain::ValidationError::new(
                        "version",
                        format!("{:?} is not a version of it", given.version),
                    )],
                )
            })?;
            if !Role::may_acknowledge_for(&principal, &party, &version.parties) {
                return Err(ApiError::forbidden(format!(
                    "version {} of {notification_id} was not addressed to {party}, or this role may not record its receipt",
                    version.version
                )));
            }
            let ack = Acknowledgement {
                notification: notification_id.clone(),
                version: version.version,
                party: party.clone(),
                received_at: given.received_at.unwrap_or_else(chrono::Utc::now),
                by: given.by.clone(),
                channel: given.channel.clone(),
                source: given.source.clone(),
            };
            let latest_etag = versions.last().map(etag::of).unwrap_or_default();
            let stored = store.acknowledgements(&notification_id)?;
            if let Some(earlier) = stored
                .iter()
                .find(|a| a.version == ack.version && a.party == ack.party)
            {
                // Asked again without new facts (a retried request): the receipt stands.
                let same_facts = given.received_at.is_none_or(|t| t == earlier.received_at)
                    && (ack.by.is_none() || ack.by == earlier.by)
                    && (ack.channel.is_none() || ack.channel == earlier.channel)
                    && (ack.source.is_none() || ack.source == earlier.source);
                if !same_facts {
                    return Err(ApiError::conflict(format!(
                        "{party} already acknowledged version {} at {}; a recorded receipt is not rewritten",
                        ack.version, earlier.received_at
                    )));
                }
                let view = views::notification(&principal, &versions, &stored);
                return Ok(view.map(|v| (false, v, latest_etag)));
            }
            let mut tx = store.transaction_as(&actor)?;
            let outcome = tx.put_acknowledgement(&ack)?;
            tx.commit()?;
            let acks = store.acknowledgements(&notification_id)?;
            let view = views::notification(&principal, &versions, &acks);
            Ok(view.map(|v| (outcome == WriteOutcome::Inserted, v, latest_etag)))
        })
        .await?;
    // The notification's own ETag, as `GET` gives it: an acknowledgement does not change it.
    let (created, view, etag) = result.ok_or_else(not_found)?;
    Ok(written(created, &path, &etag, view))
}
