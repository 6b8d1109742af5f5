//! Who sees which notifications (DESIGN.md: "Party liaisons see only the notifications
//! addressed to their party and acknowledge receipt").
//!
//! - Admins, coordinators, monitors and analysts see every notification, every version, every
//!   party it went to and every acknowledgement ([`NotificationAccess::Full`]).
//! - A liaison sees a notification only if one of its versions was addressed to the liaison's
//!   party, and then only those versions, with its own party as the only addressee shown and
//!   only its own party's acknowledgements ([`NotificationAccess::Party`]): which other
//!   parties were told, and whether they answered, is theirs.
//! - The public sees no notification ([`NotificationAccess::Hidden`]).

use super::sees_every_site;
use crate::access::{Principal, Role};
use crate::ids::PartyId;
use crate::notification::Notification;

/// What a principal may see of one notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotificationAccess {
    /// Nothing, not even that it exists.
    Hidden,
    /// The versions addressed to this party, and this party's acknowledgements.
    Party(PartyId),
    /// Everything.
    Full,
}

/// What `principal` may see of the notification whose versions are `versions`.
pub fn notification_access(principal: &Principal, versions: &[Notification]) -> NotificationAccess {
    if sees_every_site(principal.role()) {
        return NotificationAccess::Full;
    }
    match (principal.role(), principal.party()) {
        (Role::Liaison, Some(party)) if versions.iter().any(|n| n.addressed_to(party)) => {
            NotificationAccess::Party(party.clone())
        }
        _ => NotificationAccess::Hidden,
    }
}

/// Whether `principal` may list notifications at all (the public may not: it is refused
/// rather than shown an empty list, so a client learns that signing in is needed).
pub fn may_list_notifications(principal: &Principal) -> bool {
    principal.role() != Role::Public
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digest::Sha256;
    use crate::ids::{NotificationId, SiteId};
    use crate::notification::Subject;
    use crate::time::DayWindow;

    fn notification(parties: &[&str]) -> Notification {
        Notification {
            id: NotificationId::new("n1").unwrap(),
            version: 1,
            subject: Subject::Site(SiteId::new("m10").unwrap()),
            parties: parties.iter().map(|p| PartyId::new(*p).unwrap()).collect(),
            sent_at: chrono::Utc::now(),
            valid: DayWindow {
                from: chrono::NaiveDate::from_ymd_opt(2016, 9, 1).unwrap(),
                to: None,
            },
            withdrawn_at: None,
            channel: None,
            payload_sha256: Sha256::of(b"payload"),
            source: None,
        }
    }

    fn liaison(party: &str) -> Principal {
        Principal::new(Role::Liaison, Some(PartyId::new(party).unwrap()), None).unwrap()
    }

    #[test]
    fn a_liaison_sees_what_went_to_its_party_and_nothing_else() {
        let to_ru = [notification(&["ru", "us"])];
        assert_eq!(
            notification_access(&liaison("ru"), &to_ru),
            NotificationAccess::Party(PartyId::new("ru").unwrap())
        );
        assert_eq!(
            notification_access(&liaison("tr"), &to_ru),
            NotificationAccess::Hidden
        );
        assert_eq!(
            notification_access(&Principal::public(), &to_ru),
            NotificationAccess::Hidden
        );
        let analyst = Principal::new(Role::Analyst, None, None).unwrap();
        assert_eq!(
            notification_access(&analyst, &to_ru),
            NotificationAccess::Full
        );
        assert!(!may_list_notifications(&Principal::public()));
    }
}
