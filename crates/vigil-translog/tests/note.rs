//! Keys and signed notes against the published example of golang.org/x/mod/sumdb/note
//! (`note_test.go`: the PeterNeumann and EnochRoot keys, the signed text, and the signature
//! lines it expects), plus the refusals the signed-note spec calls for.

use vigil_translog::{
    open_note, sign_note, KeyError, Note, NoteError, SignerKey, VerifierKey, MAX_SIGNATURES,
};

const PETER_VKEY: &str = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
const PETER_SKEY: &str =
    "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
const ENOCH_VKEY: &str = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
const TEXT: &str = "If you think cryptography is the answer to your problem,\n\
                    then you don't know what your problem is.\n";
const PETER_SIG: &str = "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
const ENOCH_SIG: &str = "— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";

fn peter() -> VerifierKey {
    VerifierKey::parse(PETER_VKEY).unwrap()
}

fn enoch() -> VerifierKey {
    VerifierKey::parse(ENOCH_VKEY).unwrap()
}

#[test]
fn the_published_keys_parse_and_print_back() {
    let v = peter();
    assert_eq!(v.name(), "PeterNeumann");
    assert_eq!(v.id(), 0xc74f20a3);
    assert_eq!(v.to_string(), PETER_VKEY);
    let s = SignerKey::parse(PETER_SKEY).unwrap();
    assert_eq!(s.id(), 0xc74f20a3);
    assert_eq!(s.verifier(), v);
    assert_eq!(s.to_secret_string(), PETER_SKEY);
    assert!(!format!("{s:?}").contains("AYEKFALV"));
    assert_eq!(enoch().to_string(), ENOCH_VKEY);
}

#[test]
fn signing_the_published_text_gives_the_published_note() {
    let signer = SignerKey::parse(PETER_SKEY).unwrap();
    let note = sign_note(TEXT, &[&signer]).unwrap();
    assert_eq!(note, format!("{TEXT}\n{PETER_SIG}"));
}

#[test]
fn the_published_note_opens() {
    let note = format!("{TEXT}\n{PETER_SIG}{ENOCH_SIG}");
    let opened = open_note(note.as_bytes(), &[peter()]).unwrap();
    assert_eq!(opened.text, TEXT);
    assert_eq!(opened.verified.len(), 1);
    assert_eq!(opened.verified[0].name, "PeterNeumann");
    assert_eq!(opened.unverified.len(), 1);
    assert_eq!(opened.unverified[0].id, 0xaf0cfe78);

    let both = open_note(note.as_bytes(), &[peter(), enoch()]).unwrap();
    assert_eq!(both.verified.len(), 2);
    assert!(both.unverified.is_empty());
    assert_eq!(Note::parse(note.as_bytes()).unwrap().to_text(), note);
}

#[test]
fn every_mangled_key_is_refused() {
    // Every proper substring, and every single-byte increment, as note_test.go checks.
    let b = PETER_VKEY.as_bytes();
    for i in 0..=b.len() {
        for j in i + 1..=b.len() {
            if i == 0 && j == b.len() {
                continue;
            }
            let s = std::str::from_utf8(&b[i..j]).unwrap();
            assert!(VerifierKey::parse(s).is_err(), "accepted {s:?}");
        }
    }
    for i in 0..b.len() {
        let mut m = b.to_vec();
        m[i] += 1;
        let s = String::from_utf8(m).unwrap();
        assert!(VerifierKey::parse(&s).is_err(), "accepted {s:?}");
    }
    let b = PETER_SKEY.as_bytes();
    for i in 0..=b.len() {
        for j in i + 1..=b.len() {
            if i == 0 && j == b.len() {
                continue;
            }
            let s = std::str::from_utf8(&b[i..j]).unwrap();
            assert!(SignerKey::parse(s).is_err(), "accepted {s:?}");
        }
    }
    for i in 0..b.len() {
        let mut m = b.to_vec();
        m[i] += 1;
        let s = String::from_utf8(m).unwrap();
        assert!(SignerKey::parse(&s).is_err(), "accepted {s:?}");
    }
    // Wrong key length and unknown algorithm, each with its key hash adjusted to match.
    // (Go's decoder takes the first one's non-zero trailing bits; this crate's strict base64
    // already refuses it as not base64. A clean 37-byte key shows the length check.)
    assert!(VerifierKey::parse(
        "PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=="
    )
    .is_err());
    assert_eq!(
        VerifierKey::parse(
            "PeterNeumann+00000000+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEQ=="
        ),
        Err(KeyError::WrongLength(36))
    );
    assert_eq!(
        VerifierKey::parse("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"),
        Err(KeyError::UnknownAlgorithm(0x65))
    );
    assert_eq!(
        VerifierKey::parse("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"),
        Err(KeyError::KeyIdMismatch {
            stated: 0xc74f20a4,
            computed: 0xc74f20a3
        })
    );
    assert!(matches!(
        VerifierKey::parse("Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"),
        Err(KeyError::InvalidName(_))
    ));
}

