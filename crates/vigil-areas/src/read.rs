//! Reading a boundary file: a GeoJSON FeatureCollection of Polygon and MultiPolygon features,
//! one area per feature, plus the countries the features lie in.

use crate::error::{FeatureError, ReadError};
use crate::geometry::boundary;
use crate::hierarchy::{level_at, place, Placement};
use crate::names::english_and_arabic;
use crate::properties::Properties;
use geojson::{Feature, GeoJson};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use vigil_domain::{Area, AreaId, AreaLevel, SourceId, ValidationError};

/// What a boundary file holds.
#[derive(Debug, Clone, Default)]
pub struct Boundaries {
    /// One area per good feature, in file order.
    pub areas: Vec<Area>,
    /// The countries the features lie in, as their `ADM0_PCODE`, `ADM0_EN` and `ADM0_AR` name
    /// them: without a boundary, so that governorates have a parent to point to. A country
    /// that is itself a feature of the file is in `areas` instead. Ordered by id.
    pub countries: Vec<Area>,
    /// Every feature that gives no area, in file order.
    pub bad: Vec<FeatureError>,
    /// How many features the file has, good and bad.
    pub features: usize,
}

/// Reads the boundary file at `path`; see [`parse_boundaries`].
pub fn read_boundaries(path: &Path, source: Option<&SourceId>) -> Result<Boundaries, ReadError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| ReadError::Io {
        file: file.clone(),
        source,
    })?;
    parse_boundaries(&file, &bytes, source)
}

/// Reads the areas of a boundary file's content. `file` names it in messages; every area
/// cites `source`. A feature that gives no area is reported in [`Boundaries::bad`] and the
/// others are still read, so one pass shows every problem; the caller decides whether to go
/// on without them.
pub fn parse_boundaries(
    file: &str,
    bytes: &[u8],
    source: Option<&SourceId>,
) -> Result<Boundaries, ReadError> {
    let geojson: GeoJson = serde_json::from_slice(bytes).map_err(|e| ReadError::NotGeoJson {
        file: file.to_owned(),
        problem: e.to_string(),
    })?;
    let features = match geojson {
        GeoJson::FeatureCollection(collection) => collection.features,
        GeoJson::Feature(_) => return Err(not_a_collection(file, "Feature")),
        GeoJson::Geometry(_) => return Err(not_a_collection(file, "Geometry")),
    };

    let mut out = Boundaries {
        features: features.len(),
        ..Boundaries::default()
    };
    let properties: Vec<Properties> = features
        .iter()
        .map(|f| Properties::new(f.properties.as_ref()))
        .collect();
    // A file that gives any feature a PCODE gives it to all: one without is missing its own.
    let own_expected = properties.iter().any(Properties::has_pcode_property);
    let mut countries: BTreeMap<String, Area> = BTreeMap::new();
    // Where each P-code was first seen: a second feature with the same code would silently
    // replace the first area when stored.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (index, (feature, props)) in features.iter().zip(&properties).enumerate() {
        let bad = |problem: String| FeatureError {
            file: file.to_owned(),
            index,
            problem,
        };
        let (area, country) = match read_feature(feature, props, own_expected, source) {
            Ok(read) => read,
            Err(problems) => {
                out.bad.push(bad(problems.join("; ")));
                continue;
            }
        };
        if let Some(first) = seen.get(area.id.as_str()) {
            out.bad.push(bad(format!(
                "P-code {} is already used by feature {first}",
                area.id
            )));
            continue;
        }
        seen.insert(area.id.to_string(), index);
        if let Some(country) = country {
            countries.entry(country.id.to_string()).or_insert(country);
        }
        out.areas.push(area);
    }
    out.countries = countries
        .into_values()
        .filter(|country| !seen.contains_key(country.id.as_str()))
        .collect();
    Ok(out)
}

fn not_a_collection(file: &str, found: &'static str) -> ReadError {
    ReadError::NotACollection {
        file: file.to_owned(),
        found,
    }
}

/// The area of one feature and the country it lies in, or every problem it has.
fn read_feature(
    feature: &Feature,
    props: &Properties,
    own_expected: bool,
    source: Option<&SourceId>,
) -> Result<(Area, Option<Area>), Vec<String>> {
    let mut problems = Vec::new();
    let shape = boundary(feature.geometry.as_ref())
        .map_err(|problem| problems.push(problem))
        .ok();
    // Without a P-code nothing else can be said of the feature; with one, its other problems
    // are reported with the geometry's.
    let Placement {
        pcode,
        depth,
        parent,
    } = match place(props.pcode(), &props.admin, own_expected) {
        Ok(placement) => placement,
        Err(problem) => {
            problems.insert(0, problem);
            return Err(problems);
        }
    };

    // The names of the feature's own ADMn group, when its code is the feature's: the newer
    // layout names a district only as ADM2_EN / ADM2_AR.
    let own_unit = props
        .admin
        .get(&depth)
        .filter(|unit| unit.pcode.as_deref() == Some(pcode.as_str()));
    let en = props
        .first(&["nameen"])
        .or_else(|| own_unit.and_then(|u| u.name_en.as_deref()))
        .or_else(|| props.first(&["name"]));
    let ar = props
        .first(&["namear"])
        .or_else(|| own_unit.and_then(|u| u.name_ar.as_deref()));
    let (name_en, name_ar) = english_and_arabic(en, ar);
    if name_en.is_none() {
        problems.push(format!(
            "P-code {pcode}: no English name (NAME_EN, ADM{depth}_EN, name_en or name)"
        ));
    }

    let id = area_id(&pcode, &mut problems);
    let parent = parent.and_then(|p| area_id(&p, &mut problems));
    let country = if depth > 0 {
        props.admin.get(&0).and_then(|unit| {
            let pcode = unit.pcode.as_deref()?;
            let (en, ar) = english_and_arabic(unit.name_en.as_deref(), unit.name_ar.as_deref());
            let id = area_id(pcode, &mut problems)?;
            Some(Area {
                id,
                level: AreaLevel::Country,
                pcode: Some(pcode.to_owned()),
                // A country named by its code alone still gives its governorates a parent.
                name_en: en.unwrap_or_else(|| pcode.to_owned()),
                name_ar: ar,
                parent: None,
                boundary: None,
                source: source.cloned(),
            })
        })
    } else {
        None
    };
    let (Some(id), Some(name_en), Some(shape)) = (id, name_en, shape) else {
        return Err(problems);
    };
    let area = Area {
        id,
        level: level_at(depth),
        pcode: Some(pcode.clone()),
        name_en,
        name_ar,
        parent,
        boundary: Some(shape),
        source: source.cloned(),
    };
    for checked in std::iter::once(&area).chain(&country) {
        if let Err(errors) = checked.validate() {
            problems.extend(errors.iter().map(|e| describe(checked, e)));
        }
    }
    if problems.is_empty() {
        Ok((area, country))
    } else {
        Err(problems)
    }
}

fn area_id(pcode: &str, problems: &mut Vec<String>) -> Option<AreaId> {
    AreaId::new(pcode)
        .map_err(|e| problems.push(format!("P-code '{pcode}': {}", e.problem)))
        .ok()
}

fn describe(area: &Area, error: &ValidationError) -> String {
    if area.level == AreaLevel::Country {
        format!("country {} (ADM0_*): {error}", area.id)
    } else {
        format!("P-code {}: {error}", area.id)
    }
}
