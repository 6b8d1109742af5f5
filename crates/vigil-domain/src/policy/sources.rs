//! Who reads sources, reports and statements.
//!
//! - Sources (their ids, titles and publishers) and reports (one source's account, naming
//!   it) are for monitors and admins only ([`may_read_sources`]): the roles that may see
//!   source identities. Everyone else is refused outright rather than shown a list with the
//!   names blanked: a source record is nothing but its identity.
//! - Statements (a party's claim, denial or admission about an incident) are read by the
//!   roles that see incidents in full ([`may_read_statements`]); the source each cites only
//!   by those who may see source identities. Liaisons and the public get none: a statement
//!   is tied to the incident's own id, which the published view never gives.

use super::{incident_access, may_see_source_identities, IncidentAccess};
use crate::access::Principal;

/// Whether `principal` may read source records and reports.
pub fn may_read_sources(principal: &Principal) -> bool {
    may_see_source_identities(principal)
}

/// Whether `principal` may read the statements made about incidents.
pub fn may_read_statements(principal: &Principal) -> bool {
    incident_access(principal) == IncidentAccess::Full
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::Role;
    use crate::ids::PartyId;

    #[test]
    fn sources_for_monitors_and_admins_statements_for_staff() {
        for role in Role::ALL {
            let party = (*role == Role::Liaison).then(|| PartyId::new("party-a").unwrap());
            let p = Principal::new(*role, party, None).unwrap();
            assert_eq!(
                may_read_sources(&p),
                matches!(role, Role::Admin | Role::Monitor),
                "{role}"
            );
            assert_eq!(
                may_read_statements(&p),
                matches!(
                    role,
                    Role::Admin | Role::Coordinator | Role::Monitor | Role::Analyst
                ),
                "{role}"
            );
        }
    }
}