#[test]
fn a_bad_signature_by_a_trusted_key_rejects_the_note() {
    let bad = format!("{TEXT}\n{}ABCD{}", &PETER_SIG[..60], &PETER_SIG[60..]);
    let err = open_note(bad.as_bytes(), &[peter()]).unwrap_err();
    assert_eq!(
        err,
        NoteError::InvalidSignature {
            name: "PeterNeumann".into(),
            id: 0xc74f20a3
        }
    );
    assert_eq!(
        err.to_string(),
        "invalid signature for key PeterNeumann+c74f20a3"
    );

    let altered = format!("{TEXT}\n{PETER_SIG}").replace("cryptography", "cryptographY");
    assert!(matches!(
        open_note(altered.as_bytes(), &[peter()]),
        Err(NoteError::InvalidSignature { .. })
    ));
}

#[test]
fn unknown_and_mismatched_keys_are_not_trusted() {
    let note = format!("{TEXT}\n{PETER_SIG}{ENOCH_SIG}");
    let err = open_note(note.as_bytes(), &[]).unwrap_err();
    assert_eq!(
        err,
        NoteError::NoTrustedSignature {
            signers: vec!["PeterNeumann+c74f20a3".into(), "EnochRoot+af0cfe78".into()]
        }
    );
    // Same name, another key (so another ID): the signature is not by a trusted key.
    let impostor = SignerKey::from_seed("PeterNeumann", &[9; 32]).unwrap();
    let err = open_note(
        format!("{TEXT}\n{PETER_SIG}").as_bytes(),
        &[impostor.verifier()],
    )
    .unwrap_err();
    assert!(matches!(err, NoteError::NoTrustedSignature { .. }));
    // Another name, same key material.
    let renamed = VerifierKey::from_public_key("PeterNeumann2", &peter().public_key()).unwrap();
    let err = open_note(format!("{TEXT}\n{PETER_SIG}").as_bytes(), &[renamed]).unwrap_err();
    assert!(matches!(err, NoteError::NoTrustedSignature { .. }));
}

#[test]
fn repeated_signatures_count_once() {
    let note = format!("{TEXT}\n{PETER_SIG}{PETER_SIG}{ENOCH_SIG}{ENOCH_SIG}");
    let opened = open_note(note.as_bytes(), &[peter()]).unwrap();
    assert_eq!(opened.verified.len(), 1);
    assert_eq!(opened.unverified.len(), 1);
}

#[test]
fn malformed_notes_are_refused() {
    let too_many = format!("{TEXT}\n{}", PETER_SIG.repeat(MAX_SIGNATURES + 1));
    let bad = [
        TEXT.to_string(),
        format!("{TEXT}\n"),
        format!("{TEXT}\n{}", &PETER_SIG[..PETER_SIG.len() - 1]),
        format!("\x01{TEXT}\n{PETER_SIG}"),
        format!("{TEXT}\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"),
        format!("{TEXT}\n{PETER_SIG}Unexpected line.\n"),
        format!("{TEXT}\n- PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"),
        format!("{TEXT}\n— PeterNeumann AAAA\n"),
        format!("{TEXT}\n— PeterNeumann not*base64\n"),
        too_many,
    ];
    for note in &bad {
        assert!(
            matches!(
                open_note(note.as_bytes(), &[peter()]),
                Err(NoteError::Malformed(_))
            ),
            "accepted {note:?}"
        );
    }
    let mut invalid_utf8 = format!("{TEXT}\n{PETER_SIG}").into_bytes();
    invalid_utf8.insert(0, 0xff);
    assert!(matches!(
        open_note(&invalid_utf8, &[peter()]),
        Err(NoteError::Malformed(_))
    ));
    let signer = SignerKey::parse(PETER_SKEY).unwrap();
    assert!(sign_note("no final newline", &[&signer]).is_err());
    assert!(sign_note("tab\there\n", &[&signer]).is_err());
    assert!(sign_note(TEXT, &[]).is_err());
}

#[test]
fn a_trusted_key_listed_twice_is_harmless() {
    let a = SignerKey::from_seed("log", &[1; 32]).unwrap();
    let b = SignerKey::from_seed("log", &[2; 32]).unwrap();
    assert_ne!(a.id(), b.id());
    let note = sign_note(TEXT, &[&a]).unwrap();
    let opened = open_note(note.as_bytes(), &[a.verifier(), b.verifier(), a.verifier()]).unwrap();
    assert_eq!(opened.verified.len(), 1);
}
