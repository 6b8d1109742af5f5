//! Signed notes (c2sp.org/signed-note): a UTF-8 text ending in a newline, a blank line, then
//! one line per signature, `— name base64(key ID ‖ signature)` (em dash U+2014, space).
//!
//! [`sign_note`] writes one; [`open_note`] parses one and checks its signatures against the
//! keys the reader trusts, following the spec: signatures by unknown keys (name and ID not both
//! matching a trusted key) are set aside, a failing signature by a trusted key rejects the whole
//! note, and a note with no verified signature is rejected.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

use crate::keys::{is_valid_key_name, SignerKey, VerifierKey};

/// What begins a signature line: em dash, space.
const SIG_PREFIX: &str = "\u{2014} ";

/// Most signature lines a note may carry (the limit of golang.org/x/mod/sumdb/note).
pub const MAX_SIGNATURES: usize = 100;

/// A note could not be written, read or trusted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoteError {
    /// Not a well-formed signed note.
    #[error("malformed note: {0}")]
    Malformed(&'static str),
    /// A signature by a trusted key did not verify.
    #[error("invalid signature for key {name}+{id:08x}")]
    InvalidSignature { name: String, id: u32 },
    /// Two different trusted keys share a name and key ID.
    #[error("ambiguous key {name}+{id:08x}: more than one trusted key has this name and ID")]
    AmbiguousKey { name: String, id: u32 },
    /// No signature is by a trusted key.
    #[error("note has no signature by a trusted key (signed by: {})", .signers.join(", "))]
    NoTrustedSignature {
        /// `name+hex(key ID)` of every signature found.
        signers: Vec<String>,
    },
}

/// One signature line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteSignature {
    /// The key name.
    pub name: String,
    /// The key ID.
    pub id: u32,
    /// The signature bytes (after the key ID).
    pub signature: Vec<u8>,
}

impl NoteSignature {
    /// The signature line, without its final newline.
    pub fn line(&self) -> String {
        let mut blob = Vec::with_capacity(4 + self.signature.len());
        blob.extend_from_slice(&self.id.to_be_bytes());
        blob.extend_from_slice(&self.signature);
        format!("{SIG_PREFIX}{} {}", self.name, STANDARD.encode(blob))
    }

    fn key_label(&self) -> String {
        format!("{}+{:08x}", self.name, self.id)
    }
}

/// A note split into its text and signatures, not yet trusted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The signed text, final newline included.
    pub text: String,
    /// The signature lines, in order.
    pub signatures: Vec<NoteSignature>,
}

impl Note {
    /// Parses a signed note's syntax; no signature is checked.
    pub fn parse(note: &[u8]) -> Result<Self, NoteError> {
        let note = std::str::from_utf8(note).map_err(|_| NoteError::Malformed("not UTF-8"))?;
        if note.chars().any(|c| c < ' ' && c != '\n') {
            return Err(NoteError::Malformed("control character"));
        }
        let split = note
            .rfind("\n\n")
            .ok_or(NoteError::Malformed("no blank line before the signatures"))?;
        let (text, sigs) = (&note[..split + 1], &note[split + 2..]);
        let sigs = sigs
            .strip_suffix('\n')
            .ok_or(NoteError::Malformed("signatures must end with a newline"))?;
        let mut signatures = Vec::new();
        for line in sigs.split('\n') {
            if signatures.len() == MAX_SIGNATURES {
                return Err(NoteError::Malformed("too many signatures"));
            }
            signatures.push(parse_signature_line(line)?);
        }
        Ok(Self {
            text: text.to_string(),
            signatures,
        })
    }

    /// The note as text: the text, a blank line, the signature lines.
    pub fn to_text(&self) -> String {
        let mut out = String::with_capacity(self.text.len() + 1 + 110 * self.signatures.len());
        out.push_str(&self.text);
        out.push('\n');
        for sig in &self.signatures {
            out.push_str(&sig.line());
            out.push('\n');
        }
        out
    }
}

