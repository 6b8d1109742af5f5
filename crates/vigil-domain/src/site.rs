//! Protected sites, their dated status history and capacity facts.

use crate::error::{Problems, ValidationError};
use crate::geo::Location;
use crate::ids::{AreaId, SiteId, SourceId};
use crate::text::{check_name, check_optional_name};
use crate::vocab::{CapacityMetric, Sensitivity, SiteKind, SiteStatus};
use chrono::NaiveDate;
use geo_types::Polygon;
use serde::{Deserialize, Serialize};

/// A protected site: hospital, clinic, school, civil-defence centre, …
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Site {
    pub id: SiteId,
    pub kind: SiteKind,
    pub name: String,
    pub operator: Option<String>,
    pub location: Location,
    /// Outline of the site, where known.
    pub footprint: Option<Polygon<f64>>,
    pub sensitivity: Sensitivity,
    /// The smallest known area that contains the site.
    pub area: Option<AreaId>,
    /// Dated statuses, oldest first.
    pub status: Vec<StatusEntry>,
    pub capacity: Vec<CapacityFact>,
}

/// The site's status from a date on, as one source reported it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusEntry {
    pub as_of: NaiveDate,
    pub status: SiteStatus,
    pub source: Option<SourceId>,
    pub note: Option<String>,
}

/// A capacity figure (beds, doctors) at a date, with its source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CapacityFact {
    pub as_of: NaiveDate,
    pub metric: CapacityMetric,
    pub value: u32,
    pub source: Option<SourceId>,
}

impl Site {
    pub fn validate(&self) -> Result<(), Vec<ValidationError>> {
        let mut problems = Problems::new();
        check_name(&mut problems, "name", &self.name);
        check_optional_name(&mut problems, "operator", self.operator.as_deref());
        problems.check("location", self.location.validate());
        if self.location.point.is_none() {
            problems.push("location", "a site needs coordinates (lon and lat)");
        }
        for pair in self.status.windows(2) {
            if pair[1].as_of < pair[0].as_of {
                problems.push(
                    "status",
                    format!(
                        "entries must be in date order ({} comes after {})",
                        pair[1].as_of, pair[0].as_of
                    ),
                );
            }
        }
        if let Some(footprint) = &self.footprint {
            if footprint.exterior().0.len() < 4 {
                problems.push("footprint", "a polygon needs at least 3 distinct corners");
            }
        }
        problems.finish()
    }

    /// The latest status on or before `day`, if any.
    pub fn status_on(&self, day: NaiveDate) -> Option<&StatusEntry> {
        self.status.iter().rev().find(|entry| entry.as_of <= day)
    }
}
