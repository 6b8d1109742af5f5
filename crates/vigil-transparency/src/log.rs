//! The tree of the stored audit log, the log's signer key, and checkpoints.

use crate::entry::leaf_entry;
use vigil_store::{AuditQuery, Store, StoreError};
use vigil_translog::{leaf_hash, Checkpoint, CheckpointError, KeyError, SignerKey, Tree};

/// How many audit entries are read at a time.
const PAGE: usize = 10_000;

#[derive(Debug, thiserror::Error)]
pub enum LogError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the log's signer key: {0}")]
    Key(#[from] KeyError),
    #[error("a checkpoint: {0}")]
    Checkpoint(#[from] CheckpointError),
    #[error("{0}")]
    Other(String),
}

/// One leaf: the audit entry it was made from.
#[derive(Debug, Clone)]
pub struct Leaf {
    pub seq: u64,
    pub record_kind: String,
    pub record_id: String,
    /// The entry's bytes, for a proof.
    pub entry: Vec<u8>,
}

/// The log as the audit log stands now.
pub struct Log {
    pub leaves: Vec<Leaf>,
    pub tree: Tree,
}

impl Log {
    /// Reads every audit entry, in order, and builds the tree.
    pub fn load(store: &dyn Store) -> Result<Self, LogError> {
        let mut leaves = Vec::new();
        let mut tree = Tree::new();
        let mut after = None;
        loop {
            let page = store.audit_log(&AuditQuery {
                after_seq: after,
                ..AuditQuery::all(PAGE)
            })?;
            for audit in &page {
                let entry = leaf_entry(audit);
                tree.push_leaf_hash(leaf_hash(&entry));
                leaves.push(Leaf {
                    seq: audit.seq,
                    record_kind: audit.record_kind.clone(),
                    record_id: audit.record_id.clone(),
                    entry,
                });
            }
            match page.last() {
                Some(last) if page.len() == PAGE => after = Some(last.seq),
                _ => break,
            }
        }
        Ok(Self { leaves, tree })
    }
}

/// The log's signer key, made and stored the first time it is needed. Its name is the log's
/// origin: `vigil-log-` and twelve random hex digits, so two databases' logs never share one.
pub fn signer(store: &mut dyn Store) -> Result<SignerKey, LogError> {
    if let Some(text) = store.log_signer_key()? {
        return Ok(SignerKey::parse(&text)?);
    }
    let key = SignerKey::generate(&format!("vigil-log-{}", vigil_auth::new_token_id()))?;
    let mut tx = store.transaction()?;
    tx.put_log_signer_key(&key.to_secret_string())?;
    tx.commit()?;
    Ok(key)
}

/// The verifier key (`name+hash+base64`), which anyone may have: with it a checkpoint and a
/// proof are checked without the database.
pub fn public_key(store: &mut dyn Store) -> Result<String, LogError> {
    Ok(signer(store)?.verifier().to_string())
}

/// Signs a checkpoint of the whole audit log if it grew since the last one (storing the new
/// leaves' hashes with it), and returns the latest signed checkpoint.
pub fn checkpoint(store: &mut dyn Store) -> Result<String, LogError> {
    let key = signer(store)?;
    let log = Log::load(store)?;
    let stored = store.log_leaves()?;
    let size = log.tree.size();
    let latest = store.log_checkpoints()?.pop();
    if latest.as_ref().is_some_and(|(s, _)| *s == size) {
        return Ok(latest.expect("checked").1);
    }
    if (stored.len() as u64) > size {
        return Err(LogError::Other(format!(
            "the audit log holds {size} entries, fewer than the {} already checkpointed: run \
             `vigil verify`",
            stored.len()
        )));
    }
    let new: Vec<(u64, [u8; 32])> = log.leaves[stored.len()..]
        .iter()
        .enumerate()
        .map(|(i, leaf)| {
            let index = (stored.len() + i) as u64;
            (
                leaf.seq,
                log.tree.leaf_hash(index).expect("within the tree"),
            )
        })
        .collect();
    let note = Checkpoint::new(key.name(), size, log.tree.current_root()).sign(&key)?;
    let mut tx = store.transaction()?;
    tx.append_log_leaves(stored.len() as u64, &new)?;
    tx.put_log_checkpoint(size, &note)?;
    tx.commit()?;
    Ok(note)
}
