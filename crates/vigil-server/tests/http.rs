//! The real server on 127.0.0.1 port 0, driven over HTTP.

use std::net::SocketAddr;
use tokio::sync::oneshot;
use vigil_domain::{ApiToken, Party, PartyId, PartyKind, Role};
use vigil_server::{app, serve, AppState, Config};
use vigil_store::{Existing, Store};
use vigil_store_sqlite::SqliteStore;

struct Running {
    address: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    done: Option<std::thread::JoinHandle<std::io::Result<()>>>,
    _dir: tempfile::TempDir,
}

impl Running {
    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    /// Stops the server and waits for it, as SIGTERM does for the binary.
    fn stop(mut self) -> std::io::Result<()> {
        let _ = self.stop.take().unwrap().send(());
        self.done.take().unwrap().join().unwrap()
    }
}

fn start() -> Running {
    start_with(|_| {})
}

/// Starts a server over a fresh database that `prepare` has written to.
fn start_with(prepare: impl FnOnce(&mut SqliteStore)) -> Running {
    let dir = tempfile::tempdir().unwrap();
    let mut store = SqliteStore::open(dir.path().join("vigil.db")).unwrap();
    prepare(&mut store);
    let config = Config::default();
    let (stop, stopped) = oneshot::channel::<()>();
    let (bound, address) = std::sync::mpsc::channel();
    let done = std::thread::spawn(move || {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
            bound.send(listener.local_addr()?).unwrap();
            serve(listener, app(AppState::new(store), &config), async {
                let _ = stopped.await;
            })
            .await
        })
    });
    Running {
        address: address.recv().unwrap(),
        stop: Some(stop),
        done: Some(done),
        _dir: dir,
    }
}

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

/// Stores a token of `role` (and `party`) and returns it, as `vigil token create` prints it.
fn token(store: &mut SqliteStore, role: Role, party: Option<&str>, revoked: bool) -> String {
    let (secret, digest) = vigil_auth::new_token();
    let now = chrono::Utc::now();
    let mut tx = store.transaction().unwrap();
    if let Some(party) = party {
        let party = Party {
            id: PartyId::new(party).unwrap(),
            name: party.to_owned(),
            kind: PartyKind::Other,
        };
        tx.put_party(&party, Existing::Keep).unwrap();
    }
    let token = ApiToken {
        id: vigil_auth::new_token_id(),
        label: None,
        role,
        party: party.map(|p| PartyId::new(p).unwrap()),
        account: None,
        token_sha256: digest,
        created_at: now,
        revoked_at: None,
    };
    tx.put_token(&token).unwrap();
    if revoked {
        assert!(tx.revoke_token(&token.id, now).unwrap());
    }
    tx.commit().unwrap();
    secret
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
