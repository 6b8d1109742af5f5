//! Casualty figures and attributions keep their own sources through `@SOURCE_ID` suffixes, so
//! an incident documented from several sources exports and re-imports as it was.

mod common;
use common::*;
use vigil_domain::{Incident, SourceId};
use vigil_io::{write_incidents_csv, write_incidents_geojson, Format, IncidentRow};

const HEADER: &str = "id,kind,lon,lat,radius_m,start,end,casualties,perpetrators,source";

/// Aid workers killed: 14 per the commission of inquiry, 18 per another source, 2 people per
/// the row's own source; attributions with one, two and no sources.
const ROW: &str = "i1,airstrike,37.1,36.2,250,2016-09-19,,\
aid_workers:killed:14@src-coi;aid_workers:killed:18@src-rte;people:killed:2,\
syria:probable@src-coi;ru@src-a@src-b;x:plausible@-;y,msf";

fn read(path: &std::path::Path, format: Format) -> Vec<IncidentRow> {
    incidents(path, format)
        .into_iter()
        .map(|r| r.unwrap())
        .collect()
}

fn records(rows: &[IncidentRow]) -> Vec<(Incident, Option<SourceId>)> {
    rows.iter()
        .map(|r| (r.incident.clone(), Some(r.source.id.clone())))
        .collect()
}

fn ids(sources: &[Option<&SourceId>]) -> Vec<Option<String>> {
    sources.iter().map(|s| s.map(ToString::to_string)).collect()
}

#[test]
fn per_figure_and_per_attribution_sources_are_read() {
    let dir = Dir::new();
    let rows = read(
        &dir.file("incidents.csv", &format!("{HEADER}\n{ROW}\n")),
        Format::Csv,
    );
    let row = &rows[0];
    let figures: Vec<Option<&SourceId>> = row
        .incident
        .casualties
        .iter()
        .map(|c| c.source.as_ref())
        .collect();
    assert_eq!(
        ids(&figures),
        [Some("src-coi"), Some("src-rte"), Some("msf")].map(|s| s.map(String::from))
    );
    let attributed: Vec<Vec<&str>> = row
        .incident
        .attributions
        .iter()
        .map(|a| a.sources.iter().map(SourceId::as_str).collect())
        .collect();
    assert_eq!(
        attributed,
        vec![vec!["src-coi"], vec!["src-a", "src-b"], vec![], vec!["msf"]]
    );
    // Every other source named, once each, for the store to create if missing.
    let extra: Vec<(&str, &str)> = row
        .extra_sources
        .iter()
        .map(|s| (s.id.as_str(), s.title.as_str()))
        .collect();
    assert_eq!(
        extra,
        [
            ("src-coi", "src-coi"),
            ("src-rte", "src-rte"),
            ("src-a", "src-a"),
            ("src-b", "src-b")
        ]
    );
}

#[test]
fn two_sources_for_the_same_figure_round_trip_in_csv_and_geojson() {
    let dir = Dir::new();
    let original = read(
        &dir.file("incidents.csv", &format!("{HEADER}\n{ROW}\n")),
        Format::Csv,
    );

    let mut out = Vec::new();
    write_incidents_csv(&mut out, records(&original)).unwrap();
    let written = String::from_utf8(out).unwrap();
    assert!(
        written.contains(
            ",aid_workers:killed:14@src-coi;aid_workers:killed:18@src-rte;people:killed:2,\
             syria:probable@src-coi;ru:alleged@src-a@src-b;x:plausible@-;y:alleged,,msf,"
        ),
        "{written}"
    );
    let again = read(&dir.file("again.csv", &written), Format::Csv);
    // Equal rows: incident, report (id included), source and extra sources.
    let strip_line = |rows: Vec<IncidentRow>| -> Vec<IncidentRow> {
        rows.into_iter()
            .map(|r| IncidentRow { line: 0, ..r })
            .collect()
    };
    assert_eq!(strip_line(again), strip_line(original.clone()));

    let mut out = Vec::new();
    write_incidents_geojson(&mut out, records(&original)).unwrap();
    let path = dir.file("incidents.geojson", &String::from_utf8(out).unwrap());
    assert_eq!(
        strip_line(read(&path, Format::GeoJson)),
        strip_line(original)
    );
}

#[test]
fn without_a_source_column_every_sourced_entry_gets_a_suffix() {
    let dir = Dir::new();
    let original = read(
        &dir.file("incidents.csv", &format!("{HEADER}\n{ROW}\n")),
        Format::Csv,
    );
    let incident = original[0].incident.clone();
    let mut out = Vec::new();
    write_incidents_csv(&mut out, [(incident.clone(), None)]).unwrap();
    let written = String::from_utf8(out).unwrap();
    assert!(
        written.contains("people:killed:2@msf,") && written.contains(";y:alleged@msf,,,"),
        "{written}"
    );
    let again = read(&dir.file("again.csv", &written), Format::Csv);
    assert_eq!(again[0].source.id.as_str(), "file:again.csv");
    assert_eq!(again[0].incident.casualties, incident.casualties);
    assert_eq!(again[0].incident.attributions, incident.attributions);
}

#[test]
fn naming_the_row_source_in_a_suffix_is_the_same_report() {
    let dir = Dir::new();
    let plain = "i1,airstrike,37.1,36.2,250,2016-09-19,,people:killed:2,ru,msf";
    let spelled = "i1,airstrike,37.1,36.2,250,2016-09-19,,people:killed:2@msf,ru@msf,msf";
    let a = read(
        &dir.file("a.csv", &format!("{HEADER}\n{plain}\n")),
        Format::Csv,
    );
    let b = read(
        &dir.file("b.csv", &format!("{HEADER}\n{spelled}\n")),
        Format::Csv,
    );
    assert_eq!(a[0].report, b[0].report);
    assert!(b[0].extra_sources.is_empty());
}

#[test]
fn bad_suffixes_name_the_entry_and_the_expected_form() {
    let row = |casualties: &str, perpetrators: &str| {
        incident_error_with(
            HEADER,
            &format!("i1,airstrike,37.1,36.2,0,2016-09-28,,{casualties},{perpetrators},msf"),
        )
    };
    assert_eq!(
        row("people:killed:1@", ""),
        "incidents.csv:2: column casualties: entry 'people:killed:1@': a source id is missing \
         after '@' (expected group:outcome:N@SOURCE_ID, or group:outcome:N@- for a figure \
         without a source)"
    );
    assert_eq!(
        row("people:killed:1@a@b", ""),
        "incidents.csv:2: column casualties: entry 'people:killed:1@a@b': a casualty figure has \
         one source (expected group:outcome:N@SOURCE_ID, or group:outcome:N@- for a figure \
         without a source)"
    );
    assert_eq!(
        row("", "ru:probable@a@-"),
        "incidents.csv:2: column perpetrators: entry 'ru:probable@a@-': '@-' (no source) cannot \
         be combined with sources (expected party_id:grade@SOURCE_ID, \
         party_id:grade@SOURCE_A@SOURCE_B for several, or party_id:grade@- for none)"
    );
    assert_eq!(
        row("", "ru@a@a"),
        "incidents.csv:2: column perpetrators: entry 'ru@a@a': source 'a' is given twice \
         (expected party_id:grade@SOURCE_ID, party_id:grade@SOURCE_A@SOURCE_B for several, or \
         party_id:grade@- for none)"
    );
    // The same figure twice from one source is still an error.
    assert_eq!(
        row("people:killed:1@a;people:killed:2@a", ""),
        "incidents.csv:2: column casualties: people killed is given twice for the same source"
    );
}
