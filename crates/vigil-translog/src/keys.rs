//! Ed25519 keys in the signed-note text forms (c2sp.org/signed-note, and golang.org/x/mod/sumdb/note
//! for the signer key):
//!
//! - verifier key: `name+hex(key ID)+base64(0x01 ‖ 32-byte public key)`, safe to publish;
//! - signer key: `PRIVATE+KEY+name+hex(key ID)+base64(0x01 ‖ 32-byte seed)`, the secret.
//!
//! The key ID is the first four bytes, big-endian, of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key).
//! Parsing recomputes it and refuses a key whose stated ID does not match.

use std::fmt;
use std::str::FromStr;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};

/// The signature type byte of Ed25519 in signed notes.
pub const ALG_ED25519: u8 = 0x01;

/// What a signer key string starts with.
const SIGNER_PREFIX: &str = "PRIVATE+KEY+";

/// A key string could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// A name that is empty or has a space or a '+'.
    #[error("invalid key name {0:?}: it must be non-empty, without spaces or '+'")]
    InvalidName(String),
    /// The string is not `name+hash+key` (with `PRIVATE+KEY+` before a signer key).
    #[error("malformed key: {0}")]
    Malformed(&'static str),
    /// A signature type other than Ed25519.
    #[error("unsupported key algorithm 0x{0:02x} (only Ed25519, 0x01, is supported)")]
    UnknownAlgorithm(u8),
    /// Key material of the wrong length.
    #[error("Ed25519 key material must be 32 bytes, found {0}")]
    WrongLength(usize),
    /// The stated key ID is not the one the name and key give.
    #[error("key ID {stated:08x} does not match the name and key (which give {computed:08x})")]
    KeyIdMismatch { stated: u32, computed: u32 },
    /// Bytes that are not a usable Ed25519 public key.
    #[error("not a usable Ed25519 public key")]
    InvalidPublicKey,
    /// The operating system's random generator failed.
    #[error("no randomness for a new key: {0}")]
    Random(String),
}

/// Whether `name` may name a key: non-empty, no Unicode space, no '+'.
pub fn is_valid_key_name(name: &str) -> bool {
    !name.is_empty() && !name.chars().any(|c| c.is_whitespace() || c == '+')
}

/// The recommended key ID of an Ed25519 key: SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)[..4].
pub fn ed25519_key_id(name: &str, public_key: &[u8; 32]) -> u32 {
    let mut h = Sha256::new();
    h.update(name.as_bytes());
    h.update(b"\n");
    h.update([ALG_ED25519]);
    h.update(public_key);
    let digest = h.finalize();
    u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]])
}

/// A public key that checks signatures, with the name and ID signature lines carry.
#[derive(Clone, PartialEq, Eq)]
pub struct VerifierKey {
    name: String,
    id: u32,
    key: VerifyingKey,
}

impl VerifierKey {
    /// A verifier key from a name and a 32-byte Ed25519 public key.
    pub fn from_public_key(name: &str, public_key: &[u8; 32]) -> Result<Self, KeyError> {
        if !is_valid_key_name(name) {
            return Err(KeyError::InvalidName(name.to_string()));
        }
        let key = VerifyingKey::from_bytes(public_key).map_err(|_| KeyError::InvalidPublicKey)?;
        if key.is_weak() {
            return Err(KeyError::InvalidPublicKey);
        }
        Ok(Self {
            name: name.to_string(),
            id: ed25519_key_id(name, public_key),
            key,
        })
    }

    /// Parses `name+hash+base64(0x01 ‖ public key)`.
    pub fn parse(text: &str) -> Result<Self, KeyError> {
        let (name, stated, material) = split_key(text)?;
        let key = Self::from_public_key(name, &material)?;
        check_id(stated, key.id)?;
        Ok(key)
    }

    /// The key's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The key ID signature lines carry.
    pub fn id(&self) -> u32 {
        self.id
    }

    /// The 32-byte Ed25519 public key.
    pub fn public_key(&self) -> [u8; 32] {
        self.key.to_bytes()
    }

    /// Whether `signature` is this key's valid Ed25519 signature of `message` (strict
    /// verification: non-canonical and small-order encodings are refused).
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> bool {
        let Ok(bytes) = <[u8; 64]>::try_from(signature) else {
            return false;
        };
        self.key
            .verify_strict(message, &Signature::from_bytes(&bytes))
            .is_ok()
    }
}

impl fmt::Display for VerifierKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut material = Vec::with_capacity(33);
        material.push(ALG_ED25519);
        material.extend_from_slice(self.key.as_bytes());
        write!(
            f,
            "{}+{:08x}+{}",
            self.name,
            self.id,
            STANDARD.encode(material)
        )
    }
}

