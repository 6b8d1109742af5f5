//! What every request handler shares: the store, behind a lock, used on blocking threads
//! (SQLite calls block; the async workers must not).

use crate::error::ApiError;
use std::sync::{Arc, Mutex};
use vigil_store_sqlite::SqliteStore;

#[derive(Clone)]
pub struct AppState {
    store: Arc<Mutex<SqliteStore>>,
}

impl AppState {
    pub fn new(store: SqliteStore) -> Self {
        Self {
            store: Arc::new(Mutex::new(store)),
        }
    }

    /// Runs `f` with the store on a blocking thread.
    pub async fn with_store<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut SqliteStore) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let store = Arc::clone(&self.store);
        tokio::task::spawn_blocking(move || {
            // A handler that panicked while holding the lock left no half-done write behind
            // (every write is one transaction), so the store is still usable.
            let mut guard = store
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            f(&mut guard)
        })
        .await
        .map_err(ApiError::internal)?
    }
}
