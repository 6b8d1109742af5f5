//! Incidents as the caller may see them (`views::incident`): staff roles under the incident's
//! own id, liaisons and the public under its pseudonym.
//!
//! Every scan reads all incidents (`Store::for_each_incident`), in id order: acceptable for
//! the tens of thousands of incidents a deployment holds today; indexed reads come when that
//! stops being true.

use super::Visit;
use crate::error::ApiError;
use crate::views;
use serde_json::Value;
use std::collections::HashMap;
use vigil_domain::policy::{self, IncidentAccess};
use vigil_domain::{AreaTree, Incident, IncidentId, Principal, Source, SourceId};
use vigil_store::Store;

/// Each incident's sources, for those who may see them; nothing is read for anyone else.
struct SourceIndex {
    by_incident: HashMap<IncidentId, Vec<SourceId>>,
    sources: HashMap<SourceId, Source>,
}

impl SourceIndex {
    fn load(store: &dyn Store, principal: &Principal) -> Result<Self, ApiError> {
        if !policy::may_see_source_identities(principal) {
            return Ok(Self {
                by_incident: HashMap::new(),
                sources: HashMap::new(),
            });
        }
        Ok(Self {
            by_incident: store.incident_sources()?,
            sources: store
                .sources()?
                .into_iter()
                .map(|s| (s.id.clone(), s))
                .collect(),
        })
    }

    fn of(&self, incident: &IncidentId) -> Vec<Source> {
        self.by_incident
            .get(incident)
            .into_iter()
            .flatten()
            .filter_map(|id| self.sources.get(id).cloned())
            .collect()
    }
}

/// Calls `f` with every incident after the cursor `after` that `admits` selects, as
/// `principal` sees it. A cursor that names no incident the caller knows is a 400 `after`.
pub(crate) fn each(
    store: &dyn Store,
    principal: &Principal,
    areas: &AreaTree,
    after: Option<&str>,
    admits: &dyn Fn(&Incident) -> bool,
    f: &mut Visit<'_>,
) -> Result<(), ApiError> {
    let sources = SourceIndex::load(store, principal)?;
    let published = policy::incident_access(principal) == IncidentAccess::Published;
    // The published view's ids are digests, not in id order, so its cursor is found by
    // walking to the incident it names; a staff cursor is compared as an id, so it still
    // works after that incident is gone.
    let mut waiting_for_cursor = published && after.is_some();
    let mut stopped = false;
    store.for_each_incident(&mut |incident| {
        if stopped {
            return Ok(());
        }
        let id = views::incident_id(principal, &incident);
        if waiting_for_cursor {
            waiting_for_cursor = after != Some(id.as_str());
            return Ok(());
        }
        if !published && after.is_some_and(|a| incident.id.as_str() <= a) {
            return Ok(());
        }
        if !admits(&incident) {
            return Ok(());
        }
        let view = views::incident(principal, &incident, &sources.of(&incident.id), areas);
        stopped = f(id, view).is_break();
        Ok(())
    })?;
    if waiting_for_cursor {
        return Err(ApiError::bad_parameter(
            "after",
            "names no incident: use the `next` link of the previous page",
        ));
    }
    Ok(())
}

/// The view of the incident the caller knows as `id` (its own id for staff roles, its
/// pseudonym for everyone else).
pub(crate) fn one(
    store: &dyn Store,
    principal: &Principal,
    areas: &AreaTree,
    id: &str,
) -> Result<Option<Value>, ApiError> {
    match policy::incident_access(principal) {
        IncidentAccess::Full => {
            // An id that breaks the id rules cannot be stored: not found.
            let Ok(incident_id) = IncidentId::new(id) else {
                return Ok(None);
            };
            if policy::may_see_source_identities(principal) {
                return Ok(store.incident_detail(&incident_id)?.map(|detail| {
                    views::incident(principal, &detail.incident, &detail.sources, areas)
                }));
            }
            Ok(store
                .incident(&incident_id)?
                .map(|i| views::incident(principal, &i, &[], areas)))
        }
        IncidentAccess::Published => {
            // Published ids are digests: found by a scan (see the module doc). The incident's
            // own id is not accepted here, so it cannot be confirmed.
            let mut found = None;
            store.for_each_incident(&mut |incident| {
                if found.is_none() && views::incident_id(principal, &incident) == id {
                    found = Some(views::incident(principal, &incident, &[], areas));
                }
                Ok(())
            })?;
            Ok(found)
        }
    }
}
