//! The incident search story: [`Store::incidents_page`] returns exactly what
//! [`IncidentQuery::admits`] says, in id order, page after page, on incidents placed where
//! filters are easy to get wrong (on a box's edge, without a point, a second either side of a
//! period, without an area).

use crate::{BoundingBox, Existing, IncidentQuery, Store};
use chrono::{Duration, TimeZone, Utc};
use vigil_domain::*;

fn at(day: u32, hour: u32, minute: u32) -> Timestamp {
    Utc.with_ymd_and_hms(2016, 9, day, hour, minute, 0).unwrap()
}

fn source() -> Source {
    Source {
        id: SourceId::new("src-search").unwrap(),
        kind: SourceKind::DatasetRow,
        title: "Search story".into(),
        publisher: None,
        url: None,
        published_on: None,
        protected: false,
    }
}

fn report() -> Report {
    Report {
        id: ReportId::new("rep-search").unwrap(),
        source: source().id,
        received_at: at(30, 0, 0),
        summary: "rows of a data set".into(),
        content: ReportContent::from_value(&serde_json::json!({"rows": "many"})),
    }
}

/// The story's incidents, written in an order unlike their ids'. Number `n` sits on a 6 × 6
/// grid around Aleppo (0.01° apart from 37.10, 36.15), spans `n % 4 + 1` hours from day
/// `1 + n % 20`, and cycles through kinds, certainties and three areas or none; a few are
/// changed afterwards to be what the edge cases need.
fn incidents() -> Vec<Incident> {
    let areas = ["SY02", "SY0200", "SY07"];
    let mut all: Vec<Incident> = (0..36u32)
        .map(|n| {
            let n = (n * 7) % 36; // written out of id order
            let start = at(1 + n % 20, 6, 0);
            // Hundredths divided once, so a point equals the literal a box edge is written as.
            let point = Point::new(
                f64::from(3710 + n % 6) / 100.0,
                f64::from(3615 + n / 6) / 100.0,
            )
            .unwrap();
            Incident {
                id: IncidentId::new(format!("inc-{n:02}")).unwrap(),
                title: None,
                kind: IncidentKind::ALL[n as usize % IncidentKind::ALL.len()],
                when: TimeSpan::new(
                    start,
                    start + Duration::hours(i64::from(n % 4 + 1)),
                    TimePrecision::Hour,
                )
                .unwrap(),
                location: Location::with_precision(point, GeoPrecision::Exact),
                area: areas.get(n as usize % 4).map(|a| AreaId::new(*a).unwrap()),
                weapon: None,
                targets: Vec::new(),
                damage: None,
                certainty: Certainty::ALL[n as usize % Certainty::ALL.len()],
                casualties: Vec::new(),
                attributions: Vec::new(),
                description: None,
                reports: vec![report().id],
            }
        })
        .collect();
    // Known only to its district: no point, so no box holds it, but its days still count.
    all.push(Incident {
        id: IncidentId::new("inc-district").unwrap(),
        location: Location::area_only(GeoPrecision::District).unwrap(),
        when: TimeSpan::days(
            chrono::NaiveDate::from_ymd_opt(2016, 9, 3).unwrap(),
            chrono::NaiveDate::from_ymd_opt(2016, 9, 4).unwrap(),
        )
        .unwrap(),
        ..all[0].clone()
    });
    // A long span that starts before every period below and ends after them; with what an
    // incident carries besides its own row, which a page returns as reading it alone does.
    all.push(Incident {
        id: IncidentId::new("inc-siege").unwrap(),
        when: TimeSpan::new(at(1, 0, 0), at(29, 23, 59), TimePrecision::Month).unwrap(),
        targets: vec![Target::Kind(TargetKind::Hospital)],
        casualties: vec![CasualtyFigure {
            group: CasualtyGroup::People,
            outcome: Outcome::Killed,
            count: Range::new(10, 12, 20).unwrap(),
            source: Some(source().id),
        }],
        ..all[1].clone()
    });
    // An instant: a span of one second.
    all.push(Incident {
        id: IncidentId::new("inc-instant").unwrap(),
        when: TimeSpan::new(at(10, 12, 0), at(10, 12, 0), TimePrecision::Exact).unwrap(),
        ..all[2].clone()
    });
    all
}

