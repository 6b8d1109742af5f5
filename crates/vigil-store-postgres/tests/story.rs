//! The storage story on PostgreSQL, and what only a shared database server goes through:
//! reopening, connecting to a database without Vigil's schema, two writers at once, and
//! restoring a copied audit log.
//!
//! Each test makes its own database (`vigil_store_postgres::testing::TestDatabase`) on the
//! server named by `VIGIL_TEST_PG`, or on the one `scripts/postgres.sh` starts.

use vigil_store::Store;
use vigil_store_postgres::testing::TestDatabase;
use vigil_store_postgres::PgStore;

#[test]
fn postgres_passes_the_storage_story() {
    let db = TestDatabase::create();
    let mut store = PgStore::connect(db.url()).unwrap();
    vigil_store::conformance::run(&mut store);
    assert_eq!(store.integrity_check().unwrap(), vec!["ok".to_string()]);
}

#[test]
fn postgres_passes_the_incident_search_story() {
    let db = TestDatabase::create();
    let mut store = PgStore::connect(db.url()).unwrap();
    vigil_store::conformance::incident_search(&mut store);
    assert_eq!(store.integrity_check().unwrap(), vec!["ok".to_string()]);
}

use chrono::{Duration, TimeZone, Utc};
use vigil_domain::*;
use vigil_store::{AuditQuery, Existing, StoreError};

fn source() -> Source {
    Source {
        id: SourceId::new("src-field").unwrap(),
        kind: SourceKind::DatasetRow,
        title: "Field reports".into(),
        publisher: None,
        url: None,
        published_on: None,
        protected: false,
    }
}

fn report(n: u32) -> Report {
    Report {
        id: ReportId::new(format!("rep-{n:05}")).unwrap(),
        source: source().id,
        received_at: Utc.with_ymd_and_hms(2017, 1, 1, 0, 0, 0).unwrap(),
        summary: format!("report {n}"),
        content: ReportContent::from_value(&serde_json::json!({ "row": n })),
    }
}

fn incident(n: u32) -> Incident {
    let start = Utc.with_ymd_and_hms(2016, 1, 1, 0, 0, 0).unwrap() + Duration::hours(i64::from(n));
    Incident {
        id: IncidentId::new(format!("inc-{n:05}")).unwrap(),
        title: Some(format!("incident {n}")),
        kind: IncidentKind::ALL[n as usize % IncidentKind::ALL.len()],
        when: TimeSpan::new(start, start + Duration::minutes(59), TimePrecision::Hour).unwrap(),
        location: Location::with_precision(
            Point::new(37.0 + f64::from(n % 100) / 1000.0, 36.1).unwrap(),
            GeoPrecision::Exact,
        ),
        area: None,
        weapon: None,
        targets: Vec::new(),
        damage: None,
        certainty: Certainty::ALL[n as usize % Certainty::ALL.len()],
        casualties: Vec::new(),
        attributions: Vec::new(),
        description: None,
        reports: vec![report(n).id],
    }
}

fn whole_log(store: &PgStore) -> Vec<AuditEntry> {
    store.audit_log(&AuditQuery::all(usize::MAX)).unwrap()
}

#[test]
fn reopening_a_database_keeps_its_data_and_schema() {
    let db = TestDatabase::create();
    {
        let mut store = PgStore::connect(db.url()).unwrap();
        vigil_store::conformance::run(&mut store);
    }
    // Connecting again finds the schema up to date and changes nothing.
    let store = PgStore::connect(db.url()).unwrap();
    assert_eq!(store.counts().unwrap().incidents, 1);
    drop(store);
    let store = PgStore::connect_existing(db.url()).unwrap();
    assert_eq!(store.counts().unwrap().incidents, 1);
    assert_eq!(store.integrity_check().unwrap(), vec!["ok".to_string()]);
}

