//! Who reads an attack's dossier.
//!
//! A dossier joins an incident's exact place and time to the sites and movements it hit, the
//! notifications of them with every party they went to and every acknowledgement, and the
//! findings: it is for the roles that see all of those in full, admins, coordinators,
//! monitors and analysts ([`may_read_dossier`]). Liaisons and the public are refused: each
//! part is beyond what they may see of incidents, notifications or findings.
//!
//! Within a dossier the usual rules hold: source identities (source records, report ids, who
//! captured an evidence file, where it was acquired from) only for those who may see them
//! ([`super::may_see_source_identities`]); everyone else reads each source as "source 1",
//! "source 2", … consistently through the document.

use super::{incident_access, may_see_findings, IncidentAccess};
use crate::access::Principal;

/// Whether `principal` may read dossiers.
pub fn may_read_dossier(principal: &Principal) -> bool {
    incident_access(principal) == IncidentAccess::Full && may_see_findings(principal)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::Role;
    use crate::ids::PartyId;

    #[test]
    fn dossiers_for_staff_roles_only() {
        for role in Role::ALL {
            let party = (*role == Role::Liaison).then(|| PartyId::new("party-a").unwrap());
            let p = Principal::new(*role, party, None).unwrap();
            assert_eq!(
                may_read_dossier(&p),
                matches!(
                    role,
                    Role::Admin | Role::Coordinator | Role::Monitor | Role::Analyst
                ),
                "{role}"
            );
        }
    }
}
