//! The real server on 127.0.0.1 port 0, driven over HTTP.

mod common;

use common::{start, start_with, token, Running};
use vigil_domain::Role;

#[test]
fn health_answers_and_unknown_paths_get_a_json_404() {
    let server = start();
    let health: serde_json::Value = ureq::get(&server.url("/api/health"))
        .call()
        .unwrap()
        .body_mut()
        .read_json()
        .unwrap();
    assert_eq!(health["status"], "ok");
    assert!(health["data_version"].is_u64(), "{health}");

    let response = ureq::get(&server.url("/api/no-such-thing"))
        .config()
        .http_status_as_error(false)
        .build()
        .call()
        .unwrap();
    assert_eq!(response.status(), 404);
    let body: serde_json::Value = response.into_body().read_json().unwrap();
    assert_eq!(body["error"]["code"], "not_found");
    assert_eq!(
        body["error"]["message"],
        "no endpoint at /api/no-such-thing"
    );

    server.stop().unwrap();
}

#[test]
fn stopping_lets_the_server_return_cleanly() {
    let server = start();
    let url = server.url("/api/health");
    assert_eq!(ureq::get(&url).call().unwrap().status(), 200);
    let address = server.address;
    server.stop().unwrap();
    // Nothing listens any more.
    assert!(std::net::TcpStream::connect(address).is_err());
}

fn whoami(server: &Running, authorization: Option<&str>) -> (u16, serde_json::Value) {
    let mut request = ureq::get(&server.url("/api/whoami"))
        .config()
        .http_status_as_error(false)
        .build();
    if let Some(value) = authorization {
        request = request.header("Authorization", value);
    }
    let mut response = request.call().unwrap();
    (
        response.status().as_u16(),
        response.body_mut().read_json().unwrap(),
    )
}

#[test]
fn a_token_decides_who_a_request_is_and_a_bad_one_is_refused() {
    let mut tokens = Vec::new();
    let server = start_with(|store| {
        tokens.push(token(store, Role::Coordinator, None, false));
        tokens.push(token(store, Role::Liaison, Some("party-russia"), false));
        tokens.push(token(store, Role::Analyst, None, true));
    });
    let (coordinator, liaison, revoked) = (&tokens[0], &tokens[1], &tokens[2]);

    let (status, body) = whoami(&server, None);
    assert_eq!((status, body["role"].as_str()), (200, Some("public")));

    let (status, body) = whoami(&server, Some(&format!("Bearer {coordinator}")));
    assert_eq!((status, body["role"].as_str()), (200, Some("coordinator")));
    assert!(body["party"].is_null(), "{body}");

    let (status, body) = whoami(&server, Some(&format!("Bearer {liaison}")));
    assert_eq!(status, 200);
    assert_eq!(body["role"], "liaison");
    assert_eq!(body["party"], "party-russia");

    // Revoked, unknown, malformed, or not a bearer token: 401, never served as the public.
    let unknown = vigil_auth::new_token().0;
    for header in [
        format!("Bearer {revoked}"),
        format!("Bearer {unknown}"),
        "Bearer vigil_short".to_owned(),
        format!("Basic {coordinator}"),
    ] {
        let (status, body) = whoami(&server, Some(&header));
        assert_eq!(status, 401, "{header}: {body}");
        assert_eq!(body["error"]["code"], "unauthorized", "{header}");
    }
    server.stop().unwrap();
}

/// What the server reads is what was committed, by anyone, before the request: a token made
/// while the server runs works at once, one revoked stops at once, and a write still open
/// (an import half-way) neither shows nor holds the request up.
#[test]
fn requests_read_what_other_connections_committed_before_them() {
    let server = start();
    let mut cli = server.open_db();
    let analyst = token(&mut *cli, Role::Analyst, None, false);
    let header = format!("Bearer {analyst}");
    // Requests at once, so that several read connections serve them: each sees the token.
    let statuses = |header: &str| -> Vec<u16> {
        std::thread::scope(|scope| {
            let requests: Vec<_> = (0..8)
                .map(|_| scope.spawn(|| whoami(&server, Some(header)).0))
                .collect();
            requests.into_iter().map(|r| r.join().unwrap()).collect()
        })
    };
    assert_eq!(statuses(&header), [200; 8]);

    let health = || -> u64 {
        ureq::get(&server.url("/api/health"))
            .call()
            .unwrap()
            .body_mut()
            .read_json::<serde_json::Value>()
            .unwrap()["data_version"]
            .as_u64()
            .unwrap()
    };
    let before = health();
    let mut tx = cli.transaction().unwrap();
    let party = vigil_domain::Party {
        id: vigil_domain::PartyId::new("party-new").unwrap(),
        name: "New".into(),
        kind: vigil_domain::PartyKind::Other,
    };
    tx.put_party(&party, vigil_store::Existing::Keep).unwrap();
    assert_eq!(
        health(),
        before,
        "an open write is not seen, and does not block"
    );
    tx.commit().unwrap();
    assert!(
        health() > before,
        "a committed write is seen by the next request"
    );

    let id = cli.tokens().unwrap().last().unwrap().id.clone();
    let mut tx = cli.transaction().unwrap();
    tx.revoke_token(&id, chrono::Utc::now()).unwrap();
    tx.commit().unwrap();
    assert_eq!(statuses(&header), [401; 8], "revoked: refused at once");
    server.stop().unwrap();
}
