//! `GET /api/sitrep` against the publication policy: the real server over a real SQLite
//! database, with real tokens. Sensitive values are searched for in the raw response text, so
//! a leak through any field is caught.

mod common;

use chrono::{NaiveDate, TimeZone, Utc};
use common::{start_with, token, Running};
use vigil_domain::*;
use vigil_store::{Existing, Store};

const RESTRICTED_SITE_ID: &str = "site-m10";
const RESTRICTED_SITE_NAME: &str = "Sakhour Secret Hospital";
const PUBLIC_SITE_ID: &str = "site-open-clinic";
const WITNESS_SOURCE_ID: &str = "witness-rana-7";
const WITNESS_TITLE: &str = "Rana Haddad";
const MSF_SOURCE_ID: &str = "msf-report-1";
const STRIKE_ID: &str = "inc-strike";
const EXPLANATION: &str = "EXPLANATION-TEXT";

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn area(id: &str, level: AreaLevel, parent: Option<&str>) -> Area {
    Area {
        id: AreaId::new(id).unwrap(),
        level,
        pcode: None,
        name_en: format!("Area {id}"),
        name_ar: None,
        parent: parent.map(|p| AreaId::new(p).unwrap()),
        boundary: None,
        source: None,
    }
}

fn site(id: &str, name: &str, sensitivity: Sensitivity, area: &str) -> Site {
    Site {
        id: SiteId::new(id).unwrap(),
        kind: SiteKind::Hospital,
        name: name.into(),
        operator: None,
        location: Location::with_precision(
            Point::new(37.18341, 36.20617).unwrap(),
            GeoPrecision::Exact,
        ),
        footprint: None,
        sensitivity,
        area: Some(AreaId::new(area).unwrap()),
        status: vec![StatusEntry {
            as_of: day(2016, 9, 28),
            status: SiteStatus::Damaged,
            source: None,
            note: None,
        }],
        capacity: vec![],
    }
}

fn source(id: &str, kind: SourceKind, title: &str, protected: bool) -> Source {
    Source {
        id: SourceId::new(id).unwrap(),
        kind,
        title: title.into(),
        publisher: None,
        url: None,
        published_on: None,
        protected,
    }
}

/// The strike on the restricted hospital, its dead counted by a witness and by MSF.
fn strike() -> Incident {
    let at = Utc.with_ymd_and_hms(2016, 9, 28, 4, 15, 0).unwrap();
    let figure = |source: &str, n: u32| CasualtyFigure {
        group: CasualtyGroup::Patients,
        outcome: Outcome::Killed,
        count: Range::exact(n),
        source: Some(SourceId::new(source).unwrap()),
    };
    Incident {
        id: IncidentId::new(STRIKE_ID).unwrap(),
        title: Some("Strike on the hospital".into()),
        kind: IncidentKind::Airstrike,
        when: TimeSpan::new(at, at, TimePrecision::Exact).unwrap(),
        location: Location::with_precision(
            Point::new(37.18399, 36.20688).unwrap(),
            GeoPrecision::WithinMeters(50),
        ),
        area: Some(AreaId::new("sakhour").unwrap()),
        weapon: None,
        targets: vec![Target::Site(SiteId::new(RESTRICTED_SITE_ID).unwrap())],
        damage: None,
        certainty: Certainty::Confirmed,
        casualties: vec![figure(WITNESS_SOURCE_ID, 4), figure(MSF_SOURCE_ID, 5)],
        attributions: vec![],
        description: None,
        reports: vec![ReportId::new("report-strike").unwrap()],
    }
}

