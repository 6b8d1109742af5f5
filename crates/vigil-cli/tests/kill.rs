//! A `vigil import` killed in the middle of a large file leaves a database that opens, passes
//! the backend's integrity check and holds none of that import; importing again then completes.

mod common;
use common::*;
use std::io::Write;
use std::time::{Duration, Instant};

/// Enough rows that the import is still writing 1.5 s after it began: SQLite stores about
/// 20,000 rows a second here, PostgreSQL (row by row, over its wire protocol) about 1,500.
fn rows() -> usize {
    if on_postgres() {
        20_000
    } else {
        300_000
    }
}

fn large_incident_file(path: &std::path::Path, rows: usize) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(out, "id,kind,lon,lat,radius_m,start,end").unwrap();
    for i in 0..rows {
        let lon = 36.0 + (i % 1000) as f64 * 0.001;
        let lat = 35.0 + (i / 1000) as f64 * 0.001;
        let day = 1 + i % 28;
        writeln!(
            out,
            "gen-{i:07},shelling,{lon:.4},{lat:.4},250,2016-09-{day:02},2016-09-{day:02}"
        )
        .unwrap();
    }
}

#[test]
fn killing_an_import_midway_leaves_a_consistent_database_with_none_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // Data from before the import must survive the kill untouched.
    import_text(d, "sites", "s.csv", SITES_CSV).ok();
    let big = d.join("big.csv");
    let rows = rows();
    large_incident_file(&big, rows);

    let mut child = command(d)
        .args(["import", "--kind", "incidents", big.to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Let it get well into the file: wait until its transaction has begun writing, then give
    // it time to write a good part of the rows.
    let started = Instant::now();
    while !writing_has_begun(d) && started.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(10));
    }
    std::thread::sleep(Duration::from_millis(1500));
    assert!(
        child.try_wait().unwrap().is_none(),
        "the import finished before it could be killed; make the file larger"
    );
    child.kill().unwrap(); // SIGKILL: no clean-up runs
    child.wait().unwrap();

    let store = database(d);
    assert_eq!(store.integrity_check().unwrap(), vec!["ok".to_string()]);
    let counts = store.counts().unwrap();
    assert_eq!(counts.incidents, 0, "none of the killed import is visible");
    assert_eq!(counts.sites, 3, "earlier data is intact");
    assert!(store
        .import_runs()
        .unwrap()
        .iter()
        .all(|r| r.record_kind == "sites"));
    drop(store);

    let run = import(d, "incidents", &big).ok();
    assert!(
        run.stdout
            .contains(&format!("{rows} rows read, {rows} new")),
        "{}",
        run.stdout
    );
    let store = database(d);
    assert_eq!(store.counts().unwrap().incidents, rows as u64);
}
