//! Which records an area and a period select: one rule for `vigil export` and `vigil check`
//! (`--area`, `--from`, `--to`) and the server's exports (`area`, `from`, `to`), so the same
//! choices select the same records wherever they are made.
//!
//! - Area: a record is in area A when its own `area` is A or lies below A through the parent
//!   links of the stored areas ([`AreaTree`]). A record without an area is in none.
//! - Period (both days included, UTC): an incident is in it when its time span overlaps it. A
//!   site is in it when the notification its export row carries was in force on some day of it:
//!   the window overlaps the period and the notification was not withdrawn before the period
//!   began (the cross-check's rule for "in force"). A site without a notification is in no
//!   period; its status dates do not count, because the row shows only the latest status.

use crate::area::AreaTree;
use crate::ids::AreaId;
use crate::incident::Incident;
use crate::notification::Notification;
use crate::site::Site;
use crate::time::{end_of_day, start_of_day, TimePrecision, TimeSpan};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashSet;

/// Why an area and period cannot select anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SelectionError {
    /// No stored area has this id.
    UnknownArea(AreaId),
    /// The period ends before it starts; the problem says how.
    EndBeforeStart(String),
}

/// The area and period records are restricted to; with neither, every record passes.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    area: Option<HashSet<AreaId>>,
    period: Option<TimeSpan>,
}

impl Selection {
    /// The records of `area` (and below it, in `tree`) over `from` to `to` (either may be
    /// left open).
    pub fn new(
        tree: &AreaTree,
        area: Option<&AreaId>,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Self, SelectionError> {
        let area = match area {
            None => None,
            Some(id) if tree.get(id).is_none() => {
                return Err(SelectionError::UnknownArea(id.clone()))
            }
            Some(id) => Some(tree.within(id)),
        };
        let period = match (from, to) {
            (None, None) => None,
            (from, to) => {
                let start = from.map_or(DateTime::<Utc>::MIN_UTC, start_of_day);
                let end = to.map_or(DateTime::<Utc>::MAX_UTC, end_of_day);
                Some(
                    TimeSpan::new(start, end, TimePrecision::Day)
                        .map_err(|e| SelectionError::EndBeforeStart(e.problem))?,
                )
            }
        };
        Ok(Self { area, period })
    }

    /// Whether neither an area nor a period was given, so every record passes.
    pub fn is_everything(&self) -> bool {
        self.area.is_none() && self.period.is_none()
    }

    /// The period, if one was given.
    pub fn period(&self) -> Option<&TimeSpan> {
        self.period.as_ref()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::area::{Area, AreaLevel};

    fn tree() -> AreaTree {
        let area = |id: &str, level, parent: Option<&str>| Area {
            id: AreaId::new(id).unwrap(),
            level,
            pcode: None,
            name_en: id.into(),
            name_ar: None,
            parent: parent.map(|p| AreaId::new(p).unwrap()),
            boundary: None,
            source: None,
        };
        AreaTree::new(&[
            area("sy", AreaLevel::Country, None),
            area("sy02", AreaLevel::Governorate, Some("sy")),
        ])
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2016, 9, d).unwrap()
    }

    #[test]
    fn an_unknown_area_and_a_backwards_period_select_nothing_and_say_why() {
        let nowhere = AreaId::new("nowhere").unwrap();
        assert_eq!(
            Selection::new(&tree(), Some(&nowhere), None, None).unwrap_err(),
            SelectionError::UnknownArea(nowhere)
        );
        assert!(matches!(
            Selection::new(&tree(), None, Some(day(20)), Some(day(10))),
            Err(SelectionError::EndBeforeStart(_))
        ));
        let open_ended = Selection::new(&tree(), None, Some(day(20)), None).unwrap();
        assert!(!open_ended.is_everything());
        assert!(Selection::new(&tree(), None, None, None)
            .unwrap()
            .is_everything());
    }
}
