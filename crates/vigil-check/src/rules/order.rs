//! The stable order of findings: (incident id, kind, subject, notification id, site).
//!
//! Every rule emits at most one finding per such key, so the order is total and the output
//! does not depend on the order of the input slices.

use crate::finding::Finding;
use vigil_domain::NotificationId;

pub(crate) fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        a.incident
            .cmp(&b.incident)
            .then(a.kind.cmp(&b.kind))
            .then_with(|| a.subject.cmp(&b.subject))
            .then_with(|| notification_id(a).cmp(&notification_id(b)))
            .then_with(|| a.site.cmp(&b.site))
    });
}

fn notification_id(f: &Finding) -> Option<&NotificationId> {
    f.notification.as_ref().map(|n| &n.id)
}