/// A note whose text at least one trusted key signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenedNote {
    /// The signed text, final newline included.
    pub text: String,
    /// Signatures verified by a trusted key (one per key).
    pub verified: Vec<NoteSignature>,
    /// Signatures by keys not trusted here, left unchecked.
    pub unverified: Vec<NoteSignature>,
}

/// Signs `text` (non-empty, ending in a newline, no control character but newline) with each
/// signer, in order, and returns the signed note.
pub fn sign_note(text: &str, signers: &[&SignerKey]) -> Result<String, NoteError> {
    check_text(text)?;
    if signers.is_empty() {
        return Err(NoteError::Malformed("a note needs at least one signature"));
    }
    if signers.len() > MAX_SIGNATURES {
        return Err(NoteError::Malformed("too many signatures"));
    }
    let note = Note {
        text: text.to_string(),
        signatures: signers
            .iter()
            .map(|s| NoteSignature {
                name: s.name().to_string(),
                id: s.id(),
                signature: s.sign(text.as_bytes()).to_vec(),
            })
            .collect(),
    };
    Ok(note.to_text())
}

/// Parses a signed note and checks it against the trusted `verifiers`.
pub fn open_note(note: &[u8], verifiers: &[VerifierKey]) -> Result<OpenedNote, NoteError> {
    let parsed = Note::parse(note)?;
    let mut verified: Vec<NoteSignature> = Vec::new();
    let mut unverified: Vec<NoteSignature> = Vec::new();
    for sig in &parsed.signatures {
        let mut matching = verifiers
            .iter()
            .filter(|v| v.name() == sig.name && v.id() == sig.id);
        let Some(key) = matching.next() else {
            if !unverified.contains(sig) {
                unverified.push(sig.clone());
            }
            continue;
        };
        if matching.any(|other| other != key) {
            return Err(NoteError::AmbiguousKey {
                name: sig.name.clone(),
                id: sig.id,
            });
        }
        if !key.verify(parsed.text.as_bytes(), &sig.signature) {
            return Err(NoteError::InvalidSignature {
                name: sig.name.clone(),
                id: sig.id,
            });
        }
        if !verified
            .iter()
            .any(|v| v.name == sig.name && v.id == sig.id)
        {
            verified.push(sig.clone());
        }
    }
    if verified.is_empty() {
        return Err(NoteError::NoTrustedSignature {
            signers: parsed.signatures.iter().map(|s| s.key_label()).collect(),
        });
    }
    Ok(OpenedNote {
        text: parsed.text,
        verified,
        unverified,
    })
}

fn check_text(text: &str) -> Result<(), NoteError> {
    if !text.ends_with('\n') {
        return Err(NoteError::Malformed("the text must end with a newline"));
    }
    if text.chars().any(|c| c < ' ' && c != '\n') {
        return Err(NoteError::Malformed("control character"));
    }
    Ok(())
}

fn parse_signature_line(line: &str) -> Result<NoteSignature, NoteError> {
    let rest = line.strip_prefix(SIG_PREFIX).ok_or(NoteError::Malformed(
        "a signature line must start with an em dash and a space",
    ))?;
    let (name, b64) = rest.split_once(' ').ok_or(NoteError::Malformed(
        "a signature line is name, space, signature",
    ))?;
    if !is_valid_key_name(name) {
        return Err(NoteError::Malformed("invalid key name in a signature line"));
    }
    let blob = STANDARD
        .decode(b64)
        .map_err(|_| NoteError::Malformed("a signature is not base64"))?;
    if blob.len() < 5 {
        return Err(NoteError::Malformed("a signature is too short"));
    }
    Ok(NoteSignature {
        name: name.to_string(),
        id: u32::from_be_bytes([blob[0], blob[1], blob[2], blob[3]]),
        signature: blob[4..].to_vec(),
    })
}
