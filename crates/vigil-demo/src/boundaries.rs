//! OCHA's Syria boundaries shipped with the demo: the 14 governorates and Aleppo city's 109
//! neighbourhoods (update of 2016-09-05), read from GeoJSON into areas.

use ::geo::{Distance, Geodesic};
use geojson::{FeatureCollection, GeoJson};
use std::collections::BTreeMap;
use vigil_domain::*;

pub const GOVERNORATES: &str = include_str!("../data/syr_admin1.geojson");
pub const NEIGHBOURHOODS: &str = include_str!("../data/aleppo_neighbourhoods.geojson");

/// The source every boundary cites.
pub fn boundary_source() -> Source {
    Source {
        id: SourceId::new("src-ocha-cod-syr-2016-09-05").expect("a valid id"),
        kind: SourceKind::DatasetRow,
        title: "Syrian Arab Republic administrative boundaries and Aleppo city neighbourhoods \
                (common operational dataset, update 2016-09-05)"
            .into(),
        publisher: Some("UN OCHA, via the Humanitarian Data Exchange".into()),
        url: None,
        published_on: NaiveDate::from_ymd_opt(2016, 9, 5),
        protected: false,
    }
}

use chrono::NaiveDate;

/// Where a neighbourhood-precision record is placed, and how far the neighbourhood reaches.
#[derive(Debug, Clone, Copy)]
pub struct ReferencePoint {
    pub point: Point,
    /// Distance from the point to the farthest corner of the neighbourhood, in metres.
    pub reach_m: f64,
}

/// The areas of the demo, plus each neighbourhood's reference point by P-code.
pub struct Boundaries {
    pub areas: Vec<Area>,
    pub neighbourhoods: BTreeMap<String, ReferencePoint>,
}

#[derive(Debug, thiserror::Error)]
pub enum BoundaryError {
    #[error("boundary file {file}: {problem}")]
    Bad { file: &'static str, problem: String },
}

fn bad(file: &'static str, problem: impl Into<String>) -> BoundaryError {
    BoundaryError::Bad {
        file,
        problem: problem.into(),
    }
}

fn features(file: &'static str, text: &str) -> Result<FeatureCollection, BoundaryError> {
    match text
        .parse::<GeoJson>()
        .map_err(|e| bad(file, e.to_string()))?
    {
        GeoJson::FeatureCollection(fc) => Ok(fc),
        _ => Err(bad(file, "not a FeatureCollection")),
    }
}

fn property(feature: &geojson::Feature, name: &str) -> Option<String> {
    feature
        .property(name)
        .and_then(|v| v.as_str())
        .map(str::to_owned)
        .filter(|s| !s.is_empty() && s != "<Null>")
}

fn multipolygon(
    file: &'static str,
    feature: &geojson::Feature,
) -> Result<geo_types::MultiPolygon<f64>, BoundaryError> {
    let geometry = feature
        .geometry
        .clone()
        .ok_or_else(|| bad(file, "a feature has no geometry"))?;
    let geometry: geo_types::Geometry<f64> = geometry
        .try_into()
        .map_err(|e: geojson::Error| bad(file, e.to_string()))?;
    match geometry {
        geo_types::Geometry::Polygon(p) => Ok(p.into()),
        geo_types::Geometry::MultiPolygon(m) => Ok(m),
        _ => Err(bad(file, "a feature is not a polygon")),
    }
}

fn area_from(
    file: &'static str,
    feature: &geojson::Feature,
    level: AreaLevel,
    parent: Option<String>,
    source: &SourceId,
) -> Result<Area, BoundaryError> {
    let pcode = property(feature, "PCODE").ok_or_else(|| bad(file, "a feature has no PCODE"))?;
    Ok(Area {
        id: AreaId::new(pcode.clone()).map_err(|e| bad(file, e.to_string()))?,
        level,
        pcode: Some(pcode),
        name_en: property(feature, "NAME_EN")
            .ok_or_else(|| bad(file, "a feature has no NAME_EN"))?,
        name_ar: property(feature, "NAME_AR"),
        parent: parent
            .map(AreaId::new)
            .transpose()
            .map_err(|e| bad(file, e.to_string()))?,
        boundary: Some(multipolygon(file, feature)?),
        source: Some(source.clone()),
    })
}

/// Reads the shipped boundary files.
pub fn load() -> Result<Boundaries, BoundaryError> {
    let source = boundary_source().id;
    let mut areas = vec![Area {
        id: AreaId::new("SY").expect("a valid id"),
        level: AreaLevel::Country,
        pcode: Some("SY".into()),
        name_en: "Syrian Arab Republic".into(),
        name_ar: Some("الجمهورية العربية السورية".into()),
        parent: None,
        boundary: None,
        source: Some(source.clone()),
    }];
    for feature in features("syr_admin1.geojson", GOVERNORATES)?.features {
        areas.push(area_from(
            "syr_admin1.geojson",
            &feature,
            AreaLevel::Governorate,
            Some("SY".into()),
            &source,
        )?);
    }
    let mut neighbourhoods = BTreeMap::new();
    const FILE: &str = "aleppo_neighbourhoods.geojson";
    for feature in features(FILE, NEIGHBOURHOODS)?.features {
        // The sub-district and district levels are not shipped, so a neighbourhood's parent is
        // its governorate: the nearest level that is.
        let area = area_from(
            FILE,
            &feature,
            AreaLevel::Neighbourhood,
            property(&feature, "ADM1_PCODE"),
            &source,
        )?;
        let lon = feature.property("LONGITUDE").and_then(|v| v.as_f64());
        let lat = feature.property("LATITUDE").and_then(|v| v.as_f64());
        let (Some(lon), Some(lat)) = (lon, lat) else {
            return Err(bad(FILE, format!("{} has no LONGITUDE/LATITUDE", area.id)));
        };
        let point =
            Point::new(lon, lat).map_err(|e| bad(FILE, format!("{}: {}", area.id, e[0])))?;
        let reach_m = area
            .boundary
            .iter()
            .flat_map(|m| m.iter())
            .flat_map(|polygon| polygon.exterior().points())
            .map(|corner| Geodesic::distance(::geo::Point::new(lon, lat), corner))
            .fold(0.0, f64::max)
            .ceil();
        neighbourhoods.insert(area.id.to_string(), ReferencePoint { point, reach_m });
        areas.push(area);
    }
    Ok(Boundaries {
        areas,
        neighbourhoods,
    })
}
