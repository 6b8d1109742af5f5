//! Which areas contain a point: an R-tree over the areas' bounding boxes finds the candidates,
//! an exact point-in-polygon test keeps those that really contain it.
//!
//! A point on a boundary belongs to the area (the test counts the boundary as inside): a point
//! on the border two neighbourhoods share is in both, and [`AreaIndex::finest`] picks the one
//! with the smaller id, so the answer never depends on the order areas were loaded in.

use crate::hierarchy::depth_of;
use crate::precision::finest_level_for;
use geo::{BoundingRect, Intersects};
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::RTree;
use vigil_domain::{Area, AreaId, AreaLevel, Location, Point};

/// An area's bounding box, with the area's position in [`AreaIndex::areas`].
type Entry = GeomWithData<Rectangle<[f64; 2]>, usize>;

/// The areas with a boundary, indexed by where they lie.
pub struct AreaIndex {
    areas: Vec<Area>,
    tree: RTree<Entry>,
}

impl AreaIndex {
    /// Indexes the areas that have a boundary; the others (countries implied by a file, areas
    /// known only by name) cannot contain a point and are left out.
    pub fn new(areas: impl IntoIterator<Item = Area>) -> Self {
        let mut kept = Vec::new();
        let mut entries = Vec::new();
        for area in areas {
            let Some(rect) = area.boundary.as_ref().and_then(|b| b.bounding_rect()) else {
                continue;
            };
            let (min, max) = (rect.min(), rect.max());
            entries.push(GeomWithData::new(
                Rectangle::from_corners([min.x, min.y], [max.x, max.y]),
                kept.len(),
            ));
            kept.push(area);
        }
        Self {
            areas: kept,
            tree: RTree::bulk_load(entries),
        }
    }

    /// How many areas are indexed.
    pub fn len(&self) -> usize {
        self.areas.len()
    }

    pub fn is_empty(&self) -> bool {
        self.areas.is_empty()
    }

    /// The indexed areas, in the order they were given.
    pub fn areas(&self) -> &[Area] {
        &self.areas
    }

    /// Positions of the areas whose bounding box holds the point: the candidates.
    fn candidates(&self, point: Point) -> Vec<usize> {
        self.tree
            .locate_all_at_point(&[point.lon(), point.lat()])
            .map(|entry| entry.data)
            .collect()
    }

    fn contains(&self, area: usize, point: Point) -> bool {
        let point = geo::Point::new(point.lon(), point.lat());
        self.areas[area]
            .boundary
            .as_ref()
            .is_some_and(|boundary| boundary.intersects(&point))
    }

    /// Every indexed area containing the point, from the country down to the neighbourhood
    /// (zones last), areas of one level by id.
    pub fn containing(&self, point: Point) -> Vec<&Area> {
        let mut found: Vec<&Area> = self
            .candidates(point)
            .into_iter()
            .filter(|&i| self.contains(i, point))
            .map(|i| &self.areas[i])
            .collect();
        found.sort_by(|a, b| {
            let depth = |area: &Area| depth_of(area.level).unwrap_or(u8::MAX);
            depth(a).cmp(&depth(b)).then_with(|| a.id.cmp(&b.id))
        });
        found
    }

    /// The deepest administrative area containing the point (zones are not part of the
    /// hierarchy and never chosen); of several at that depth, the one with the smallest id.
    pub fn finest(&self, point: Point) -> Option<AreaId> {
        self.finest_down_to(point, AreaLevel::Neighbourhood)
    }

    /// Like [`AreaIndex::finest`], but no finer than `finest_level`.
    pub fn finest_down_to(&self, point: Point, finest_level: AreaLevel) -> Option<AreaId> {
        let limit = depth_of(finest_level)?;
        let mut candidates: Vec<(u8, &AreaId, usize)> = self
            .candidates(point)
            .into_iter()
            .filter_map(|i| {
                let depth = depth_of(self.areas[i].level)?;
                (depth <= limit).then_some((depth, &self.areas[i].id, i))
            })
            .collect();
        // Deepest first, then by id: the first that really contains the point is the answer,
        // and the exact test (the costly part) runs on as few areas as possible.
        candidates.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        candidates
            .into_iter()
            .find(|&(_, _, i)| self.contains(i, point))
            .map(|(_, id, _)| id.clone())
    }

