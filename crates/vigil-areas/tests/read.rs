//! Reading boundary files: OCHA's real Syrian files (from `../shared/data/real`, beside the
//! checkout), and small files with the mistakes users make.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use vigil_areas::{parse_boundaries, read_boundaries, AreaIndex, Boundaries};
use vigil_domain::{Area, AreaLevel, Point, SourceId};

fn real(name: &str) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/real")
        .join(name);
    assert!(
        path.exists(),
        "{} is missing: the real data files are expected in shared/data/real beside the checkout",
        path.display()
    );
    path
}

fn read_real(name: &str) -> Boundaries {
    let source = SourceId::new("file:test").unwrap();
    let read = read_boundaries(&real(name), Some(&source)).unwrap();
    assert!(read.bad.is_empty(), "{name}: {:?}", read.bad);
    read
}

fn by_id(areas: &[Area]) -> BTreeMap<&str, &Area> {
    areas.iter().map(|a| (a.id.as_str(), a)).collect()
}

#[test]
fn the_syrian_files_give_their_levels_names_and_parents() {
    let admin1 = read_real("syr_admin1.geojson");
    let admin2 = read_real("syr_admin2.geojson");
    let admin3 = read_real("syr_admin3.geojson");
    let city = read_real("aleppo_neighbourhoods.geojson");
    for (read, count, level) in [
        (&admin1, 14, AreaLevel::Governorate),
        (&admin2, 62, AreaLevel::District),
        (&admin3, 272, AreaLevel::SubDistrict),
        (&city, 109, AreaLevel::Neighbourhood),
    ] {
        assert_eq!(read.features, count);
        assert_eq!(read.areas.len(), count);
        assert!(read.areas.iter().all(|a| a.level == level), "{level}");
        assert!(read.areas.iter().all(|a| a.name_ar.is_some()), "{level}");
        assert!(read.areas.iter().all(|a| a.boundary.is_some()), "{level}");
    }

    let governorates = by_id(&admin1.areas);
    let districts = by_id(&admin2.areas);
    let sub_districts = by_id(&admin3.areas);
    assert_eq!(governorates["SY02"].name_en, "Aleppo");
    assert_eq!(governorates["SY02"].name_ar.as_deref(), Some("حلب"));
    assert!(admin1
        .areas
        .iter()
        .all(|a| a.parent.as_ref().map(|p| p.as_str()) == Some("SY")));
    for district in &admin2.areas {
        let parent = district.parent.as_ref().expect("a district has a parent");
        assert!(
            governorates.contains_key(parent.as_str()),
            "{}",
            district.id
        );
    }
    for sub_district in &admin3.areas {
        let parent = sub_district.parent.as_ref().expect("a parent");
        assert!(
            districts.contains_key(parent.as_str()),
            "{}",
            sub_district.id
        );
    }
    // A neighbourhood's parent is its sub-district, not the city code (C1007) it also carries.
    let parents: BTreeSet<&str> = city
        .areas
        .iter()
        .map(|a| a.parent.as_ref().unwrap().as_str())
        .collect();
    assert!(
        parents.iter().all(|p| sub_districts.contains_key(p)),
        "{parents:?}"
    );
    let sakhour = by_id(&city.areas)["N0139"];
    assert_eq!(sakhour.name_en, "Al-Sakhour");
    assert_eq!(sakhour.name_ar.as_deref(), Some("الصاخور"));
    assert_eq!(sakhour.parent.as_ref().unwrap().as_str(), "SY020000");
    // Its Arabic name is given three times, one per line, in the file.
    let dallain = by_id(&city.areas)["N0164"];
    assert_eq!(dallain.name_ar.as_deref(), Some("الدلالين"));

    // Every file names the country; the sub-district file has its names the wrong way round.
    for read in [&admin1, &admin2, &admin3, &city] {
        assert_eq!(read.countries.len(), 1);
        let country = &read.countries[0];
        assert_eq!(
            (country.id.as_str(), country.level, country.name_en.as_str()),
            ("SY", AreaLevel::Country, "Syrian Arab Republic")
        );
        assert_eq!(
            country.name_ar.as_deref(),
            Some("الجمهورية العربية السورية")
        );
        assert!(country.boundary.is_none());
    }
}

