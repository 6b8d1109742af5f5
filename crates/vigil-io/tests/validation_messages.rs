//! Every domain rule reached through a CSV row comes out as `file:line: column X: problem`.

mod common;
use common::*;

#[test]
fn latitude_out_of_range() {
    assert_eq!(
        site_error("h1,hospital,M10,37.1,95.5,0,,"),
        "sites.csv:2: column lat: 95.5 is not a latitude (-90..90)"
    );
}

#[test]
fn bad_longitude_out_of_range_and_not_a_number() {
    assert_eq!(
        site_error("h1,hospital,M10,181,36.2,0,,"),
        "sites.csv:2: column lon: 181 is not a longitude (-180..180)"
    );
    assert_eq!(
        site_error("h1,hospital,M10,east,36.2,0,,"),
        "sites.csv:2: column lon: 'east' is not a number"
    );
}

#[test]
fn negative_radius() {
    assert_eq!(
        site_error("h1,hospital,M10,37.1,36.2,-5,,"),
        "sites.csv:2: column radius_m: -5 is not a radius in metres (0 up to half the Earth's circumference)"
    );
    let e = incident_error_with(INCIDENT_HEADER, "i1,airstrike,37.1,36.2,-1,2016-09-28,");
    assert_eq!(
        e,
        "incidents.csv:2: column radius_m: -1 is not a radius in metres (0 up to half the Earth's circumference)"
    );
}

#[test]
fn radius_disagreeing_with_precision() {
    let e = site_errors(&format!(
        "{SITE_HEADER},precision\nh1,hospital,M10,37.1,36.2,300,,,250m\n"
    ));
    assert_eq!(
        e,
        vec!["sites.csv:2: column radius_m: 300 disagrees with precision 'within 250 m' (expected 250)"]
    );
}

#[test]
fn start_after_end() {
    assert_eq!(
        incident_error_with(
            INCIDENT_HEADER,
            "i1,airstrike,37.1,36.2,0,2016-09-29,2016-09-28"
        ),
        "incidents.csv:2: column end: 2016-09-28 is before the start 2016-09-29"
    );
    assert_eq!(
        incident_error_with(
            INCIDENT_HEADER,
            "i1,airstrike,37.1,36.2,0,2016-09-28T14:30:00Z,2016-09-28T14:00:00Z"
        ),
        "incidents.csv:2: column end: 2016-09-28T14:00:00Z is before the start 2016-09-28T14:30:00Z"
    );
}

#[test]
fn low_above_best_and_bad_casualty_entries() {
    let header = format!("{INCIDENT_HEADER},casualties");
    assert_eq!(
        incident_error_with(
            &header,
            "i1,airstrike,37.1,36.2,0,2016-09-28,,people:killed:20;aid_workers:killed:14/13/15"
        ),
        "incidents.csv:2: column casualties: entry 'aid_workers:killed:14/13/15': low: 14 is above best 13"
    );
    assert_eq!(
        incident_error_with(&header, "i1,airstrike,37.1,36.2,0,2016-09-28,,people:20"),
        "incidents.csv:2: column casualties: entry 'people:20': expected group:outcome:N or \
         group:outcome:low/best/high, e.g. people:killed:20 or aid_workers:killed:12/13/14"
    );
    let e = incident_error_with(
        &header,
        "i1,airstrike,37.1,36.2,0,2016-09-28,,people:killed:many",
    );
    assert!(
        e.starts_with("incidents.csv:2: column casualties: entry 'people:killed:many': 'many' is not a whole number"),
        "{e}"
    );
    let e = incident_error_with(
        &header,
        "i1,airstrike,37.1,36.2,0,2016-09-28,,people:killed:1;people:killed:2",
    );
    assert!(
        e.starts_with("incidents.csv:2: column casualties: people killed is given twice"),
        "{e}"
    );
}

#[test]
fn unknown_site_kind() {
    let e = site_error("h1,hopsital,M10,37.1,36.2,0,,");
    assert!(
        e.starts_with("sites.csv:2: column kind: unknown site kind 'hopsital' (expected one of: hospital, clinic"),
        "{e}"
    );
}

