//! Writing then reading gives the same records, in both formats.

mod common;
use common::*;
use vigil_domain::{Incident, Notification, Site, SourceId};
use vigil_io::{
    write_incidents_csv, write_incidents_geojson, write_sites_csv, write_sites_geojson, Format,
};

const SITES: &str = "\
id,kind,name,lon,lat,radius_m,notified_from,notified_to,precision,operator,sensitivity,area,status,status_as_of,notification_id,notified_parties,notified_sent_at,notification_channel
m10,hospital,\"M10 \"\"al-Sakhour\"\" hospital\",37.1834567891,36.2145678912,,2016-09-01,2016-12-31,neighbourhood,SAMS,restricted,C1007,damaged,2016-09-28,hns-17,ru;sy-gov,2016-08-30T09:15:00Z,HNS e-mail
m2,hospital,M2,37.18,36.21,250,2016-09-01,,,,,,,,,,,
cd1,civil_defence_centre,\"Centre, east\",37.2,36.2,0,,,exact,White Helmets,public,,functional,2016-09-01,,,,
";

const INCIDENTS: &str = "\
id,kind,lon,lat,radius_m,start,end,precision,time_precision,title,certainty,weapon,damage,site_ids,target_kinds,casualties,perpetrators,description,source,area
i1,airstrike,37.1834567891,36.2145678912,250,2016-09-28,2016-09-28,,,M10 hit,confirmed,bunker buster,destroyed,m10;m2,hospital,people:killed:20;aid_workers:killed:12/13/14,sy-gov:probable;ru,\"Two strikes.
Second at dawn.\",msf-2016-09,C1007
i2,shelling,37.2,36.2,,2016-09-19T18:30:00Z,2016-09-19T20:00:00Z,district,hour,,,,,,convoy,,,,,
i3,barrel_bomb,37.2,36.2,1000,2016-09-22,2016-09-30,,week,,rumour,,,,,,,,,
";

fn read_site_records(path: &std::path::Path, format: Format) -> Vec<(Site, Option<Notification>)> {
    sites(path, format)
        .into_iter()
        .map(|r| r.unwrap())
        .map(|r| (r.site, r.notification))
        .collect()
}

fn read_incident_records(
    path: &std::path::Path,
    format: Format,
) -> Vec<(Incident, Option<SourceId>)> {
    incidents(path, format)
        .into_iter()
        .map(|r| r.unwrap())
        .map(|r| {
            let source = (!r.source.id.as_str().starts_with("file:")).then_some(r.source.id);
            (r.incident, source)
        })
        .collect()
}

#[test]
fn sites_csv_round_trip_and_fixpoint() {
    let dir = Dir::new();
    let original = read_site_records(&dir.file("sites.csv", SITES), Format::Csv);
    assert_eq!(original.len(), 3);
    let mut out = Vec::new();
    write_sites_csv(&mut out, original.clone()).unwrap();
    let written = String::from_utf8(out).unwrap();
    let again = read_site_records(&dir.file("again.csv", &written), Format::Csv);
    assert_eq!(again, original);
    // Writing what was read gives the same bytes: the output is canonical.
    let mut out2 = Vec::new();
    write_sites_csv(&mut out2, again).unwrap();
    assert_eq!(String::from_utf8(out2).unwrap(), written);
    assert!(written.starts_with(
        "id,kind,name,lon,lat,radius_m,notified_from,notified_to,precision,operator,sensitivity,\
         area,status,status_as_of,notification_id,notified_parties,notified_sent_at,notification_channel,\
         status_source,notification_source,notification_withdrawn_at\n"
    ));
    assert!(
        written.contains("m2,hospital,M2,37.18,36.21,250,2016-09-01,,250m,,restricted,"),
        "{written}"
    );
}

