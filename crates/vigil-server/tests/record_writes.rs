//! Writing movements, ceasefires, sources and statements through the API: who may write
//! each, two editors who read the same version, bodies that are refused, and what the
//! readers then see. The real server on 127.0.0.1 port 0 over a real SQLite file, with real
//! tokens.

mod common;

use chrono::{TimeZone, Utc};
use common::http::{get, put_json, send, Answer};
use common::{start_with, token, Running};
use serde_json::{json, Value};
use vigil_domain::*;
use vigil_store::Existing;

struct Tokens {
    admin: String,
    coordinator: String,
    other_coordinator: String,
    monitor: String,
    other_monitor: String,
    analyst: String,
    liaison: String,
}

impl Tokens {
    /// Every token but those named, and the public (no token): the roles to refuse.
    fn all_but<'a>(&'a self, allowed: &[&str]) -> Vec<Option<&'a str>> {
        let all = [
            &self.admin,
            &self.coordinator,
            &self.other_coordinator,
            &self.monitor,
            &self.other_monitor,
            &self.analyst,
            &self.liaison,
        ];
        let mut refused: Vec<Option<&str>> = all
            .into_iter()
            .filter(|t| !allowed.contains(&t.as_str()))
            .map(|t| Some(t.as_str()))
            .collect();
        refused.push(None);
        refused
    }
}

/// A server over parties `ru` and `us`, a witness, and one incident built from her report.
fn server() -> (Running, Tokens) {
    let mut tokens = None;
    let server = start_with(|store| {
        tokens = Some(Tokens {
            admin: token(store, Role::Admin, None, false),
            coordinator: token(store, Role::Coordinator, None, false),
            other_coordinator: token(store, Role::Coordinator, None, false),
            monitor: token(store, Role::Monitor, None, false),
            other_monitor: token(store, Role::Monitor, None, false),
            analyst: token(store, Role::Analyst, None, false),
            liaison: token(store, Role::Liaison, Some("ru"), false),
        });
        let mut tx = store.transaction().unwrap();
        tx.put_party(
            &Party {
                id: PartyId::new("us").unwrap(),
                name: "us".into(),
                kind: PartyKind::Other,
            },
            Existing::Keep,
        )
        .unwrap();
        tx.put_source(
            &Source {
                id: SourceId::new("witness-rana").unwrap(),
                kind: SourceKind::Witness,
                title: "Rana H.".into(),
                publisher: None,
                url: None,
                published_on: None,
                protected: true,
            },
            Existing::Keep,
        )
        .unwrap();
        let report = Report {
            id: ReportId::new("r1").unwrap(),
            source: SourceId::new("witness-rana").unwrap(),
            received_at: Utc.with_ymd_and_hms(2016, 9, 28, 12, 0, 0).unwrap(),
            summary: "the strike, as she saw it".into(),
            content: ReportContent::from_value(&json!({})),
        };
        tx.put_report(&report).unwrap();
        let day = chrono::NaiveDate::from_ymd_opt(2016, 9, 28).unwrap();
        tx.put_incident(&Incident {
            id: IncidentId::new("inc-1").unwrap(),
            title: None,
            kind: IncidentKind::Airstrike,
            when: TimeSpan::days(day, day).unwrap(),
            location: Location::with_precision(
                Point::new(37.18, 36.2).unwrap(),
                GeoPrecision::WithinMeters(50),
            ),
            area: None,
            weapon: None,
            targets: vec![],
            damage: None,
            certainty: Certainty::Probable,
            casualties: vec![],
            attributions: vec![],
            description: None,
            reports: vec![report.id.clone()],
        })
        .unwrap();
        tx.commit().unwrap();
    });
    (server, tokens.unwrap())
}

