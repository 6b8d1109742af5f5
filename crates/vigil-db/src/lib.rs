//! Opens a Vigil database by where it is, so the command line and the server need not know
//! which backend holds it.
//!
//! - [`Location`]: a SQLite file path, or a `postgres://` / `postgresql://` URL (what `--db`
//!   and `VIGIL_DB` take); shown with any password redacted;
//! - [`Database`]: an open database of either kind. It dereferences to
//!   [`vigil_store::Store`], so everything above the storage layer works on `&dyn Store`;
//!   the few things that differ by backend (creating, opening for reading, a read snapshot,
//!   the backend's own consistency check) are its methods;
//! - [`copy`]: a whole database copied into an empty one, audit and transparency logs
//!   included, between any two backends (`vigil migrate`);
//! - [`testing`] (feature `testing`): the database a test runs on, SQLite or PostgreSQL as
//!   `VIGIL_TEST_BACKEND` says, so other crates' tests run on both backends.
#![forbid(unsafe_code)]

pub mod copy;
mod location;
#[cfg(feature = "testing")]
pub mod testing;

pub use location::Location;

use std::ops::{Deref, DerefMut};
use vigil_store::{Store, StoreResult};
use vigil_store_postgres::PgStore;
use vigil_store_sqlite::SqliteStore;

/// An open Vigil database.
pub enum Database {
    Sqlite(SqliteStore),
    // Boxed: a PostgreSQL connection carries its own runtime and statement cache, three times
    // a SQLite connection's size, and databases are moved into pools.
    Postgres(Box<PgStore>),
}

impl Database {
    /// Opens the database, creating it (or its schema) if needed and bringing its schema up to
    /// date.
    pub fn open(location: &Location) -> StoreResult<Self> {
        match location {
            Location::Sqlite(path) => SqliteStore::open(path).map(Database::Sqlite),
            Location::Postgres(url) => {
                PgStore::connect(url).map(|s| Database::Postgres(Box::new(s)))
            }
        }
    }

    /// Opens a database that must exist already: a missing file is an error that says how to
    /// create one (its schema is still brought up to date).
    pub fn open_existing(location: &Location) -> StoreResult<Self> {
        match location {
            Location::Sqlite(path) => SqliteStore::open_existing(path).map(Database::Sqlite),
            // As a missing file: a database without Vigil's schema is not created here.
            Location::Postgres(url) => {
                PgStore::connect_existing_schema(url).map(|s| Database::Postgres(Box::new(s)))
            }
        }
    }

    /// A connection for reading only, beside one that writes (a server's readers); the schema
    /// must be this build's already.
    pub fn open_read_only(location: &Location) -> StoreResult<Self> {
        match location {
            Location::Sqlite(path) => SqliteStore::open_read_only(path).map(Database::Sqlite),
            Location::Postgres(url) => {
                PgStore::connect_existing(url).map(|s| Database::Postgres(Box::new(s)))
            }
        }
    }

    /// Runs `f` inside one read transaction: every read it makes sees the same committed
    /// state.
    pub fn snapshot<T>(&self, f: impl FnOnce(&dyn Store) -> T) -> StoreResult<T> {
        match self {
            Database::Sqlite(store) => store.snapshot(|s| f(s)),
            Database::Postgres(store) => store.snapshot(|s| f(s)),
        }
    }

    /// Runs `f` so that no other Vigil writer writes between the reads it makes and its
    /// writes: what a check of a record's version before writing it needs (an ETag's
    /// `If-Match`). On PostgreSQL, whose writers may be several processes, `f` holds the
    /// writers' advisory lock; a SQLite database has one writer per process, and the caller's
    /// own lock (the server's writer mutex) is enough.
    pub fn with_write_lock<T>(&mut self, f: impl FnOnce(&mut dyn Store) -> T) -> StoreResult<T> {
        match self {
            Database::Sqlite(store) => Ok(f(store)),
            Database::Postgres(store) => store.with_write_lock(|s| f(s)),
        }
    }

    /// The backend's own consistency check: `["ok"]` when sound, else what it found.
    pub fn integrity_check(&self) -> StoreResult<Vec<String>> {
        match self {
            Database::Sqlite(store) => store.integrity_check(),
            Database::Postgres(store) => store.integrity_check(),
        }
    }

    /// Which backend this is, for messages: `SQLite` or `PostgreSQL`.
    pub fn backend_name(&self) -> &'static str {
        match self {
            Database::Sqlite(_) => "SQLite",
            Database::Postgres(_) => "PostgreSQL",
        }
    }
}

impl Deref for Database {
    type Target = dyn Store;

    fn deref(&self) -> &Self::Target {
        match self {
            Database::Sqlite(store) => store,
            Database::Postgres(store) => store.as_ref(),
        }
    }
}

impl DerefMut for Database {
    fn deref_mut(&mut self) -> &mut Self::Target {
        match self {
            Database::Sqlite(store) => store,
            Database::Postgres(store) => store.as_mut(),
        }
    }
}
