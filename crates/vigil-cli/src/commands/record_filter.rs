//! `--area`, `--from` and `--to`: which records `vigil export` writes and which incidents'
//! findings `vigil check` shows. One rule for both commands, so the same options select the
//! same incidents.
//!
//! - Area: a record is in area A when its own `area` is A or lies below A through the parent
//!   links of the stored areas ([`vigil_domain::AreaTree`], shared with the server's `area=`).
//!   A record without an area is in none.
//! - Period (both days included, UTC): an incident is in it when its time span overlaps it. A
//!   site is in it when the notification its export row carries was in force on some day of it:
//!   the window overlaps the period and the notification was not withdrawn before the period
//!   began (the cross-check's rule for "in force"). A site without a notification is in no
//!   period; its status dates do not count, because the row shows only the latest status.

use crate::failure::{CliResult, Failure, EXIT_NOT_FOUND};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashSet;
use vigil_domain::time::{end_of_day, start_of_day};
use vigil_domain::{AreaId, AreaTree, Incident, Notification, Site, TimePrecision, TimeSpan};
use vigil_store::Store;

/// The area and period a command is restricted to; with neither, every record passes.
pub struct RecordFilter {
    area: Option<HashSet<AreaId>>,
    period: Option<TimeSpan>,
}

impl RecordFilter {
    /// From the options. An area id that is not stored is "not found" (exit 4) and named; a
    /// `to` before `from` is bad input (exit 3).
    pub fn new(
        store: &dyn Store,
        area: Option<&str>,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> CliResult<Self> {
        let area = match area {
            None => None,
            Some(text) => {
                let id =
                    AreaId::new(text).map_err(|e| Failure::input(format!("--area {text}: {e}")))?;
                let tree = AreaTree::new(&store.areas()?);
                if tree.get(&id).is_none() {
                    return Err(Failure::new(
                        EXIT_NOT_FOUND,
                        format!("no area has id '{text}' (see `vigil list areas`)"),
                    ));
                }
                Some(tree.within(&id))
            }
        };
        let period =
            match (from, to) {
                (None, None) => None,
                (from, to) => {
                    let start = from.map_or(DateTime::<Utc>::MIN_UTC, start_of_day);
                    let end = to.map_or(DateTime::<Utc>::MAX_UTC, end_of_day);
                    Some(TimeSpan::new(start, end, TimePrecision::Day).map_err(|e| {
                        Failure::input(format!("--to is before --from: {}", e.problem))
                    })?)
                }
            };
        Ok(Self { area, period })
    }

    /// Whether no option was given, so every record passes.
    pub fn is_everything(&self) -> bool {
        self.area.is_none() && self.period.is_none()
    }

    fn in_area(&self, area: Option<&AreaId>) -> bool {
        match (&self.area, area) {
            (None, _) => true,
            (Some(areas), Some(area)) => areas.contains(area),
            (Some(_), None) => false,
        }
    }

    pub fn admits_incident(&self, incident: &Incident) -> bool {
        self.in_area(incident.area.as_ref())
            && self
                .period
                .as_ref()
                .is_none_or(|period| period.overlaps(&incident.when))
    }

    /// `notification` is the one the site's export row carries.
    pub fn admits_site(&self, site: &Site, notification: Option<&Notification>) -> bool {
        let in_period = match (&self.period, notification) {
            (None, _) => true,
            (Some(period), Some(n)) => {
                let withdrawn_before = n.withdrawn_at.is_some_and(|w| w < period.start());
                n.valid.in_force_during(period) && !withdrawn_before
            }
            (Some(_), None) => false,
        };
        self.in_area(site.area.as_ref()) && in_period
    }
}
