//! Schema migrations, applied in order on open; `user_version` counts those applied.

use crate::codec::backend;
use rusqlite::{Connection, OptionalExtension};
use vigil_store::{StoreError, StoreResult};

const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_initial",
        include_str!("../migrations/0001_initial.sql"),
    ),
    (
        "0002_findings",
        include_str!("../migrations/0002_findings.sql"),
    ),
    (
        "0003_incidents_without_point",
        include_str!("../migrations/0003_incidents_without_point.sql"),
    ),
    (
        "0004_reports_with_rowid",
        include_str!("../migrations/0004_reports_with_rowid.sql"),
    ),
    (
        "0005_accounts",
        include_str!("../migrations/0005_accounts.sql"),
    ),
    (
        "0006_audit_log",
        include_str!("../migrations/0006_audit_log.sql"),
    ),
    (
        "0007_incident_search",
        include_str!("../migrations/0007_incident_search.sql"),
    ),
    (
        "0008_evidence",
        include_str!("../migrations/0008_evidence.sql"),
    ),
    (
        "0009_transparency_log",
        include_str!("../migrations/0009_transparency_log.sql"),
    ),
    (
        "0010_log_head",
        include_str!("../migrations/0010_log_head.sql"),
    ),
    (
        "0011_token_expiry",
        include_str!("../migrations/0011_token_expiry.sql"),
    ),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

pub fn apply(conn: &mut Connection) -> StoreResult<()> {
    let current: u32 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(backend)?;
    if current > SCHEMA_VERSION {
        return Err(StoreError::Backend(format!(
            "the database has schema version {current}, newer than this Vigil knows \
             ({SCHEMA_VERSION}); use a newer Vigil"
        )));
    }
    if current == SCHEMA_VERSION {
        return Ok(());
    }
    // A migration that rebuilds a table drops the old one, which foreign-key enforcement would
    // refuse (or cascade); SQLite's documented procedure turns enforcement off outside the
    // transaction and checks every key before committing instead. The pragma is a no-op inside
    // a transaction, hence here.
    let enforced: bool = conn
        .pragma_query_value(None, "foreign_keys", |row| row.get(0))
        .map_err(backend)?;
    conn.pragma_update(None, "foreign_keys", "OFF")
        .map_err(backend)?;
    let applied = apply_each(conn, current);
    if enforced {
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(backend)?;
    }
    applied
}

fn apply_each(conn: &mut Connection, current: u32) -> StoreResult<()> {
    for (index, (name, sql)) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction().map_err(backend)?;
        tx.execute_batch(sql)
            .map_err(|e| StoreError::Backend(format!("migration {name} failed: {e}")))?;
        let broken: Option<String> = tx
            .query_row(
                "SELECT \"table\" FROM pragma_foreign_key_check LIMIT 1",
                [],
                |row| row.get(0),
            )
            .optional()
            .map_err(backend)?;
        if let Some(table) = broken {
            return Err(StoreError::Backend(format!(
                "migration {name} would leave a broken foreign key in table {table}; \
                 nothing was changed"
            )));
        }
        tx.pragma_update(None, "user_version", index as u32 + 1)
            .map_err(backend)?;
        tx.commit().map_err(backend)?;
    }
    Ok(())
}
