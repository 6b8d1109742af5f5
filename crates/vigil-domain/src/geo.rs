//! Where: WGS84 points, how precisely a place is known, and the radius that follows from it.
//!
//! Geo precision is its own type, distinct from time precision, so the two cannot be swapped.

use crate::error::{Problems, ValidationError};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A WGS84 longitude/latitude pair in degrees, checked to be on the globe.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "[f64; 2]", into = "[f64; 2]")]
pub struct Point {
    lon: f64,
    lat: f64,
}

impl Point {
    pub fn new(lon: f64, lat: f64) -> Result<Self, Vec<ValidationError>> {
        let mut problems = Problems::new();
        if let Err(p) = check_lon(lon) {
            problems.push("lon", p);
        }
        if let Err(p) = check_lat(lat) {
            problems.push("lat", p);
        }
        problems.finish()?;
        Ok(Self { lon, lat })
    }

    pub fn lon(&self) -> f64 {
        self.lon
    }

    pub fn lat(&self) -> f64 {
        self.lat
    }
}

impl TryFrom<[f64; 2]> for Point {
    type Error = String;
    fn try_from([lon, lat]: [f64; 2]) -> Result<Self, Self::Error> {
        Point::new(lon, lat).map_err(|errors| {
            errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        })
    }
}

impl From<Point> for [f64; 2] {
    fn from(p: Point) -> Self {
        [p.lon, p.lat]
    }
}

/// The rule for a longitude, as a message naming the value.
pub fn check_lon(lon: f64) -> Result<(), String> {
    if lon.is_finite() && (-180.0..=180.0).contains(&lon) {
        Ok(())
    } else {
        Err(format!("{lon} is not a longitude (-180..180)"))
    }
}

/// The rule for a latitude, as a message naming the value.
pub fn check_lat(lat: f64) -> Result<(), String> {
    if lat.is_finite() && (-90.0..=90.0).contains(&lat) {
        Ok(())
    } else {
        Err(format!("{lat} is not a latitude (-90..90)"))
    }
}

/// How precisely a place is known.
///
/// Finer than district it supports a claim about a single site; district and wider only an
/// area-level claim (DESIGN.md, Cross-check semantics).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GeoPrecision {
    /// The point itself (radius 0 unless a footprint radius is given).
    Exact,
    /// Somewhere within this many metres of the point.
    WithinMeters(u32),
    Neighbourhood,
    SubDistrict,
    District,
    Governorate,
    Country,
}

impl GeoPrecision {
    /// The radius, in metres, assumed when a record gives a precision but no radius.
    pub fn default_radius_m(self) -> f64 {
        match self {
            GeoPrecision::Exact => 0.0,
            GeoPrecision::WithinMeters(m) => f64::from(m),
            GeoPrecision::Neighbourhood => 1_000.0,
            GeoPrecision::SubDistrict => 10_000.0,
            GeoPrecision::District => 30_000.0,
            GeoPrecision::Governorate => 100_000.0,
            GeoPrecision::Country => 500_000.0,
        }
    }

    /// Whether a location this precise can only support an area-level finding.
    pub fn is_area_level(self) -> bool {
        matches!(
            self,
            GeoPrecision::District | GeoPrecision::Governorate | GeoPrecision::Country
        )
    }

    /// The precision a bare radius stands for: "within N m" with N the nearest whole metre
    /// (so it agrees with the radius within the half metre [`Location::validate`] allows), and
    /// exact for radii under half a metre.
    pub fn from_radius(radius_m: f64) -> Self {
        let metres = radius_m.round();
        if metres < 1.0 {
            GeoPrecision::Exact
        } else {
            GeoPrecision::WithinMeters(metres.min(f64::from(u32::MAX)) as u32)
        }
    }

    /// A sentence fragment for people: "within 250 m", "neighbourhood".
    pub fn describe(self) -> String {
        match self {
            GeoPrecision::Exact => "exact".into(),
            GeoPrecision::WithinMeters(m) => format!("within {m} m"),
            other => other.to_string().replace('_', "-"),
        }
    }
}

