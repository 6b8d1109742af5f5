//! Vigil's embedded storage backend: one SQLite file.
//!
//! - [`SqliteStore::open`] creates or opens the file, turns on WAL and foreign keys, and
//!   applies the migrations in `migrations/` that the file lacks (its `user_version` is the
//!   number of migrations applied);
//! - `write` implements [`vigil_store::Transaction`] over one SQLite transaction, so an import
//!   or a command is all-or-nothing and a crash or kill leaves the file as it was before;
//! - `read` implements the reads of [`vigil_store::Store`];
//! - `search` answers [`vigil_store::Store::incidents_page`] through an R*Tree over the
//!   incidents' points and spans, choosing per query between it and a walk in id order;
//! - `findings` keeps the stored cross-check findings and the data version they follow;
//! - `access` reads and writes accounts and API tokens (digests and hashes only);
//! - `audit` appends and reads the audit log, one entry per record a write changed;
//! - `evidence` reads and writes evidence items, their incident links and custody log (the
//!   files themselves are kept by `vigil-evidence`);
//! - `codec` converts between domain values and column forms.
//!
//! Durability: `synchronous=FULL` in WAL mode, so a commit that returned survives power loss,
//! not only a process crash; the cost is one extra fsync per transaction, and Vigil writes in
//! few, large transactions.
#![forbid(unsafe_code)]

mod access;
mod audit;
mod codec;
mod evidence;
mod findings;
mod migrate;
mod read;
mod search;
mod translog;
mod write;

use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use vigil_store::{StoreError, StoreResult};

pub use migrate::SCHEMA_VERSION;

/// A Vigil database in one SQLite file.
pub struct SqliteStore {
    conn: Connection,
    path: PathBuf,
}

impl SqliteStore {
    /// Opens the database at `path`, creating it (and bringing its schema up to date) if needed.
    pub fn open(path: impl AsRef<Path>) -> StoreResult<Self> {
        let path = path.as_ref().to_path_buf();
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(&path, flags).map_err(|e| {
            StoreError::Backend(format!("cannot open database {}: {e}", path.display()))
        })?;
        configure(&conn).map_err(|e| {
            StoreError::Backend(format!("cannot use database {}: {e}", path.display()))
        })?;
        migrate::apply(&mut conn)?;
        Ok(Self { conn, path })
    }

    /// Opens an existing database without creating one; fails if the file does not exist.
    pub fn open_existing(path: impl AsRef<Path>) -> StoreResult<Self> {
        let path = path.as_ref();
        if !path.exists() {
            return Err(StoreError::Backend(format!(
                "no database at {} (create one with `vigil demo` or `vigil import`)",
                path.display()
            )));
        }
        Self::open(path)
    }

    /// Opens a second connection to the database at `path`, for reading only, beside the
    /// connection that writes (a server's readers). In WAL mode readers do not wait for the
    /// writer nor it for them, and each read sees every transaction committed before it began.
    /// The schema must already be this build's: a reader never migrates.
    pub fn open_read_only(path: impl AsRef<Path>) -> StoreResult<Self> {
        let path = path.as_ref().to_path_buf();
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let cannot = |e: rusqlite::Error| {
            StoreError::Backend(format!("cannot read database {}: {e}", path.display()))
        };
        let conn = Connection::open_with_flags(&path, flags).map_err(cannot)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(cannot)?;
        // A smaller cache than the writer's: there may be several readers, and the file's pages
        // are in the operating system's cache anyway.
        conn.pragma_update(None, "cache_size", -32_768)
            .map_err(cannot)?;
        let version: u32 = conn
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .map_err(cannot)?;
        if version != SCHEMA_VERSION {
            return Err(StoreError::Backend(format!(
                "database {} has schema version {version}, this Vigil reads {SCHEMA_VERSION}; \
                 open it for writing first, which brings it up to date",
                path.display()
            )));
        }
        Ok(Self { conn, path })
    }

    /// Runs `f` inside one read transaction, so that every read it makes sees the same
    /// committed state (a write committed meanwhile is seen by the next call, not half-way).
    pub fn snapshot<T>(&self, f: impl FnOnce(&Self) -> T) -> StoreResult<T> {
        let tx = self.conn.unchecked_transaction().map_err(codec::backend)?;
        let out = f(self);
        // Nothing was written: ending the transaction only lets go of the snapshot.
        tx.rollback().map_err(codec::backend)?;
        Ok(out)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs SQLite's own consistency check; returns its findings ("ok" when sound).
    pub fn integrity_check(&self) -> StoreResult<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare("PRAGMA integrity_check")
            .map_err(codec::backend)?;
        let rows = stmt
            .query_map([], |row| row.get::<_, String>(0))
            .map_err(codec::backend)?;
        let mut found: Vec<String> = rows.collect::<Result<_, _>>().map_err(codec::backend)?;
        let mut fk = self
            .conn
            .prepare("PRAGMA foreign_key_check")
            .map_err(codec::backend)?;
        let violations = fk
            .query_map([], |row| {
                Ok(format!(
                    "foreign key violation in {} row {}",
                    row.get::<_, String>(0)?,
                    row.get::<_, i64>(1)?
                ))
            })
            .map_err(codec::backend)?;
        for v in violations {
            found.push(v.map_err(codec::backend)?);
        }
        Ok(found)
    }
}

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Up to 256 MiB of page cache (allocated only as used): a large import touches the
    // primary-key B-trees at random, and pages that fit in the cache are not spilled to the
    // log before the transaction commits.
    conn.pragma_update(None, "cache_size", -262_144)?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    Ok(())
}
