//! Signing in and out on the real server: `POST /api/sessions` trades an account's name and
//! password for a session token that acts with the account's role, `DELETE
//! /api/sessions/current` revokes it; wrong names and passwords are told apart by nothing;
//! an old session stops working; every token written is in the audit log, without a secret.

mod common;

use chrono::{Duration, Utc};
use common::http::{get, send, Answer};
use common::{start_with, token, Running};
use serde_json::json;
use vigil_domain::{Account, ApiToken, Party, PartyId, PartyKind, Role};
use vigil_store::{Existing, Store};

const PASSWORD: &str = "correct horse battery";

fn account(store: &mut dyn Store, name: &str, role: Role, party: Option<&str>) {
    let mut tx = store.transaction().unwrap();
    if let Some(party) = party {
        let party = Party {
            id: PartyId::new(party).unwrap(),
            name: party.to_owned(),
            kind: PartyKind::State,
        };
        tx.put_party(&party, Existing::Keep).unwrap();
    }
    tx.put_account(&Account {
        name: name.to_owned(),
        role,
        party: party.map(|p| PartyId::new(p).unwrap()),
        password_hash: vigil_auth::hash_password(PASSWORD).unwrap(),
        created_at: Utc::now(),
        disabled_at: None,
    })
    .unwrap();
    tx.commit().unwrap();
}

fn sign_in(server: &Running, user: &str, password: &str) -> Answer {
    send(
        server,
        "POST",
        "/api/sessions",
        None,
        &[("Content-Type", "application/json")],
        Some(&json!({"user": user, "password": password}).to_string()),
    )
}

#[test]
fn an_account_signs_in_acts_with_its_role_and_signs_out() {
    let mut admin = String::new();
    let server = start_with(|store| {
        account(store, "leila", Role::Liaison, Some("party-a"));
        admin = token(store, Role::Admin, None, false);
    });

    let session = sign_in(&server, "leila", PASSWORD);
    assert_eq!(session.status, 201, "{}", session.body);
    let secret = session.body["token"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("vigil_"), "{}", session.body);
    assert_eq!(session.body["role"], "liaison");
    assert_eq!(session.body["party"], "party-a");
    assert_eq!(session.body["account"], "leila");
    let expires: chrono::DateTime<Utc> =
        serde_json::from_value(session.body["expires_at"].clone()).unwrap();
    let left = expires - Utc::now();
    assert!(
        left > Duration::hours(11) && left <= Duration::hours(12),
        "{left}"
    );

    let me = get(&server, "/api/whoami", Some(&secret));
    assert_eq!(
        me.body,
        json!({"role": "liaison", "party": "party-a", "account": "leila"})
    );

    // The token's making is audited under the account, with no secret in the entry.
    let audit = get(&server, "/api/audit?record=token", Some(&admin));
    assert_eq!(audit.status, 200, "{}", audit.body);
    let entries = audit.body["items"].as_array().unwrap();
    let made = entries
        .iter()
        .find(|e| e["record_id"] == session.body["id"])
        .unwrap_or_else(|| panic!("no entry for the session token: {}", audit.body));
    assert_eq!(made["actor"]["name"], "leila", "{made}");
    let text = audit.body.to_string();
    assert!(
        !text.contains(&secret) && !text.contains(PASSWORD),
        "{text}"
    );

    // No body: `common::http::send` reads every answer as JSON.
    let out = ureq::delete(&server.url("/api/sessions/current"))
        .header("Authorization", &format!("Bearer {secret}"))
        .call()
        .unwrap();
    assert_eq!(out.status(), 204);
    let after = get(&server, "/api/whoami", Some(&secret));
    assert_eq!(after.status, 401, "{}", after.body);
    server.stop().unwrap();
}

