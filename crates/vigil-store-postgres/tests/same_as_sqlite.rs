//! The storage story run on SQLite and on PostgreSQL leaves the same records, read back the
//! same way, the same audit log (but for the times entries were written) and the same data
//! version: the two backends behave as one.

use vigil_store::{AuditQuery, Store};
use vigil_store_postgres::testing::TestDatabase;
use vigil_store_postgres::PgStore;
use vigil_store_sqlite::SqliteStore;

fn incidents(store: &dyn Store) -> Vec<vigil_domain::Incident> {
    let mut all = Vec::new();
    store
        .for_each_incident(&mut |i| {
            all.push(i);
            Ok(())
        })
        .unwrap();
    all
}

fn reports(store: &dyn Store) -> Vec<vigil_domain::Report> {
    let mut all = Vec::new();
    store
        .for_each_report(&mut |r| {
            all.push(r);
            Ok(())
        })
        .unwrap();
    all
}

fn findings(store: &dyn Store) -> Vec<vigil_domain::Finding> {
    let mut all = Vec::new();
    store
        .for_each_finding(&mut |f| {
            all.push(f);
            Ok(())
        })
        .unwrap();
    all
}

/// The audit log without the time of each entry (when the story ran) and without its `seq`,
/// only checked to grow: a transaction rolled back leaves a gap in PostgreSQL's sequence, while
/// SQLite's AUTOINCREMENT counter is rolled back with it and hands the number out again.
fn log(store: &dyn Store) -> Vec<serde_json::Value> {
    let entries = store.audit_log(&AuditQuery::all(usize::MAX)).unwrap();
    assert!(entries.windows(2).all(|w| w[0].seq < w[1].seq));
    entries
        .into_iter()
        .map(|e| {
            serde_json::json!({
                "actor": e.actor.name(),
                "role": e.actor.role().map(|r| r.to_string()),
                "action": e.action.as_str(),
                "kind": e.record_kind,
                "id": e.record_id,
                "before": e.before,
                "after": e.after,
            })
        })
        .collect()
}

fn same(sqlite: &dyn Store, pg: &dyn Store) {
    assert_eq!(pg.counts().unwrap(), sqlite.counts().unwrap());
    assert_eq!(pg.sources().unwrap(), sqlite.sources().unwrap());
    assert_eq!(pg.parties().unwrap(), sqlite.parties().unwrap());
    assert_eq!(pg.areas().unwrap(), sqlite.areas().unwrap());
    assert_eq!(pg.movements().unwrap(), sqlite.movements().unwrap());
    assert_eq!(pg.ceasefires().unwrap(), sqlite.ceasefires().unwrap());
    assert_eq!(
        pg.zones_of_control().unwrap(),
        sqlite.zones_of_control().unwrap()
    );
    for area in sqlite.areas().unwrap() {
        assert_eq!(
            pg.population_figures(&area.id).unwrap(),
            sqlite.population_figures(&area.id).unwrap()
        );
    }
    assert_eq!(pg.sites().unwrap(), sqlite.sites().unwrap());
    assert_eq!(incidents(pg), incidents(sqlite));
    assert_eq!(reports(pg), reports(sqlite));
    assert_eq!(pg.notifications().unwrap(), sqlite.notifications().unwrap());
    assert_eq!(
        pg.all_acknowledgements().unwrap(),
        sqlite.all_acknowledgements().unwrap()
    );
    assert_eq!(
        pg.incident_sources().unwrap(),
        sqlite.incident_sources().unwrap()
    );
    assert_eq!(pg.import_runs().unwrap(), sqlite.import_runs().unwrap());
    assert_eq!(pg.data_version().unwrap(), sqlite.data_version().unwrap());
    assert_eq!(
        pg.findings_state().unwrap(),
        sqlite.findings_state().unwrap()
    );
    assert_eq!(
        pg.finding_digests().unwrap(),
        sqlite.finding_digests().unwrap()
    );
    assert_eq!(findings(pg), findings(sqlite));
    assert_eq!(pg.accounts().unwrap(), sqlite.accounts().unwrap());
    assert_eq!(pg.tokens().unwrap(), sqlite.tokens().unwrap());
    let items = sqlite.evidence_items().unwrap();
    assert_eq!(pg.evidence_items().unwrap(), items);
    for item in &items {
        assert_eq!(
            pg.custody_of(&item.sha256).unwrap(),
            sqlite.custody_of(&item.sha256).unwrap()
        );
    }
    assert_eq!(
        pg.log_signer_key().unwrap(),
        sqlite.log_signer_key().unwrap()
    );
    assert_eq!(pg.log_leaves().unwrap(), sqlite.log_leaves().unwrap());
    assert_eq!(
        pg.log_checkpoints().unwrap(),
        sqlite.log_checkpoints().unwrap()
    );
    assert_eq!(pg.log_head().unwrap(), sqlite.log_head().unwrap());
    let (pg_log, sqlite_log) = (log(pg), log(sqlite));
    assert_eq!(pg_log.len(), sqlite_log.len());
    for (p, s) in pg_log.iter().zip(&sqlite_log) {
        assert_eq!(p, s);
    }
}

#[test]
fn the_storage_story_leaves_the_same_database_on_both() {
    let dir = tempfile::tempdir().unwrap();
    let mut sqlite = SqliteStore::open(dir.path().join("story.db")).unwrap();
    vigil_store::conformance::run(&mut sqlite);
    let db = TestDatabase::create();
    let mut pg = PgStore::connect(db.url()).unwrap();
    vigil_store::conformance::run(&mut pg);
    same(&sqlite, &pg);
}

#[test]
fn the_search_story_leaves_the_same_database_on_both() {
    let dir = tempfile::tempdir().unwrap();
    let mut sqlite = SqliteStore::open(dir.path().join("search.db")).unwrap();
    vigil_store::conformance::incident_search(&mut sqlite);
    let db = TestDatabase::create();
    let mut pg = PgStore::connect(db.url()).unwrap();
    vigil_store::conformance::incident_search(&mut pg);
    same(&sqlite, &pg);
}
