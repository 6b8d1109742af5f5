//! Areas (administrative units with P-codes, neighbourhoods, zones), control over time and
//! population figures.

use crate::error::{Problems, ValidationError};
use crate::ids::{AreaId, PartyId, SourceId, ZoneId};
use crate::text::{check_name, check_optional_name};
use crate::time::DayWindow;
use crate::vocab::vocabulary;
use chrono::NaiveDate;
use geo_types::MultiPolygon;
use serde::{Deserialize, Serialize};

vocabulary!(
    /// The level of an area, from country down to neighbourhood.
    AreaLevel, "area level" {
        Country = "country",
        Governorate = "governorate",
        District = "district",
        SubDistrict = "sub_district",
        Neighbourhood = "neighbourhood",
        /// Any other drawn area: a front line zone, a ceasefire area.
        Zone = "zone",
    }
);

/// An area. Administrative units use their P-code as id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Area {
    pub id: AreaId,
    pub level: AreaLevel,
    pub pcode: Option<String>,
    pub name_en: String,
    pub name_ar: Option<String>,
    pub parent: Option<AreaId>,
    /// Boundary in WGS84 lon/lat.
    pub boundary: Option<MultiPolygon<f64>>,
    pub source: Option<SourceId>,
}

impl Area {
    pub fn validate(&self) -> Result<(), Vec<ValidationError>> {
        let mut problems = Problems::new();
        check_name(&mut problems, "name_en", &self.name_en);
        check_optional_name(&mut problems, "name_ar", self.name_ar.as_deref());
        if let Some(pcode) = &self.pcode {
            if pcode.is_empty() || !pcode.chars().all(|c| c.is_ascii_alphanumeric()) {
                problems.push(
                    "pcode",
                    format!("'{pcode}' is not a P-code (letters and digits, e.g. SY02)"),
                );
            }
        }
        if self.parent.as_ref() == Some(&self.id) {
            problems.push("parent", "an area cannot be its own parent");
        }
        if let Some(boundary) = &self.boundary {
            let bad = boundary
                .iter()
                .flat_map(|polygon| polygon.exterior().coords())
                .find(|c| crate::geo::Point::new(c.x, c.y).is_err());
            if let Some(c) = bad {
                problems.push(
                    "boundary",
                    format!("vertex ({}, {}) is not a WGS84 lon/lat", c.x, c.y),
                );
            }
        }
        problems.finish()
    }
}

/// A party's control of an area over a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ZoneOfControl {
    pub id: ZoneId,
    pub area: AreaId,
    pub party: PartyId,
    pub period: DayWindow,
    pub source: Option<SourceId>,
}

impl ZoneOfControl {
    pub fn validate(&self) -> Result<(), Vec<ValidationError>> {
        let mut problems = Problems::new();
        if let Err(e) = DayWindow::new(self.period.from, self.period.to) {
            problems.push(e.field, e.problem);
        }
        problems.finish()
    }
}

/// A population figure for an area, with its source and date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PopulationFigure {
    pub area: AreaId,
    pub as_of: NaiveDate,
    pub population: u64,
    pub source: SourceId,
}

/// Largest population a figure may give: more people than live on Earth is a typing error.
pub const MAX_POPULATION: u64 = 10_000_000_000;

impl PopulationFigure {
    pub fn validate(&self) -> Result<(), Vec<ValidationError>> {
        let mut problems = Problems::new();
        if self.population > MAX_POPULATION {
            problems.push(
                "population",
                format!("{} is more people than live on Earth", self.population),
            );
        }
        problems.finish()
    }
}
