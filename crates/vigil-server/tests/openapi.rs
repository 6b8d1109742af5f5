//! The API description at `GET /openapi.json`, on the real server over the policy tests'
//! records (`common::fixture`):
//!
//! - it is OpenAPI 3.1, served to anyone, and byte for byte the committed snapshot
//!   `crates/vigil-server/openapi.json` (so a change to the API shows up in review);
//! - it describes every route the router serves, read from the `.route("PATH", get(…).put(…))`
//!   calls in `src/routes/**.rs`, so a route added without a description fails by name; and
//!   each described operation answers (no fallback 404, no 405);
//! - `openapi-spec-validator` accepts it, and real answers (every role's lists, items,
//!   writes, exports, imports, errors, OGC documents), and the bodies written, match its
//!   schemas; the headers and content types it names are the ones sent.
//!
//! The validator comes from `scripts/test-tools.sh` (through the export tests' helper); a
//! missing one fails these tests with the script's words, it never skips them.

mod common;

#[allow(dead_code)] // the helper also reads GDAL's and HXL's output, which these tests do not
#[path = "../../vigil-cli/tests/readers/mod.rs"]
mod readers;

use common::fixture::*;
use common::Running;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Command;

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "patch", "head", "options", "trace",
];

/// The Rust files under `src/routes`, with their paths.
fn route_sources() -> Vec<(PathBuf, String)> {
    fn walk(dir: &std::path::Path, out: &mut Vec<(PathBuf, String)>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|entry| entry.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                out.push((path, text));
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/routes"),
        &mut out,
    );
    out
}

/// The source without its comments (`//` to the end of the line), so a route named in a doc
/// comment is not read as one.
fn without_comments(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            // A `//` inside a string literal (a URL) is not a comment.
            Some(at) if line[..at].matches('"').count() % 2 == 0 => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The arguments of the call whose `(` is at `open`: the text up to its matching `)`.
fn call_arguments(text: &str, open: usize) -> &str {
    let mut depth = 0usize;
    let mut in_string = false;
    for (i, c) in text[open..].char_indices() {
        match c {
            '"' => in_string = !in_string,
            '(' if !in_string => depth += 1,
            ')' if !in_string => {
                depth -= 1;
                if depth == 0 {
                    return &text[open + 1..open + i];
                }
            }
            _ => {}
        }
    }
    panic!("unbalanced call at byte {open}: {}", &text[open..]);
}

/// The methods a method router such as `get(a::b).put(c::d)` routes: each name called at
/// its top level.
fn routed_methods(router: &str, route: &str) -> Vec<String> {
    let mut methods = Vec::new();
    let mut depth = 0usize;
    let mut name = String::new();
    for c in router.chars() {
        match c {
            '(' => {
                if depth == 0 {
                    assert!(
                        METHODS.contains(&name.as_str()),
                        "route {route}: `{name}(…)` in `{router}` is not a method this test \
                         knows how to read; teach `routed_methods` about it"
                    );
                    methods.push(name.clone());
                }
                depth += 1;
            }
            ')' => depth -= 1,
            c if depth == 0 && (c.is_alphanumeric() || c == '_') => name.push(c),
            _ if depth == 0 => name.clear(),
            _ => {}
        }
    }
    assert!(
        !methods.is_empty(),
        "route {route}: no method in `{router}`"
    );
    methods
}

/// `(method, path)` of every route the router serves, read from the `.route("PATH", …)` calls
/// in `src/routes/**.rs`: what the code says, not a list kept by hand.
fn served() -> BTreeSet<(String, String)> {
    let mut routes = BTreeSet::new();
    for (file, text) in route_sources() {
        let text = without_comments(&text);
        for unread in [
            ".nest(",
            ".nest_service(",
            ".route_service(",
            ".fallback_service(",
        ] {
            assert!(
                !text.contains(unread),
                "{} calls `{unread}…)`, which this test does not read: teach `served` about it",
                file.display()
            );
        }
        for (at, _) in text.match_indices(".route(") {
            let arguments = call_arguments(&text, at + ".route".len());
            let (path, router) = arguments
                .trim()
                .strip_prefix('"')
                .and_then(|rest| rest.split_once('"'))
                .unwrap_or_else(|| {
                    panic!(
                        "{}: a route whose path is not a string literal: .route({arguments})",
                        file.display()
                    )
                });
            let router = router.trim().trim_start_matches(',').trim();
            for method in routed_methods(router, path) {
                routes.insert((method, path.to_owned()));
            }
        }
    }
    routes
}

fn snapshot_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("openapi.json")
}

