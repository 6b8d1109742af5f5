//! Line numbers, header matching, warnings and file-level errors.

mod common;
use common::*;
use vigil_io::{read_incidents, read_sites, Format, ReadError};

#[test]
fn a_quoted_multi_line_field_keeps_later_line_numbers_right() {
    let content = format!(
        "{INCIDENT_HEADER},description\n\
         i1,airstrike,37.1,36.2,0,2016-09-28,,\"first line\nsecond line\nthird line\"\n\
         i2,airstrike,37.1,95.5,0,2016-09-28,,\n\
         i3,shelling,37.1,36.2,0,2016-09-28,,\"a\nb\"\n\
         i4,shelling,37.1,36.2,0,bad,,\n"
    );
    let dir = Dir::new();
    let path = dir.file("incidents.csv", &content);
    let rows = incidents(&path, Format::Csv);
    assert_eq!(rows[0].as_ref().unwrap().line, 2);
    assert_eq!(
        rows[0].as_ref().unwrap().incident.description.as_deref(),
        Some("first line\nsecond line\nthird line")
    );
    assert_eq!(rows[1].as_ref().unwrap_err().line, 5);
    assert_eq!(rows[2].as_ref().unwrap().line, 6);
    assert_eq!(rows[3].as_ref().unwrap_err().line, 8);
}

#[test]
fn crlf_blank_lines_and_a_byte_order_mark() {
    let content = format!(
        "\u{feff}{SITE_HEADER}\r\nh1,hospital,M10,37.1,36.2,0,,\r\n\r\n\r\nh2,hospital,M2,37.1,95.5,0,,\r\n"
    );
    let errors = site_errors(&content);
    assert_eq!(
        errors,
        vec!["sites.csv:5: column lat: 95.5 is not a latitude (-90..90)"]
    );
}

#[test]
fn headers_match_loosely_values_are_trimmed_and_unknown_columns_are_warned_once() {
    let dir = Dir::new();
    let path = dir.file(
        "sites.csv",
        " NOTIFIED_TO ,Notified_From,radius_m,LAT,lon,Name,Kind,ID,comment\n\
         ,  2016-09-01 ,250, 36.2 ,37.1, M10 hospital , hospital , h1 ,x\n\
         ,,,36.3,37.2,Other,clinic,c1,y\n",
    );
    let mut rows = read_sites(&path, Format::Csv).unwrap();
    assert_eq!(rows.warnings(), ["unknown column 'comment' ignored"]);
    let first = rows.next().unwrap().unwrap();
    assert_eq!(first.site.id.as_str(), "h1");
    assert_eq!(first.site.name, "M10 hospital");
    assert_eq!(first.site.location.radius_m, 250.0);
    assert_eq!(
        first.site.location.precision,
        vigil_domain::GeoPrecision::WithinMeters(250)
    );
    let n = first.notification.unwrap();
    assert_eq!(n.id.as_str(), "h1#notified");
    assert_eq!(n.parties[0].as_str(), "unspecified");
    assert_eq!(n.valid.to, None);
    assert_eq!(n.sent_at.to_rfc3339(), "2016-09-01T00:00:00+00:00");
    let second = rows.next().unwrap().unwrap();
    assert_eq!(second.site.location.radius_m, 0.0);
    assert!(second.notification.is_none());
    assert!(rows.next().is_none());
    assert_eq!(rows.bytes_read(), rows.total_bytes().unwrap());
}

#[test]
fn header_problems_are_read_errors_naming_the_column() {
    let dir = Dir::new();
    let path = dir.file(
        "sites.csv",
        "id,kind,name,lon,radius_m,notified_from,notified_to\n",
    );
    match read_sites(&path, Format::Csv).err().unwrap() {
        ReadError::Header { problem, .. } => assert_eq!(problem, "missing required column 'lat'"),
        other => panic!("{other}"),
    }
    let path = dir.file("dup.csv", &format!("{INCIDENT_HEADER},Kind\n"));
    let err = read_incidents(&path, Format::Csv).err().unwrap();
    assert!(
        err.to_string()
            .ends_with("header: column 'kind' appears twice"),
        "{err}"
    );
    let path = dir.file("empty.csv", "");
    assert!(matches!(
        read_sites(&path, Format::Csv).err().unwrap(),
        ReadError::Header { .. }
    ));
    let missing = dir.0.path().join("missing.csv");
    assert!(matches!(
        read_sites(&missing, Format::Csv).err().unwrap(),
        ReadError::Io { .. }
    ));
}

#[test]
fn a_row_that_is_not_utf8_is_a_row_error() {
    let dir = Dir::new();
    let path = dir.0.path().join("sites.csv");
    let mut bytes = format!("{SITE_HEADER}\nh1,hospital,").into_bytes();
    bytes.extend_from_slice(b"Caf\xe9,37.1,36.2,0,,\n");
    std::fs::write(&path, bytes).unwrap();
    let rows = sites(&path, Format::Csv);
    let e = rows[0].as_ref().unwrap_err();
    assert_eq!((e.line, e.column.as_deref()), (2, Some("name")));
    assert!(e.problem.contains("not valid UTF-8"), "{e}");
}

#[test]
fn short_rows_read_missing_cells_as_empty_and_blank_rows_are_skipped() {
    let dir = Dir::new();
    let path = dir.file(
        "i.csv",
        &format!("{INCIDENT_HEADER},title\ni1,airstrike,37.1,36.2,0,2016-09-28\n,,,,,,,\n"),
    );
    let rows = incidents(&path, Format::Csv);
    assert_eq!(rows.len(), 1);
    let row = rows[0].as_ref().unwrap();
    assert_eq!(
        row.incident.when.precision(),
        vigil_domain::TimePrecision::Day
    );
    assert_eq!(row.incident.certainty, vigil_io::DEFAULT_CERTAINTY);
    assert_eq!(row.source.id.as_str(), "file:i.csv");
    assert_eq!(row.source.title, "Imported file i.csv");
    assert_eq!(row.report.received_at, row.incident.when.start());
    assert_eq!(row.report.summary, "airstrike at 36.2,37.1 on 2016-09-28");
}
