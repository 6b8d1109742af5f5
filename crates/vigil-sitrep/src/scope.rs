//! What a report covers: an area (that area or anything below it) and a period.

use crate::report::ReportArea;
use chrono::NaiveDate;
use std::collections::HashSet;
use vigil_domain::{AreaId, AreaLevel, AreaTree, Incident, Site, TimeSpan};

/// Why a scope cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScopeError {
    #[error("no area has id '{0}'")]
    UnknownArea(AreaId),
    #[error("the period ends ({to}) before it starts ({from})")]
    PeriodEndsBeforeItStarts { from: NaiveDate, to: NaiveDate },
}

/// The area and period of a report.
#[derive(Debug, Clone)]
pub struct Scope {
    area: Option<ReportArea>,
    /// The area and every stored area below it; `None`: the whole database.
    within: Option<HashSet<AreaId>>,
    period: TimeSpan,
}

impl Scope {
    /// `area` (`None`: the whole database, records without an area included) over `period`.
    pub fn new(
        area: Option<&AreaId>,
        period: TimeSpan,
        areas: &AreaTree,
    ) -> Result<Self, ScopeError> {
        let (area, within) = match area {
            None => (None, None),
            Some(id) => {
                let node = areas
                    .get(id)
                    .ok_or_else(|| ScopeError::UnknownArea(id.clone()))?;
                let area = ReportArea {
                    id: node.id.clone(),
                    name: node.name_en.clone(),
                    level: node.level,
                };
                (Some(area), Some(areas.within(id)))
            }
        };
        Ok(Self {
            area,
            within,
            period,
        })
    }

    /// `area` from the first moment of `from` to the last of `to` (UTC), both days included.
    pub fn whole_days(
        area: Option<&AreaId>,
        from: NaiveDate,
        to: NaiveDate,
        areas: &AreaTree,
    ) -> Result<Self, ScopeError> {
        let period = TimeSpan::days(from, to)
            .map_err(|_| ScopeError::PeriodEndsBeforeItStarts { from, to })?;
        Self::new(area, period, areas)
    }

    pub fn area(&self) -> Option<&ReportArea> {
        self.area.as_ref()
    }

    /// The level of the area, for the publication policy; `None` for the whole database.
    pub fn area_level(&self) -> Option<AreaLevel> {
        self.area.as_ref().map(|a| a.level)
    }

    pub fn period(&self) -> &TimeSpan {
        &self.period
    }

    /// A record in an area is in the scope's area when that is the scope's area or lies below
    /// it; a record without an area is only in a report on the whole database.
    fn in_area(&self, area: Option<&AreaId>) -> bool {
        match (&self.within, area) {
            (None, _) => true,
            (Some(within), Some(area)) => within.contains(area),
            (Some(_), None) => false,
        }
    }

    /// In the area, and its span overlaps the period.
    pub fn admits_incident(&self, incident: &Incident) -> bool {
        self.in_area(incident.area.as_ref()) && self.period.overlaps(&incident.when)
    }

    /// In the area (a site is in every period: its status is read as of the period's end).
    pub fn admits_site(&self, site: &Site) -> bool {
        self.in_area(site.area.as_ref())
    }
}