#[test]
fn a_wrong_password_and_an_unknown_user_get_the_same_refusal() {
    let server = start_with(|store| account(store, "omar", Role::Monitor, None));
    let wrong_password = sign_in(&server, "omar", "not the password");
    let unknown_user = sign_in(&server, "nobody", PASSWORD);
    for refused in [&wrong_password, &unknown_user] {
        assert_eq!(refused.status, 401, "{}", refused.body);
        assert_eq!(refused.code(), "unauthorized");
    }
    assert_eq!(wrong_password.body, unknown_user.body);

    let missing = send(
        &server,
        "POST",
        "/api/sessions",
        None,
        &[("Content-Type", "application/json")],
        Some(r#"{"user": "omar"}"#),
    );
    assert_eq!(missing.status, 400, "{}", missing.body);
    assert_eq!(missing.code(), "bad_body");
    server.stop().unwrap();
}

#[test]
fn a_session_stops_working_after_twelve_hours() {
    let (secret, digest) = vigil_auth::new_token();
    let server = start_with(|store| {
        account(store, "sami", Role::Analyst, None);
        let mut tx = store.transaction().unwrap();
        tx.put_token(&ApiToken {
            id: vigil_auth::new_token_id(),
            label: Some("session (signed in)".into()),
            role: Role::Analyst,
            party: None,
            account: Some("sami".into()),
            token_sha256: digest,
            created_at: Utc::now() - Duration::hours(12) - Duration::minutes(1),
            revoked_at: None,
            expires_at: Some(Utc::now() - Duration::minutes(1)),
        })
        .unwrap();
        tx.commit().unwrap();
    });
    let answer = get(&server, "/api/whoami", Some(&secret));
    assert_eq!(answer.status, 401, "{}", answer.body);
    assert!(
        answer.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("expired"),
        "{}",
        answer.body
    );
    server.stop().unwrap();
}

#[test]
fn signing_out_does_not_revoke_an_api_token_nor_work_for_the_public() {
    let mut api_token = String::new();
    let server = start_with(|store| api_token = token(store, Role::Analyst, None, false));
    let refused = send(
        &server,
        "DELETE",
        "/api/sessions/current",
        Some(&api_token),
        &[],
        None,
    );
    assert_eq!(refused.status, 404, "{}", refused.body);
    assert_eq!(get(&server, "/api/whoami", Some(&api_token)).status, 200);
    let public = send(&server, "DELETE", "/api/sessions/current", None, &[], None);
    assert_eq!(public.status, 404, "{}", public.body);
    server.stop().unwrap();
}

/// Sends a sign-in and returns its status, `Retry-After` and error code.
fn sign_in_raw(server: &Running, user: &str, password: &str) -> (u16, Option<u64>, String) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut response = agent
        .post(&server.url("/api/sessions"))
        .header("Content-Type", "application/json")
        .send(json!({"user": user, "password": password}).to_string())
        .unwrap();
    let retry = response
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap().parse().unwrap());
    let body: serde_json::Value =
        serde_json::from_str(&response.body_mut().read_to_string().unwrap()).unwrap();
    let code = body["error"]["code"].as_str().unwrap_or("").to_owned();
    (response.status().as_u16(), retry, code)
}

#[test]
fn repeated_failures_for_a_name_are_throttled_with_retry_after() {
    let server = start_with(|store| {
        account(store, "omar", Role::Monitor, None);
        account(store, "leila", Role::Analyst, None);
    });
    for _ in 0..5 {
        assert_eq!(sign_in_raw(&server, "omar", "guess").0, 401);
    }
    // The sixth is refused before the password is looked at: the right one too.
    for password in ["guess", PASSWORD] {
        let (status, retry, code) = sign_in_raw(&server, "omar", password);
        assert_eq!((status, code.as_str()), (429, "too_many_requests"));
        let retry = retry.expect("a 429 says when to come back");
        assert!(retry > 14 * 60 && retry <= 15 * 60, "{retry}");
    }
    // Another account from the same address is not held up by omar's count.
    assert_eq!(sign_in_raw(&server, "leila", PASSWORD).0, 201);
    server.stop().unwrap();
}

#[test]
fn repeated_failures_from_one_address_are_throttled_whatever_the_names() {
    let server = start_with(|store| account(store, "omar", Role::Monitor, None));
    // Twenty names, one failure each: no name reaches its own limit.
    for i in 0..20 {
        assert_eq!(sign_in_raw(&server, &format!("guess-{i}"), "guess").0, 401);
    }
    let (status, retry, _) = sign_in_raw(&server, "omar", PASSWORD);
    assert_eq!(status, 429);
    assert!(retry.is_some());
    server.stop().unwrap();
}

#[test]
fn a_success_clears_the_names_count() {
    let server = start_with(|store| account(store, "omar", Role::Monitor, None));
    for _ in 0..4 {
        assert_eq!(sign_in_raw(&server, "omar", "guess").0, 401);
    }
    assert_eq!(sign_in_raw(&server, "omar", PASSWORD).0, 201);
    for _ in 0..4 {
        assert_eq!(sign_in_raw(&server, "omar", "guess").0, 401);
    }
    assert_eq!(sign_in_raw(&server, "omar", PASSWORD).0, 201);
    server.stop().unwrap();
}
