//! The tree of the stored audit log, the log's signer key, and checkpoints.

use crate::entry::leaf_entry;
use vigil_store::{AuditQuery, LogHead, Store, StoreError};
use vigil_translog::{leaf_hash, Checkpoint, CheckpointError, Frontier, KeyError, SignerKey, Tree};

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
/// Each checkpoint extends the last one: the new entries' leaf hashes are appended to the
/// frontier of the last checkpoint's tree (the log's head), so signing after a few writes costs
/// a few hashes however long the log is, and reads nothing older. A database whose log has no
/// head yet (made before there were heads) rebuilds the frontier once from its stored leaf
/// hashes. An entry altered after it was checkpointed does not enter a new checkpoint;
/// `vigil verify` finds it.
pub fn checkpoint(store: &mut dyn Store) -> Result<String, LogError> {
    let key = signer(store)?;
    let head = match store.log_head()? {
        Some(head) => head,
        None => {
            let stored = store.log_leaves()?;
            let note = store.log_checkpoints()?.pop();
            let frontier = Frontier::from_leaf_hashes(stored.iter().map(|(_, hash)| *hash));
            LogHead {
                tree_size: frontier.size(),
                last_seq: stored.last().map(|(seq, _)| *seq),
                // No checkpoint of exactly these leaves is known: one is signed below.
                note: note
                    .filter(|(size, _)| *size == frontier.size())
                    .map(|(_, note)| note)
                    .unwrap_or_default(),
                frontier: frontier.to_bytes(),
            }
        }
    };
    let mut frontier =
        Frontier::from_bytes(&head.frontier).map_err(|e| LogError::Other(e.to_string()))?;
    if frontier.size() != head.tree_size {
        return Err(LogError::Other(format!(
            "the log's head says {} leaves but its frontier holds {}: run `vigil verify`",
            head.tree_size,
            frontier.size()
        )));
    }
    let mut new: Vec<(u64, [u8; 32])> = Vec::new();
    each_entry_after(store, head.last_seq, &mut |audit| {
        let hash = leaf_hash(&leaf_entry(audit));
        frontier.push_leaf_hash(hash);
        new.push((audit.seq, hash));
    })?;
    if new.is_empty() && !head.note.is_empty() {
        return Ok(head.note);
    }
    let size = frontier.size();
    let note = Checkpoint::new(key.name(), size, frontier.root()).sign(&key)?;
    let mut tx = store.transaction()?;
    tx.append_log_leaves(head.tree_size, &new)?;
    if !new.is_empty() || store_has_no_checkpoint_of(&head, size) {
        tx.put_log_checkpoint(size, &note)?;
    }
    tx.put_log_head(&LogHead {
        tree_size: size,
        last_seq: new.last().map(|(seq, _)| *seq).or(head.last_seq),
        note: note.clone(),
        frontier: frontier.to_bytes(),
    })?;
    tx.commit()?;
    Ok(note)
}

/// Whether the checkpoint of `size` leaves still has to be stored: it has when the head was
/// rebuilt without a matching stored checkpoint (its note is empty).
fn store_has_no_checkpoint_of(head: &LogHead, size: u64) -> bool {
    head.note.is_empty() && head.tree_size == size
}
