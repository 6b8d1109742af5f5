//! The storage story, on a real SQLite file; and what only SQLite files can go through.

use vigil_store::Store;
use vigil_store_sqlite::SqliteStore;

#[test]
fn sqlite_passes_the_storage_story() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = SqliteStore::open(dir.path().join("story.db")).unwrap();
    vigil_store::conformance::run(&mut store);
    assert_eq!(store.integrity_check().unwrap(), vec!["ok".to_string()]);
}

#[test]
fn sqlite_passes_the_incident_search_story() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = SqliteStore::open(dir.path().join("search.db")).unwrap();
    vigil_store::conformance::incident_search(&mut store);
    assert_eq!(store.integrity_check().unwrap(), vec!["ok".to_string()]);
}

#[test]
fn reopening_a_database_keeps_its_data_and_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("reopen.db");
    {
        let mut store = SqliteStore::open(&path).unwrap();
        vigil_store::conformance::run(&mut store);
    }
    let store = SqliteStore::open_existing(&path).unwrap();
    assert_eq!(store.counts().unwrap().incidents, 1);
}

#[test]
fn opening_a_missing_database_for_reading_says_how_to_create_one() {
    let dir = tempfile::tempdir().unwrap();
    let err = SqliteStore::open_existing(dir.path().join("nope.db"))
        .err()
        .unwrap();
    assert!(err.to_string().contains("vigil demo"), "{err}");
}
