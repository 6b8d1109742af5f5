//! The two ways SQLite answers an incident search (see `search.rs`) give the same incidents,
//! and a search in a small box and period reads its candidates from the R*Tree, not every
//! incident. Enough incidents are written for both plans to be taken.

use chrono::{Duration, TimeZone, Utc};
use vigil_domain::*;
use vigil_store::{BoundingBox, Existing, IncidentQuery, Store};
use vigil_store_sqlite::SqliteStore;

/// More than the candidate count from which a search walks in id order instead.
const INCIDENTS: u32 = 21_000;

fn incident(n: u32, report: &ReportId) -> Incident {
    // A 150 × 140 grid of 0.001° around Aleppo, one hour each through 2016, the ids in an
    // order unrelated to place and time.
    let cell = (n * 7919) % INCIDENTS;
    let start = Utc.with_ymd_and_hms(2016, 1, 1, 0, 0, 0).unwrap() + Duration::hours(i64::from(n));
    Incident {
        id: IncidentId::new(format!("inc-{cell:05}")).unwrap(),
        title: None,
        kind: IncidentKind::ALL[n as usize % IncidentKind::ALL.len()],
        when: TimeSpan::new(start, start + Duration::minutes(59), TimePrecision::Hour).unwrap(),
        location: Location::with_precision(
            Point::new(
                37.0 + f64::from(n % 150) / 1000.0,
                36.1 + f64::from(n / 150) / 1000.0,
            )
            .unwrap(),
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
        reports: vec![report.clone()],
    }
}

fn store_with_incidents(dir: &tempfile::TempDir) -> (SqliteStore, Vec<Incident>) {
    let mut store = SqliteStore::open(dir.path().join("plans.db")).unwrap();
    let source = Source {
        id: SourceId::new("src-grid").unwrap(),
        kind: SourceKind::DatasetRow,
        title: "A grid".into(),
        publisher: None,
        url: None,
        published_on: None,
        protected: false,
    };
    let report = Report {
        id: ReportId::new("rep-grid").unwrap(),
        source: source.id.clone(),
        received_at: Utc.with_ymd_and_hms(2017, 1, 1, 0, 0, 0).unwrap(),
        summary: "the grid".into(),
        content: ReportContent::from_value(&serde_json::json!({})),
    };
    let mut all: Vec<Incident> = (0..INCIDENTS).map(|n| incident(n, &report.id)).collect();
    let mut tx = store.transaction().unwrap();
    tx.put_source(&source, Existing::Keep).unwrap();
    tx.put_report(&report).unwrap();
    for i in &all {
        tx.put_incident(i).unwrap();
    }
    tx.commit().unwrap();
    all.sort_by(|a, b| a.id.as_str().cmp(b.id.as_str()));
    (store, all)
}

fn expected(all: &[Incident], query: &IncidentQuery) -> Vec<Incident> {
    all.iter()
        .filter(|i| query.admits(i))
        .take(query.limit)
        .cloned()
        .collect()
}

#[test]
fn a_small_box_and_period_read_candidates_from_the_rtree_and_a_wide_one_walks_in_id_order() {
    let dir = tempfile::tempdir().unwrap();
    let (store, all) = store_with_incidents(&dir);
    let march = IncidentQuery {
        bbox: Some(BoundingBox {
            min_lon: 37.0,
            min_lat: 36.1,
            max_lon: 37.15,
            max_lat: 36.115,
        }),
        from: Some(Utc.with_ymd_and_hms(2016, 3, 1, 0, 0, 0).unwrap()),
        to: Some(Utc.with_ymd_and_hms(2016, 3, 31, 23, 59, 59).unwrap()),
        limit: 101,
        ..IncidentQuery::default()
    };
    let plan = store.explain_incidents_page(&march).unwrap();
    assert!(plan.starts_with("by boxes"), "{plan}");
    assert!(
        plan.contains("VIRTUAL TABLE INDEX"),
        "the R*Tree is searched: {plan}"
    );
    assert!(
        !plan.contains("SCAN incidents"),
        "the incidents are not walked: {plan}"
    );
    assert!(
        !plan.contains("TEMP B-TREE FOR ORDER BY"),
        "the candidates come out in id order, so the page stops early: {plan}"
    );
    assert_eq!(
        store.incidents_page(&march).unwrap(),
        expected(&all, &march)
    );

    let everywhere = IncidentQuery {
        bbox: Some(BoundingBox {
            min_lon: 36.0,
            min_lat: 35.0,
            max_lon: 38.0,
            max_lat: 37.0,
        }),
        kinds: Some(vec![IncidentKind::Airstrike, IncidentKind::Shelling]),
        limit: 101,
        ..IncidentQuery::default()
    };
    let plan = store.explain_incidents_page(&everywhere).unwrap();
    assert!(plan.starts_with("by id"), "{plan}");
    assert!(
        plan.contains("USING PRIMARY KEY"),
        "a walk in id order: {plan}"
    );
    assert_eq!(
        store.incidents_page(&everywhere).unwrap(),
        expected(&all, &everywhere)
    );
}

#[test]
fn both_plans_page_through_the_same_incidents() {
    let dir = tempfile::tempdir().unwrap();
    let (store, all) = store_with_incidents(&dir);
    let since = |bbox, month| IncidentQuery {
        bbox: Some(bbox),
        from: Some(Utc.with_ymd_and_hms(2016, month, 1, 0, 0, 0).unwrap()),
        limit: 997,
        certainty: Some(Certainty::Probable),
        ..IncidentQuery::default()
    };
    let small = since(
        BoundingBox {
            min_lon: 37.05,
            min_lat: 36.1,
            max_lon: 37.1,
            max_lat: 36.25,
        },
        9,
    );
    let wide = since(
        BoundingBox {
            min_lon: 36.0,
            min_lat: 35.0,
            max_lon: 38.0,
            max_lat: 37.0,
        },
        1,
    );
    let plan = |query| store.explain_incidents_page(query).unwrap();
    assert!(plan(&small).starts_with("by boxes"), "{}", plan(&small));
    assert!(plan(&wide).starts_with("by id"), "{}", plan(&wide));
    for query in [small, wide] {
        let mut query = query;
        let mut paged = Vec::new();
        loop {
            let page = store.incidents_page(&query).unwrap();
            let Some(last) = page.last() else { break };
            query.after = Some(last.id.to_string());
            paged.extend(page);
        }
        query.after = None;
        query.limit = usize::MAX;
        assert_eq!(paged, expected(&all, &query));
        assert!(!paged.is_empty());
    }
}
