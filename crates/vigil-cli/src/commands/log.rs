//! `vigil log …`, `vigil verify` and `vigil verify-proof`: the transparency log
//! (`vigil-transparency`) on the command line.

use crate::cli::{LogCommand, VerifyProofArgs};
use crate::failure::{CliResult, Failure, EXIT_DAMAGED, EXIT_INPUT, EXIT_NOT_FOUND};
use vigil_evidence::EvidenceDir;
use vigil_store::Store;
use vigil_transparency::{LogError, Target};

fn failure(e: LogError) -> Failure {
    match e {
        LogError::Store(e) => e.into(),
        other => Failure::new(EXIT_NOT_FOUND, other.to_string()),
    }
}

pub fn run(store: &mut dyn Store, command: &LogCommand) -> CliResult {
    match command {
        LogCommand::Checkpoint => print!(
            "{}",
            vigil_transparency::checkpoint(store).map_err(failure)?
        ),
        LogCommand::PublicKey => println!(
            "{}",
            vigil_transparency::public_key(store).map_err(failure)?
        ),
        LogCommand::Proof(args) => {
            let target = match (&args.sha256, &args.record) {
                (Some(hex), _) => Target::Sha256(hex.trim().to_ascii_lowercase()),
                (None, Some(record)) => {
                    let (kind, id) = record.split_once('/').ok_or_else(|| {
                        Failure::new(EXIT_INPUT, format!("--record '{record}': give KIND/ID"))
                    })?;
                    Target::Record {
                        kind: kind.to_owned(),
                        id: id.to_owned(),
                    }
                }
                (None, None) => unreachable!("clap requires one of them"),
            };
            let proof = vigil_transparency::inclusion(store, &target).map_err(failure)?;
            println!(
                "{}",
                serde_json::to_string_pretty(&proof).expect("proofs always serialise")
            );
        }
        LogCommand::Consistency(args) => {
            let proof = vigil_transparency::consistency(store, args.from).map_err(failure)?;
            println!(
                "{}",
                serde_json::to_string_pretty(&proof).expect("proofs always serialise")
            );
        }
    }
    Ok(())
}

/// `vigil verify`: every evidence file re-hashed (as `vigil evidence verify` does, naming each
/// damaged item by its hash), then the log and the records.
pub fn verify(store: &dyn Store, evidence: &EvidenceDir) -> CliResult {
    let evidence_result = super::evidence::verify(store, evidence);
    let problems = vigil_transparency::verify(store).map_err(failure)?;
    if problems.is_empty() && evidence_result.is_ok() {
        println!("The log, its checkpoints and the records agree.");
        return Ok(());
    }
    for problem in &problems {
        println!("{problem}");
    }
    let mut summary = Vec::new();
    if let Err(evidence_failure) = evidence_result {
        summary.push(evidence_failure.to_string());
    }
    if !problems.is_empty() {
        summary.push(format!(
            "{} problem(s) in the log or the records (listed above)",
            problems.len()
        ));
    }
    Err(Failure::new(EXIT_DAMAGED, summary.join("; ")))
}

pub fn verify_proof(args: &VerifyProofArgs) -> CliResult {
    let read = |path: &std::path::Path| {
        std::fs::read_to_string(path)
            .map_err(|e| Failure::new(EXIT_INPUT, format!("{}: {e}", path.display())))
    };
    let entry = vigil_transparency::verify_proof(
        &read(&args.proof)?,
        &read(&args.checkpoint)?,
        &args.public_key,
    )
    .map_err(|e| Failure::new(EXIT_DAMAGED, e.to_string()))?;
    println!("The proof holds: this entry is in the checkpoint's tree.\n\n{entry}");
    Ok(())
}