#[test]
fn unknown_incident_kind() {
    let e = incident_error_with(INCIDENT_HEADER, "i1,airstrik,37.1,36.2,0,2016-09-28,");
    assert!(
        e.starts_with("incidents.csv:2: column kind: unknown incident kind 'airstrik' (expected one of: airstrike,"),
        "{e}"
    );
}

#[test]
fn bad_dates() {
    assert_eq!(
        site_error("h1,hospital,M10,37.1,36.2,0,28/09/2016,"),
        "sites.csv:2: column notified_from: '28/09/2016' is not a date (expected a date like 2016-09-28)"
    );
    assert_eq!(
        incident_error_with(INCIDENT_HEADER, "i1,airstrike,37.1,36.2,0,Sept 28,"),
        "incidents.csv:2: column start: 'Sept 28' is not a date (expected a date like 2016-09-28, \
         or a date-time like 2016-09-28T14:30:00Z)"
    );
    assert_eq!(
        incident_error_with(INCIDENT_HEADER, "i1,airstrike,37.1,36.2,0,2016-09-28,2016-09-31"),
        "incidents.csv:2: column end: '2016-09-31' is not a date (expected a date like 2016-09-28, \
         or a date-time like 2016-09-28T14:30:00Z)"
    );
    let e = site_errors(&format!(
        "{SITE_HEADER},status,status_as_of\nh1,hospital,M10,37.1,36.2,0,,,damaged,last week\n"
    ));
    assert_eq!(
        e,
        vec!["sites.csv:2: column status_as_of: 'last week' is not a date (expected a date like 2016-09-28)"]
    );
}

#[test]
fn notified_to_without_notified_from() {
    assert_eq!(
        site_error("h1,hospital,M10,37.1,36.2,0,,2016-09-30"),
        "sites.csv:2: column notified_to: notified_to is given without notified_from"
    );
    assert_eq!(
        site_error("h1,hospital,M10,37.1,36.2,0,2016-09-30,2016-09-01"),
        "sites.csv:2: column notified_to: 2016-09-01 is before notified_from 2016-09-30"
    );
}

#[test]
fn status_needs_its_date() {
    let e = site_errors(&format!(
        "{SITE_HEADER},status\nh1,hospital,M10,37.1,36.2,0,,,damaged\n"
    ));
    assert_eq!(e.len(), 1);
    assert!(
        e[0].starts_with("sites.csv:2: column status_as_of: the date of the status is required"),
        "{e:?}"
    );
}

#[test]
fn unknown_grade() {
    let e = incident_error_with(
        &format!("{INCIDENT_HEADER},perpetrators"),
        "i1,airstrike,37.1,36.2,0,2016-09-28,,sy-gov:certain",
    );
    assert!(
        e.starts_with("incidents.csv:2: column perpetrators: entry 'sy-gov:certain': unknown attribution grade 'certain'"),
        "{e}"
    );
}

#[test]
fn empty_id() {
    assert_eq!(
        site_error(",hospital,M10,37.1,36.2,0,,"),
        "sites.csv:2: column id: an id may not be empty"
    );
    assert_eq!(
        incident_error_with(INCIDENT_HEADER, " ,airstrike,37.1,36.2,0,2016-09-28,"),
        "incidents.csv:2: column id: an id may not be empty"
    );
}

#[test]
fn empty_name() {
    assert_eq!(
        site_error("h1,hospital,  ,37.1,36.2,0,,"),
        "sites.csv:2: column name: may not be empty"
    );
}

#[test]
fn every_bad_row_is_reported_and_good_rows_still_read() {
    let dir = Dir::new();
    let path = dir.file(
        "sites.csv",
        &format!(
            "{SITE_HEADER}\nh1,hospital,M10,37.1,36.2,0,,\nh2,hospital,M2,37.1,95.5,0,,\n\
             h3,school,S,37.1,36.2,0,,\nh4,nope,X,37.1,36.2,0,,\n"
        ),
    );
    let rows = sites(&path, vigil_io::Format::Csv);
    let lines: Vec<(bool, u64)> = rows
        .iter()
        .map(|r| match r {
            Ok(row) => (true, row.line),
            Err(e) => (false, e.line),
        })
        .collect();
    assert_eq!(lines, vec![(true, 2), (false, 3), (true, 4), (false, 5)]);
}