impl fmt::Display for GeoPrecision {
    /// The code used in files: `exact`, `250m`, `neighbourhood`, `sub_district`, …
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GeoPrecision::Exact => f.write_str("exact"),
            GeoPrecision::WithinMeters(m) => write!(f, "{m}m"),
            GeoPrecision::Neighbourhood => f.write_str("neighbourhood"),
            GeoPrecision::SubDistrict => f.write_str("sub_district"),
            GeoPrecision::District => f.write_str("district"),
            GeoPrecision::Governorate => f.write_str("governorate"),
            GeoPrecision::Country => f.write_str("country"),
        }
    }
}

impl FromStr for GeoPrecision {
    type Err = ValidationError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let text = s.trim().to_ascii_lowercase();
        let fixed = match text.as_str() {
            "exact" => Some(GeoPrecision::Exact),
            "neighbourhood" | "neighborhood" => Some(GeoPrecision::Neighbourhood),
            "sub_district" | "subdistrict" | "sub-district" => Some(GeoPrecision::SubDistrict),
            "district" => Some(GeoPrecision::District),
            "governorate" | "province" | "admin1" => Some(GeoPrecision::Governorate),
            "country" => Some(GeoPrecision::Country),
            _ => None,
        };
        if let Some(p) = fixed {
            return Ok(p);
        }
        // "250m", "within 250 m", "within_250m"
        let digits = text
            .trim_start_matches("within")
            .trim_start_matches(['_', ' '])
            .trim_end_matches('m')
            .trim();
        match digits.parse::<u32>() {
            Ok(0) => Ok(GeoPrecision::Exact),
            Ok(m) => Ok(GeoPrecision::WithinMeters(m)),
            Err(_) => Err(ValidationError::new(
                "",
                format!(
                    "unknown geo precision '{s}' (expected exact, a distance such as 250m, \
                     neighbourhood, sub_district, district, governorate or country)"
                ),
            )),
        }
    }
}

impl Serialize for GeoPrecision {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for GeoPrecision {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse()
            .map_err(|e: ValidationError| serde::de::Error::custom(e.problem))
    }
}

/// A place as a record states it: a point, how precise it is, and the radius it stands for.
///
/// The point is missing only where the record gives none and says the place is no more precise
/// than a district, governorate or country (a data set's country-level row without
/// coordinates): such a record keeps the precision it has rather than an invented point.
/// Sites always have a point ([`crate::Site::validate`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub point: Option<Point>,
    pub precision: GeoPrecision,
    /// Metres around the point within which the place lies (a site's footprint, an incident's
    /// uncertainty). "within 250 m" has radius 250.
    pub radius_m: f64,
}

impl Location {
    /// A location, checking that the radius is a distance and agrees with the precision.
    pub fn new(
        point: Point,
        precision: GeoPrecision,
        radius_m: f64,
    ) -> Result<Self, Vec<ValidationError>> {
        let location = Self {
            point: Some(point),
            precision,
            radius_m,
        };
        location.validate()?;
        Ok(location)
    }

    /// A location whose radius is the default of its precision.
    pub fn with_precision(point: Point, precision: GeoPrecision) -> Self {
        Self {
            point: Some(point),
            precision,
            radius_m: precision.default_radius_m(),
        }
    }

    /// A place known only to an area of this precision (district or coarser), without a
    /// point; its radius is the precision's default.
    pub fn area_only(precision: GeoPrecision) -> Result<Self, Vec<ValidationError>> {
        let location = Self {
            point: None,
            precision,
            radius_m: precision.default_radius_m(),
        };
        location.validate()?;
        Ok(location)
    }