#[test]
fn connecting_to_a_database_without_vigil_says_how_to_create_it() {
    let db = TestDatabase::create();
    let err = PgStore::connect_existing(db.url()).err().unwrap();
    assert!(err.to_string().contains("vigil import"), "{err}");
    assert!(err.to_string().contains(db.name()), "{err}");
    // Nor does a server create one.
    let err = PgStore::connect_existing_schema(db.url()).err().unwrap();
    assert!(err.to_string().contains("vigil import"), "{err}");
    let mut client = postgres::Client::connect(db.url(), postgres::NoTls).unwrap();
    let schemas: i64 = client
        .query_one(
            "SELECT count(*) FROM pg_namespace WHERE nspname IN ('vigil', 'gis', 'published')",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(schemas, 0, "nothing was created");
}

/// A database of an older schema version is brought up to date by a server (and by any
/// command that writes), but refused by a reader, which never migrates.
#[test]
fn an_older_schema_is_brought_up_to_date_when_opened_for_writing() {
    let db = TestDatabase::create();
    PgStore::connect(db.url()).unwrap();
    let mut client = postgres::Client::connect(db.url(), postgres::NoTls).unwrap();
    // Back to version 1: the views of 0002 and the index of 0003 removed, and their records.
    client
        .batch_execute(
            "DROP SCHEMA gis CASCADE; DROP SCHEMA published CASCADE;
             DROP FUNCTION vigil.incident_space_time CASCADE;
             DELETE FROM vigil.schema_migrations WHERE version IN (2, 3)",
        )
        .unwrap();
    let err = PgStore::connect_existing(db.url()).err().unwrap();
    assert!(err.to_string().contains("schema version 1"), "{err}");
    assert!(err.to_string().contains("open it for writing"), "{err}");
    PgStore::connect_existing_schema(db.url()).unwrap();
    let n: i64 = client
        .query_one("SELECT count(*) FROM gis.incidents", &[])
        .unwrap()
        .get(0);
    assert_eq!(n, 0);
    let indexed: i64 = client
        .query_one(
            "SELECT count(*) FROM pg_indexes WHERE indexname = 'incidents_space_time'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(indexed, 1);
    PgStore::connect_existing(db.url()).unwrap();
}

#[test]
fn a_url_password_never_shows() {
    let db = TestDatabase::create();
    let url = db.url().replacen("://vigil@", "://vigil:hunter2@", 1);
    // The test server trusts loopback connections, so the password is not even checked.
    let store = PgStore::connect(&url).unwrap();
    assert!(!store.url_for_display().contains("hunter2"));
    assert!(
        store.url_for_display().contains("vigil:REDACTED@"),
        "{}",
        store.url_for_display()
    );
    let wrong = url.replace("55432", "1");
    let err = PgStore::connect(&wrong).err().unwrap();
    assert!(!err.to_string().contains("hunter2"), "{err}");
}

/// Two stores (two connections, as two server processes would have) write at once; every
/// write commits, and the audit log's `seq` order is the order the transactions committed in.
#[test]
fn two_writers_at_once_lose_nothing_and_the_log_follows_commit_order() {
    const EACH: u32 = 200;
    let db = TestDatabase::create();
    let mut first = PgStore::connect(db.url()).unwrap();
    let mut tx = first.transaction().unwrap();
    tx.put_source(&source(), Existing::Keep).unwrap();
    tx.commit().unwrap();
    let version_before = first.data_version().unwrap();
    let second = PgStore::connect(db.url()).unwrap();
    let writer = |mut store: PgStore, offset: u32| {
        std::thread::spawn(move || {
            for n in offset..offset + EACH {
                let mut tx = store.transaction().unwrap();
                assert_eq!(
                    tx.put_incident_from(&incident(n), &report(n)).unwrap(),
                    vigil_store::WriteOutcome::Inserted
                );
                tx.commit().unwrap();
            }
            store
        })
    };
    let a = writer(first, 0);
    let b = writer(second, EACH);
    let first = a.join().unwrap();
    b.join().unwrap();

    assert_eq!(first.counts().unwrap().incidents, u64::from(2 * EACH));
    assert_eq!(first.counts().unwrap().reports, u64::from(2 * EACH));
    assert_eq!(
        first.data_version().unwrap(),
        version_before + u64::from(2 * EACH),
        "every transaction moved the data version once"
    );
    let log = whole_log(&first);
    assert_eq!(
        log.len(),
        1 + 2 * (2 * EACH) as usize,
        "the source, then a report and an incident each"
    );
    // Nothing was rolled back, so no number was skipped: 1, 2, 3, …
    let seqs: Vec<u64> = log.iter().map(|e| e.seq).collect();
    assert_eq!(seqs, (1..=log.len() as u64).collect::<Vec<_>>());
    // Each transaction's two entries are next to each other (no other writer's entry came in
    // between), and times never go back (each transaction began after the one before ended).
    for pair in log[1..].chunks(2) {
        assert_eq!(pair[0].record_kind, "report");
        assert_eq!(pair[1].record_kind, "incident");
        assert_eq!(
            pair[0].record_id.trim_start_matches("rep-"),
            pair[1].record_id.trim_start_matches("inc-")
        );
    }
    assert!(log.windows(2).all(|w| w[0].at <= w[1].at));
    let mut incidents = 0;
    first
        .for_each_incident(&mut |_| {
            incidents += 1;
            Ok(())
        })
        .unwrap();
    assert_eq!(incidents, 2 * EACH);
    assert_eq!(first.integrity_check().unwrap(), vec!["ok".to_string()]);
}

/// Audit entries wait in the transaction and are written in batches (`COPY`); the log must
/// still hold exactly the committed writes' entries, in the order they were made.
#[test]
fn audit_entries_written_in_batches_keep_their_order_and_lose_only_what_was_undone() {
    let db = TestDatabase::create();
    let mut store = PgStore::connect(db.url()).unwrap();
    let mut tx = store.transaction().unwrap();
    tx.put_source(&source(), Existing::Keep).unwrap();
    tx.commit().unwrap();
    // A transaction rolled back leaves nothing in the log.
    let mut tx = store.transaction().unwrap();
    tx.put_incident_from(&incident(1), &report(1)).unwrap();
    drop(tx);
    // 1,500 incidents, two entries each: more than one batch. One is undone at a savepoint,
    // the next kept through one.
    let mut tx = store.transaction().unwrap();
    for n in 2..1502 {
        if n == 700 || n == 701 {
            tx.savepoint().unwrap();
            tx.put_incident_from(&incident(n), &report(n)).unwrap();
            if n == 700 {
                tx.rollback_to_savepoint().unwrap();
            } else {
                tx.release_savepoint().unwrap();
            }
        } else {
            tx.put_incident_from(&incident(n), &report(n)).unwrap();
        }
    }
    tx.commit().unwrap();

    let log = whole_log(&store);
    assert!(log.windows(2).all(|w| w[0].seq < w[1].seq));
    let written: Vec<String> = log
        .iter()
        .map(|e| format!("{}/{}", e.record_kind, e.record_id))
        .collect();
    let mut expected = vec![format!("source/{}", source().id)];
    for n in (2..1502).filter(|n| *n != 700) {
        expected.push(format!("report/{}", report(n).id));
        expected.push(format!("incident/{}", incident(n).id));
    }
    assert_eq!(written, expected);
    assert!(store.incident(&incident(1).id).unwrap().is_none());
    assert!(store.incident(&incident(700).id).unwrap().is_none());
    assert_eq!(store.counts().unwrap().incidents, 1499);
}

/// `vigil migrate`: records copied through the `put_*` methods, then the source's audit log
/// and data version restored over what those writes appended.
#[test]
fn a_copied_audit_log_is_restored_entry_for_entry() {
    let source_db = TestDatabase::create();
    let mut a = PgStore::connect(source_db.url()).unwrap();
    let mut tx = a.transaction().unwrap();
    tx.put_source(&source(), Existing::Keep).unwrap();
    tx.commit().unwrap();
    for n in 0..5 {
        let mut tx = a
            .transaction_as(&Actor::stored(
                format!("writer-{n}"),
                Some(Role::Coordinator),
            ))
            .unwrap();
        tx.put_incident_from(&incident(n), &report(n)).unwrap();
        tx.commit().unwrap();
    }
    // A rolled back transaction that had written part of its log (more than one batch of
    // entries) leaves a gap in A's `seq`s, which the copy keeps.
    let mut tx = a.transaction().unwrap();
    for n in 100..700 {
        tx.put_incident_from(&incident(n), &report(n)).unwrap();
    }
    drop(tx);
    let mut tx = a.transaction().unwrap();
    let mut changed = incident(2);
    changed.title = Some("retitled".into());
    tx.put_incident(&changed).unwrap();
    tx.commit().unwrap();
    let log = whole_log(&a);
    assert!(
        log.windows(2).any(|w| w[1].seq > w[0].seq + 1),
        "the rolled back transaction left a gap"
    );
    let version = a.data_version().unwrap();

    let copy_db = TestDatabase::create();
    let mut b = PgStore::connect(copy_db.url()).unwrap();
    let mut tx = b.transaction().unwrap();
    for s in a.sources().unwrap() {
        tx.put_source(&s, Existing::Replace).unwrap();
    }
    a.for_each_report(&mut |r| tx.put_report(&r).map(drop))
        .unwrap();
    a.for_each_incident(&mut |i| tx.put_incident(&i).map(drop))
        .unwrap();
    let (head, tail) = log.split_at(4);
    tx.restore_audit_entries(head).unwrap();
    tx.restore_audit_entries(tail).unwrap();
    // Out of order: refused.
    assert!(matches!(
        tx.restore_audit_entries(&log[..1]),
        Err(StoreError::Conflict(_))
    ));
    tx.restore_data_version(version).unwrap();
    tx.commit().unwrap();

    assert_eq!(whole_log(&b), log);
    assert_eq!(b.data_version().unwrap(), version);
    assert_eq!(b.incident(&changed.id).unwrap(), Some(changed.clone()));

    // The next entry follows the last one copied.
    let mut tx = b.transaction().unwrap();
    tx.put_incident_from(&incident(7), &report(7)).unwrap();
    tx.commit().unwrap();
    let after = whole_log(&b);
    let last = log.last().unwrap().seq;
    assert_eq!(
        after[log.len()..].iter().map(|e| e.seq).collect::<Vec<_>>(),
        vec![last + 1, last + 2]
    );
    assert_eq!(b.data_version().unwrap(), version + 1);

    // A database that has an audit log is never restored into.
    let mut tx = b.transaction().unwrap();
    assert!(matches!(
        tx.restore_audit_entries(&log),
        Err(StoreError::Conflict(_))
    ));
    drop(tx);
    assert_eq!(whole_log(&b), after);
    assert_eq!(b.integrity_check().unwrap(), vec!["ok".to_string()]);
}

/// A read inside a snapshot sees one committed state.
#[test]
fn a_snapshot_sees_one_committed_state() {
    let db = TestDatabase::create();
    let mut writer = PgStore::connect(db.url()).unwrap();
    let mut tx = writer.transaction().unwrap();
    tx.put_source(&source(), Existing::Keep).unwrap();
    tx.commit().unwrap();
    let reader = PgStore::connect_existing(db.url()).unwrap();
    let (before, during) = reader
        .snapshot(|r| {
            let before = r.counts().unwrap().incidents;
            let mut tx = writer.transaction().unwrap();
            tx.put_incident_from(&incident(1), &report(1)).unwrap();
            tx.commit().unwrap();
            (before, r.counts().unwrap().incidents)
        })
        .unwrap();
    assert_eq!((before, during), (0, 0));
    assert_eq!(reader.counts().unwrap().incidents, 1);
}

/// A transaction in which a statement failed (here a CHECK of the schema) and that no savepoint
/// took back is not committed half: PostgreSQL would answer COMMIT by rolling back without an
/// error, so the commit says so, and nothing is kept.
#[test]
fn a_commit_after_a_failed_statement_fails_and_keeps_nothing() {
    let db = TestDatabase::create();
    let mut store = PgStore::connect(db.url()).unwrap();
    let mut tx = store.transaction().unwrap();
    tx.put_source(&source(), Existing::Keep).unwrap();
    // An update without a `before`: the schema's CHECK refuses it.
    let bad = AuditEntry {
        action: AuditAction::Update,
        ..an_entry()
    };
    let _ = tx.restore_audit_entries(&[bad]);
    let err = tx.commit().unwrap_err();
    assert!(matches!(err, StoreError::Backend(_)), "{err}");
    assert!(err.to_string().contains("nothing was committed"), "{err}");
    assert_eq!(store.counts().unwrap().sources, 0);
}

fn an_entry() -> AuditEntry {
    AuditEntry {
        seq: 1,
        at: Utc.with_ymd_and_hms(2017, 1, 1, 0, 0, 0).unwrap(),
        actor: Actor::stored("someone".into(), None),
        action: AuditAction::Insert,
        record_kind: "source".into(),
        record_id: "src-x".into(),
        before: None,
        after: serde_json::json!({}),
    }
}

/// A walk over every incident sees the incidents as they were when it began, however many
/// pages it reads and whatever another writer commits meanwhile.
#[test]
fn a_walk_over_every_incident_sees_one_committed_state() {
    const COUNT: u32 = 2_500;
    let db = TestDatabase::create();
    let mut store = PgStore::connect(db.url()).unwrap();
    let mut tx = store.transaction().unwrap();
    tx.put_source(&source(), Existing::Keep).unwrap();
    for n in 0..COUNT {
        tx.put_incident_from(&incident(n), &report(n)).unwrap();
    }
    tx.commit().unwrap();
    let mut writer = PgStore::connect(db.url()).unwrap();
    let mut seen = Vec::new();
    store
        .for_each_incident(&mut |i| {
            if seen.is_empty() {
                // Committed while the walk is on its first page: one on a later page, one
                // after every other.
                let mut tx = writer.transaction().unwrap();
                tx.put_incident_from(&incident(COUNT + 1), &report(COUNT + 1))
                    .unwrap();
                let mut changed = incident(2_000);
                changed.title = Some("changed meanwhile".into());
                tx.put_incident(&changed).unwrap();
                tx.commit().unwrap();
            }
            seen.push(i);
            Ok(())
        })
        .unwrap();
    assert_eq!(seen.len(), COUNT as usize);
    assert!(seen.windows(2).all(|w| w[0].id.as_str() < w[1].id.as_str()));
    assert_eq!(seen[2_000], incident(2_000));
    // Outside the walk, the write is there.
    assert_eq!(store.counts().unwrap().incidents, u64::from(COUNT) + 1);
    let mut reports = 0;
    store
        .for_each_report(&mut |_| {
            reports += 1;
            Ok(())
        })
        .unwrap();
    assert_eq!(reports, COUNT + 1);
}

/// Two servers starting on a new database at once: one migrates, the other waits and finds
/// the schema made.
#[test]
fn two_stores_connecting_at_once_migrate_once() {
    let db = TestDatabase::create();
    let url = db.url().to_owned();
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let url = url.clone();
            std::thread::spawn(move || PgStore::connect(&url).map(drop))
        })
        .collect();
    for t in threads {
        t.join().unwrap().unwrap();
    }
    let mut client = postgres::Client::connect(db.url(), postgres::NoTls).unwrap();
    let versions: Vec<i32> = client
        .query(
            "SELECT version FROM vigil.schema_migrations ORDER BY version",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(
        versions,
        (1..=vigil_store_postgres::SCHEMA_VERSION).collect::<Vec<_>>()
    );
}

/// The PostGIS columns, for QGIS and SQL: registered with their types and SRID, and generated
/// from the columns Vigil writes.
#[test]
fn geometry_columns_follow_the_stored_coordinates() {
    let db = TestDatabase::create();
    let mut store = PgStore::connect(db.url()).unwrap();
    vigil_store::conformance::run(&mut store);
    let mut client = postgres::Client::connect(db.url(), postgres::NoTls).unwrap();
    let columns: Vec<(String, String, String, i32)> = client
        .query(
            "SELECT f_table_name::text, f_geometry_column::text, type::text, srid
             FROM geometry_columns WHERE f_table_schema = 'vigil' ORDER BY 1, 2",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)))
        .collect();
    // `incidents.space_time` is the search index's key (place and a number for time, no
    // SRID), not a map layer.
    let expected = [
        ("areas", "boundary_geom", "MULTIPOLYGON", 4326),
        ("incidents", "geom", "POINT", 4326),
        ("incidents", "space_time", "GEOMETRY", 0),
        ("movements", "route_geom", "LINESTRING", 4326),
        ("sites", "footprint_geom", "POLYGON", 4326),
        ("sites", "geom", "POINT", 4326),
    ];
    assert_eq!(
        columns,
        expected
            .iter()
            .map(|(t, c, k, srid)| (t.to_string(), c.to_string(), k.to_string(), *srid))
            .collect::<Vec<_>>()
    );
    for (sql, what) in [
        (
            "SELECT count(*) FROM vigil.sites
             WHERE geom IS NULL OR ST_X(geom) <> lon OR ST_Y(geom) <> lat",
            "sites whose point is not their lon/lat",
        ),
        (
            "SELECT count(*) FROM vigil.sites WHERE (footprint IS NULL) <> (footprint_geom IS NULL)",
            "sites whose footprint has no geometry",
        ),
        (
            "SELECT count(*) FROM vigil.incidents
             WHERE (lon IS NULL) <> (geom IS NULL) OR ST_X(geom) <> lon OR ST_Y(geom) <> lat",
            "incidents whose point is not their lon/lat",
        ),
        (
            "SELECT count(*) FROM vigil.movements WHERE route_geom IS NULL",
            "movements without a route geometry",
        ),
        (
            "SELECT count(*) FROM vigil.areas WHERE (boundary IS NULL) <> (boundary_geom IS NULL)",
            "areas whose boundary has no geometry",
        ),
    ] {
        let n: i64 = client.query_one(sql, &[]).unwrap().get(0);
        assert_eq!(n, 0, "{what}");
    }
    let with_geometry: i64 = client
        .query_one(
            "SELECT (SELECT count(*) FROM vigil.sites WHERE footprint_geom IS NOT NULL)
                  + (SELECT count(*) FROM vigil.areas WHERE boundary_geom IS NOT NULL)",
            &[],
        )
        .unwrap()
        .get(0);
    assert!(
        with_geometry > 0,
        "the story stores a footprint or a boundary"
    );
}

/// PostgreSQL's TEXT cannot hold a NUL character; asking for a name, an id or a page after a
/// cursor that holds one answers as SQLite does (nothing, or the page after the text before it)
/// instead of failing.
#[test]
fn a_nul_character_in_what_is_asked_for_finds_nothing_rather_than_failing() {
    let db = TestDatabase::create();
    let mut store = PgStore::connect(db.url()).unwrap();
    let mut tx = store.transaction().unwrap();
    tx.put_source(&source(), Existing::Keep).unwrap();
    for n in 0..3 {
        tx.put_incident_from(&incident(n), &report(n)).unwrap();
    }
    assert!(!tx.revoke_token("ab\0cd", Utc::now()).unwrap());
    tx.commit().unwrap();
    assert_eq!(store.account("am\0al").unwrap(), None);
    let query = AuditQuery {
        record_kind: Some("incident".into()),
        record_id: Some("inc-\0".into()),
        after_seq: None,
        limit: 10,
    };
    assert_eq!(store.audit_log(&query).unwrap(), Vec::new());
    let query = vigil_store::IncidentQuery {
        after: Some("inc-00001\0zzz".into()),
        limit: 10,
        ..Default::default()
    };
    let expected: Vec<Incident> = (0..3).map(incident).filter(|i| query.admits(i)).collect();
    assert_eq!(expected, vec![incident(2)]);
    assert_eq!(store.incidents_page(&query).unwrap(), expected);
}

/// A row that PostgreSQL refuses (text with a NUL character) is undone alone by the savepoint
/// an import takes around each row, and the rest of the transaction commits.
#[test]
fn a_row_the_database_refuses_is_undone_by_its_savepoint() {
    let db = TestDatabase::create();
    let mut store = PgStore::connect(db.url()).unwrap();
    let mut tx = store.transaction().unwrap();
    tx.put_source(&source(), Existing::Keep).unwrap();
    for n in 0..3 {
        let mut r = report(n);
        if n == 1 {
            r.summary = "a summary with a \0 in it".into();
        }
        tx.savepoint().unwrap();
        match tx.put_incident_from(&incident(n), &r) {
            Ok(_) => tx.release_savepoint().unwrap(),
            Err(err) => {
                assert!(matches!(err, StoreError::Backend(_)), "{err}");
                assert!(err.to_string().contains("NUL"), "{err}");
                tx.rollback_to_savepoint().unwrap();
            }
        }
    }
    tx.commit().unwrap();
    let ids: Vec<String> = whole_log(&store)
        .iter()
        .map(|e| e.record_id.clone())
        .collect();
    assert_eq!(
        ids,
        [
            "src-field",
            "rep-00000",
            "inc-00000",
            "rep-00002",
            "inc-00002"
        ]
    );
    assert_eq!(store.counts().unwrap().incidents, 2);
    assert_eq!(store.integrity_check().unwrap(), vec!["ok".to_string()]);
}

/// The views of migration 0002: the analyst's view of the data in `gis` and the public counts in
/// `published`, each readable by its role and nothing else.
#[test]
fn the_views_show_the_records_to_their_readers_only() {
    let db = TestDatabase::create();
    let mut store = PgStore::connect(db.url()).unwrap();
    vigil_store::conformance::run(&mut store);
    let counts = store.counts().unwrap();
    let mut client = postgres::Client::connect(db.url(), postgres::NoTls).unwrap();
    let count = |client: &mut postgres::Client, sql: &str| -> i64 {
        client.query_one(sql, &[]).unwrap().get(0)
    };
    assert_eq!(
        count(&mut client, "SELECT count(*) FROM gis.sites") as u64,
        counts.sites
    );
    assert_eq!(
        count(&mut client, "SELECT count(*) FROM gis.incidents") as u64,
        counts.incidents
    );
    assert_eq!(
        count(&mut client, "SELECT count(*) FROM gis.areas") as u64,
        counts.areas
    );
    count(&mut client, "SELECT count(*) FROM gis.findings");
    count(&mut client, "SELECT count(*) FROM gis.movements");
    count(
        &mut client,
        "SELECT count(*) FROM published.incidents_by_governorate",
    );

    // A reader of each kind (the test server's role may make roles, so the migration made the
    // two reader roles; a login of our own is made here and removed at the end).
    let reader = format!("{}_reader", db.name());
    client
        .batch_execute(&format!(
            "CREATE ROLE \"{reader}\" NOLOGIN IN ROLE vigil_gis_reader"
        ))
        .unwrap();
    let as_reader = |client: &mut postgres::Client, sql: &str| {
        client
            .batch_execute(&format!("BEGIN; SET LOCAL ROLE \"{reader}\"; {sql}"))
            .map_err(|e| e.as_db_error().map(|d| d.code().code().to_owned()))
            .and_then(|_| client.batch_execute("ROLLBACK").map_err(|_| None))
            .inspect_err(|_| {
                let _ = client.batch_execute("ROLLBACK");
            })
    };
    assert_eq!(
        as_reader(&mut client, "SELECT * FROM gis.incidents"),
        Ok(())
    );
    assert_eq!(as_reader(&mut client, "SELECT * FROM gis.sites"), Ok(()));
    assert_eq!(
        as_reader(&mut client, "SELECT * FROM vigil.incidents"),
        Err(Some("42501".to_owned())),
        "no right on Vigil's tables"
    );
    assert_eq!(
        as_reader(
            &mut client,
            "SELECT * FROM published.incidents_by_governorate"
        ),
        Err(Some("42501".to_owned())),
        "an analyst's role is not the public one"
    );
    client
        .batch_execute(&format!("DROP ROLE \"{reader}\""))
        .unwrap();
}
