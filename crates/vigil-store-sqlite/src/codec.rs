//! Conversions between domain values and the column forms of the schema: the forms every
//! backend shares ([`vigil_store::columns`]), and SQLite's errors.

pub use vigil_store::columns::*;
use vigil_store::StoreError;

pub fn backend(e: rusqlite::Error) -> StoreError {
    StoreError::Backend(e.to_string())
}
