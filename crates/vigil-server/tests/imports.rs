//! Uploading files to `POST /api/imports`: a file with bad rows rejected whole, then imported
//! without them when asked; the same file again changes nothing; roles that may not import are
//! refused; a publisher's spreadsheet as downloaded; the stored findings and the audit log
//! after an upload. The real server on 127.0.0.1 port 0 over a real SQLite file, real tokens,
//! real files.

mod common;

use common::{start_with, token, Running};
use serde_json::Value;
use std::path::{Path, PathBuf};
use vigil_domain::Role;

struct Answer {
    status: u16,
    body: Value,
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

fn answer(mut response: ureq::http::Response<ureq::Body>, what: &str) -> Answer {
    let text = response
        .body_mut()
        .with_config()
        .limit(64 << 20)
        .read_to_string()
        .unwrap();
    let body =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{what}: not JSON ({e}): {text:?}"));
    Answer {
        status: response.status().as_u16(),
        body,
    }
}

/// `POST /api/imports?QUERY` with `bytes` as the body.
fn upload(server: &Running, query: &str, token: Option<&str>, bytes: &[u8]) -> Answer {
    let mut request = ureq::http::Request::builder()
        .method("POST")
        .uri(server.url(&format!("/api/imports?{query}")))
        .header("Content-Type", "application/octet-stream");
    if let Some(token) = token {
        request = request.header("Authorization", format!("Bearer {token}"));
    }
    let response = agent().run(request.body(bytes.to_vec()).unwrap()).unwrap();
    answer(response, query)
}

fn get(server: &Running, path: &str, token: &str) -> Answer {
    let request = ureq::http::Request::builder()
        .uri(server.url(path))
        .header("Authorization", format!("Bearer {token}"))
        .body(())
        .unwrap();
    answer(agent().run(request).unwrap(), path)
}

/// A file of the real data set, in `shared/data/real` beside the checkout (as CI has it).
fn real_data(name: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/real")
        .join(name);
    assert!(
        path.exists(),
        "{} is missing: the real data files are expected in ../shared/data/real, beside the \
         repository",
        path.display()
    );
    path
}

struct Tokens {
    admin: String,
    coordinator: String,
    monitor: String,
    analyst: String,
    liaison: String,
}

fn server() -> (Running, Tokens) {
    let mut tokens = None;
    let server = start_with(|store| {
        tokens = Some(Tokens {
            admin: token(store, Role::Admin, None, false),
            coordinator: token(store, Role::Coordinator, None, false),
            monitor: token(store, Role::Monitor, None, false),
            analyst: token(store, Role::Analyst, None, false),
            liaison: token(store, Role::Liaison, Some("ru"), false),
        });
    });
    (server, tokens.unwrap())
}

const SITES_CSV: &str = "\
id,kind,name,lon,lat,radius_m,notified_from,notified_to,notified_parties
site-m10,hospital,M10 (al-Sakhour),37.1893,36.2125,150,2016-09-05,,ru
";

/// Four incidents, two of them bad: a latitude out of range and an unknown kind.
const INCIDENTS_CSV: &str = "\
id,kind,lon,lat,radius_m,start,end
inc-1,airstrike,37.1894,36.2126,500,2016-09-28,2016-09-28
inc-2,barrel_bomb,37.1703,95.5,0,2016-10-01,2016-10-03
inc-3,shelling,37.2,36.19,1000,2016-09-23T14:30:00Z,2016-09-23T15:00:00Z
inc-4,carpet_bombing,37.2,36.19,1000,2016-09-24,
";

fn items(answer: &Answer) -> &Vec<Value> {
    answer.body["items"].as_array().unwrap()
}

#[test]
fn a_file_with_bad_rows_is_rejected_whole_then_imported_without_them_when_asked() {
    let (server, t) = server();
    let sites = upload(
        &server,
        "name=sites.csv",
        Some(&t.coordinator),
        SITES_CSV.as_bytes(),
    );
    assert_eq!(sites.status, 200, "{}", sites.body);
    assert_eq!(sites.body["kind"], "sites");
    assert_eq!(sites.body["inserted"], 1);

    let query = "name=incidents.csv";
    let rejected = upload(&server, query, Some(&t.monitor), INCIDENTS_CSV.as_bytes());
    assert_eq!(rejected.status, 422, "{}", rejected.body);
    assert_eq!(rejected.body["error"]["code"], "invalid");
    let report = &rejected.body["report"];
    assert_eq!(report["outcome"], "rejected");
    assert_eq!(
        (report["rows_read"].as_u64(), report["bad"].as_u64()),
        (Some(4), Some(2))
    );
    let bad = report["bad_rows"].as_array().unwrap();
    assert_eq!(bad.len(), 2, "{report}");
    assert_eq!(bad[0]["file"], "incidents.csv");
    assert_eq!(
        (bad[0]["line"].as_u64(), bad[0]["column"].as_str()),
        (Some(3), Some("lat"))
    );
    assert_eq!(bad[0]["problem"], "95.5 is not a latitude (-90..90)");
    assert_eq!(
        bad[0]["message"],
        "incidents.csv:3: column lat: 95.5 is not a latitude (-90..90)"
    );
    assert_eq!(
        (bad[1]["line"].as_u64(), bad[1]["column"].as_str()),
        (Some(5), Some("kind"))
    );
    assert!(
        bad[1]["problem"]
            .as_str()
            .unwrap()
            .starts_with("unknown incident kind 'carpet_bombing' (expected one of: airstrike"),
        "{}",
        bad[1]
    );
    let stored = get(&server, "/api/incidents", &t.monitor);
    assert!(
        items(&stored).is_empty(),
        "nothing is written: {}",
        stored.body
    );

    let query = "name=incidents.csv&skip_bad_rows=true";
    let imported = upload(&server, query, Some(&t.monitor), INCIDENTS_CSV.as_bytes());
    assert_eq!(imported.status, 200, "{}", imported.body);
    let report = &imported.body;
    assert_eq!(report["outcome"], "imported");
    assert_eq!(
        [
            &report["inserted"],
            &report["updated"],
            &report["unchanged"],
            &report["bad"]
        ],
        [2, 0, 0, 2]
    );
    let skipped: Vec<u64> = report["bad_rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["line"].as_u64().unwrap())
        .collect();
    assert_eq!(skipped, [3, 5]);
    let stored = get(&server, "/api/incidents", &t.monitor);
    let ids: Vec<&str> = items(&stored)
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["inc-1", "inc-3"]);

    // The stored findings are brought up to date: the airstrike on the notified hospital.
    assert!(
        report["findings"]["findings"].as_u64().unwrap() > 0,
        "{report}"
    );
    let findings = get(&server, "/api/findings?incident=inc-1", &t.analyst);
    assert!(
        items(&findings)
            .iter()
            .any(|f| f["kind"] == "notified_site" && f["subject"]["id"] == "site-m10"),
        "{}",
        findings.body
    );

    // The same file again changes nothing.
    let again = upload(&server, query, Some(&t.monitor), INCIDENTS_CSV.as_bytes());
    assert_eq!(again.status, 200, "{}", again.body);
    assert_eq!(
        [
            &again.body["inserted"],
            &again.body["updated"],
            &again.body["unchanged"]
        ],
        [0, 0, 2]
    );
    assert_eq!(
        again.body["findings"],
        Value::Null,
        "nothing to bring up to date"
    );

    // Every record the upload wrote names the uploader in the audit log.
    let log = get(&server, "/api/audit?record=incident/inc-1", &t.admin);
    let entries = items(&log);
    assert_eq!(entries.len(), 1, "{}", log.body);
    assert_eq!(entries[0]["action"], "insert");
    assert_eq!(entries[0]["actor"]["role"], "monitor");
    let uploader = entries[0]["actor"]["name"].as_str().unwrap();
    assert!(uploader.starts_with("token:"), "{uploader}");
    let site_log = get(&server, "/api/audit?record=site/site-m10", &t.admin);
    assert_eq!(items(&site_log)[0]["actor"]["role"], "coordinator");
    assert_ne!(items(&site_log)[0]["actor"]["name"], uploader);
    server.stop().unwrap();
}

#[test]
fn a_dry_run_reports_without_writing() {
    let (server, t) = server();
    let query = "name=incidents.csv&dry_run=true";
    let rejected = upload(&server, query, Some(&t.monitor), INCIDENTS_CSV.as_bytes());
    assert_eq!(rejected.status, 422, "{}", rejected.body);
    assert_eq!(rejected.body["report"]["outcome"], "would_be_rejected");
    let query = "name=incidents.csv&dry_run=true&skip_bad_rows=true";
    let dry = upload(&server, query, Some(&t.monitor), INCIDENTS_CSV.as_bytes());
    assert_eq!(dry.status, 200, "{}", dry.body);
    assert_eq!(dry.body["outcome"], "would_be_imported");
    assert_eq!(dry.body["inserted"], 2);
    assert!(items(&get(&server, "/api/incidents", &t.monitor)).is_empty());

    // A file that cannot be read at all says why; one with no bytes is not a file.
    let unknown = upload(
        &server,
        "name=notes.txt",
        Some(&t.monitor),
        b"hello\nworld\n",
    );
    assert_eq!(unknown.status, 422, "{}", unknown.body);
    let message = unknown.body["error"]["message"].as_str().unwrap();
    assert!(
        message.starts_with("notes.txt: cannot tell what this file holds"),
        "{message}"
    );
    let empty = upload(&server, "name=empty.csv", Some(&t.monitor), b"");
    assert_eq!(empty.body["error"]["code"], "bad_body", "{}", empty.body);
    server.stop().unwrap();
}

#[test]
fn roles_that_may_not_import_a_kind_are_refused_and_nothing_is_written() {
    let (server, t) = server();
    let incidents = INCIDENTS_CSV.as_bytes();
    let boundaries = std::fs::read(real_data("syr_admin1.geojson")).unwrap();
    let refused: [(&str, Option<&str>, &[u8]); 8] = [
        ("public", None, incidents),
        ("analyst", Some(&t.analyst), incidents),
        ("liaison", Some(&t.liaison), incidents),
        // Recognised as incidents from the header, then refused.
        ("coordinator", Some(&t.coordinator), incidents),
        ("monitor", Some(&t.monitor), SITES_CSV.as_bytes()),
        ("monitor", Some(&t.monitor), &boundaries),
        ("coordinator", Some(&t.coordinator), &boundaries),
        ("monitor, kind=areas", Some(&t.monitor), &boundaries),
    ];
    for (who, token, bytes) in refused {
        let query = if who.ends_with("kind=areas") {
            "kind=areas&skip_bad_rows=true"
        } else {
            "skip_bad_rows=true"
        };
        let answer = upload(&server, query, token, bytes);
        assert_eq!(answer.status, 403, "{who}: {}", answer.body);
        assert_eq!(answer.body["error"]["code"], "forbidden", "{who}");
    }
    let log = get(&server, "/api/audit?record=incident", &t.admin);
    assert!(items(&log).is_empty(), "{}", log.body);
    let log = get(&server, "/api/audit?record=area", &t.admin);
    assert!(items(&log).is_empty(), "{}", log.body);

    // An admin may import boundaries; they are recognised from the content.
    let areas = upload(
        &server,
        "name=syr_admin1.geojson",
        Some(&t.admin),
        &boundaries,
    );
    assert_eq!(areas.status, 200, "{}", areas.body);
    assert_eq!(areas.body["kind"], "areas");
    assert_eq!(areas.body["inserted"], 14);
    assert_eq!(areas.body["new_countries"][0], "SY");
    server.stop().unwrap();
}

#[test]
fn a_publisher_spreadsheet_uploads_as_downloaded() {
    let (server, t) = server();
    let name = "sind-attacks-on-health-care-2016-2023.xlsx";
    let bytes = std::fs::read(real_data(name)).unwrap();
    let answer = upload(&server, &format!("name={name}"), Some(&t.monitor), &bytes);
    assert_eq!(answer.status, 200, "{}", answer.body["bad_rows"]);
    let report = &answer.body;
    assert_eq!(report["file"], name);
    assert_eq!(report["layout"], "HXL spreadsheet");
    assert_eq!(
        [&report["rows_read"], &report["inserted"], &report["bad"]],
        [8854, 8854, 0]
    );
    let columns = report["columns"].as_array().unwrap();
    assert!(
        columns
            .iter()
            .any(|c| c["tag"] == "#lat" && c["field"] == "lat"),
        "{}",
        report["columns"]
    );
    let incident = get(&server, "/api/incidents/sind:42815", &t.monitor);
    assert_eq!(incident.status, 200, "{}", incident.body);
    server.stop().unwrap();
}
