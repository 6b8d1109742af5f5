//! Who sees ceasefires.
//!
//! A ceasefire is public knowledge: who agreed to it, where, when it began, when it was to
//! end and when it collapsed are announced, and the public needs them to read what happened
//! during one. Every role sees them. What the record cites is a source like any other: its
//! identity goes to monitors and admins only ([`super::may_see_source_identities`]).

use crate::access::{Principal, Role};

/// Whether `principal` may see ceasefires (their source only as the source rule allows).
pub fn may_see_ceasefires(principal: &Principal) -> bool {
    // Every role is named, so a role added later sees nothing until a rule says so.
    matches!(
        principal.role(),
        Role::Admin
            | Role::Coordinator
            | Role::Monitor
            | Role::Liaison
            | Role::Analyst
            | Role::Public
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ceasefire_is_public_knowledge() {
        assert!(may_see_ceasefires(&Principal::public()));
        let analyst = Principal::new(Role::Analyst, None, None).unwrap();
        assert!(may_see_ceasefires(&analyst));
    }
}
