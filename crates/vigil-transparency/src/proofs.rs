//! Proofs against the latest signed checkpoint, as JSON a third party can check offline with
//! the checkpoint and the verifier key alone (`vigil verify-proof`).

use crate::log::{Log, LogError};
use base64::Engine;
use serde::{Deserialize, Serialize};
use vigil_store::Store;
use vigil_translog::{verify_inclusion_of_entry, Checkpoint, Hash, VerifierKey};

/// What a proof is asked for: the latest log entry about a record, or about an evidence item
/// (whose record id is its SHA-256).
pub enum Target {
    Record { kind: String, id: String },
    Sha256(String),
}

/// An inclusion proof (RFC 9162 2.1.3) of one entry in the tree of `tree_size` leaves.
#[derive(Debug, Serialize, Deserialize)]
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

fn latest_checkpoint(store: &dyn Store) -> Result<(u64, String), LogError> {
    store.log_checkpoints()?.pop().ok_or_else(|| {
        LogError::Other("no checkpoint has been signed yet: run `vigil log checkpoint`".into())
    })
}

/// The proof that the latest entry about `target` covered by the latest checkpoint is in it.
pub fn inclusion(store: &dyn Store, target: &Target) -> Result<InclusionProof, LogError> {
    let (size, _) = latest_checkpoint(store)?;
    let log = Log::load(store)?;
    let covered = &log.leaves[..(size as usize).min(log.leaves.len())];
    let index = covered
        .iter()
        .rposition(|leaf| match target {
            Target::Record { kind, id } => &leaf.record_kind == kind && &leaf.record_id == id,
            Target::Sha256(hex) => leaf.record_id.eq_ignore_ascii_case(hex),
        })
        .ok_or_else(|| {
            LogError::Other(match target {
                Target::Record { kind, id } => {
                    format!("no entry about {kind}/{id} in the latest checkpoint ({size} entries)")
                }
                Target::Sha256(hex) => {
                    format!("no entry about sha256 {hex} in the latest checkpoint ({size} entries)")
                }
            })
        })?;
    let path = log
        .tree
        .inclusion_proof(index as u64, size)
        .map_err(|e| LogError::Other(e.to_string()))?;
    Ok(InclusionProof {
        leaf_index: index as u64,
        tree_size: size,
        leaf: base64::engine::general_purpose::STANDARD.encode(&covered[index].entry),
        inclusion_path: path.iter().map(hex::encode).collect(),
    })
}

/// The proof that the latest checkpoint's tree extends the one of `first` leaves.
pub fn consistency(store: &dyn Store, first: u64) -> Result<ConsistencyProof, LogError> {
    let (size, _) = latest_checkpoint(store)?;
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
