//! Files as publishers publish them: the real Insecurity Insight, UCDP GED and ACLED files in
//! `../shared/data/real` (see its SOURCES.md), and spreadsheets from the same publishers with
//! other columns, never seen by the importer, written here as real XLSX and CSV files.

mod common;
use common::*;
use std::path::Path;
use vigil_domain::{IncidentId, ReportId};

fn store(dir: &Path) -> vigil_db::Database {
    database(dir)
}

fn import_file(dir: &Path, path: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["import", "--no-check"];
    args.extend_from_slice(extra);
    args.push(path.to_str().unwrap());
    vigil(dir, &args)
}

fn report_content(dir: &Path, incident: &str) -> serde_json::Value {
    let store = store(dir);
    let incident = store
        .incident(&IncidentId::new(incident).unwrap())
        .unwrap()
        .unwrap_or_else(|| panic!("incident {incident} is stored"));
    let report: &ReportId = &incident.reports[0];
    store.report(report).unwrap().unwrap().content.to_value()
}

#[test]
fn insecurity_insight_xlsx_imports_every_row_and_again_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let file = real_data("sind-attacks-on-health-care-2016-2023.xlsx");
    let run = import_file(d, &file, &[]).ok();
    assert!(run.stderr.contains("HXL spreadsheet"), "{}", run.stderr);
    assert!(
        run.stdout
            .contains("8854 rows read, 8854 new, 0 changed, 0 unchanged, 0 skipped"),
        "{}",
        run.stdout
    );
    assert_eq!(store(d).counts().unwrap().incidents, 8854);

    let shown = vigil(d, &["show", "sind:42815"]).ok().stdout;
    assert!(shown.contains("airstrike"), "{shown}");
    assert!(shown.contains("weapon: Aerial Bomb: Plane"), "{shown}");
    assert!(shown.contains("within 25000 m"), "{shown}");
    assert!(shown.contains("health workers injured: 1"), "{shown}");
    assert!(shown.contains("israeli-defence-forces: alleged"), "{shown}");
    // A country-level row without coordinates keeps that precision, with no invented point.
    let shown = vigil(d, &["show", "sind:27820"]).ok().stdout;
    assert!(shown.contains("no coordinates, country"), "{shown}");
    // Columns Vigil has no field for are kept in the report, under their headers.
    let content = report_content(d, "sind:42815");
    assert_eq!(content["Conflict-Related Violence"], "ConflictEvent");
    assert_eq!(content["Country ISO"], "PSE");

    let again = import_file(d, &file, &[]).ok();
    assert!(
        again.stdout.contains("0 new, 0 changed, 8854 unchanged"),
        "{}",
        again.stdout
    );
}

#[test]
fn ucdp_ged_imports_every_event_with_its_range_and_sources() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let file = real_data("ucdp-ged191-mmr-bgd.csv");
    let run = import_file(d, &file, &[]).ok();
    assert!(
        run.stdout.contains("3194 rows read, 3194 new"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr
            .contains("6 row(s) give a casualty range that does not hold its best"),
        "{}",
        run.stderr
    );
    assert_eq!(store(d).counts().unwrap().incidents, 3194);
    let shown = vigil(d, &["show", "ucdp-ged:209406"]).ok().stdout;
    assert!(
        shown.contains("people killed: 0–24 (best estimate 2)"),
        "{shown}"
    );
    assert!(shown.contains("week precision"), "{shown}");
    assert!(
        shown.contains("[media:Democratic Voice of Burma] Democratic Voice of Burma"),
        "{shown}"
    );
    assert!(shown.contains("mndaa: alleged"), "{shown}");
    let again = import_file(d, &file, &[]).ok();
    assert!(
        again.stdout.contains("0 new, 0 changed, 3194 unchanged"),
        "{}",
        again.stdout
    );
}

#[test]
fn acled_old_upper_case_layout_imports_every_event() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let file = real_data("acled-africa-2016-01-to-05.csv");
    let run = import_file(d, &file, &[]).ok();
    assert!(run.stderr.contains("ACLED export"), "{}", run.stderr);
    assert!(
        run.stdout.contains("6831 rows read, 6831 new"),
        "{}",
        run.stdout
    );
    // The 2016 file has rows in Windows-1252 (a no-break space as byte A0).
    assert!(
        run.stderr.contains("read as Windows-1252"),
        "{}",
        run.stderr
    );
    assert_eq!(store(d).counts().unwrap().incidents, 6831);
    let shown = vigil(d, &["show", "acled:1RTA"]).ok().stdout;
    assert!(
        shown.contains("Riots/Protests — Batna, Batna, Algeria"),
        "{shown}"
    );
    assert!(
        shown.contains("2015-12-29 00:00 to 2015-12-29 23:59 UTC (day precision)"),
        "{shown}"
    );
    assert!(shown.contains("within 5000 m"), "{shown}");
    let again = import_file(d, &file, &[]).ok();
    assert!(
        again.stdout.contains("0 new, 0 changed, 6831 unchanged"),
        "{}",
        again.stdout
    );
}

