//! The sites columns added so an export re-imports as it was: `status_source`,
//! `notification_source`, `notification_withdrawn_at`; parties read in a canonical order;
//! `restricted` as the default sensitivity.

mod common;
use common::*;
use vigil_domain::{Notification, PartyId, Sensitivity, Site};
use vigil_io::{write_sites_csv, write_sites_geojson, Format, SiteRow, DEFAULT_SENSITIVITY};

const HEADER: &str = "id,kind,name,lon,lat,radius_m,notified_from,notified_to,status,\
status_as_of,status_source,notified_parties,notified_sent_at,notification_source,\
notification_withdrawn_at";

const ROWS: &str = "\
m10,hospital,M10,37.18,36.21,250,2016-09-01,2016-12-31,damaged,2016-09-28,src-who,\
sy-gov;ru,2016-08-30T09:15:00Z,src-hns,2016-10-02T12:00:00+03:00
m2,hospital,M2,37.18,36.21,250,2016-09-01,,functional,2016-09-01,,,,src-hns,
cd1,civil_defence_centre,C1,37.2,36.2,0,,,destroyed,2016-09-28,src-who,,,,
";

fn read(path: &std::path::Path, format: Format) -> Vec<SiteRow> {
    sites(path, format)
        .into_iter()
        .map(|r| r.unwrap())
        .collect()
}

fn records(rows: &[SiteRow]) -> Vec<(Site, Option<Notification>)> {
    rows.iter()
        .map(|r| (r.site.clone(), r.notification.clone()))
        .collect()
}

/// Rows without their line numbers, which differ between a file and its export.
fn unlined(rows: Vec<SiteRow>) -> Vec<SiteRow> {
    rows.into_iter().map(|r| SiteRow { line: 0, ..r }).collect()
}

#[test]
fn new_columns_are_read_and_their_sources_returned() {
    let dir = Dir::new();
    let rows = read(
        &dir.file("sites.csv", &format!("{HEADER}\n{ROWS}")),
        Format::Csv,
    );
    let m10 = &rows[0];
    assert_eq!(
        m10.site.status[0].source.as_ref().unwrap().as_str(),
        "src-who"
    );
    let n = m10.notification.as_ref().unwrap();
    assert_eq!(n.source.as_ref().unwrap().as_str(), "src-hns");
    assert_eq!(
        n.withdrawn_at.unwrap().to_rfc3339(),
        "2016-10-02T09:00:00+00:00"
    );
    let sources: Vec<(&str, &str)> = m10
        .sources
        .iter()
        .map(|s| (s.id.as_str(), s.title.as_str()))
        .collect();
    assert_eq!(sources, [("src-who", "src-who"), ("src-hns", "src-hns")]);
    assert_eq!(rows[1].site.status[0].source, None);
    assert_eq!(rows[1].sources.len(), 1);
    assert_eq!(rows[2].notification, None);
}

#[test]
fn sources_and_withdrawal_round_trip_in_csv_and_geojson() {
    let dir = Dir::new();
    let original = read(
        &dir.file("sites.csv", &format!("{HEADER}\n{ROWS}")),
        Format::Csv,
    );
    let mut out = Vec::new();
    write_sites_csv(&mut out, records(&original)).unwrap();
    let written = String::from_utf8(out).unwrap();
    assert!(
        written.contains(",ru;sy-gov,2016-08-30T09:15:00Z,,src-who,src-hns,2016-10-02T09:00:00Z\n"),
        "{written}"
    );
    let again = read(&dir.file("again.csv", &written), Format::Csv);
    assert_eq!(unlined(again), unlined(original.clone()));

    let mut out = Vec::new();
    write_sites_geojson(&mut out, records(&original)).unwrap();
    let text = String::from_utf8(out).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let properties = &json["features"][0]["properties"];
    assert_eq!(
        properties["notification_withdrawn_at"],
        "2016-10-02T09:00:00Z"
    );
    assert_eq!(properties["status_source"], "src-who");
    let path = dir.file("sites.geojson", &text);
    assert_eq!(unlined(read(&path, Format::GeoJson)), unlined(original));
}

