//! `GET /api/incidents/{id}/dossier` on the real server: who may read a dossier, that a role
//! that may not know who the sources are reads them numbered (the raw answer searched, so a
//! leak through any field is caught), the printable page, and that a write made through the
//! API is proven in the next dossier once the server has checkpointed the log behind it.

mod common;

use common::fixture::*;
use common::http::put_json;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

const DOSSIER: &str = "/api/incidents/inc-1/dossier";

#[test]
fn staff_read_the_dossier_liaisons_and_the_public_are_refused() {
    let world = world();
    for who in EVERYONE {
        let (status, body) = world.get(who, DOSSIER);
        if is_staff(who) {
            assert_eq!(status, 200, "{who:?}: {body}");
            let d: Value = serde_json::from_str(&body).unwrap();
            assert_eq!(d["incident"]["id"], "inc-1");
            assert_eq!(d["incident"]["description"], DESCRIPTION);
            // The strike names the restricted hospital, notified to party-a.
            let hospital = d["targets"]
                .as_array()
                .unwrap()
                .iter()
                .find(|t| t["id"] == RESTRICTED_SITE_ID)
                .expect("the hospital is a target");
            assert_eq!(hospital["name"], RESTRICTED_SITE_NAME);
            assert_eq!(hospital["notifications"][0]["parties"][0]["id"], "party-a");
        } else {
            assert_eq!(status, 403, "{who:?}: {body}");
            for secret in [
                RESTRICTED_SITE_NAME,
                DESCRIPTION,
                WITNESS_SOURCE_ID,
                "inc-1\"",
            ] {
                assert!(!body.contains(secret), "{who:?} learns '{secret}': {body}");
            }
        }
    }
    let (status, body) = world.get(Who::Analyst, "/api/incidents/inc-none/dossier");
    assert_eq!(status, 404, "{body}");
}

#[test]
fn sources_and_witnesses_are_named_for_monitors_and_admins_only() {
    let world = world();
    for who in EVERYONE.into_iter().filter(|w| is_staff(*w)) {
        let (_, body) = world.get(who, DOSSIER);
        for secret in [WITNESS_SOURCE_ID, WITNESS_TITLE, STATEMENT_SOURCE_ID] {
            assert_eq!(
                body.contains(secret),
                sees_sources(who),
                "{who:?} and '{secret}': {body}"
            );
        }
        let d: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(d["source_identities"], sees_sources(who), "{who:?}");
        if !sees_sources(who) {
            let labels: Vec<&str> = d["sources"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["label"].as_str().unwrap())
                .collect();
            assert!(
                labels.iter().all(|l| l.starts_with("source ")),
                "{labels:?}"
            );
            assert_eq!(d["statements"][0]["summary"], STATEMENT_SUMMARY);
        }
    }
}

#[test]
fn the_printable_page_is_served_as_html() {
    let world = world();
    let (status, content_type, page) =
        world.get_with_type(Who::Analyst, &format!("{DOSSIER}?format=html"));
    assert_eq!(status, 200, "{page}");
    assert_eq!(content_type, "text/html; charset=utf-8");
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains(RESTRICTED_SITE_NAME));
    assert!(!page.contains(WITNESS_TITLE));
    let (status, body) = world.get(Who::Analyst, &format!("{DOSSIER}?format=pdf"));
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("bad_parameter"));
}

#[test]
fn a_statement_written_through_the_api_is_proven_once_the_server_checkpoints_it() {
    let world = world();
    let monitor = world.token(Who::Monitor);
    let statement = json!({
        "incident": "inc-1",
        "party": "party-a",
        "kind": "denial",
        "made_on": "2016-09-29",
        "summary": "The party denied the strike.",
        "source": WITNESS_SOURCE_ID,
    });
    let written = put_json(
        &world.server,
        "/api/statements/stmt-denial",
        monitor.as_deref(),
        &[("If-None-Match", "*")],
        &statement,
    );
    assert_eq!(written.status, 201, "{:?}", written.body);

    // The checkpoint is signed in the background after the write; wait for it.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let d = world.json(Who::Analyst, DOSSIER);
        let record = d["integrity"]["records"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["record"] == "statement/stmt-denial")
            .cloned()
            .expect("the new statement is in the dossier");
        if record["status"] == "proven" {
            let size = d["integrity"]["tree_size"].as_u64().unwrap();
            assert_eq!(record["proof"]["tree_size"].as_u64(), Some(size));
            assert!(d["integrity"]["checkpoint"]
                .as_str()
                .unwrap()
                .contains(&format!("\n{size}\n")));
            break;
        }
        assert_eq!(record["status"], "not_yet_checkpointed", "{record}");
        assert!(
            Instant::now() < deadline,
            "no checkpoint covered the write within 30 s"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}
