//! `PUT /api/sites/{id}`: adds a site to the register or changes one (coordinators and
//! admins).
//!
//! The body is the site as `GET /api/sites/{id}` shows it to a coordinator (plus an optional
//! `footprint`): `kind`, `name`, `location`, `sensitivity` are required, `status` and
//! `capacity` may be left out. A site's status history and capacity facts only grow: entries
//! sent are added to the stored ones, none is removed. A stored site needs `If-Match`.

use super::writes::{writer, Put};
use crate::body;
use crate::error::ApiError;
use crate::etag::Preconditions;
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
    let mut object = body::object(&headers, &payload)?;
    body::only_fields(&object, FIELDS)?;
    body::take_id(&mut object, &id)?;
    for list in ["status", "capacity"] {
        object
            .entry(list)
            .or_insert_with(|| Value::Array(Vec::new()));
    }
    let site: Site = body::record(object)?;
    let site_id = SiteId::new(id.clone()).map_err(|e| ApiError::bad_parameter("id", e.problem))?;
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
