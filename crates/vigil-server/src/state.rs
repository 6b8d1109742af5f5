//! What every request handler shares: the database, used on blocking threads (database calls
//! block; the async workers must not).
//!
//! One connection writes, behind a lock: SQLite lets one writer in at a time anyway, and on
//! PostgreSQL every Vigil writer takes one advisory lock (so the audit log's order is the
//! order of commits), so [`AppState::write`] queues this process's writes here rather than in
//! the database. Reads go to a pool of connections ([`AppState::read`]), opened as load needs
//! them and kept for the next request: they run beside each other and beside the writer, and
//! each read sees every transaction committed before it began, so a request that follows a
//! write reads what that write committed.

use crate::error::ApiError;
use std::sync::{Arc, Mutex};
use tokio::sync::Semaphore;
use vigil_db::{Database, Location};
use vigil_store::Store;

/// How many times a write the database abandoned for a concurrent one (a serialization
/// failure or a deadlock, both rolled back whole) is run again before the client is told.
const WRITE_ATTEMPTS: u32 = 4;

/// Read connections when the machine's parallelism cannot be told, and the most there are:
/// more connections than cores only add memory, since each read runs on a core until done.
const READERS_FALLBACK: usize = 2;
const READERS_MAX: usize = 16;

#[derive(Clone)]
pub struct AppState {
    writer: Arc<Writer>,
    readers: Arc<Readers>,
    /// Where evidence originals are read from; `None` for a PostgreSQL database whose
    /// configuration names no folder.
    evidence: Option<vigil_evidence::EvidenceDir>,
}

/// The connection that writes; `None` only while it is being dropped.
struct Writer(Mutex<Option<Database>>);

impl Drop for Writer {
    fn drop(&mut self) {
        if let Some(store) = lock(&self.0).take() {
            drop_off_runtime(store);
        }
    }
}

impl Drop for Readers {
    fn drop(&mut self) {
        drop_off_runtime(std::mem::take(&mut *lock(&self.idle)));
    }
}

/// Drops `value` (database connections) outside the async runtime: the state is dropped when
/// the server stops, on a runtime thread, and closing a PostgreSQL connection waits for the
/// server's answer, which a runtime thread may not do.
fn drop_off_runtime<T: Send + 'static>(value: T) {
    if tokio::runtime::Handle::try_current().is_ok() {
        let _ = std::thread::spawn(move || drop(value)).join();
    } else {
        drop(value);
    }
}

/// The read connections: a permit for each, and those idle. A request waits for a permit
/// (without holding a thread), then takes an idle connection or, while fewer than the permits
/// are open, opens one; so connections are opened as load needs them, and an error opening
/// one fails that request, not the server's start.
struct Readers {
    location: Location,
    idle: Mutex<Vec<Database>>,
    permits: Semaphore,
}

/// A read connection out of the pool; back in the pool when dropped, even if its user
/// panicked (every read is one transaction that has ended by then, or is rolled back).
struct Lent {
    store: Option<Database>,
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
/// write is one database transaction, rolled back if it did not commit).
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl AppState {
    /// The state over `store` (opened at `location`), which writes, and up to as many read
    /// connections to the same database as the machine has cores (at most 16).
    pub fn new(store: Database, location: Location) -> Self {
        let count = std::thread::available_parallelism()
            .map_or(READERS_FALLBACK, |n| n.get())
            .clamp(1, READERS_MAX);
        Self::with_readers(store, location, count)
    }

    /// The state over `store` with up to `count` read connections (at least one).
    pub fn with_readers(store: Database, location: Location, count: usize) -> Self {
        let count = count.max(1);
        Self {
            evidence: location
                .file()
                .map(vigil_evidence::EvidenceDir::beside_database),
            readers: Arc::new(Readers {
                location,
                idle: Mutex::new(Vec::with_capacity(count)),
                permits: Semaphore::new(count),
            }),
            writer: Arc::new(Writer(Mutex::new(Some(store)))),
        }
    }

    /// The state reading evidence originals from `dir` instead of the folder beside the
    /// database.
    pub fn with_evidence_dir(mut self, dir: impl Into<std::path::PathBuf>) -> Self {
        self.evidence = Some(vigil_evidence::EvidenceDir::at(dir));
        self
    }

    /// The evidence folder; an error for a PostgreSQL database without one configured.
    pub(crate) fn evidence(&self) -> Result<&vigil_evidence::EvidenceDir, ApiError> {
        self.evidence.as_ref().ok_or_else(|| {
            ApiError::internal(
                "no evidence folder: with a PostgreSQL database, set evidence_dir \
                 (VIGIL_EVIDENCE_DIR)",
            )
        })
    }

    /// Runs `f` with a read-only connection on a blocking thread, inside one read transaction
    /// (every read `f` makes sees the same committed state).
    pub async fn read<T: Send + 'static>(
        &self,
        f: impl FnOnce(&dyn Store) -> Result<T, ApiError> + Send + 'static,
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
                None => Database::open_read_only(&readers.location)?,
            };
            let mut lent = Lent {
                store: Some(store),
                readers,
            };
            let read = lent.store.as_ref().expect("lent until dropped").snapshot(f);
            if read.is_err() {
                // The snapshot itself failed (a PostgreSQL connection the server closed, say):
                // the connection is not put back, and the next request opens a new one.
                lent.store = None;
            }
            read?
        })
        .await
        .map_err(ApiError::internal)?;
        drop(permit);
        result
    }

    /// Runs `f` with the connection that writes, on a blocking thread; one at a time. A run
    /// the database abandoned because of a concurrent transaction (which it rolled back
    /// whole) is run again, a few times, before the client is told the database is busy.
    pub async fn write<T: Send + 'static>(
        &self,
        mut f: impl FnMut(&mut dyn Store) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let writer = Arc::clone(&self.writer);
        let readers = Arc::clone(&self.readers);
        tokio::task::spawn_blocking(move || {
            let mut guard = lock(&writer.0);
            let store = guard
                .as_mut()
                .expect("the writer is there until the state is dropped");
            // Under the writers' lock: what `f` reads (an ETag it checks) is still what is
            // stored when it writes, whichever server wrote last.
            let mut ran = None;
            let locked = store.with_write_lock(|store| {
                let mut attempt = 1;
                ran = Some(loop {
                    match f(store) {
                        Err(e) if e.code == "busy" && attempt < WRITE_ATTEMPTS => {
                            tracing::info!(
                                attempt,
                                "write abandoned by the database; running it again"
                            );
                            std::thread::sleep(std::time::Duration::from_millis(20 << attempt));
                            attempt += 1;
                        }
                        outcome => break outcome,
                    }
                });
            });
            if let Err(e) = locked {
                // Taking or giving back the lock failed: the connection is broken (a restarted
                // PostgreSQL, say). It is replaced, which also lets go of any lock it held; the
                // next write uses the new one.
                tracing::warn!(error = %e, "the writing connection failed; opening a new one");
                if let Ok(fresh) = Database::open_existing(&readers.location) {
                    *guard = Some(fresh);
                }
                // A write that ran has its own outcome (only giving the lock back failed);
                // one that did not run was not written.
                return ran.unwrap_or_else(|| Err(e.into()));
            }
            ran.expect("the write ran under the lock")
        })
        .await
        .map_err(ApiError::internal)?
    }
}
