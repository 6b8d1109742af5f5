//! `/api/sites` and `/api/incidents` against the publication policy: the real server, a real
//! SQLite database and real tokens. Sensitive values are searched for in the raw response
//! text, so a leak through any field (not only the one meant to hold it) is caught.

mod common;

use chrono::{NaiveDate, TimeZone, Utc};
use common::{start_with, token, Running};
use vigil_domain::time::{end_of_day, start_of_day};
use vigil_domain::*;
use vigil_store::{Existing, Store};
use vigil_store_sqlite::SqliteStore;

const RESTRICTED_SITE_ID: &str = "site-m10";
const RESTRICTED_SITE_NAME: &str = "Sakhour Secret Hospital";
const RESTRICTED_SITE_LON: &str = "37.18341";
const RESTRICTED_SITE_LAT: &str = "36.20617";
const INCIDENT_LON: &str = "37.18399";
const INCIDENT_LAT: &str = "36.20688";
const WITNESS_SOURCE_ID: &str = "witness-rana-7";
const STATUS_SOURCE_ID: &str = "msf-report-1";
const WITNESS_TITLE: &str = "Rana Haddad";
const DESCRIPTION: &str = "DESCRIPTION-TEXT";

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

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
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

fn site(id: &str, name: &str, lon: f64, lat: f64, sensitivity: Sensitivity, area: &str) -> Site {
    Site {
        id: SiteId::new(id).unwrap(),
        kind: SiteKind::Hospital,
        name: name.into(),
        operator: None,
        location: Location::with_precision(Point::new(lon, lat).unwrap(), GeoPrecision::Exact),
        footprint: None,
        sensitivity,
        area: Some(AreaId::new(area).unwrap()),
        status: vec![StatusEntry {
            as_of: day(2016, 9, 28),
            status: SiteStatus::Damaged,
            source: Some(SourceId::new(STATUS_SOURCE_ID).unwrap()),
            note: Some("NOTE-TEXT".into()),
        }],
        capacity: vec![],
    }
}

struct IncidentSpec {
    id: &'static str,
    kind: IncidentKind,
    when: TimeSpan,
    lon: f64,
    lat: f64,
    area: &'static str,
    certainty: Certainty,
    source: &'static str,
}

fn incident(spec: &IncidentSpec) -> (Incident, Report) {
    let report = Report {
        id: ReportId::new(format!("report-{}", spec.id)).unwrap(),
        source: SourceId::new(spec.source).unwrap(),
        received_at: Utc.with_ymd_and_hms(2016, 10, 10, 0, 0, 0).unwrap(),
        summary: "as received".into(),
        content: ReportContent::from_value(&serde_json::json!({})),
    };
    let incident = Incident {
        id: IncidentId::new(spec.id).unwrap(),
        title: Some(format!("Title of {}", spec.id)),
        kind: spec.kind,
        when: spec.when,
        location: Location::with_precision(
            Point::new(spec.lon, spec.lat).unwrap(),
            GeoPrecision::WithinMeters(50),
        ),
        area: Some(AreaId::new(spec.area).unwrap()),
        weapon: None,
        targets: vec![],
        damage: None,
        certainty: spec.certainty,
        casualties: vec![CasualtyFigure {
            group: CasualtyGroup::Patients,
            outcome: Outcome::Killed,
            count: Range::new(2, 3, 5).unwrap(),
            source: Some(SourceId::new(spec.source).unwrap()),
        }],
        attributions: vec![],
        description: None,
        reports: vec![report.id.clone()],
    };
    (incident, report)
}

