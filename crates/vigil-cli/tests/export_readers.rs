//! `vigil export` read back by the tools its users read it with: GeoJSON by GDAL's `ogrinfo`,
//! HXL by libhxl (the HXL reference library), the canonical CSV by a CSV parser. Also the
//! `--area`, `--from` and `--to` filters, checked in all three formats.
//!
//! The readers are installed by `scripts/test-tools.sh` (see `readers`); these tests fail when it
//! cannot install them.

mod common;
mod readers;

use common::{import_text, vigil};
use readers::{ogr_features, ogr_summary, read_hxl};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use tempfile::TempDir;
use vigil_io::{
    INCIDENT_OPTIONAL_COLUMNS, INCIDENT_REQUIRED_COLUMNS, SITE_OPTIONAL_COLUMNS,
    SITE_REQUIRED_COLUMNS,
};

/// A scratch directory with the Aleppo 2016 demo loaded: a country, its governorates, Aleppo's
/// neighbourhoods under governorate SY02, and records placed in them.
fn demo() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    vigil(dir.path(), &["demo"]).ok();
    dir
}

/// `vigil ARGS` into `dir/name`; the path.
fn export_to(dir: &Path, name: &str, args: &[&str]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, vigil(dir, args).ok().stdout).unwrap();
    path
}

/// The rows of a canonical CSV export, each as column → value.
fn csv_rows(text: &str) -> Vec<BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|record| {
            let record = record.unwrap();
            headers
                .iter()
                .zip(record.iter())
                .map(|(h, v)| (h.to_owned(), v.to_owned()))
                .collect()
        })
        .collect()
}

fn set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|id| id.to_string()).collect()
}

/// The ids `vigil export --kind KIND FILTER…` writes, read in every format by that format's
/// reader: CSV by the csv crate, GeoJSON by ogrinfo, HXL by libhxl. Asserts that the three agree.
fn exported_ids(dir: &Path, kind: &str, filter: &[&str]) -> BTreeSet<String> {
    let export = |format: &str, name: &str| {
        let mut args = vec!["export", "--kind", kind, "--format", format];
        args.extend_from_slice(filter);
        export_to(dir, name, &args)
    };
    let csv_path = export("csv", "filtered.csv");
    let csv: BTreeSet<String> = csv_rows(&std::fs::read_to_string(csv_path).unwrap())
        .into_iter()
        .map(|row| row["id"].clone())
        .collect();

    let geojson_path = export("geojson", "filtered.geojson");
    let geojson: BTreeSet<String> = ogr_features(&geojson_path)
        .into_iter()
        .map(|feature| feature["id"].clone())
        .collect();
    assert_eq!(ogr_summary(&geojson_path).feature_count, geojson.len());

    let id_tag = if kind == "sites" {
        "#loc+id"
    } else {
        "#event+id"
    };
    let hxl_file = read_hxl(&export("hxl", "filtered.hxl.csv"), &[]);
    assert!(hxl_file.errors.is_empty(), "{:?}", hxl_file.errors);
    let hxl: BTreeSet<String> = hxl_file.column(id_tag).into_iter().collect();

    assert_eq!(csv, geojson, "CSV and GeoJSON of {kind} {filter:?} differ");
    assert_eq!(csv, hxl, "CSV and HXL of {kind} {filter:?} differ");
    csv
}

