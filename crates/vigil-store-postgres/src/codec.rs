//! Conversions between domain values and the column forms of the schema.

pub use vigil_store::columns::*;
use vigil_store::StoreError;

/// A PostgreSQL error as a [`StoreError`]: a serialization failure or a deadlock is
/// [`StoreError::Retry`] (the whole transaction may be run again), a unique violation a
/// [`StoreError::Conflict`], anything else [`StoreError::Backend`].
///
/// The message is the server's own (severity, SQLSTATE and text) without its DETAIL, which can
/// quote the values of the row concerned (a password hash, a token digest): those never go into
/// an error that may be logged or shown. The connection URL is never part of it.
pub fn backend(e: postgres::Error) -> StoreError {
    use postgres::error::SqlState;
    let Some(db) = e.as_db_error() else {
        return StoreError::Backend(e.to_string());
    };
    let text = format!(
        "{}: {} (SQLSTATE {})",
        db.severity(),
        db.message(),
        db.code().code()
    );
    let code = db.code();
    if *code == SqlState::T_R_SERIALIZATION_FAILURE || *code == SqlState::T_R_DEADLOCK_DETECTED {
        StoreError::Retry(text)
    } else if *code == SqlState::UNIQUE_VIOLATION {
        StoreError::Conflict(text)
    } else if *code == SqlState::CHARACTER_NOT_IN_REPERTOIRE {
        // Rust strings are valid UTF-8, so this is the one character TEXT cannot hold.
        StoreError::Backend(format!(
            "{text}: PostgreSQL cannot store the NUL character in text; remove it from the record"
        ))
    } else {
        StoreError::Backend(text)
    }
}

/// Whether PostgreSQL's TEXT can hold `text`: everything but the NUL character. A name or id
/// asked for that holds one cannot be stored, so the answer is "none" rather than an error
/// (SQLite's answer too), and a search cursor is cut at it (see `search`).
pub fn storable(text: &str) -> bool {
    !text.contains('\0')
}

/// A count or size as the BIGINT column stores it.
pub fn big(n: u64) -> Result<i64, StoreError> {
    i64::try_from(n).map_err(|_| StoreError::Backend(format!("{n} is too large to store")))
}

/// A BIGINT column read back into a `u32` field.
pub fn small(column: &str, n: i64) -> Result<u32, StoreError> {
    u32::try_from(n).map_err(|e| corrupt(column, &n.to_string(), e))
}

/// A BIGINT column read back into a `u64` field.
pub fn unsigned(column: &str, n: i64) -> Result<u64, StoreError> {
    u64::try_from(n).map_err(|e| corrupt(column, &n.to_string(), e))
}

#[cfg(all(test, feature = "testing"))]
mod tests {
    use super::backend;
    use crate::testing::TestDatabase;
    use postgres::{Client, NoTls};
    use vigil_store::StoreError;

    fn two_clients(db: &TestDatabase) -> (Client, Client) {
        let mut a = Client::connect(db.url(), NoTls).unwrap();
        a.batch_execute(
            "CREATE TABLE t (id int PRIMARY KEY, n int); INSERT INTO t VALUES (1, 0), (2, 0)",
        )
        .unwrap();
        (a, Client::connect(db.url(), NoTls).unwrap())
    }

    #[test]
    fn a_serialization_failure_is_worth_retrying() {
        let db = TestDatabase::create();
        let (mut a, mut b) = two_clients(&db);
        a.batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT * FROM t")
            .unwrap();
        b.batch_execute("UPDATE t SET n = 1 WHERE id = 1").unwrap();
        let err = a
            .batch_execute("UPDATE t SET n = 2 WHERE id = 1")
            .unwrap_err();
        let err = backend(err);
        assert!(matches!(err, StoreError::Retry(_)), "{err}");
        assert!(err.is_retryable());
    }

    #[test]
    fn a_deadlock_is_worth_retrying() {
        let db = TestDatabase::create();
        let (mut a, mut b) = two_clients(&db);
        a.batch_execute("BEGIN; UPDATE t SET n = 1 WHERE id = 1")
            .unwrap();
        b.batch_execute("BEGIN; UPDATE t SET n = 1 WHERE id = 2")
            .unwrap();
        let waiting = std::thread::spawn(move || {
            let result = b.batch_execute("UPDATE t SET n = 2 WHERE id = 1");
            (b, result)
        });
        std::thread::sleep(std::time::Duration::from_millis(300));
        // One of the two is chosen as the victim (after deadlock_timeout, 1 s by default).
        let mine = a.batch_execute("UPDATE t SET n = 2 WHERE id = 2");
        if mine.is_ok() {
            a.batch_execute("ROLLBACK").unwrap();
        }
        let (_b, theirs) = waiting.join().unwrap();
        let err = mine.err().or(theirs.err()).expect("one side is refused");
        let err = backend(err);
        assert!(matches!(err, StoreError::Retry(_)), "{err}");
    }

    #[test]
    fn a_unique_violation_is_a_conflict_and_its_detail_is_not_repeated() {
        let db = TestDatabase::create();
        let (mut a, _) = two_clients(&db);
        let err = a
            .batch_execute("INSERT INTO t VALUES (1, 424242)")
            .unwrap_err();
        let err = backend(err);
        assert!(matches!(err, StoreError::Conflict(_)), "{err}");
        assert!(!err.to_string().contains("(id)=(1)"), "{err}");
    }
}
