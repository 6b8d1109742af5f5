//! Stored findings: each incident's findings as JSON rows in the engine's order, a digest per
//! incident so a new run rewrites only what changed, the state row that says which data
//! version they reflect, and the data version itself.

use crate::codec::*;
use crate::db::{g, Db};
use crate::read::PAGE;
use std::collections::HashMap;
use vigil_domain::finding::Subject;
use vigil_domain::{Finding, IncidentId, Sha256};
use vigil_store::{FindingsState, StoreError, StoreResult};

type Result<T> = StoreResult<T>;

pub fn data_version(db: &mut Db<'_>) -> Result<u64> {
    let row = db.one("SELECT version FROM data_version", &[])?;
    unsigned("data_version.version", g(&row, 0)?)
}

/// Moves the data version on (called by a committing transaction that changed records).
pub fn bump_data_version(db: &mut Db<'_>) -> Result<()> {
    db.exec("UPDATE data_version SET version = version + 1", &[])
        .map(drop)
}

pub fn set_data_version(db: &mut Db<'_>, version: i64) -> Result<()> {
    db.exec("UPDATE data_version SET version = $1", &[&version])
        .map(drop)
}

pub fn state(db: &mut Db<'_>) -> Result<Option<FindingsState>> {
    let Some(r) = db.opt(
        "SELECT data_version, options, computed_at, incidents, findings FROM findings_state",
        &[],
    )?
    else {
        return Ok(None);
    };
    Ok(Some(FindingsState {
        data_version: unsigned("findings_state.data_version", g(&r, 0)?)?,
        options: g(&r, 1)?,
        computed_at: parse_instant("findings_state.computed_at", &g::<String>(&r, 2)?)?,
        incidents: unsigned("findings_state.incidents", g(&r, 3)?)?,
        findings: unsigned("findings_state.findings", g(&r, 4)?)?,
    }))
}

pub fn set_state(db: &mut Db<'_>, state: &FindingsState) -> Result<()> {
    db.exec(
        "INSERT INTO findings_state (only_one, data_version, options, computed_at, incidents,
             findings)
         VALUES (1, $1, $2, $3, $4, $5)
         ON CONFLICT (only_one) DO UPDATE SET data_version = excluded.data_version,
             options = excluded.options, computed_at = excluded.computed_at,
             incidents = excluded.incidents, findings = excluded.findings",
        &[
            &big(state.data_version)?,
            &state.options,
            &instant(&state.computed_at),
            &big(state.incidents)?,
            &big(state.findings)?,
        ],
    )
    .map(drop)
}

pub fn digests(db: &mut Db<'_>) -> Result<HashMap<IncidentId, Sha256>> {
    let mut out = HashMap::new();
    for row in db.query("SELECT incident_id, sha256 FROM finding_digests", &[])? {
        let id: String = g(&row, 0)?;
        let bytes: Vec<u8> = g(&row, 1)?;
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

/// Where a finding is: its incident's id and its position among that incident's findings.
pub type FindingKey = (String, i64);

/// The next page of findings after position `after`, in the engine's order, with the key of
/// the last one.
pub fn page_after(
    db: &mut Db<'_>,
    after: &FindingKey,
) -> Result<(Vec<Finding>, Option<FindingKey>)> {
    let rows = db.query(
        "SELECT incident_id, position, body FROM findings
         WHERE (incident_id, position) > ($1, $2)
         ORDER BY incident_id, position LIMIT $3",
        &[&after.0, &after.1, &PAGE],
    )?;
    let mut last = None;
    let mut out = Vec::with_capacity(rows.len());
    for row in &rows {
        last = Some((g(row, 0)?, g(row, 1)?));
        out.push(body("findings.body", &g::<String>(row, 2)?)?);
    }
    Ok((out, last))
}

fn subject_key(subject: &Subject) -> (&'static str, &str) {
    match subject {
        Subject::Site(id) => ("site", id.as_str()),
        Subject::Movement(id) => ("movement", id.as_str()),
        Subject::Incident(id) => ("incident", id.as_str()),
        Subject::Ceasefire(id) => ("ceasefire", id.as_str()),
    }
}

pub fn about(db: &mut Db<'_>, subject: &Subject) -> Result<Vec<Finding>> {
    let (kind, id) = subject_key(subject);
    let rows = db.query(
        "SELECT incident_id, position, body FROM findings
         WHERE subject_type = $1::text AND subject_id = $2::text
         UNION ALL
         SELECT incident_id, position, body FROM findings
         WHERE $1::text = 'site' AND site_id = $2::text
         ORDER BY 1, 2",
        &[&kind, &id],
    )?;
    rows.iter()
        .map(|row| body("findings.body", &g::<String>(row, 2)?))
        .collect()
}

pub fn remove(db: &mut Db<'_>, incident: &IncidentId) -> Result<()> {
    db.exec(
        "DELETE FROM findings WHERE incident_id = $1",
        &[&incident.as_str()],
    )?;
    db.exec(
        "DELETE FROM finding_digests WHERE incident_id = $1",
        &[&incident.as_str()],
    )?;
    Ok(())
}

pub fn put(
    db: &mut Db<'_>,
    incident: &IncidentId,
    findings: &[Finding],
    digest: &Sha256,
) -> Result<()> {
    remove(db, incident)?;
    if findings.is_empty() {
        return Ok(());
    }
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
        db.exec(
            "INSERT INTO findings (incident_id, position, kind, strength, subject_type,
                 subject_id, site_id, notification_id, body)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            &[
                &incident.as_str(),
                &(position as i64),
                &f.kind.as_str(),
                &f.strength.as_str(),
                &subject_type,
                &subject_id,
                &f.site.as_ref().map(|s| s.as_str()),
                &f.notification.as_ref().map(|n| n.id.as_str()),
                &json,
            ],
        )?;
    }
    let digest: &[u8] = &digest.as_bytes()[..];
    db.exec(
        "INSERT INTO finding_digests (incident_id, sha256) VALUES ($1, $2)",
        &[&incident.as_str(), &digest],
    )?;
    Ok(())
}
