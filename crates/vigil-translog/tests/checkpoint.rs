//! Checkpoints: sign, write, read back, check; and the refusals.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use vigil_translog::{Checkpoint, CheckpointError, NoteError, SignerKey, Tree, VerifierKey};

const ORIGIN: &str = "example.org/vigil";

fn tree(n: u32) -> Tree {
    let mut tree = Tree::new();
    for i in 0..n {
        tree.push_entry(format!("record {i}").as_bytes());
    }
    tree
}

#[test]
fn sign_write_parse_verify_round_trip() {
    let key = SignerKey::generate(ORIGIN).unwrap();
    // The secret key survives being stored and reloaded.
    let stored = key.to_secret_string();
    assert!(stored.starts_with("PRIVATE+KEY+example.org/vigil+"));
    let key = SignerKey::parse(&stored).unwrap();
    let public = key.verifier().to_string();
    assert_eq!(
        public,
        format!("{ORIGIN}+{:08x}+{}", key.id(), &public[ORIGIN.len() + 10..])
    );
    let verifier = VerifierKey::parse(&public).unwrap();

    let tree = tree(1000);
    let checkpoint = Checkpoint::new(ORIGIN, tree.size(), tree.current_root());
    let note = checkpoint.sign(&key).unwrap();

    let body = format!("{ORIGIN}\n1000\n{}\n", STANDARD.encode(tree.current_root()));
    assert_eq!(checkpoint.body(), body);
    let sig_line = note.strip_prefix(&format!("{body}\n")).unwrap();
    assert!(sig_line.starts_with(&format!("\u{2014} {ORIGIN} ")));
    assert!(sig_line.ends_with('\n'));
    assert_eq!(sig_line.lines().count(), 1);

    let opened = Checkpoint::open(note.as_bytes(), ORIGIN, &[verifier]).unwrap();
    assert_eq!(opened, checkpoint);
}

#[test]
fn the_empty_tree_has_a_checkpoint() {
    let key = SignerKey::from_seed(ORIGIN, &[3; 32]).unwrap();
    let checkpoint = Checkpoint::new(ORIGIN, 0, Tree::new().current_root());
    let note = checkpoint.sign(&key).unwrap();
    assert!(note.starts_with(
        "example.org/vigil\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n\n\u{2014} "
    ));
    assert_eq!(
        Checkpoint::open(note.as_bytes(), ORIGIN, &[key.verifier()]).unwrap(),
        checkpoint
    );
}

#[test]
fn extension_lines_are_kept_and_signed() {
    let key = SignerKey::from_seed(ORIGIN, &[4; 32]).unwrap();
    let mut checkpoint = Checkpoint::new(ORIGIN, 5, tree(5).current_root());
    checkpoint.extensions.push("an extension".into());
    let note = checkpoint.sign(&key).unwrap();
    let opened = Checkpoint::open(note.as_bytes(), ORIGIN, &[key.verifier()]).unwrap();
    assert_eq!(opened.extensions, vec!["an extension".to_string()]);
    checkpoint.extensions.push(String::new());
    assert!(checkpoint.sign(&key).is_err());
}

#[test]
fn tampering_is_refused() {
    let key = SignerKey::from_seed(ORIGIN, &[5; 32]).unwrap();
    let verifiers = [key.verifier()];
    let tree = tree(10);
    let note = Checkpoint::new(ORIGIN, 10, tree.current_root())
        .sign(&key)
        .unwrap();

    // Another size, another root, another origin: each breaks the signature.
    let other_root = STANDARD.encode(tree.root(9).unwrap());
    let root_line = STANDARD.encode(tree.current_root());
    for forged in [
        note.replacen("\n10\n", "\n11\n", 1),
        note.replacen(&root_line, &other_root, 1),
        note.replacen(ORIGIN, "example.org/other", 1),
    ] {
        assert!(matches!(
            Checkpoint::open(forged.as_bytes(), ORIGIN, &verifiers),
            Err(CheckpointError::Note(NoteError::InvalidSignature { .. }))
        ));
    }

    // A checkpoint of another log, even well signed, is not this log's.
    let other = SignerKey::from_seed("example.org/other", &[6; 32]).unwrap();
    let theirs = Checkpoint::new("example.org/other", 10, tree.current_root())
        .sign(&other)
        .unwrap();
    assert_eq!(
        Checkpoint::open(theirs.as_bytes(), ORIGIN, &[other.verifier()]),
        Err(CheckpointError::OriginMismatch {
            expected: ORIGIN.into(),
            found: "example.org/other".into()
        })
    );

    // The right name with another key: refused, naming the key it was signed by.
    let impostor = SignerKey::from_seed(ORIGIN, &[7; 32]).unwrap();
    let err = Checkpoint::open(note.as_bytes(), ORIGIN, &[impostor.verifier()]).unwrap_err();
    let label = format!("{ORIGIN}+{:08x}", key.id());
    assert_eq!(
        err,
        CheckpointError::Note(NoteError::NoTrustedSignature {
            signers: vec![label.clone()]
        })
    );
    assert!(err.to_string().contains(&label));
}

#[test]
fn malformed_bodies_are_refused() {
    let root = STANDARD.encode([0u8; 32]);
    let short = STANDARD.encode([0u8; 31]);
    for body in [
        format!("{ORIGIN}\n10\n"),
        format!("{ORIGIN}\n010\n{root}\n"),
        format!("{ORIGIN}\n-1\n{root}\n"),
        format!("{ORIGIN}\n+1\n{root}\n"),
        format!("{ORIGIN}\n1 0\n{root}\n"),
        format!("{ORIGIN}\n18446744073709551616\n{root}\n"),
        format!("{ORIGIN}\n10\n{short}\n"),
        format!("{ORIGIN}\n10\nnot base64\n"),
        format!("\n10\n{root}\n"),
        format!("{ORIGIN}\n10\n{root}"),
    ] {
        assert!(
            matches!(
                Checkpoint::parse_body(&body),
                Err(CheckpointError::Malformed(_))
            ),
            "accepted {body:?}"
        );
    }
    let ok = Checkpoint::parse_body(&format!("{ORIGIN}\n18446744073709551615\n{root}\n")).unwrap();
    assert_eq!(ok.size, u64::MAX);

    // A signed note whose text is not a checkpoint.
    let key = SignerKey::from_seed(ORIGIN, &[8; 32]).unwrap();
    let note = vigil_translog::sign_note("hello\n", &[&key]).unwrap();
    assert!(matches!(
        Checkpoint::open(note.as_bytes(), ORIGIN, &[key.verifier()]),
        Err(CheckpointError::Malformed(_))
    ));
}