/// The strike on the restricted hospital: a witness's account, exact coordinates.
fn strike() -> Incident {
    let instant = Utc.with_ymd_and_hms(2016, 9, 28, 4, 15, 0).unwrap();
    let (mut strike, _) = incident(&IncidentSpec {
        id: "inc-1",
        kind: IncidentKind::Airstrike,
        when: TimeSpan::new(instant, instant, TimePrecision::Exact).unwrap(),
        lon: INCIDENT_LON.parse().unwrap(),
        lat: INCIDENT_LAT.parse().unwrap(),
        area: "sakhour",
        certainty: Certainty::Confirmed,
        source: WITNESS_SOURCE_ID,
    });
    strike.targets = vec![Target::Site(SiteId::new(RESTRICTED_SITE_ID).unwrap())];
    strike.description = Some(DESCRIPTION.into());
    strike
}

fn others() -> Vec<IncidentSpec> {
    vec![
        IncidentSpec {
            id: "inc-2",
            kind: IncidentKind::Shelling,
            when: TimeSpan::days(day(2016, 9, 22), day(2016, 9, 22)).unwrap(),
            lon: 37.25,
            lat: 36.25,
            area: "sy0200",
            certainty: Certainty::Probable,
            source: STATUS_SOURCE_ID,
        },
        IncidentSpec {
            id: "inc-3",
            kind: IncidentKind::Looting,
            when: TimeSpan::days(day(2016, 10, 5), day(2016, 10, 6)).unwrap(),
            lon: 36.64,
            lat: 35.94,
            area: "sy03",
            certainty: Certainty::Possible,
            source: STATUS_SOURCE_ID,
        },
    ]
}

fn fill(store: &mut SqliteStore) {
    let mut tx = store.transaction().unwrap();
    for a in [
        area("sy", AreaLevel::Country, None),
        area("sy02", AreaLevel::Governorate, Some("sy")),
        area("sy0200", AreaLevel::District, Some("sy02")),
        area("sakhour", AreaLevel::Neighbourhood, Some("sy0200")),
        area("sy03", AreaLevel::Governorate, Some("sy")),
    ] {
        tx.put_area(&a).unwrap();
    }
    for id in ["party-a", "party-b"] {
        let party = Party {
            id: PartyId::new(id).unwrap(),
            name: id.into(),
            kind: PartyKind::Other,
        };
        tx.put_party(&party, Existing::Keep).unwrap();
    }
    tx.put_source(
        &source(WITNESS_SOURCE_ID, SourceKind::Witness, WITNESS_TITLE, true),
        Existing::Replace,
    )
    .unwrap();
    tx.put_source(
        &source(
            STATUS_SOURCE_ID,
            SourceKind::OrganisationReport,
            "MSF situation report",
            false,
        ),
        Existing::Replace,
    )
    .unwrap();
    let (lon, lat) = (
        RESTRICTED_SITE_LON.parse().unwrap(),
        RESTRICTED_SITE_LAT.parse().unwrap(),
    );
    tx.put_site(&site(
        RESTRICTED_SITE_ID,
        RESTRICTED_SITE_NAME,
        lon,
        lat,
        Sensitivity::Restricted,
        "sakhour",
    ))
    .unwrap();
    tx.put_site(&site(
        "site-open-clinic",
        "Open Clinic",
        36.63111,
        35.93222,
        Sensitivity::Public,
        "sy03",
    ))
    .unwrap();
    tx.put_notification(&Notification {
        id: NotificationId::new("hns-1").unwrap(),
        version: 1,
        subject: Subject::Site(SiteId::new(RESTRICTED_SITE_ID).unwrap()),
        parties: vec![PartyId::new("party-a").unwrap()],
        sent_at: Utc.with_ymd_and_hms(2016, 9, 1, 8, 0, 0).unwrap(),
        valid: DayWindow::new(day(2016, 9, 1), None).unwrap(),
        withdrawn_at: None,
        channel: None,
        payload_sha256: Sha256::of(b"payload"),
        source: None,
    })
    .unwrap();
    let strike = strike();
    let (_, strike_report) = incident(&IncidentSpec {
        id: "inc-1",
        kind: strike.kind,
        when: strike.when,
        lon: 0.0,
        lat: 0.0,
        area: "sakhour",
        certainty: strike.certainty,
        source: WITNESS_SOURCE_ID,
    });
    tx.put_report(&strike_report).unwrap();
    tx.put_incident(&strike).unwrap();
    for spec in others() {
        let (incident, report) = incident(&spec);
        tx.put_report(&report).unwrap();
        tx.put_incident(&incident).unwrap();
    }
    tx.commit().unwrap();
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Public,
    LiaisonNotified,
    LiaisonOther,
    Coordinator,
    Analyst,
    Monitor,
    Admin,
}

