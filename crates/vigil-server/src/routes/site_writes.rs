//! `PUT /api/sites/{id}`: adds a site to the register or changes one (coordinators and
//! admins).
//!
//! The body is the site as `GET /api/sites/{id}` shows it to a coordinator (plus an optional
//! `footprint`): `kind`, `name`, `location`, `sensitivity` are required, `status` and
//! `capacity` may be left out. A site's status history and capacity facts only grow: entries
//! sent are added to the stored ones, none is removed. A site sent without `footprint` keeps
//! the stored one (the site's views do not show it, so a client that sends back what it read
//! must not erase it); `"footprint": null` removes it. A stored site needs `If-Match`. A site
//! sent without `area` is placed in the finest stored area containing it, as imports place
//! them.

use super::writes::{placed_area, writer, Put};
use crate::body;
use crate::error::ApiError;
use crate::etag::Preconditions;
use crate::openapi as doc;
use crate::state::AppState;
use crate::views;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::Extension;
use serde_json::Value;
use vigil_domain::{Actor, AreaTree, Principal, Site, SiteId, Writable};

const FIELDS: &[&str] = &[
    "id",
    "kind",
    "name",
    "operator",
    "location",
    "footprint",
    "sensitivity",
    "area",
    "status",
    "capacity",
];

#[utoipa::path(
    put,
    path = "/api/sites/{id}",
    operation_id = "put_site",
    tag = "register",
    summary = "Adds a site to the register or changes one (coordinators, admins)",
    description = "Status entries and capacity facts sent are added to the stored ones; none is \
        removed.",
    params(("id" = String, Path, description = "The site's id."), doc::params::Preconditions),
    request_body(content = doc::bodies::SiteInput, content_type = "application/json"),
    responses(
        (
            status = 201,
            description = "The site was added.",
            body = doc::records::SiteView,
            headers(
                ("ETag" = String, description = "The record's new version."),
                ("Location" = String, description = "The record's path (created only)."),
            ),
        ),
        (
            status = 200,
            description = "The site was changed (or was already so).",
            body = doc::records::SiteView,
            headers(("ETag" = String, description = "The record's new version.")),
        ),
        doc::service::WriteBodyRefusal,
        (
            status = 403,
            description = "`forbidden`: this role may not write sites.",
            body = doc::service::ErrorBody,
        ),
        doc::service::EditRefusals,
        doc::service::JsonBodyRefusals,
        (
            status = 422,
            description = "`invalid`: the site breaks the domain's rules, or names a record that \
                does not exist; `fields` says which and how.",
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
    let actor = writer(&principal, actor, Writable::Site)?;
    let preconditions = Preconditions::from_headers(&headers)?;
    let mut object = body::record_object(&headers, &payload, FIELDS, &id)?;
    for list in ["status", "capacity"] {
        object
            .entry(list)
            .or_insert_with(|| Value::Array(Vec::new()));
    }
    let footprint_sent = object.contains_key("footprint");
    let mut site: Site = body::record(object)?;
    if site.area.is_none() {
        site.area = placed_area(&state, site.location).await?;
    }
    let site_id = SiteId::new(id.clone()).map_err(|e| ApiError::bad_parameter("id", e.problem))?;
    if !footprint_sent {
        // Read before the write: a footprint changed in between changes the site's ETag, so
        // the write's If-Match refuses it rather than put back the older outline.
        let stored_id = site_id.clone();
        if let Some(stored) = state.read(move |store| Ok(store.site(&stored_id)?)).await? {
            site.footprint = stored.footprint;
        }
    }
    Put::new(
        format!("/api/sites/{id}"),
        move |store| store.site(&site_id),
        move |tx| tx.put_site(&site),
        move |_, stored: &Site| {
            // Writers see sites in full, which needs no areas and no notifications (those
            // decide only the public's and liaisons' views).
            views::site(&principal, stored, &[], &AreaTree::new(&[]))
                .ok_or_else(|| ApiError::internal("a writer's view of a site was hidden"))
        },
    )
    .run(&state, actor, preconditions)
    .await
}
