//! Checkpoints (c2sp.org/tlog-checkpoint): a signed note whose text is the log's origin, the
//! tree size in decimal and the base64 root hash, one per line, then optional extension lines.

use std::fmt::Write as _;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

use crate::hash::Hash;
use crate::keys::{SignerKey, VerifierKey};
use crate::note::{open_note, sign_note, NoteError};

/// A checkpoint could not be made, read or trusted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckpointError {
    /// The note itself is malformed or not signed by a trusted key.
    #[error(transparent)]
    Note(#[from] NoteError),
    /// The signed text is not a checkpoint body.
    #[error("malformed checkpoint: {0}")]
    Malformed(&'static str),
    /// The checkpoint is from another log.
    #[error("checkpoint origin {found:?} is not the expected {expected:?}")]
    OriginMismatch { expected: String, found: String },
}

/// A log's signed statement of its size and root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    /// Identifies the log, e.g. `example.org/vigil`.
    pub origin: String,
    /// Number of leaves.
    pub size: u64,
    /// Root hash of the tree of `size` leaves.
    pub root: Hash,
    /// Extension lines after the root, as read (opaque; this crate writes none of its own).
    pub extensions: Vec<String>,
}

impl Checkpoint {
    /// A checkpoint without extension lines.
    pub fn new(origin: impl Into<String>, size: u64, root: Hash) -> Self {
        Self {
            origin: origin.into(),
            size,
            root,
            extensions: Vec::new(),
        }
    }

    /// The note text: origin, size, base64 root, then any extension lines, each with `\n`.
    pub fn body(&self) -> String {
        let mut out = format!(
            "{}\n{}\n{}\n",
            self.origin,
            self.size,
            STANDARD.encode(self.root)
        );
        for line in &self.extensions {
            let _ = writeln!(out, "{line}");
        }
        out
    }

    /// Parses a checkpoint body (the text of an already opened note).
    pub fn parse_body(text: &str) -> Result<Self, CheckpointError> {
        let lines = text.strip_suffix('\n').ok_or(CheckpointError::Malformed(
            "the text must end with a newline",
        ))?;
        let mut lines = lines.split('\n');
        let (Some(origin), Some(size), Some(root)) = (lines.next(), lines.next(), lines.next())
        else {
            return Err(CheckpointError::Malformed(
                "expected origin, size and root lines",
            ));
        };
        let checkpoint = Self {
            origin: origin.to_string(),
            size: parse_size(size)?,
            root: parse_root(root)?,
            extensions: lines.map(str::to_string).collect(),
        };
        checkpoint.check()?;
        Ok(checkpoint)
    }

    /// The signed note of this checkpoint, signed by `signer` (whose name should be the origin).
    pub fn sign(&self, signer: &SignerKey) -> Result<String, CheckpointError> {
        self.check()?;
        Ok(sign_note(&self.body(), &[signer])?)
    }

    /// Opens a signed checkpoint: the note must be signed by one of `verifiers` and its origin
    /// must be `origin`.
    pub fn open(
        note: &[u8],
        origin: &str,
        verifiers: &[VerifierKey],
    ) -> Result<Self, CheckpointError> {
        let opened = open_note(note, verifiers)?;
        let checkpoint = Self::parse_body(&opened.text)?;
        if checkpoint.origin != origin {
            return Err(CheckpointError::OriginMismatch {
                expected: origin.to_string(),
                found: checkpoint.origin,
            });
        }
        Ok(checkpoint)
    }

    fn check(&self) -> Result<(), CheckpointError> {
        if self.origin.is_empty() {
            return Err(CheckpointError::Malformed("empty origin"));
        }
        if self.origin.contains('\n') {
            return Err(CheckpointError::Malformed("the origin must be one line"));
        }
        if self
            .extensions
            .iter()
            .any(|l| l.is_empty() || l.contains('\n'))
        {
            return Err(CheckpointError::Malformed(
                "extension lines must be single, non-empty lines",
            ));
        }
        Ok(())
    }
}

fn parse_size(line: &str) -> Result<u64, CheckpointError> {
    let canonical = !line.is_empty()
        && line.bytes().all(|b| b.is_ascii_digit())
        && (line == "0" || !line.starts_with('0'));
    if !canonical {
        return Err(CheckpointError::Malformed(
            "the tree size must be decimal digits without leading zeros",
        ));
    }
    line.parse()
        .map_err(|_| CheckpointError::Malformed("the tree size is too large"))
}

fn parse_root(line: &str) -> Result<Hash, CheckpointError> {
    let bytes = STANDARD
        .decode(line)
        .map_err(|_| CheckpointError::Malformed("the root hash is not base64"))?;
    Hash::try_from(bytes.as_slice())
        .map_err(|_| CheckpointError::Malformed("the root hash must be 32 bytes"))
}
