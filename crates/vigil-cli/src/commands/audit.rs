//! `vigil audit`: the audit log, oldest first. The command line is for whoever holds the
//! database file, so it shows every entry in full.

use super::list::print_table;
use crate::cli::AuditArgs;
use crate::failure::CliResult;
use std::io::Write;
use vigil_store::{AuditQuery, Store};

pub fn run(store: &dyn Store, args: &AuditArgs) -> CliResult {
    let (record_kind, record_id) = match args.record.as_deref() {
        None => (None, None),
        Some(record) => match record.split_once('/') {
            Some((kind, id)) => (Some(kind.to_owned()), Some(id.to_owned())),
            None => (Some(record.to_owned()), None),
        },
    };
    let entries = store.audit_log(&AuditQuery {
        record_kind,
        record_id,
        after_seq: args.after,
        limit: args.limit,
    })?;
    if args.format == "json" {
        let mut out = std::io::stdout().lock();
        for entry in &entries {
            let line = serde_json::to_string(entry).expect("audit entries always serialise");
            // A closed pipe (`| head`) ends the listing quietly.
            if writeln!(out, "{line}").is_err() {
                return Ok(());
            }
        }
        return Ok(());
    }
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            vec![
                e.seq.to_string(),
                e.at.to_rfc3339(),
                e.actor.name().to_owned(),
                e.actor.role().map(|r| r.to_string()).unwrap_or_default(),
                e.action.as_str().to_owned(),
                format!("{}/{}", e.record_kind, e.record_id),
            ]
        })
        .collect();
    print_table(&["seq", "at", "actor", "role", "action", "record"], &rows);
    Ok(())
}
