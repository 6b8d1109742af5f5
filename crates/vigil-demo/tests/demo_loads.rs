//! The demo scenario loads into a real database (a SQLite file, or PostgreSQL with
//! `VIGIL_TEST_BACKEND=postgres`), tells the story it should, and loading it again changes
//! nothing.

use vigil_db::testing::TestDb;
use vigil_domain::{SourceKind, Subject, Target};

#[test]
fn demo_loads_every_record_and_reloading_changes_nothing() {
    let db = TestDb::create();
    let mut store = db.open();
    let (scenario, first) = vigil_demo::load(&mut *store).unwrap();
    assert!(first.inserted > 0);
    assert_eq!(first.updated, 0);

    let counts = store.counts().unwrap();
    assert_eq!(counts.sites as usize, scenario.sites.len());
    assert_eq!(counts.incidents as usize, scenario.incidents.len());
    assert_eq!(counts.movements as usize, scenario.movements.len());
    // 1 country + 14 governorates + 109 Aleppo neighbourhoods, from OCHA's files.
    assert_eq!(counts.areas, 124);

    let (_, second) = vigil_demo::load(&mut *store).unwrap();
    assert_eq!((second.inserted, second.updated), (0, 0));
    assert_eq!(second.unchanged, first.inserted);
}

#[test]
fn demo_tells_the_aleppo_story() {
    let db = TestDb::create();
    let mut store = db.open();
    vigil_demo::load(&mut *store).unwrap();

    // The convoy was notified, and an incident names it as hit.
    let movements = store.movements().unwrap();
    assert!(!movements.is_empty(), "the UN–SARC convoy is registered");
    let convoy = &movements[0];
    assert!(!store
        .notifications_of(&Subject::Movement(convoy.id.clone()))
        .unwrap()
        .is_empty());

    let mut convoy_hit = false;
    let mut hospital_hits = std::collections::BTreeMap::new();
    store
        .for_each_incident(&mut |i| {
            for t in &i.targets {
                match t {
                    Target::Movement(id) if id == &convoy.id => convoy_hit = true,
                    Target::Site(id) => *hospital_hits.entry(id.clone()).or_insert(0) += 1,
                    _ => {}
                }
            }
            assert!(!i.reports.is_empty(), "{} has a report", i.id);
            Ok(())
        })
        .unwrap();
    assert!(convoy_hit);
    assert!(
        hospital_hits.values().any(|n| *n >= 2),
        "at least one site is struck repeatedly: {hospital_hits:?}"
    );

    // Every fact cites a source, and illustrative records say so.
    let sources = store.sources().unwrap();
    assert!(sources.len() >= 5);
    for s in sources.iter().filter(|s| s.kind == SourceKind::Other) {
        assert!(s.title.starts_with("Illustrative:"), "{} is marked", s.id);
    }
    assert!(store
        .ceasefires()
        .unwrap()
        .iter()
        .any(|c| c.collapsed_at.is_some()));
}
