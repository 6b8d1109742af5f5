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
        each_entry_after(store, None, &mut |audit| {
            let entry = leaf_entry(audit);
            tree.push_leaf_hash(leaf_hash(&entry));
            leaves.push(Leaf {
                seq: audit.seq,
                record_kind: audit.record_kind.clone(),
                record_id: audit.record_id.clone(),
                entry,
            });
        })?;
        Ok(Self { leaves, tree })
    }
}

/// Calls `f` with every audit entry after `after` (all of them for `None`), in order, a page
/// at a time.
fn each_entry_after(
    store: &dyn Store,
    mut after: Option<u64>,
    f: &mut dyn FnMut(&vigil_domain::AuditEntry),
) -> Result<(), LogError> {
    loop {
        let page = store.audit_log(&AuditQuery {
            after_seq: after,
            ..AuditQuery::all(PAGE)
        })?;
        page.iter().for_each(&mut *f);
        match page.last() {
            Some(last) if page.len() == PAGE => after = Some(last.seq),
            _ => return Ok(()),
        }
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

/// The verifier key if the log has one yet, without making one: for readers that may not
/// write (the server's read connections).
pub fn stored_public_key(store: &dyn Store) -> Result<Option<String>, LogError> {
    match store.log_signer_key()? {
        Some(text) => Ok(Some(SignerKey::parse(&text)?.verifier().to_string())),
        None => Ok(None),
    }
}

/// Signs a checkpoint of the whole audit log if it grew since the last one (storing the new
/// leaves' hashes with it), and returns the latest signed checkpoint.
///
/// Only the entries written since the last checkpoint are read: the tree is rebuilt from the
/// leaf hashes stored with earlier checkpoints, so each new checkpoint extends the last one
/// (which is what its consistency proof shows) and signing after a few writes costs little
/// however long the log is. An entry altered after it was checkpointed does not enter a new
/// checkpoint; `vigil verify` finds it.
pub fn checkpoint(store: &mut dyn Store) -> Result<String, LogError> {
    let key = signer(store)?;
    let stored = store.log_leaves()?;
    let mut tree = Tree::from_leaf_hashes(stored.iter().map(|(_, hash)| *hash));
    let mut new: Vec<(u64, [u8; 32])> = Vec::new();
    each_entry_after(store, stored.last().map(|(seq, _)| *seq), &mut |audit| {
        let hash = leaf_hash(&leaf_entry(audit));
        tree.push_leaf_hash(hash);
        new.push((audit.seq, hash));
    })?;
    let latest = store.log_checkpoints()?.pop();
    if new.is_empty() {
        if let Some((size, note)) = latest {
            if size == tree.size() {
                return Ok(note);
            }
        }
    }
    let size = tree.size();
    let note = Checkpoint::new(key.name(), size, tree.current_root()).sign(&key)?;
    let mut tx = store.transaction()?;
    tx.append_log_leaves(stored.len() as u64, &new)?;
    tx.put_log_checkpoint(size, &note)?;
    tx.commit()?;
    Ok(note)
}