/// An aid-worker-security style sheet from the same publisher, with columns the real files do
/// not have, title rows above the header, and the quirks of hand-made files: stray spaces in
/// tags, a missing `+`, a repeated tag, dates as bare Excel day numbers, an untagged column.
const HEADER: &[&str] = &[
    "Incident Code",
    "Date of Incident",
    "Country",
    "Province",
    "Lat",
    "Lon",
    "Precision",
    "Perpetrator",
    "Weapon",
    "Aid Workers Killed",
    "Aid Workers Killed (other count)",
    "Aid Workers Wounded",
    "Field notes",
];
const TAGS: &[&str] = &[
    "#event +id",
    "#date +occurred",
    "#country + name",
    "# adm1",
    "#geo+lat",
    "#geo +lon",
    "#geo +precision",
    "#group +perp +name",
    "#weapon",
    "#affected killed +aidworker",
    "#affected +aidworker +killed",
    "#affected +aidworker +injured",
    "",
];

/// Rows: code, Excel day number, country, province, lat, lon, precision, perpetrator, weapon,
/// killed, killed again, injured, notes.
const ROWS: &[[&str; 13]] = &[
    [
        "AW-001",
        "42632",
        "Syria",
        "Aleppo",
        "36.2",
        "37.15",
        "(2) 25 km Precision",
        "No Information",
        "Aerial Bomb: Plane",
        "2",
        "3",
        "1",
        "convoy hit near Urum al-Kubra",
    ],
    [
        "AW-002",
        "42640",
        "Syria",
        "Idlib",
        "",
        "",
        "(4) Province, State, Governorate",
        "NSA",
        "Firearms",
        "0",
        "",
        "0",
        "",
    ],
];

fn write_xlsx(path: &Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet
        .write_string(0, 0, "Aid worker security incidents (test extract)")
        .unwrap();
    sheet
        .write_string(1, 0, "Source: a publisher's spreadsheet")
        .unwrap();
    for (c, h) in HEADER.iter().enumerate() {
        sheet.write_string(3, c as u16, *h).unwrap();
        sheet.write_string(4, c as u16, TAGS[c]).unwrap();
    }
    for (r, row) in ROWS.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            let (r, c) = (5 + r as u32, c as u16);
            if value.is_empty() {
                continue;
            }
            match value.parse::<f64>() {
                Ok(n) => sheet.write_number(r, c, n).unwrap(),
                Err(_) => sheet.write_string(r, c, *value).unwrap(),
            };
        }
    }
    book.save(path).unwrap();
}

fn write_csv(path: &Path) {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_path(path)
        .unwrap();
    w.write_record(["Aid worker security incidents (test extract)"; 1])
        .unwrap();
    w.write_record(HEADER).unwrap();
    w.write_record(TAGS).unwrap();
    for row in ROWS {
        w.write_record(row).unwrap();
    }
    w.flush().unwrap();
}

fn check_unseen_sheet(d: &Path, path: &Path) {
    let run = import_file(d, path, &[]).ok();
    assert!(
        run.stdout.contains("2 rows read, 2 new"),
        "{}\n{}",
        run.stdout,
        run.stderr
    );
    let shown = vigil(d, &["show", "incident-code:AW-001"]).ok().stdout;
    assert!(
        shown.contains("2016-09-19 00:00 to 2016-09-19 23:59 UTC"),
        "{shown}"
    );
    assert!(shown.contains("airstrike"), "{shown}");
    // The first of two columns tagged alike gives the figure; the other is kept in the report.
    assert!(shown.contains("aid workers killed: 2"), "{shown}");
    assert!(shown.contains("aid workers injured: 1"), "{shown}");
    let content = report_content(d, "incident-code:AW-001");
    assert_eq!(content["Field notes"], "convoy hit near Urum al-Kubra");
    assert_eq!(content["Aid Workers Killed (other count)"], "3");
    let shown = vigil(d, &["show", "incident-code:AW-002"]).ok().stdout;
    assert!(shown.contains("no coordinates, governorate"), "{shown}");
    assert!(shown.contains("nsa: alleged"), "{shown}");
    let again = import_file(d, path, &[]).ok();
    assert!(
        again.stdout.contains("0 new, 0 changed, 2 unchanged"),
        "{}",
        again.stdout
    );
}

#[test]
fn an_unseen_spreadsheet_from_the_same_publisher_imports_whole_as_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("aid-worker-incidents.xlsx");
    write_xlsx(&path);
    check_unseen_sheet(dir.path(), &path);
}

#[test]
fn an_unseen_spreadsheet_from_the_same_publisher_imports_whole_as_csv() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("aid-worker-incidents.csv");
    write_csv(&path);
    check_unseen_sheet(dir.path(), &path);
}

const TAGGED_WITH_BAD_ROWS: &str = "\
Date,Latitude,Longitude,Killed
#date,#geo+lat,#geo+lon,#affected+killed
2016-09-19,36.2,37.15,2
2016-09-20,95.5,37.15,1
yesterday,36.2,37.15,1
2016-09-21,36.2,37.15,many
";