#[test]
fn geojson_exports_load_in_gdal_as_point_layers_with_every_column() {
    let dir = demo();
    let d = dir.path();
    for (kind, columns, id, field, value, point) in [
        (
            "incidents",
            [INCIDENT_REQUIRED_COLUMNS, INCIDENT_OPTIONAL_COLUMNS].concat(),
            "inc-convoy-urum-20160919",
            "kind",
            "airstrike",
            "POINT (36.9479 36.1491)",
        ),
        (
            "sites",
            [SITE_REQUIRED_COLUMNS, SITE_OPTIONAL_COLUMNS].concat(),
            "site-m10",
            "name",
            "M10 hospital (al-Sakhour), eastern Aleppo",
            // The geometry is rounded to 7 decimals (about 1 cm).
            "POINT (37.1897754 36.219539)",
        ),
    ] {
        let canonical = csv_rows(&vigil(d, &["export", "--kind", kind]).ok().stdout);
        assert!(!canonical.is_empty());
        let path = export_to(
            d,
            &format!("{kind}.geojson"),
            &["export", "--kind", kind, "--format", "geojson"],
        );

        let summary = ogr_summary(&path);
        assert_eq!(summary.geometry, "Point", "{kind}");
        assert_eq!(summary.feature_count, canonical.len(), "{kind}");
        let fields: BTreeSet<&str> = summary.fields.keys().map(String::as_str).collect();
        assert_eq!(fields, columns.iter().copied().collect(), "{kind}");
        assert_eq!(summary.fields["lon"], "Real");
        assert_eq!(summary.fields["lat"], "Real");
        assert_eq!(summary.fields["id"], "String");

        // GDAL's extent is the bounding box of the exported points (it prints 6 decimals).
        let coordinates = |column: &str| -> Vec<f64> {
            canonical
                .iter()
                .map(|row| row[column].parse().unwrap())
                .collect()
        };
        let min = |column| {
            coordinates(column)
                .into_iter()
                .fold(f64::INFINITY, f64::min)
        };
        let max = |column| {
            coordinates(column)
                .into_iter()
                .fold(f64::NEG_INFINITY, f64::max)
        };
        let (x0, y0, x1, y1) = summary.extent.expect("an extent");
        for (gdal, ours) in [
            (x0, min("lon")),
            (y0, min("lat")),
            (x1, max("lon")),
            (y1, max("lat")),
        ] {
            assert!(
                (gdal - ours).abs() < 1e-6,
                "{kind}: extent {gdal} vs {ours}"
            );
        }

        let features = ogr_features(&path);
        let feature = features
            .iter()
            .find(|f| f.get("id").map(String::as_str) == Some(id))
            .unwrap_or_else(|| panic!("no feature {id} in {features:?}"));
        assert_eq!(feature[field], value);
        assert_eq!(feature["geometry"], point);
        let row = canonical.iter().find(|row| row["id"] == id).unwrap();
        assert_eq!(feature["area"], row["area"]);
    }
}

