//! The audit log (migration 0006): entries appended by the writes in `write`, and read back.
//!
//! An entry's `before` and `after` are the domain record's own JSON serialisation, except for
//! the records whose JSON would repeat a secret or a large immutable body (see [`Entry`]'s
//! constructors in `write`): accounts without their password hash, tokens without their
//! digest, reports with the SHA-256 of their content instead of the content.

use crate::codec::*;
use rusqlite::{params, Connection, Row};
use vigil_domain::{Actor, AuditAction, AuditEntry, Role, Timestamp};
pub(crate) use vigil_store::audit_form::{AccountEntry, Entry, ReportEntry, TokenEntry};
use vigil_store::{AuditQuery, StoreResult};

type Result<T> = StoreResult<T>;

/// Appends `entry`, made by `actor` at `at`, in the connection's open transaction.
pub(crate) fn append(conn: &Connection, actor: &Actor, at: &Timestamp, entry: Entry) -> Result<()> {
    let action = if entry.before.is_some() {
        AuditAction::Update
    } else {
        AuditAction::Insert
    };
    conn.prepare_cached(
        "INSERT INTO audit_log (at, actor, role, action, record_kind, record_id, before, after)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )
    .and_then(|mut stmt| {
        stmt.execute(params![
            instant(at),
            actor.name(),
            actor.role().map(|r| r.to_string()),
            action.as_str(),
            entry.kind,
            entry.id,
            entry.before,
            entry.after
        ])
    })
    .map_err(backend)?;
    Ok(())
}

/// Writes another database's entry as it was (`vigil migrate`): its own `seq`, time and actor.
/// An entry whose `seq` is not after every stored one is refused, so the order of the log,
/// which its transparency log signs, is kept.
pub(crate) fn restore(conn: &Connection, entry: &AuditEntry) -> Result<()> {
    let last: i64 = conn
        .query_row("SELECT coalesce(max(seq), 0) FROM audit_log", [], |r| {
            r.get(0)
        })
        .map_err(backend)?;
    let seq = i64::try_from(entry.seq).unwrap_or(i64::MAX);
    if seq <= last {
        return Err(vigil_store::StoreError::Conflict(format!(
            "audit entry {} comes after entry {last}: entries are restored in order",
            entry.seq
        )));
    }
    conn.prepare_cached(
        "INSERT INTO audit_log (seq, at, actor, role, action, record_kind, record_id, before,
             after)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )
    .and_then(|mut stmt| {
        stmt.execute(params![
            seq,
            instant(&entry.at),
            entry.actor.name(),
            entry.actor.role().map(|r| r.to_string()),
            entry.action.as_str(),
            entry.record_kind,
            entry.record_id,
            entry.before.as_ref().map(ToString::to_string),
            entry.after.to_string()
        ])
    })
    .map_err(backend)?;
    Ok(())
}

/// The entries `query` selects, oldest first.
pub(crate) fn read(conn: &Connection, query: &AuditQuery) -> Result<Vec<AuditEntry>> {
    let after = query.after_seq.map_or(0, |s| s as i64);
    let limit = query.limit.min(i64::MAX as usize) as i64;
    let mut stmt = conn
        .prepare_cached(
            "SELECT seq, at, actor, role, action, record_kind, record_id, before, after
             FROM audit_log
             WHERE seq > ?1 AND (?2 IS NULL OR record_kind = ?2)
               AND (?3 IS NULL OR record_id = ?3)
             ORDER BY seq LIMIT ?4",
        )
        .map_err(backend)?;
    let mut rows = stmt
        .query(params![after, query.record_kind, query.record_id, limit])
        .map_err(backend)?;
    let mut entries = Vec::new();
    while let Some(row) = rows.next().map_err(backend)? {
        entries.push(entry_row(row)?);
    }
    Ok(entries)
}

fn entry_row(row: &Row<'_>) -> Result<AuditEntry> {
    let get_text = |i: usize| -> Result<String> { row.get(i).map_err(backend) };
    let role: Option<String> = row.get(3).map_err(backend)?;
    let role = role
        .map(|r| parse::<Role>("audit_log.role", &r))
        .transpose()?;
    let before: Option<String> = row.get(7).map_err(backend)?;
    Ok(AuditEntry {
        seq: row.get::<_, i64>(0).map_err(backend)? as u64,
        at: parse_instant("audit_log.at", &get_text(1)?)?,
        actor: Actor::stored(get_text(2)?, role),
        action: parse("audit_log.action", &get_text(4)?)?,
        record_kind: get_text(5)?,
        record_id: get_text(6)?,
        before: before
            .map(|b| json_value("audit_log.before", &b))
            .transpose()?,
        after: json_value("audit_log.after", &get_text(8)?)?,
    })
}

fn json_value(column: &str, text: &str) -> Result<serde_json::Value> {
    serde_json::from_str(text).map_err(|e| corrupt(column, "<json>", e))
}
