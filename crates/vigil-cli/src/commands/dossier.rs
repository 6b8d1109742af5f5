//! `vigil dossier INCIDENT`: the attack's dossier (crate `vigil-dossier`) as a printable HTML
//! page or JSON.
//!
//! A checkpoint of the transparency log is signed first if the log grew since the last one,
//! so that every record in the dossier is proven, not just those written before the last
//! checkpoint. The dossier is prepared for a role (`--as`, `analyst` by default): the command
//! line holds the whole database, but a dossier is made to be handed on, so it shows what that
//! role may see and no more.

use crate::cli::DossierArgs;
use crate::failure::{CliResult, Failure, EXIT_NOT_FOUND, EXIT_USAGE};
use std::io::Write;
use vigil_domain::{IncidentId, Principal, Role};
use vigil_dossier::DossierError;
use vigil_store::Store;

pub fn run(store: &mut dyn Store, args: &DossierArgs) -> CliResult {
    let role: Role = args
        .role
        .parse()
        .map_err(|e: vigil_domain::ValidationError| {
            Failure::new(EXIT_USAGE, format!("--as: {}", e.problem))
        })?;
    let principal = Principal::new(role, None, None).map_err(|_| {
        Failure::new(
            EXIT_USAGE,
            format!("--as {role}: a dossier is for admins, coordinators, monitors and analysts"),
        )
    })?;
    let id = IncidentId::new(&args.incident).map_err(|e| Failure::input(e.to_string()))?;
    // Checked before a checkpoint is signed: a mistyped id should change nothing.
    if store.incident(&id)?.is_none() {
        return Err(not_found(&id));
    }
    vigil_transparency::checkpoint(store).map_err(|e| Failure::internal(e.to_string()))?;
    let dossier =
        vigil_dossier::assemble::assemble_now(store, &principal, &id).map_err(|e| match e {
            DossierError::Refused => Failure::new(
                EXIT_USAGE,
                format!(
                    "--as {role}: a dossier is for admins, coordinators, monitors and analysts"
                ),
            ),
            DossierError::NoSuchIncident(id) => not_found(&id),
            DossierError::Store(e) => e.into(),
            DossierError::Log(e) => Failure::internal(e.to_string()),
        })?;
    let text = match args.format.as_str() {
        "json" => {
            let mut text =
                serde_json::to_string_pretty(&dossier).expect("a dossier always serialises");
            text.push('\n');
            text
        }
        _ => vigil_dossier::render(&dossier),
    };
    match &args.output {
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
        Some(path) => {
            write_whole(path, text.as_bytes())?;
            let unproven = dossier
                .integrity
                .records
                .iter()
                .filter(|r| r.status != vigil_dossier::model::ProofStatus::Proven)
                .count();
            eprintln!(
                "wrote {} ({} records proven against the checkpoint of {} entries{})",
                path.display(),
                dossier.integrity.records.len() - unproven,
                dossier.integrity.tree_size.unwrap_or(0),
                if unproven > 0 {
                    format!(", {unproven} not proven: see its integrity section")
                } else {
                    String::new()
                }
            );
        }
    }
    Ok(())
}

fn not_found(id: &IncidentId) -> Failure {
    Failure::new(
        EXIT_NOT_FOUND,
        format!("incident '{id}' does not exist (see `vigil list incidents`)"),
    )
}

/// Writes the file whole or not at all: a file beside it (made as any new file, so with the
/// usual permissions), renamed over it once complete.
fn write_whole(path: &std::path::Path, bytes: &[u8]) -> CliResult {
    let fail = |e: std::io::Error| Failure::input(format!("cannot write {}: {e}", path.display()));
    let name = path
        .file_name()
        .ok_or_else(|| Failure::input(format!("{} is not a file name", path.display())))?;
    let partial = path.with_file_name(format!(".{}.partial", name.to_string_lossy()));
    let written = (|| {
        let mut file = std::fs::File::create(&partial)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&partial, path)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(fail(e));
    }
    Ok(())
}