#[test]
fn bad_rows_name_file_line_and_column_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let path = file(d, "tagged.csv", TAGGED_WITH_BAD_ROWS);
    let run = import_file(d, &path, &[]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    for expected in [
        "tagged.csv:4: column Latitude: 95.5 is not a latitude (-90..90)",
        "tagged.csv:5: column Date: 'yesterday' is not a date",
        "tagged.csv:6: column Killed: 'many' is not a whole number",
        "3 bad rows of 4; nothing was imported",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\n{}", run.stderr);
    }
    assert_eq!(store(d).counts().unwrap().incidents, 0);

    let run = import_file(d, &path, &["--skip-bad-rows"]).ok();
    assert!(run.stdout.contains("4 rows read, 1 new"), "{}", run.stdout);
    assert_eq!(run.stderr.matches("skipped ").count(), 3, "{}", run.stderr);
    assert_eq!(store(d).counts().unwrap().incidents, 1);
}

#[test]
fn a_dry_run_reports_columns_and_counts_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let path = dir.path().join("sheet.csv");
    write_csv(&path);
    let run = import_file(d, &path, &["--dry-run"]).ok();
    assert!(
        run.stdout.contains("Field notes → kept in the report only"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Lat #geo+lat → lat"), "{}", run.stdout);
    assert!(
        run.stdout.contains("2 rows read, 2 new, 0 changed, 0 unchanged, 0 bad; the file would be imported. Nothing was written."),
        "{}",
        run.stdout
    );
    assert_eq!(store(d).counts().unwrap().incidents, 0);
}

#[test]
fn a_mapping_file_reads_a_sheet_with_neither_tags_nor_known_headers() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let path = file(
        d,
        "log.csv",
        "Ref,When,Y,X,Dead,Remarks\nA1,28/09/2016,36.2,37.15,4,shelling near the market\n",
    );
    let run = import_file(d, &path, &[]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr.contains("cannot tell what this file holds"),
        "{}",
        run.stderr
    );

    let mapping = file(
        d,
        "mapping.json",
        r#"{"columns": {"Ref": "event_id", "When": "date", "Y": "lat", "X": "lon", "Dead": "killed:civilians"}}"#,
    );
    let run = import_file(d, &path, &["--mapping", mapping.to_str().unwrap()]).ok();
    assert!(run.stdout.contains("1 rows read, 1 new"), "{}", run.stdout);
    let shown = vigil(d, &["show", "ref:A1"]).ok().stdout;
    assert!(shown.contains("civilians killed: 4"), "{shown}");
    assert!(shown.contains("2016-09-28"), "{shown}");

    let bad = file(d, "bad.json", r#"{"columns": {"Dead": "deaths"}}"#);
    let run = import_file(d, &path, &["--mapping", bad.to_str().unwrap()]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("column \"Dead\": unknown field \"deaths\""),
        "{}",
        run.stderr
    );
}

/// ACLED's current lower-case layout (the columns of its 2024 exports), which the shared data
/// does not include: the same reader, driven by the header.
const ACLED_CURRENT: &str = "\
event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp
SYR123456,2024-01-05,2024,1,Political violence,Explosions/Remote violence,Air/drone strike,Military Forces of Russia (2000-),,8,Civilians (Syria),,7,78,Civilian targeting,760,Middle East,Syria,Idlib,Idlib,Idlib,Idlib,35.9306,36.6339,1,Syrian Observatory for Human Rights; SANA,National,Airstrikes hit a market.,4,,1704844800
SYR123457,2024-01-20,2024,3,Political violence,Battles,Armed clash,Hayat Tahrir al Sham,,2,Military Forces of Syria (2000-),,1,12,,760,Middle East,Syria,Aleppo,Jebel Saman,Atareb,Atareb,36.1389,36.8300,2,Syrian Observatory for Human Rights,National,Clashes.,0,,1704844800
";

#[test]
fn acled_current_lower_case_layout_imports_with_its_types_and_precisions() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let path = file(d, "acled-2024.csv", ACLED_CURRENT);
    let run = import_file(d, &path, &[]).ok();
    assert!(run.stderr.contains("ACLED export"), "{}", run.stderr);
    assert!(run.stdout.contains("2 rows read, 2 new"), "{}", run.stdout);
    let shown = vigil(d, &["show", "acled:SYR123456"]).ok().stdout;
    assert!(shown.contains("airstrike"), "{shown}");
    assert!(shown.contains("people killed: 4"), "{shown}");
    assert!(shown.contains("within 5000 m"), "{shown}");
    assert!(
        shown.contains("military-forces-of-russia-2000: alleged"),
        "{shown}"
    );
    assert!(shown.contains("[media:SANA] SANA"), "{shown}");
    // Time precision 3: the whole month; geo precision 2: within 25 km.
    let shown = vigil(d, &["show", "acled:SYR123457"]).ok().stdout;
    assert!(shown.contains("ground_attack"), "{shown}");
    assert!(
        shown.contains("2024-01-01 00:00 to 2024-01-31 23:59 UTC (month precision)"),
        "{shown}"
    );
    assert!(shown.contains("within 25000 m"), "{shown}");
}
