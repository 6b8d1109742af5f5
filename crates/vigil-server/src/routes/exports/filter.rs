//! `area`, `from` and `to`: the records an export holds, by the rule `vigil export` applies
//! (`vigil-cli`'s `record_filter`), so the same parameters select the same records.
//!
//! - Area: a record whose own area is the one given or lies below it (`AreaTree`); a record
//!   without an area is in none.
//! - Period (dates, both days included, UTC): an incident whose span overlaps it; a site whose
//!   exported notification (the row's) was in force on some day of it and not withdrawn
//!   before it began. A site without a notification is in no period.

use crate::error::ApiError;
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::{BTreeMap, HashSet};
use vigil_domain::time::{end_of_day, start_of_day};
use vigil_domain::{
    AreaId, AreaLevel, AreaTree, Incident, Notification, Site, TimePrecision, TimeSpan,
};

pub(crate) struct RecordFilter {
    area: Option<HashSet<AreaId>>,
    pub(crate) period: Option<TimeSpan>,
    /// The parameter the period was given by (`from`, else `to`), for error messages.
    pub(crate) period_named: &'static str,
    /// The level of the area asked for, for the policy's check.
    pub(crate) area_level: Option<AreaLevel>,
}

fn day(params: &BTreeMap<String, String>, name: &str) -> Result<Option<NaiveDate>, ApiError> {
    params
        .get(name)
        .map(|text| {
            NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
                ApiError::bad_parameter(name, format!("'{text}' is not a date (2016-09-28)"))
            })
        })
        .transpose()
}

impl RecordFilter {
    pub(crate) fn new(
        params: &BTreeMap<String, String>,
        tree: &AreaTree,
    ) -> Result<Self, ApiError> {
        let (area, area_level) = match params.get("area") {
            None => (None, None),
            Some(text) => {
                let id = AreaId::new(text.clone())
                    .map_err(|e| ApiError::bad_parameter("area", e.problem))?;
                let node = tree.get(&id).ok_or_else(|| {
                    ApiError::bad_parameter("area", format!("no area has id '{text}'"))
                })?;
                (Some(tree.within(&id)), Some(node.level))
            }
        };
        let from = day(params, "from")?;
        let period_named = if from.is_some() { "from" } else { "to" };
        let period = match (from, day(params, "to")?) {
            (None, None) => None,
            (from, to) => {
                let start = from.map_or(DateTime::<Utc>::MIN_UTC, start_of_day);
                let end = to.map_or(DateTime::<Utc>::MAX_UTC, end_of_day);
                Some(
                    TimeSpan::new(start, end, TimePrecision::Day)
                        .map_err(|_| ApiError::bad_parameter("to", "is before from"))?,
                )
            }
        };
        Ok(Self {
            area,
            period,
            period_named,
            area_level,
        })
    }

    fn in_area(&self, area: Option<&AreaId>) -> bool {
        match (&self.area, area) {
            (None, _) => true,
            (Some(areas), Some(area)) => areas.contains(area),
            (Some(_), None) => false,
        }
    }

    pub(crate) fn admits_incident(&self, incident: &Incident) -> bool {
        self.in_area(incident.area.as_ref())
            && self
                .period
                .as_ref()
                .is_none_or(|period| period.overlaps(&incident.when))
    }

    /// `notification` is the one the site's row carries.
    pub(crate) fn admits_site(&self, site: &Site, notification: Option<&Notification>) -> bool {
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
