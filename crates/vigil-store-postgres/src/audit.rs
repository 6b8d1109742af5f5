//! The audit log: entries appended by the writes in `write`, and read back.
//!
//! An entry's `before` and `after` are the domain record's own JSON serialisation, except for
//! the records whose JSON would repeat a secret or a large immutable body (see [`Entry`]'s
//! constructors in `write`): accounts without their password hash, tokens without their
//! digest, reports with the SHA-256 of their content instead of the content. The same
//! serialisation as the SQLite backend's, so both store the same text.

use crate::codec::*;
use crate::db::{g, Db};
use postgres::Row;
use vigil_domain::{Actor, AuditAction, AuditEntry, Role, Timestamp};
pub(crate) use vigil_store::audit_form::{AccountEntry, Entry, ReportEntry, TokenEntry};
use vigil_store::{AuditQuery, StoreResult};

type Result<T> = StoreResult<T>;

/// Appends `entry`, made by `actor` at `at`, in the connection's open transaction. Its `seq`
/// comes from the table's identity sequence when it is written: entries wait in
/// [`Db`] and go to the table together ([`copy_in`]), in the order they were appended.
pub(crate) fn append(db: &mut Db<'_>, actor: &Actor, at: &Timestamp, entry: Entry) -> Result<()> {
    let action = if entry.before.is_some() {
        AuditAction::Update
    } else {
        AuditAction::Insert
    };
    db.append_audit(PendingEntry {
        at: instant(at),
        actor: actor.name().to_owned(),
        role: actor.role().map(|r| r.to_string()),
        action: action.as_str(),
        kind: entry.kind,
        id: entry.id.to_owned(),
        before: entry.before,
        after: entry.after,
    })
}

/// An audit entry appended by a transaction and not yet written: the columns of its row.
pub(crate) struct PendingEntry {
    at: String,
    actor: String,
    role: Option<String>,
    action: &'static str,
    kind: &'static str,
    id: String,
    before: Option<String>,
    after: String,
}

/// Writes `entries` to `audit_log` with one `COPY` (binary), in their order, so their `seq`s
/// follow that order. A row at a time, an import's two entries per incident were two of its
/// five statements, each a round trip to the server.
pub(crate) fn copy_in(client: &mut postgres::Client, entries: &[PendingEntry]) -> Result<()> {
    use postgres::binary_copy::BinaryCopyInWriter;
    use postgres::types::Type;
    let sink = client
        .copy_in(
            "COPY audit_log (at, actor, role, action, record_kind, record_id, before, after) \
             FROM STDIN (FORMAT binary)",
        )
        .map_err(backend)?;
    let mut writer = BinaryCopyInWriter::new(sink, &[Type::TEXT; 8]);
    for e in entries {
        writer
            .write(&[
                &e.at, &e.actor, &e.role, &e.action, &e.kind, &e.id, &e.before, &e.after,
            ])
            .map_err(backend)?;
    }
    writer.finish().map_err(backend)?;
    Ok(())
}

/// The largest `seq` stored (0: none).
pub(crate) fn last_seq(db: &mut Db<'_>) -> Result<i64> {
    g(
        &db.one("SELECT coalesce(max(seq), 0)::bigint FROM audit_log", &[])?,
        0,
    )
}

/// Writes another database's entry as it was (`vigil migrate`): its own `seq`, time and actor.
/// An entry whose `seq` is not after every stored one is refused, so the order of the log,
/// which its transparency log signs, is kept.
pub(crate) fn restore(db: &mut Db<'_>, entry: &AuditEntry) -> Result<()> {
    let last = last_seq(db)?;
    let seq = i64::try_from(entry.seq).unwrap_or(i64::MAX);
    if seq <= last {
        return Err(vigil_store::StoreError::Conflict(format!(
            "audit entry {} comes after entry {last}: entries are restored in order",
            entry.seq
        )));
    }
    db.exec(
        "INSERT INTO audit_log (seq, at, actor, role, action, record_kind, record_id, before,
             after)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        &[
            &seq,
            &instant(&entry.at),
            &entry.actor.name(),
            &entry.actor.role().map(|r| r.to_string()),
            &entry.action.as_str(),
            &entry.record_kind,
            &entry.record_id,
            &entry.before.as_ref().map(ToString::to_string),
            &entry.after.to_string(),
        ],
    )?;
    Ok(())
}

/// Moves the identity sequence of `audit_log.seq` to the largest stored `seq`, so the next
/// entry appended follows the last one restored. (A sequence is not transactional: if the
/// restoring transaction rolls back, the sequence stays where this put it, which is harmless:
/// only an empty log is restored into, and the primary key refuses a `seq` twice.)
pub(crate) fn follow_restored(db: &mut Db<'_>) -> Result<()> {
    db.query(
        "SELECT setval(pg_get_serial_sequence('vigil.audit_log', 'seq'),
                       coalesce(max(seq), 1), max(seq) IS NOT NULL)
         FROM audit_log",
        &[],
    )?;
    Ok(())
}

/// The entries `query` selects, oldest first.
pub(crate) fn read(db: &mut Db<'_>, query: &AuditQuery) -> Result<Vec<AuditEntry>> {
    let filters = [&query.record_kind, &query.record_id];
    if filters
        .iter()
        .any(|f| f.as_deref().is_some_and(|f| !storable(f)))
    {
        return Ok(Vec::new());
    }
    let after = query
        .after_seq
        .map_or(0, |s| i64::try_from(s).unwrap_or(i64::MAX));
    let limit = query.limit.min(i64::MAX as usize) as i64;
    let rows = db.query(
        "SELECT seq, at, actor, role, action, record_kind, record_id, before, after
         FROM audit_log
         WHERE seq > $1 AND ($2::text IS NULL OR record_kind = $2)
           AND ($3::text IS NULL OR record_id = $3)
         ORDER BY seq LIMIT $4",
        &[&after, &query.record_kind, &query.record_id, &limit],
    )?;
    rows.iter().map(entry_row).collect()
}

fn entry_row(row: &Row) -> Result<AuditEntry> {
    let get_text = |i: usize| -> Result<String> { g(row, i) };
    let role: Option<String> = g(row, 3)?;
    let role = role
        .map(|r| parse::<Role>("audit_log.role", &r))
        .transpose()?;
    let before: Option<String> = g(row, 7)?;
    Ok(AuditEntry {
        seq: unsigned("audit_log.seq", g(row, 0)?)?,
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
