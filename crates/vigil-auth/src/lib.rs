//! Vigil's secrets, in one place so the command line that makes them and the server that
//! checks them agree byte for byte.
//!
//! - **API tokens**: [`new_token`] makes one from 32 bytes of the operating system's random
//!   generator, spelt `vigil_` + base64url without padding (49 characters). Only its SHA-256
//!   is stored; [`token_sha256`] turns what a client presents into that digest, so the server
//!   finds the token with one indexed read. The token has 256 bits of entropy, which is why a
//!   fast, unsalted hash is enough here: nobody can guess their way to a preimage, and a
//!   deterministic digest is what makes the lookup by index possible.
//! - **Passwords**: [`hash_password`] hashes with Argon2id (the `argon2` crate's default
//!   parameters) and a random salt, into a PHC string (`$argon2id$v=19$m=…`), which carries its
//!   own parameters so they can be raised later without breaking stored hashes;
//!   [`verify_password`] checks a password against one.
//! - [`new_token_id`]: the short public id a token is listed and revoked by.
//!
//! Nothing here prints, logs or keeps a secret.
#![forbid(unsafe_code)]

use argon2::Argon2;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use password_hash::rand_core::{OsRng, RngCore};
use password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use vigil_domain::Sha256;

/// What every token starts with: it tells a reader (and secret scanners) what the string is.
pub const TOKEN_PREFIX: &str = "vigil_";

/// Random bytes in a token.
const TOKEN_BYTES: usize = 32;

/// Base64url characters for [`TOKEN_BYTES`] bytes, without padding.
const TOKEN_CHARS: usize = (TOKEN_BYTES * 4).div_ceil(3);

/// Shortest password accepted (NIST SP 800-63B's minimum for a chosen password).
pub const MIN_PASSWORD_CHARS: usize = 8;

/// A password could not be hashed or checked.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("a password needs at least {MIN_PASSWORD_CHARS} characters")]
    PasswordTooShort,
    #[error("the stored password hash is not a PHC string: {0}")]
    BadHash(String),
    #[error("password hashing failed: {0}")]
    Hashing(String),
}

/// A new API token and its SHA-256. Show the token once to whoever asked for it and store
/// only the digest.
pub fn new_token() -> (String, Sha256) {
    let mut bytes = [0u8; TOKEN_BYTES];
    OsRng.fill_bytes(&mut bytes);
    let token = format!("{TOKEN_PREFIX}{}", URL_SAFE_NO_PAD.encode(bytes));
    let digest = Sha256::of(token.as_bytes());
    (token, digest)
}

/// The SHA-256 of a presented token, or `None` when it is not a well-formed Vigil token (wrong
/// prefix, length or alphabet, or a base64 spelling that is not the canonical one). Refusing
/// those early keeps garbage out of the database lookup, and canonical spelling means one
/// secret has one digest.
pub fn token_sha256(presented: &str) -> Option<Sha256> {
    let body = presented.strip_prefix(TOKEN_PREFIX)?;
    if body.len() != TOKEN_CHARS {
        return None;
    }
    // The decoder refuses padding, characters outside base64url and non-zero trailing bits.
    let bytes = URL_SAFE_NO_PAD.decode(body).ok()?;
    if bytes.len() != TOKEN_BYTES {
        return None;
    }
    Some(Sha256::of(presented.as_bytes()))
}

/// A new public token id: 12 lower-case hex digits (48 random bits), enough to tell a few
/// thousand tokens apart; the store refuses a duplicate, so a clash fails loudly.
pub fn new_token_id() -> String {
    let mut bytes = [0u8; 6];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Hashes a password with Argon2id and a fresh random salt, as a PHC string.
pub fn hash_password(password: &str) -> Result<String, AuthError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AuthError::PasswordTooShort);
    }
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| AuthError::Hashing(e.to_string()))
}

/// Whether `password` matches the PHC string `phc` (with the parameters the string names, so
/// hashes made with older parameters still verify). A malformed stored hash is an error, not
/// a mismatch: it means the database was altered.
pub fn verify_password(password: &str, phc: &str) -> Result<bool, AuthError> {
    let parsed = PasswordHash::new(phc).map_err(|e| AuthError::BadHash(e.to_string()))?;
    match Argon2::default().verify_password(password.as_bytes(), &parsed) {
        Ok(()) => Ok(true),
        Err(password_hash::Error::Password) => Ok(false),
        Err(e) => Err(AuthError::Hashing(e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_token_is_prefixed_base64url_and_its_digest_is_what_lookup_computes() {
        let (token, digest) = new_token();
        assert!(token.starts_with("vigil_"), "{token}");
        assert_eq!(token.len(), 6 + 43);
        assert!(token[6..]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        assert_eq!(token_sha256(&token), Some(digest));
        assert_ne!(
            new_token().0,
            token,
            "each token comes from fresh randomness"
        );
    }

    #[test]
    fn malformed_tokens_have_no_digest() {
        let (token, _) = new_token();
        let body = &token[6..];
        for bad in [
            String::new(),
            body.to_string(),                  // no prefix
            format!("VIGIL_{body}"),           // prefix is case-sensitive
            token[..48].to_string(),           // one character short
            format!("{token}A"),               // one too many
            format!("vigil_{}=", &body[..42]), // padding
            format!("vigil_{}+", &body[..42]), // standard base64, not url-safe
            format!(" {token}"),
        ] {
            assert_eq!(token_sha256(&bad), None, "{bad:?}");
        }
        // 43 characters carry 258 bits; a last character that sets the 2 spare bits is a
        // second spelling of the same bytes and is refused.
        let canonical = format!("vigil_{}", "A".repeat(43));
        assert!(token_sha256(&canonical).is_some());
        assert_eq!(token_sha256(&format!("vigil_{}B", "A".repeat(42))), None);
    }

    #[test]
    fn token_ids_are_twelve_hex_digits() {
        let id = new_token_id();
        assert_eq!(id.len(), 12);
        assert!(id
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    }

    #[test]
    fn passwords_hash_to_salted_argon2id_and_verify() {
        let hash = hash_password("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$v=19$"), "{hash}");
        assert!(!hash.contains("correct horse battery"));
        assert!(verify_password("correct horse battery", &hash).unwrap());
        assert!(!verify_password("correct horse batterY", &hash).unwrap());
        assert_ne!(
            hash_password("correct horse battery").unwrap(),
            hash,
            "a fresh salt each time"
        );
    }

    #[test]
    fn short_passwords_and_malformed_hashes_are_errors() {
        assert!(matches!(
            hash_password("short"),
            Err(AuthError::PasswordTooShort)
        ));
        assert!(matches!(
            verify_password("whatever1", "plaintext"),
            Err(AuthError::BadHash(_))
        ));
    }
}
