//! The transparency log's stored state (migrations 0009 and 0010): the signer key, the leaf
//! hashes of the entries checkpoints covered, the signed checkpoints, and the log's head. Written as bookkeeping: none of it
//! is a record, so none of it moves the data version.

use crate::codec::*;
use rusqlite::{params, Connection, OptionalExtension};
use vigil_store::{LogHead, StoreError, StoreResult};

type Result<T> = StoreResult<T>;

pub(crate) fn signer_key(conn: &Connection) -> Result<Option<String>> {
    conn.query_row("SELECT signer_key FROM log_key", [], |r| r.get(0))
        .optional()
        .map_err(backend)
}

pub(crate) fn put_signer_key(conn: &Connection, signer_key: &str) -> Result<()> {
    if self::signer_key(conn)?.is_some() {
        return Err(StoreError::Conflict(
            "the transparency log already has its signing key; it is never replaced".into(),
        ));
    }
    conn.execute(
        "INSERT INTO log_key (only_one, signer_key, created_at) VALUES (1, ?1, ?2)",
        params![signer_key, instant(&chrono::Utc::now())],
    )
    .map_err(backend)?;
    Ok(())
}

pub(crate) fn leaves(conn: &Connection) -> Result<Vec<(u64, [u8; 32])>> {
    let mut stmt = conn
        .prepare("SELECT leaf_index, seq, leaf_hash FROM log_leaves ORDER BY leaf_index")
        .map_err(backend)?;
    let mut rows = stmt.query([]).map_err(backend)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next().map_err(backend)? {
        let index: i64 = row.get(0).map_err(backend)?;
        if index as usize != out.len() {
            return Err(corrupt(
                "log_leaves.leaf_index",
                &index.to_string(),
                format!("expected {}: a leaf is missing", out.len()),
            ));
        }
        let seq: i64 = row.get(1).map_err(backend)?;
        let hash: Vec<u8> = row.get(2).map_err(backend)?;
        let hash: [u8; 32] = hash
            .try_into()
            .map_err(|_| corrupt("log_leaves.leaf_hash", "<blob>", "not 32 bytes"))?;
        out.push((seq as u64, hash));
    }
    Ok(out)
}

pub(crate) fn append_leaves(
    conn: &Connection,
    first_index: u64,
    leaves: &[(u64, [u8; 32])],
) -> Result<()> {
    let stored: i64 = conn
        .query_row("SELECT count(*) FROM log_leaves", [], |r| r.get(0))
        .map_err(backend)?;
    if stored as u64 != first_index {
        return Err(StoreError::Conflict(format!(
            "the log holds {stored} leaves; new ones must start there, not at {first_index}"
        )));
    }
    let mut stmt = conn
        .prepare_cached("INSERT INTO log_leaves (leaf_index, seq, leaf_hash) VALUES (?1, ?2, ?3)")
        .map_err(backend)?;
    for (offset, (seq, hash)) in leaves.iter().enumerate() {
        stmt.execute(params![
            (first_index + offset as u64) as i64,
            *seq as i64,
            &hash[..]
        ])
        .map_err(backend)?;
    }
    Ok(())
}

pub(crate) fn checkpoints(conn: &Connection) -> Result<Vec<(u64, String)>> {
    let mut stmt = conn
        .prepare("SELECT tree_size, note FROM log_checkpoints ORDER BY tree_size")
        .map_err(backend)?;
    let rows = stmt
        .query_map([], |r| {
            Ok((r.get::<_, i64>(0)? as u64, r.get::<_, String>(1)?))
        })
        .map_err(backend)?;
    rows.collect::<std::result::Result<_, _>>().map_err(backend)
}

pub(crate) fn put_checkpoint(conn: &Connection, tree_size: u64, note: &str) -> Result<()> {
    let inserted = conn
        .execute(
            "INSERT INTO log_checkpoints (tree_size, note, created_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (tree_size) DO NOTHING",
            params![tree_size as i64, note, instant(&chrono::Utc::now())],
        )
        .map_err(backend)?;
    if inserted == 0 {
        return Err(StoreError::Conflict(format!(
            "a checkpoint of {tree_size} entries is already stored"
        )));
    }
    Ok(())
}

pub(crate) fn head(conn: &Connection) -> Result<Option<LogHead>> {
    conn.query_row(
        "SELECT tree_size, last_seq, note, frontier FROM log_head",
        [],
        |r| {
            Ok(LogHead {
                tree_size: r.get::<_, i64>(0)? as u64,
                last_seq: r.get::<_, Option<i64>>(1)?.map(|s| s as u64),
                note: r.get(2)?,
                frontier: r.get(3)?,
            })
        },
    )
    .optional()
    .map_err(backend)
}

pub(crate) fn put_head(conn: &Connection, head: &LogHead) -> Result<()> {
    conn.execute(
        "INSERT INTO log_head (only_one, tree_size, last_seq, note, frontier)
         VALUES (1, ?1, ?2, ?3, ?4)
         ON CONFLICT (only_one) DO UPDATE SET tree_size = excluded.tree_size,
             last_seq = excluded.last_seq, note = excluded.note, frontier = excluded.frontier",
        params![
            head.tree_size as i64,
            head.last_seq.map(|s| s as i64),
            head.note,
            head.frontier
        ],
    )
    .map_err(backend)?;
    Ok(())
}
