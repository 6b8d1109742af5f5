//! Import, export and import again: the canonical files survive the round trip, and
//! importing the same file twice changes nothing.

mod common;
use common::*;

#[test]
fn sites_round_trip_through_csv_and_reimport_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let sites = file(d, "sites.csv", SITES_CSV);

    let first = import(d, "sites", &sites).ok();
    assert!(
        first
            .stdout
            .contains("3 rows read, 3 new, 0 changed, 0 unchanged, 0 skipped"),
        "{}",
        first.stdout
    );
    let again = import(d, "sites", &sites).ok();
    assert!(
        again
            .stdout
            .contains("3 rows read, 0 new, 0 changed, 3 unchanged"),
        "{}",
        again.stdout
    );

    let exported = vigil(d, &["export", "--kind", "sites", "--format", "csv"])
        .ok()
        .stdout;
    assert!(exported.starts_with("id,kind,name,lon,lat,radius_m,notified_from,notified_to"));
    assert!(
        exported.contains("site-m2,hospital,M2,37.1702,36.2231,0,2016-09-05,2016-10-31"),
        "{exported}"
    );

    // The export imports as is into the same database, changing nothing…
    let export_file = file(d, "export.csv", &exported);
    let same = import(d, "sites", &export_file).ok();
    assert!(
        same.stdout.contains("0 new, 0 changed, 3 unchanged"),
        "{}",
        same.stdout
    );

    // …and into a fresh one, where exporting again gives the same bytes.
    let fresh = tempfile::tempdir().unwrap();
    import(fresh.path(), "sites", &export_file).ok();
    let second = vigil(fresh.path(), &["export", "--kind", "sites"])
        .ok()
        .stdout;
    assert_eq!(exported, second);
}

#[test]
fn incidents_round_trip_through_csv_and_geojson() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    import_text(d, "sites", "s.csv", SITES_CSV).ok();
    let incidents = file(d, "incidents.csv", INCIDENTS_CSV);
    import(d, "incidents", &incidents).ok();
    let again = import(d, "incidents", &incidents).ok();
    assert!(
        again.stdout.contains("0 new, 0 changed, 3 unchanged"),
        "{}",
        again.stdout
    );

    let csv = vigil(d, &["export", "--kind", "incidents"]).ok().stdout;
    // A day-level end is written back as the day; exact times as instants.
    assert!(
        csv.contains("inc-2,barrel_bomb,37.1703,36.2232,0,2016-10-01,2016-10-03"),
        "{csv}"
    );
    assert!(
        csv.contains("2016-09-23T14:30:00Z,2016-09-23T15:00:00Z"),
        "{csv}"
    );
    let csv_file = file(d, "out.csv", &csv);
    let same = import(d, "incidents", &csv_file).ok();
    assert!(
        same.stdout.contains("0 new, 0 changed, 3 unchanged"),
        "{}",
        same.stdout
    );

    let geojson = vigil(d, &["export", "--kind", "incidents", "--format", "geojson"])
        .ok()
        .stdout;
    let value: serde_json::Value = serde_json::from_str(&geojson).unwrap();
    assert_eq!(value["type"], "FeatureCollection");
    let features = value["features"].as_array().unwrap();
    assert_eq!(features.len(), 3);
    // RFC 7946: longitude first.
    assert_eq!(features[0]["geometry"]["coordinates"][0], 37.1894);
    assert_eq!(features[0]["geometry"]["coordinates"][1], 36.2126);

    // The GeoJSON export imports into a fresh database and exports the same CSV.
    let fresh = tempfile::tempdir().unwrap();
    let geo_file = file(d, "incidents.geojson", &geojson);
    import(fresh.path(), "incidents", &geo_file).ok();
    assert_eq!(
        vigil(fresh.path(), &["export", "--kind", "incidents"])
            .ok()
            .stdout,
        csv
    );
}

#[test]
fn list_and_show_read_what_was_imported() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    import_text(d, "sites", "s.csv", SITES_CSV).ok();
    import_text(d, "incidents", "i.csv", INCIDENTS_CSV).ok();

    let counts = vigil(d, &["list"]).ok().stdout;
    assert!(
        counts
            .lines()
            .any(|l| l.split_whitespace().collect::<Vec<_>>() == ["sites", "3"]),
        "{counts}"
    );
    assert!(
        counts
            .lines()
            .any(|l| l.split_whitespace().collect::<Vec<_>>() == ["incidents", "3"]),
        "{counts}"
    );

    let zones = vigil(d, &["list", "zones"]).ok().stdout;
    assert!(
        zones.starts_with("id") && zones.contains("(none)"),
        "{zones}"
    );

    let imports = vigil(d, &["list", "imports"]).ok().stdout;
    assert!(
        imports.contains("s.csv") && imports.contains("i.csv"),
        "{imports}"
    );

    let site = vigil(d, &["show", "site-m2"]).ok().stdout;
    assert!(site.contains("Site site-m2: M2 (hospital)"), "{site}");
    assert!(site.contains("valid 2016-09-05 to 2016-10-31"), "{site}");

    let missing = vigil(d, &["show", "nowhere"]);
    assert_eq!(missing.code, 4);
    assert!(missing
        .stderr
        .contains("no site or incident has id 'nowhere'"));
}

/// The demo's own records (several sources per incident, sourced status entries and
/// notifications) export to canonical CSV and GeoJSON that import back into the same database
/// changing nothing.
#[test]
fn the_demo_exports_and_reimports_as_is() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    vigil(d, &["demo"]).ok();
    for (kind, format, name) in [
        ("sites", "csv", "sites.csv"),
        ("incidents", "csv", "incidents.csv"),
        ("sites", "geojson", "sites.geojson"),
        ("incidents", "geojson", "incidents.geojson"),
    ] {
        let exported = vigil(d, &["export", "--kind", kind, "--format", format])
            .ok()
            .stdout;
        let path = file(d, name, &exported);
        let run = import(d, kind, &path).ok();
        assert!(
            run.stdout.contains(" 0 new, 0 changed,"),
            "{kind} as {format}: {}",
            run.stdout
        );
    }
}
