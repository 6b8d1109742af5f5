//! The writers' lock held across a read and the write it decides: a server checks a record's
//! ETag against what is stored, then writes. Each Vigil write transaction takes the advisory
//! lock [`crate::WRITER_LOCK`] itself, but only once it begins, after the check: two servers
//! could both check the same version, then write one after the other, and the second would
//! overwrite the first unseen. Holding the same lock at session level around the check and the
//! write closes that gap (a session that holds an advisory lock is granted it again, so the
//! transaction's own request inside does not wait).

use crate::{PgStore, WRITER_LOCK};
use vigil_store::StoreResult;

impl PgStore {
    /// Runs `f` while this connection holds the writers' lock, so no other Vigil writer, in
    /// this process or another, writes between the reads `f` makes and its writes. The lock
    /// is released when `f` returns or panics (and by PostgreSQL if the connection drops).
    pub fn with_write_lock<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> StoreResult<T> {
        self.with(|db| db.batch(&format!("SELECT pg_advisory_lock({WRITER_LOCK})")))?;
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(self)));
        let released =
            self.with(|db| db.batch(&format!("SELECT pg_advisory_unlock({WRITER_LOCK})")));
        match outcome {
            Ok(out) => released.map(|()| out),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    }
}
