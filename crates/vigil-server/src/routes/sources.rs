//! Sources: for monitors and admins only ([`vigil_domain::policy::may_read_sources`]).
//!
//! - `GET /api/sources` (`limit`, `after`) and `GET /api/sources/{id}`: every field, the
//!   identities of protected sources (witnesses) included. Any other role gets a 403
//!   `forbidden`: a source record is nothing but an identity, so there is no view of it to
//!   give them.
//! - `PUT /api/sources/{id}` (monitors, admins): the body is the source as its `GET` shows
//!   it: `kind`, `title` and `protected` required (a witness is always protected),
//!   `publisher`, `url`, `published_on` may be left out. A stored source needs `If-Match`.

use super::params;
use super::writes::{with_etag, writer, Put};
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
use serde_json::Value;
use vigil_domain::{policy, Actor, Principal, Source, SourceId, Writable};
use vigil_store::Existing;

const FIELDS: &[&str] = &[
    "id",
    "kind",
    "title",
    "publisher",
    "url",
    "published_on",
    "protected",
];

/// Refuses roles that may not read sources, before anything is read.
pub(crate) fn refuse_unless_allowed(principal: &Principal, what: &str) -> Result<(), ApiError> {
    if policy::may_read_sources(principal) {
        Ok(())
    } else {
        Err(ApiError::forbidden(format!(
            "{what} are for monitors and admins, who may see source identities, not for the {} role",
            principal.role()
        )))
    }
}

#[utoipa::path(
    get,
    path = "/api/sources",
    operation_id = "list_sources",
    tag = "sources",
    summary = "Sources, every field (monitors, admins)",
    description = "The identities of protected sources (witnesses) included. Any other role is \
        refused: a source record is nothing but an identity, so there is no view of it to give.",
    params(doc::params::Paging),
    responses(
        (status = 200, description = "A page of sources.", body = doc::service::SourceList),
        (
            status = 400,
            description = "`bad_parameter`: a parameter the endpoint does not know, given twice, \
                or malformed.",
            body = doc::service::ErrorBody,
        ),
        (
            status = 403,
            description = "`forbidden`: sources are for monitors and admins, who may see source \
                identities.",
            body = doc::service::ErrorBody,
        ),
    ),
)]
pub(crate) async fn list(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    params::QueryPairs(pairs): params::QueryPairs,
) -> Result<Json<Value>, ApiError> {
    refuse_unless_allowed(&principal, "sources")?;
    let params = params::collect(pairs, &["limit", "after"])?;
    let limit = params::limit(&params)?;
    let after = params.get("after").cloned();
    let page = state
        .read(move |store| {
            let mut sources = store.sources()?;
            sources.sort_by(|a, b| a.id.cmp(&b.id));
            let mut page = params::Page::new(limit);
            for source in sources {
                if after.as_deref().is_some_and(|a| source.id.as_str() <= a) {
                    continue;
                }
                if let Some(view) = views::source(&principal, &source) {
                    if page.take(source.id.to_string(), view).is_break() {
                        break;
                    }
                }
            }
            Ok(page)
        })
        .await?;
    Ok(Json(page.into_json("/api/sources", &params)))
}

#[utoipa::path(
    get,
    path = "/api/sources/{id}",
    operation_id = "get_source",
    tag = "sources",
    summary = "One source, every field (monitors, admins)",
    params(("id" = String, Path, description = "The source's id.")),
    responses(
        (
            status = 200,
            description = "The source.",
            body = doc::records::Source,
            headers(
                (
                    "ETag" = String,
                    description = "The record's version, for `If-Match` on a write; monitors and admins."
                ),
            ),
        ),
        (
            status = 403,
            description = "`forbidden`: sources are for monitors and admins, who may see source \
                identities.",
            body = doc::service::ErrorBody,
        ),
        (
            status = 404,
            description = "`not_found`: no source has this id.",
            body = doc::service::ErrorBody,
        ),
    ),
)]
pub(crate) async fn item(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    refuse_unless_allowed(&principal, "sources")?;
    let not_found = || ApiError::not_found(format!("no source has id '{id}'"));
    let Ok(source_id) = SourceId::new(id.clone()) else {
        return Err(not_found());
    };
    let shown = state
        .read(move |store| {
            let Some(source) = store.source(&source_id)? else {
                return Ok(None);
            };
            let etag = principal
                .role()
                .may_write(Writable::Source)
                .then(|| etag::of(&source));
            Ok(views::source(&principal, &source).map(|v| (v, etag)))
        })
        .await?;
    let (view, etag) = shown.ok_or_else(not_found)?;
    Ok(with_etag(view, etag))
}

#[utoipa::path(
    put,
    path = "/api/sources/{id}",
    operation_id = "put_source",
    tag = "sources",
    summary = "Adds or changes a source (monitors, admins)",
    description = "The body is the source as its `GET` shows it; a witness is always protected.",
    params(("id" = String, Path, description = "The source's id."), doc::params::Preconditions),
    request_body(content = doc::bodies::SourceInput, content_type = "application/json"),
    responses(
        (
            status = 201,
            description = "The source was added.",
            body = doc::records::Source,
            headers(
                ("ETag" = String, description = "The record's new version."),
                ("Location" = String, description = "The record's path (created only)."),
            ),
        ),
        (
            status = 200,
            description = "The source was changed (or was already so).",
            body = doc::records::Source,
            headers(("ETag" = String, description = "The record's new version.")),
        ),
        doc::service::WriteBodyRefusal,
        (
            status = 403,
            description = "`forbidden`: this role may not write sources.",
            body = doc::service::ErrorBody,
        ),
        doc::service::EditRefusals,
        doc::service::JsonBodyRefusals,
        (
            status = 422,
            description = "`invalid`: the source breaks the domain's rules, or names a record \
                that does not exist; `fields` says which and how.",
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
    let actor = writer(&principal, actor, Writable::Source)?;
    let preconditions = Preconditions::from_headers(&headers)?;
    let object = body::record_object(&headers, &payload, FIELDS, &id)?;
    let source: Source = body::record(object)?;
    let source_id = source.id.clone();
    Put::new(
        format!("/api/sources/{id}"),
        move |store| store.source(&source_id),
        move |tx| tx.put_source(&source, Existing::Replace),
        move |_, stored: &Source| {
            views::source(&principal, stored)
                .ok_or_else(|| ApiError::internal("a writer's view of a source was hidden"))
        },
    )
    .run(&state, actor, preconditions)
    .await
}