fn fill(store: &mut dyn Store) {
    let mut tx = store.transaction().unwrap();
    for a in [
        area("sy", AreaLevel::Country, None),
        area("sy02", AreaLevel::Governorate, Some("sy")),
        area("sy0200", AreaLevel::District, Some("sy02")),
        area("sakhour", AreaLevel::Neighbourhood, Some("sy0200")),
    ] {
        tx.put_area(&a).unwrap();
    }
    tx.put_source(
        &source(WITNESS_SOURCE_ID, SourceKind::Witness, WITNESS_TITLE, true),
        Existing::Replace,
    )
    .unwrap();
    tx.put_source(
        &source(
            MSF_SOURCE_ID,
            SourceKind::OrganisationReport,
            "MSF situation report",
            false,
        ),
        Existing::Replace,
    )
    .unwrap();
    tx.put_site(&site(
        RESTRICTED_SITE_ID,
        RESTRICTED_SITE_NAME,
        Sensitivity::Restricted,
        "sakhour",
    ))
    .unwrap();
    tx.put_site(&site(
        PUBLIC_SITE_ID,
        "Open Clinic",
        Sensitivity::Public,
        "sy0200",
    ))
    .unwrap();
    tx.put_report(&Report {
        id: ReportId::new("report-strike").unwrap(),
        source: SourceId::new(WITNESS_SOURCE_ID).unwrap(),
        received_at: Utc.with_ymd_and_hms(2016, 10, 10, 0, 0, 0).unwrap(),
        summary: "as received".into(),
        content: ReportContent::from_value(&serde_json::json!({})),
    })
    .unwrap();
    tx.put_incident(&strike()).unwrap();
    // The finding `vigil check` would store: the hospital had been notified.
    let finding = Finding {
        kind: FindingKind::NotifiedSite,
        strength: Strength::Linked,
        incident: IncidentId::new(STRIKE_ID).unwrap(),
        subject: finding::Subject::Site(SiteId::new(RESTRICTED_SITE_ID).unwrap()),
        distance_m: Some(80.0),
        reach_m: Some(50.0),
        notification: None,
        interval_s: None,
        returned_within_hours: false,
        site: None,
        parties: vec![],
        area: None,
        score: None,
        reasons: vec![],
        explanation: EXPLANATION.into(),
    };
    tx.put_findings(
        &IncidentId::new(STRIKE_ID).unwrap(),
        &[finding],
        &Sha256::of(b"findings"),
    )
    .unwrap();
    tx.commit().unwrap();
}

struct World {
    server: Running,
    analyst: String,
    monitor: String,
    liaison: String,
}

fn world() -> World {
    let mut tokens = Vec::new();
    let server = start_with(|store| {
        fill(store);
        tokens.push(token(store, Role::Analyst, None, false));
        tokens.push(token(store, Role::Monitor, None, false));
        tokens.push(token(store, Role::Liaison, Some("party-a"), false));
    });
    let [analyst, monitor, liaison] = <[String; 3]>::try_from(tokens).unwrap();
    World {
        server,
        analyst,
        monitor,
        liaison,
    }
}

impl World {
    /// Status and raw body of a GET, with a token or as the public.
    fn get(&self, token: Option<&str>, path: &str) -> (u16, String) {
        let mut request = ureq::get(&self.server.url(path))
            .config()
            .http_status_as_error(false)
            .build();
        if let Some(token) = token {
            request = request.header("Authorization", &format!("Bearer {token}"));
        }
        let mut response = request.call().unwrap();
        let status = response.status().as_u16();
        (status, response.body_mut().read_to_string().unwrap())
    }

    fn json(&self, token: Option<&str>, path: &str) -> (String, serde_json::Value) {
        let (status, body) = self.get(token, path);
        assert_eq!(status, 200, "{path}: {body}");
        let value = serde_json::from_str(&body).unwrap();
        (body, value)
    }
}

const SEPTEMBER: &str = "/api/sitrep?area=sy02&from=2016-09-01&to=2016-09-30";

#[test]
fn staff_get_the_ids_behind_every_figure_and_only_monitors_the_sources() {
    let world = world();
    let (body, report) = world.json(Some(&world.analyst), SEPTEMBER);
    assert_eq!(report["published"], false);
    assert_eq!(report["incidents"]["incidents"][0], STRIKE_ID);
    assert_eq!(
        report["notified_hits"]["items"][0]["subject"]["id"],
        RESTRICTED_SITE_ID
    );
    assert!(body.contains(RESTRICTED_SITE_NAME), "{body}");
    let hospitals = &report["facilities"][0];
    assert_eq!(
        (hospitals["sites"].as_u64(), hospitals["impaired"].as_u64()),
        (Some(2), Some(2))
    );
    // The analyst sees no source identity: the two sources are numbered.
    let sources = &report["casualties"][0]["sources"];
    assert_eq!(sources[0]["source"], "source 1");
    assert_eq!(sources[1]["source"], "source 2");
    assert!(
        !body.contains(WITNESS_SOURCE_ID) && !body.contains(MSF_SOURCE_ID),
        "{body}"
    );
    // Two sources count the same dead: the headline is one of them, not 4 + 5.
    assert_eq!(report["casualties"][0]["headline"]["high"], 5);

    let (body, report) = world.json(Some(&world.monitor), SEPTEMBER);
    assert_eq!(
        report["casualties"][0]["sources"][0]["source"],
        MSF_SOURCE_ID
    );
    assert!(body.contains(WITNESS_SOURCE_ID), "{body}");
    // A source's title is not part of a report, for anyone.
    assert!(!body.contains(WITNESS_TITLE), "{body}");
    world.server.stop().unwrap();
}

