//! Findings are drawn where, and when, their incident happened: the incident's feature, as
//! the same caller sees it (`views::incident`), so a finding shows no more of its incident than
//! the `incidents` collection does.

use super::features::Feature;
use crate::error::ApiError;
use crate::views;
use vigil_domain::{AreaTree, IncidentId, Principal};
use vigil_store::Store;

/// Where and when findings are drawn: their incident's feature, as the same caller sees it,
/// read once for a run of findings of one incident.
pub(crate) struct IncidentPlaces<'a> {
    store: &'a dyn Store,
    principal: &'a Principal,
    areas: &'a AreaTree,
    last: Option<(String, Option<Feature>)>,
}

impl<'a> IncidentPlaces<'a> {
    pub(crate) fn new(store: &'a dyn Store, principal: &'a Principal, areas: &'a AreaTree) -> Self {
        Self {
            store,
            principal,
            areas,
            last: None,
        }
    }

    /// `finding` (the feature of a finding view) placed at its incident.
    pub(crate) fn place(
        &mut self,
        finding: Feature,
        view_incident: Option<&str>,
    ) -> Result<Feature, ApiError> {
        let Some(incident) = view_incident else {
            return Ok(finding);
        };
        if self.last.as_ref().is_none_or(|(id, _)| id != incident) {
            let feature = match IncidentId::new(incident) {
                Err(_) => None,
                Ok(id) => self.store.incident(&id)?.map(|i| {
                    let view = views::incident(self.principal, &i, &[], self.areas);
                    Feature::from_view(incident.to_owned(), view)
                }),
            };
            self.last = Some((incident.to_owned(), feature));
        }
        Ok(match self.last.as_ref().and_then(|(_, f)| f.as_ref()) {
            Some(place) => finding.at_place_and_time_of(place),
            None => finding,
        })
    }
}
