//! Who reads evidence.
//!
//! - An item's description (hash, size, media type, when captured, the incidents it
//!   documents, its custody log) is read by the roles that see incidents in full
//!   ([`may_read_evidence`]); who captured it only by those who may see source identities
//!   (`EvidenceItem::as_seen_by`).
//! - The original file itself (a photo, a video) is for monitors and admins only
//!   ([`may_read_evidence_originals`]): it can show a witness's face or voice, or carry the
//!   phone's metadata, which identify the person who took it as surely as a name. Every such
//!   read is an access recorded in the item's custody log.

use super::{incident_access, may_see_source_identities, IncidentAccess};
use crate::access::Principal;

/// Whether `principal` may read evidence items' descriptions and custody.
pub fn may_read_evidence(principal: &Principal) -> bool {
    incident_access(principal) == IncidentAccess::Full
}

/// Whether `principal` may read evidence originals.
pub fn may_read_evidence_originals(principal: &Principal) -> bool {
    may_see_source_identities(principal)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::Role;
    use crate::ids::PartyId;

    #[test]
    fn descriptions_for_staff_originals_for_monitors_and_admins() {
        for role in Role::ALL {
            let party = (*role == Role::Liaison).then(|| PartyId::new("party-a").unwrap());
            let p = Principal::new(*role, party, None).unwrap();
            assert_eq!(
                may_read_evidence(&p),
                matches!(
                    role,
                    Role::Admin | Role::Coordinator | Role::Monitor | Role::Analyst
                ),
                "{role}"
            );
            assert_eq!(
                may_read_evidence_originals(&p),
                matches!(role, Role::Admin | Role::Monitor),
                "{role}"
            );
        }
    }
}
