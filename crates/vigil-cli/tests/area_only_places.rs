//! A record known only to a country or governorate keeps that precision without invented
//! coordinates; a finer record without coordinates is a bad row.

mod common;
use common::*;

const COUNTRY_LEVEL: &str = "\
id,kind,lon,lat,radius_m,start,end,precision
inc-somewhere-in-syria,airstrike,,,,2016-09-20,,country
inc-aleppo-city,airstrike,37.16,36.2,1000,2016-09-20,,
";

#[test]
fn a_country_level_incident_without_coordinates_is_kept_at_that_precision() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let path = file(d, "incidents.csv", COUNTRY_LEVEL);
    import(d, "incidents", &path).ok();
    let shown = vigil(d, &["show", "inc-somewhere-in-syria"]).ok();
    assert!(
        shown
            .stdout
            .contains("no coordinates, country, radius 500000 m"),
        "{}",
        shown.stdout
    );
    // Written back with empty coordinates, and read again to the same record.
    let exported = vigil(d, &["export", "--kind", "incidents"]).ok();
    assert!(
        exported
            .stdout
            .contains("inc-somewhere-in-syria,airstrike,,,500000,2016-09-20"),
        "{}",
        exported.stdout
    );
    let again = file(d, "again.csv", &exported.stdout);
    let run = import(d, "incidents", &again).ok();
    assert!(
        run.stdout.contains("0 new, 0 changed, 2 unchanged"),
        "{}",
        run.stdout
    );
    // In GeoJSON it is a feature without geometry, never a point at 0, 0; and reads back.
    let geojson = vigil(d, &["export", "--kind", "incidents", "--format", "geojson"]).ok();
    let collection: serde_json::Value = serde_json::from_str(&geojson.stdout).unwrap();
    let feature = collection["features"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "inc-somewhere-in-syria")
        .expect("the feature is exported");
    assert!(feature["geometry"].is_null(), "{feature}");
    let again = file(d, "again.geojson", &geojson.stdout);
    let run = import(d, "incidents", &again).ok();
    assert!(
        run.stdout.contains("0 new, 0 changed, 2 unchanged"),
        "{}",
        run.stdout
    );
    // The cross-check runs over it without placing it anywhere.
    vigil(d, &["check", "--format", "csv"]).ok();
}

#[test]
fn a_fine_precision_row_without_coordinates_names_the_column() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let path = file(
        d,
        "incidents.csv",
        "id,kind,lon,lat,radius_m,start,end\ninc-1,airstrike,,,250,2016-09-20,\n",
    );
    let run = import(d, "incidents", &path);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("incidents.csv:2: column lon: is required at precision"),
        "{}",
        run.stderr
    );
    let half = file(
        d,
        "half.csv",
        "id,kind,lon,lat,radius_m,start,end,precision\ninc-1,airstrike,37.1,,,2016-09-20,,country\n",
    );
    let run = import(d, "incidents", &half);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr.contains("half.csv:2: column lat:"),
        "{}",
        run.stderr
    );
}
