//! The real server on 127.0.0.1 port 0, driven over HTTP.

use std::net::SocketAddr;
use tokio::sync::oneshot;
use vigil_server::{app, serve, AppState, Config};
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
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path().join("vigil.db")).unwrap();
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
