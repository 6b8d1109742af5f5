//! The database a test server runs on: a SQLite file in a temporary folder by default, or a
//! fresh PostgreSQL database when `VIGIL_TEST_BACKEND=postgres` (dropped when the test ends).
//! Evidence originals go to a temporary folder either way.

use std::path::{Path, PathBuf};
use vigil_db::Location;

pub struct TestDb {
    location: Location,
    evidence: PathBuf,
    _dir: tempfile::TempDir,
}

impl TestDb {
    pub fn create() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let location = match std::env::var("VIGIL_TEST_BACKEND").as_deref() {
            Ok("sqlite") | Err(_) => Location::Sqlite(dir.path().join("vigil.db")),
            Ok(other) => panic!("VIGIL_TEST_BACKEND={other}: expected sqlite or postgres"),
        };
        // Named as SQLite's default folder beside `vigil.db` would be.
        let evidence = dir.path().join("vigil.evidence");
        Self {
            location,
            evidence,
            _dir: dir,
        }
    }

    pub fn location(&self) -> &Location {
        &self.location
    }

    /// The evidence folder the server is configured with.
    pub fn evidence_dir(&self) -> &Path {
        &self.evidence
    }
}
