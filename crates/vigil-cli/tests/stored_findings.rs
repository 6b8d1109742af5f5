//! Stored findings: `vigil import` and `vigil demo` bring them up to date, `vigil check
//! --stored` shows them without running the cross-check, and a change rewrites only the
//! incidents whose findings it changed.

mod common;
use common::*;

/// The number in "Findings: … N incidents' findings new or changed …" of an import's output.
fn incidents_changed(stdout: &str) -> Option<u64> {
    let line = stdout.lines().find(|l| l.starts_with("Findings: "))?;
    let before = line.split(" incidents' findings new or changed").next()?;
    before.rsplit(' ').next()?.parse().ok()
}

#[test]
fn stored_findings_are_the_computed_ones_and_follow_each_import() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    import_text(d, "sites", "sites.csv", SITES_CSV).ok();
    let first = import_text(d, "incidents", "incidents.csv", INCIDENTS_CSV).ok();
    // inc-1 is within reach of M10 and inc-3 of the school; inc-2 is 14 m from M2, which
    // with radii of 0 is out of reach.
    assert_eq!(
        incidents_changed(&first.stdout),
        Some(2),
        "{}",
        first.stdout
    );

    let computed = vigil(d, &["check", "--no-save", "--format", "csv"])
        .ok()
        .stdout;
    let stored = vigil(d, &["check", "--stored", "--format", "csv"]).ok();
    assert_eq!(stored.stdout, computed);
    assert!(stored.stderr.is_empty(), "{}", stored.stderr);
    assert!(
        stored.stdout.contains("notified_site,"),
        "{}",
        stored.stdout
    );

    // The same file again changes nothing, so there is nothing to check.
    let again = import_text(d, "incidents", "incidents.csv", INCIDENTS_CSV).ok();
    assert_eq!(incidents_changed(&again.stdout), None, "{}", again.stdout);

    // A new strike on M10 a day after inc-1: its own findings, and a repeat attack against
    // inc-1. No other incident's findings change.
    let later = "id,kind,lon,lat,radius_m,start,end\n\
                 inc-4,airstrike,37.1893,36.2125,0,2016-09-29,2016-09-29\n";
    let added = import_text(d, "incidents", "later.csv", later).ok();
    assert_eq!(
        incidents_changed(&added.stdout),
        Some(1),
        "{}",
        added.stdout
    );
    let stored = vigil(d, &["check", "--stored", "--format", "csv"])
        .ok()
        .stdout;
    assert!(
        stored
            .lines()
            .any(|l| l.starts_with("repeat_attack,") && l.contains(",inc-4,incident,inc-1,")),
        "{stored}"
    );
    assert_eq!(
        stored,
        vigil(d, &["check", "--no-save", "--format", "csv"])
            .ok()
            .stdout
    );
}

#[test]
fn stored_findings_out_of_date_are_shown_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let none = vigil(d, &["demo"]).ok();
    assert!(none.stdout.contains("Findings: "), "{}", none.stdout);

    let sites = file(d, "sites.csv", SITES_CSV);
    vigil(
        d,
        &[
            "import",
            "--no-check",
            "--kind",
            "sites",
            sites.to_str().unwrap(),
        ],
    )
    .ok();
    let stale = vigil(d, &["check", "--stored", "--format", "csv"]).ok();
    assert!(
        stale.stderr.contains("the records have changed"),
        "{}",
        stale.stderr
    );

    // `vigil check` brings them up to date; then the warning is gone and the stored findings
    // include the new sites' (site-m10 of the test file is within reach of the demo's strikes
    // on M10).
    let checked = vigil(d, &["check", "--format", "csv"]).ok().stdout;
    let fresh = vigil(d, &["check", "--stored", "--format", "csv"]).ok();
    assert!(fresh.stderr.is_empty(), "{}", fresh.stderr);
    assert_eq!(fresh.stdout, checked);
}

#[test]
fn stored_findings_before_any_check_are_reported_missing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let sites = file(d, "sites.csv", SITES_CSV);
    vigil(
        d,
        &[
            "import",
            "--no-check",
            "--kind",
            "sites",
            sites.to_str().unwrap(),
        ],
    )
    .ok();
    let missing = vigil(d, &["check", "--stored"]);
    assert_eq!(missing.code, 4, "{}", missing.stderr);
    assert!(
        missing.stderr.contains("no findings are stored yet"),
        "{}",
        missing.stderr
    );
}
