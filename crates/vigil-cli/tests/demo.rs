//! `vigil demo` works from an empty directory, tells the story, and is safe to run twice.

mod common;
use common::*;

#[test]
fn demo_from_an_empty_directory_creates_the_database_and_tells_the_story() {
    let dir = tempfile::tempdir().unwrap();
    assert!(!database_exists(dir.path()));
    let run = vigil(dir.path(), &["demo"]).ok();
    assert!(database_exists(dir.path()));
    let out = &run.stdout;
    assert!(out.contains("Vigil demo: Aleppo"), "{out}");
    assert!(out.contains("Urum al-Kubra"), "{out}");
    assert!(out.contains("M10"), "{out}");
    assert!(
        out.contains("collapses"),
        "the ceasefire's collapse is on the timeline: {out}"
    );
    assert!(
        out.contains("notified ("),
        "notifications of hit sites are shown: {out}"
    );
    assert!(out.contains("killed"), "casualties are shown: {out}");

    let again = vigil(dir.path(), &["demo"]).ok();
    assert!(again.stdout.contains("nothing changed"), "{}", again.stdout);
}

#[test]
fn demo_honours_db_and_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    vigil(dir.path(), &["--db", "elsewhere.db", "demo"]).ok();
    assert!(dir.path().join("elsewhere.db").exists());
    assert!(!dir.path().join("vigil.db").exists());

    let out = command(dir.path())
        .env("VIGIL_DB", dir.path().join("env.db"))
        .args(["list", "sites"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "listing a database that does not exist fails"
    );

    let out = command(dir.path())
        .env("VIGIL_DB", dir.path().join("elsewhere.db"))
        .args(["list", "incidents"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("barrel_bomb"));
}

#[test]
fn every_command_has_help() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        vec!["--help"],
        vec!["demo", "--help"],
        vec!["import", "--help"],
        vec!["export", "--help"],
        vec!["list", "--help"],
        vec!["show", "--help"],
    ] {
        let run = vigil(dir.path(), &args).ok();
        assert!(
            run.stdout.contains("Usage: vigil"),
            "{args:?}: {}",
            run.stdout
        );
    }
    assert_eq!(
        vigil(dir.path(), &["import"]).code,
        2,
        "missing arguments are a usage error"
    );
}

#[test]
fn a_reader_that_stops_early_ends_the_listing_without_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    vigil(dir.path(), &["demo"]).ok();
    // `vigil list incidents | head -0`: the pipe is closed before Vigil writes a line.
    let mut child = command(dir.path())
        .args(["list", "incidents"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        matches!(output.status.code(), Some(0) | Some(141)),
        "{:?} {stderr}",
        output.status
    );
}