struct Answer {
    status: u16,
    content_type: String,
    /// The response's headers, names in lower case.
    headers: Vec<(String, String)>,
    text: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Sends `body` (with `content_type`, and `extra` headers) as `method` to `path`.
fn send_bytes(
    server: &Running,
    method: &str,
    path: &str,
    token: Option<&str>,
    (content_type, extra): (Option<&str>, &[(&str, &str)]),
    body: Vec<u8>,
) -> Answer {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut request = ureq::http::Request::builder()
        .method(method.to_ascii_uppercase().as_str())
        .uri(server.url(path));
    if let Some(token) = token {
        request = request.header("Authorization", format!("Bearer {token}"));
    }
    if let Some(content_type) = content_type {
        request = request.header("Content-Type", content_type);
    }
    for (name, value) in extra {
        request = request.header(*name, *value);
    }
    let mut response = agent.run(request.body(body).unwrap()).unwrap();
    let headers: Vec<(String, String)> = response
        .headers()
        .iter()
        .map(|(n, v)| {
            (
                n.as_str().to_owned(),
                v.to_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    let content_type = headers
        .iter()
        .find(|(n, _)| n == "content-type")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    Answer {
        status: response.status().as_u16(),
        content_type,
        headers,
        text: response
            .body_mut()
            .with_config()
            .limit(64 << 20)
            .read_to_string()
            .unwrap(),
    }
}

fn send(
    server: &Running,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<&Value>,
) -> Answer {
    let content_type = body.is_some().then_some("application/json");
    let text = body.map(Value::to_string).unwrap_or_default();
    send_bytes(
        server,
        method,
        path,
        token,
        (content_type, &[]),
        text.into_bytes(),
    )
}

/// The document as the public fetches it.
fn fetch_document(world: &World) -> (Answer, Value) {
    let answer = send(&world.server, "get", "/openapi.json", None, None);
    assert_eq!(answer.status, 200, "{}", answer.text);
    let document = answer.json();
    (answer, document)
}

/// `(method, path)` of every operation the document describes.
fn described(document: &Value) -> BTreeSet<(String, String)> {
    let paths = document["paths"].as_object().expect("paths");
    paths
        .iter()
        .flat_map(|(path, item)| {
            METHODS
                .iter()
                .filter(|m| item.get(**m).is_some())
                .map(move |m| (m.to_string(), path.clone()))
        })
        .collect()
}

#[test]
fn the_description_is_openapi_3_1_and_the_committed_snapshot() {
    let world = world();
    let (answer, document) = fetch_document(&world);
    assert_eq!(answer.content_type, "application/json");
    let version = document["openapi"].as_str().unwrap_or_default();
    assert!(version.starts_with("3.1."), "openapi is {version:?}");
    assert_eq!(
        document["components"]["securitySchemes"]["bearer"]["scheme"], "bearer",
        "the bearer token scheme"
    );
    assert!(
        document["security"]
            .as_array()
            .is_some_and(|s| s.contains(&json!({}))),
        "no token is a way in too (the public role): {}",
        document["security"]
    );

    let path = snapshot_path();
    if std::env::var_os("UPDATE_OPENAPI_SNAPSHOT").is_some_and(|v| v == "1") {
        std::fs::write(&path, &answer.text).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != answer.text {
        let first_difference = committed
            .lines()
            .zip(answer.text.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| committed.lines().count().min(answer.text.lines().count()));
        panic!(
            "GET /openapi.json differs from the committed {} from line {}:\n  committed: {:?}\n  served:    {:?}\n\
             If the API changed on purpose, run `UPDATE_OPENAPI_SNAPSHOT=1 cargo test -p vigil-server --test openapi` \
             to rewrite the snapshot, review its diff, and commit it.",
            path.display(),
            first_difference + 1,
            committed.lines().nth(first_difference).unwrap_or("(end)"),
            answer.text.lines().nth(first_difference).unwrap_or("(end)"),
        );
    }
    world.server.stop().unwrap();
}

#[test]
fn the_routes_are_read_from_the_source() {
    let served = served();
    // The reader finds the routes of both routers, whatever their layout: one on a line,
    // methods chained, a call over several lines, a nested router's.
    for (method, path) in [
        ("get", "/openapi.json"),
        ("get", "/api/sites/{id}"),
        ("put", "/api/sites/{id}"),
        ("put", "/api/incidents/{id}"),
        ("post", "/api/notifications/{id}/acknowledgements"),
        ("put", "/api/movements/{id}"),
        ("get", "/api/reports/{id}"),
        ("put", "/api/reports/{id}"),
        ("get", "/api/exports/{kind}"),
        ("post", "/api/imports"),
        ("get", "/ogc/"),
        ("get", "/ogc/collections/{collection}/items/{feature}"),
    ] {
        assert!(
            served.contains(&(method.to_owned(), path.to_owned())),
            "{method} {path} not found in src/routes: {served:?}"
        );
    }
    let calls: usize = route_sources()
        .iter()
        .map(|(_, text)| without_comments(text).matches(".route(").count())
        .sum();
    let paths: BTreeSet<&String> = served.iter().map(|(_, p)| p).collect();
    assert!(
        calls >= paths.len() && paths.len() > 30,
        "{calls} `.route(` calls, {} paths read",
        paths.len()
    );
}

#[test]
fn every_route_is_described_and_every_described_operation_is_served() {
    let world = world();
    let (_, document) = fetch_document(&world);
    let served = served();
    let described_now = described(&document);
    let undescribed: Vec<String> = served
        .difference(&described_now)
        .map(|(m, p)| format!("{} {p}", m.to_uppercase()))
        .collect();
    let unserved: Vec<String> = described_now
        .difference(&served)
        .map(|(m, p)| format!("{} {p}", m.to_uppercase()))
        .collect();
    assert!(
        undescribed.is_empty() && unserved.is_empty(),
        "routes served (src/routes) but not in the document: {undescribed:?}; operations in \
         the document that no route serves: {unserved:?}. Describe each route with \
         `#[utoipa::path]` beside its handler and list it in `openapi::ApiDoc`."
    );

    // Each described operation, asked with made-up ids, reaches its handler: whatever it
    // answers, it is not the router's own "no endpoint" 404 nor a 405.
    let admin = world.token(Who::Admin).unwrap();
    for (method, path) in described(&document) {
        let concrete = path
            .replace("{id}", "no-such-record")
            .replace("{collection}", "sites")
            .replace("{feature}", "no-such-record")
            .replace("{kind}", "no-such-kind");
        let body = (method != "get").then(|| json!({}));
        let answer = send(
            &world.server,
            &method,
            &concrete,
            Some(&admin),
            body.as_ref(),
        );
        let message = if answer.content_type.starts_with("application/json") {
            answer.json()["error"]["message"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        } else {
            String::new()
        };
        assert!(
            answer.status != 405 && !message.starts_with("no endpoint at"),
            "{method} {concrete}: {} {}",
            answer.status,
            answer.text
        );
    }
    world.server.stop().unwrap();
}

/// Answers and bodies to check against the document's schemas: `(schema, what, value)`.
struct Samples(Vec<(String, String, Value)>);

impl Samples {
    fn add(&mut self, schema: &str, what: impl Into<String>, value: Value) {
        self.0.push((schema.to_owned(), what.into(), value));
    }

    /// GETs `path` as `who`, expecting `status`, and keeps the answer for `schema`.
    fn get(&mut self, world: &World, who: Who, path: &str, status: u16, schema: &str) -> Value {
        let token = world.token(who);
        let answer = send(&world.server, "get", path, token.as_deref(), None);
        assert_eq!(answer.status, status, "{who:?} GET {path}: {}", answer.text);
        let value = answer.json();
        self.add(schema, format!("{who:?} GET {path}"), value.clone());
        value
    }

    /// Sends `body` as `who` (checking it against `input`), expecting `status`, and keeps the
    /// answer for `output`.
    #[allow(clippy::too_many_arguments)]
    fn write(
        &mut self,
        world: &World,
        who: Who,
        method: &str,
        path: &str,
        (input, body): (&str, Value),
        status: u16,
        output: &str,
    ) -> Answer {
        self.write_with(
            world,
            who,
            (method, path, &[]),
            (input, body),
            status,
            output,
        )
    }

    /// As [`Samples::write`], with `extra` request headers (`If-Match`).
    fn write_with(
        &mut self,
        world: &World,
        who: Who,
        (method, path, extra): (&str, &str, &[(&str, &str)]),
        (input, body): (&str, Value),
        status: u16,
        output: &str,
    ) -> Answer {
        self.add(input, format!("the body of {method} {path}"), body.clone());
        let token = world.token(who);
        let answer = send_bytes(
            &world.server,
            method,
            path,
            token.as_deref(),
            (Some("application/json"), extra),
            body.to_string().into_bytes(),
        );
        assert_eq!(
            answer.status, status,
            "{who:?} {method} {path}: {}",
            answer.text
        );
        self.add(output, format!("{who:?} {method} {path}"), answer.json());
        answer
    }

    /// Uploads `file` to `POST /api/imports?{query}` as `who`, expecting `status`, and keeps
    /// the answer for `output`.
    fn import(
        &mut self,
        world: &World,
        who: Who,
        query: &str,
        file: &str,
        (status, output): (u16, &str),
    ) -> Value {
        let path = format!("/api/imports?{query}");
        let token = world.token(who);
        let answer = send_bytes(
            &world.server,
            "post",
            &path,
            token.as_deref(),
            (Some("text/csv"), &[]),
            file.as_bytes().to_vec(),
        );
        assert_eq!(
            answer.status, status,
            "{who:?} POST {path}: {}",
            answer.text
        );
        let value = answer.json();
        self.add(output, format!("{who:?} POST {path}"), value.clone());
        value
    }
}

/// The response the document describes for `method path` answering `status`.
fn described_response<'a>(document: &'a Value, method: &str, path: &str, status: u16) -> &'a Value {
    let response = &document["paths"][path][method]["responses"][status.to_string()];
    assert!(
        response.is_object(),
        "the document gives no {status} for {method} {path}"
    );
    response
}

/// Checks that `answer` to `method path` sends each of `sent`, which the document describes
/// for its status, and none of `unsent`.
fn check_headers(
    document: &Value,
    (method, path): (&str, &str),
    answer: &Answer,
    (sent, unsent): (&[&str], &[&str]),
) {
    let response = described_response(document, method, path, answer.status);
    for name in sent {
        let described = response["headers"]
            .as_object()
            .is_some_and(|h| h.keys().any(|k| k.eq_ignore_ascii_case(name)));
        assert!(
            described,
            "{method} {path} answering {} sends {name}, which the document does not describe",
            answer.status
        );
        assert!(
            answer.header(&name.to_ascii_lowercase()).is_some(),
            "{method} {path} answered {} without {name}",
            answer.status
        );
    }
    for name in unsent {
        assert!(
            answer.header(&name.to_ascii_lowercase()).is_none(),
            "{method} {path} answered {} with {name}",
            answer.status
        );
    }
}

/// GETs an export as `who`: its content type is one the document lists, it names a file, and
/// a GeoJSON one is kept for its schema.
fn check_export(world: &World, document: &Value, samples: &mut Samples, who: Who, query: &str) {
    let path = format!("/api/exports/{query}");
    let token = world.token(who);
    let answer = send(&world.server, "get", &path, token.as_deref(), None);
    assert_eq!(answer.status, 200, "{who:?} GET {path}: {}", answer.text);
    let content = described_response(document, "get", "/api/exports/{kind}", 200)["content"]
        .as_object()
        .unwrap();
    assert!(
        content.contains_key(&answer.content_type),
        "{who:?} GET {path}: Content-Type {:?} is not one of those described: {:?}",
        answer.content_type,
        content.keys().collect::<Vec<_>>()
    );
    check_headers(
        document,
        ("get", "/api/exports/{kind}"),
        &answer,
        (&["Content-Disposition"], &[]),
    );
    let disposition = answer.header("content-disposition").unwrap();
    assert!(
        disposition.starts_with("attachment; filename=\"vigil-"),
        "{disposition}"
    );
    if query.contains("format=geojson") {
        assert_eq!(answer.content_type, "application/geo+json");
        samples.add(
            "ExportFeatureCollection",
            format!("{who:?} GET {path}"),
            answer.json(),
        );
    } else {
        assert!(answer.content_type.starts_with("text/csv"), "{path}");
        let mut lines = answer.text.lines();
        assert!(
            lines.next().is_some_and(|header| !header.starts_with('#')),
            "{path}: no header: {}",
            answer.text
        );
        if query.contains("format=hxl") {
            assert!(
                lines.next().is_some_and(|tags| tags.starts_with('#')),
                "{path}: no hashtag row: {}",
                answer.text
            );
        }
    }
}

/// Runs `openapi-spec-validator` on the document, then checks every sample against its
/// schema (JSON Schema 2020-12, OpenAPI 3.1's dialect); prints every problem and fails.
const VALIDATE: &str = r##"
import json, sys
from openapi_spec_validator import validate
from jsonschema import Draft202012Validator

given = json.load(open(sys.argv[1]))
document = given["document"]
validate(document)
problems = []
for schema, what, value in given["samples"]:
    root = {"$ref": "#/components/schemas/" + schema, "components": document["components"]}
    for error in Draft202012Validator(root).iter_errors(value):
        path = "/".join(str(p) for p in error.absolute_path)
        problems.append(f"{what} is not a {schema}: at /{path}: {error.message}")
print("\n".join(problems))
sys.exit(1 if problems else 0)
"##;

#[test]
fn a_validator_accepts_the_description_and_real_answers_match_its_schemas() {
    let world = world();
    let (_, document) = fetch_document(&world);
    let mut samples = Samples(Vec::new());
    let evidence = common::add_evidence(
        &world.server,
        b"\xFF\xD8\xFF a photo",
        Some("inc-1"),
        Some("A witness"),
        Some(WITNESS_SOURCE_ID),
    );
    let evidence = format!("/api/evidence/{evidence}");

    for who in EVERYONE {
        samples.get(&world, who, "/api/whoami", 200, "Whoami");
        samples.get(&world, who, "/api/health", 200, "Health");
        let sites = samples.get(&world, who, "/api/sites", 200, "SiteList");
        for site in sites["items"].as_array().unwrap() {
            let path = format!("/api/sites/{}", site["id"].as_str().unwrap());
            samples.get(&world, who, &path, 200, "SiteView");
        }
        let incidents = samples.get(&world, who, "/api/incidents", 200, "IncidentList");
        for incident in incidents["items"].as_array().unwrap() {
            let path = format!("/api/incidents/{}", incident["id"].as_str().unwrap());
            samples.get(&world, who, &path, 200, "IncidentView");
        }
        let movements = samples.get(&world, who, "/api/movements", 200, "MovementList");
        for movement in movements["items"].as_array().unwrap() {
            let path = format!("/api/movements/{}", movement["id"].as_str().unwrap());
            samples.get(&world, who, &path, 200, "MovementView");
        }
        samples.get(
            &world,
            who,
            "/api/sitrep?from=2016-09-01&to=2016-10-31",
            200,
            "Sitrep",
        );
        if is_staff(who) {
            let findings = samples.get(&world, who, "/api/findings", 200, "FindingList");
            let first = findings["items"][0]["id"].as_str().expect("a finding");
            samples.get(
                &world,
                who,
                &format!("/api/findings/{first}"),
                200,
                "Finding",
            );
            samples.get(&world, who, "/api/incidents/inc-1/dossier", 200, "Dossier");
            samples.get(&world, who, &evidence, 200, "EvidenceItem");
        } else {
            samples.get(&world, who, &evidence, 403, "ErrorBody");
            samples.get(&world, who, "/api/findings", 403, "ErrorBody");
            samples.get(
                &world,
                who,
                "/api/incidents/inc-1/dossier",
                403,
                "ErrorBody",
            );
        }
        if who == Who::Public {
            samples.get(&world, who, "/api/notifications", 403, "ErrorBody");
        } else {
            let list = samples.get(&world, who, "/api/notifications", 200, "NotificationList");
            for notification in list["items"].as_array().unwrap() {
                let path = format!(
                    "/api/notifications/{}",
                    notification["id"].as_str().unwrap()
                );
                samples.get(&world, who, &path, 200, "NotificationView");
            }
        }

        let areas = samples.get(&world, who, "/api/areas", 200, "AreaList");
        for area in areas["items"].as_array().unwrap() {
            let path = format!("/api/areas/{}", area["id"].as_str().unwrap());
            samples.get(&world, who, &path, 200, "Area");
        }
        if !is_staff(who) {
            samples.get(&world, who, "/api/areas?level=district", 400, "ErrorBody");
        }
        let ceasefires = samples.get(&world, who, "/api/ceasefires", 200, "CeasefireList");
        assert!(!ceasefires["items"].as_array().unwrap().is_empty());
        for ceasefire in ceasefires["items"].as_array().unwrap() {
            let path = format!("/api/ceasefires/{}", ceasefire["id"].as_str().unwrap());
            samples.get(&world, who, &path, 200, "Ceasefire");
        }
        if sees_sources(who) {
            let sources = samples.get(&world, who, "/api/sources", 200, "SourceList");
            for source in sources["items"].as_array().unwrap() {
                let path = format!("/api/sources/{}", source["id"].as_str().unwrap());
                samples.get(&world, who, &path, 200, "Source");
            }
            let incident = world.json(who, "/api/incidents/inc-1");
            let report = incident["reports"][0].as_str().expect("a report");
            samples.get(
                &world,
                who,
                &format!("/api/reports/{report}"),
                200,
                "Report",
            );
        } else {
            samples.get(&world, who, "/api/sources", 403, "ErrorBody");
            let path = format!("/api/sources/{STATUS_SOURCE_ID}");
            samples.get(&world, who, &path, 403, "ErrorBody");
            samples.get(&world, who, "/api/reports/report-inc-1", 403, "ErrorBody");
        }
        if is_staff(who) {
            let path = "/api/incidents/inc-1/statements";
            let statements = samples.get(&world, who, path, 200, "StatementList");
            assert!(!statements["items"].as_array().unwrap().is_empty());
            let path = format!("/api/statements/{STATEMENT_ID}");
            samples.get(&world, who, &path, 200, "Statement");
        } else {
            let path = "/api/incidents/inc-1/statements";
            samples.get(&world, who, path, 403, "ErrorBody");
            let path = format!("/api/statements/{STATEMENT_ID}");
            samples.get(&world, who, &path, 403, "ErrorBody");
        }
        for query in [
            "incidents",
            "incidents?format=geojson",
            "incidents?format=hxl",
            "sites?format=csv",
            "sites?format=geojson",
            "sites?format=hxl",
        ] {
            check_export(&world, &document, &mut samples, who, query);
        }

        samples.get(&world, who, "/ogc", 200, "LandingPage");
        samples.get(&world, who, "/ogc/conformance", 200, "Conformance");
        let collections = samples.get(&world, who, "/ogc/collections", 200, "Collections");
        for collection in collections["collections"].as_array().unwrap() {
            let id = collection["id"].as_str().unwrap();
            samples.get(
                &world,
                who,
                &format!("/ogc/collections/{id}"),
                200,
                "Collection",
            );
            let items = format!("/ogc/collections/{id}/items?limit=1");
            let page = samples.get(&world, who, &items, 200, "FeatureCollection");
            if let Some(feature) = page["features"][0]["id"].as_str() {
                let path = format!("/ogc/collections/{id}/items/{feature}");
                samples.get(&world, who, &path, 200, "Feature");
            }
        }
    }

    // Writes: each body as the description gives it, each answer as it describes it.
    let site = json!({
        "kind": "hospital",
        "name": "Described Field Hospital",
        "operator": null,
        "location": {"point": [37.15, 36.2], "precision": "exact", "radius_m": 0.0},
        "sensitivity": "public",
        "status": [{"as_of": "2016-09-20", "status": "functional", "source": STATUS_SOURCE_ID, "note": null}],
        "capacity": [{"as_of": "2016-09-20", "metric": "beds", "value": 12, "source": null}],
    });
    samples.write(
        &world,
        Who::Coordinator,
        "put",
        "/api/sites/site-described",
        ("SiteInput", site),
        201,
        "SiteView",
    );
    let report = json!({
        "source": STATUS_SOURCE_ID,
        "received_at": "2016-09-29T08:00:00Z",
        "summary": "A strike near the field hospital.",
        "content": {"text": "as told", "lines": [1, 2]},
    });
    samples.write(
        &world,
        Who::Monitor,
        "put",
        "/api/reports/rep-described",
        ("ReportInput", report),
        201,
        "ReportStored",
    );
    let incident = json!({
        "title": "Strike near the field hospital",
        "kind": "airstrike",
        "when": {"start": "2016-09-28T00:00:00Z", "end": "2016-09-28T23:59:59Z", "precision": "day"},
        "location": {"point": [37.151, 36.201], "precision": "250m", "radius_m": 250.0},
        "targets": [{"site": "site-described"}, {"kind": "hospital"}],
        "damage": null,
        "certainty": "probable",
        "casualties": [{"group": "civilians", "outcome": "killed", "low": 1, "best": 2, "high": 3, "source": STATUS_SOURCE_ID}],
        "attributions": [{"party": "party-a", "grade": "alleged", "sources": [STATUS_SOURCE_ID]}],
        "reports": ["rep-described"],
    });
    samples.write(
        &world,
        Who::Monitor,
        "put",
        "/api/incidents/inc-described",
        ("IncidentInput", incident),
        201,
        "Incident",
    );
    let notification = json!({
        "subject": {"site": "site-described"},
        "parties": ["party-a"],
        "sent_at": "2016-09-21T09:00:00Z",
        "valid": {"from": "2016-09-21", "to": null},
        "channel": "email",
        "payload_sha256": "ab".repeat(32),
    });
    samples.write(
        &world,
        Who::Coordinator,
        "put",
        "/api/notifications/not-described",
        ("NotificationInput", notification),
        201,
        "NotificationView",
    );
    samples.write(
        &world,
        Who::LiaisonNotified,
        "post",
        "/api/notifications/not-described/acknowledgements",
        ("AcknowledgementInput", json!({"by": "liaison desk"})),
        201,
        "NotificationView",
    );
    let movement = json!({
        "kind": "convoy",
        "name": "Described Convoy",
        "route": [[37.15, 36.2], [37.16, 36.21]],
        "corridor_width_m": 500.0,
        "window": {"start": "2016-09-21T06:00:00Z", "end": "2016-09-21T12:00:00Z", "precision": "exact"},
        "sensitivity": "restricted",
        "source": CONVOY_SOURCE_ID,
    });
    let path = "/api/movements/convoy-described";
    let created = samples.write(
        &world,
        Who::Coordinator,
        "put",
        path,
        ("MovementInput", movement.clone()),
        201,
        "Movement",
    );
    check_headers(
        &document,
        ("put", "/api/movements/{id}"),
        &created,
        (&["ETag", "Location"], &[]),
    );
    let read = send(
        &world.server,
        "get",
        path,
        world.token(Who::Coordinator).as_deref(),
        None,
    );
    check_headers(
        &document,
        ("get", "/api/movements/{id}"),
        &read,
        (&["ETag"], &[]),
    );
    let mut renamed = movement;
    renamed["name"] = json!("Described Convoy, renamed");
    renamed["operator"] = json!(null);
    let changed = samples.write_with(
        &world,
        Who::Coordinator,
        ("put", path, &[("If-Match", read.header("etag").unwrap())]),
        ("MovementInput", renamed),
        200,
        "Movement",
    );
    check_headers(
        &document,
        ("put", "/api/movements/{id}"),
        &changed,
        (&["ETag"], &["Location"]),
    );

    let ceasefire = json!({
        "name": "Described truce",
        "parties": ["party-a", "party-b"],
        "start": "2016-10-01T00:00:00Z",
        "planned_end": "2016-10-08T00:00:00Z",
        "collapsed_at": null,
        "source": CEASEFIRE_SOURCE_ID,
    });
    let created = samples.write(
        &world,
        Who::Coordinator,
        "put",
        "/api/ceasefires/truce-described",
        ("CeasefireInput", ceasefire),
        201,
        "Ceasefire",
    );
    check_headers(
        &document,
        ("put", "/api/ceasefires/{id}"),
        &created,
        (&["ETag", "Location"], &[]),
    );
    let read = send(
        &world.server,
        "get",
        "/api/ceasefires/truce-described",
        world.token(Who::Admin).as_deref(),
        None,
    );
    samples.add(
        "Ceasefire",
        "Admin GET /api/ceasefires/truce-described",
        read.json(),
    );
    assert_eq!(read.json()["source"], CEASEFIRE_SOURCE_ID, "{}", read.text);
    check_headers(
        &document,
        ("get", "/api/ceasefires/{id}"),
        &read,
        (&["ETag"], &[]),
    );

    let source = json!({
        "kind": "witness",
        "title": "A described witness",
        "publisher": null,
        "protected": true,
    });
    let created = samples.write(
        &world,
        Who::Monitor,
        "put",
        "/api/sources/witness-described",
        ("SourceInput", source),
        201,
        "Source",
    );
    check_headers(
        &document,
        ("put", "/api/sources/{id}"),
        &created,
        (&["ETag", "Location"], &[]),
    );
    let read = send(
        &world.server,
        "get",
        "/api/sources/witness-described",
        world.token(Who::Monitor).as_deref(),
        None,
    );
    check_headers(
        &document,
        ("get", "/api/sources/{id}"),
        &read,
        (&["ETag"], &[]),
    );
    let read = send(
        &world.server,
        "get",
        "/api/reports/rep-described",
        world.token(Who::Monitor).as_deref(),
        None,
    );
    samples.add(
        "Report",
        "Monitor GET /api/reports/rep-described",
        read.json(),
    );
    check_headers(
        &document,
        ("get", "/api/reports/{id}"),
        &read,
        (&["ETag"], &[]),
    );

    let statement = json!({
        "incident": "inc-described",
        "party": "party-a",
        "kind": "claim",
        "made_on": "2016-09-29",
        "summary": "The party claimed the strike.",
        "source": "witness-described",
    });
    let created = samples.write(
        &world,
        Who::Monitor,
        "put",
        "/api/statements/stmt-described",
        ("StatementInput", statement),
        201,
        "Statement",
    );
    check_headers(
        &document,
        ("put", "/api/statements/{id}"),
        &created,
        (&["ETag", "Location"], &[]),
    );
    let read = send(
        &world.server,
        "get",
        "/api/statements/stmt-described",
        world.token(Who::Analyst).as_deref(),
        None,
    );
    samples.add(
        "Statement",
        "Analyst GET /api/statements/stmt-described",
        read.json(),
    );
    assert!(read.json().get("source").is_none(), "{}", read.text);
    check_headers(
        &document,
        ("get", "/api/statements/{id}"),
        &read,
        (&[], &["ETag"]),
    );
    let read = send(
        &world.server,
        "get",
        "/api/statements/stmt-described",
        world.token(Who::Monitor).as_deref(),
        None,
    );
    check_headers(
        &document,
        ("get", "/api/statements/{id}"),
        &read,
        (&["ETag"], &[]),
    );
    let listed = samples.get(
        &world,
        Who::Admin,
        "/api/incidents/inc-described/statements",
        200,
        "StatementList",
    );
    assert_eq!(
        listed["items"][0]["source"], "witness-described",
        "{listed}"
    );

    // Imports: a report, a dry run's, a file rejected for a bad row, one not read at all.
    let imported = samples.import(
        &world,
        Who::Coordinator,
        "kind=sites&name=described-sites.csv",
        "id,kind,name,lon,lat,radius_m,notified_from,notified_to,notified_parties\n\
         site-imported,hospital,Imported Clinic,37.1893,36.2125,150,2016-09-05,,party-a\n",
        (200, "ImportReport"),
    );
    assert_eq!(imported["outcome"], "imported", "{imported}");
    assert_eq!(imported["inserted"], 1, "{imported}");
    let incidents = "id,kind,lon,lat,radius_m,start,end\n\
        inc-imported,airstrike,37.1894,36.2126,500,2016-09-28,2016-09-28\n";
    let dry = samples.import(
        &world,
        Who::Monitor,
        "dry_run=true&name=described-incidents.csv",
        incidents,
        (200, "ImportReport"),
    );
    assert_eq!(dry["outcome"], "would_be_imported", "{dry}");
    assert_eq!(dry["findings"], Value::Null, "{dry}");
    let imported = samples.import(
        &world,
        Who::Monitor,
        "kind=incidents&format=csv&name=described-incidents.csv",
        incidents,
        (200, "ImportReport"),
    );
    assert_eq!(imported["outcome"], "imported", "{imported}");
    let rejected = samples.import(
        &world,
        Who::Monitor,
        "kind=incidents&name=bad-incidents.csv",
        "id,kind,lon,lat,radius_m,start,end\ninc-bad,barrel_bomb,37.1703,95.5,0,2016-10-01,2016-10-03\n",
        (422, "ImportRefusal"),
    );
    assert_eq!(rejected["error"]["code"], "invalid", "{rejected}");
    assert_eq!(rejected["report"]["outcome"], "rejected", "{rejected}");
    assert_eq!(rejected["report"]["bad_rows"][0]["line"], 2, "{rejected}");
    let unreadable = samples.import(
        &world,
        Who::Admin,
        "format=geojson&name=broken.geojson",
        "this is not JSON",
        (422, "ImportRefusal"),
    );
    assert!(unreadable.get("report").is_none(), "{unreadable}");
    samples.import(
        &world,
        Who::Analyst,
        "name=any.csv",
        "id\n",
        (403, "ErrorBody"),
    );
    samples.import(
        &world,
        Who::Admin,
        "dry_run=perhaps",
        "id\n",
        (400, "ErrorBody"),
    );

    // Signing in: an account written as `vigil user add` writes it, beside the running server.
    {
        let mut store = world.server.open_db();
        let mut tx = store.transaction().unwrap();
        tx.put_account(&vigil_domain::Account {
            name: "described-analyst".into(),
            role: vigil_domain::Role::Analyst,
            party: None,
            password_hash: vigil_auth::hash_password("described password").unwrap(),
            created_at: chrono::Utc::now(),
            disabled_at: None,
        })
        .unwrap();
        tx.commit().unwrap();
    }
    let session = json!({"user": "described-analyst", "password": "described password"});
    samples.write(
        &world,
        Who::Public,
        "post",
        "/api/sessions",
        ("SignIn", session),
        201,
        "Session",
    );
    let wrong = json!({"user": "described-analyst", "password": "not the password"});
    samples.write(
        &world,
        Who::Public,
        "post",
        "/api/sessions",
        ("SignIn", wrong),
        401,
        "ErrorBody",
    );

    samples.get(&world, Who::Admin, "/api/audit", 200, "AuditList");

    // Errors, whatever their code.
    samples.get(&world, Who::Public, "/api/nothing-here", 404, "ErrorBody");
    samples.get(&world, Who::Public, "/api/sites?limit=0", 400, "ErrorBody");
    samples.write(
        &world,
        Who::Coordinator,
        "put",
        "/api/sites/site-broken",
        ("SiteInput", json!({"kind": "hospital", "name": "", "location": {"point": [37.0, 36.0], "precision": "exact", "radius_m": 0.0}, "sensitivity": "public"})),
        422,
        "ErrorBody",
    );
    let invalid = samples.0.last().unwrap().2.clone();
    assert!(invalid["error"]["fields"].is_array(), "{invalid}");
    let backwards = json!({
        "kind": "convoy",
        "name": "Backwards Convoy",
        "route": [[37.15, 36.2], [37.16, 36.21]],
        "corridor_width_m": 500.0,
        "window": {"start": "2016-09-21T12:00:00Z", "end": "2016-09-21T06:00:00Z", "precision": "exact"},
        "sensitivity": "public",
    });
    samples.write(
        &world,
        Who::Coordinator,
        "put",
        "/api/movements/convoy-backwards",
        ("MovementInput", backwards),
        422,
        "ErrorBody",
    );
    samples.get(
        &world,
        Who::Public,
        "/api/exports/sites?from=2016-09-01",
        400,
        "ErrorBody",
    );
    samples.get(&world, Who::Admin, "/api/exports/parties", 404, "ErrorBody");

    let dir = tempfile::tempdir().unwrap();
    let given = dir.path().join("given.json");
    let samples: Vec<Value> = samples
        .0
        .into_iter()
        .map(|(schema, what, value)| json!([schema, what, value]))
        .collect();
    std::fs::write(
        &given,
        json!({"document": document, "samples": samples}).to_string(),
    )
    .unwrap();
    let output = Command::new(&readers::tools().python)
        .args(["-c", VALIDATE])
        .arg(&given)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "the description or an answer does not validate:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    world.server.stop().unwrap();
}

#[test]
fn the_ogc_landing_page_links_the_description_and_claims_no_oas30() {
    let world = world();
    let landing = world.json(Who::Public, "/ogc");
    let service_desc: Vec<&Value> = landing["links"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["rel"] == "service-desc")
        .collect();
    assert_eq!(service_desc.len(), 1, "{landing}");
    assert_eq!(
        service_desc[0]["type"],
        "application/vnd.oai.openapi+json;version=3.1"
    );
    let href = service_desc[0]["href"].as_str().unwrap();
    assert_eq!(href, world.server.url("/openapi.json"));

    let conformance = world.json(Who::Public, "/ogc/conformance");
    let classes = conformance["conformsTo"].as_array().unwrap();
    assert!(
        classes
            .iter()
            .all(|c| !c.as_str().unwrap().contains("oas30")),
        "OpenAPI 3.1 is served, so OGC's OpenAPI 3.0 class is not claimed: {conformance}"
    );

    // GDAL's OGC API driver reads the definition where the link says (it did look for one at
    // /ogc/api, and printed "ERROR 1: HTTP error code : 404"), and takes it without a word.
    let output = Command::new(&readers::tools().ogrinfo)
        .args(["-ro", "-so", "-al", "--debug", "on"])
        .arg(format!("OAPIF:{}", world.server.url("/ogc")))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!("Fetch({})", world.server.url("/openapi.json"))),
        "GDAL did not read the definition:\n{stderr}"
    );
    assert!(!stderr.contains("ERROR"), "{stderr}");
    world.server.stop().unwrap();
}
