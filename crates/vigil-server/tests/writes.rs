//! Writing through the API: who may write what, two editors who read the same version, bad
//! bodies, a liaison acknowledging, and the audit log that records it all. The real server on
//! 127.0.0.1 port 0 over a real SQLite file, with real tokens.

mod common;

use common::{start_configured, token, Running};
use serde_json::{json, Value};
use vigil_domain::*;
use vigil_server::Config;
use vigil_store::Existing;

/// One HTTP answer: status, ETag and JSON body.
struct Answer {
    status: u16,
    etag: Option<String>,
    location: Option<String>,
    body: Value,
}

fn send(
    server: &Running,
    method: &str,
    path: &str,
    token: Option<&str>,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> Answer {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let url = server.url(path);
    let mut request = ureq::http::Request::builder().method(method).uri(&url);
    if let Some(token) = token {
        request = request.header("Authorization", format!("Bearer {token}"));
    }
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let mut response = agent
        .run(request.body(body.unwrap_or("").to_owned()).unwrap())
        .unwrap();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    };
    let (etag, location) = (header("etag"), header("location"));
    let text = response.body_mut().read_to_string().unwrap();
    let body = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{method} {path}: not JSON ({e}): {text:?}"));
    Answer {
        status: response.status().as_u16(),
        etag,
        location,
        body,
    }
}

fn put_json(
    server: &Running,
    path: &str,
    token: &str,
    extra: &[(&str, &str)],
    body: &Value,
) -> Answer {
    let mut headers = vec![("Content-Type", "application/json")];
    headers.extend_from_slice(extra);
    send(
        server,
        "PUT",
        path,
        Some(token),
        &headers,
        Some(&body.to_string()),
    )
}

fn get(server: &Running, path: &str, token: Option<&str>) -> Answer {
    send(server, "GET", path, token, &[], None)
}

fn code(answer: &Answer) -> &str {
    answer.body["error"]["code"].as_str().unwrap_or("")
}

/// A site body as a client writes it.
fn hospital(name: &str) -> Value {
    json!({
        "kind": "hospital",
        "name": name,
        "location": { "point": [37.18341, 36.20617], "precision": "exact", "radius_m": 0.0 },
        "sensitivity": "restricted",
        "status": [{ "as_of": "2016-09-28", "status": "functional", "source": null, "note": null }]
    })
}

/// The protected source the tests' reports cite.
fn witness() -> Source {
    Source {
        id: SourceId::new("witness-rana").unwrap(),
        kind: SourceKind::Witness,
        title: "Rana H.".into(),
        publisher: None,
        url: None,
        published_on: None,
        protected: true,
    }
}

struct Tokens {
    admin: String,
    coordinator: String,
    other_coordinator: String,
    monitor: String,
    analyst: String,
    liaison_ru: String,
    liaison_tr: String,
}

fn server() -> (Running, Tokens) {
    server_with(Config::default())
}