impl fmt::Debug for VerifierKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "VerifierKey({self})")
    }
}

impl FromStr for VerifierKey {
    type Err = KeyError;
    fn from_str(s: &str) -> Result<Self, KeyError> {
        Self::parse(s)
    }
}

/// A secret key that signs notes. Its `Debug` form shows only the name and ID; the secret text
/// comes out only through [`SignerKey::to_secret_string`].
#[derive(Clone)]
pub struct SignerKey {
    name: String,
    id: u32,
    key: SigningKey,
}

impl SignerKey {
    /// A new key with a seed from the operating system's random generator.
    pub fn generate(name: &str) -> Result<Self, KeyError> {
        let mut seed = [0u8; 32];
        getrandom::getrandom(&mut seed).map_err(|e| KeyError::Random(e.to_string()))?;
        let key = Self::from_seed(name, &seed);
        seed.fill(0);
        key
    }

    /// The key with this 32-byte Ed25519 seed (RFC 8032 private key).
    pub fn from_seed(name: &str, seed: &[u8; 32]) -> Result<Self, KeyError> {
        if !is_valid_key_name(name) {
            return Err(KeyError::InvalidName(name.to_string()));
        }
        let key = SigningKey::from_bytes(seed);
        Ok(Self {
            name: name.to_string(),
            id: ed25519_key_id(name, key.verifying_key().as_bytes()),
            key,
        })
    }

    /// Parses `PRIVATE+KEY+name+hash+base64(0x01 ‖ seed)`; the hash must match the public key.
    pub fn parse(text: &str) -> Result<Self, KeyError> {
        let rest = text
            .strip_prefix(SIGNER_PREFIX)
            .ok_or(KeyError::Malformed("a signer key starts with PRIVATE+KEY+"))?;
        let (name, stated, seed) = split_key(rest)?;
        let key = Self::from_seed(name, &seed)?;
        check_id(stated, key.id)?;
        Ok(key)
    }

    /// The secret key text, to store and reload with [`SignerKey::parse`]. Keep it secret.
    pub fn to_secret_string(&self) -> String {
        let mut material = Vec::with_capacity(33);
        material.push(ALG_ED25519);
        material.extend_from_slice(self.key.as_bytes());
        let text = format!(
            "{SIGNER_PREFIX}{}+{:08x}+{}",
            self.name,
            self.id,
            STANDARD.encode(&material)
        );
        material.fill(0);
        text
    }

    /// The key's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The key ID signature lines carry.
    pub fn id(&self) -> u32 {
        self.id
    }

    /// The public half, to hand to verifiers.
    pub fn verifier(&self) -> VerifierKey {
        VerifierKey {
            name: self.name.clone(),
            id: self.id,
            key: self.key.verifying_key(),
        }
    }

    /// The Ed25519 signature of `message`.
    pub fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.key.sign(message).to_bytes()
    }
}

impl fmt::Debug for SignerKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignerKey")
            .field("name", &self.name)
            .field("id", &format_args!("{:08x}", self.id))
            .finish_non_exhaustive()
    }
}

/// Splits `name+hash+base64(0x01 ‖ 32 bytes)` (the base64 may itself hold '+').
fn split_key(text: &str) -> Result<(&str, u32, [u8; 32]), KeyError> {
    let mut parts = text.splitn(3, '+');
    let (Some(name), Some(hash), Some(b64)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(KeyError::Malformed("expected name+hash+key"));
    };
    if !is_valid_key_name(name) {
        return Err(KeyError::InvalidName(name.to_string()));
    }
    if hash.len() != 8 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(KeyError::Malformed(
            "the key hash must be 8 hexadecimal digits",
        ));
    }
    let stated = u32::from_str_radix(hash, 16)
        .map_err(|_| KeyError::Malformed("the key hash must be 8 hexadecimal digits"))?;
    let mut decoded = STANDARD
        .decode(b64)
        .map_err(|_| KeyError::Malformed("the key material is not base64"))?;
    let result = match decoded.split_first() {
        None => Err(KeyError::Malformed("the key material is empty")),
        Some((&alg, _)) if alg != ALG_ED25519 => Err(KeyError::UnknownAlgorithm(alg)),
        Some((_, key)) => <[u8; 32]>::try_from(key)
            .map(|k| (name, stated, k))
            .map_err(|_| KeyError::WrongLength(key.len())),
    };
    decoded.fill(0);
    result
}

fn check_id(stated: u32, computed: u32) -> Result<(), KeyError> {
    if stated == computed {
        Ok(())
    } else {
        Err(KeyError::KeyIdMismatch { stated, computed })
    }
}
