//! `vigil evidence add|list|show|verify`: evidence files and their custody log.
//!
//! `add` checks everything it was told before it reads the file (a typo in an incident id must
//! not cost a ten-minute copy), stores the file, and only then writes the item's row and its
//! acquisition event in one transaction: a kill between the two leaves a stored file without a
//! row (adding it again records it), never a row without its file.
//!
//! Who captured an item is a witness's identity: it is shown by `show` (the command line is
//! for whoever holds the database) but never written to standard error or any message.

use crate::cli::{EvidenceAddArgs, EvidenceListArgs, EvidenceShowArgs};
use crate::commands::list::print_table;
use crate::failure::{CliResult, Failure, EXIT_INTERNAL, EXIT_NOT_FOUND};
use crate::progress;
use chrono::{DateTime, NaiveDate, SubsecRound, Utc};
use vigil_domain::{
    Actor, CustodyEvent, CustodyKind, EvidenceItem, IncidentId, Sha256, SourceId, Timestamp,
};
use vigil_evidence::{Damage, EvidenceDir};
use vigil_store::Store;

pub fn add(store: &mut dyn Store, dir: &EvidenceDir, args: &EvidenceAddArgs) -> CliResult {
    let mut item = described_item(store, args)?;
    let size = std::fs::metadata(&args.file)
        .map_err(|e| Failure::input(format!("cannot read {}: {e}", args.file.display())))?
        .len();
    let bar = progress::for_file(Some(size));
    bar.set_message("stored and hashed");
    let added = dir
        .add_file(&args.file, &mut |n| bar.set_position(n))
        .map_err(|e| Failure::internal(e.to_string()))?;
    bar.finish_and_clear();

    item.sha256 = added.sha256;
    item.size = added.size;
    item.media_type = added.media_type.to_owned();
    let actor = local_actor();
    let mut tx = store.transaction_as(&actor)?;
    tx.put_evidence(&item)?;
    tx.record_custody(&CustodyEvent {
        item: added.sha256,
        kind: CustodyKind::Acquisition,
        actor: actor.name().to_owned(),
        at: now(),
        note: Some(if added.newly_stored {
            "stored by vigil evidence add".to_owned()
        } else {
            "added again by vigil evidence add: the content was already stored".to_owned()
        }),
    })?;
    tx.commit()?;
    let stored = store
        .evidence(&added.sha256)?
        .ok_or_else(|| Failure::internal("the item just written cannot be read back"))?;
    let what = if added.newly_stored {
        "stored"
    } else {
        "already stored, acquisition recorded"
    };
    eprintln!(
        "{what}: {} bytes, {}, in {}",
        stored.size,
        stored.media_type,
        added.path.display()
    );
    println!("{}", added.sha256);
    Ok(())
}

/// The item as the arguments describe it, every reference checked; digest, size and media
/// type are filled in once the file is stored.
fn described_item(store: &dyn Store, args: &EvidenceAddArgs) -> CliResult<EvidenceItem> {
    let mut incidents = Vec::new();
    for id in &args.incidents {
        let id = IncidentId::new(id).map_err(|e| Failure::input(e.to_string()))?;
        if store.incident(&id)?.is_none() {
            return Err(not_found(format!("incident '{id}' does not exist")));
        }
        incidents.push(id);
    }
    incidents.sort();
    incidents.dedup();
    let acquired_from = match &args.source {
        Some(id) => {
            let id = SourceId::new(id).map_err(|e| Failure::input(e.to_string()))?;
            if store.source(&id)?.is_none() {
                return Err(not_found(format!("source '{id}' does not exist")));
            }
            Some(id)
        }
        None => None,
    };
    let redacted_from = match &args.redacted_from {
        Some(text) => {
            let original = digest(text)?;
            if store.evidence(&original)?.is_none() {
                return Err(not_found(format!("evidence item {original} is not stored")));
            }
            Some(original)
        }
        None => None,
    };
    let item = EvidenceItem {
        // Placeholders until the file is stored.
        sha256: Sha256::of(b""),
        size: 0,
        media_type: vigil_evidence::UNKNOWN_MEDIA_TYPE.to_owned(),
        captured_at: args.captured_at.as_deref().map(time).transpose()?,
        captured_by: args.captured_by.as_deref().map(|n| n.trim().to_owned()),
        acquired_from,
        incidents,
        redacted_from,
        added_at: now(),
    };
    item.validate().map_err(|errors| {
        let parts: Vec<String> = errors.iter().map(ToString::to_string).collect();
        Failure::input(format!("nothing was stored: {}", parts.join("; ")))
    })?;
    Ok(item)
}

fn not_found(message: String) -> Failure {
    Failure::new(EXIT_NOT_FOUND, format!("{message}; nothing was stored"))
}

pub(super) fn digest(text: &str) -> CliResult<Sha256> {
    text.parse()
        .map_err(|_| Failure::input(format!("'{text}' is not a SHA-256 (64 hex digits)")))
}

/// An RFC 3339 time, or a day (its first second, UTC).
fn time(text: &str) -> CliResult<Timestamp> {
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&Utc).trunc_subsecs(0));
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(vigil_domain::time::start_of_day)
        .map_err(|_| {
            Failure::input(format!(
                "--captured-at: '{text}' is neither an RFC 3339 time (2016-09-28T06:40:00Z) \
                 nor a day (2016-09-28)"
            ))
        })
}

