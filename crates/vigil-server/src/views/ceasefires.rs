//! The view of a ceasefire ([`vigil_domain::policy::may_see_ceasefires`]): what was announced
//! for every role, the source it cites for those who may see source identities.

use serde::Serialize;
use serde_json::Value;
use vigil_domain::{policy, AreaId, Ceasefire, PartyId, Principal, Timestamp};

#[derive(Serialize)]
struct CeasefireView<'a> {
    id: &'a str,
    name: &'a str,
    parties: &'a [PartyId],
    areas: &'a [AreaId],
    start: Timestamp,
    planned_end: Option<Timestamp>,
    collapsed_at: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
}

/// The view of `ceasefire` for `principal`; `None` for a role that may not see ceasefires.
pub(crate) fn ceasefire(principal: &Principal, ceasefire: &Ceasefire) -> Option<Value> {
    if !policy::may_see_ceasefires(principal) {
        return None;
    }
    let with_sources = policy::may_see_source_identities(principal);
    Some(super::to_value(&CeasefireView {
        id: ceasefire.id.as_str(),
        name: &ceasefire.name,
        parties: &ceasefire.parties,
        areas: &ceasefire.areas,
        start: ceasefire.start,
        planned_end: ceasefire.planned_end,
        collapsed_at: ceasefire.collapsed_at,
        source: ceasefire
            .source
            .as_ref()
            .filter(|_| with_sources)
            .map(|s| s.as_str()),
    }))
}