#[test]
fn sites_geojson_round_trip() {
    let dir = Dir::new();
    let original = read_site_records(&dir.file("sites.csv", SITES), Format::Csv);
    let mut out = Vec::new();
    write_sites_geojson(&mut out, original.clone()).unwrap();
    let text = String::from_utf8(out).unwrap();
    let path = dir.file("sites.geojson", &text);
    assert_eq!(Format::of_file(&path).unwrap(), Format::GeoJson);
    assert_eq!(read_site_records(&path, Format::GeoJson), original);

    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let first = &json["features"][0];
    assert_eq!(first["id"], "m10");
    assert_eq!(
        first["geometry"]["coordinates"],
        serde_json::json!([37.1834568, 36.2145679])
    );
    assert_eq!(first["properties"]["radius_m"], serde_json::json!(1000.0));
    assert_eq!(first["properties"]["notified_parties"], "ru;sy-gov");
    assert_eq!(
        json["features"][1]["properties"]["operator"],
        serde_json::Value::Null
    );
}

#[test]
fn incidents_csv_round_trip_and_fixpoint() {
    // Each generation is read as `incidents.csv` in its own directory: rows with an empty
    // `source` get the per-file source `file:incidents.csv`, which is part of their report id.
    let (dir, dir2, dir3) = (Dir::new(), Dir::new(), Dir::new());
    let rows = incidents(&dir.file("incidents.csv", INCIDENTS), Format::Csv);
    let original = read_incident_records(&dir.file("incidents.csv", INCIDENTS), Format::Csv);
    assert_eq!(original.len(), 3);
    let mut out = Vec::new();
    write_incidents_csv(&mut out, original.clone()).unwrap();
    let written = String::from_utf8(out).unwrap();
    let again_rows = incidents(&dir2.file("incidents.csv", &written), Format::Csv);
    let again = read_incident_records(&dir2.file("incidents.csv", &written), Format::Csv);
    // The report ids are those of the original too: they are taken of the normalised row, not
    // of the text as typed, so defaults now spelled out change nothing.
    assert_eq!(again, original);
    // Second generation: written text is canonical.
    let mut out2 = Vec::new();
    write_incidents_csv(&mut out2, again.clone()).unwrap();
    assert_eq!(String::from_utf8(out2).unwrap(), written);
    let third = read_incident_records(&dir3.file("incidents.csv", &written), Format::Csv);
    assert_eq!(third, again);

    let i2 = &rows[1].as_ref().unwrap().incident;
    assert_eq!(i2.when.precision(), vigil_domain::TimePrecision::Hour);
    assert!(
        written.contains(
            "i2,shelling,37.2,36.2,30000,2016-09-19T18:30:00Z,2016-09-19T20:00:00Z,district,hour"
        ),
        "{written}"
    );
    assert!(
        written.contains("2016-09-22,2016-09-30,1000m,week"),
        "{written}"
    );
    let first_again = again_rows[0].as_ref().unwrap();
    assert_eq!(first_again.parties.len(), 2);
    assert_eq!(first_again.source.id.as_str(), "msf-2016-09");
}

#[test]
fn incidents_geojson_round_trip() {
    let dir = Dir::new();
    // Written as `vigil export` does, with every row's source (`file:incidents.csv` included)
    // in the `source` column, so the GeoJSON file's own name plays no part.
    let original: Vec<(Incident, Option<SourceId>)> =
        incidents(&dir.file("incidents.csv", INCIDENTS), Format::Csv)
            .into_iter()
            .map(|r| r.unwrap())
            .map(|r| (r.incident, Some(r.source.id)))
            .collect();
    let mut out = Vec::new();
    write_incidents_geojson(&mut out, original.clone()).unwrap();
    let path = dir.file("incidents.geojson", &String::from_utf8(out).unwrap());
    let read: Vec<(Incident, Option<SourceId>)> = incidents(&path, Format::GeoJson)
        .into_iter()
        .map(|r| r.unwrap())
        .map(|r| (r.incident, Some(r.source.id)))
        .collect();
    // Same facts and sources, so the same report ids too.
    assert_eq!(read, original);
}

#[test]
fn empty_inputs_write_valid_files() {
    let mut out = Vec::new();
    write_sites_geojson(&mut out, Vec::new()).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(json["features"], serde_json::json!([]));
    let dir = Dir::new();
    let path = dir.file("empty.geojson", &String::from_utf8(out).unwrap());
    assert!(sites(&path, Format::GeoJson).is_empty());
    let mut out = Vec::new();
    write_incidents_csv(&mut out, Vec::new()).unwrap();
    let path = dir.file("empty.csv", &String::from_utf8(out).unwrap());
    assert!(incidents(&path, Format::Csv).is_empty());
}