/// The incidents in id order that `query` admits, cut at its limit: what every backend must
/// return.
fn expected(all: &[Incident], query: &IncidentQuery) -> Vec<IncidentId> {
    let mut ids: Vec<IncidentId> = all
        .iter()
        .filter(|i| query.admits(i))
        .map(|i| i.id.clone())
        .collect();
    ids.sort_by(|a, b| a.as_str().cmp(b.as_str()));
    ids.truncate(query.limit);
    ids
}

fn ids(found: &[Incident]) -> Vec<IncidentId> {
    found.iter().map(|i| i.id.clone()).collect()
}

/// Runs the search story against an empty store.
pub fn incident_search(store: &mut dyn Store) {
    let mut tx = store.transaction().unwrap();
    tx.put_source(&source(), Existing::Keep).unwrap();
    tx.put_report(&report()).unwrap();
    for incident in incidents() {
        tx.put_incident(&incident).unwrap();
    }
    tx.commit().unwrap();
    let mut stored = Vec::new();
    store
        .for_each_incident(&mut |i| {
            stored.push(i);
            Ok(())
        })
        .unwrap();
    assert_eq!(stored.len(), 39, "setup: every incident stored");

    let every = IncidentQuery {
        limit: 1000,
        ..IncidentQuery::default()
    };
    let found = store.incidents_page(&every).unwrap();
    assert_eq!(
        found, stored,
        "no filter: every incident, in id order, whole"
    );

    // On the grid, the box [37.11, 37.13] × [36.16, 36.17] holds columns 1-3 of rows 1-2, its
    // edges included.
    let grid_box = BoundingBox {
        min_lon: 37.11,
        min_lat: 36.16,
        max_lon: 37.13,
        max_lat: 36.17,
    };
    let in_box = store
        .incidents_page(&IncidentQuery {
            bbox: Some(grid_box),
            ..every.clone()
        })
        .unwrap();
    let in_box_ids: Vec<&str> = in_box.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(
        in_box_ids,
        [
            "inc-07",
            "inc-08",
            "inc-09",
            "inc-13",
            "inc-14",
            "inc-15",
            "inc-instant",
            "inc-siege"
        ],
        "a box holds the points on its edges, and no incident without a point"
    );

    // 2016-09-10 12:00 exactly: the instant, and the spans around it.
    let noon = at(10, 12, 0);
    let at_noon = IncidentQuery {
        from: Some(noon),
        to: Some(noon),
        ..every.clone()
    };
    let at_noon_ids: Vec<String> = ids(&store.incidents_page(&at_noon).unwrap())
        .iter()
        .map(|i| i.to_string())
        .collect();
    assert_eq!(
        at_noon_ids,
        ["inc-instant", "inc-siege"],
        "a period of one instant meets the instant and the spans around it"
    );
    let just_after = IncidentQuery {
        from: Some(noon + Duration::milliseconds(500)),
        to: Some(noon + Duration::seconds(30)),
        ..every.clone()
    };
    assert_eq!(
        ids(&store.incidents_page(&just_after).unwrap()),
        vec![IncidentId::new("inc-siege").unwrap()],
        "half a second after an instant is after it"
    );
    let district = IncidentQuery {
        from: Some(at(4, 23, 59) + Duration::seconds(59)),
        to: None,
        areas: None,
        ..every.clone()
    };
    assert!(
        ids(&store.incidents_page(&district).unwrap())
            .contains(&IncidentId::new("inc-district").unwrap()),
        "an incident without a point is found by time, up to its last second"
    );

    // Every filter alone and together, each against the rule, and each paged through.
    let kinds_of = |category: IncidentCategory| {
        IncidentKind::ALL
            .iter()
            .copied()
            .filter(|k| k.category() == category)
            .collect::<Vec<_>>()
    };
    let area = |id: &str| AreaId::new(id).unwrap();
    let queries = [
        IncidentQuery {
            bbox: Some(grid_box),
            from: Some(at(2, 0, 0)),
            to: Some(at(9, 7, 30)),
            ..every.clone()
        },
        IncidentQuery {
            from: Some(at(5, 9, 0)),
            ..every.clone()
        },
        IncidentQuery {
            to: Some(at(5, 6, 0) - Duration::seconds(1)),
            ..every.clone()
        },
        IncidentQuery {
            kinds: Some(kinds_of(IncidentKind::Airstrike.category())),
            ..every.clone()
        },
        IncidentQuery {
            kinds: Some(vec![IncidentKind::Shelling, IncidentKind::Looting]),
            bbox: Some(BoundingBox {
                min_lon: 37.0,
                min_lat: 36.0,
                max_lon: 37.5,
                max_lat: 36.5,
            }),
            ..every.clone()
        },
        IncidentQuery {
            certainty: Some(Certainty::Confirmed),
            from: Some(at(3, 0, 0)),
            to: Some(at(15, 0, 0)),
            ..every.clone()
        },
        IncidentQuery {
            areas: Some(vec![area("SY02"), area("SY0200")]),
            ..every.clone()
        },
        IncidentQuery {
            areas: Some(vec![area("SY07")]),
            bbox: Some(grid_box),
            ..every.clone()
        },
        IncidentQuery {
            after: Some("inc-1".into()),
            from: Some(at(1, 0, 0)),
            ..every.clone()
        },
        IncidentQuery {
            bbox: Some(BoundingBox {
                min_lon: 10.0,
                min_lat: 10.0,
                max_lon: 11.0,
                max_lat: 11.0,
            }),
            ..every.clone()
        },
        every.clone(),
    ];
    for query in &queries {
        let want = expected(&stored, query);
        assert_eq!(
            ids(&store.incidents_page(query).unwrap()),
            want,
            "{query:?}"
        );
        // Pages of 4, each after the last id of the one before, add up to the whole list.
        let mut paged = Vec::new();
        let mut page_query = IncidentQuery {
            limit: 4,
            ..query.clone()
        };
        loop {
            let page = store.incidents_page(&page_query).unwrap();
            assert!(page.len() <= 4);
            let Some(last) = page.last() else { break };
            page_query.after = Some(last.id.to_string());
            paged.extend(ids(&page));
        }
        assert_eq!(paged, want, "paged: {query:?}");
    }

    // Sets that admit nothing, and a page of nothing.
    for query in [
        IncidentQuery {
            kinds: Some(Vec::new()),
            ..every.clone()
        },
        IncidentQuery {
            areas: Some(Vec::new()),
            ..every.clone()
        },
        IncidentQuery {
            limit: 0,
            ..every.clone()
        },
    ] {
        assert!(
            store.incidents_page(&query).unwrap().is_empty(),
            "{query:?}"
        );
    }

    // An incident moved, or moved in time, is found where it now is and no longer where it was.
    let mut moved = stored
        .iter()
        .find(|i| i.id.as_str() == "inc-07")
        .unwrap()
        .clone();
    moved.location = Location::with_precision(Point::new(40.0, 35.0).unwrap(), GeoPrecision::Exact);
    moved.when = TimeSpan::new(at(25, 0, 0), at(25, 1, 0), TimePrecision::Hour).unwrap();
    let mut tx = store.transaction().unwrap();
    tx.put_incident(&moved).unwrap();
    tx.commit().unwrap();
    let in_box_now = store
        .incidents_page(&IncidentQuery {
            bbox: Some(grid_box),
            ..every.clone()
        })
        .unwrap();
    assert!(
        !ids(&in_box_now).contains(&moved.id),
        "a moved incident leaves its old box"
    );
    let found = store
        .incidents_page(&IncidentQuery {
            bbox: Some(BoundingBox {
                min_lon: 39.9,
                min_lat: 34.9,
                max_lon: 40.1,
                max_lat: 35.1,
            }),
            from: Some(at(25, 0, 30)),
            to: Some(at(25, 0, 30)),
            ..every.clone()
        })
        .unwrap();
    assert_eq!(found, vec![moved], "and is found in its new place and time");
}
