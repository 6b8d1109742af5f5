//! The API description at `GET /openapi.json`, on the real server over the policy tests'
//! records (`common::fixture`):
//!
//! - it is OpenAPI 3.1, served to anyone, and byte for byte the committed snapshot
//!   `crates/vigil-server/openapi.json` (so a change to the API shows up in review);
//! - it describes every route the router serves, each of which answers (no fallback 404, no
//!   405) at every path and method the document names;
//! - `openapi-spec-validator` accepts it, and real answers (every role's lists, items,
//!   writes, errors, OGC documents), and the bodies written, match its schemas.
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

/// Every route the router serves, as `routes::router` declares it.
const SERVED: &[(&str, &str)] = &[
    ("get", "/openapi.json"),
    ("get", "/api/health"),
    ("get", "/api/whoami"),
    ("get", "/api/sites"),
    ("get", "/api/sites/{id}"),
    ("put", "/api/sites/{id}"),
    ("get", "/api/incidents"),
    ("get", "/api/incidents/{id}"),
    ("put", "/api/incidents/{id}"),
    ("put", "/api/reports/{id}"),
    ("get", "/api/notifications"),
    ("get", "/api/notifications/{id}"),
    ("put", "/api/notifications/{id}"),
    ("post", "/api/notifications/{id}/acknowledgements"),
    ("get", "/api/audit"),
    ("get", "/api/sitrep"),
    ("get", "/api/movements"),
    ("get", "/api/movements/{id}"),
    ("get", "/api/findings"),
    ("get", "/api/findings/{id}"),
    ("get", "/ogc"),
    ("get", "/ogc/"),
    ("get", "/ogc/conformance"),
    ("get", "/ogc/collections"),
    ("get", "/ogc/collections/{collection}"),
    ("get", "/ogc/collections/{collection}/items"),
    ("get", "/ogc/collections/{collection}/items/{feature}"),
];

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "patch", "head", "options", "trace",
];

fn snapshot_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("openapi.json")
}

struct Answer {
    status: u16,
    content_type: String,
    text: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }
}

fn send(
    server: &Running,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<&Value>,
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
    if body.is_some() {
        request = request.header("Content-Type", "application/json");
    }
    let text = body.map(Value::to_string).unwrap_or_default();
    let mut response = agent.run(request.body(text).unwrap()).unwrap();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    Answer {
        status: response.status().as_u16(),
        content_type,
        text: response.body_mut().read_to_string().unwrap(),
    }
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
fn every_route_is_described_and_every_described_operation_is_served() {
    let world = world();
    let (_, document) = fetch_document(&world);
    let served: BTreeSet<(String, String)> = SERVED
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    assert_eq!(
        described(&document),
        served,
        "the operations described are not the routes served"
    );

    // Each described operation, asked with made-up ids, reaches its handler: whatever it
    // answers, it is not the router's own "no endpoint" 404 nor a 405.
    let admin = world.token(Who::Admin).unwrap();
    for (method, path) in described(&document) {
        let concrete = path
            .replace("{id}", "no-such-record")
            .replace("{collection}", "sites")
            .replace("{feature}", "no-such-record");
        let body = (method != "get").then(|| json!({}));
        let answer = send(
            &world.server,
            &method,
            &concrete,
            Some(&admin),
            body.as_ref(),
        );
        let error = answer.json();
        let message = error["error"]["message"].as_str().unwrap_or_default();
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
    ) -> Value {
        self.add(input, format!("the body of {method} {path}"), body.clone());
        let token = world.token(who);
        let answer = send(&world.server, method, path, token.as_deref(), Some(&body));
        assert_eq!(
            answer.status, status,
            "{who:?} {method} {path}: {}",
            answer.text
        );
        let value = answer.json();
        self.add(output, format!("{who:?} {method} {path}"), value.clone());
        value
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
        } else {
            samples.get(&world, who, "/api/findings", 403, "ErrorBody");
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