const EVERYONE: [Who; 7] = [
    Who::Public,
    Who::LiaisonNotified,
    Who::LiaisonOther,
    Who::Coordinator,
    Who::Analyst,
    Who::Monitor,
    Who::Admin,
];

struct World {
    server: Running,
    tokens: Vec<(Who, Option<String>)>,
}

fn world() -> World {
    let mut tokens = Vec::new();
    let server = start_with(|store| {
        fill(store);
        for who in EVERYONE {
            let secret = match who {
                Who::Public => None,
                Who::LiaisonNotified => Some(token(store, Role::Liaison, Some("party-a"), false)),
                Who::LiaisonOther => Some(token(store, Role::Liaison, Some("party-b"), false)),
                Who::Coordinator => Some(token(store, Role::Coordinator, None, false)),
                Who::Analyst => Some(token(store, Role::Analyst, None, false)),
                Who::Monitor => Some(token(store, Role::Monitor, None, false)),
                Who::Admin => Some(token(store, Role::Admin, None, false)),
            };
            tokens.push((who, secret));
        }
    });
    World { server, tokens }
}

impl World {
    /// Status and raw body of a GET as `who`.
    fn get(&self, who: Who, path: &str) -> (u16, String) {
        let mut request = ureq::get(&self.server.url(path))
            .config()
            .http_status_as_error(false)
            .build();
        let secret = &self.tokens.iter().find(|(w, _)| *w == who).unwrap().1;
        if let Some(secret) = secret {
            request = request.header("Authorization", &format!("Bearer {secret}"));
        }
        let mut response = request.call().unwrap();
        let status = response.status().as_u16();
        (status, response.body_mut().read_to_string().unwrap())
    }

    fn json(&self, who: Who, path: &str) -> serde_json::Value {
        let (status, body) = self.get(who, path);
        assert_eq!(status, 200, "{who:?} {path}: {body}");
        serde_json::from_str(&body).unwrap()
    }
}

fn is_staff(who: Who) -> bool {
    matches!(
        who,
        Who::Coordinator | Who::Analyst | Who::Monitor | Who::Admin
    )
}

