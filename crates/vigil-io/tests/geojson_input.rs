//! GeoJSON specifics: errors point at features, ids and coordinates come from the Feature,
//! anything but a FeatureCollection is refused up front.

mod common;
use common::*;
use vigil_io::{read_sites, Format, ReadError};

fn feature(id: Option<&str>, coords: &str, properties: &str) -> String {
    let id = id.map(|i| format!("\"id\":\"{i}\",")).unwrap_or_default();
    format!(
        "{{\"type\":\"Feature\",{id}\"geometry\":{{\"type\":\"Point\",\"coordinates\":{coords}}},\"properties\":{properties}}}"
    )
}

#[test]
fn features_read_with_feature_ids_and_errors_name_the_feature() {
    let content = format!(
        "{{\"bbox\":[36,35,38,37],\"type\":\"FeatureCollection\",\"features\":[\n{},\n{},\n{}\n],\"name\":\"sites\"}}",
        feature(Some("m10"), "[37.1, 36.2]", r#"{"kind":"hospital","name":"M10","radius_m":250,"Colour":"red"}"#),
        feature(None, "[37.1, 95.5]", r#"{"id":"m2","kind":"hospital","name":"M2"}"#),
        feature(None, "[37.1, 36.2]", r#"{"id":7,"kind":"clinic","name":"C","notified_from":"2016-09-01","notified_parties":["ru","sy-gov"]}"#),
    );
    let dir = Dir::new();
    let path = dir.file("sites.txt", &content);
    assert_eq!(Format::of_file(&path).unwrap(), Format::GeoJson);
    let mut rows = read_sites(&path, Format::GeoJson).unwrap();
    let first = rows.next().unwrap().unwrap();
    assert_eq!((first.line, first.site.id.as_str()), (1, "m10"));
    assert_eq!(first.site.location.radius_m, 250.0);
    let err = rows.next().unwrap().unwrap_err();
    assert_eq!(err.line, 2);
    assert!(
        err.to_string()
            .ends_with(":2: column lat: feature 1: 95.5 is not a latitude (-90..90)"),
        "{err}"
    );
    let third = rows.next().unwrap().unwrap();
    assert_eq!(third.site.id.as_str(), "7");
    let parties: Vec<&str> = third
        .notification
        .as_ref()
        .unwrap()
        .parties
        .iter()
        .map(|p| p.as_str())
        .collect();
    assert_eq!(parties, ["ru", "sy-gov"]);
    assert!(rows.next().is_none());
    assert_eq!(rows.warnings(), ["unknown property 'Colour' ignored"]);
}

#[test]
fn a_non_point_geometry_or_broken_json_is_a_row_error() {
    let content = format!(
        "{{\"type\":\"FeatureCollection\",\"features\":[{},{{\"type\":\"Feature\",\"geometry\":{{\"type\":\"LineString\",\"coordinates\":[[1,2],[3,4]]}},\"properties\":{{}}}},{{\"type\":\"Feature\" \"geometry\"}}]}}",
        feature(Some("a"), "[37.1,36.2]", r#"{"kind":"school","name":"S"}"#),
    );
    let dir = Dir::new();
    let path = dir.file("s.geojson", &content);
    let rows = sites(&path, Format::GeoJson);
    assert_eq!(rows.len(), 3);
    assert!(rows[0].is_ok());
    let e = rows[1].as_ref().unwrap_err();
    assert_eq!(e.line, 2);
    assert_eq!(
        e.problem,
        "feature 1: the geometry is a LineString, expected a Point"
    );
    let e = rows[2].as_ref().unwrap_err();
    assert!(e.problem.starts_with("feature 2: not valid JSON"), "{e}");
}

#[test]
fn anything_but_a_feature_collection_is_refused() {
    let dir = Dir::new();
    for (name, content) in [
        ("feature.geojson", feature(Some("a"), "[1,2]", "{}")),
        ("array.geojson", "[1,2]".to_string()),
        (
            "nofeatures.geojson",
            "{\"type\":\"FeatureCollection\"}".to_string(),
        ),
        ("notjson.geojson", "id,kind\n".to_string()),
    ] {
        let path = dir.file(name, &content);
        match read_sites(&path, Format::GeoJson).err() {
            Some(ReadError::Format { problem, .. }) => {
                assert!(
                    problem.contains("not a GeoJSON FeatureCollection"),
                    "{name}: {problem}"
                )
            }
            other => panic!("{name}: {other:?}"),
        }
    }
}

#[test]
fn a_moved_geometry_wins_over_a_stale_lon_lat_property() {
    let content = format!(
        "{{\"type\":\"FeatureCollection\",\"features\":[{}]}}",
        feature(
            Some("a"),
            "[37.5, 36.2000000]",
            r#"{"kind":"school","name":"S","lon":37.1,"lat":36.20000001}"#
        ),
    );
    let dir = Dir::new();
    let path = dir.file("s.geojson", &content);
    let site = sites(&path, Format::GeoJson).remove(0).unwrap().site;
    assert_eq!(site.location.point.unwrap().lon(), 37.5);
    assert_eq!(site.location.point.unwrap().lat(), 36.20000001);
}