#[test]
fn hxl_incidents_read_in_libhxl_with_standard_tags_and_one_sources_figures() {
    let dir = demo();
    let d = dir.path();
    let canonical = csv_rows(&vigil(d, &["export", "--kind", "incidents"]).ok().stdout);
    let path = export_to(
        d,
        "incidents.hxl.csv",
        &["export", "--kind", "incidents", "--format", "hxl"],
    );
    let patterns = [
        "#geo+lat",
        "#affected+killed",
        "#event+type",
        "#event+type+acled",
    ];
    let file = read_hxl(&path, &patterns);

    assert!(file.errors.is_empty(), "libhxl's schema: {:?}", file.errors);
    let tags: BTreeSet<&str> = file.tags.iter().map(String::as_str).collect();
    for tag in [
        "#event+id",
        "#date+start",
        "#date+end",
        "#country+name",
        "#country+code",
        "#adm1+name",
        "#adm1+code",
        "#geo+lat",
        "#geo+lon",
        "#geo+precision",
        "#event+type",
        "#event+type+acled",
        "#affected+killed",
        "#affected+killed+min",
        "#affected+killed+max",
        "#affected+injured",
        "#affected+killed+civilians",
        "#affected+killed+children",
        "#affected+injured+health_workers",
        "#group+perp+name",
        "#description",
        "#meta+source",
        "#meta+certainty",
    ] {
        assert!(tags.contains(tag), "no {tag} in {:?}", file.tags);
    }
    assert_eq!(tags.len(), file.tags.len(), "a tag is used twice");
    assert_eq!(file.headers[0], "Incident ID");
    assert_eq!(file.rows.len(), canonical.len());

    let convoy = file.row("#event+id", "inc-convoy-urum-20160919");
    assert_eq!(convoy.get["#geo+lat"].as_deref(), Some("36.1491"));
    assert_eq!(convoy.get["#event+type"].as_deref(), Some("airstrike"));
    assert_eq!(
        convoy.get["#event+type+acled"].as_deref(),
        Some("Explosions/Remote violence")
    );
    assert_eq!(convoy.values["#event+type+acled+sub"], "Air/drone strike");
    // The demo records 10 people killed per the UN Board of Inquiry, then 31 per Insecurity
    // Insight; the first report's source (OCHA) gave none. One source's figure, the first
    // recorded, never 41.
    assert_eq!(convoy.get["#affected+killed"].as_deref(), Some("10"));
    assert_eq!(convoy.values["#affected+killed+min"], "10");
    // 14 aid workers killed per the COI, 18 per another source: 14, never 32.
    assert_eq!(convoy.values["#affected+killed+aid_workers"], "14");
    assert_eq!(convoy.values["#affected+injured"], "22");
    assert_eq!(convoy.values["#affected+killed+children"], "");
    assert_eq!(convoy.values["#date+start"], "2016-09-19");
    assert_eq!(convoy.values["#meta+certainty"], "confirmed");
    // Its area is governorate SY02 itself, inside the country SY.
    assert_eq!(convoy.values["#adm1+name"], "Aleppo");
    assert_eq!(convoy.values["#adm1+code"], "SY02");
    assert_eq!(convoy.values["#country+code"], "SY");
    assert_eq!(convoy.values["#country+name"], "Syrian Arab Republic");
    assert!(
        convoy.values["#group+perp+name"].starts_with("Syrian Arab Republic"),
        "party names, not ids: {}",
        convoy.values["#group+perp+name"]
    );
    assert_eq!(convoy.values["#group+perp+grade"], "probable; plausible");

    // Vigil's `unknown` kind has no ACLED equivalent.
    let unknown = file.row("#event+id", "inc-m2-20160928-0330");
    assert_eq!(unknown.values["#event+type"], "unknown");
    assert_eq!(unknown.values["#event+type+acled"], "");

    // A neighbourhood's incident is placed in its governorate through the parent links.
    let m10 = file.row("#event+id", "inc-m10-20160928-0400");
    assert_eq!(m10.values["#adm1+code"], "SY02");
    assert_eq!(m10.values["#date+start"], "2016-09-28T00:30:00Z");
    assert_eq!(m10.values["#date+end"], "2016-09-28T01:30:00Z");
    assert_eq!(m10.values["#adm2+code"], "", "the demo ships no districts");

    // Sources appear by id, exactly as the canonical CSV names them; nothing more about them.
    for row in &canonical {
        let hxl_row = file.row("#event+id", &row["id"]);
        assert_eq!(hxl_row.values["#meta+source"], row["source"]);
    }
}

#[test]
fn hxl_prefers_the_figure_of_the_rows_own_source_and_keeps_its_range_whole() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    import_text(
        d,
        "incidents",
        "incidents.csv",
        "id,kind,lon,lat,radius_m,start,end,casualties,source\n\
         inc-x,shelling,37.1,36.2,0,2016-09-23,,\
         people:killed:5/6/8@src-a;people:killed:7;aid_workers:killed:12/13/14;\
         children:injured:2@src-a,src-b\n",
    )
    .ok();
    let path = export_to(
        d,
        "x.hxl.csv",
        &["export", "--kind", "incidents", "--format", "hxl"],
    );
    let file = read_hxl(&path, &[]);
    assert!(file.errors.is_empty(), "{:?}", file.errors);
    let row = file.row("#event+id", "inc-x");
    // src-b's own 7, although src-a's 5/6/8 was recorded first; its low and high with it.
    assert_eq!(row.values["#affected+killed"], "7");
    assert_eq!(row.values["#affected+killed+min"], "7");
    assert_eq!(row.values["#affected+killed+max"], "7");
    assert_eq!(row.values["#affected+killed+aid_workers"], "13");
    assert_eq!(row.values["#affected+killed+aid_workers+min"], "12");
    assert_eq!(row.values["#affected+killed+aid_workers+max"], "14");
    assert_eq!(row.values["#affected+injured+children"], "2");
    // No group is added up into another: nobody reported everyone injured.
    assert_eq!(row.values["#affected+injured"], "");
}

