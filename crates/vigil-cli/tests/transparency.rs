//! The transparency log through the real `vigil` binary: checkpoints, proofs checked offline,
//! and `vigil verify` naming what was altered behind Vigil's back (the database edited
//! directly, as someone holding the file or the database password could).

mod common;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use common::{file, sql, vigil};
use std::path::Path;

fn demo_with_checkpoint(dir: &Path) -> (String, String) {
    vigil(dir, &["demo"]).ok();
    let checkpoint = vigil(dir, &["log", "checkpoint"]).ok().stdout;
    let key = vigil(dir, &["log", "public-key"]).ok().stdout;
    (checkpoint, key.trim().to_owned())
}

#[test]
fn a_proof_is_checked_offline_and_a_changed_byte_fails_it() {
    let dir = tempfile::tempdir().unwrap();
    let (checkpoint, key) = demo_with_checkpoint(dir.path());
    let lines: Vec<&str> = checkpoint.lines().collect();
    assert!(
        key.starts_with(lines[0]),
        "the key is named for the log's origin: {key}"
    );
    assert!(lines[1].parse::<u64>().unwrap() > 100, "{checkpoint}");
    assert!(lines[4].starts_with("— "), "a signed note: {checkpoint}");
    // Asking again without a new write signs nothing new.
    assert_eq!(
        vigil(dir.path(), &["log", "checkpoint"]).ok().stdout,
        checkpoint
    );

    let proof = vigil(dir.path(), &["log", "proof", "--record", "site/site-m10"])
        .ok()
        .stdout;
    let value: serde_json::Value = serde_json::from_str(&proof).unwrap();
    assert_eq!(value["tree_size"].as_u64(), lines[1].parse().ok());
    let proof_file = file(dir.path(), "proof.json", &proof);
    let checkpoint_file = file(dir.path(), "checkpoint.txt", &checkpoint);
    // Checked with no database at all: another directory.
    let elsewhere = tempfile::tempdir().unwrap();
    let run = vigil(
        elsewhere.path(),
        &[
            "verify-proof",
            "--proof",
            proof_file.to_str().unwrap(),
            "--checkpoint",
            checkpoint_file.to_str().unwrap(),
            "--public-key",
            &key,
        ],
    )
    .ok();
    assert!(
        run.stdout.contains("record site/site-m10"),
        "{}",
        run.stdout
    );
    assert!(!elsewhere.path().join("vigil.db").exists());

    // The entry claims another actor: the proof no longer holds.
    let mut forged = value.clone();
    let leaf = value["leaf"].as_str().unwrap();
    let mut bytes = STANDARD.decode(leaf).unwrap();
    let at = bytes.len() - 3;
    bytes[at] ^= 1;
    forged["leaf"] = serde_json::Value::String(STANDARD.encode(&bytes));
    let forged_file = file(dir.path(), "forged.json", &forged.to_string());
    let run = vigil(
        elsewhere.path(),
        &[
            "verify-proof",
            "--proof",
            forged_file.to_str().unwrap(),
            "--checkpoint",
            checkpoint_file.to_str().unwrap(),
            "--public-key",
            &key,
        ],
    );
    assert_ne!(run.code, 0, "{}", run.stdout);
    assert!(run.stderr.contains("does not hold"), "{}", run.stderr);
}

#[test]
fn consistency_between_two_checkpoints_holds() {
    consistency_between_two_checkpoints(false);
}

/// A database from before the log kept its head (the frontier of its last checkpoint's tree)
/// goes on from its stored leaf hashes, and every checkpoint after extends the earlier ones.
#[test]
fn a_log_without_a_head_goes_on_from_its_stored_leaves() {
    consistency_between_two_checkpoints(true);
}

fn consistency_between_two_checkpoints(forget_the_head: bool) {
    let dir = tempfile::tempdir().unwrap();
    let (first, key) = demo_with_checkpoint(dir.path());
    if forget_the_head {
        sql(dir.path(), "DELETE FROM log_head");
    }
    let sites = file(
        dir.path(),
        "sites.csv",
        "id,kind,name,lon,lat,radius_m,notified_from,notified_to\n\
         site-new,clinic,New clinic,37.1,36.2,50,2016-10-01,\n",
    );
    vigil(
        dir.path(),
        &["import", "--kind", "sites", sites.to_str().unwrap()],
    )
    .ok();
    let second = vigil(dir.path(), &["log", "checkpoint"]).ok().stdout;
    let verifier = vigil_translog::VerifierKey::parse(&key).unwrap();
    let open = |note: &str| {
        vigil_translog::Checkpoint::open(
            note.as_bytes(),
            verifier.name(),
            std::slice::from_ref(&verifier),
        )
        .unwrap()
    };
    let (a, b) = (open(&first), open(&second));
    assert!(b.size > a.size);
    let proof = vigil(
        dir.path(),
        &["log", "consistency", "--from", &a.size.to_string()],
    )
    .ok()
    .stdout;
    let value: serde_json::Value = serde_json::from_str(&proof).unwrap();
    let path: Vec<[u8; 32]> = value["consistency_path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let bytes = hex::decode(h.as_str().unwrap()).unwrap();
            bytes.try_into().unwrap()
        })
        .collect();
    vigil_translog::verify_consistency(a.size, b.size, &path, &a.root, &b.root).unwrap();
    // Nothing new: the same checkpoint again. And the whole log still checks.
    assert_eq!(
        vigil(dir.path(), &["log", "checkpoint"]).ok().stdout,
        second
    );
    vigil(dir.path(), &["verify"]).ok();
}

