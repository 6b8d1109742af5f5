//! Throw-away databases for tests (feature `testing`): [`TestDatabase::create`] makes a fresh
//! database with PostGIS on the test server and drops it again when the value is dropped.
//!
//! The server is `VIGIL_TEST_PG` (a URL whose role may create databases and the postgis
//! extension) if set, else the one the workspace's `scripts/postgres.sh` starts (installing
//! PostgreSQL and PostGIS if needed). Never point `VIGIL_TEST_PG` at a server with real data:
//! the databases made here are dropped with `WITH (FORCE)`.

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

/// A fresh database, dropped (its connections closed) when this is dropped.
pub struct TestDatabase {
    /// The server's URL with the database's name put in.
    url: String,
    /// The server's URL as given (its maintenance database), to drop this one from.
    server: String,
    name: String,
}

impl TestDatabase {
    /// Creates a database named `vigil_test_<pid>_<counter>_<nanos>` with the postgis
    /// extension. Panics (fails the test) with the reason if there is no server to use.
    pub fn create() -> TestDatabase {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let server = server_url();
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let name = format!(
            "vigil_test_{}_{}_{nanos}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        );
        let mut admin = postgres::Client::connect(&server, postgres::NoTls)
            .unwrap_or_else(|e| panic!("cannot connect to the test server: {e}"));
        admin
            .batch_execute(&format!("CREATE DATABASE \"{name}\""))
            .unwrap_or_else(|e| panic!("cannot create test database {name}: {e}"));
        let url = with_database(&server, &name);
        let mut client = postgres::Client::connect(&url, postgres::NoTls)
            .unwrap_or_else(|e| panic!("cannot connect to test database {name}: {e}"));
        client
            .batch_execute("SET client_min_messages = warning; CREATE EXTENSION postgis")
            .unwrap_or_else(|e| panic!("cannot create postgis in {name}: {e}"));
        TestDatabase { url, server, name }
    }

    /// The database's URL, for [`crate::PgStore::connect`].
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The database's name.
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Ok(mut admin) = postgres::Client::connect(&self.server, postgres::NoTls) {
            let _ = admin.batch_execute(&format!(
                "DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)",
                self.name
            ));
        }
    }
}

/// The test server's URL: `VIGIL_TEST_PG`, else what `scripts/postgres.sh` prints (asked once
/// per test process).
pub fn server_url() -> String {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| {
        if let Ok(url) = std::env::var("VIGIL_TEST_PG") {
            if !url.trim().is_empty() {
                return url.trim().to_owned();
            }
        }
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/postgres.sh");
        let output = Command::new("bash")
            .arg(&script)
            .arg("start")
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", script.display()));
        let stdout = String::from_utf8_lossy(&output.stdout);
        match (
            output.status.success(),
            stdout.lines().rev().find(|l| !l.trim().is_empty()),
        ) {
            (true, Some(url)) => url.trim().to_owned(),
            _ => panic!(
                "no PostgreSQL for the tests: set VIGIL_TEST_PG to a server URL (whose role may \
                 create databases and the postgis extension), or make {} work; it exited with {} \
                 and said:\n{}",
                script.display(),
                output.status,
                String::from_utf8_lossy(&output.stderr)
            ),
        }
    })
    .clone()
}

/// `url` with its database name replaced: `postgres://user@host:port/db?params` or the
/// `key=value` form.
fn with_database(url: &str, name: &str) -> String {
    if let Some((scheme, rest)) = url.split_once("://") {
        let (main, query) = match rest.split_once('?') {
            Some((main, query)) => (main, Some(query)),
            None => (rest, None),
        };
        let authority = main.split('/').next().unwrap_or(main);
        let mut out = format!("{scheme}://{authority}/{name}");
        if let Some(query) = query {
            out.push('?');
            out.push_str(query);
        }
        out
    } else {
        let kept: Vec<&str> = url
            .split_whitespace()
            .filter(|kv| !kv.starts_with("dbname="))
            .collect();
        format!("{} dbname={name}", kept.join(" "))
    }
}
