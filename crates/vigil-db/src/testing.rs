//! The database a test runs on, chosen by `VIGIL_TEST_BACKEND`: a SQLite file in a temporary
//! folder (unset or `sqlite`), or a fresh PostgreSQL database (`postgres`, on the server of
//! `VIGIL_TEST_PG` or `scripts/postgres.sh`), dropped when the test ends. This is how one test
//! runs on both backends: CI runs the suites once with each.

use crate::{Database, Location};
use std::path::{Path, PathBuf};
use vigil_store_postgres::testing::TestDatabase;

/// Which backend the tests run on, from `VIGIL_TEST_BACKEND`.
pub fn on_postgres() -> bool {
    match std::env::var("VIGIL_TEST_BACKEND").as_deref() {
        Ok("sqlite") | Err(_) => false,
        Ok("postgres") => true,
        Ok(other) => panic!("VIGIL_TEST_BACKEND={other}: expected sqlite or postgres"),
    }
}

/// A throw-away database, and a temporary folder for its evidence originals (and, on SQLite,
/// the database file itself). Both go when this is dropped.
pub struct TestDb {
    location: Location,
    evidence: PathBuf,
    /// The PostgreSQL database, dropped with this.
    _postgres: Option<TestDatabase>,
    _dir: tempfile::TempDir,
}

impl TestDb {
    /// A new, empty database on the test backend (not yet migrated: [`TestDb::open`] or
    /// whatever opens [`TestDb::location`] does that).
    pub fn create() -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let (location, postgres) = if on_postgres() {
            let database = TestDatabase::create();
            (
                Location::Postgres(database.url().to_owned()),
                Some(database),
            )
        } else {
            (Location::Sqlite(dir.path().join("vigil.db")), None)
        };
        // Named as SQLite's default folder beside `vigil.db` would be.
        let evidence = dir.path().join("vigil.evidence");
        Self {
            location,
            evidence,
            _postgres: postgres,
            _dir: dir,
        }
    }

    /// Where the database is, as `--db` would take it.
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// The folder for evidence originals.
    pub fn evidence_dir(&self) -> &Path {
        &self.evidence
    }

    /// Opens (and migrates) the database.
    pub fn open(&self) -> Database {
        Database::open(&self.location).expect("the test database opens")
    }
}
