//! `GET /api/parties` (`limit`, `after`): the parties of the conflict the register names, for
//! staff roles ([`vigil_domain::policy::may_read_parties`]): coordinators choose the addressees
//! of a notification from it. Liaisons and the public get a 403 `forbidden`, as for the other
//! lists that are not published (sources, findings): an empty list would claim the register
//! deals with no party.

use super::params;
use crate::error::ApiError;
use crate::openapi as doc;
use crate::state::AppState;
use axum::extract::State;
use axum::{Extension, Json};
use serde_json::{json, Value};
use vigil_domain::{policy, Principal};
use vigil_store::Store;

#[utoipa::path(
    get,
    path = "/api/parties",
    operation_id = "list_parties",
    tag = "notifications",
    summary = "The parties of the conflict (staff roles)",
    description = "Each party's id (as notifications, acknowledgements, attributions and \
        ceasefires name it), name and kind, in id order.",
    params(doc::params::Paging),
    responses(
        (status = 200, description = "A page of parties.", body = doc::service::PartyList),
        (
            status = 400,
            description = "`bad_parameter`: a parameter the endpoint does not know, given twice, \
                or malformed.",
            body = doc::service::ErrorBody,
        ),
        (
            status = 403,
            description = "`forbidden`: liaisons and the public may not read the parties' list.",
            body = doc::service::ErrorBody,
        ),
    ),
)]
pub(crate) async fn list(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    params::QueryPairs(pairs): params::QueryPairs,
) -> Result<Json<Value>, ApiError> {
    if !policy::may_read_parties(&principal) {
        return Err(ApiError::forbidden(format!(
            "parties are for coordinators, monitors, analysts and admins, not for the {} role",
            principal.role()
        )));
    }
    let params = params::collect(pairs, &["limit", "after"])?;
    let limit = params::limit(&params)?;
    let after = params.get("after").cloned();
    let page = state
        .read(move |store| {
            // Through the storage trait only, whichever backend serves the request.
            let store: &dyn Store = store;
            let mut parties = store.parties()?;
            parties.sort_by(|a, b| a.id.cmp(&b.id));
            let mut page = params::Page::new(limit);
            for party in parties {
                if after.as_deref().is_some_and(|a| party.id.as_str() <= a) {
                    continue;
                }
                let view = json!({ "id": party.id, "name": party.name, "kind": party.kind });
                if page.take(party.id.to_string(), view).is_break() {
                    break;
                }
            }
            Ok(page)
        })
        .await?;
    Ok(Json(page.into_json("/api/parties", &params)))
}