/// Now, to the second: what the database keeps, so what is written reads back equal.
pub(super) fn now() -> Timestamp {
    Utc::now().trunc_subsecs(0)
}

/// The command line's actor, as [`Store::transaction`] names it.
pub(super) fn local_actor() -> Actor {
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .ok();
    Actor::local(user.as_deref())
}

pub fn list(store: &dyn Store, args: &EvidenceListArgs) -> CliResult {
    let items = match &args.incident {
        Some(id) => {
            let id = IncidentId::new(id).map_err(|e| Failure::input(e.to_string()))?;
            if store.incident(&id)?.is_none() {
                return Err(Failure::new(
                    EXIT_NOT_FOUND,
                    format!("incident '{id}' does not exist"),
                ));
            }
            store.evidence_of_incident(&id)?
        }
        None => store.evidence_items()?,
    };
    if items.is_empty() {
        eprintln!("no evidence stored");
        return Ok(());
    }
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|item| {
            vec![
                item.sha256.to_string(),
                item.size.to_string(),
                item.media_type.clone(),
                item.added_at.to_rfc3339(),
                join(item.incidents.iter().map(IncidentId::as_str)),
            ]
        })
        .collect();
    print_table(
        &["sha256", "bytes", "media_type", "added_at", "incidents"],
        &rows,
    );
    Ok(())
}

pub fn show(store: &dyn Store, dir: &EvidenceDir, args: &EvidenceShowArgs) -> CliResult {
    let sha256 = digest(&args.sha256)?;
    let item = store.evidence(&sha256)?.ok_or_else(|| {
        Failure::new(
            EXIT_NOT_FOUND,
            format!("evidence item {sha256} is not stored"),
        )
    })?;
    let opt = |v: Option<String>| v.unwrap_or_else(|| "-".into());
    let path = dir.path_of(&sha256);
    println!("sha256:        {}", item.sha256);
    println!("bytes:         {}", item.size);
    println!("media type:    {}", item.media_type);
    println!("added at:      {}", item.added_at.to_rfc3339());
    println!(
        "captured at:   {}",
        opt(item.captured_at.map(|t| t.to_rfc3339()))
    );
    println!(
        "captured by:   {} (protected identity)",
        opt(item.captured_by)
    );
    println!(
        "acquired from: {}",
        opt(item.acquired_from.map(|s| s.to_string()))
    );
    println!(
        "redacted from: {}",
        opt(item.redacted_from.map(|s| s.to_string()))
    );
    println!(
        "incidents:     {}",
        opt(Some(join(item.incidents.iter().map(IncidentId::as_str))).filter(|s| !s.is_empty()))
    );
    let presence = if dir.contains(&sha256) {
        ""
    } else {
        " (MISSING)"
    };
    println!("file:          {}{presence}", path.display());
    println!();
    println!("custody:");
    let rows: Vec<Vec<String>> = store
        .custody_of(&sha256)?
        .into_iter()
        .map(|e| {
            vec![
                e.at.to_rfc3339(),
                e.kind.to_string(),
                e.actor,
                e.note.unwrap_or_default(),
            ]
        })
        .collect();
    print_table(&["at", "event", "actor", "note"], &rows);
    Ok(())
}

pub fn verify(store: &dyn Store, dir: &EvidenceDir) -> CliResult {
    let items = store.evidence_items()?;
    let total: u64 = items.iter().map(|i| i.size).sum();
    let bar = progress::for_file(Some(total));
    bar.set_message("re-hashed");
    let report = dir
        .verify(&mut |n| bar.set_position(n))
        .map_err(|e| Failure::internal(e.to_string()))?;
    bar.finish_and_clear();

    let mut bad = Vec::new();
    for damaged in &report.damaged {
        match &damaged.damage {
            Damage::Altered { found } => println!(
                "damaged {}: its content now hashes to {found}",
                damaged.sha256
            ),
            Damage::Unreadable { reason } => {
                println!("damaged {}: cannot be read: {reason}", damaged.sha256)
            }
        }
        bad.push(damaged.sha256);
    }
    let on_disk: std::collections::HashSet<Sha256> = report.checked.iter().copied().collect();
    for item in &items {
        if !on_disk.contains(&item.sha256) {
            println!(
                "missing {}: its file is not in {}",
                item.sha256,
                dir.root().display()
            );
            bad.push(item.sha256);
        }
    }
    let recorded: std::collections::HashSet<Sha256> = items.iter().map(|i| i.sha256).collect();
    let unrecorded = on_disk.difference(&recorded).count();
    if unrecorded > 0 {
        eprintln!(
            "note: {unrecorded} stored file(s) have no record (an add stopped before recording \
             it); add the file again to record it"
        );
    }
    if bad.is_empty() {
        println!(
            "{} item(s) checked, every file intact",
            report.checked.len()
        );
        return Ok(());
    }
    let names: Vec<String> = bad.iter().map(ToString::to_string).collect();
    Err(Failure::new(
        EXIT_INTERNAL,
        format!(
            "{} damaged or missing evidence item(s): {}",
            bad.len(),
            names.join(", ")
        ),
    ))
}

fn join<'a>(parts: impl Iterator<Item = &'a str>) -> String {
    parts.collect::<Vec<_>>().join(",")
}
