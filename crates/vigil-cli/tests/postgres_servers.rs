//! Two `vigil serve` processes over one PostgreSQL database, writing at once: no write is
//! lost, two edits of one record from the same version never both succeed, and the database
//! verifies afterwards. Runs on the PostgreSQL of `VIGIL_TEST_PG`, or the throw-away one
//! `scripts/postgres.sh` starts.

mod common;

use common::*;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use vigil_store_postgres::testing::TestDatabase;

/// A server process, stopped with SIGTERM when dropped.
struct Server {
    child: Child,
    url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}

fn serve(d: &Path, db: &str) -> Server {
    let mut child = command(d)
        .args(["--db", db, "--evidence-dir", "evidence"])
        .args(["serve", "--listen", "127.0.0.1:0"])
        .env("VIGIL_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    assert!(line.starts_with("Serving postgres://"), "{line}");
    let url = line.trim().rsplit(' ').next().unwrap().to_owned();
    Server { child, url }
}

fn site(name: &str) -> serde_json::Value {
    serde_json::json!({
        "kind": "clinic",
        "name": name,
        "location": { "point": [37.15, 36.2], "precision": "exact", "radius_m": 50.0 },
        "sensitivity": "public",
        "status": [{ "as_of": "2016-09-20", "status": "functional", "source": null, "note": null }]
    })
}

/// PUT a site; the status and the answer's ETag.
fn put(
    url: &str,
    token: &str,
    id: &str,
    body: &serde_json::Value,
    if_match: Option<&str>,
) -> (u16, Option<String>) {
    let mut request = ureq::put(&format!("{url}api/sites/{id}"))
        .header("Authorization", &format!("Bearer {token}"))
        .config()
        .http_status_as_error(false)
        .build();
    if let Some(etag) = if_match {
        request = request.header("If-Match", etag);
    }
    let answer = request.send_json(body).unwrap();
    let etag = answer
        .headers()
        .get("etag")
        .map(|v| v.to_str().unwrap().to_owned());
    (answer.status().as_u16(), etag)
}

/// A throw-away PostgreSQL database holding the demo, a scratch folder, and a coordinator's
/// token.
fn demo_with_coordinator() -> (TestDatabase, tempfile::TempDir, String) {
    let database = TestDatabase::create();
    let db = database.url();
    let dir = tempfile::tempdir().unwrap();
    vigil(dir.path(), &["--db", db, "demo"]).ok();
    let created = vigil(
        dir.path(),
        &["--db", db, "token", "create", "--role", "coordinator"],
    )
    .ok();
    let token = created.stdout.lines().last().unwrap().trim().to_owned();
    (database, dir, token)
}

#[test]
fn two_servers_writing_at_once_lose_nothing_and_never_both_win_one_edit() {
    let (database, dir, token) = demo_with_coordinator();
    let db = database.url().to_owned();
    let d = dir.path();
    let sites_before = vigil(d, &["--db", &db, "list", "sites"])
        .ok()
        .stdout
        .lines()
        .count();

    let servers = [serve(d, &db), serve(d, &db)];

    // 4 writers on each server, 20 new sites each, all at once.
    std::thread::scope(|scope| {
        for (s, server) in servers.iter().enumerate() {
            for w in 0..4 {
                let (url, token) = (&server.url, &token);
                scope.spawn(move || {
                    for n in 0..20 {
                        let id = format!("clinic-s{s}-w{w}-{n:02}");
                        let (status, _) = put(url, token, &id, &site(&id), None);
                        assert_eq!(status, 201, "{id}");
                    }
                });
            }
        }
    });
    let listed = vigil(d, &["--db", &db, "list", "sites"]).ok().stdout;
    assert_eq!(
        listed.lines().count(),
        sites_before + 160,
        "every site written through either server is stored:\n{listed}"
    );

    // The same edit sent to both servers at once, from the same version: one wins, the other
    // is told the record changed. Twenty times, so an unlucky interleaving would show.
    let (_, mut etag) = put(
        &servers[0].url,
        &token,
        "contested",
        &site("contested"),
        None,
    );
    for round in 0..20 {
        let current = etag.clone().expect("an ETag");
        let answers: Vec<(u16, Option<String>)> = std::thread::scope(|scope| {
            let handles: Vec<_> = servers
                .iter()
                .enumerate()
                .map(|(s, server)| {
                    let (url, token, current) = (&server.url, &token, &current);
                    scope.spawn(move || {
                        let body = site(&format!("contested, round {round}, server {s}"));
                        put(url, token, "contested", &body, Some(current))
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let statuses: Vec<u16> = answers.iter().map(|a| a.0).collect();
        let mut sorted = statuses.clone();
        sorted.sort();
        assert_eq!(sorted, [200, 412], "round {round}: {statuses:?}");
        etag = answers.into_iter().find(|a| a.0 == 200).unwrap().1;
    }
    let history = vigil(
        d,
        &[
            "--db",
            &db,
            "audit",
            "--record",
            "site/contested",
            "--format",
            "json",
            "--limit",
            "100",
        ],
    )
    .ok()
    .stdout;
    assert_eq!(
        history.lines().filter(|l| !l.trim().is_empty()).count(),
        21,
        "the insert and one update per round, nothing else:\n{history}"
    );

    drop(servers);
    let verified = vigil(d, &["--db", &db, "--evidence-dir", "evidence", "verify"]).ok();
    assert!(verified.stdout.contains("agree"), "{}", verified.stdout);
}

/// PostgreSQL restarted under a running server (here: every connection of the database ended
/// by the administrator): the requests that were using a dead connection fail, the server
/// opens new ones, and what follows works, without restarting Vigil.
#[test]
fn a_server_recovers_when_its_connections_are_cut() {
    let (database, dir, token) = demo_with_coordinator();
    let db = database.url().to_owned();
    let d = dir.path();
    let server = serve(d, &db);
    let read = || {
        ureq::get(&format!("{}api/sites", server.url))
            .header("Authorization", &format!("Bearer {token}"))
            .config()
            .http_status_as_error(false)
            .build()
            .call()
            .unwrap()
            .status()
            .as_u16()
    };
    assert_eq!(read(), 200);
    assert_eq!(
        put(&server.url, &token, "before-cut", &site("before"), None).0,
        201
    );

    let mut admin = postgres::Client::connect(&db, postgres::NoTls).unwrap();
    let cut: i64 = admin
        .query_one(
            "SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE datname = current_database() AND pid <> pg_backend_pid()) ended",
            &[],
        )
        .unwrap()
        .get(0);
    assert!(
        cut >= 2,
        "the server's writer and reader connections were ended ({cut})"
    );

    // Each dead connection fails at most the one request that finds it dead.
    let writes: Vec<u16> = (0..3)
        .map(|n| {
            let id = format!("after-cut-{n}");
            put(&server.url, &token, &id, &site(&id), None).0
        })
        .collect();
    assert_eq!(writes[1..], [201, 201], "writes work again: {writes:?}");
    let reads: Vec<u16> = (0..20).map(|_| read()).collect();
    assert!(
        reads[reads.len() - 4..].iter().all(|s| *s == 200),
        "reads work again: {reads:?}"
    );
    let listed = vigil(d, &["--db", &db, "list", "sites"]).ok().stdout;
    assert!(
        listed.contains("after-cut-2") && listed.contains("before-cut"),
        "{listed}"
    );
}
