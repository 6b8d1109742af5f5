//! Vigil's transparency log over a database: what `vigil log …`, `vigil verify` and
//! `vigil verify-proof` do.
//!
//! The log's leaves are the audit log's entries, in `seq` order: every record write, through
//! the API or the command line, is one leaf (and so is every evidence item, which is a record).
//! A leaf's entry is the text [`entry::leaf_entry`] makes of an audit entry: its position, time,
//! actor, action, the record's kind and id, and the SHA-256 of the record before and after. The
//! tree is built as RFC 9162 defines it (`vigil-translog`), and its state is published as C2SP
//! checkpoints signed with an Ed25519 key kept in the database: made with the database by the
//! `vigil` command line, or, for a database made without it, the first time a checkpoint is
//! asked for.
//!
//! Layout:
//! - [`entry`]: the bytes of a leaf;
//! - [`log`]: the tree of the stored audit log, checkpoints, the signer key;
//! - [`proofs`]: inclusion and consistency proofs as JSON, and their offline check;
//! - [`verify`]: the check of a whole database: checkpoint signatures, a truncated or altered
//!   audit log, and records changed behind the audit log's back.
#![forbid(unsafe_code)]

pub mod entry;
pub mod log;
pub mod proofs;
pub mod verify;

pub use log::{checkpoint, public_key, stored_public_key, Log, LogError};
pub use proofs::{
    consistency, inclusion, verify_proof, Attestation, ConsistencyProof, InclusionProof, Prover,
    Target,
};
pub use verify::{verify, Problem};
