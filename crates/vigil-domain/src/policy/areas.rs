//! Who sees which areas.
//!
//! Administrative boundaries are public data (OCHA publishes them), but what a caller may see
//! follows the governorate rule of the published view: whoever gets incidents as published
//! (the public, liaisons) is never told a place finer than a governorate, and may not filter
//! by one ([`super::may_filter_by_area`]). So those callers see countries and governorates
//! only; districts, sub-districts, neighbourhoods and zones are for the roles that see
//! incidents in full. A neighbourhood or zone can also be one a team drew itself, around a
//! field hospital or along a front line, which says where it works. An area hidden from a
//! caller is answered as one that does not exist.
//!
//! An area's source goes with the source identities ([`super::may_see_source_identities`]).

use super::may_filter_by_area;
use crate::access::Principal;
use crate::area::AreaLevel;

/// Whether `principal` may see an area of `level`: its id, names, P-code, parent and boundary.
/// The same areas it may filter incidents by, so a list of areas offers nothing a filter
/// would then refuse.
pub fn may_see_area(principal: &Principal, level: AreaLevel) -> bool {
    may_filter_by_area(principal, level)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::Role;
    use crate::ids::PartyId;

    fn principal(role: Role) -> Principal {
        let party = (role == Role::Liaison).then(|| PartyId::new("party-a").unwrap());
        Principal::new(role, party, None).unwrap()
    }

    #[test]
    fn the_published_view_gets_countries_and_governorates_staff_every_area() {
        for role in Role::ALL {
            let p = principal(*role);
            let staff = matches!(
                role,
                Role::Admin | Role::Coordinator | Role::Monitor | Role::Analyst
            );
            for level in AreaLevel::ALL {
                let coarse = matches!(level, AreaLevel::Country | AreaLevel::Governorate);
                assert_eq!(may_see_area(&p, *level), staff || coarse, "{role} {level}");
            }
        }
    }
}