#[test]
fn the_public_and_liaisons_get_the_governorate_aggregate_without_restricted_names_or_sources() {
    let world = world();
    let published = policy::published_incident_id(&strike());
    for token in [None, Some(world.liaison.as_str())] {
        let (body, report) = world.json(token, SEPTEMBER);
        assert_eq!(report["published"], true);
        assert_eq!(report["incidents"]["incidents"][0], published.as_str());
        for hidden in [
            RESTRICTED_SITE_ID,
            RESTRICTED_SITE_NAME,
            WITNESS_SOURCE_ID,
            WITNESS_TITLE,
            MSF_SOURCE_ID,
            STRIKE_ID,
            EXPLANATION,
            "sakhour",
            "37.18",
        ] {
            assert!(!body.contains(hidden), "{hidden} in {body}");
        }
        // Counted, not named: both hospitals damaged, only the public one listed.
        let hospitals = &report["facilities"][0];
        assert_eq!(hospitals["impaired"], 2);
        assert_eq!(hospitals["by_status"][0]["count"], 2);
        assert_eq!(hospitals["by_status"][0]["sites"][0]["id"], PUBLIC_SITE_ID);
        assert_eq!(
            hospitals["by_status"][0]["sites"].as_array().unwrap().len(),
            1
        );
        assert_eq!(report["notified_hits"]["findings"], 1);
        assert_eq!(report["notified_hits"]["items"], serde_json::json!([]));
        assert_eq!(report["casualties"][0]["headline"]["best"], 5);
    }
    world.server.stop().unwrap();
}

#[test]
fn a_neighbourhood_reads_as_unknown_and_a_time_of_day_is_a_400_for_the_public_and_fine_for_staff() {
    let world = world();
    let fine = "/api/sitrep?area=sakhour&from=2016-09-01&to=2016-09-30";
    let (status, body) = world.get(None, fine);
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("\"code\":\"bad_parameter\""), "{body}");
    // Word for word what an unknown area gets: `/api/areas` hides a neighbourhood from them.
    let unknown =
        r#"{"error":{"code":"bad_parameter","message":"area: no area has id 'sakhour'"}}"#;
    assert_eq!(body, unknown);
    let (status, body) = world.get(Some(&world.liaison), fine);
    assert_eq!((status, body.as_str()), (400, unknown));
    let (_, report) = world.json(Some(&world.analyst), fine);
    assert_eq!(report["incidents"]["total"], 1);

    let timed = "/api/sitrep?area=sy02&from=2016-09-28T04:00:00Z&to=2016-09-28T05:00:00Z";
    let (status, body) = world.get(None, timed);
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("by day"), "{body}");
    let (_, report) = world.json(Some(&world.analyst), timed);
    assert_eq!(report["incidents"]["total"], 1);

    // The whole database, a country and a governorate are open to the public.
    for path in [
        "/api/sitrep?from=2016-09-01&to=2016-09-30",
        "/api/sitrep?area=sy&from=2016-09-01&to=2016-09-30",
    ] {
        let (_, report) = world.json(None, path);
        assert_eq!(report["incidents"]["total"], 1, "{path}");
    }
    world.server.stop().unwrap();
}

#[test]
fn bad_parameters_are_400_naming_the_parameter() {
    let world = world();
    for (query, parameter) in [
        ("area=sy02&to=2016-09-30", "from"),
        ("from=2016-09-01", "to"),
        ("from=2016-09-30&to=2016-09-01", "to"),
        ("from=yesterday&to=2016-09-01", "from"),
        ("from=2016-09-01&to=..", "to"),
        ("area=nowhere&from=2016-09-01&to=2016-09-30", "area"),
        (
            "from=2016-09-01&to=2016-09-30&datetime=2016-09-28",
            "datetime",
        ),
        ("from=2016-09-01&from=2016-09-02&to=2016-09-30", "from"),
    ] {
        let (status, body) = world.get(Some(&world.analyst), &format!("/api/sitrep?{query}"));
        assert_eq!(status, 400, "{query}: {body}");
        let error: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(error["error"]["code"], "bad_parameter", "{query}");
        let message = error["error"]["message"].as_str().unwrap();
        assert!(
            message.starts_with(&format!("{parameter}: ")),
            "{query}: {message}"
        );
    }
    world.server.stop().unwrap();
}
