//! The harness shared by the integration tests: the real server on 127.0.0.1 port 0 over a
//! fresh database, and tokens as `vigil token create` makes them.
//!
//! The database is a SQLite file in a temporary folder, or, when `VIGIL_TEST_BACKEND` is
//! `postgres`, a fresh PostgreSQL database of its own (`vigil_db::testing`): the same tests run
//! on both backends.
#![allow(dead_code)] // each test file uses part of it

pub mod fixture;
pub mod http;

use std::net::SocketAddr;
use tokio::sync::oneshot;
use vigil_db::testing::TestDb;
use vigil_db::Database;
use vigil_domain::{ApiToken, Party, PartyId, PartyKind, Role};
use vigil_server::{app, serve, AppState, Config};
use vigil_store::{Existing, Store};

pub struct Running {
    pub address: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    done: Option<std::thread::JoinHandle<std::io::Result<()>>>,
    db: TestDb,
}

impl Running {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    /// Another connection to the database the server serves, to write to it as the command
    /// line does while the server runs.
    pub fn open_db(&self) -> Database {
        Database::open_existing(self.db.location()).unwrap()
    }

    /// The folder the server reads evidence originals from.
    pub fn evidence_dir(&self) -> vigil_evidence::EvidenceDir {
        vigil_evidence::EvidenceDir::at(self.db.evidence_dir())
    }

    /// Stops the server and waits for it, as SIGTERM does for the binary.
    pub fn stop(mut self) -> std::io::Result<()> {
        let _ = self.stop.take().unwrap().send(());
        self.done.take().unwrap().join().unwrap()
    }
}

pub fn start() -> Running {
    start_with(|_| {})
}

/// Starts a server over a fresh database that `prepare` has written to.
pub fn start_with(prepare: impl FnOnce(&mut dyn Store)) -> Running {
    start_configured(Config::default(), prepare)
}

/// Starts a server with `config` over a fresh database that `prepare` has written to.
pub fn start_configured(mut config: Config, prepare: impl FnOnce(&mut dyn Store)) -> Running {
    let db = TestDb::create();
    let mut store = Database::open(db.location()).unwrap();
    prepare(&mut *store);
    config
        .evidence_dir
        .get_or_insert_with(|| db.evidence_dir().to_owned());
    let location = db.location().clone();
    let (stop, stopped) = oneshot::channel::<()>();
    let (bound, address) = std::sync::mpsc::channel();
    let done = std::thread::spawn(move || {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
            bound.send(listener.local_addr()?).unwrap();
            serve(
                listener,
                app(AppState::new(store, location), &config),
                async {
                    let _ = stopped.await;
                },
            )
            .await
        })
    });
    Running {
        address: address.recv().unwrap(),
        stop: Some(stop),
        done: Some(done),
        db,
    }
}

/// Stores a token of `role` (and `party`) and returns it, as `vigil token create` prints it.
pub fn token(store: &mut dyn Store, role: Role, party: Option<&str>, revoked: bool) -> String {
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
        expires_at: None,
    };
    tx.put_token(&token).unwrap();
    if revoked {
        assert!(tx.revoke_token(&token.id, now).unwrap());
    }
    tx.commit().unwrap();
    secret
}

/// An evidence file as `vigil evidence add` stores one: the bytes in the folder beside the
/// server's database, the item and its acquisition in the database (through a second
/// connection, as the command line would while the server runs). Returns the SHA-256.
pub fn add_evidence(
    server: &Running,
    bytes: &[u8],
    incident: Option<&str>,
    captured_by: Option<&str>,
    source: Option<&str>,
) -> vigil_domain::Sha256 {
    use vigil_domain::{CustodyEvent, CustodyKind, EvidenceItem, IncidentId, SourceId};
    let folder = server.evidence_dir();
    let added = folder
        .add_from(&mut &bytes[..], std::path::Path::new("upload"), &mut |_| {})
        .unwrap();
    let now = chrono::SubsecRound::trunc_subsecs(chrono::Utc::now(), 0);
    let mut store = server.open_db();
    let mut tx = store.transaction().unwrap();
    tx.put_evidence(&EvidenceItem {
        sha256: added.sha256,
        size: added.size,
        media_type: added.media_type.to_owned(),
        captured_at: None,
        captured_by: captured_by.map(str::to_owned),
        acquired_from: source.map(|s| SourceId::new(s).unwrap()),
        incidents: incident
            .map(|i| vec![IncidentId::new(i).unwrap()])
            .unwrap_or_default(),
        redacted_from: None,
        added_at: now,
    })
    .unwrap();
    tx.record_custody(&CustodyEvent {
        item: added.sha256,
        kind: CustodyKind::Acquisition,
        actor: "local:tester".into(),
        at: now,
        note: None,
    })
    .unwrap();
    tx.commit().unwrap();
    added.sha256
}
