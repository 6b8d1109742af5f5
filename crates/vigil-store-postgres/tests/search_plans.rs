//! An incident search in a small box and period reads its candidates through the GiST index on
//! the incidents' points, not by walking every incident, and every plan PostgreSQL chooses
//! gives the incidents `IncidentQuery::admits` says, page after page. Enough incidents are
//! written (as in the SQLite backend's test) for a walk to cost far more than the index.

use chrono::{Duration, TimeZone, Utc};
use vigil_domain::*;
use vigil_store::{BoundingBox, Existing, IncidentQuery, Store};
use vigil_store_postgres::testing::TestDatabase;
use vigil_store_postgres::PgStore;

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

fn store_with_incidents(db: &TestDatabase) -> (PgStore, Vec<Incident>) {
    let mut store = PgStore::connect(db.url()).unwrap();
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

/// Every plan node of an `EXPLAIN (FORMAT JSON)` result, depth first.
fn nodes(plan: &serde_json::Value) -> Vec<&serde_json::Value> {
    let mut out = vec![plan];
    if let Some(children) = plan.get("Plans").and_then(|p| p.as_array()) {
        for child in children {
            out.extend(nodes(child));
        }
    }
    out
}

fn plan_of(store: &PgStore, query: &IncidentQuery) -> (String, serde_json::Value) {
    let text = store.explain_incidents_page(query).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let root = json[0]["Plan"].clone();
    (text, root)
}

fn uses_index(plan: &serde_json::Value, index: &str) -> bool {
    nodes(plan).iter().any(|n| {
        let kind = n["Node Type"].as_str().unwrap_or("");
        matches!(kind, "Index Scan" | "Bitmap Index Scan" | "Index Only Scan")
            && n["Index Name"].as_str() == Some(index)
    })
}

fn walks_incidents(plan: &serde_json::Value) -> bool {
    nodes(plan)
        .iter()
        .any(|n| n["Node Type"].as_str() == Some("Seq Scan"))
}

#[test]
fn a_small_box_and_period_are_searched_through_the_gist_index_and_every_plan_agrees() {
    let db = TestDatabase::create();
    let (store, all) = store_with_incidents(&db);
    check_searches(&store, &all, "before the table's statistics were gathered");
    // What autovacuum does a little after a large import: the planner then knows how the
    // incidents spread, and must still choose the index for a small box.
    let mut client = postgres::Client::connect(db.url(), postgres::NoTls).unwrap();
    client.batch_execute("ANALYZE vigil.incidents").unwrap();
    check_searches(&store, &all, "with the table's statistics");
}

fn check_searches(store: &PgStore, all: &[Incident], when: &str) {
    let all = all.to_vec();

    // About 70 incidents in the box, about 55 of them in March: far fewer than either bound of
    // the period alone admits, so the index over place and time is the one to search.
    let small = IncidentQuery {
        bbox: Some(BoundingBox {
            min_lon: 37.02,
            min_lat: 36.11,
            max_lon: 37.03,
            max_lat: 36.115,
        }),
        from: Some(Utc.with_ymd_and_hms(2016, 3, 1, 0, 0, 0).unwrap()),
        to: Some(Utc.with_ymd_and_hms(2016, 3, 31, 23, 59, 59).unwrap()),
        limit: 101,
        ..IncidentQuery::default()
    };
    let (text, plan) = plan_of(store, &small);
    assert!(
        uses_index(&plan, "incidents_space_time"),
        "the GiST index over place and time is searched {when}: {text}"
    );
    assert!(
        !walks_incidents(&plan),
        "the incidents are not walked {when}: {text}"
    );
    let found = store.incidents_page(&small).unwrap();
    assert_eq!(found, expected(&all, &small));
    assert!(found.len() > 40, "{}", found.len());

    // The same box at any time: the index on points.
    let any_time = IncidentQuery {
        from: None,
        to: None,
        ..small.clone()
    };
    let (text, plan) = plan_of(store, &any_time);
    assert!(
        uses_index(&plan, "incidents_geom"),
        "the GiST index on points is searched {when}: {text}"
    );
    assert_eq!(
        store.incidents_page(&any_time).unwrap(),
        expected(&all, &any_time)
    );
    // Only one end of the period: the other is open.
    for (from, to) in [(small.from, None), (None, small.to)] {
        let half = IncidentQuery {
            from,
            to,
            ..small.clone()
        };
        assert_eq!(store.incidents_page(&half).unwrap(), expected(&all, &half));
    }

    // The SQLite test's box: as many incidents in it as in March, here (places and times are
    // correlated in this grid), so PostgreSQL may search either index; it walks neither table.
    let march = IncidentQuery {
        bbox: Some(BoundingBox {
            min_lon: 37.0,
            min_lat: 36.1,
            max_lon: 37.15,
            max_lat: 36.115,
        }),
        ..small.clone()
    };
    let (text, plan) = plan_of(store, &march);
    assert!(
        !walks_incidents(&plan),
        "the incidents are not walked {when}: {text}"
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
    let (text, _) = plan_of(store, &everywhere);
    eprintln!("a box around every incident, {when}: {text}");
    assert_eq!(
        store.incidents_page(&everywhere).unwrap(),
        expected(&all, &everywhere)
    );

    // Paging through a small and a wide search gives every match once, in id order.
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