#[test]
fn hxl_sites_read_in_libhxl() {
    let dir = demo();
    let d = dir.path();
    let canonical = csv_rows(&vigil(d, &["export", "--kind", "sites"]).ok().stdout);
    let path = export_to(
        d,
        "sites.hxl.csv",
        &["export", "--kind", "sites", "--format", "hxl"],
    );
    let file = read_hxl(&path, &["#geo+lat", "#loc+name"]);
    assert!(file.errors.is_empty(), "libhxl's schema: {:?}", file.errors);
    for tag in [
        "#loc+id",
        "#loc+name",
        "#loc+type",
        "#geo+lat",
        "#geo+lon",
        "#adm1+name",
        "#adm1+code",
        "#status",
        "#date+notified+start",
        "#date+notified+end",
        "#meta+sensitivity",
    ] {
        assert!(
            file.tags.iter().any(|t| t == tag),
            "no {tag} in {:?}",
            file.tags
        );
    }
    assert_eq!(file.headers[0], "Site ID");
    assert_eq!(file.rows.len(), canonical.len());

    let m10 = file.row("#loc+id", "site-m10");
    assert_eq!(
        m10.get["#loc+name"].as_deref(),
        Some("M10 hospital (al-Sakhour), eastern Aleppo")
    );
    assert_eq!(m10.get["#geo+lat"].as_deref(), Some("36.2195389617"));
    assert_eq!(m10.values["#loc+type"], "hospital");
    assert_eq!(m10.values["#meta+sensitivity"], "restricted");
    assert_eq!(m10.values["#status"], "non_functional");
    assert_eq!(m10.values["#date+notified+start"], "2016-09-05");
    assert_eq!(m10.values["#date+notified+end"], "", "still in force");
    assert_eq!(m10.values["#adm1+code"], "SY02");
}

#[test]
fn area_filter_keeps_the_area_and_every_area_below_it_in_every_format() {
    let dir = demo();
    let d = dir.path();
    let all_incidents: BTreeSet<String> =
        csv_rows(&vigil(d, &["export", "--kind", "incidents"]).ok().stdout)
            .into_iter()
            .map(|row| row["id"].clone())
            .collect();

    // A neighbourhood: only its own records.
    assert_eq!(
        exported_ids(d, "incidents", &["--area", "N0139"]),
        set(&[
            "inc-m10-20160928-0400",
            "inc-m10-20161001",
            "inc-m10-20161003"
        ])
    );
    assert_eq!(
        exported_ids(d, "sites", &["--area", "N0139"]),
        set(&["site-m10"])
    );
    // Its governorate: the records placed in the governorate itself (the convoy) and those in
    // its neighbourhoods, which is every demo incident.
    let governorate = exported_ids(d, "incidents", &["--area", "SY02"]);
    assert!(governorate.contains("inc-convoy-urum-20160919"));
    assert!(governorate.contains("inc-m10-20161001"));
    assert_eq!(governorate, all_incidents);
    // Area and period together.
    assert_eq!(
        exported_ids(
            d,
            "incidents",
            &[
                "--area",
                "N0171",
                "--from",
                "2016-09-28",
                "--to",
                "2016-09-28"
            ]
        ),
        set(&["inc-m2-20160928-0330", "inc-m2-20160928-1000"])
    );
    // Another governorate, with nothing in it: valid, empty files.
    assert_eq!(exported_ids(d, "sites", &["--area", "SY01"]), set(&[]));
}

#[test]
fn an_unknown_area_or_a_reversed_period_is_an_error_and_writes_nothing() {
    let dir = demo();
    let d = dir.path();
    for args in [
        [
            "export",
            "--kind",
            "incidents",
            "--area",
            "NOWHERE",
            "--format",
            "csv",
        ],
        [
            "export", "--kind", "sites", "--area", "NOWHERE", "--format", "hxl",
        ],
    ] {
        let run = vigil(d, &args);
        assert_eq!(run.code, 4, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains("'NOWHERE'"), "{}", run.stderr);
        assert_eq!(run.stdout, "");
    }
    let reversed = vigil(
        d,
        &[
            "export",
            "--kind",
            "incidents",
            "--from",
            "2016-10-01",
            "--to",
            "2016-09-01",
        ],
    );
    assert_eq!(reversed.code, 3, "{}", reversed.stderr);
    assert!(
        reversed.stderr.contains("--to is before --from"),
        "{}",
        reversed.stderr
    );
    assert_eq!(reversed.stdout, "");
}

