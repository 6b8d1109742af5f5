//! Conservative lon/lat boxes around a point: every point within a geodesic distance lies in
//! them, so an R-tree lookup with them never misses a candidate (exact distances are computed
//! afterwards, only for what the boxes let through).
//!
//! Why the bounds hold: along any path, latitude changes by at most `ds / M` and longitude by
//! at most `ds / (N cos φ)`, where M (meridian radius) is never below `a(1 − e²)` and N (prime
//! vertical radius) never below `a`. A point within `r` of P is reached by a path of length
//! `r` that stays within `Δφ = r / M_min` of P's latitude, so within `r / (a cos φ_max)` of its
//! longitude, with `φ_max = |φ| + Δφ`. Boxes that reach a pole span every longitude; boxes
//! that cross ±180° are split in two so each stays within −180..180.

use rstar::AABB;
use vigil_domain::Point;

/// Metres per degree of latitude, at least: `a(1 − e²)·π/180` = 110 574.3 m for WGS84 (at the
/// equator), rounded down.
const MIN_M_PER_DEGREE_LAT: f64 = 110_574.0;

/// Metres per degree of longitude on the equator, at least: `a·π/180` = 111 319.5 m, rounded
/// down. At latitude φ a degree of longitude is at least this times cos φ.
const MIN_M_PER_DEGREE_LON_AT_EQUATOR: f64 = 111_319.0;

/// Slack added to every radius so floating-point rounding can never shave off a candidate on
/// the boundary; a metre costs nothing in candidates.
const SLACK_M: f64 = 1.0;

/// The boxes (one, or two when crossing ±180°) holding every point within `radius_m` of `p`.
pub(crate) fn boxes_around(p: Point, radius_m: f64) -> Vec<AABB<[f64; 2]>> {
    let r = radius_m.max(0.0) + SLACK_M;
    let d_lat = r / MIN_M_PER_DEGREE_LAT;
    let lat_min = (p.lat() - d_lat).max(-90.0);
    let lat_max = (p.lat() + d_lat).min(90.0);
    let furthest_from_equator = p.lat().abs() + d_lat;
    let d_lon = if furthest_from_equator >= 90.0 {
        f64::INFINITY
    } else {
        r / (MIN_M_PER_DEGREE_LON_AT_EQUATOR * furthest_from_equator.to_radians().cos())
    };
    if d_lon >= 180.0 {
        return vec![AABB::from_corners([-180.0, lat_min], [180.0, lat_max])];
    }
    let (west, east) = (p.lon() - d_lon, p.lon() + d_lon);
    let part = |w: f64, e: f64| AABB::from_corners([w, lat_min], [e, lat_max]);
    if west < -180.0 {
        vec![part(-180.0, east), part(west + 360.0, 180.0)]
    } else if east > 180.0 {
        vec![part(west, 180.0), part(-180.0, east - 360.0)]
    } else {
        vec![part(west, east)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geodesic::distance_m;
    use rstar::Envelope;

    fn pt(lon: f64, lat: f64) -> Point {
        Point::new(lon, lat).unwrap()
    }

    fn contains(boxes: &[AABB<[f64; 2]>], p: Point) -> bool {
        boxes.iter().any(|b| b.contains_point(&[p.lon(), p.lat()]))
    }

    #[test]
    fn every_point_within_the_radius_is_inside_the_boxes() {
        // Points on circles of the radius around centres at several latitudes, including
        // across the antimeridian and near a pole.
        for &(lon, lat) in &[(37.1, 36.2), (179.99, 0.0), (-179.99, -60.0), (10.0, 89.9)] {
            let centre = pt(lon, lat);
            let radius = 25_000.0;
            let boxes = boxes_around(centre, radius);
            for step in 0..360 {
                let (lat2, lon2): (f64, f64) = geographiclib_rs::DirectGeodesic::direct(
                    crate::geodesic::wgs84(),
                    lat,
                    lon,
                    f64::from(step),
                    radius,
                );
                let on_circle = pt(lon2, lat2);
                assert!(distance_m(centre, on_circle) <= radius + 1e-6);
                assert!(contains(&boxes, on_circle), "{lon},{lat} at {step}°");
            }
        }
    }

    #[test]
    fn boxes_crossing_the_antimeridian_are_split() {
        let boxes = boxes_around(pt(179.999, 10.0), 1_000.0);
        assert_eq!(boxes.len(), 2);
        assert!(contains(&boxes, pt(-179.999, 10.0)));
        assert!(!contains(&boxes, pt(0.0, 10.0)));
    }

    #[test]
    fn boxes_reaching_a_pole_span_every_longitude() {
        let boxes = boxes_around(pt(0.0, 89.99), 5_000.0);
        assert_eq!(boxes.len(), 1);
        assert!(contains(&boxes, pt(180.0, 89.99)));
        assert!(contains(&boxes, pt(-90.0, 90.0)));
    }
}
