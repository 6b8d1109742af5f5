//! How fine an area a location is precise enough to be placed in.
//!
//! A point given "to the governorate" is usually the governorate's centre: the neighbourhood
//! around that centre says nothing about where the event happened, and naming it would make
//! the cross-check compare the wrong areas (an area-level match requires the site's area to lie
//! in the incident's). So a location is placed no finer than its precision: a named precision
//! (`district`, `governorate`, …) allows that level and coarser; a radius allows the finest
//! level whose nominal radius (the default radius of that precision, e.g. 1 km for a
//! neighbourhood) is at least as large.

use vigil_domain::{AreaLevel, GeoPrecision, Location};

/// The admin levels from finest to coarsest, with the precision of the same name.
const LEVELS: [(AreaLevel, GeoPrecision); 5] = [
    (AreaLevel::Neighbourhood, GeoPrecision::Neighbourhood),
    (AreaLevel::SubDistrict, GeoPrecision::SubDistrict),
    (AreaLevel::District, GeoPrecision::District),
    (AreaLevel::Governorate, GeoPrecision::Governorate),
    (AreaLevel::Country, GeoPrecision::Country),
];

/// The finest level of area `location` can be placed in.
pub fn finest_level_for(location: &Location) -> AreaLevel {
    match location.precision {
        GeoPrecision::Exact | GeoPrecision::WithinMeters(_) => LEVELS
            .iter()
            .find(|(_, precision)| location.radius_m <= precision.default_radius_m())
            .map_or(AreaLevel::Country, |(level, _)| *level),
        named => LEVELS
            .iter()
            .find(|(_, precision)| *precision == named)
            .map_or(AreaLevel::Country, |(level, _)| *level),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vigil_domain::Point;

    fn at(precision: GeoPrecision, radius_m: f64) -> AreaLevel {
        let point = Point::new(37.16, 36.2).unwrap();
        finest_level_for(&Location {
            point: Some(point),
            precision,
            radius_m,
        })
    }

    #[test]
    fn a_precise_point_may_go_down_to_a_neighbourhood() {
        assert_eq!(at(GeoPrecision::Exact, 0.0), AreaLevel::Neighbourhood);
        assert_eq!(
            at(GeoPrecision::WithinMeters(250), 250.0),
            AreaLevel::Neighbourhood
        );
    }

    #[test]
    fn a_coarse_point_stops_at_its_precision() {
        assert_eq!(
            at(GeoPrecision::WithinMeters(25_000), 25_000.0),
            AreaLevel::District
        );
        assert_eq!(
            at(GeoPrecision::Governorate, 100_000.0),
            AreaLevel::Governorate
        );
        assert_eq!(
            at(GeoPrecision::SubDistrict, 10_000.0),
            AreaLevel::SubDistrict
        );
        assert_eq!(
            at(GeoPrecision::WithinMeters(900_000), 900_000.0),
            AreaLevel::Country
        );
    }
}