    /// The area a record at `location` is placed in: the deepest containing its point that
    /// the location's precision allows (see [`crate::finest_level_for`]). A record without a
    /// point (known only to an area) is not placed: its area is what its file says.
    pub fn area_for(&self, location: &Location) -> Option<AreaId> {
        if self.is_empty() {
            return None;
        }
        self.finest_down_to(location.point?, finest_level_for(location))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo_types::{polygon, MultiPolygon};
    use vigil_domain::GeoPrecision;

    /// A square area from (x0, y0) to (x1, y1).
    fn square(id: &str, level: AreaLevel, [x0, y0, x1, y1]: [f64; 4]) -> Area {
        let boundary: MultiPolygon<f64> = polygon![
            (x: x0, y: y0), (x: x1, y: y0), (x: x1, y: y1), (x: x0, y: y1), (x: x0, y: y0)
        ]
        .into();
        Area {
            id: AreaId::new(id).unwrap(),
            level,
            pcode: Some(id.into()),
            name_en: id.into(),
            name_ar: None,
            parent: None,
            boundary: Some(boundary),
            source: None,
        }
    }

    /// A governorate holding a district holding a sub-district holding two neighbourhoods that
    /// share the border x = 37.2; a country known by name only.
    fn nested() -> AreaIndex {
        let mut country = square("SY", AreaLevel::Country, [35.0, 32.0, 42.0, 37.5]);
        country.boundary = None;
        AreaIndex::new([
            square("N2", AreaLevel::Neighbourhood, [37.2, 36.1, 37.3, 36.3]),
            square("SY02", AreaLevel::Governorate, [36.0, 35.5, 38.5, 36.8]),
            square("SY020000", AreaLevel::SubDistrict, [37.0, 36.0, 37.4, 36.4]),
            square("N1", AreaLevel::Neighbourhood, [37.1, 36.1, 37.2, 36.3]),
            square("SY0200", AreaLevel::District, [36.8, 35.9, 37.6, 36.6]),
            country,
        ])
    }

    fn at(lon: f64, lat: f64) -> Point {
        Point::new(lon, lat).unwrap()
    }

    fn ids(areas: Vec<&Area>) -> Vec<&str> {
        areas.iter().map(|a| a.id.as_str()).collect()
    }

    #[test]
    fn a_point_inside_nested_areas_gets_the_deepest() {
        let index = nested();
        assert_eq!(index.len(), 5, "the country without a boundary is left out");
        let point = at(37.15, 36.2);
        assert_eq!(
            ids(index.containing(point)),
            ["SY02", "SY0200", "SY020000", "N1"]
        );
        assert_eq!(index.finest(point).unwrap().as_str(), "N1");
        // Inside the sub-district but in no neighbourhood: the sub-district.
        assert_eq!(index.finest(at(37.35, 36.35)).unwrap().as_str(), "SY020000");
    }

    #[test]
    fn a_point_outside_every_area_gets_none() {
        let index = nested();
        let point = at(30.0, 10.0);
        assert!(index.containing(point).is_empty());
        assert_eq!(index.finest(point), None);
        // Inside the governorate's bounding box, outside every neighbourhood's.
        assert_eq!(index.finest(at(36.1, 35.6)).unwrap().as_str(), "SY02");
    }

    #[test]
    fn a_point_on_a_shared_border_gets_the_smaller_id_whatever_the_order() {
        let index = nested();
        let border = at(37.2, 36.2);
        assert_eq!(
            ids(index.containing(border)),
            ["SY02", "SY0200", "SY020000", "N1", "N2"]
        );
        assert_eq!(index.finest(border).unwrap().as_str(), "N1");
        let reversed = AreaIndex::new(nested().areas().iter().rev().cloned());
        assert_eq!(reversed.finest(border).unwrap().as_str(), "N1");
    }

    #[test]
    fn a_coarse_location_is_placed_no_finer_than_its_precision() {
        let index = nested();
        let point = at(37.15, 36.2);
        let location = |precision: GeoPrecision| Location::with_precision(point, precision);
        assert_eq!(
            index
                .area_for(&location(GeoPrecision::Exact))
                .unwrap()
                .as_str(),
            "N1"
        );
        assert_eq!(
            index
                .area_for(&location(GeoPrecision::Governorate))
                .unwrap()
                .as_str(),
            "SY02"
        );
        assert_eq!(
            index
                .area_for(&location(GeoPrecision::WithinMeters(25_000)))
                .unwrap()
                .as_str(),
            "SY0200"
        );
        assert_eq!(index.area_for(&location(GeoPrecision::Country)), None);
    }

    #[test]
    fn zones_are_found_but_never_chosen() {
        let mut areas = nested().areas().to_vec();
        areas.push(square(
            "zone-east",
            AreaLevel::Zone,
            [37.14, 36.15, 37.16, 36.25],
        ));
        let index = AreaIndex::new(areas);
        let point = at(37.15, 36.2);
        assert_eq!(ids(index.containing(point)).last(), Some(&"zone-east"));
        assert_eq!(index.finest(point).unwrap().as_str(), "N1");
    }
}
