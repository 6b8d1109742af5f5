//! Movements as the caller may see them (`views::movement`), in id order; hidden ones are
//! left out and not found, as sites are.

use super::Visit;
use crate::error::ApiError;
use crate::views;
use serde_json::Value;
use std::collections::HashMap;
use vigil_domain::{MovementId, Notification, Principal, Role, Subject};
use vigil_store::Store;

/// Every notification of a movement, by movement, for a liaison (whose view depends on them);
/// empty for everyone else.
fn notified(
    store: &dyn Store,
    principal: &Principal,
) -> Result<HashMap<MovementId, Vec<Notification>>, ApiError> {
    let mut by_movement: HashMap<MovementId, Vec<Notification>> = HashMap::new();
    if principal.role() == Role::Liaison {
        for n in store.notifications()? {
            if let Subject::Movement(id) = &n.subject {
                by_movement.entry(id.clone()).or_default().push(n);
            }
        }
    }
    Ok(by_movement)
}

/// Calls `f` with every movement after `after` (an id) that `principal` may see.
pub(crate) fn each(
    store: &dyn Store,
    principal: &Principal,
    after: Option<&str>,
    f: &mut Visit<'_>,
) -> Result<(), ApiError> {
    let notified = notified(store, principal)?;
    // Movements are few (convoys and evacuations notified by hand): read them all, in id order.
    let mut movements = store.movements()?;
    movements.sort_by(|a, b| a.id.cmp(&b.id));
    for movement in movements {
        if after.is_some_and(|a| movement.id.as_str() <= a) {
            continue;
        }
        let notifications = notified.get(&movement.id).map_or(&[][..], Vec::as_slice);
        let Some(view) = views::movement(principal, &movement, notifications) else {
            continue;
        };
        if f(movement.id.to_string(), view).is_break() {
            break;
        }
    }
    Ok(())
}

/// The view of the movement with id `id`, if it exists and `principal` may see it.
pub(crate) fn one(
    store: &dyn Store,
    principal: &Principal,
    id: &str,
) -> Result<Option<Value>, ApiError> {
    let Some(movement) = store.movements()?.into_iter().find(|m| m.id.as_str() == id) else {
        return Ok(None);
    };
    let notifications = if principal.role() == Role::Liaison {
        store.notifications_of(&Subject::Movement(movement.id.clone()))?
    } else {
        Vec::new()
    };
    Ok(views::movement(principal, &movement, &notifications))
}