#[test]
fn reordered_parties_give_the_identical_notification() {
    let dir = Dir::new();
    let header = "id,kind,name,lon,lat,radius_m,notified_from,notified_to,notified_parties";
    let notification = |parties: &str| {
        let content = format!("{header}\nm10,hospital,M10,37.1,36.2,0,2016-09-01,,{parties}\n");
        let rows = read(&dir.file("sites.csv", &content), Format::Csv);
        rows[0].notification.clone().unwrap()
    };
    let a = notification("sy-gov;ru");
    let b = notification("ru ; sy-gov;ru;");
    assert_eq!(a, b);
    assert_eq!(a.payload_sha256, b.payload_sha256);
    let parties: Vec<&str> = a.parties.iter().map(PartyId::as_str).collect();
    assert_eq!(parties, ["ru", "sy-gov"]);

    // A stored notification in another order is written sorted, so it reads back sorted.
    let rows = read(
        &dir.file(
            "one.csv",
            &format!("{header}\nm10,hospital,M10,37.1,36.2,0,2016-09-01,,\n"),
        ),
        Format::Csv,
    );
    let mut stored = a.clone();
    stored.parties.reverse();
    let mut out = Vec::new();
    write_sites_csv(&mut out, [(rows[0].site.clone(), Some(stored))]).unwrap();
    let written = String::from_utf8(out).unwrap();
    assert!(written.contains(",ru;sy-gov,"), "{written}");
}

#[test]
fn an_empty_or_missing_sensitivity_reads_as_restricted() {
    assert_eq!(DEFAULT_SENSITIVITY, Sensitivity::Restricted);
    let dir = Dir::new();
    let missing = read(
        &dir.file(
            "a.csv",
            &format!("{SITE_HEADER}\nh1,hospital,H,37.1,36.2,0,,\n"),
        ),
        Format::Csv,
    );
    let empty = read(
        &dir.file(
            "b.csv",
            &format!("{SITE_HEADER},sensitivity\nh1,hospital,H,37.1,36.2,0,,, \nh2,school,S,37.1,36.2,0,,,public\n"),
        ),
        Format::Csv,
    );
    let geojson = read(
        &dir.file(
            "c.geojson",
            r#"{"type":"FeatureCollection","features":[{"type":"Feature","id":"h1","geometry":{"type":"Point","coordinates":[37.1,36.2]},"properties":{"kind":"hospital","name":"H","sensitivity":null}}]}"#,
        ),
        Format::GeoJson,
    );
    assert_eq!(missing[0].site.sensitivity, Sensitivity::Restricted);
    assert_eq!(empty[0].site.sensitivity, Sensitivity::Restricted);
    assert_eq!(empty[1].site.sensitivity, Sensitivity::Public);
    assert_eq!(geojson[0].site.sensitivity, Sensitivity::Restricted);
}

#[test]
fn new_columns_need_what_they_describe() {
    let with = |columns: &str, row: &str| {
        let errors = site_errors(&format!("{SITE_HEADER},{columns}\n{row}\n"));
        assert_eq!(errors.len(), 1, "{errors:?}");
        errors.into_iter().next().unwrap()
    };
    assert_eq!(
        with("status_source", "h1,hospital,H,37.1,36.2,0,,,src-who"),
        "sites.csv:2: column status_source: status_source is given without status"
    );
    assert_eq!(
        with("notification_source", "h1,hospital,H,37.1,36.2,0,,,src-hns"),
        "sites.csv:2: column notification_source: notification_source is given without \
         notified_from"
    );
    assert_eq!(
        with(
            "notification_withdrawn_at",
            "h1,hospital,H,37.1,36.2,0,,,2016-10-02T09:00:00Z"
        ),
        "sites.csv:2: column notification_withdrawn_at: notification_withdrawn_at is given \
         without notified_from"
    );
    assert_eq!(
        with(
            "notification_withdrawn_at",
            "h1,hospital,H,37.1,36.2,0,2016-09-01,,2016-10-02"
        ),
        "sites.csv:2: column notification_withdrawn_at: '2016-10-02' is not a date-time \
         (expected a date-time like 2016-09-28T14:30:00Z)"
    );
    assert_eq!(
        with(
            "notification_withdrawn_at",
            "h1,hospital,H,37.1,36.2,0,2016-09-01,,2016-08-31T23:00:00Z"
        ),
        "sites.csv:2: column notification_withdrawn_at: 2016-08-31 23:00:00 UTC is before the \
         notification was sent (2016-09-01 00:00:00 UTC)"
    );
}
