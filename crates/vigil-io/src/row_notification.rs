//! Which of a site's notifications its canonical row carries: the layout has room for one.

use vigil_domain::Notification;

/// Of a site's notifications (every version, as the store lists them: by notification, oldest
/// version first), the latest version of the one sent last, ties broken by id so the choice is
/// stable. `vigil export` and the server's exports both choose with this.
pub fn row_notification(
    notifications: impl IntoIterator<Item = Notification>,
) -> Option<Notification> {
    let mut latest: Vec<Notification> = Vec::new();
    for n in notifications {
        match latest.last_mut() {
            Some(last) if last.id == n.id => *last = n,
            _ => latest.push(n),
        }
    }
    latest
        .into_iter()
        .max_by(|a, b| a.sent_at.cmp(&b.sent_at).then_with(|| b.id.cmp(&a.id)))
}