fn convoy(name: &str) -> Value {
    json!({
        "kind": "convoy",
        "name": name,
        "route": [[36.95, 36.15], [36.97, 36.16]],
        "corridor_width_m": 500.0,
        "window": {
            "start": "2016-09-19T06:00:00Z",
            "end": "2016-09-19T18:00:00Z",
            "precision": "exact"
        },
        "sensitivity": "restricted"
    })
}

fn truce(name: &str) -> Value {
    json!({
        "name": name,
        "parties": ["ru", "us"],
        "start": "2016-09-12T16:00:00Z",
        "planned_end": null,
        "collapsed_at": "2016-09-19T19:00:00Z",
        "source": "witness-rana"
    })
}

fn ministry(title: &str) -> Value {
    json!({
        "kind": "official_statement",
        "title": title,
        "publisher": "Ministry of Defence",
        "url": "https://example.org/briefing",
        "published_on": "2016-09-29",
        "protected": false
    })
}

fn denial(summary: &str) -> Value {
    json!({
        "incident": "inc-1",
        "party": "ru",
        "kind": "denial",
        "made_on": "2016-09-29",
        "summary": summary,
        "source": "witness-rana"
    })
}

/// Writes the first of `bodies` as `creator`, then checks the rules every write endpoint
/// keeps: the roles refused, the ETag a read gives, a change with it, a stale one refused
/// (412), a blind one refused (428). Returns the answer of the accepted change.
fn write_story(
    server: &Running,
    path: &str,
    refused: &[Option<&str>],
    creator: &str,
    editor: &str,
    bodies: [&Value; 3],
) -> Answer {
    let [first, second, third] = bodies;
    for who in refused {
        let answer = put_json(server, path, *who, &[], first);
        assert_eq!(
            (answer.status, answer.code()),
            (403, "forbidden"),
            "{path}: {}",
            answer.body
        );
    }
    let created = put_json(server, path, Some(creator), &[], first);
    assert_eq!(created.status, 201, "{path}: {}", created.body);
    assert_eq!(created.location.as_deref(), Some(path));
    let read = get(server, path, Some(creator));
    assert_eq!(read.status, 200, "{}", read.body);
    assert!(read.etag.is_some(), "{path}: a writer's read has an ETag");
    assert_eq!(read.etag, created.etag, "{path}");
    let read_etag = read.etag.unwrap();

    let changed = put_json(
        server,
        path,
        Some(creator),
        &[("If-Match", &read_etag)],
        second,
    );
    assert_eq!(changed.status, 200, "{path}: {}", changed.body);
    assert_ne!(changed.etag.as_deref(), Some(read_etag.as_str()));
    let stale = put_json(
        server,
        path,
        Some(editor),
        &[("If-Match", &read_etag)],
        third,
    );
    assert_eq!(
        (stale.status, stale.code()),
        (412, "edit_conflict"),
        "{path}: {}",
        stale.body
    );
    let blind = put_json(server, path, Some(editor), &[], third);
    assert_eq!(
        (blind.status, blind.code()),
        (428, "precondition_required"),
        "{path}"
    );
    let stored = get(server, path, Some(creator));
    assert_eq!(stored.etag, changed.etag, "{path}: the first change stands");
    changed
}

#[test]
fn coordinators_and_admins_write_movements_and_two_editors_do_not_overwrite_each_other() {
    let (server, t) = server();
    let path = "/api/movements/convoy-urum";
    let changed = write_story(
        &server,
        path,
        &t.all_but(&[&t.coordinator, &t.other_coordinator, &t.admin]),
        &t.coordinator,
        &t.other_coordinator,
        [
            &convoy("UN-SARC convoy"),
            &convoy("UN-SARC convoy to Urum al-Kubra"),
            &convoy("Something else"),
        ],
    );
    assert_eq!(changed.body["name"], "UN-SARC convoy to Urum al-Kubra");
    assert_eq!(changed.body["route"][1], json!([36.97, 36.16]));
    // A restricted movement notified to no one stays hidden from a liaison and the public.
    assert_eq!(get(&server, path, Some(&t.liaison)).status, 404);
    assert_eq!(get(&server, path, None).status, 404);
    // Only writers get an ETag.
    let analyst = get(&server, path, Some(&t.analyst));
    assert_eq!((analyst.status, analyst.etag), (200, None));
    let admin = put_json(
        &server,
        "/api/movements/evac-2",
        Some(&t.admin),
        &[("If-None-Match", "*")],
        &convoy("Evacuation"),
    );
    assert_eq!(admin.status, 201, "{}", admin.body);
    server.stop().unwrap();
}

