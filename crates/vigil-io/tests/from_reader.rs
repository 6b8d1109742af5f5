//! Bytes that are not a file of their own (an upload, a byte slice) read like the file would,
//! under the name given for them.

mod common;
use common::*;
use vigil_io::{read_incidents_from, read_sites_from, Format, ReadError};

const INCIDENTS: &str = "\
id,kind,lon,lat,radius_m,start,end
i1,airstrike,37.1,36.2,250,2016-09-28,
i2,airstrike,37.1,95.5,250,2016-09-28,
";

#[test]
fn a_byte_slice_reads_as_the_same_file_would() {
    let dir = Dir::new();
    let from_file = incidents(&dir.file("incidents.csv", INCIDENTS), Format::Csv);
    let from_bytes: Vec<_> =
        read_incidents_from("incidents.csv", INCIDENTS.as_bytes(), Format::Csv)
            .unwrap()
            .collect();

    // Same records, reports and per-file source (named after the file name, not its directory).
    let good = from_bytes[0].as_ref().unwrap();
    assert_eq!(good, from_file[0].as_ref().unwrap());
    assert_eq!(good.source.id.as_str(), "file:incidents.csv");
    // Errors name the file as it was given.
    assert_eq!(
        from_bytes[1].as_ref().unwrap_err().to_string(),
        "incidents.csv:3: column lat: 95.5 is not a latitude (-90..90)"
    );
    assert_eq!(from_bytes.len(), 2);
}

#[test]
fn a_stream_has_no_known_size_and_a_bad_one_is_refused_under_its_name() {
    let geojson = r#"{"type":"FeatureCollection","features":[]}"#;
    let mut rows =
        read_sites_from("upload/sites.geojson", geojson.as_bytes(), Format::GeoJson).unwrap();
    // No size to show progress against, but progress itself is counted.
    assert_eq!(rows.total_bytes(), None);
    assert_eq!(rows.by_ref().count(), 0);
    assert_eq!(rows.bytes_read(), geojson.len() as u64);

    let Err(err) = read_sites_from("upload.csv", &b""[..], Format::Csv) else {
        panic!("an empty file has no header");
    };
    assert!(matches!(err, ReadError::Header { .. }));
    assert_eq!(
        err.to_string(),
        "upload.csv: header: the file is empty (expected a header row)"
    );
}