#[test]
fn verify_names_an_altered_entry_an_altered_record_and_a_truncated_log() {
    let dir = tempfile::tempdir().unwrap();
    demo_with_checkpoint(dir.path());
    let clean = vigil(dir.path(), &["verify"]).ok().stdout;
    assert!(
        clean.contains("The log, its checkpoints and the records agree."),
        "{clean}"
    );

    sql(
        dir.path(),
        "UPDATE sites SET name = 'Renamed' WHERE id = 'site-m10'",
    );
    let run = vigil(dir.path(), &["verify"]);
    assert_eq!(run.code, 6, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("site site-m10 is not as its last audit entry wrote it"),
        "{}",
        run.stdout
    );

    sql(
        dir.path(),
        "UPDATE audit_log SET actor = 'someone else' WHERE seq = 5",
    );
    let run = vigil(dir.path(), &["verify"]);
    assert!(
        run.stdout.contains("audit entry 5 was altered"),
        "{}",
        run.stdout
    );

    sql(
        dir.path(),
        "DELETE FROM audit_log WHERE seq > (SELECT max(seq) - 3 FROM audit_log)",
    );
    let run = vigil(dir.path(), &["verify"]);
    assert_eq!(run.code, 6);
    assert!(
        run.stdout.contains("the audit log is truncated"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains("problem(s) in the log"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_evidence_item_is_proven_by_its_hash_and_a_flipped_byte_is_named_by_verify() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    vigil(d, &["demo"]).ok();
    let photo = d.join("photo.jpg");
    let mut body = vec![0xFF, 0xD8, 0xFF, 0xE0];
    body.extend_from_slice(b"a photograph of the hospital's east wing");
    std::fs::write(&photo, &body).unwrap();
    let added = vigil(d, &["evidence", "add", photo.to_str().unwrap()])
        .ok()
        .stdout;
    let sha = added.lines().last().unwrap().trim().to_owned();
    vigil(d, &["log", "checkpoint"]).ok();

    let proof = vigil(d, &["log", "proof", "--sha256", &sha]).ok().stdout;
    let value: serde_json::Value = serde_json::from_str(&proof).unwrap();
    let entry =
        String::from_utf8(STANDARD.decode(value["leaf"].as_str().unwrap()).unwrap()).unwrap();
    assert!(
        entry.contains(&sha),
        "the leaf names the evidence's SHA-256: {entry}"
    );
    assert_eq!(vigil(d, &["verify"]).code, 0);

    let stored = d
        .join("vigil.evidence")
        .join(&sha[..2])
        .join(&sha[2..4])
        .join(&sha);
    let mut bytes = std::fs::read(&stored).unwrap();
    bytes[10] ^= 0x01;
    let mut permissions = std::fs::metadata(&stored).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    permissions.set_readonly(false);
    std::fs::set_permissions(&stored, permissions).unwrap();
    std::fs::write(&stored, bytes).unwrap();
    let run = vigil(d, &["verify"]);
    assert_eq!(run.code, 6, "{}", run.stdout);
    assert!(
        run.stdout.contains(&format!("damaged {sha}")),
        "{}",
        run.stdout
    );
}

#[test]
fn the_signing_key_is_made_with_the_database_and_signs_its_first_checkpoint() {
    let dir = tempfile::tempdir().unwrap();
    common::import_text(dir.path(), "sites", "s.csv", common::SITES_CSV).ok();
    let count = |table: &str| common::count_rows(dir.path(), table);
    assert_eq!(
        count("log_key"),
        1,
        "the key exists as soon as the database does"
    );
    assert_eq!(
        count("log_checkpoints"),
        0,
        "and no checkpoint was signed yet"
    );
    let key = vigil(dir.path(), &["log", "public-key"]).ok().stdout;
    let checkpoint = vigil(dir.path(), &["log", "checkpoint"]).ok().stdout;
    assert!(key.starts_with(checkpoint.lines().next().unwrap()));
    assert_eq!(vigil(dir.path(), &["log", "public-key"]).ok().stdout, key);
}