#[test]
fn a_bad_movement_is_refused_with_what_is_wrong_and_nothing_written() {
    let (server, t) = server();
    let path = "/api/movements/convoy-urum";
    let write = |body: &Value| put_json(&server, path, Some(&t.coordinator), &[], body);
    let mut misspelt = convoy("C");
    misspelt["corridor"] = json!(500.0);
    let answer = write(&misspelt);
    assert_eq!((answer.status, answer.code()), (400, "bad_body"));
    assert!(answer.body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("`corridor`"));
    let mut backwards = convoy("C");
    backwards["window"]["end"] = json!("2016-09-18T06:00:00Z");
    let answer = write(&backwards);
    assert_eq!(
        (answer.status, answer.code()),
        (422, "invalid"),
        "{}",
        answer.body
    );
    assert_eq!(answer.body["error"]["fields"][0]["field"], "window");
    let mut one_point = convoy("C");
    one_point["route"] = json!([[36.95, 36.15]]);
    let answer = write(&one_point);
    assert_eq!(
        (answer.status, answer.code()),
        (422, "invalid"),
        "{}",
        answer.body
    );
    assert_eq!(answer.body["error"]["fields"][0]["field"], "route");
    let mut no_kind = convoy("C");
    no_kind.as_object_mut().unwrap().remove("kind");
    assert_eq!(write(&no_kind).code(), "bad_body");
    let mut other_id = convoy("C");
    other_id["id"] = json!("convoy-other");
    assert_eq!(write(&other_id).code(), "bad_body");
    assert_eq!(get(&server, path, Some(&t.admin)).status, 404);
    server.stop().unwrap();
}

#[test]
fn coordinators_and_admins_write_ceasefires_that_everyone_reads_without_the_source() {
    let (server, t) = server();
    let path = "/api/ceasefires/truce-2016";
    write_story(
        &server,
        path,
        &t.all_but(&[&t.coordinator, &t.other_coordinator, &t.admin]),
        &t.coordinator,
        &t.other_coordinator,
        [
            &truce("Cessation of hostilities"),
            &truce("US-Russia cessation of hostilities"),
            &truce("Truce"),
        ],
    );
    let public = get(&server, path, None);
    assert_eq!(public.status, 200, "{}", public.body);
    assert_eq!(public.body["name"], "US-Russia cessation of hostilities");
    assert_eq!(public.body["areas"], json!([]));
    assert!(public.body.get("source").is_none(), "{}", public.body);
    assert_eq!(public.etag, None);
    let admin = get(&server, path, Some(&t.admin));
    assert_eq!(admin.body["source"], "witness-rana");

    let mut unknown_party = truce("T");
    unknown_party["parties"] = json!(["nobody"]);
    let answer = put_json(
        &server,
        "/api/ceasefires/t2",
        Some(&t.coordinator),
        &[],
        &unknown_party,
    );
    assert_eq!(
        (answer.status, answer.code()),
        (422, "invalid"),
        "{}",
        answer.body
    );
    let mut collapsed_first = truce("T");
    collapsed_first["collapsed_at"] = json!("2016-09-01T00:00:00Z");
    let answer = put_json(
        &server,
        "/api/ceasefires/t2",
        Some(&t.coordinator),
        &[],
        &collapsed_first,
    );
    assert_eq!(answer.body["error"]["fields"][0]["field"], "collapsed_at");
    assert_eq!(get(&server, "/api/ceasefires/t2", None).status, 404);
    server.stop().unwrap();
}

