//! The transparency log's stored state: the signer key, the leaf hashes of the entries
//! checkpoints covered, the signed checkpoints, and the log's head. Written as bookkeeping:
//! none of it is a record, so none of it moves the data version.

use crate::codec::*;
use crate::db::{g, Db};
use vigil_store::{LogHead, StoreError, StoreResult};

type Result<T> = StoreResult<T>;

pub(crate) fn signer_key(db: &mut Db<'_>) -> Result<Option<String>> {
    db.opt("SELECT signer_key FROM log_key", &[])?
        .map(|r| g(&r, 0))
        .transpose()
}

pub(crate) fn put_signer_key(db: &mut Db<'_>, signer_key: &str) -> Result<()> {
    if self::signer_key(db)?.is_some() {
        return Err(StoreError::Conflict(
            "the transparency log already has its signing key; it is never replaced".into(),
        ));
    }
    db.exec(
        "INSERT INTO log_key (only_one, signer_key, created_at) VALUES (1, $1, $2)",
        &[&signer_key, &instant(&chrono::Utc::now())],
    )?;
    Ok(())
}

pub(crate) fn leaves(db: &mut Db<'_>) -> Result<Vec<(u64, [u8; 32])>> {
    let rows = db.query(
        "SELECT leaf_index, seq, leaf_hash FROM log_leaves ORDER BY leaf_index",
        &[],
    )?;
    let mut out = Vec::new();
    for row in rows {
        let index: i64 = g(&row, 0)?;
        if index < 0 || index as usize != out.len() {
            return Err(corrupt(
                "log_leaves.leaf_index",
                &index.to_string(),
                format!("expected {}: a leaf is missing", out.len()),
            ));
        }
        let seq: i64 = g(&row, 1)?;
        let hash: Vec<u8> = g(&row, 2)?;
        let hash: [u8; 32] = hash
            .try_into()
            .map_err(|_| corrupt("log_leaves.leaf_hash", "<bytes>", "not 32 bytes"))?;
        out.push((unsigned("log_leaves.seq", seq)?, hash));
    }
    Ok(out)
}

pub(crate) fn append_leaves(
    db: &mut Db<'_>,
    first_index: u64,
    leaves: &[(u64, [u8; 32])],
) -> Result<()> {
    let stored: i64 = g(&db.one("SELECT count(*) FROM log_leaves", &[])?, 0)?;
    if stored as u64 != first_index {
        return Err(StoreError::Conflict(format!(
            "the log holds {stored} leaves; new ones must start there, not at {first_index}"
        )));
    }
    // One leaf per audit entry. SQLite's schema says so with a UNIQUE column; here (no UNIQUE
    // constraints, see the migration's header) it is checked before writing.
    let seqs = leaves
        .iter()
        .map(|(seq, _)| big(*seq))
        .collect::<Result<Vec<i64>>>()?;
    let distinct: std::collections::HashSet<i64> = seqs.iter().copied().collect();
    let taken = db.opt(
        "SELECT seq FROM log_leaves WHERE seq = ANY($1) LIMIT 1",
        &[&seqs],
    )?;
    if distinct.len() != seqs.len() || taken.is_some() {
        return Err(StoreError::Conflict(
            "a leaf of the transparency log is already stored for that audit entry".into(),
        ));
    }
    for (offset, (seq, hash)) in leaves.iter().enumerate() {
        let hash: &[u8] = &hash[..];
        db.exec(
            "INSERT INTO log_leaves (leaf_index, seq, leaf_hash) VALUES ($1, $2, $3)",
            &[&big(first_index + offset as u64)?, &big(*seq)?, &hash],
        )?;
    }
    Ok(())
}

pub(crate) fn checkpoints(db: &mut Db<'_>) -> Result<Vec<(u64, String)>> {
    db.query(
        "SELECT tree_size, note FROM log_checkpoints ORDER BY tree_size",
        &[],
    )?
    .iter()
    .map(|r| Ok((unsigned("log_checkpoints.tree_size", g(r, 0)?)?, g(r, 1)?)))
    .collect()
}

pub(crate) fn put_checkpoint(db: &mut Db<'_>, tree_size: u64, note: &str) -> Result<()> {
    let inserted = db.exec(
        "INSERT INTO log_checkpoints (tree_size, note, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (tree_size) DO NOTHING",
        &[&big(tree_size)?, &note, &instant(&chrono::Utc::now())],
    )?;
    if inserted == 0 {
        return Err(StoreError::Conflict(format!(
            "a checkpoint of {tree_size} entries is already stored"
        )));
    }
    Ok(())
}

pub(crate) fn head(db: &mut Db<'_>) -> Result<Option<LogHead>> {
    db.opt(
        "SELECT tree_size, last_seq, note, frontier FROM log_head",
        &[],
    )?
    .map(|r| {
        Ok(LogHead {
            tree_size: unsigned("log_head.tree_size", g(&r, 0)?)?,
            last_seq: g::<Option<i64>>(&r, 1)?
                .map(|s| unsigned("log_head.last_seq", s))
                .transpose()?,
            note: g(&r, 2)?,
            frontier: g(&r, 3)?,
        })
    })
    .transpose()
}

pub(crate) fn put_head(db: &mut Db<'_>, head: &LogHead) -> Result<()> {
    db.exec(
        "INSERT INTO log_head (only_one, tree_size, last_seq, note, frontier)
         VALUES (1, $1, $2, $3, $4)
         ON CONFLICT (only_one) DO UPDATE SET tree_size = excluded.tree_size,
             last_seq = excluded.last_seq, note = excluded.note, frontier = excluded.frontier",
        &[
            &big(head.tree_size)?,
            &head.last_seq.map(big).transpose()?,
            &head.note,
            &head.frontier,
        ],
    )?;
    Ok(())
}
