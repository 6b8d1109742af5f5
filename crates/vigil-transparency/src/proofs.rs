//! Proofs against the latest signed checkpoint, as JSON a third party can check offline with
//! the checkpoint and the verifier key alone (`vigil verify-proof`).

use crate::entry::{leaf_entry, value_digest};
use crate::log::{Log, LogError};
use base64::Engine;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use vigil_domain::AuditEntry;
use vigil_store::AuditQuery;
use vigil_store::Store;
use vigil_translog::{leaf_hash, verify_inclusion_of_entry, Checkpoint, Hash, Tree, VerifierKey};

/// What a proof is asked for: the latest log entry about a record, or about an evidence item
/// (whose record id is its SHA-256).
pub enum Target {
    Record { kind: String, id: String },
    Sha256(String),
}

/// An inclusion proof (RFC 9162 2.1.3) of one entry in the tree of `tree_size` leaves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InclusionProof {
    pub leaf_index: u64,
    pub tree_size: u64,
    /// The entry's bytes, base64.
    pub leaf: String,
    /// Hex.
    pub inclusion_path: Vec<String>,
}

/// A consistency proof (RFC 9162 2.1.4) between two tree sizes.
#[derive(Debug, Serialize, Deserialize)]
pub struct ConsistencyProof {
    pub first: u64,
    pub second: u64,
    pub consistency_path: Vec<String>,
}

/// The latest signed checkpoint, (size, note), if one was signed: the log's head's, read
/// without listing every checkpoint.
pub fn latest_checkpoint(store: &dyn Store) -> Result<Option<(u64, String)>, LogError> {
    Ok(match store.log_head()? {
        Some(head) if !head.note.is_empty() => Some((head.tree_size, head.note)),
        _ => store.log_checkpoints()?.pop(),
    })
}

fn required_checkpoint(store: &dyn Store) -> Result<(u64, String), LogError> {
    latest_checkpoint(store)?.ok_or_else(|| {
        LogError::Other("no checkpoint has been signed yet: run `vigil log checkpoint`".into())
    })
}

/// Whether, and how, the log proves a record as it is stored now.
#[derive(Debug)]
pub enum Attestation {
    /// The latest entry about the record in the checkpoint wrote it exactly as it is stored.
    Proven(InclusionProof),
    /// The record was written after the latest checkpoint was signed.
    NotYetCheckpointed,
    /// The record is not what its latest logged write wrote, or the entry that wrote it was
    /// altered after it was checkpointed: it changed behind the log's back (`vigil verify`
    /// tells more).
    Differs,
    /// No entry about the record at all (written before the audit log existed).
    NotLogged,
}

/// Proofs against one signed checkpoint. The tree is the one the checkpoint signed: built from
/// the leaf hashes stored with the checkpoints (32 bytes a leaf, nothing re-serialised), its
/// root checked against the signed one. Only the entries about the records asked for are read,
/// by the audit log's index, and each is checked against its stored leaf hash before it is
/// proven, so an entry altered after it was checkpointed is never presented as proven.
pub struct Prover {
    size: u64,
    checkpoint: String,
    tree: Tree,
    /// Leaf index of each checkpointed entry, by its `seq`.
    index_of: HashMap<u64, u64>,
}

impl Prover {
    /// Against the latest signed checkpoint.
    pub fn latest(store: &dyn Store) -> Result<Self, LogError> {
        let (size, checkpoint) = required_checkpoint(store)?;
        let stored = store.log_leaves()?;
        if (stored.len() as u64) < size {
            return Err(LogError::Other(format!(
                "the checkpoint covers {size} entries but only {} leaf hashes are stored: the \
                 log's own tables were altered (run `vigil verify`)",
                stored.len()
            )));
        }
        let covered = &stored[..size as usize];
        let tree = Tree::from_leaf_hashes(covered.iter().map(|(_, hash)| *hash));
        let key = store.log_signer_key()?.ok_or_else(|| {
            LogError::Other("checkpoints are stored but the log's key is gone".into())
        })?;
        let verifier = vigil_translog::SignerKey::parse(&key)?.verifier();
        let signed = Checkpoint::open(
            checkpoint.as_bytes(),
            verifier.name(),
            std::slice::from_ref(&verifier),
        )?;
        if signed.size != size || tree.root(size).ok() != Some(signed.root) {
            return Err(LogError::Other(format!(
                "the checkpoint of {size} entries is not the root of the stored leaf hashes: the \
                 log's own tables were altered (run `vigil verify`)"
            )));
        }
        Ok(Self {
            size,
            checkpoint,
            tree,
            index_of: covered
                .iter()
                .enumerate()
                .map(|(index, (seq, _))| (*seq, index as u64))
                .collect(),
        })
    }

    /// The signed checkpoint the proofs are against.
    pub fn checkpoint(&self) -> &str {
        &self.checkpoint
    }

    pub fn tree_size(&self) -> u64 {
        self.size
    }

    /// The proof of the latest checkpointed entry about `target`.
    pub fn prove(&self, store: &dyn Store, target: &Target) -> Result<InclusionProof, LogError> {
        let entries = match target {
            Target::Record { kind, id } => entries_about(store, Some(kind), id)?,
            Target::Sha256(hex) => {
                // An evidence item's entries, and its custody events', are named by its hash.
                let mut all = entries_about(store, Some("evidence"), hex)?;
                all.extend(entries_about(store, Some("custody"), hex)?);
                all.sort_by_key(|e| e.seq);
                all
            }
        };
        let latest = entries
            .iter()
            .rev()
            .find(|e| self.index_of.contains_key(&e.seq))
            .ok_or_else(|| {
                LogError::Other(match target {
                    Target::Record { kind, id } => format!(
                        "no entry about {kind}/{id} in the latest checkpoint ({} entries)",
                        self.size
                    ),
                    Target::Sha256(hex) => format!(
                        "no entry about sha256 {hex} in the latest checkpoint ({} entries)",
                        self.size
                    ),
                })
            })?;
        self.proof_of(latest)?.ok_or_else(|| {
            LogError::Other(format!(
                "audit entry {} was altered after it was checkpointed: run `vigil verify`",
                latest.seq
            ))
        })
    }

