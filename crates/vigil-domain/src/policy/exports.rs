//! What an export of sites or incidents holds for whom.
//!
//! - The roles that see incidents and sites in full (admins, coordinators, monitors,
//!   analysts) get the canonical layouts, every record they may see, with the source columns
//!   (and `@SOURCE` suffixes) filled only for those who may see source identities
//!   ([`ExportAccess::Canonical`]).
//! - Liaisons and the public get what is published, as files ([`ExportAccess::Published`]):
//!   incidents as [`super::PublishedIncident`] (pseudonym, country and governorate, days,
//!   kind, category, certainty, casualty ranges), public-sensitivity sites as
//!   [`super::PublishedSite`] (no coordinates). A liaison gets no more here than through the
//!   published incidents, for the same reason: a file of exact points and targets could
//!   reveal restricted sites notified only to other parties.

use super::{incident_access, may_see_source_identities, IncidentAccess};
use crate::access::Principal;

/// The export `principal` gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportAccess {
    /// The published records only, in a layout of their own.
    Published,
    /// The canonical layout; `sources`: whether source columns are filled.
    Canonical { sources: bool },
}

/// What `principal` may export.
pub fn export_access(principal: &Principal) -> ExportAccess {
    match incident_access(principal) {
        IncidentAccess::Full => ExportAccess::Canonical {
            sources: may_see_source_identities(principal),
        },
        IncidentAccess::Published => ExportAccess::Published,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::Role;
    use crate::ids::PartyId;

    #[test]
    fn staff_get_the_canonical_export_and_only_monitors_and_admins_its_sources() {
        for role in Role::ALL {
            let party = (*role == Role::Liaison).then(|| PartyId::new("party-a").unwrap());
            let p = Principal::new(*role, party, None).unwrap();
            let expected = match role {
                Role::Admin | Role::Monitor => ExportAccess::Canonical { sources: true },
                Role::Coordinator | Role::Analyst => ExportAccess::Canonical { sources: false },
                Role::Liaison | Role::Public => ExportAccess::Published,
            };
            assert_eq!(export_access(&p), expected, "{role}");
        }
    }
}
