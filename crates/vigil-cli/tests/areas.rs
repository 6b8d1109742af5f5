//! `vigil import --kind areas` with OCHA's real Syrian boundary files, and incidents and sites
//! placed in the finest area that contains them.

mod common;
use common::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use vigil_domain::{Area, AreaId, AreaLevel, IncidentId, SiteId};

fn store(dir: &Path) -> vigil_db::Database {
    database(dir)
}

fn import_areas(dir: &Path, name: &str) -> Run {
    import(dir, "areas", &real_data(name)).ok()
}

/// `vigil list areas` as rows of cells (columns are two or more spaces apart).
fn listed_areas(dir: &Path) -> Vec<Vec<String>> {
    let out = vigil(dir, &["list", "areas"]).ok().stdout;
    let mut lines = out.lines();
    assert_eq!(
        lines.next().map(str::split_whitespace).map(Vec::from_iter),
        Some(vec!["id", "level", "parent", "name", "name", "(Arabic)"])
    );
    lines
        .map(|line| {
            line.split("  ")
                .map(str::trim)
                .filter(|cell| !cell.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .collect()
}

fn incident_area(dir: &Path, id: &str) -> Option<String> {
    let incident = store(dir)
        .incident(&IncidentId::new(id).unwrap())
        .unwrap()
        .unwrap();
    incident.area.map(String::from)
}

fn site_area(dir: &Path, id: &str) -> Option<String> {
    let site = store(dir).site(&SiteId::new(id).unwrap()).unwrap().unwrap();
    site.area.map(String::from)
}

#[test]
fn the_syrian_boundaries_give_every_level_with_names_and_parents() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // The sub-districts first: their file has the country's English and Arabic names swapped,
    // and the country is added by the first file that names it.
    let first = import_areas(d, "syr_admin3.geojson");
    assert!(
        first.stdout.contains(
            "Imported syr_admin3.geojson: 272 areas read, 272 new, 0 changed, 0 unchanged, \
             0 skipped. New country area: SY."
        ),
        "{}",
        first.stdout
    );
    for (name, count) in [
        ("syr_admin2.geojson", 62),
        ("syr_admin1.geojson", 14),
        ("aleppo_neighbourhoods.geojson", 109),
    ] {
        let run = import_areas(d, name);
        let expected = format!(
            "Imported {name}: {count} areas read, {count} new, 0 changed, 0 unchanged, 0 skipped."
        );
        assert!(run.stdout.contains(&expected), "{}", run.stdout);
        assert!(!run.stdout.contains("New country area"), "{}", run.stdout);
    }

    let rows = listed_areas(d);
    let mut by_level: BTreeMap<&str, usize> = BTreeMap::new();
    for row in &rows {
        *by_level.entry(row[1].as_str()).or_default() += 1;
    }
    assert_eq!(
        by_level,
        BTreeMap::from([
            ("country", 1),
            ("governorate", 14),
            ("district", 62),
            ("sub_district", 272),
            ("neighbourhood", 109),
        ])
    );
    let sakhour = rows.iter().find(|row| row[0] == "N0139").unwrap();
    assert_eq!(
        sakhour,
        &[
            "N0139",
            "neighbourhood",
            "SY020000",
            "Al-Sakhour",
            "الصاخور"
        ]
    );
    let country = rows.iter().find(|row| row[0] == "SY").unwrap();
    assert_eq!(
        country,
        &[
            "SY",
            "country",
            "Syrian Arab Republic",
            "الجمهورية العربية السورية"
        ]
    );

    // Every parent is an area of the level above (a neighbourhood's is its sub-district).
    let areas = store(d).areas().unwrap();
    let level: BTreeMap<&AreaId, AreaLevel> = areas.iter().map(|a| (&a.id, a.level)).collect();
    let parent_level = |area: &Area| area.parent.as_ref().map(|p| level[p]);
    for area in &areas {
        let expected = match area.level {
            AreaLevel::Country => None,
            AreaLevel::Governorate => Some(AreaLevel::Country),
            AreaLevel::District => Some(AreaLevel::Governorate),
            AreaLevel::SubDistrict => Some(AreaLevel::District),
            AreaLevel::Neighbourhood => Some(AreaLevel::SubDistrict),
            AreaLevel::Zone => unreachable!("no zones in these files"),
        };
        assert_eq!(parent_level(area), expected, "{}", area.id);
        assert!(area.name_ar.is_some(), "{} has an Arabic name", area.id);
    }
    let district = areas.iter().find(|a| a.id.as_str() == "SY0200").unwrap();
    assert_eq!(
        (
            district.name_en.as_str(),
            district.parent.as_ref().unwrap().as_str()
        ),
        ("Jebel Saman", "SY02")
    );

    // Importing a file again changes nothing, the swapped one included.
    for (name, count) in [
        ("syr_admin3.geojson", 272),
        ("aleppo_neighbourhoods.geojson", 109),
    ] {
        let again = import_areas(d, name);
        let expected = format!(
            "Imported {name}: {count} areas read, 0 new, 0 changed, {count} unchanged, 0 skipped."
        );
        assert!(again.stdout.contains(&expected), "{}", again.stdout);
    }
    let runs = store(d).import_runs().unwrap();
    assert_eq!(runs.len(), 6);
    assert!(runs.iter().all(|r| r.record_kind == "areas"));
    assert_eq!(store(d).areas().unwrap().len(), 14 + 62 + 272 + 109 + 1);
}

/// Three incidents imported before the boundaries, all at the same point in Al-Sakhour: one
/// with no area, one naming its own, one placed only to the governorate.
const BEFORE: &str = "\
id,kind,lon,lat,radius_m,start,end,precision,area
inc-before,airstrike,37.19,36.22,0,2016-09-28,2016-09-28,,
inc-own,airstrike,37.19,36.22,0,2016-09-28,2016-09-28,,N0156
inc-coarse,shelling,37.19,36.22,100000,2016-09-28,2016-09-28,governorate,
";

/// One imported after them, in the old city (Al-Madina Old Souq).
const AFTER: &str = "\
id,kind,lon,lat,radius_m,start,end
inc-after,shelling,37.16,36.20,0,2016-09-29,2016-09-29
";

const SITES: &str = "\
id,kind,name,lon,lat,radius_m,notified_from,notified_to
site-sakhour,hospital,M10,37.19,36.22,0,2016-09-05,
";

#[test]
fn incidents_and_sites_are_placed_in_the_neighbourhood_that_contains_them() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let before = file(d, "before.csv", BEFORE);
    import(d, "incidents", &before).ok();
    import_text(d, "sites", "sites.csv", SITES).ok();
    assert_eq!(incident_area(d, "inc-before"), None);

    // The governorates first: both incidents without an area, and the site, are placed in
    // Aleppo governorate, and the findings are brought up to date.
    let governorates = import_areas(d, "syr_admin1.geojson");
    assert!(
        governorates
            .stdout
            .contains("Placed 2 incidents and 1 site in the finest area containing them."),
        "{}",
        governorates.stdout
    );
    assert!(
        governorates.stdout.contains("Findings:"),
        "{}",
        governorates.stdout
    );
    assert_eq!(incident_area(d, "inc-before").as_deref(), Some("SY02"));

    // Then the neighbourhoods: what was placed moves down to Al-Sakhour, as far as its
    // precision allows; an area a file named is kept.
    let neighbourhoods = import_areas(d, "aleppo_neighbourhoods.geojson");
    assert!(
        neighbourhoods.stderr.contains(
            "warning: aleppo_neighbourhoods.geojson: 109 areas name a parent that is not \
             stored (SY020000)"
        ),
        "{}",
        neighbourhoods.stderr
    );
    assert_eq!(incident_area(d, "inc-before").as_deref(), Some("N0139"));
    assert_eq!(incident_area(d, "inc-own").as_deref(), Some("N0156"));
    assert_eq!(incident_area(d, "inc-coarse").as_deref(), Some("SY02"));
    assert_eq!(site_area(d, "site-sakhour").as_deref(), Some("N0139"));
    let shown = vigil(d, &["show", "inc-before"]).ok().stdout;
    assert!(shown.contains("area N0139"), "{shown}");

    // An incident imported after the boundaries is placed as it is written.
    let after = file(d, "after.csv", AFTER);
    import(d, "incidents", &after).ok();
    assert_eq!(incident_area(d, "inc-after").as_deref(), Some("N0185"));

    // Re-importing any of the files changes nothing.
    let again = import(d, "incidents", &before).ok();
    assert!(
        again
            .stdout
            .contains("3 rows read, 0 new, 0 changed, 3 unchanged"),
        "{}",
        again.stdout
    );
    let again = import(d, "incidents", &after).ok();
    assert!(
        again
            .stdout
            .contains("1 rows read, 0 new, 0 changed, 1 unchanged"),
        "{}",
        again.stdout
    );
    let again = import(d, "sites", &d.join("sites.csv")).ok();
    assert!(
        again
            .stdout
            .contains("1 rows read, 0 new, 0 changed, 1 unchanged"),
        "{}",
        again.stdout
    );
    let again = import_areas(d, "aleppo_neighbourhoods.geojson");
    assert!(!again.stdout.contains("Placed"), "{}", again.stdout);
}

const BAD_BOUNDARIES: &str = r#"{"type": "FeatureCollection", "features": [
 {"type": "Feature",
  "properties": {"PCODE": "SY02", "NAME_EN": "Aleppo", "NAME_AR": "حلب", "ADM0_PCODE": "SY",
                 "ADM0_EN": "Syrian Arab Republic"},
  "geometry": {"type": "Polygon", "coordinates": [[[36,35],[38.5,35],[38.5,36.8],[36,36.8],[36,35]]]}},
 {"type": "Feature", "properties": {"PCODE": "<Null>", "NAME_EN": "Nowhere", "ADM0_PCODE": "SY"},
  "geometry": {"type": "Polygon", "coordinates": [[[36,35],[37,35],[37,36],[36,35]]]}},
 {"type": "Feature", "properties": {"PCODE": "SY05", "NAME_EN": "Hama", "ADM0_PCODE": "SY"},
  "geometry": {"type": "Point", "coordinates": [36.7, 35.1]}}
]}"#;

