//! Large files stream: rows come out while the file is read, in constant memory.

mod common;
use common::*;
use std::io::Write;
use vigil_io::{read_incidents, write_incidents_csv, write_incidents_geojson, Format};

fn big_file(dir: &Dir, rows: usize) -> std::path::PathBuf {
    let path = dir.0.path().join("big.csv");
    let mut w = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    writeln!(w, "{INCIDENT_HEADER},casualties,perpetrators").unwrap();
    for i in 0..rows {
        writeln!(
            w,
            "i{i},airstrike,{},{},250,2016-09-28,,people:killed:{},sy-gov:probable",
            37.0 + (i % 1000) as f64 / 10_000.0,
            36.0 + (i % 997) as f64 / 10_000.0,
            i % 50
        )
        .unwrap();
    }
    w.flush().unwrap();
    path
}

#[test]
fn progress_is_reported_while_reading() {
    let dir = Dir::new();
    let path = big_file(&dir, 20_000);
    let mut rows = read_incidents(&path, Format::Csv).unwrap();
    let total = rows.total_bytes().unwrap();
    rows.next().unwrap().unwrap();
    // After one row only a buffer's worth has been read, not the file.
    assert!(
        rows.bytes_read() < total / 10,
        "{} of {total}",
        rows.bytes_read()
    );
    let mut count = 1;
    for row in rows.by_ref() {
        row.unwrap();
        count += 1;
    }
    assert_eq!(count, 20_000);
    assert_eq!(rows.bytes_read(), total);
}

/// A million rows, read and written back without collecting them, through CSV and then
/// GeoJSON. Slow in debug builds: `cargo test -p vigil-io --release -- --ignored`.
#[test]
#[ignore]
fn a_million_rows_stream() {
    let dir = Dir::new();
    let path = big_file(&dir, 1_000_000);
    let rows = read_incidents(&path, Format::Csv).unwrap();
    let geojson = dir.0.path().join("big.geojson");
    let out = std::fs::File::create(&geojson).unwrap();
    write_incidents_geojson(
        out,
        rows.map(|r| {
            let r = r.unwrap();
            (r.incident, Some(r.source.id))
        }),
    )
    .unwrap();
    let rows = read_incidents(&geojson, Format::GeoJson).unwrap();
    let mut count = 0u64;
    write_incidents_csv(
        std::io::sink(),
        rows.map(|r| {
            count += 1;
            let r = r.unwrap();
            (r.incident, Some(r.source.id))
        }),
    )
    .unwrap();
    assert_eq!(count, 1_000_000);
}
