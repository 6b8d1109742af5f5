//! Sites as the caller may see them (`views::site`), in id order.
//!
//! A site the caller may not see is left out and not found, exactly like one that does not
//! exist: a different answer would confirm that a hidden site is there.

use super::Visit;
use crate::error::ApiError;
use crate::views;
use serde_json::Value;
use std::collections::HashMap;
use vigil_domain::{AreaTree, Notification, Principal, Role, SiteId, Subject};
use vigil_store::Store;

/// Calls `f` with every site after `after` (an id) that `principal` may see.
pub(crate) fn each(
    store: &dyn Store,
    principal: &Principal,
    areas: &AreaTree,
    after: Option<&str>,
    f: &mut Visit<'_>,
) -> Result<(), ApiError> {
    // Only a liaison's view depends on notifications; reading them for anyone else would be
    // wasted work, and the policy ignores them for other roles anyway.
    let mut notified: HashMap<SiteId, Vec<Notification>> = HashMap::new();
    if principal.role() == Role::Liaison {
        for n in store.notifications()? {
            if let Subject::Site(id) = &n.subject {
                notified.entry(id.clone()).or_default().push(n);
            }
        }
    }
    // A full scan, ordered by id: fine for registers of thousands of sites; a keyed range read
    // comes when registers outgrow it.
    for site in store.sites()? {
        if after.is_some_and(|a| site.id.as_str() <= a) {
            continue;
        }
        let notifications = notified.get(&site.id).map_or(&[][..], Vec::as_slice);
        let Some(view) = views::site(principal, &site, notifications, areas) else {
            continue;
        };
        if f(site.id.to_string(), view).is_break() {
            break;
        }
    }
    Ok(())
}

/// The view of the site with id `id`, if it exists and `principal` may see it.
pub(crate) fn one(
    store: &dyn Store,
    principal: &Principal,
    areas: &AreaTree,
    id: &str,
) -> Result<Option<Value>, ApiError> {
    // An id that breaks the id rules cannot be stored, so it is simply not found.
    let Ok(site_id) = SiteId::new(id) else {
        return Ok(None);
    };
    let Some(site) = store.site(&site_id)? else {
        return Ok(None);
    };
    let notifications = if principal.role() == Role::Liaison {
        store.notifications_of(&Subject::Site(site_id))?
    } else {
        Vec::new()
    };
    Ok(views::site(principal, &site, &notifications, areas))
}