#[test]
fn monitors_and_admins_write_sources_and_a_witness_is_always_protected() {
    let (server, t) = server();
    let path = "/api/sources/mod-briefing";
    let changed = write_story(
        &server,
        path,
        &t.all_but(&[&t.monitor, &t.other_monitor, &t.admin]),
        &t.monitor,
        &t.other_monitor,
        [
            &ministry("Briefing"),
            &ministry("Briefing of 29 September"),
            &ministry("Other"),
        ],
    );
    assert_eq!(changed.body["title"], "Briefing of 29 September");
    assert_eq!(changed.body["publisher"], "Ministry of Defence");

    let witness = json!({ "kind": "witness", "title": "Abu Ahmad", "protected": false });
    let answer = put_json(&server, "/api/sources/w2", Some(&t.monitor), &[], &witness);
    assert_eq!(
        (answer.status, answer.code()),
        (422, "invalid"),
        "{}",
        answer.body
    );
    assert_eq!(answer.body["error"]["fields"][0]["field"], "protected");
    let unprotected = json!({ "kind": "witness", "title": "Abu Ahmad" });
    let answer = put_json(
        &server,
        "/api/sources/w2",
        Some(&t.monitor),
        &[],
        &unprotected,
    );
    assert_eq!(answer.code(), "bad_body", "protected must be said");
    assert_eq!(get(&server, "/api/sources/w2", Some(&t.admin)).status, 404);
    server.stop().unwrap();
}

#[test]
fn monitors_and_admins_record_statements_that_staff_read_under_the_incident() {
    let (server, t) = server();
    let path = "/api/statements/stmt-1";
    write_story(
        &server,
        path,
        &t.all_but(&[&t.monitor, &t.other_monitor, &t.admin]),
        &t.monitor,
        &t.other_monitor,
        [
            &denial("Denies any strike on the area"),
            &denial("Denies any strike on a hospital"),
            &denial("Other"),
        ],
    );
    let listed = get(&server, "/api/incidents/inc-1/statements", Some(&t.analyst));
    assert_eq!(listed.status, 200, "{}", listed.body);
    let items = listed.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["summary"], "Denies any strike on a hospital");
    assert!(items[0].get("source").is_none(), "{}", listed.body);
    let monitor = get(&server, "/api/incidents/inc-1/statements", Some(&t.monitor));
    assert_eq!(monitor.body["items"][0]["source"], "witness-rana");

    let mut elsewhere = denial("D");
    elsewhere["incident"] = json!("inc-404");
    let answer = put_json(
        &server,
        "/api/statements/s2",
        Some(&t.monitor),
        &[],
        &elsewhere,
    );
    assert_eq!(
        (answer.status, answer.code()),
        (422, "invalid"),
        "{}",
        answer.body
    );
    let mut shrug = denial("D");
    shrug["kind"] = json!("shrug");
    let answer = put_json(&server, "/api/statements/s2", Some(&t.monitor), &[], &shrug);
    assert_eq!((answer.status, answer.code()), (400, "bad_body"));
    let not_json = send(
        &server,
        "PUT",
        "/api/statements/s2",
        Some(&t.monitor),
        &[("Content-Type", "text/plain")],
        Some("denied"),
    );
    assert_eq!(
        (not_json.status, not_json.code()),
        (415, "unsupported_media_type")
    );
    assert_eq!(
        get(&server, "/api/statements/s2", Some(&t.admin)).status,
        404
    );

    // The audit log names who wrote it.
    let log = get(
        &server,
        "/api/audit?record=statement/stmt-1",
        Some(&t.admin),
    );
    let entries = log.body["items"].as_array().unwrap();
    assert_eq!(entries.len(), 2, "{}", log.body);
    assert_eq!(entries[1]["actor"]["role"], "monitor");
    server.stop().unwrap();
}
