//! `vigil evidence export|transfer`: what happens to an original after it was acquired, each
//! act recorded in the item's custody log (an append-only table, every event also an entry of
//! the audit log and so a leaf of the transparency log).
//!
//! An export copies the original to a file, checked against its hash while it is copied (a
//! damaged original is refused, not handed on). The event is recorded once the copy is
//! complete and before it takes its name: a copy that exists was logged, and a failure after
//! logging leaves an event for an export that did not finish, which errs the safe way.

use super::evidence::{digest, local_actor, now};
use crate::cli::{EvidenceExportArgs, EvidenceTransferArgs};
use crate::failure::{CliResult, Failure, EXIT_CONFLICT, EXIT_DAMAGED, EXIT_NOT_FOUND};
use crate::progress;
use std::io::Write;
use vigil_domain::{CustodyEvent, CustodyKind, Sha256};
use vigil_evidence::{EvidenceDir, EvidenceError};
use vigil_store::Store;

fn stored_item(store: &dyn Store, text: &str) -> CliResult<(Sha256, u64)> {
    let sha256 = digest(text)?;
    let item = store.evidence(&sha256)?.ok_or_else(|| {
        Failure::new(
            EXIT_NOT_FOUND,
            format!("evidence item {sha256} is not stored"),
        )
    })?;
    Ok((sha256, item.size))
}

fn record(store: &mut dyn Store, item: Sha256, kind: CustodyKind, note: String) -> CliResult {
    let actor = local_actor();
    let mut tx = store.transaction_as(&actor)?;
    tx.record_custody(&CustodyEvent {
        item,
        kind,
        actor: actor.name().to_owned(),
        at: now(),
        note: Some(note),
    })?;
    tx.commit()?;
    Ok(())
}

pub fn export(store: &mut dyn Store, dir: &EvidenceDir, args: &EvidenceExportArgs) -> CliResult {
    let (sha256, size) = stored_item(store, &args.sha256)?;
    let target = &args.to;
    if target.exists() {
        return Err(Failure::new(
            EXIT_CONFLICT,
            format!("{} exists; nothing was exported", target.display()),
        ));
    }
    let name = target
        .file_name()
        .ok_or_else(|| Failure::input(format!("{} is not a file name", target.display())))?
        .to_string_lossy()
        .into_owned();
    let partial = target.with_file_name(format!(".{name}.partial"));
    let cannot_write =
        |e: std::io::Error| Failure::input(format!("cannot write {}: {e}", target.display()));

    let bar = progress::for_file(Some(size));
    bar.set_message("copied and checked");
    let copied = (|| {
        let mut file = std::fs::File::create(&partial).map_err(cannot_write)?;
        let written = dir
            .copy_to(&sha256, &mut file, &mut |n| bar.set_position(n))
            .map_err(|e| match e {
                EvidenceError::Damaged { .. } | EvidenceError::Missing(_) => Failure::new(
                    EXIT_DAMAGED,
                    format!("{e}; nothing was exported (run `vigil verify`)"),
                ),
                EvidenceError::Write { source, .. } => cannot_write(source),
                other => Failure::internal(other.to_string()),
            })?;
        file.flush().map_err(cannot_write)?;
        file.sync_all().map_err(cannot_write)?;
        Ok::<u64, Failure>(written)
    })();
    bar.finish_and_clear();
    let written = match copied {
        Ok(written) => written,
        Err(failure) => {
            let _ = std::fs::remove_file(&partial);
            return Err(failure);
        }
    };
    let note = match &args.note {
        Some(note) => format!("copied to {name}: {}", note.trim()),
        None => format!("copied to {name}"),
    };
    if let Err(failure) = record(store, sha256, CustodyKind::Export, note) {
        let _ = std::fs::remove_file(&partial);
        return Err(failure);
    }
    std::fs::rename(&partial, target).map_err(cannot_write)?;
    eprintln!(
        "exported {written} bytes to {}, checked against {sha256}; recorded in its custody log",
        target.display()
    );
    Ok(())
}

pub fn transfer(store: &mut dyn Store, args: &EvidenceTransferArgs) -> CliResult {
    let (sha256, _) = stored_item(store, &args.sha256)?;
    let to = args.to.trim();
    if to.is_empty() {
        return Err(Failure::input("--to: name who took responsibility for it"));
    }
    let note = match &args.note {
        Some(note) => format!("to {to}: {}", note.trim()),
        None => format!("to {to}"),
    };
    record(store, sha256, CustodyKind::Transfer, note)?;
    eprintln!("transfer of {sha256} recorded in its custody log");
    Ok(())
}