    /// Whether the log proves the record `kind/id` whose stored form is `record`: the entry
    /// that wrote this very form, if it is the latest write of the record (or, for a
    /// notification, whose earlier versions stay as they were sent, any of its writes).
    pub fn attest(
        &self,
        store: &dyn Store,
        kind: &str,
        id: &str,
        record: &serde_json::Value,
    ) -> Result<Attestation, LogError> {
        let entries = entries_about(store, Some(kind), id)?;
        if entries.is_empty() {
            return Ok(Attestation::NotLogged);
        }
        let digest = value_digest(record);
        let Some(position) = entries
            .iter()
            .rposition(|e| value_digest(&e.after) == digest)
        else {
            return Ok(Attestation::Differs);
        };
        let later_differs = entries[position + 1..]
            .iter()
            .any(|e| value_digest(&e.after) != digest);
        if later_differs && kind != "notification" {
            return Ok(Attestation::Differs);
        }
        let entry = &entries[position];
        if !self.index_of.contains_key(&entry.seq) {
            return Ok(Attestation::NotYetCheckpointed);
        }
        Ok(match self.proof_of(entry)? {
            Some(proof) => Attestation::Proven(proof),
            None => Attestation::Differs,
        })
    }

    /// The proof of a checkpointed entry, or `None` when the entry no longer gives the leaf
    /// hash stored for it (it was altered).
    fn proof_of(&self, entry: &AuditEntry) -> Result<Option<InclusionProof>, LogError> {
        let index = self.index_of[&entry.seq];
        let bytes = leaf_entry(entry);
        if self.tree.leaf_hash(index) != Some(leaf_hash(&bytes)) {
            return Ok(None);
        }
        let path = self
            .tree
            .inclusion_proof(index, self.size)
            .map_err(|e| LogError::Other(e.to_string()))?;
        Ok(Some(InclusionProof {
            leaf_index: index,
            tree_size: self.size,
            leaf: base64::engine::general_purpose::STANDARD.encode(&bytes),
            inclusion_path: path.iter().map(hex::encode).collect(),
        }))
    }
}

/// Every audit entry about one record, oldest first (by the audit log's record index).
fn entries_about(
    store: &dyn Store,
    kind: Option<&str>,
    id: &str,
) -> Result<Vec<AuditEntry>, LogError> {
    let mut all = Vec::new();
    let mut after = None;
    loop {
        let page = store.audit_log(&AuditQuery {
            record_kind: kind.map(str::to_owned),
            record_id: Some(id.to_owned()),
            after_seq: after,
            limit: 1_000,
        })?;
        let full = page.len() == 1_000;
        after = page.last().map(|e| e.seq);
        all.extend(page);
        if !full {
            return Ok(all);
        }
    }
}

/// The proof that the latest entry about `target` covered by the latest checkpoint is in it.
pub fn inclusion(store: &dyn Store, target: &Target) -> Result<InclusionProof, LogError> {
    Prover::latest(store)?.prove(store, target)
}

/// The proof that the latest checkpoint's tree extends the one of `first` leaves.
pub fn consistency(store: &dyn Store, first: u64) -> Result<ConsistencyProof, LogError> {
    let (size, _) = required_checkpoint(store)?;
    let log = Log::load(store)?;
    let path = log
        .tree
        .consistency_proof(first, size)
        .map_err(|e| LogError::Other(e.to_string()))?;
    Ok(ConsistencyProof {
        first,
        second: size,
        consistency_path: path.iter().map(hex::encode).collect(),
    })
}

/// Checks a proof offline: the checkpoint must be signed by `public_key` (whose name is the
/// log's origin) and be of the proof's tree size, and the entry must be in its tree.
pub fn verify_proof(proof: &str, checkpoint: &str, public_key: &str) -> Result<String, LogError> {
    let key = VerifierKey::parse(public_key.trim())?;
    let checkpoint = Checkpoint::open(
        checkpoint.as_bytes(),
        key.name(),
        std::slice::from_ref(&key),
    )?;
    let proof: InclusionProof = serde_json::from_str(proof)
        .map_err(|e| LogError::Other(format!("the proof is not a proof's JSON: {e}")))?;
    if proof.tree_size != checkpoint.size {
        return Err(LogError::Other(format!(
            "the proof is for a tree of {} entries, the checkpoint of {}",
            proof.tree_size, checkpoint.size
        )));
    }
    let entry = base64::engine::general_purpose::STANDARD
        .decode(proof.leaf.as_bytes())
        .map_err(|e| LogError::Other(format!("leaf: not base64: {e}")))?;
    let path = proof
        .inclusion_path
        .iter()
        .map(|h| {
            let bytes = hex::decode(h).map_err(|e| LogError::Other(format!("path: {e}")))?;
            Hash::try_from(bytes.as_slice())
                .map_err(|_| LogError::Other("path: a hash is not 32 bytes".into()))
        })
        .collect::<Result<Vec<Hash>, LogError>>()?;
    verify_inclusion_of_entry(
        &entry,
        proof.leaf_index,
        proof.tree_size,
        &path,
        &checkpoint.root,
    )
    .map_err(|e| LogError::Other(format!("the proof does not hold: {e}")))?;
    Ok(String::from_utf8_lossy(&entry).into_owned())
}
