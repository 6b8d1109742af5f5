//! The check of a whole database's log (`vigil verify`; the evidence files are checked beside
//! it by the evidence store).
//!
//! What is found, each named so a person can go and look:
//! - a checkpoint whose signature does not verify, or whose root the stored leaf hashes do not
//!   give (the log's own tables were altered);
//! - an audit entry that no longer gives the leaf hash stored when it was checkpointed (an
//!   altered entry), and a log shorter than its checkpoints (a truncated log);
//! - a record whose stored form is not the one its last audit entry says was written (a record
//!   changed behind the audit log's back), or that the audit log says exists and is gone.
//!   Checked for sites, incidents, movements, notifications, sources, parties, statements and
//!   ceasefires; records written before the audit log existed have no entry and are not judged.

use crate::entry::value_digest;
use crate::log::{Log, LogError};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use vigil_domain::StatementId;
use vigil_store::{AuditQuery, Store};
use vigil_translog::{Checkpoint, SignerKey, Tree};

/// One thing found wrong, in words that name the item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem(pub String);

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Checks the log and the records against it; an empty list means all is well.
pub fn verify(store: &dyn Store) -> Result<Vec<Problem>, LogError> {
    let mut problems = Vec::new();
    let log = Log::load(store)?;
    check_log(store, &log, &mut problems)?;
    check_records(store, &mut problems)?;
    Ok(problems)
}

fn check_log(store: &dyn Store, log: &Log, problems: &mut Vec<Problem>) -> Result<(), LogError> {
    let stored = store.log_leaves()?;
    let checkpoints = store.log_checkpoints()?;
    if stored.len() > log.leaves.len() {
        problems.push(Problem(format!(
            "the audit log is truncated: {} entries were checkpointed, {} remain (the entries \
             from seq {} on are gone)",
            stored.len(),
            log.leaves.len(),
            stored[log.leaves.len()].0
        )));
    }
    for (index, (seq, hash)) in stored.iter().enumerate() {
        let Some(leaf) = log.leaves.get(index) else {
            break;
        };
        if leaf.seq != *seq || log.tree.leaf_hash(index as u64) != Some(*hash) {
            problems.push(Problem(format!(
                "audit entry {seq} was altered after it was checkpointed (now: entry {} about \
                 {}/{})",
                leaf.seq, leaf.record_kind, leaf.record_id
            )));
        }
    }
    if checkpoints.is_empty() {
        return Ok(());
    }
    let Some(key) = store.log_signer_key()? else {
        problems.push(Problem(
            "checkpoints are stored but the log's key is gone".into(),
        ));
        return Ok(());
    };
    let verifier = SignerKey::parse(&key)?.verifier();
    let stored_tree = Tree::from_leaf_hashes(stored.iter().map(|(_, h)| *h));
    for (size, note) in checkpoints {
        match Checkpoint::open(
            note.as_bytes(),
            verifier.name(),
            std::slice::from_ref(&verifier),
        ) {
            Err(e) => problems.push(Problem(format!(
                "the checkpoint of {size} entries does not verify: {e}"
            ))),
            Ok(checkpoint) => {
                if checkpoint.size != size || stored_tree.root(size).ok() != Some(checkpoint.root) {
                    problems.push(Problem(format!(
                        "the checkpoint of {size} entries is not the root of the stored leaf \
                         hashes: the log's own tables were altered"
                    )));
                }
            }
        }
    }
    Ok(())
}

/// The digest of each audited record's last `after`, by kind and id.
fn last_written(store: &dyn Store) -> Result<HashMap<(String, String), String>, LogError> {
    let mut last = HashMap::new();
    let mut after = None;
    loop {
        let page = store.audit_log(&AuditQuery {
            after_seq: after,
            ..AuditQuery::all(10_000)
        })?;
        for entry in &page {
            last.insert(
                (entry.record_kind.clone(), entry.record_id.clone()),
                value_digest(&entry.after),
            );
        }
        match page.last() {
            Some(e) if page.len() == 10_000 => after = Some(e.seq),
            _ => return Ok(last),
        }
    }
}

fn digest_of(record: &impl Serialize) -> String {
    value_digest(&serde_json::to_value(record).expect("domain records always serialise"))
}

fn check_records(store: &dyn Store, problems: &mut Vec<Problem>) -> Result<(), LogError> {
    let mut expected = last_written(store)?;
    let statements: Vec<String> = expected
        .keys()
        .filter(|(kind, _)| kind == "statement")
        .map(|(_, id)| id.clone())
        .collect();
    let mut compare = |kind: &str, id: String, digest: String| {
        if let Some(written) = expected.remove(&(kind.to_owned(), id.clone())) {
            if written != digest {
                problems.push(Problem(format!(
                    "{kind} {id} is not as its last audit entry wrote it: changed outside Vigil"
                )));
            }
        }
    };
    for site in store.sites()? {
        compare("site", site.id.to_string(), digest_of(&site));
    }
    store.for_each_incident(&mut |incident| {
        compare("incident", incident.id.to_string(), digest_of(&incident));
        Ok(())
    })?;
    for movement in store.movements()? {
        compare("movement", movement.id.to_string(), digest_of(&movement));
    }
    let mut latest = BTreeMap::new();
    for n in store.notifications()? {
        latest.insert(n.id.clone(), n);
    }
    for (id, n) in latest {
        compare("notification", id.to_string(), digest_of(&n));
    }
    for source in store.sources()? {
        compare("source", source.id.to_string(), digest_of(&source));
    }
    for party in store.parties()? {
        compare("party", party.id.to_string(), digest_of(&party));
    }
    for ceasefire in store.ceasefires()? {
        compare("ceasefire", ceasefire.id.to_string(), digest_of(&ceasefire));
    }
    for id in statements {
        if let Some(statement) = StatementId::new(id.clone())
            .ok()
            .map(|sid| store.statement(&sid))
            .transpose()?
            .flatten()
        {
            compare("statement", id, digest_of(&statement));
        }
    }
    // What remains of the kinds checked above was audited and is gone.
    let mut gone: Vec<_> = expected
        .into_keys()
        .filter(|(kind, _)| {
            matches!(
                kind.as_str(),
                "site"
                    | "incident"
                    | "movement"
                    | "notification"
                    | "source"
                    | "party"
                    | "ceasefire"
                    | "statement"
            )
        })
        .collect();
    gone.sort();
    for (kind, id) in gone {
        problems.push(Problem(format!(
            "{kind} {id} is in the audit log but not in the database: removed outside Vigil"
        )));
    }
    Ok(())
}