    pub fn validate(&self) -> Result<(), Vec<ValidationError>> {
        let mut problems = Problems::new();
        if self.point.is_none() && !self.precision.is_area_level() {
            problems.push(
                "point",
                format!(
                    "is required at precision '{}' (only a district, governorate or \
                     country-level place may lack coordinates)",
                    self.precision.describe()
                ),
            );
        }
        if let Err(p) = check_radius(self.radius_m) {
            problems.push("radius_m", p);
        } else if let GeoPrecision::WithinMeters(m) = self.precision {
            if (self.radius_m - f64::from(m)).abs() > 0.5 {
                problems.push(
                    "radius_m",
                    format!(
                        "{} disagrees with precision 'within {m} m' (expected {m})",
                        self.radius_m
                    ),
                );
            }
        }
        problems.finish()
    }
}

/// The rule for a radius in metres.
pub fn check_radius(radius_m: f64) -> Result<(), String> {
    if radius_m.is_finite() && (0.0..=20_037_509.0).contains(&radius_m) {
        Ok(())
    } else {
        Err(format!(
            "{radius_m} is not a radius in metres (0 up to half the Earth's circumference)"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latitude_out_of_range_names_value_and_range() {
        let errors = Point::new(37.1, 95.5).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "lat");
        assert_eq!(errors[0].problem, "95.5 is not a latitude (-90..90)");
    }

    #[test]
    fn longitude_out_of_range_and_not_a_number_are_rejected() {
        assert_eq!(Point::new(181.0, 0.0).unwrap_err()[0].field, "lon");
        assert_eq!(Point::new(f64::NAN, 0.0).unwrap_err()[0].field, "lon");
        assert_eq!(Point::new(0.0, f64::INFINITY).unwrap_err()[0].field, "lat");
        assert!(Point::new(-180.0, -90.0).is_ok());
    }

    #[test]
    fn negative_radius_is_rejected() {
        let p = Point::new(37.0, 36.0).unwrap();
        let errors = Location::new(p, GeoPrecision::Exact, -1.0).unwrap_err();
        assert_eq!(errors[0].field, "radius_m");
    }

    #[test]
    fn radius_must_agree_with_within_precision() {
        let p = Point::new(37.0, 36.0).unwrap();
        assert!(Location::new(p, GeoPrecision::WithinMeters(250), 250.0).is_ok());
        let errors = Location::new(p, GeoPrecision::WithinMeters(250), 300.0).unwrap_err();
        assert!(errors[0].problem.contains("disagrees"));
    }

    #[test]
    fn precision_codes_round_trip_and_bad_codes_are_explained() {
        for code in [
            "exact",
            "250m",
            "neighbourhood",
            "sub_district",
            "district",
            "governorate",
            "country",
        ] {
            let p: GeoPrecision = code.parse().unwrap();
            assert_eq!(p.to_string(), code);
        }
        assert_eq!(
            "within 250 m".parse::<GeoPrecision>().unwrap(),
            GeoPrecision::WithinMeters(250)
        );
        let err = "street".parse::<GeoPrecision>().unwrap_err();
        assert!(err.problem.contains("unknown geo precision 'street'"));
    }

    #[test]
    fn coarse_precisions_are_area_level() {
        assert!(!GeoPrecision::Neighbourhood.is_area_level());
        assert!(GeoPrecision::District.is_area_level());
        assert_eq!(GeoPrecision::from_radius(0.0), GeoPrecision::Exact);
        assert_eq!(
            GeoPrecision::from_radius(250.0),
            GeoPrecision::WithinMeters(250)
        );
    }

    #[test]
    fn a_fractional_radius_gives_a_precision_its_location_accepts() {
        let p = Point::new(37.0, 36.0).unwrap();
        for (radius, expected) in [
            (250.3, GeoPrecision::WithinMeters(250)),
            (250.7, GeoPrecision::WithinMeters(251)),
            (0.3, GeoPrecision::Exact),
        ] {
            let precision = GeoPrecision::from_radius(radius);
            assert_eq!(precision, expected);
            assert!(Location::new(p, precision, radius).is_ok(), "{radius}");
        }
    }
}
