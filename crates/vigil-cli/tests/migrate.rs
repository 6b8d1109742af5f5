//! `vigil migrate`: a whole database copied into an empty one reads, proves and verifies as
//! the original did; a destination that holds anything is refused untouched.

mod common;

use common::*;
use std::path::Path;

const CONVOY: &str = "inc-convoy-urum-20160919";

/// The demo, with an evidence item, a token (revoked), an account and a signed checkpoint:
/// something of every kind a database keeps.
fn original(d: &Path) {
    vigil(d, &["demo"]).ok();
    let photo = file(
        d,
        "convoy.jpg",
        "\u{ff}\u{d8}\u{ff} the convoy after the strike",
    );
    vigil(
        d,
        &[
            "evidence",
            "add",
            photo.to_str().unwrap(),
            "--incident",
            CONVOY,
            "--captured-by",
            "a witness",
        ],
    )
    .ok();
    vigil(d, &["token", "create", "--role", "analyst"]).ok();
    vigil(d, &["token", "create", "--role", "monitor"]).ok();
    let list = vigil(d, &["token", "list"]).ok().stdout;
    let id = list
        .lines()
        .nth(1)
        .and_then(|l| l.split_whitespace().next());
    vigil(d, &["token", "revoke", id.expect("a token listed")]).ok();
    vigil(d, &["log", "checkpoint"]).ok();
}

/// What a person reads of a database, which a copy must give back the same.
fn readings(d: &Path, db: &str) -> Vec<(String, String)> {
    let read = |args: &[&str]| {
        let mut all = vec!["--db", db];
        all.extend_from_slice(args);
        (args.join(" "), vigil(d, &all).ok().stdout)
    };
    vec![
        read(&["list"]),
        read(&["export", "--kind", "sites", "--format", "csv"]),
        read(&["export", "--kind", "incidents", "--format", "csv"]),
        read(&["show", CONVOY]),
        read(&["audit", "--format", "json", "--limit", "1000000"]),
        read(&["log", "public-key"]),
        read(&["token", "list"]),
        read(&["evidence", "list"]),
    ]
}

fn migrate(d: &Path, from: &str, to: &str) -> Run {
    vigil(d, &["migrate", "--from", from, "--to", to])
}

fn verify(d: &Path, db: &str) {
    let run = vigil(
        d,
        &["--db", db, "--evidence-dir", "vigil.evidence", "verify"],
    )
    .ok();
    assert!(run.stdout.contains("agree"), "{}", run.stdout);
}

/// Where the original is: `vigil.db`, or with `VIGIL_TEST_BACKEND=postgres` the directory's
/// PostgreSQL database.
fn origin(d: &Path) -> String {
    location(d).to_string()
}

/// Copies the original to `middle` and back to a new file, and checks that every step reads,
/// verifies and proves as the original.
pub fn round_trip_through(d: &Path, middle: &str) {
    original(d);
    let origin = origin(d);
    let before = readings(d, &origin);

    let there = migrate(d, &origin, middle).ok();
    assert!(
        there.stdout.contains("agree") && there.stdout.contains("1 evidence items"),
        "{}",
        there.stdout
    );
    verify(d, middle);
    assert_eq!(
        readings(d, middle),
        before,
        "the copy reads as the original"
    );

    migrate(d, middle, "back.db").ok();
    verify(d, "back.db");
    assert_eq!(readings(d, "back.db"), before, "and so does the copy back");

    // A proof made from the copy checks against the original's key and a checkpoint the copy
    // signs now: the log was carried over, not begun anew.
    let checkpoint = vigil(d, &["--db", "back.db", "log", "checkpoint"])
        .ok()
        .stdout;
    let proof = vigil(
        d,
        &[
            "--db",
            "back.db",
            "log",
            "proof",
            "--record",
            &format!("incident/{CONVOY}"),
        ],
    )
    .ok()
    .stdout;
    let key = vigil(d, &["log", "public-key"]).ok().stdout;
    let proof_file = file(d, "proof.json", &proof);
    let checkpoint_file = file(d, "checkpoint.txt", &checkpoint);
    vigil(
        d,
        &[
            "verify-proof",
            "--proof",
            proof_file.to_str().unwrap(),
            "--checkpoint",
            checkpoint_file.to_str().unwrap(),
            "--public-key",
            key.trim(),
        ],
    )
    .ok();
}

#[test]
fn a_copy_reads_verifies_and_proves_as_the_original() {
    let dir = tempfile::tempdir().unwrap();
    round_trip_through(dir.path(), "copy.db");
}

/// SQLite → PostgreSQL → SQLite, on a throw-away PostgreSQL database.
#[test]
fn a_copy_through_postgres_and_back_reads_verifies_and_proves_as_the_original() {
    let database = vigil_store_postgres::testing::TestDatabase::create();
    let dir = tempfile::tempdir().unwrap();
    round_trip_through(dir.path(), database.url());
}

#[test]
fn a_destination_that_holds_anything_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    original(d);
    file(d, "sites.csv", SITES_CSV);
    vigil(d, &["--db", "other.db", "import", "sites.csv"]).ok();
    let read_other = || {
        let list = vigil(d, &["--db", "other.db", "list"]).ok().stdout;
        let audit = vigil(d, &["--db", "other.db", "audit", "--format", "json"]);
        (list, audit.ok().stdout)
    };
    let before = read_other();
    let origin = origin(d);
    let refused = migrate(d, &origin, "other.db");
    assert_eq!(refused.code, 5, "a conflict: {}", refused.stderr);
    assert!(
        refused.stderr.contains("only copied into an empty one"),
        "{}",
        refused.stderr
    );
    assert_eq!(read_other(), before, "nothing was written");

    let same = migrate(d, &origin, &origin);
    assert_eq!(same.code, 3, "{}", same.stderr);
}
