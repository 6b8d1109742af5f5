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
use std::collections::{BTreeMap, HashSet};

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

/// Parent chains are short (country, governorate, district, sub-district, neighbourhood); this
/// many steps guards against a cycle in bad data rather than limiting real hierarchies.
const MAX_DEPTH: usize = 32;

/// One area as the hierarchy needs it: no boundary, which can be megabytes and is not needed
/// to walk parent links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaNode {
    pub id: AreaId,
    pub level: AreaLevel,
    pub name_en: String,
    pub parent: Option<AreaId>,
}

/// The stored areas linked by their parents: which areas lie below which, and an area's
/// governorate or country. The one implementation of "in area A" for the command line
/// (`--area`) and the server (`area=`), so both select the same records.
#[derive(Debug, Clone, Default)]
pub struct AreaTree {
    nodes: BTreeMap<AreaId, AreaNode>,
}

impl AreaTree {
    pub fn new<'a>(areas: impl IntoIterator<Item = &'a Area>) -> Self {
        let nodes = areas
            .into_iter()
            .map(|a| {
                let node = AreaNode {
                    id: a.id.clone(),
                    level: a.level,
                    name_en: a.name_en.clone(),
                    parent: a.parent.clone(),
                };
                (a.id.clone(), node)
            })
            .collect();
        Self { nodes }
    }

    pub fn get(&self, id: &AreaId) -> Option<&AreaNode> {
        self.nodes.get(id)
    }

    /// The area itself, then its parent, grandparent, …, as far as stored areas go.
    pub fn ancestors<'a>(&'a self, id: &AreaId) -> impl Iterator<Item = &'a AreaNode> + 'a {
        std::iter::successors(self.nodes.get(id), |node| {
            node.parent.as_ref().and_then(|p| self.nodes.get(p))
        })
        .take(MAX_DEPTH)
    }

    /// Whether `area` is `root` or lies below it.
    pub fn is_within(&self, area: &AreaId, root: &AreaId) -> bool {
        area == root || self.ancestors(area).any(|node| &node.id == root)
    }

    /// Every stored area that is `root` or lies below it.
    pub fn within(&self, root: &AreaId) -> HashSet<AreaId> {
        self.nodes
            .keys()
            .filter(|area| self.is_within(area, root))
            .cloned()
            .collect()
    }

    /// The nearest area at `level` among `id` and its ancestors.
    pub fn ancestor_at(&self, id: &AreaId, level: AreaLevel) -> Option<&AreaNode> {
        self.ancestors(id).find(|node| node.level == level)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn area(id: &str, level: AreaLevel, parent: Option<&str>) -> Area {
        Area {
            id: AreaId::new(id).unwrap(),
            level,
            pcode: None,
            name_en: id.to_uppercase(),
            name_ar: None,
            parent: parent.map(|p| AreaId::new(p).unwrap()),
            boundary: None,
            source: None,
        }
    }

    fn id(text: &str) -> AreaId {
        AreaId::new(text).unwrap()
    }

    fn tree() -> AreaTree {
        let areas = [
            area("sy", AreaLevel::Country, None),
            area("sy02", AreaLevel::Governorate, Some("sy")),
            area("sy0200", AreaLevel::District, Some("sy02")),
            area("sakhour", AreaLevel::Neighbourhood, Some("sy0200")),
            area("sy03", AreaLevel::Governorate, Some("sy")),
            // Bad data: a cycle must not hang the walk.
            area("loop-a", AreaLevel::Zone, Some("loop-b")),
            area("loop-b", AreaLevel::Zone, Some("loop-a")),
        ];
        AreaTree::new(&areas)
    }

    #[test]
    fn within_follows_parent_links_down_and_includes_the_root() {
        let tree = tree();
        let inside = tree.within(&id("sy02"));
        let expected: HashSet<AreaId> = ["sy02", "sy0200", "sakhour"].map(id).into();
        assert_eq!(inside, expected);
        assert!(tree.is_within(&id("sakhour"), &id("sy")));
        assert!(!tree.is_within(&id("sy03"), &id("sy02")));
        assert!(!tree.is_within(&id("loop-a"), &id("sy")));
    }

    #[test]
    fn the_governorate_of_a_neighbourhood_is_found_through_its_chain() {
        let tree = tree();
        let governorate = tree
            .ancestor_at(&id("sakhour"), AreaLevel::Governorate)
            .unwrap();
        assert_eq!(governorate.id, id("sy02"));
        assert_eq!(
            tree.ancestor_at(&id("sy02"), AreaLevel::Governorate)
                .unwrap()
                .id,
            id("sy02")
        );
        assert!(tree
            .ancestor_at(&id("sy"), AreaLevel::Governorate)
            .is_none());
        assert!(tree
            .ancestor_at(&id("unknown"), AreaLevel::Country)
            .is_none());
        assert!(tree
            .ancestor_at(&id("loop-a"), AreaLevel::Country)
            .is_none());
    }
}
