//! Bad input gets a clear error naming file, line and column, and loses nothing.

mod common;
use common::*;

const TWO_BAD_ROWS: &str = "\
id,kind,name,lon,lat,radius_m,notified_from,notified_to
site-a,hospital,A,37.1,36.2,0,,
site-b,hospital,B,37.1,95.5,0,,
site-c,clinic,C,37.1,36.2,0,,
site-d,hospitl,D,37.1,36.2,0,,
";

fn site_count(dir: &std::path::Path) -> u64 {
    database(dir).counts().unwrap().sites
}

#[test]
fn one_bad_row_rejects_the_whole_file_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let path = file(d, "sites.csv", TWO_BAD_ROWS);
    let run = import(d, "sites", &path);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("sites.csv:3: column lat: 95.5 is not a latitude (-90..90)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("sites.csv:5: column kind: unknown site kind 'hospitl'"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("2 bad rows of 4; nothing was imported"),
        "{}",
        run.stderr
    );
    assert_eq!(site_count(d), 0);
}

#[test]
fn a_rejected_file_leaves_earlier_data_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    import_text(d, "sites", "good.csv", SITES_CSV).ok();
    let before = vigil(d, &["export", "--kind", "sites"]).ok().stdout;
    let bad = file(d, "bad.csv", "id,kind,name,lon,lat,radius_m,notified_from,notified_to\nsite-m10,hospital,Renamed,37.1893,36.2125,150,2016-09-05,\nsite-x,hospital,X,500,36,0,,\n");
    assert_eq!(import(d, "sites", &bad).code, 3);
    assert_eq!(vigil(d, &["export", "--kind", "sites"]).ok().stdout, before);
}

#[test]
fn skip_bad_rows_imports_the_good_ones_and_reports_every_bad_one() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let path = file(d, "sites.csv", TWO_BAD_ROWS);
    let run = vigil(
        d,
        &[
            "import",
            "--kind",
            "sites",
            "--skip-bad-rows",
            path.to_str().unwrap(),
        ],
    )
    .ok();
    let skipped: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("skipped "))
        .collect();
    assert_eq!(skipped.len(), 2, "{}", run.stderr);
    assert!(
        skipped[0].ends_with("sites.csv:3: column lat: 95.5 is not a latitude (-90..90)"),
        "{}",
        run.stderr
    );
    assert!(
        skipped[1].contains("sites.csv:5: column kind: unknown site kind 'hospitl'"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout
            .contains("4 rows read, 2 new, 0 changed, 0 unchanged, 2 skipped"),
        "{}",
        run.stdout
    );
    assert_eq!(site_count(d), 2);
}

#[test]
fn a_row_that_names_a_missing_site_is_rejected_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let path = file(
        d,
        "incidents.csv",
        "id,kind,lon,lat,radius_m,start,end,site_ids\ninc-1,airstrike,37.1,36.2,0,2016-09-28,2016-09-28,site-ghost\n",
    );
    let run = import(d, "incidents", &path);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("incidents.csv:2:"), "{}", run.stderr);
    assert!(
        run.stderr.contains("site 'site-ghost' does not exist"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_missing_required_column_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let path = file(
        d,
        "sites.csv",
        "id,kind,name,lon,radius_m\nsite-a,hospital,A,37.1,0\n",
    );
    let run = import(d, "sites", &path);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("lat"), "{}", run.stderr);
}

#[test]
fn a_missing_file_is_an_input_error() {
    let dir = tempfile::tempdir().unwrap();
    let run = vigil(dir.path(), &["import", "--kind", "sites", "no-such.csv"]);
    assert_eq!(run.code, 3);
    assert!(run.stderr.contains("no-such.csv"), "{}", run.stderr);
}

/// Regression: a row rolled back under --skip-bad-rows left the writer believing the file's
/// source had been stored, and the next good row failed on a foreign key.
#[test]
fn skip_bad_rows_after_a_first_row_naming_a_missing_site() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let path = file(
        d,
        "incidents.csv",
        "id,kind,lon,lat,radius_m,start,end,site_ids\n\
         inc-1,airstrike,37.1,36.2,0,2016-09-28,2016-09-28,site-ghost\n\
         inc-2,airstrike,37.1,36.2,0,2016-09-29,2016-09-29,\n",
    );
    let run = vigil(
        d,
        &[
            "import",
            "--kind",
            "incidents",
            "--skip-bad-rows",
            path.to_str().unwrap(),
        ],
    )
    .ok();
    assert!(
        run.stdout
            .contains("2 rows read, 1 new, 0 changed, 0 unchanged, 1 skipped"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr
            .contains("incidents.csv:2: site 'site-ghost' does not exist"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_rejected_file_reports_problems_the_database_finds_on_every_row() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let path = file(
        d,
        "incidents.csv",
        "id,kind,lon,lat,radius_m,start,end,site_ids\n\
         inc-1,airstrike,37.1,95,0,2016-09-28,2016-09-28,\n\
         inc-2,airstrike,37.1,36.2,0,2016-09-29,2016-09-29,site-ghost\n",
    );
    let run = import(d, "incidents", &path);
    assert_eq!(run.code, 3);
    assert!(
        run.stderr.contains("incidents.csv:2: column lat:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("incidents.csv:3: site 'site-ghost' does not exist"),
        "{}",
        run.stderr
    );
}