#[test]
fn the_real_boundaries_place_a_point_in_al_sakhour_and_its_parents() {
    let areas = [
        "syr_admin1.geojson",
        "syr_admin2.geojson",
        "syr_admin3.geojson",
        "aleppo_neighbourhoods.geojson",
    ]
    .iter()
    .flat_map(|name| read_real(name).areas);
    let index = AreaIndex::new(areas);
    let in_sakhour = Point::new(37.19, 36.22).unwrap();
    let containing: Vec<&str> = index
        .containing(in_sakhour)
        .iter()
        .map(|a| a.id.as_str())
        .collect();
    assert_eq!(containing, ["SY02", "SY0200", "SY020000", "N0139"]);
    assert_eq!(index.finest(in_sakhour).unwrap().as_str(), "N0139");
    // Out at sea, west of Latakia.
    assert_eq!(index.finest(Point::new(35.0, 35.5).unwrap()), None);
}

const BAD_FILE: &str = r#"{"type": "FeatureCollection", "features": [
 {"type": "Feature", "properties": {"PCODE": "SY02", "NAME_EN": "Aleppo", "ADM0_PCODE": "SY"},
  "geometry": {"type": "Polygon", "coordinates": [[[36,35],[38,35],[38,37],[36,37],[36,35]]]}},
 {"type": "Feature", "properties": {"PCODE": "<Null>", "NAME_EN": "Nowhere", "ADM0_PCODE": "SY"},
  "geometry": {"type": "Polygon", "coordinates": [[[36,35],[38,35],[38,37],[36,37],[36,35]]]}},
 {"type": "Feature", "properties": {"PCODE": "SY03", "NAME_EN": "Hama", "ADM0_PCODE": "SY"},
  "geometry": {"type": "Point", "coordinates": [36.7, 35.1]}},
 {"type": "Feature", "properties": {"PCODE": "SY02", "NAME_EN": "Aleppo again", "ADM0_PCODE": "SY"},
  "geometry": {"type": "Polygon", "coordinates": [[[36,35],[38,35],[38,37],[36,37],[36,35]]]}},
 {"type": "Feature", "properties": {"pcode": "SY04", "ADM0_PCODE": "SY"}, "geometry": null}
]}"#;

#[test]
fn every_bad_feature_is_named_with_its_file_and_index() {
    let read = parse_boundaries("bad.geojson", BAD_FILE.as_bytes(), None).unwrap();
    assert_eq!(read.features, 5);
    assert_eq!(read.areas.len(), 1, "the good feature is still read");
    let bad: Vec<String> = read.bad.iter().map(ToString::to_string).collect();
    assert_eq!(bad.len(), 4, "{bad:#?}");
    assert!(
        bad[0].starts_with("bad.geojson: feature 1: no P-code"),
        "{}",
        bad[0]
    );
    assert_eq!(
        bad[1],
        "bad.geojson: feature 2: the geometry is a Point, not a Polygon or MultiPolygon"
    );
    assert_eq!(
        bad[2],
        "bad.geojson: feature 3: P-code SY02 is already used by feature 0"
    );
    // Both problems of one feature, at once.
    assert!(
        bad[3].starts_with("bad.geojson: feature 4: no geometry"),
        "{}",
        bad[3]
    );
    assert!(
        bad[3].contains("P-code SY04: no English name"),
        "{}",
        bad[3]
    );
}

#[test]
fn a_file_that_is_not_a_feature_collection_is_refused_as_a_whole() {
    let err = parse_boundaries(
        "one.geojson",
        br#"{"type": "Point", "coordinates": [1, 2]}"#,
        None,
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "one.geojson: a GeoJSON Geometry, not a FeatureCollection of boundaries"
    );
    let err = parse_boundaries("broken.geojson", b"{\"type\": ", None).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("broken.geojson: not valid GeoJSON"),
        "{err}"
    );
}
