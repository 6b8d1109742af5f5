//! Evidence items, their incident links and custody log (migration 0008): the rows written by
//! the transaction's `put_evidence`, `link_evidence` and `record_custody`, and read back.
//!
//! The audit entry of an item is `vigil_domain::AuditedEvidence`: the item without
//! `captured_by`, which is a witness's identity and must not spread to a log that more people
//! read.

use crate::codec::*;
use crate::read::collect;
use rusqlite::{params, Connection, OptionalExtension, Row};
use vigil_domain::{CustodyEvent, EvidenceItem, IncidentId, Sha256, SourceId};
use vigil_store::StoreResult;

type Result<T> = StoreResult<T>;

const ITEM_COLUMNS: &str = "sha256, size, media_type, captured_at, captured_by, acquired_from, \
                            redacted_from, added_at";

fn item_row(row: &Row<'_>) -> Result<EvidenceItem> {
    let text = |i: usize| -> Result<String> { row.get(i).map_err(backend) };
    let opt = |i: usize| -> Result<Option<String>> { row.get(i).map_err(backend) };
    Ok(EvidenceItem {
        sha256: parse("evidence.sha256", &text(0)?)?,
        size: row.get::<_, i64>(1).map_err(backend)? as u64,
        media_type: text(2)?,
        captured_at: opt_instant("evidence.captured_at", opt(3)?)?,
        captured_by: opt(4)?,
        acquired_from: opt_parse::<SourceId>("evidence.acquired_from", opt(5)?)?,
        incidents: Vec::new(),
        redacted_from: opt_parse::<Sha256>("evidence.redacted_from", opt(6)?)?,
        added_at: parse_instant("evidence.added_at", &text(7)?)?,
    })
}

fn with_incidents(conn: &Connection, mut item: EvidenceItem) -> Result<EvidenceItem> {
    item.incidents = incidents_of(conn, &item.sha256)?;
    Ok(item)
}

fn incidents_of(conn: &Connection, sha256: &Sha256) -> Result<Vec<IncidentId>> {
    collect(
        conn,
        "SELECT incident_id FROM evidence_incidents WHERE sha256 = ?1 ORDER BY incident_id",
        [sha256.to_string()],
        |row| {
            parse(
                "evidence_incidents.incident_id",
                &row.get::<_, String>(0).map_err(backend)?,
            )
        },
    )
}

pub fn item(conn: &Connection, sha256: &Sha256) -> Result<Option<EvidenceItem>> {
    let sql = format!("SELECT {ITEM_COLUMNS} FROM evidence WHERE sha256 = ?1");
    let found = conn
        .prepare_cached(&sql)
        .and_then(|mut stmt| {
            stmt.query_row([sha256.to_string()], |row| Ok(item_row(row)))
                .optional()
        })
        .map_err(backend)?
        .transpose()?;
    found.map(|item| with_incidents(conn, item)).transpose()
}

pub fn items(conn: &Connection) -> Result<Vec<EvidenceItem>> {
    let sql = format!("SELECT {ITEM_COLUMNS} FROM evidence ORDER BY sha256");
    collect(conn, &sql, [], item_row)?
        .into_iter()
        .map(|item| with_incidents(conn, item))
        .collect()
}

pub fn items_of_incident(conn: &Connection, id: &IncidentId) -> Result<Vec<EvidenceItem>> {
    let sql = format!(
        "SELECT {ITEM_COLUMNS} FROM evidence
         WHERE sha256 IN (SELECT sha256 FROM evidence_incidents WHERE incident_id = ?1)
         ORDER BY sha256"
    );
    collect(conn, &sql, [id.as_str()], item_row)?
        .into_iter()
        .map(|item| with_incidents(conn, item))
        .collect()
}

pub fn custody_of(conn: &Connection, sha256: &Sha256) -> Result<Vec<CustodyEvent>> {
    collect(
        conn,
        "SELECT sha256, kind, actor, at, note FROM custody_events WHERE sha256 = ?1 ORDER BY seq",
        [sha256.to_string()],
        |row| {
            let text = |i: usize| -> Result<String> { row.get(i).map_err(backend) };
            Ok(CustodyEvent {
                item: parse("custody_events.sha256", &text(0)?)?,
                kind: parse("custody_events.kind", &text(1)?)?,
                actor: text(2)?,
                at: parse_instant("custody_events.at", &text(3)?)?,
                note: row.get(4).map_err(backend)?,
            })
        },
    )
}

/// Inserts a new item's row (not its links).
pub fn insert_item(conn: &Connection, item: &EvidenceItem) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO evidence (sha256, size, media_type, captured_at, captured_by, acquired_from,
             redacted_from, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )
    .and_then(|mut stmt| {
        stmt.execute(params![
            item.sha256.to_string(),
            item.size as i64,
            item.media_type,
            item.captured_at.as_ref().map(instant),
            item.captured_by,
            item.acquired_from.as_ref().map(SourceId::as_str),
            item.redacted_from.map(|d| d.to_string()),
            instant(&item.added_at)
        ])
    })
    .map_err(backend)?;
    Ok(())
}

/// Links an item to an incident; `false` if it already was.
pub fn link(conn: &Connection, sha256: &Sha256, incident: &IncidentId) -> Result<bool> {
    let added = conn
        .prepare_cached(
            "INSERT INTO evidence_incidents (sha256, incident_id) VALUES (?1, ?2)
             ON CONFLICT DO NOTHING",
        )
        .and_then(|mut stmt| stmt.execute(params![sha256.to_string(), incident.as_str()]))
        .map_err(backend)?;
    Ok(added == 1)
}

pub fn append_custody(conn: &Connection, event: &CustodyEvent) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO custody_events (sha256, kind, actor, at, note) VALUES (?1, ?2, ?3, ?4, ?5)",
    )
    .and_then(|mut stmt| {
        stmt.execute(params![
            event.item.to_string(),
            event.kind.as_str(),
            event.actor,
            instant(&event.at),
            event.note
        ])
    })
    .map_err(backend)?;
    Ok(())
}
