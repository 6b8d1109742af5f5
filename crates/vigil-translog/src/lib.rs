//! Vigil's transparency log, as a pure library: no I/O, no database.
//!
//! Every record write and every evidence item is appended as a leaf of a Merkle tree built
//! exactly as RFC 9162 section 2.1 defines it, and the log's state is published as checkpoints
//! in the C2SP signed-note format, so existing transparency-log tools can read and check them.
//!
//! Layout, one purpose per module:
//!
//! - [`hash`]: the RFC 9162 hashes. Leaf hash SHA-256(0x00 ‖ entry), interior node
//!   SHA-256(0x01 ‖ left ‖ right), the empty tree's root SHA-256("").
//! - [`tree`]: [`Tree`], an append-only in-memory tree. It keeps the leaf hashes and, level by
//!   level, the hash of every complete aligned subtree (about twice the leaf hashes in all:
//!   64 MB for a million leaves), so the root (MTH), an inclusion proof (audit path, RFC 9162
//!   2.1.3.1) or a consistency proof (2.1.4.1) for *any* size up to the current one takes
//!   O(log n) hashes.
//! - [`proof`]: the free verification functions of RFC 9162 2.1.3.2 and 2.1.4.2. They need only
//!   the leaf (or entry), index, size, path and root, so a proof can be checked offline.
//! - [`keys`]: Ed25519 keys in the signed-note text forms: the verifier key
//!   `name+hex(key ID)+base64(0x01 ‖ public key)` and the signer key
//!   `PRIVATE+KEY+name+hex(key ID)+base64(0x01 ‖ seed)`, which can be stored and reloaded. The
//!   key ID is SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key)[..4].
//! - [`note`]: signed notes (c2sp.org/signed-note): text, blank line, `— name base64(key ID ‖
//!   signature)` lines; signing, parsing, and checking against trusted keys.
//! - [`checkpoint`]: checkpoints (c2sp.org/tlog-checkpoint): origin, tree size, base64 root.
//! - [`frontier`]: [`Frontier`], a tree's right edge (one hash per set bit of its size): enough
//!   to append and sign the next root without the leaves, so a checkpoint after a few writes
//!   costs a few hashes however long the log.
//!
//! ```
//! use vigil_translog::{verify_inclusion, Checkpoint, SignerKey, Tree};
//!
//! let mut tree = Tree::new();
//! for entry in [&b"first"[..], b"second", b"third"] {
//!     tree.push_entry(entry);
//! }
//! let key = SignerKey::from_seed("example.org/vigil", &[7; 32]).unwrap();
//! let note = Checkpoint::new("example.org/vigil", tree.size(), tree.current_root())
//!     .sign(&key)
//!     .unwrap();
//!
//! // A reader with the verifier key alone:
//! let checkpoint = Checkpoint::open(note.as_bytes(), "example.org/vigil", &[key.verifier()]).unwrap();
//! let path = tree.inclusion_proof(1, checkpoint.size).unwrap();
//! let leaf = tree.leaf_hash(1).unwrap();
//! verify_inclusion(&leaf, 1, checkpoint.size, &path, &checkpoint.root).unwrap();
//! ```
//!
//! # Performance
//!
//! Measured with `cargo run --release -p vigil-translog --example translog_bench` (see the
//! crate's README.md for the figures and the machine).
#![forbid(unsafe_code)]

pub mod checkpoint;
pub mod frontier;
pub mod hash;
pub mod keys;
pub mod note;
pub mod proof;
pub mod tree;

pub use checkpoint::{Checkpoint, CheckpointError};
pub use frontier::{Frontier, FrontierError};
pub use hash::{leaf_hash, node_hash, Hash, EMPTY_ROOT};
pub use keys::{ed25519_key_id, is_valid_key_name, KeyError, SignerKey, VerifierKey, ALG_ED25519};
pub use note::{open_note, sign_note, Note, NoteError, NoteSignature, OpenedNote, MAX_SIGNATURES};
pub use proof::{
    root_from_inclusion, verify_consistency, verify_inclusion, verify_inclusion_of_entry,
    ProofError,
};
pub use tree::Tree;
