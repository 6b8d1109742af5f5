//! How fast SQLite alone inserts the rows one imported incident becomes (the incident, its
//! report, the link between them), with Vigil's table definitions and durability settings and
//! nothing else: no parsing, no validation. It bounds from below what `vigil import` can reach.
//!
//! `cargo run --release -- [ROWS]` (default 1,000,000) prints µs per row for each case.
#![forbid(unsafe_code)]

use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection};
use std::time::Instant;

const INCIDENTS: &str =
    "CREATE TABLE incidents (id TEXT PRIMARY KEY, title TEXT, kind TEXT NOT NULL,
    category TEXT NOT NULL, start_at TEXT NOT NULL, end_at TEXT NOT NULL,
    time_precision TEXT NOT NULL, lon REAL NOT NULL, lat REAL NOT NULL, precision TEXT NOT NULL,
    radius_m REAL NOT NULL, area TEXT, weapon TEXT, damage TEXT, certainty TEXT NOT NULL,
    description TEXT, facts_sha256 BLOB NOT NULL) STRICT, WITHOUT ROWID;";
const REPORTS: &str = "CREATE TABLE reports (id TEXT PRIMARY KEY, source TEXT NOT NULL,
    received_at TEXT NOT NULL, summary TEXT NOT NULL, content TEXT NOT NULL) STRICT, WITHOUT ROWID;";
const LINKS: &str = "CREATE TABLE incident_reports (incident_id TEXT NOT NULL,
    position INTEGER NOT NULL, report_id TEXT NOT NULL, PRIMARY KEY (incident_id, report_id))
    STRICT, WITHOUT ROWID;";

/// A row's values.
type Row = fn(u64) -> Vec<Value>;

fn incident(i: u64) -> Vec<Value> {
    vec![
        Value::Text(format!("gen-{i:07}")),
        Value::Null,
        Value::Text("airstrike".into()),
        Value::Text("explosive_weapons".into()),
        Value::Text("2016-09-28T00:00:00Z".into()),
        Value::Text("2016-09-28T23:59:59Z".into()),
        Value::Text("day".into()),
        Value::Real(37.1 + i as f64 * 1e-6),
        Value::Real(36.2),
        Value::Text("250m".into()),
        Value::Real(250.0),
        Value::Null,
        Value::Null,
        Value::Null,
        Value::Text("probable".into()),
        Value::Null,
        Value::Blob(vec![7u8; 32]),
    ]
}

/// A stand-in for a content hash: well mixed, so ids land at random in the index.
fn mixed(i: u64) -> String {
    let mut x = i.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^= x >> 29;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    format!("{x:016x}{:08x}", x >> 32)
}

fn report_with_id(i: u64, id: String) -> Vec<Value> {
    vec![
        Value::Text(id),
        Value::Text("file:incidents.csv".into()),
        Value::Text("2016-09-28T00:00:00Z".into()),
        Value::Text("airstrike at 36.2,37.1 on 2016-09-28".into()),
        Value::Text(format!(
            "{{\"id\":\"gen-{i:07}\",\"kind\":\"airstrike\",\"lon\":\"37.1\",\"lat\":\"36.2\",\
             \"radius_m\":\"250\",\"start\":\"2016-09-28\",\"end\":\"2016-09-28\",\
             \"precision\":\"250m\",\"time_precision\":\"day\",\"certainty\":\"probable\",\
             \"source\":\"file:incidents.csv\"}}"
        )),
    ]
}

/// Ids as Vigil makes them: the incident id first, so they sort like the incidents.
fn report_in_order(i: u64) -> Vec<Value> {
    report_with_id(i, format!("rep:gen-{i:07}:{}", mixed(i)))
}

/// Ids that are a bare hash, as in Vigil's first import code.
fn report_at_random(i: u64) -> Vec<Value> {
    report_with_id(i, format!("rep-{}", mixed(i)))
}

fn link_at_random(i: u64) -> Vec<Value> {
    vec![
        Value::Text(format!("gen-{i:07}")),
        Value::Integer(0),
        Value::Text(format!("rep-{}", mixed(i))),
    ]
}

fn link_in_order(i: u64) -> Vec<Value> {
    vec![
        Value::Text(format!("gen-{i:07}")),
        Value::Integer(0),
        Value::Text(format!("rep:gen-{i:07}:{}", mixed(i))),
    ]
}

fn open(path: &std::path::Path, schema: &str) -> Connection {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let conn = Connection::open(path).expect("open");
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    conn.pragma_update(None, "synchronous", "FULL").unwrap();
    conn.pragma_update(None, "cache_size", -262_144).unwrap();
    conn.execute_batch(schema).unwrap();
    conn
}

/// Inserts `rows` rows into each table, `per_statement` rows per INSERT, in one transaction.
fn case(label: &str, rows: u64, tables: &[(&str, usize, Row)], per_statement: usize, schema: &str) {
    let dir = std::env::temp_dir().join("vigil-sqlite-floor");
    std::fs::create_dir_all(&dir).unwrap();
    let mut conn = open(&dir.join("floor.db"), schema);
    let started = Instant::now();
    let tx = conn.transaction().unwrap();
    for (table, columns, values) in tables {
        let one = format!("({})", vec!["?"; *columns].join(","));
        let many = format!(
            "INSERT INTO {table} VALUES {}",
            vec![one.clone(); per_statement].join(",")
        );
        let mut batch = tx.prepare(&many).unwrap();
        let mut single = tx
            .prepare(&format!("INSERT INTO {table} VALUES {one}"))
            .unwrap();
        let mut pending = Vec::with_capacity(columns * per_statement);
        for i in 0..rows {
            pending.extend(values(i));
            if pending.len() == columns * per_statement {
                batch.execute(params_from_iter(pending.drain(..))).unwrap();
            }
        }
        while !pending.is_empty() {
            let row: Vec<Value> = pending.drain(..*columns).collect();
            single.execute(params_from_iter(row)).unwrap();
        }
    }
    tx.commit().unwrap();
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{label:<52} {seconds:>7.2} s  {:>6.2} µs/row",
        seconds * 1e6 / rows as f64
    );
}

fn main() {
    let rows: u64 = std::env::args()
        .nth(1)
        .map(|n| n.parse().expect("ROWS is a number"))
        .unwrap_or(1_000_000);
    println!("{rows} rows, one transaction, WAL, synchronous=FULL, 256 MiB cache");
    case(
        "incident only",
        rows,
        &[("incidents", 17, incident)],
        1,
        INCIDENTS,
    );
    case(
        "incident only, 50 rows per INSERT",
        rows,
        &[("incidents", 17, incident)],
        50,
        INCIDENTS,
    );
    case(
        "report only, ids in order",
        rows,
        &[("reports", 5, report_in_order)],
        1,
        REPORTS,
    );
    case(
        "report only, ids at random",
        rows,
        &[("reports", 5, report_at_random)],
        1,
        REPORTS,
    );
    let all = format!("{INCIDENTS}{REPORTS}{LINKS}");
    case(
        "incident + report + link, report ids in order",
        rows,
        &[
            ("incidents", 17, incident),
            ("reports", 5, report_in_order),
            ("incident_reports", 3, link_in_order),
        ],
        1,
        &all,
    );
    case(
        "incident + report + link, report ids at random",
        rows,
        &[
            ("incidents", 17, incident),
            ("reports", 5, report_at_random),
            ("incident_reports", 3, link_at_random),
        ],
        1,
        &all,
    );
}
