//! What every request handler shares: the database, used on blocking threads (SQLite calls
//! block; the async workers must not).
//!
//! One connection writes, behind a lock: SQLite lets one writer in at a time anyway, and
//! [`AppState::write`] queues writes here rather than in SQLite's busy loop. Reads go to a small pool of read-only connections
//! ([`AppState::read`]): in WAL mode they run beside each other and beside the writer, and
//! each sees every transaction committed before it began, so a request that follows a write
//! reads what that write committed.

use crate::error::ApiError;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use tokio::sync::Semaphore;
use vigil_store_sqlite::SqliteStore;

/// Read connections when the machine's parallelism cannot be told, and the most there are:
/// more connections than cores only add memory, since each read runs on a core until done.
const READERS_FALLBACK: usize = 2;
const READERS_MAX: usize = 16;

#[derive(Clone)]
pub struct AppState {
    writer: Arc<Mutex<SqliteStore>>,
    readers: Arc<Readers>,
    /// Where evidence originals are read from.
    evidence: vigil_evidence::EvidenceDir,
}

/// The read connections: a permit for each, and those idle. A request waits for a permit
/// (without holding a thread), then takes an idle connection or, while fewer than the permits
/// are open, opens one; so connections are opened as load needs them, and an error opening
/// one fails that request, not the server's start.
struct Readers {
    path: PathBuf,
    idle: Mutex<Vec<SqliteStore>>,
    permits: Semaphore,
}

/// A read connection out of the pool; back in the pool when dropped, even if its user
/// panicked (every read is one transaction that has ended by then, or is rolled back).
struct Lent {
    store: Option<SqliteStore>,
    readers: Arc<Readers>,
}

impl Drop for Lent {
    fn drop(&mut self) {
        if let Some(store) = self.store.take() {
            lock(&self.readers.idle).push(store);
        }
    }
}

/// A lock whose holder panicked is still good: no write is ever half-done in memory (every
/// write is one SQLite transaction, rolled back if it did not commit).
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl AppState {
    /// The state over `store`, which writes, and up to as many read-only connections to the
    /// same file as the machine has cores (at most 16).
    pub fn new(store: SqliteStore) -> Self {
        let count = std::thread::available_parallelism()
            .map_or(READERS_FALLBACK, |n| n.get())
            .clamp(1, READERS_MAX);
        Self::with_readers(store, count)
    }

    /// The state over `store` with up to `count` read-only connections (at least one).
    pub fn with_readers(store: SqliteStore, count: usize) -> Self {
        let count = count.max(1);
        Self {
            evidence: vigil_evidence::EvidenceDir::beside_database(store.path()),
            readers: Arc::new(Readers {
                path: store.path().to_owned(),
                idle: Mutex::new(Vec::with_capacity(count)),
                permits: Semaphore::new(count),
            }),
            writer: Arc::new(Mutex::new(store)),
        }
    }

    /// The state reading evidence originals from `dir` instead of the folder beside the
    /// database.
    pub fn with_evidence_dir(mut self, dir: impl Into<std::path::PathBuf>) -> Self {
        self.evidence = vigil_evidence::EvidenceDir::at(dir);
        self
    }

    pub(crate) fn evidence(&self) -> &vigil_evidence::EvidenceDir {
        &self.evidence
    }

    /// Runs `f` with a read-only connection on a blocking thread, inside one read transaction
    /// (every read `f` makes sees the same committed state).
    pub async fn read<T: Send + 'static>(
        &self,
        f: impl FnOnce(&SqliteStore) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let permit = self
            .readers
            .permits
            .acquire()
            .await
            .map_err(ApiError::internal)?;
        let readers = Arc::clone(&self.readers);
        let result = tokio::task::spawn_blocking(move || {
            let idle = lock(&readers.idle).pop();
            let store = match idle {
                Some(store) => store,
                None => SqliteStore::open_read_only(&readers.path)?,
            };
            let lent = Lent {
                store: Some(store),
                readers,
            };
            lent.store
                .as_ref()
                .expect("lent until dropped")
                .snapshot(f)?
        })
        .await
        .map_err(ApiError::internal)?;
        drop(permit);
        result
    }

    /// Runs `f` with the connection that writes, on a blocking thread; one at a time.
    pub async fn write<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut SqliteStore) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let store = Arc::clone(&self.writer);
        tokio::task::spawn_blocking(move || f(&mut lock(&store)))
            .await
            .map_err(ApiError::internal)?
    }
}