fn sees_sources(who: Who) -> bool {
    matches!(who, Who::Monitor | Who::Admin)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Endpoint {
    SitesList,
    SiteItem,
    IncidentsList,
    IncidentItem,
}

/// Where the policy allows each sensitive value: (name, text searched for, allowed).
fn expectations(who: Who, endpoint: Endpoint) -> Vec<(&'static str, &'static str, bool)> {
    let on_sites = matches!(endpoint, Endpoint::SitesList | Endpoint::SiteItem);
    let on_incidents = !on_sites;
    let sees_restricted_site = is_staff(who) || who == Who::LiaisonNotified;
    vec![
        (
            "restricted site name",
            RESTRICTED_SITE_NAME,
            on_sites && sees_restricted_site,
        ),
        (
            "restricted site lon",
            RESTRICTED_SITE_LON,
            on_sites && sees_restricted_site,
        ),
        (
            "restricted site lat",
            RESTRICTED_SITE_LAT,
            on_sites && sees_restricted_site,
        ),
        // The site's id: on its own page for whoever sees it, as the strike's target for
        // whoever sees incidents in full.
        (
            "restricted site id",
            RESTRICTED_SITE_ID,
            (on_sites && sees_restricted_site) || (on_incidents && is_staff(who)),
        ),
        ("incident lon", INCIDENT_LON, on_incidents && is_staff(who)),
        ("incident lat", INCIDENT_LAT, on_incidents && is_staff(who)),
        (
            "incident description",
            DESCRIPTION,
            on_incidents && is_staff(who),
        ),
        (
            "incident's own id",
            "\"inc-1\"",
            on_incidents && is_staff(who),
        ),
        (
            "witness source id",
            WITNESS_SOURCE_ID,
            on_incidents && sees_sources(who),
        ),
        (
            "witness title",
            WITNESS_TITLE,
            on_incidents && sees_sources(who),
        ),
        (
            "status source id",
            STATUS_SOURCE_ID,
            // Both sites' status source, and the other incidents' (not the strike's).
            sees_sources(who) && endpoint != Endpoint::IncidentItem,
        ),
        ("status note", "NOTE-TEXT", on_sites && sees_sources(who)),
    ]
}

#[test]
fn every_role_sees_exactly_what_the_policy_allows_on_every_endpoint() {
    let world = world();
    let published_strike = policy::published_incident_id(&strike());
    let mut checked = 0;
    for who in EVERYONE {
        let strike_id = if is_staff(who) {
            "inc-1".to_owned()
        } else {
            published_strike.clone()
        };
        for (endpoint, path) in [
            (Endpoint::SitesList, "/api/sites".to_owned()),
            (
                Endpoint::SiteItem,
                format!("/api/sites/{RESTRICTED_SITE_ID}"),
            ),
            (Endpoint::IncidentsList, "/api/incidents".to_owned()),
            (
                Endpoint::IncidentItem,
                format!("/api/incidents/{strike_id}"),
            ),
        ] {
            let (status, body) = world.get(who, &path);
            let hidden_site =
                endpoint == Endpoint::SiteItem && !(is_staff(who) || who == Who::LiaisonNotified);
            let expected_status = if hidden_site { 404 } else { 200 };
            assert_eq!(status, expected_status, "{who:?} {path}: {body}");
            if hidden_site {
                // Exactly the answer for a site that does not exist; it echoes only the id
                // the caller asked for, so that id is the one value it may contain.
                assert_eq!(
                    body,
                    r#"{"error":{"code":"not_found","message":"no site has id 'site-m10'"}}"#
                );
                checked += 12;
                continue;
            }
            for (what, text, allowed) in expectations(who, endpoint) {
                assert_eq!(
                    body.contains(text),
                    allowed,
                    "{who:?} {endpoint:?}: {what} ({text}) should be {}: {body}",
                    if allowed { "present" } else { "absent" }
                );
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 7 * 4 * 12);
    world.server.stop().unwrap();
}

#[test]
fn the_public_sees_a_public_sites_name_and_governorate_and_a_hidden_site_is_a_plain_404() {
    let world = world();
    let sites = world.json(Who::Public, "/api/sites");
    let items = sites["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{sites}");
    assert_eq!(items[0]["name"], "Open Clinic");
    assert_eq!(items[0]["governorate"]["id"], "sy03");
    assert!(items[0].get("location").is_none(), "{sites}");
    let text = sites.to_string();
    assert!(!text.contains("36.63") && !text.contains("35.93"), "{text}");

    // Hidden and missing read the same, so a 404 confirms nothing.
    let (status, hidden) = world.get(Who::LiaisonOther, "/api/sites/site-m10");
    let (missing_status, missing) = world.get(Who::LiaisonOther, "/api/sites/site-nowhere");
    assert_eq!((status, missing_status), (404, 404));
    assert_eq!(
        hidden.replace("site-m10", "X"),
        missing.replace("site-nowhere", "X")
    );
    let notified = world.json(Who::LiaisonNotified, "/api/sites");
    assert_eq!(notified["items"].as_array().unwrap().len(), 2, "{notified}");
    let other = world.json(Who::LiaisonOther, "/api/sites");
    assert_eq!(other["items"].as_array().unwrap().len(), 1, "{other}");
    world.server.stop().unwrap();
}

#[test]
fn the_published_incident_has_governorate_day_category_and_ranges() {
    let world = world();
    let id = policy::published_incident_id(&strike());
    let shown = world.json(Who::Public, &format!("/api/incidents/{id}"));
    assert_eq!(shown["id"], id.as_str());
    assert_eq!(shown["governorate"]["id"], "sy02");
    assert_eq!(shown["country"]["id"], "sy");
    assert_eq!(shown["date_from"], "2016-09-28");
    assert_eq!(shown["category"], "explosive_weapons");
    assert_eq!(shown["certainty"], "confirmed");
    assert_eq!(shown["casualties"][0]["best"], 3);
    // The real id is not an alias for the public: it would confirm the record.
    let (status, _) = world.get(Who::Public, "/api/incidents/inc-1");
    assert_eq!(status, 404);
    let (status, _) = world.get(Who::Coordinator, &format!("/api/incidents/{id}"));
    assert_eq!(status, 404);
    world.server.stop().unwrap();
}

fn ids(value: &serde_json::Value) -> Vec<String> {
    value["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn pages_follow_the_next_link_in_id_order_for_staff_and_the_public() {
    let world = world();
    let first = world.json(Who::Analyst, "/api/incidents?limit=2");
    assert_eq!(ids(&first), ["inc-1", "inc-2"]);
    assert_eq!(first["next"]["after"], "inc-2");
    let href = first["next"]["href"].as_str().unwrap();
    assert_eq!(href, "/api/incidents?limit=2&after=inc-2");
    let second = world.json(Who::Analyst, href);
    assert_eq!(ids(&second), ["inc-3"]);
    assert!(second["next"].is_null(), "{second}");

    // Filters travel in the link.
    let filtered = world.json(
        Who::Analyst,
        "/api/incidents?limit=1&category=explosive_weapons",
    );
    assert_eq!(ids(&filtered), ["inc-1"]);
    let href = filtered["next"]["href"].as_str().unwrap();
    assert!(href.contains("category=explosive_weapons"), "{href}");
    assert_eq!(ids(&world.json(Who::Analyst, href)), ["inc-2"]);

    // The public pages through pseudonyms in the same order.
    let mut seen = Vec::new();
    let mut path = "/api/incidents?limit=1".to_owned();
    loop {
        let page = world.json(Who::Public, &path);
        seen.extend(ids(&page));
        match page["next"]["href"].as_str() {
            Some(next) => path = next.to_owned(),
            None => break,
        }
    }
    let expected: Vec<String> = std::iter::once(strike())
        .chain(others().iter().map(|s| incident(s).0))
        .map(|i| policy::published_incident_id(&i))
        .collect();
    assert_eq!(seen, expected);

    let sites = world.json(Who::Coordinator, "/api/sites?limit=1");
    assert_eq!(ids(&sites), ["site-m10"]);
    let rest = world.json(Who::Coordinator, sites["next"]["href"].as_str().unwrap());
    assert_eq!(ids(&rest), ["site-open-clinic"]);
    assert!(rest["next"].is_null());
    world.server.stop().unwrap();
}

#[test]
fn each_filter_selects_what_it_says() {
    let world = world();
    let q = |query: &str| ids(&world.json(Who::Coordinator, &format!("/api/incidents?{query}")));
    assert_eq!(q("bbox=37.1,36.1,37.2,36.3"), ["inc-1"]);
    assert_eq!(q("bbox=36,35,38,37"), ["inc-1", "inc-2", "inc-3"]);
    assert_eq!(q("datetime=2016-09-28"), ["inc-1"]);
    assert_eq!(q("datetime=2016-09-23/.."), ["inc-1", "inc-3"]);
    assert_eq!(q("datetime=../2016-09-22"), ["inc-2"]);
    // Span overlap: inc-3 runs 5–6 October.
    assert_eq!(q("datetime=2016-10-06T12:00:00Z/2016-12-01"), ["inc-3"]);
    assert_eq!(
        q("datetime=2016-09-28T04:00:00Z/2016-09-28T04:30:00%2B00:00"),
        ["inc-1"]
    );
    assert_eq!(q("category=airstrike"), ["inc-1"]);
    assert_eq!(q("category=explosive_weapons"), ["inc-1", "inc-2"]);
    assert_eq!(q("certainty=possible"), ["inc-3"]);
    assert_eq!(q("area=sy02"), ["inc-1", "inc-2"]);
    assert_eq!(q("area=sakhour"), ["inc-1"]);
    assert_eq!(q("area=sy"), ["inc-1", "inc-2", "inc-3"]);
    assert_eq!(q("area=sy02&certainty=probable"), ["inc-2"]);

    // The public may filter by governorate and day.
    let public = world.json(
        Who::Public,
        "/api/incidents?area=sy03&datetime=2016-10-01/..",
    );
    assert_eq!(public["items"].as_array().unwrap().len(), 1, "{public}");
    assert_eq!(public["items"][0]["governorate"]["id"], "sy03");
    world.server.stop().unwrap();
}

#[test]
fn bad_parameters_are_400_naming_the_parameter_and_unknown_ids_404() {
    let world = world();
    for (who, query, parameter) in [
        (Who::Coordinator, "limit=0", "limit"),
        (Who::Coordinator, "limit=1001", "limit"),
        (Who::Coordinator, "limit=ten", "limit"),
        (Who::Coordinator, "bbox=1,2,3", "bbox"),
        (Who::Coordinator, "bbox=3,2,1,4", "bbox"),
        (Who::Coordinator, "bbox=0,0,200,10", "bbox"),
        (Who::Coordinator, "datetime=yesterday", "datetime"),
        (
            Who::Coordinator,
            "datetime=2016-10-01/2016-09-01",
            "datetime",
        ),
        (Who::Coordinator, "category=picnic", "category"),
        (Who::Coordinator, "certainty=sure", "certainty"),
        (Who::Coordinator, "area=nowhere", "area"),
        (Who::Coordinator, "categroy=airstrike", "categroy"),
        (Who::Coordinator, "limit=1&limit=2", "limit"),
        // What would locate an incident more finely than the published view.
        (Who::Public, "bbox=36,35,38,37", "bbox"),
        (Who::LiaisonNotified, "bbox=36,35,38,37", "bbox"),
        (Who::Public, "area=sakhour", "area"),
        (Who::Public, "area=sy0200", "area"),
        (Who::Public, "datetime=2016-09-28T04:00:00Z/..", "datetime"),
        (Who::Public, "after=inc-1", "after"),
    ] {
        let (status, body) = world.get(who, &format!("/api/incidents?{query}"));
        assert_eq!(status, 400, "{who:?} {query}: {body}");
        let body: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(body["error"]["code"], "bad_parameter", "{query}");
        let message = body["error"]["message"].as_str().unwrap();
        assert!(
            message.starts_with(&format!("{parameter}: ")),
            "{query}: {message}"
        );
    }
    let (status, body) = world.get(Who::Coordinator, "/api/sites?bbox=1,2,3,4");
    assert_eq!(status, 400, "{body}");

    for path in ["/api/sites/no-such-site", "/api/incidents/no-such-incident"] {
        for who in [Who::Public, Who::Admin] {
            let (status, body) = world.get(who, path);
            assert_eq!(status, 404, "{who:?} {path}: {body}");
            let body: serde_json::Value = serde_json::from_str(&body).unwrap();
            assert_eq!(body["error"]["code"], "not_found");
        }
    }
    world.server.stop().unwrap();
}

/// Guards the fixture: the strike's time and date helpers agree, so the datetime filters above
/// test overlap rather than an accident of the data.
#[test]
fn the_fixture_days_are_whole_days() {
    let span = others()[1].when;
    assert_eq!(span.start(), start_of_day(day(2016, 10, 5)));
    assert_eq!(span.end(), end_of_day(day(2016, 10, 6)));
}
