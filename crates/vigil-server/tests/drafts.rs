//! What the web interface's forms read before they write, on the real server: the duplicate
//! candidates of an incident being built from reports (`POST /api/incidents/{id}/duplicates`),
//! found as the cross-check finds them and stored nowhere, and the parties' list
//! (`GET /api/parties`) the notification forms offer.

mod common;

use common::fixture::*;
use common::http::{get, send, Answer};
use serde_json::{json, Value};

fn preview(world: &World, who: Who, id: &str, body: &Value) -> Answer {
    send(
        &world.server,
        "POST",
        &format!("/api/incidents/{id}/duplicates"),
        world.token(who).as_deref(),
        &[("Content-Type", "application/json")],
        Some(&body.to_string()),
    )
}

/// A strike at the hospital's strike, the same morning, as another source tells it.
fn draft(reports: &[&str]) -> Value {
    json!({
        "kind": "airstrike",
        "when": {"start": "2016-09-28T05:00:00Z", "end": "2016-09-28T05:00:00Z", "precision": "exact"},
        "location": {"point": [37.1841, 36.2070], "precision": "100m", "radius_m": 100},
        "certainty": "probable",
        "reports": reports,
    })
}

fn others_of(answer: &Answer, id: &str) -> Vec<String> {
    answer.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            assert_eq!(f["kind"], "duplicate_candidate", "{f}");
            if f["incident"] == id {
                f["subject"]["id"].as_str().unwrap().to_owned()
            } else {
                assert_eq!(f["subject"]["id"], id, "{f}");
                f["incident"].as_str().unwrap().to_owned()
            }
        })
        .collect()
}

#[test]
fn a_draft_from_another_source_shows_the_stored_strike_as_a_candidate_and_stores_nothing() {
    let world = world();
    for id in ["inc-new", "aaa-new"] {
        // Built from the MSF report: no source in common with the witness's strike.
        let answer = preview(&world, Who::Monitor, id, &draft(&["report-inc-2"]));
        assert_eq!(answer.status, 200, "{}", answer.body);
        assert_eq!(others_of(&answer, id), ["inc-1"], "{}", answer.body);
        let first = &answer.body["items"][0];
        assert!(first["score"].as_f64().unwrap() > 0.5, "{first}");
        assert!(first["distance_m"].as_f64().unwrap() < 200.0, "{first}");
        assert!(answer.body["next"].is_null());
        // Nothing was written.
        let stored = get(
            &world.server,
            &format!("/api/incidents/{id}"),
            world.token(Who::Admin).as_deref(),
        );
        assert_eq!(stored.status, 404);
    }
    // The witness's own report again: one source's account is never its own duplicate.
    let same_source = preview(&world, Who::Admin, "inc-new", &draft(&["report-inc-1"]));
    assert_eq!(same_source.status, 200);
    assert_eq!(others_of(&same_source, "inc-new"), Vec::<String>::new());
    world.server.stop().unwrap();
}

#[test]
fn a_merge_is_previewed_as_the_stored_incident_with_its_new_reports() {
    let world = world();
    // inc-1 itself, sent back with another report: it is not its own candidate.
    let mut merged = draft(&["report-inc-1", "report-inc-2"]);
    merged["when"] = json!({"start": "2016-09-28T04:15:00Z", "end": "2016-09-28T04:15:00Z", "precision": "exact"});
    let answer = preview(&world, Who::Monitor, "inc-1", &merged);
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert!(!others_of(&answer, "inc-1").contains(&"inc-1".to_owned()));
    world.server.stop().unwrap();
}

#[test]
fn a_draft_the_domain_refuses_is_the_422_its_write_would_be() {
    let world = world();
    let mut bad = draft(&["report-inc-2"]);
    bad["location"] = json!({"point": [37.18, 36.2], "precision": "exact", "radius_m": -5});
    let answer = preview(&world, Who::Monitor, "inc-new", &bad);
    assert_eq!(
        (answer.status, answer.code()),
        (422, "invalid"),
        "{}",
        answer.body
    );
    assert!(!answer.body["error"]["fields"]
        .as_array()
        .unwrap()
        .is_empty());
    // Known only to an area: nothing to compare.
    let mut no_point = draft(&["report-inc-2"]);
    no_point["location"] = json!({"point": null, "precision": "governorate", "radius_m": 0});
    let answer = preview(&world, Who::Monitor, "inc-new", &no_point);
    if answer.status == 200 {
        assert_eq!(answer.body["items"], json!([]));
    } else {
        assert_eq!(answer.status, 422, "{}", answer.body);
    }
    world.server.stop().unwrap();
}

#[test]
fn only_monitors_and_admins_preview_drafts() {
    let world = world();
    for who in EVERYONE {
        let answer = preview(&world, who, "inc-new", &draft(&["report-inc-2"]));
        let writes = matches!(who, Who::Monitor | Who::Admin);
        if writes {
            assert_eq!(answer.status, 200, "{who:?}: {}", answer.body);
        } else {
            assert_eq!(
                (answer.status, answer.code()),
                (403, "forbidden"),
                "{who:?}: {}",
                answer.body
            );
            // The refusal names nothing of the stored incidents.
            assert!(
                !answer.body.to_string().contains("inc-1"),
                "{}",
                answer.body
            );
        }
    }
    world.server.stop().unwrap();
}

#[test]
fn staff_read_the_parties_list_page_by_page() {
    let world = world();
    for who in EVERYONE {
        let (status, body) = world.get(who, "/api/parties");
        if is_staff(who) {
            assert_eq!(status, 200, "{who:?}: {body}");
            let body: Value = serde_json::from_str(&body).unwrap();
            let ids: Vec<&str> = body["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["id"].as_str().unwrap())
                .collect();
            assert_eq!(ids, ["party-a", "party-b", "party-c"], "{body}");
            assert_eq!(body["items"][0]["kind"], "other");
        } else {
            assert_eq!(status, 403, "{who:?}: {body}");
        }
    }
    let first = world.json(Who::Coordinator, "/api/parties?limit=2");
    assert_eq!(first["items"].as_array().unwrap().len(), 2);
    let next = first["next"]["href"].as_str().unwrap();
    let second = world.json(Who::Coordinator, next);
    assert_eq!(second["items"][0]["id"], "party-c");
    assert!(second["next"].is_null());
    let (status, _) = world.get(Who::Coordinator, "/api/parties?colour=red");
    assert_eq!(status, 400);
    world.server.stop().unwrap();
}
