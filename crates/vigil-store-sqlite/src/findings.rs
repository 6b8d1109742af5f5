//! Stored findings (migration 0002): each incident's findings as JSON rows in the engine's
//! order, a digest per incident so a new run rewrites only what changed, the state row that
//! says which data version they reflect, and the data version itself.

use crate::codec::*;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashMap;
use vigil_domain::finding::Subject;
use vigil_domain::{Finding, IncidentId, Sha256};
use vigil_store::{FindingsState, StoreError, StoreResult};

type Result<T> = StoreResult<T>;

pub fn data_version(conn: &Connection) -> Result<u64> {
    conn.query_row("SELECT version FROM data_version", [], |r| {
        r.get::<_, i64>(0)
    })
    .map(|v| v as u64)
    .map_err(backend)
}

/// Moves the data version on (called by a committing transaction that changed records).
pub fn bump_data_version(conn: &Connection) -> Result<()> {
    conn.execute("UPDATE data_version SET version = version + 1", [])
        .map(drop)
        .map_err(backend)
}

pub fn state(conn: &Connection) -> Result<Option<FindingsState>> {
    let row = conn
        .query_row(
            "SELECT data_version, options, computed_at, incidents, findings FROM findings_state",
            [],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, i64>(4)?,
                ))
            },
        )
        .optional()
        .map_err(backend)?;
    row.map(|(version, options, at, incidents, findings)| {
        Ok(FindingsState {
            data_version: version as u64,
            options,
            computed_at: parse_instant("findings_state.computed_at", &at)?,
            incidents: incidents as u64,
            findings: findings as u64,
        })
    })
    .transpose()
}

pub fn set_state(conn: &Connection, state: &FindingsState) -> Result<()> {
    conn.execute(
        "INSERT INTO findings_state (only, data_version, options, computed_at, incidents, findings)
         VALUES (1, ?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (only) DO UPDATE SET data_version = excluded.data_version,
             options = excluded.options, computed_at = excluded.computed_at,
             incidents = excluded.incidents, findings = excluded.findings",
        params![
            state.data_version as i64,
            state.options,
            instant(&state.computed_at),
            state.incidents as i64,
            state.findings as i64
        ],
    )
    .map(drop)
    .map_err(backend)
}

pub fn digests(conn: &Connection) -> Result<HashMap<IncidentId, Sha256>> {
    let mut stmt = conn
        .prepare("SELECT incident_id, sha256 FROM finding_digests")
        .map_err(backend)?;
    let mut rows = stmt.query([]).map_err(backend)?;
    let mut out = HashMap::new();
    while let Some(row) = rows.next().map_err(backend)? {
        let id: String = row.get(0).map_err(backend)?;
        let bytes: Vec<u8> = row.get(1).map_err(backend)?;
        let digest: [u8; 32] = bytes
            .try_into()
            .map_err(|_| corrupt("finding_digests.sha256", &id, "not 32 bytes"))?;
        out.insert(
            parse("finding_digests.incident_id", &id)?,
            Sha256::from_bytes(digest),
        );
    }
    Ok(out)
}

fn body(column: &str, text: &str) -> Result<Finding> {
    serde_json::from_str(text).map_err(|e| corrupt(column, text, e))
}

pub fn for_each(conn: &Connection, f: &mut dyn FnMut(Finding) -> Result<()>) -> Result<()> {
    let mut stmt = conn
        .prepare("SELECT body FROM findings ORDER BY incident_id, position")
        .map_err(backend)?;
    let mut rows = stmt.query([]).map_err(backend)?;
    while let Some(row) = rows.next().map_err(backend)? {
        let text: String = row.get(0).map_err(backend)?;
        f(body("findings.body", &text)?)?;
    }
    Ok(())
}

fn subject_key(subject: &Subject) -> (&'static str, &str) {
    match subject {
        Subject::Site(id) => ("site", id.as_str()),
        Subject::Movement(id) => ("movement", id.as_str()),
        Subject::Incident(id) => ("incident", id.as_str()),
        Subject::Ceasefire(id) => ("ceasefire", id.as_str()),
    }
}

pub fn about(conn: &Connection, subject: &Subject) -> Result<Vec<Finding>> {
    let (kind, id) = subject_key(subject);
    let mut stmt = conn
        .prepare_cached(
            "SELECT incident_id, position, body FROM findings
             WHERE subject_type = ?1 AND subject_id = ?2
             UNION ALL
             SELECT incident_id, position, body FROM findings
             WHERE ?1 = 'site' AND site_id = ?2
             ORDER BY 1, 2",
        )
        .map_err(backend)?;
    let mut rows = stmt.query(params![kind, id]).map_err(backend)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next().map_err(backend)? {
        let text: String = row.get(2).map_err(backend)?;
        out.push(body("findings.body", &text)?);
    }
    Ok(out)
}

pub fn remove(conn: &Connection, incident: &IncidentId) -> Result<()> {
    conn.prepare_cached("DELETE FROM findings WHERE incident_id = ?1")
        .and_then(|mut s| s.execute([incident.as_str()]))
        .map_err(backend)?;
    conn.prepare_cached("DELETE FROM finding_digests WHERE incident_id = ?1")
        .and_then(|mut s| s.execute([incident.as_str()]))
        .map_err(backend)?;
    Ok(())
}

pub fn put(
    conn: &Connection,
    incident: &IncidentId,
    findings: &[Finding],
    digest: &Sha256,
) -> Result<()> {
    remove(conn, incident)?;
    if findings.is_empty() {
        return Ok(());
    }
    let mut insert = conn
        .prepare_cached(
            "INSERT INTO findings (incident_id, position, kind, strength, subject_type,
                 subject_id, site_id, notification_id, body)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )
        .map_err(backend)?;
    for (position, f) in findings.iter().enumerate() {
        if &f.incident != incident {
            return Err(StoreError::Backend(format!(
                "a finding of incident {} was stored under incident {incident}",
                f.incident
            )));
        }
        let (subject_type, subject_id) = subject_key(&f.subject);
        let json = serde_json::to_string(f)
            .map_err(|e| StoreError::Backend(format!("finding as JSON: {e}")))?;
        insert
            .execute(params![
                incident.as_str(),
                position as i64,
                f.kind.as_str(),
                f.strength.as_str(),
                subject_type,
                subject_id,
                f.site.as_ref().map(|s| s.as_str()),
                f.notification.as_ref().map(|n| n.id.as_str()),
                json
            ])
            .map_err(backend)?;
    }
    conn.prepare_cached("INSERT INTO finding_digests (incident_id, sha256) VALUES (?1, ?2)")
        .and_then(|mut s| s.execute(params![incident.as_str(), &digest.as_bytes()[..]]))
        .map_err(backend)?;
    Ok(())
}