const INCIDENTS: &str = "\
id,kind,lon,lat,radius_m,start,end
day-1,shelling,37.1,36.2,0,2016-09-01,
span,shelling,37.1,36.2,0,2016-09-03,2016-09-05
late-night,shelling,37.1,36.2,0,2016-09-07T23:59:59Z,
early,shelling,37.1,36.2,0,2016-09-08T00:00:00Z,
";

const SITES: &str = "\
id,kind,name,lon,lat,radius_m,notified_from,notified_to,notification_withdrawn_at
s-before,hospital,Before,37.1,36.2,0,2016-08-01,2016-08-31,
s-edge,hospital,Edge,37.1,36.2,0,2016-08-15,2016-09-01,
s-open,hospital,Open,37.1,36.2,0,2016-09-10,,
s-after,hospital,After,37.1,36.2,0,2016-09-11,,
s-none,hospital,Never notified,37.1,36.2,0,,,
s-withdrawn,hospital,Withdrawn,37.1,36.2,0,2016-08-01,2016-12-31,2016-08-20T00:00:00Z
";

#[test]
fn period_filter_includes_both_days_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    import_text(d, "sites", "sites.csv", SITES).ok();
    import_text(d, "incidents", "incidents.csv", INCIDENTS).ok();

    // Incidents whose span overlaps the period: one ending on its first day, one starting in
    // the last second of its last day; not one starting the second after.
    assert_eq!(
        exported_ids(
            d,
            "incidents",
            &["--from", "2016-09-05", "--to", "2016-09-07"]
        ),
        set(&["span", "late-night"])
    );
    assert_eq!(
        exported_ids(d, "incidents", &["--to", "2016-09-03"]),
        set(&["day-1", "span"])
    );
    assert_eq!(
        exported_ids(d, "incidents", &["--from", "2016-09-08"]),
        set(&["early"])
    );

    // Sites whose notification was in force on some day of the period: one whose window ends
    // on the first day, one whose window opens on the last; none without a notification.
    assert_eq!(
        exported_ids(d, "sites", &["--from", "2016-09-01", "--to", "2016-09-10"]),
        set(&["s-edge", "s-open"])
    );
    // Withdrawn at the first instant of the period: still in force that day …
    assert_eq!(
        exported_ids(d, "sites", &["--from", "2016-08-20", "--to", "2016-08-20"]),
        set(&["s-before", "s-edge", "s-withdrawn"])
    );
    // … and no longer the day after.
    assert_eq!(
        exported_ids(d, "sites", &["--from", "2016-08-21", "--to", "2016-08-21"]),
        set(&["s-before", "s-edge"])
    );
}

#[test]
fn an_export_with_nothing_in_it_is_a_valid_empty_file_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    import_text(d, "incidents", "incidents.csv", INCIDENTS).ok();
    // 2 September 2016 falls between the first two incidents.
    let empty = ["--from", "2016-09-02", "--to", "2016-09-02"];
    let export = |format: &str, name: &str| {
        let mut args = vec!["export", "--kind", "incidents", "--format", format];
        args.extend_from_slice(&empty);
        export_to(d, name, &args)
    };

    let csv = std::fs::read_to_string(export("csv", "empty.csv")).unwrap();
    assert_eq!(
        csv,
        format!(
            "{}\n",
            [INCIDENT_REQUIRED_COLUMNS, INCIDENT_OPTIONAL_COLUMNS]
                .concat()
                .join(",")
        )
    );

    let geojson = export("geojson", "empty.geojson");
    assert_eq!(ogr_summary(&geojson).feature_count, 0);

    let hxl_path = export("hxl", "empty.hxl.csv");
    assert_eq!(
        std::fs::read_to_string(&hxl_path).unwrap().lines().count(),
        2
    );
    let hxl = read_hxl(&hxl_path, &[]);
    assert!(hxl.rows.is_empty());
    assert_eq!(hxl.tags.first().map(String::as_str), Some("#event+id"));
    assert_eq!(hxl.headers.len(), hxl.tags.len());
    assert!(hxl.errors.is_empty(), "{:?}", hxl.errors);
}
