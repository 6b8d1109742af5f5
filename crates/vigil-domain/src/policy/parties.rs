//! Who reads the list of parties.
//!
//! The parties of a conflict (the state, armed forces, groups and coalitions the register
//! notifies) are read by staff roles ([`may_read_parties`]): coordinators choose the
//! addressees of a notification from them, monitors the parties an incident is attributed to.
//! Liaisons and the public get none: which parties the register deals with, and what they are
//! called inside it, is part of the notification system, which neither may read in full.

use super::incident_access;
use super::IncidentAccess;
use crate::access::Principal;

/// Whether `principal` may read the parties' list.
pub fn may_read_parties(principal: &Principal) -> bool {
    incident_access(principal) == IncidentAccess::Full
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::Role;
    use crate::ids::PartyId;

    #[test]
    fn parties_for_staff_roles_only() {
        for role in Role::ALL {
            let party = (*role == Role::Liaison).then(|| PartyId::new("party-a").unwrap());
            let p = Principal::new(*role, party, None).unwrap();
            assert_eq!(
                may_read_parties(&p),
                matches!(
                    role,
                    Role::Admin | Role::Coordinator | Role::Monitor | Role::Analyst
                ),
                "{role}"
            );
        }
    }
}
