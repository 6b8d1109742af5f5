//! `vigil dossier` through the real binary on the Aleppo demo: what the page and the JSON say
//! of the convoy attack, that each role reads only what it may, that every proof in a dossier
//! checks offline, and that a record edited behind Vigil's back is flagged, not proven.

mod common;

use common::{file, vigil};
use serde_json::Value;
use std::path::Path;

const CONVOY: &str = "inc-convoy-urum-20160919";

fn demo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    vigil(dir.path(), &["demo"]).ok();
    dir
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let mut all = vec!["dossier", "--format", "json"];
    all.extend_from_slice(args);
    serde_json::from_str(&vigil(dir, &all).ok().stdout).unwrap()
}

fn checkpoints(dir: &Path) -> i64 {
    common::count_rows(dir, "log_checkpoints")
}

#[test]
fn the_convoy_dossier_puts_notification_acknowledgements_incident_and_proofs_together() {
    let dir = demo();
    let d = json(dir.path(), &[CONVOY]);
    assert_eq!(d["format"], "vigil-dossier/1");
    assert_eq!(d["incident"]["id"], CONVOY);
    assert_eq!(d["incident"]["certainty"], "confirmed");

    // The convoy was notified to the parties, and both acknowledged before the attack.
    let convoy = d["targets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["kind"] == "movement")
        .expect("the convoy is a target");
    assert_eq!(convoy["named_by_incident"], true);
    let n = &convoy["notifications"][0];
    assert_eq!(n["in_force"], true);
    assert_eq!(n["payload_sha256"].as_str().unwrap().len(), 64);
    let acked: Vec<&str> = n["acknowledgements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["party"]["id"].as_str().unwrap())
        .collect();
    assert!(
        acked.contains(&"syria") && acked.contains(&"russia"),
        "{acked:?}"
    );

    // Denials are there, and the finding that a notified movement was hit.
    assert!(d["statements"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["kind"] == "denial"));
    assert!(d["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["kind"] == "notified_movement"));

    // Every record in it is proven against the checkpoint the command signed.
    let records = d["integrity"]["records"].as_array().unwrap();
    assert!(records.len() >= 6, "{records:?}");
    for r in records {
        assert_eq!(r["status"], "proven", "{r}");
    }
    assert!(d["integrity"]["checkpoint"]
        .as_str()
        .unwrap()
        .starts_with("vigil-log-"));
}

#[test]
fn every_proof_in_a_dossier_checks_offline_with_the_checkpoint_and_key_it_carries() {
    let dir = demo();
    let d = json(dir.path(), &[CONVOY]);
    let checkpoint = file(
        dir.path(),
        "checkpoint.txt",
        d["integrity"]["checkpoint"].as_str().unwrap(),
    );
    let key = d["integrity"]["public_key"].as_str().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    for (n, r) in d["integrity"]["records"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        let proof = file(
            dir.path(),
            &format!("proof-{n}.json"),
            &r["proof"].to_string(),
        );
        let run = vigil(
            elsewhere.path(),
            &[
                "verify-proof",
                "--proof",
                proof.to_str().unwrap(),
                "--checkpoint",
                checkpoint.to_str().unwrap(),
                "--public-key",
                key,
            ],
        )
        .ok();
        // A notification is listed with its version ("notification/ID v2"); its entry names
        // the record alone.
        let record = r["record"].as_str().unwrap().split(' ').next().unwrap();
        assert!(
            run.stdout.contains(&format!("record {record}\n")),
            "{record}: {}",
            run.stdout
        );
    }
}

#[test]
fn an_analyst_reads_numbered_sources_and_no_witness_a_monitor_reads_them_named() {
    let dir = demo();
    let photo = file(
        dir.path(),
        "photo.jpg",
        "\u{FF}\u{D8}\u{FF} not really a photo",
    );
    vigil(
        dir.path(),
        &[
            "evidence",
            "add",
            photo.to_str().unwrap(),
            "--incident",
            CONVOY,
            "--captured-by",
            "Rami Witness-Name",
            "--source",
            "src-reuters-kirby-20160919",
        ],
    )
    .ok();

    let analyst = vigil(dir.path(), &["dossier", "--format", "json", CONVOY])
        .ok()
        .stdout;
    for secret in [
        "Rami Witness-Name",
        "src-reuters-kirby-20160919",
        "outraged",
    ] {
        assert!(
            !analyst.contains(secret),
            "an analyst's dossier names '{secret}'"
        );
    }
    let d: Value = serde_json::from_str(&analyst).unwrap();
    assert_eq!(d["source_identities"], false);
    assert!(d["sources"][0]["label"]
        .as_str()
        .unwrap()
        .starts_with("source "));
    let item = &d["evidence"][0];
    assert_eq!(item["captured_by"], Value::Null);
    assert_eq!(item["custody"][0]["kind"], "acquisition");
    let evidence_record = format!("evidence/{}", item["sha256"].as_str().unwrap());
    assert!(d["integrity"]["records"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["record"] == evidence_record.as_str() && r["status"] == "proven"));

    let monitor = json(dir.path(), &["--as", "monitor", CONVOY]);
    assert_eq!(monitor["evidence"][0]["captured_by"], "Rami Witness-Name");
    assert!(monitor["sources"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["label"] == "src-reuters-kirby-20160919"
            && s["title"].as_str().unwrap().contains("outraged")));
}

#[test]
fn the_page_prints_on_a4_and_shows_hashes_acknowledgements_and_the_checkpoint() {
    let dir = demo();
    let page = vigil(dir.path(), &["dossier", CONVOY]).ok().stdout;
    let d = json(dir.path(), &[CONVOY]);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("size: A4"));
    let convoy = d["targets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["kind"] == "movement")
        .unwrap();
    let hash = convoy["notifications"][0]["payload_sha256"]
        .as_str()
        .unwrap();
    assert!(page.contains(hash), "the payload hash is on the page");
    assert!(page.contains("Acknowledged: "));
    assert!(page.contains("Russia") || page.contains("Russian"));
    // The checkpoint's signature line is printed as it is, escaped.
    let checkpoint = d["integrity"]["checkpoint"].as_str().unwrap();
    let origin = checkpoint.lines().next().unwrap();
    assert!(page.contains(origin));
    assert!(!page.contains("<script"), "the page runs nothing");

    // --output writes the same page to a file.
    let out = dir.path().join("dossier.html");
    vigil(
        dir.path(),
        &["dossier", CONVOY, "--output", out.to_str().unwrap()],
    )
    .ok();
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(written.contains(hash));
}

#[test]
fn a_record_edited_behind_vigils_back_is_flagged_not_proven() {
    let dir = demo();
    vigil(dir.path(), &["dossier", "--format", "json", CONVOY]).ok();
    common::sql(
        dir.path(),
        &format!("UPDATE incidents SET certainty = 'possible' WHERE id = '{CONVOY}'"),
    );
    let d = json(dir.path(), &[CONVOY]);
    let incident = d["integrity"]["records"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["record"] == format!("incident/{CONVOY}").as_str())
        .unwrap()
        .clone();
    assert_eq!(incident["status"], "differs", "{incident}");
    assert_eq!(incident["proof"], Value::Null);
    let page = vigil(dir.path(), &["dossier", CONVOY]).ok().stdout;
    assert!(page.contains("DIFFERS from the logged write"));
}

#[test]
fn an_audit_entry_altered_after_it_was_checkpointed_is_never_presented_as_proven() {
    let dir = demo();
    vigil(dir.path(), &["dossier", "--format", "json", CONVOY]).ok();
    // Who made the write is rewritten in the entry itself: the record still matches the
    // entry's digest, but the entry no longer gives the leaf hash the checkpoint signed.
    common::sql(
        dir.path(),
        &format!(
            "UPDATE audit_log SET actor = 'someone-else' \
             WHERE record_kind = 'incident' AND record_id = '{CONVOY}'"
        ),
    );
    let d = json(dir.path(), &[CONVOY]);
    let records = d["integrity"]["records"].as_array().unwrap();
    let incident = records
        .iter()
        .find(|r| r["record"] == format!("incident/{CONVOY}").as_str())
        .unwrap();
    assert_eq!(incident["status"], "differs", "{incident}");
    // The other records are untouched and still proven.
    assert!(records
        .iter()
        .filter(|r| r["record"] != format!("incident/{CONVOY}").as_str())
        .all(|r| r["status"] == "proven"));
}

#[test]
fn liaisons_and_the_public_get_no_dossier_and_an_unknown_incident_changes_nothing() {
    let dir = demo();
    for role in ["liaison", "public"] {
        let run = vigil(dir.path(), &["dossier", "--as", role, CONVOY]);
        assert_eq!(run.code, 2, "{role}: {}", run.stderr);
        assert!(run.stdout.is_empty());
        assert!(run
            .stderr
            .contains("admins, coordinators, monitors and analysts"));
    }
    let before = checkpoints(dir.path());
    let run = vigil(dir.path(), &["dossier", "inc-nothing-here"]);
    assert_eq!(run.code, 4, "{}", run.stderr);
    assert!(run.stderr.contains("inc-nothing-here"));
    assert_eq!(checkpoints(dir.path()), before, "nothing was signed");
}
