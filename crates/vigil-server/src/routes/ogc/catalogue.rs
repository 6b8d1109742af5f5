//! The collections Vigil serves, and who may read each.

use vigil_domain::{policy, Principal};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Collection {
    Sites,
    Incidents,
    Movements,
    Findings,
}

impl Collection {
    const ALL: [Collection; 4] = [
        Collection::Sites,
        Collection::Incidents,
        Collection::Movements,
        Collection::Findings,
    ];

    pub(crate) fn id(self) -> &'static str {
        match self {
            Collection::Sites => "sites",
            Collection::Incidents => "incidents",
            Collection::Movements => "movements",
            Collection::Findings => "findings",
        }
    }

    pub(crate) fn title(self) -> &'static str {
        match self {
            Collection::Sites => "Protected sites",
            Collection::Incidents => "Incidents",
            Collection::Movements => "Humanitarian movements",
            Collection::Findings => "Findings of the cross-check",
        }
    }

    pub(crate) fn description(self) -> &'static str {
        match self {
            Collection::Sites => {
                "Hospitals, clinics, schools and other protected sites of the register, as the \
                 publication policy lets the caller see them (no coordinates for the public)."
            }
            Collection::Incidents => {
                "Attacks and other incidents; the public and liaisons get the published view \
                 (governorate, days, category, certainty), without coordinates."
            }
            Collection::Movements => {
                "Convoys and medical evacuations, their planned routes as lines (no route for \
                 the public)."
            }
            Collection::Findings => {
                "Incidents within reach of notified sites and movements, unnotified sites hit, \
                 repeat attacks, ceasefire violations and duplicate candidates, at the \
                 incident's point."
            }
        }
    }

    /// Whether the collection has a time of its own (incidents' spans, movements' windows,
    /// findings' incidents); sites have none, so `datetime` cannot select them.
    pub(crate) fn has_time(self) -> bool {
        self != Collection::Sites
    }

    fn readable_by(self, principal: &Principal) -> bool {
        match self {
            Collection::Findings => policy::may_see_findings(principal),
            Collection::Sites | Collection::Incidents | Collection::Movements => true,
        }
    }

    /// The collections `principal` may read, in the order they are listed.
    pub(crate) fn readable(principal: &Principal) -> impl Iterator<Item = Collection> + '_ {
        Self::ALL.into_iter().filter(|c| c.readable_by(principal))
    }

    /// The collection `id` names, if `principal` may read it: one it may not read is not
    /// found, exactly like one that does not exist.
    pub(crate) fn find(id: &str, principal: &Principal) -> Option<Collection> {
        Self::readable(principal).find(|c| c.id() == id)
    }
}
