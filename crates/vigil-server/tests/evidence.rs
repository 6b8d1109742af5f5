//! `GET /api/evidence/{sha256}` and `/content` on the real server: who reads an item's
//! description and who its original, that a witness's name reaches only those who may know
//! it, and that every read of an original is in the item's custody log before it is sent.

mod common;

use common::add_evidence;
use common::fixture::*;
use sha2::{Digest, Sha256};

const PHOTO: &[u8] = b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00 the entrance of the hospital";
const WITNESS_NAME: &str = "Samir Photographer";

fn custody_kinds(world: &World, sha: &str) -> Vec<String> {
    world.json(Who::Admin, &format!("/api/evidence/{sha}"))["custody"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn staff_read_the_description_and_only_monitors_and_admins_learn_who_captured_it() {
    let world = world();
    let sha = add_evidence(
        &world.server,
        PHOTO,
        Some("inc-1"),
        Some(WITNESS_NAME),
        Some(WITNESS_SOURCE_ID),
    )
    .to_string();
    let path = format!("/api/evidence/{sha}");
    for who in EVERYONE {
        let (status, body) = world.get(who, &path);
        if !is_staff(who) {
            assert_eq!(status, 403, "{who:?}: {body}");
            assert!(!body.contains(WITNESS_NAME), "{who:?}: {body}");
            continue;
        }
        assert_eq!(status, 200, "{who:?}: {body}");
        let item: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(item["media_type"], "image/jpeg");
        assert_eq!(item["incidents"][0], "inc-1");
        assert_eq!(item["custody"][0]["kind"], "acquisition");
        for secret in [WITNESS_NAME, WITNESS_SOURCE_ID] {
            assert_eq!(body.contains(secret), sees_sources(who), "{who:?}: {body}");
        }
    }
    let (status, _) = world.get(Who::Analyst, &format!("/api/evidence/{}", "0".repeat(64)));
    assert_eq!(status, 404);
    let (status, _) = world.get(Who::Analyst, "/api/evidence/not-a-hash");
    assert_eq!(status, 404);
}

#[test]
fn an_original_is_sent_byte_for_byte_to_a_monitor_and_the_access_is_logged_first() {
    let world = world();
    let sha = add_evidence(&world.server, PHOTO, Some("inc-1"), None, None).to_string();
    let path = format!("/api/evidence/{sha}/content");

    for who in [
        Who::Analyst,
        Who::Coordinator,
        Who::LiaisonNotified,
        Who::Public,
    ] {
        let (status, body) = world.get(who, &path);
        assert_eq!(status, 403, "{who:?}: {body}");
    }
    assert_eq!(
        custody_kinds(&world, &sha),
        ["acquisition"],
        "a refusal is no access"
    );

    let mut request = ureq::get(&world.server.url(&path));
    request = request.header(
        "Authorization",
        &format!("Bearer {}", world.token(Who::Monitor).unwrap()),
    );
    let mut response = request.call().unwrap();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    };
    assert_eq!(header("content-type"), "image/jpeg");
    assert!(header("content-disposition").contains(&sha));
    let digest = {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(PHOTO))
    };
    assert_eq!(header("repr-digest"), format!("sha-256=:{digest}:"));
    let body = response.body_mut().read_to_vec().unwrap();
    assert_eq!(body, PHOTO);
    assert_eq!(custody_kinds(&world, &sha), ["acquisition", "access"]);
}

#[test]
fn an_original_missing_from_the_folder_is_a_404_not_an_empty_file() {
    let world = world();
    let sha = add_evidence(&world.server, PHOTO, None, None, None);
    let file = world.server.evidence_dir().path_of(&sha);
    std::fs::remove_file(file).unwrap();
    let (status, body) = world.get(Who::Monitor, &format!("/api/evidence/{sha}/content"));
    assert_eq!(status, 404, "{body}");
    assert!(
        body.contains("has no file in the evidence folder"),
        "{body}"
    );
}
