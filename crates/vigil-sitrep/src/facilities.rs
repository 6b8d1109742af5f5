//! The facility status roll-up: per site kind, how many sites, and how many had each status
//! as of the report's last day.

use crate::report::{FacilityRollup, SiteRef, StatusCount};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use vigil_domain::policy::SitrepView;
use vigil_domain::{Site, SiteKind, SiteStatus};

/// Whether a site with this status is not fully working.
fn is_impaired(status: SiteStatus) -> bool {
    !matches!(status, SiteStatus::Functional)
}

pub(crate) fn rollup<'a>(
    sites: impl Iterator<Item = &'a Site>,
    as_of: NaiveDate,
    view: SitrepView,
) -> Vec<FacilityRollup> {
    // `Option<SiteStatus>` orders `None` first; unknown statuses go last, so they are keyed
    // apart.
    type ByStatus = BTreeMap<(bool, Option<SiteStatus>), (usize, Vec<SiteRef>)>;
    let mut kinds: BTreeMap<SiteKind, ByStatus> = BTreeMap::new();
    for site in sites {
        let entry = site.status_on(as_of);
        let status = entry.map(|e| e.status);
        let (count, named) = kinds
            .entry(site.kind)
            .or_default()
            .entry((status.is_none(), status))
            .or_default();
        *count += 1;
        if view.names_site(site) {
            named.push(SiteRef {
                id: site.id.clone(),
                name: site.name.clone(),
                since: entry.map(|e| e.as_of),
            });
        }
    }
    kinds
        .into_iter()
        .map(|(kind, statuses)| {
            let by_status: Vec<StatusCount> = statuses
                .into_iter()
                .map(|((_, status), (count, sites))| StatusCount {
                    status,
                    count,
                    sites,
                })
                .collect();
            FacilityRollup {
                kind,
                sites: by_status.iter().map(|s| s.count).sum(),
                impaired: by_status
                    .iter()
                    .filter(|s| s.status.is_some_and(is_impaired))
                    .map(|s| s.count)
                    .sum(),
                by_status,
            }
        })
        .collect()
}