#[test]
fn a_bad_feature_rejects_the_boundary_file_unless_bad_rows_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let path = file(d, "admin1.geojson", BAD_BOUNDARIES);
    let run = import(d, "areas", &path);
    assert_eq!(run.code, 3, "{}", run.stderr);
    for expected in [
        "admin1.geojson: feature 1: no P-code",
        "admin1.geojson: feature 2: the geometry is a Point, not a Polygon or MultiPolygon",
        "admin1.geojson: 2 bad features of 3; nothing was imported",
    ] {
        assert!(run.stderr.contains(expected), "{}", run.stderr);
    }
    assert_eq!(store(d).counts().unwrap().areas, 0, "nothing was written");
    assert!(store(d).import_runs().unwrap().is_empty());

    let skipping = vigil(
        d,
        &[
            "import",
            "--kind",
            "areas",
            "--skip-bad-rows",
            path.to_str().unwrap(),
        ],
    )
    .ok();
    assert!(
        skipping.stdout.contains(
            "Imported admin1.geojson: 3 areas read, 1 new, 0 changed, 0 unchanged, 2 skipped. \
             New country area: SY."
        ),
        "{}",
        skipping.stdout
    );
    assert!(
        skipping.stderr.starts_with("skipped "),
        "{}",
        skipping.stderr
    );
    assert!(
        skipping
            .stderr
            .contains("admin1.geojson: feature 2: the geometry is a Point"),
        "{}",
        skipping.stderr
    );
    let ids: BTreeSet<String> = store(d)
        .areas()
        .unwrap()
        .into_iter()
        .map(|a| a.id.to_string())
        .collect();
    assert_eq!(ids, BTreeSet::from(["SY".to_string(), "SY02".to_string()]));
}

#[test]
fn areas_cannot_be_exported_and_are_read_from_geojson_only() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    import_areas(d, "syr_admin1.geojson");
    let export = vigil(d, &["export", "--kind", "areas"]);
    assert_eq!(export.code, 2, "{}", export.stderr);
    assert!(
        export.stderr.contains("areas cannot be exported"),
        "{}",
        export.stderr
    );
    assert!(export.stdout.is_empty());

    let csv = file(d, "areas.csv", "id,name\nSY02,Aleppo\n");
    let run = import(d, "areas", &csv);
    assert_eq!(run.code, 3);
    assert!(
        run.stderr.contains("areas.csv: not valid GeoJSON"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_dry_run_of_a_boundary_file_counts_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let file = real_data("syr_admin1.geojson");
    // Recognised as boundaries from its polygons, without --kind.
    let run = vigil(d, &["import", "--dry-run", file.to_str().unwrap()]).ok();
    assert!(
        run.stdout
            .contains("Dry run of syr_admin1.geojson: 14 areas read, 14 new, 0 changed, 0 unchanged, 0 bad. Nothing was written."),
        "{}",
        run.stdout
    );
    assert_eq!(store(d).areas().unwrap().len(), 0);
}