fn server_with(config: Config) -> (Running, Tokens) {
    let mut tokens = None;
    let server = start_configured(config, |store| {
        tokens = Some(Tokens {
            admin: token(store, Role::Admin, None, false),
            coordinator: token(store, Role::Coordinator, None, false),
            other_coordinator: token(store, Role::Coordinator, None, false),
            monitor: token(store, Role::Monitor, None, false),
            analyst: token(store, Role::Analyst, None, false),
            liaison_ru: token(store, Role::Liaison, Some("ru"), false),
            liaison_tr: token(store, Role::Liaison, Some("tr"), false),
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
        tx.put_source(&witness(), Existing::Keep).unwrap();
        tx.commit().unwrap();
    });
    (server, tokens.unwrap())
}

#[test]
fn each_role_writes_only_what_it_may() {
    let (server, t) = server();
    let site = hospital("M10");
    assert_eq!(
        put_json(&server, "/api/sites/m10", &t.monitor, &[], &site).status,
        403,
        "a monitor does not keep the register"
    );
    assert_eq!(
        put_json(&server, "/api/sites/m10", &t.analyst, &[], &site).status,
        403
    );
    assert_eq!(
        put_json(&server, "/api/sites/m10", &t.liaison_ru, &[], &site).status,
        403
    );
    let public = send(
        &server,
        "PUT",
        "/api/sites/m10",
        None,
        &[("Content-Type", "application/json")],
        Some(&site.to_string()),
    );
    assert_eq!((public.status, code(&public)), (403, "forbidden"));
    assert_eq!(
        get(&server, "/api/sites/m10", Some(&t.admin)).status,
        404,
        "nothing was written"
    );

    let created = put_json(&server, "/api/sites/m10", &t.coordinator, &[], &site);
    assert_eq!(created.status, 201, "{}", created.body);
    assert_eq!(created.location.as_deref(), Some("/api/sites/m10"));
    assert_eq!(created.body["name"], "M10");
    let read = get(&server, "/api/sites/m10", Some(&t.coordinator));
    assert_eq!(
        read.etag, created.etag,
        "the ETag of a write is the one a read gives"
    );
    assert!(read.etag.is_some());
    // The public never gets an ETag of a restricted site (nor the site).
    assert_eq!(get(&server, "/api/sites/m10", None).status, 404);
    server.stop().unwrap();
}

#[test]
fn of_two_editors_who_read_the_same_version_the_second_is_refused() {
    let (server, t) = server();
    let first = put_json(
        &server,
        "/api/sites/m10",
        &t.coordinator,
        &[],
        &hospital("M10"),
    );
    let read_etag = first.etag.clone().unwrap();

    // Both read version 1; the first to write wins.
    let a = put_json(
        &server,
        "/api/sites/m10",
        &t.coordinator,
        &[("If-Match", &read_etag)],
        &hospital("M10 Hospital (Sakhour)"),
    );
    assert_eq!(a.status, 200, "{}", a.body);
    assert_ne!(a.etag.as_deref(), Some(read_etag.as_str()));
    let b = put_json(
        &server,
        "/api/sites/m10",
        &t.other_coordinator,
        &[("If-Match", &read_etag)],
        &hospital("M10 Surgical"),
    );
    assert_eq!((b.status, code(&b)), (412, "edit_conflict"), "{}", b.body);
    // Without If-Match the change is not even tried.
    let blind = put_json(
        &server,
        "/api/sites/m10",
        &t.other_coordinator,
        &[],
        &hospital("X"),
    );
    assert_eq!((blind.status, code(&blind)), (428, "precondition_required"));
    // Create-only on an existing record.
    let again = put_json(
        &server,
        "/api/sites/m10",
        &t.coordinator,
        &[("If-None-Match", "*")],
        &hospital("Y"),
    );
    assert_eq!(again.status, 412);

    let stored = get(&server, "/api/sites/m10", Some(&t.coordinator));
    assert_eq!(
        stored.body["name"], "M10 Hospital (Sakhour)",
        "the first edit stands"
    );
    assert_eq!(stored.etag, a.etag);
    server.stop().unwrap();
}

#[test]
fn a_bad_body_is_refused_with_what_is_wrong_and_nothing_written() {
    let (server, t) = server_with(Config {
        max_body_bytes: 4096,
        ..Config::default()
    });
    let path = "/api/sites/m10";

    let not_json = send(
        &server,
        "PUT",
        path,
        Some(&t.coordinator),
        &[("Content-Type", "text/plain")],
        Some("x"),
    );
    assert_eq!(
        (not_json.status, code(&not_json)),
        (415, "unsupported_media_type")
    );

    let broken = send(
        &server,
        "PUT",
        path,
        Some(&t.coordinator),
        &[("Content-Type", "application/json")],
        Some("{\"kind\": \"hospital\",\n \"name\": }"),
    );
    assert_eq!((broken.status, code(&broken)), (400, "bad_body"));
    let message = broken.body["error"]["message"].as_str().unwrap();
    assert!(message.contains("line 2 column"), "{message}");

    let mut misspelt = hospital("M10");
    misspelt["sensitivty"] = json!("public");
    let answer = put_json(&server, path, &t.coordinator, &[], &misspelt);
    assert_eq!(answer.status, 400);
    assert!(answer.body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("`sensitivty`"));

    let mut off_the_globe = hospital("M10");
    off_the_globe["location"]["point"] = json!([37.1, 95.5]);
    let answer = put_json(&server, path, &t.coordinator, &[], &off_the_globe);
    assert_eq!(
        (answer.status, code(&answer)),
        (400, "bad_body"),
        "{}",
        answer.body
    );

    let nameless = hospital("");
    let answer = put_json(&server, path, &t.coordinator, &[], &nameless);
    assert_eq!(
        (answer.status, code(&answer)),
        (422, "invalid"),
        "{}",
        answer.body
    );
    assert_eq!(answer.body["error"]["fields"][0]["field"], "name");

    let other_id = {
        let mut body = hospital("M10");
        body["id"] = json!("m11");
        body
    };
    assert_eq!(
        put_json(&server, path, &t.coordinator, &[], &other_id).status,
        400
    );

    let mut huge = hospital("M10");
    huge["operator"] = json!("x".repeat(10_000));
    let answer = put_json(&server, path, &t.coordinator, &[], &huge);
    assert_eq!(
        (answer.status, code(&answer)),
        (413, "too_large"),
        "{}",
        answer.body
    );

    let wrong_method = send(&server, "DELETE", path, Some(&t.coordinator), &[], None);
    assert_eq!(
        (wrong_method.status, code(&wrong_method)),
        (405, "method_not_allowed")
    );

    assert_eq!(
        get(&server, path, Some(&t.admin)).status,
        404,
        "none of them wrote"
    );
    server.stop().unwrap();
}

#[test]
fn a_monitor_files_a_report_and_builds_an_incident_from_it() {
    let (server, t) = server();
    let report = json!({
        "source": "witness-rana",
        "received_at": "2016-09-28T06:00:00Z",
        "summary": "strike on the hospital at dawn",
        "content": { "text": "as told by phone" }
    });
    let filed = put_json(&server, "/api/reports/rep-1", &t.monitor, &[], &report);
    assert_eq!(filed.status, 201, "{}", filed.body);
    assert_eq!(
        put_json(&server, "/api/reports/rep-1", &t.monitor, &[], &report).status,
        200
    );
    let stored = get(&server, "/api/reports/rep-1", Some(&t.monitor));
    assert_eq!(
        stored.body["content"], report["content"],
        "the content is kept as sent, not re-encoded: {}",
        stored.body
    );
    let mut rewritten = report.clone();
    rewritten["summary"] = json!("something else");
    let clash = put_json(&server, "/api/reports/rep-1", &t.monitor, &[], &rewritten);
    assert_eq!(
        (clash.status, code(&clash)),
        (409, "conflict"),
        "reports are immutable"
    );
    assert_eq!(
        put_json(&server, "/api/reports/rep-2", &t.coordinator, &[], &report).status,
        403
    );

    let incident = json!({
        "kind": "airstrike",
        "when": { "start": "2016-09-28T04:00:00Z", "end": "2016-09-28T04:00:00Z", "precision": "exact" },
        "location": { "point": [37.184, 36.2069], "precision": "50m", "radius_m": 50.0 },
        "certainty": "probable",
        "casualties": [{ "group": "patients", "outcome": "killed", "low": 2, "best": 3, "high": 5, "source": "witness-rana" }],
        "reports": ["rep-1"]
    });
    let built = put_json(&server, "/api/incidents/inc-1", &t.monitor, &[], &incident);
    assert_eq!(built.status, 201, "{}", built.body);
    assert_eq!(built.body["casualties"][0]["best"], 3);
    assert_eq!(built.body["sources"][0]["id"], "witness-rana");

    // Raise the certainty with the ETag read back; an incident naming a report never filed
    // is invalid.
    let read = get(&server, "/api/incidents/inc-1", Some(&t.monitor));
    let mut confirmed = read.body.clone();
    confirmed["certainty"] = json!("confirmed");
    let updated = put_json(
        &server,
        "/api/incidents/inc-1",
        &t.monitor,
        &[("If-Match", read.etag.as_deref().unwrap())],
        &confirmed,
    );
    assert_eq!(updated.status, 200, "{}", updated.body);
    assert_eq!(updated.body["certainty"], "confirmed");
    let mut orphan = incident.clone();
    orphan["reports"] = json!(["rep-never-filed"]);
    let answer = put_json(&server, "/api/incidents/inc-2", &t.monitor, &[], &orphan);
    assert_eq!(
        (answer.status, code(&answer)),
        (422, "invalid"),
        "{}",
        answer.body
    );
    server.stop().unwrap();
}

fn notification_body(parties: &[&str]) -> Value {
    json!({
        "subject": { "site": "m10" },
        "parties": parties,
        "sent_at": "2016-09-20T10:00:00Z",
        "valid": { "from": "2016-09-20", "to": null },
        "channel": "HNS e-mail",
        "payload_sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
    })
}

#[test]
fn a_liaison_sees_and_acknowledges_only_what_went_to_its_party() {
    let (server, t) = server();
    put_json(
        &server,
        "/api/sites/m10",
        &t.coordinator,
        &[],
        &hospital("M10"),
    );
    let sent = put_json(
        &server,
        "/api/notifications/n-m10",
        &t.coordinator,
        &[],
        &notification_body(&["ru", "us"]),
    );
    assert_eq!(sent.status, 201, "{}", sent.body);
    assert_eq!(sent.body["latest_version"], 1);

    // The liaison of ru sees it, addressed to ru alone; tr's liaison sees nothing.
    let ru = get(&server, "/api/notifications", Some(&t.liaison_ru));
    assert_eq!(ru.body["items"].as_array().unwrap().len(), 1);
    assert_eq!(ru.body["items"][0]["versions"][0]["parties"], json!(["ru"]));
    let tr = get(&server, "/api/notifications", Some(&t.liaison_tr));
    assert_eq!(tr.body["items"], json!([]));
    assert_eq!(
        get(&server, "/api/notifications/n-m10", Some(&t.liaison_tr)).status,
        404
    );
    assert_eq!(get(&server, "/api/notifications", None).status, 403);

    let ack_path = "/api/notifications/n-m10/acknowledgements";
    let headers = [("Content-Type", "application/json")];
    let ack = send(
        &server,
        "POST",
        ack_path,
        Some(&t.liaison_ru),
        &headers,
        Some(r#"{"by": "Hmeimim desk", "received_at": "2016-09-20T11:30:00Z"}"#),
    );
    assert_eq!(ack.status, 201, "{}", ack.body);
    assert_eq!(ack.body["acknowledgements"][0]["party"], "ru");
    // A retried request changes nothing; other facts for the same receipt are refused.
    let retried = send(
        &server,
        "POST",
        ack_path,
        Some(&t.liaison_ru),
        &headers,
        Some("{}"),
    );
    assert_eq!(retried.status, 200, "{}", retried.body);
    let rewritten = send(
        &server,
        "POST",
        ack_path,
        Some(&t.liaison_ru),
        &headers,
        Some(r#"{"received_at": "2016-09-21T08:00:00Z"}"#),
    );
    assert_eq!((rewritten.status, code(&rewritten)), (409, "conflict"));
    // Not for another party, and not for what was never addressed to it.
    let for_us = send(
        &server,
        "POST",
        ack_path,
        Some(&t.liaison_ru),
        &headers,
        Some(r#"{"party": "us"}"#),
    );
    assert_eq!(for_us.status, 403);
    let tr_ack = send(
        &server,
        "POST",
        ack_path,
        Some(&t.liaison_tr),
        &headers,
        Some("{}"),
    );
    assert_eq!(tr_ack.status, 404);
    let analyst_ack = send(
        &server,
        "POST",
        ack_path,
        Some(&t.analyst),
        &headers,
        Some(r#"{"party": "us"}"#),
    );
    assert_eq!(analyst_ack.status, 403);

    // The coordinator sees both parties, and ru's receipt with its time.
    let all = get(&server, "/api/notifications/n-m10", Some(&t.coordinator));
    assert_eq!(all.body["versions"][0]["parties"], json!(["ru", "us"]));
    assert_eq!(
        all.body["acknowledgements"][0]["received_at"],
        "2016-09-20T11:30:00Z"
    );
    assert!(all.etag.is_some());
    assert_eq!(
        ack.etag, all.etag,
        "a receipt does not change the notification's version"
    );

    // A new version needs the ETag of the latest.
    let withdrawn = {
        let mut body = notification_body(&["ru", "us"]);
        body["withdrawn_at"] = json!("2016-09-30T00:00:00Z");
        body
    };
    let blind = put_json(
        &server,
        "/api/notifications/n-m10",
        &t.coordinator,
        &[],
        &withdrawn,
    );
    assert_eq!(blind.status, 428);
    let second = put_json(
        &server,
        "/api/notifications/n-m10",
        &t.coordinator,
        &[("If-Match", all.etag.as_deref().unwrap())],
        &withdrawn,
    );
    assert_eq!(second.status, 200, "{}", second.body);
    assert_eq!(second.body["latest_version"], 2);
    server.stop().unwrap();
}

#[test]
fn the_audit_log_names_every_writer_and_is_for_admins_only() {
    let (server, t) = server();
    let first = put_json(
        &server,
        "/api/sites/m10",
        &t.coordinator,
        &[],
        &hospital("M10"),
    );
    put_json(
        &server,
        "/api/sites/m10",
        &t.other_coordinator,
        &[("If-Match", first.etag.as_deref().unwrap())],
        &hospital("M10 Surgical"),
    );
    assert_eq!(get(&server, "/api/audit", Some(&t.coordinator)).status, 403);
    assert_eq!(get(&server, "/api/audit", None).status, 403);

    let log = get(&server, "/api/audit?record=site/m10", Some(&t.admin));
    assert_eq!(log.status, 200, "{}", log.body);
    let entries = log.body["items"].as_array().unwrap();
    assert_eq!(entries.len(), 2, "{}", log.body);
    assert_eq!(entries[0]["action"], "insert");
    assert_eq!(entries[0]["before"], Value::Null);
    assert_eq!(entries[1]["action"], "update");
    assert_eq!(entries[1]["before"]["name"], "M10");
    assert_eq!(entries[1]["after"]["name"], "M10 Surgical");
    assert_eq!(entries[1]["actor"]["role"], "coordinator");
    let (a, b) = (
        entries[0]["actor"]["name"].as_str().unwrap(),
        entries[1]["actor"]["name"].as_str().unwrap(),
    );
    assert!(
        a.starts_with("token:") && b.starts_with("token:") && a != b,
        "{a} {b}"
    );
    // Whatever the log holds, no token secret is in it.
    let whole = get(&server, "/api/audit?limit=1000", Some(&t.admin));
    let text = whole.body.to_string();
    for secret in [
        &t.admin,
        &t.coordinator,
        &t.other_coordinator,
        &t.monitor,
        &t.liaison_ru,
    ] {
        assert!(!text.contains(secret.as_str()));
    }
    assert!(
        text.contains("\"record_kind\":\"token\""),
        "token creation is audited"
    );

    // Pages follow the log's order.
    let page = get(&server, "/api/audit?limit=1", Some(&t.admin));
    let next = page.body["next"]["href"].as_str().unwrap().to_owned();
    let second = get(&server, &next, Some(&t.admin));
    assert!(second.body["items"][0]["seq"].as_u64() > page.body["items"][0]["seq"].as_u64());
    server.stop().unwrap();
}

#[test]
fn a_query_string_that_cannot_be_used_gets_a_json_400() {
    let (server, t) = server();
    for query in ["limit=%zz", "li%FFmit=5", "bbox=1,2,3"] {
        let answer = get(
            &server,
            &format!("/api/incidents?{query}"),
            Some(&t.analyst),
        );
        assert_eq!(
            (answer.status, code(&answer)),
            (400, "bad_parameter"),
            "{query}: {}",
            answer.body
        );
    }
    server.stop().unwrap();
}

#[test]
fn an_incident_filed_at_a_notified_hospital_becomes_a_finding_without_running_a_check() {
    let (server, t) = server();
    put_json(
        &server,
        "/api/sites/m10",
        &t.coordinator,
        &[],
        &hospital("M10"),
    );
    let sent = put_json(
        &server,
        "/api/notifications/n-m10",
        &t.coordinator,
        &[],
        &notification_body(&["ru"]),
    );
    assert_eq!(sent.status, 201, "{}", sent.body);
    let report = json!({
        "source": "witness-rana",
        "received_at": "2016-09-28T06:00:00Z",
        "summary": "strike on the hospital",
        "content": {}
    });
    assert_eq!(
        put_json(&server, "/api/reports/rep-1", &t.monitor, &[], &report).status,
        201
    );
    let strike = json!({
        "kind": "airstrike",
        "when": { "start": "2016-09-28T04:00:00Z", "end": "2016-09-28T04:00:00Z", "precision": "exact" },
        "location": { "point": [37.18345, 36.2062], "precision": "exact", "radius_m": 0.0 },
        "certainty": "confirmed",
        "targets": [{ "site": "m10" }],
        "reports": ["rep-1"]
    });
    let filed = put_json(&server, "/api/incidents/inc-1", &t.monitor, &[], &strike);
    assert_eq!(filed.status, 201, "{}", filed.body);

    // The refresh runs in the background after the write; give it a few seconds.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let findings = get(&server, "/api/findings?incident=inc-1", Some(&t.analyst));
        let kinds: Vec<&str> = findings.body["items"]
            .as_array()
            .map(|items| items.iter().filter_map(|f| f["kind"].as_str()).collect())
            .unwrap_or_default();
        if kinds.contains(&"notified_site") {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no notified-site finding appeared: {}",
            findings.body
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    server.stop().unwrap();
}

fn square(min_lon: f64, min_lat: f64, max_lon: f64, max_lat: f64) -> geo_types::MultiPolygon<f64> {
    geo_types::MultiPolygon(vec![geo_types::Polygon::new(
        geo_types::LineString::from(vec![
            (min_lon, min_lat),
            (max_lon, min_lat),
            (max_lon, max_lat),
            (min_lon, max_lat),
            (min_lon, min_lat),
        ]),
        vec![],
    )])
}

#[test]
fn a_record_written_without_an_area_is_placed_as_an_import_would_place_it() {
    let mut tokens = None;
    let server = start_configured(Config::default(), |store| {
        tokens = Some((
            token(store, Role::Coordinator, None, false),
            token(store, Role::Monitor, None, false),
        ));
        let area = |id: &str, level, parent: Option<&str>, boundary| Area {
            id: AreaId::new(id).unwrap(),
            level,
            pcode: None,
            name_en: id.to_owned(),
            name_ar: None,
            parent: parent.map(|p| AreaId::new(p).unwrap()),
            boundary: Some(boundary),
            source: None,
        };
        let mut tx = store.transaction().unwrap();
        tx.put_area(&area(
            "sy02",
            AreaLevel::Governorate,
            None,
            square(36.5, 35.5, 38.5, 37.0),
        ))
        .unwrap();
        tx.put_area(&area(
            "sakhour",
            AreaLevel::Neighbourhood,
            Some("sy02"),
            square(37.17, 36.19, 37.20, 36.22),
        ))
        .unwrap();
        tx.put_source(&witness(), Existing::Keep).unwrap();
        tx.commit().unwrap();
    });
    let (coordinator, monitor) = tokens.unwrap();

    let site = put_json(
        &server,
        "/api/sites/m10",
        &coordinator,
        &[],
        &hospital("M10"),
    );
    assert_eq!(site.status, 201, "{}", site.body);
    assert_eq!(
        site.body["area"], "sakhour",
        "an exact point goes to its neighbourhood"
    );
    let mut stated = hospital("M2");
    stated["area"] = json!("sy02");
    let kept = put_json(&server, "/api/sites/m2", &coordinator, &[], &stated);
    assert_eq!(kept.body["area"], "sy02", "an area the body names is kept");

    let report = json!({
        "source": "witness-rana", "received_at": "2016-09-28T06:00:00Z",
        "summary": "shelling somewhere in the east", "content": {}
    });
    put_json(&server, "/api/reports/rep-1", &monitor, &[], &report);
    let vague = json!({
        "kind": "shelling",
        "when": { "start": "2016-09-28T00:00:00Z", "end": "2016-09-28T23:59:59Z", "precision": "day" },
        "location": { "point": [37.18345, 36.2062], "precision": "5000m", "radius_m": 5000.0 },
        "certainty": "probable",
        "reports": ["rep-1"]
    });
    let incident = put_json(&server, "/api/incidents/inc-1", &monitor, &[], &vague);
    assert_eq!(incident.status, 201, "{}", incident.body);
    assert_eq!(
        incident.body["area"], "sy02",
        "known to within 5 km: placed no finer than its precision allows"
    );
    server.stop().unwrap();
}

#[test]
fn a_site_sent_back_without_its_footprint_keeps_it_and_null_removes_it() {
    let (server, t) = server();
    let mut with_outline = hospital("M10");
    with_outline["footprint"] = json!({
        "exterior": [
            {"x": 37.1833, "y": 36.2061}, {"x": 37.1836, "y": 36.2061},
            {"x": 37.1836, "y": 36.2063}, {"x": 37.1833, "y": 36.2061}
        ],
        "interiors": []
    });
    let created = put_json(
        &server,
        "/api/sites/m10",
        &t.coordinator,
        &[],
        &with_outline,
    );
    assert_eq!(created.status, 201, "{}", created.body);
    let stored_footprint = || {
        let store = server.open_db();
        store
            .site(&SiteId::new("m10").unwrap())
            .unwrap()
            .unwrap()
            .footprint
    };
    assert!(stored_footprint().is_some());

    // What an editor read (no footprint in the view), sent back with a new name.
    let edited = put_json(
        &server,
        "/api/sites/m10",
        &t.coordinator,
        &[("If-Match", created.etag.as_deref().unwrap())],
        &hospital("M10 (Sakhour)"),
    );
    assert_eq!(edited.status, 200, "{}", edited.body);
    assert!(stored_footprint().is_some(), "the outline was kept");

    let mut without = hospital("M10 (Sakhour)");
    without["footprint"] = Value::Null;
    let removed = put_json(
        &server,
        "/api/sites/m10",
        &t.coordinator,
        &[("If-Match", edited.etag.as_deref().unwrap())],
        &without,
    );
    assert_eq!(removed.status, 200, "{}", removed.body);
    assert!(stored_footprint().is_none(), "null removes it");
}
