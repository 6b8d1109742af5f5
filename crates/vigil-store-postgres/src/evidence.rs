//! Evidence items, their incident links and custody log: the rows written by the
//! transaction's `put_evidence`, `link_evidence` and `record_custody`, and read back.
//!
//! The audit entry of an item is `vigil_domain::AuditedEvidence`: the item without
//! `captured_by`, which is a witness's identity and must not spread to a log that more people
//! read.

use crate::codec::*;
use crate::db::{g, Db};
use crate::read::collect;
use postgres::Row;
use vigil_domain::{CustodyEvent, EvidenceItem, IncidentId, Sha256, SourceId};
use vigil_store::StoreResult;

type Result<T> = StoreResult<T>;

const ITEM_COLUMNS: &str = "sha256, size, media_type, captured_at, captured_by, acquired_from, \
                            redacted_from, added_at";

fn item_row(row: &Row) -> Result<EvidenceItem> {
    let text = |i: usize| -> Result<String> { g(row, i) };
    let opt = |i: usize| -> Result<Option<String>> { g(row, i) };
    Ok(EvidenceItem {
        sha256: parse("evidence.sha256", &text(0)?)?,
        size: unsigned("evidence.size", g(row, 1)?)?,
        media_type: text(2)?,
        captured_at: opt_instant("evidence.captured_at", opt(3)?)?,
        captured_by: opt(4)?,
        acquired_from: opt_parse::<SourceId>("evidence.acquired_from", opt(5)?)?,
        incidents: Vec::new(),
        redacted_from: opt_parse::<Sha256>("evidence.redacted_from", opt(6)?)?,
        added_at: parse_instant("evidence.added_at", &text(7)?)?,
    })
}

fn with_incidents(db: &mut Db<'_>, mut item: EvidenceItem) -> Result<EvidenceItem> {
    item.incidents = incidents_of(db, &item.sha256)?;
    Ok(item)
}

fn incidents_of(db: &mut Db<'_>, sha256: &Sha256) -> Result<Vec<IncidentId>> {
    collect(
        db,
        "SELECT incident_id FROM evidence_incidents WHERE sha256 = $1 ORDER BY incident_id",
        &[&sha256.to_string()],
        |row| parse("evidence_incidents.incident_id", &g::<String>(row, 0)?),
    )
}

pub fn item(db: &mut Db<'_>, sha256: &Sha256) -> Result<Option<EvidenceItem>> {
    let sql = format!("SELECT {ITEM_COLUMNS} FROM evidence WHERE sha256 = $1");
    let found = collect(db, &sql, &[&sha256.to_string()], item_row)?.pop();
    found.map(|item| with_incidents(db, item)).transpose()
}

pub fn items(db: &mut Db<'_>) -> Result<Vec<EvidenceItem>> {
    let sql = format!("SELECT {ITEM_COLUMNS} FROM evidence ORDER BY sha256");
    collect(db, &sql, &[], item_row)?
        .into_iter()
        .map(|item| with_incidents(db, item))
        .collect()
}

pub fn items_of_incident(db: &mut Db<'_>, id: &IncidentId) -> Result<Vec<EvidenceItem>> {
    let sql = format!(
        "SELECT {ITEM_COLUMNS} FROM evidence
         WHERE sha256 IN (SELECT sha256 FROM evidence_incidents WHERE incident_id = $1)
         ORDER BY sha256"
    );
    collect(db, &sql, &[&id.as_str()], item_row)?
        .into_iter()
        .map(|item| with_incidents(db, item))
        .collect()
}

pub fn custody_of(db: &mut Db<'_>, sha256: &Sha256) -> Result<Vec<CustodyEvent>> {
    collect(
        db,
        "SELECT sha256, kind, actor, at, note FROM custody_events WHERE sha256 = $1 ORDER BY seq",
        &[&sha256.to_string()],
        |row| {
            let text = |i: usize| -> Result<String> { g(row, i) };
            Ok(CustodyEvent {
                item: parse("custody_events.sha256", &text(0)?)?,
                kind: parse("custody_events.kind", &text(1)?)?,
                actor: text(2)?,
                at: parse_instant("custody_events.at", &text(3)?)?,
                note: g(row, 4)?,
            })
        },
    )
}

/// Inserts a new item's row (not its links).
pub fn insert_item(db: &mut Db<'_>, item: &EvidenceItem) -> Result<()> {
    db.exec(
        "INSERT INTO evidence (sha256, size, media_type, captured_at, captured_by, acquired_from,
             redacted_from, added_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        &[
            &item.sha256.to_string(),
            &big(item.size)?,
            &item.media_type,
            &item.captured_at.as_ref().map(instant),
            &item.captured_by,
            &item.acquired_from.as_ref().map(SourceId::as_str),
            &item.redacted_from.map(|d| d.to_string()),
            &instant(&item.added_at),
        ],
    )?;
    Ok(())
}

/// Links an item to an incident; `false` if it already was.
pub fn link(db: &mut Db<'_>, sha256: &Sha256, incident: &IncidentId) -> Result<bool> {
    let added = db.exec(
        "INSERT INTO evidence_incidents (sha256, incident_id) VALUES ($1, $2)
         ON CONFLICT DO NOTHING",
        &[&sha256.to_string(), &incident.as_str()],
    )?;
    Ok(added == 1)
}

pub fn append_custody(db: &mut Db<'_>, event: &CustodyEvent) -> Result<()> {
    db.exec(
        "INSERT INTO custody_events (sha256, kind, actor, at, note) VALUES ($1, $2, $3, $4, $5)",
        &[
            &event.item.to_string(),
            &event.kind.as_str(),
            &event.actor,
            &instant(&event.at),
            &event.note,
        ],
    )?;
    Ok(())
}
