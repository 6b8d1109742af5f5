//! Copies a whole database into an empty one (`vigil migrate`), whatever the two backends:
//! every record with its history, accounts and tokens, evidence and custody, stored findings,
//! import runs, and the audit log and transparency log exactly as they were, so the copy's
//! checkpoints, proofs and `vigil verify` hold as the original's did.
//!
//! Everything is written in one transaction of the destination: a copy that fails half-way
//! leaves the destination as empty as it was. The source is only read.

use std::collections::HashMap;
use vigil_domain::{AuditEntry, EvidenceItem, Finding, IncidentId, Sha256};
use vigil_store::{AuditQuery, Existing, Store, StoreError, StoreResult, Transaction};

/// Audit entries read and written at a time: the log is never held in memory whole.
const AUDIT_PAGE: usize = 10_000;

/// What was copied.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Copied {
    pub counts: vigil_store::Counts,
    pub accounts: u64,
    pub tokens: u64,
    pub evidence_items: u64,
    pub custody_events: u64,
    pub findings: u64,
    pub audit_entries: u64,
    pub log_leaves: u64,
    pub checkpoints: u64,
}

/// Why a destination will not take a copy.
fn not_empty(what: &str) -> StoreError {
    StoreError::Conflict(format!(
        "the destination already holds {what}; a database is only copied into an empty one \
         (nothing was written)"
    ))
}

/// Whether `store` holds nothing at all: no record, account, token, evidence, audit entry or
/// transparency log key.
pub fn ensure_empty(store: &dyn Store) -> StoreResult<()> {
    if store.counts()? != vigil_store::Counts::default() {
        return Err(not_empty("records"));
    }
    if !store.accounts()?.is_empty() || !store.tokens()?.is_empty() {
        return Err(not_empty("accounts or tokens"));
    }
    if !store.evidence_items()?.is_empty() {
        return Err(not_empty("evidence"));
    }
    if !store.audit_log(&AuditQuery::all(1))?.is_empty() {
        return Err(not_empty("an audit log"));
    }
    if store.log_signer_key()?.is_some() {
        return Err(not_empty("a transparency log key"));
    }
    Ok(())
}

/// Copies everything in `from` into `to`, which must be empty. `progress` is told each step
/// as it starts, for a person watching a long copy.
pub fn copy(
    from: &dyn Store,
    to: &mut dyn Store,
    progress: &mut dyn FnMut(&str),
) -> StoreResult<Copied> {
    ensure_empty(to)?;
    let mut copied = Copied {
        counts: from.counts()?,
        ..Copied::default()
    };
    let mut transaction = to.transaction()?;
    let tx = transaction.as_mut();

    progress("sources, parties and areas");
    for source in from.sources()? {
        tx.put_source(&source, Existing::Replace)?;
    }
    for party in from.parties()? {
        tx.put_party(&party, Existing::Replace)?;
    }
    let areas = from.areas()?;
    for area in &areas {
        tx.put_area(area)?;
    }
    for zone in from.zones_of_control()? {
        tx.put_zone_of_control(&zone)?;
    }
    for area in &areas {
        for figure in from.population_figures(&area.id)? {
            tx.put_population_figure(&figure)?;
        }
    }

    progress("sites, movements, notifications and acknowledgements");
    for site in from.sites()? {
        tx.put_site(&site)?;
    }
    for movement in from.movements()? {
        tx.put_movement(&movement)?;
    }
    // Every version in order: each differs from the one before, so each is appended again
    // under the same number.
    for notification in from.notifications()? {
        let (_, version) = tx.put_notification(&notification)?;
        if version != notification.version {
            return Err(StoreError::Conflict(format!(
                "notification {} version {} was stored as version {version}",
                notification.id, notification.version
            )));
        }
    }
    for ack in from.all_acknowledgements()? {
        tx.put_acknowledgement(&ack)?;
    }

    progress("reports, incidents and statements");
    from.for_each_report(&mut |report| tx.put_report(&report).map(drop))?;
    let mut incident_ids = Vec::new();
    from.for_each_incident(&mut |incident| {
        tx.put_incident(&incident)?;
        incident_ids.push(incident.id);
        Ok(())
    })?;
    for id in &incident_ids {
        if let Some(detail) = from.incident_detail(id)? {
            for statement in &detail.statements {
                tx.put_statement(statement)?;
            }
        }
    }
    for ceasefire in from.ceasefires()? {
        tx.put_ceasefire(&ceasefire)?;
    }

    progress("accounts and tokens");
    for account in from.accounts()? {
        tx.put_account(&account)?;
        copied.accounts += 1;
    }
    for token in from.tokens()? {
        let revoked_at = token.revoked_at;
        tx.put_token(&vigil_domain::ApiToken {
            revoked_at: None,
            ..token.clone()
        })?;
        if let Some(at) = revoked_at {
            tx.revoke_token(&token.id, at)?;
        }
        copied.tokens += 1;
    }

    progress("evidence and custody");
    let items = originals_first(from.evidence_items()?);
    for item in &items {
        tx.put_evidence(item)?;
        copied.evidence_items += 1;
    }
    for item in &items {
        for event in from.custody_of(&item.sha256)? {
            tx.record_custody(&event)?;
            copied.custody_events += 1;
        }
    }

    progress("findings and import runs");
    copied.findings = copy_findings(from, tx)?;
    if let Some(state) = from.findings_state()? {
        tx.set_findings_state(&state)?;
    }
    for run in from.import_runs()? {
        tx.record_import(&run)?;
    }

    progress("audit log");
    let mut after_seq = None;
    loop {
        let page = from.audit_log(&AuditQuery {
            after_seq,
            ..AuditQuery::all(AUDIT_PAGE)
        })?;
        if copied.audit_entries == 0 || !page.is_empty() {
            // The first call, even with an empty page, removes the entries the writes above
            // appended.
            tx.restore_audit_entries(&page)?;
        }
        copied.audit_entries += page.len() as u64;
        match page.last() {
            Some(AuditEntry { seq, .. }) if page.len() == AUDIT_PAGE => after_seq = Some(*seq),
            _ => break,
        }
    }
    tx.restore_data_version(from.data_version()?)?;

    progress("transparency log");
    if let Some(key) = from.log_signer_key()? {
        tx.put_log_signer_key(&key)?;
    }
    let leaves = from.log_leaves()?;
    tx.append_log_leaves(0, &leaves)?;
    copied.log_leaves = leaves.len() as u64;
    for (size, note) in from.log_checkpoints()? {
        tx.put_log_checkpoint(size, &note)?;
        copied.checkpoints += 1;
    }
    if let Some(head) = from.log_head()? {
        tx.put_log_head(&head)?;
    }
    progress("committing");
    transaction.commit()?;
    Ok(copied)
}

/// Evidence items with every original before its redacted copies (a copy must name an item
/// already stored).
fn originals_first(mut items: Vec<EvidenceItem>) -> Vec<EvidenceItem> {
    let mut ordered = Vec::with_capacity(items.len());
    let mut placed = std::collections::HashSet::<Sha256>::new();
    while !items.is_empty() {
        let (ready, waiting): (Vec<_>, Vec<_>) = items
            .into_iter()
            .partition(|item| item.redacted_from.is_none_or(|o| placed.contains(&o)));
        if ready.is_empty() {
            // An original missing from the source: let the write say which.
            ordered.extend(waiting);
            break;
        }
        placed.extend(ready.iter().map(|item| item.sha256));
        ordered.extend(ready);
        items = waiting;
    }
    ordered
}

/// The stored findings, incident by incident in the engine's order, with their digests.
fn copy_findings(from: &dyn Store, tx: &mut dyn Transaction) -> StoreResult<u64> {
    let digests: HashMap<IncidentId, Sha256> = from.finding_digests()?;
    let put = |tx: &mut dyn Transaction, incident: &IncidentId, findings: &[Finding]| {
        let digest = digests.get(incident).ok_or_else(|| {
            StoreError::Backend(format!("incident {incident} has findings but no digest"))
        })?;
        tx.put_findings(incident, findings, digest)
    };
    let mut count = 0;
    let mut group: Vec<Finding> = Vec::new();
    from.for_each_finding(&mut |finding| {
        count += 1;
        if group
            .first()
            .is_some_and(|first| first.incident != finding.incident)
        {
            put(tx, &group[0].incident.clone(), &group)?;
            group.clear();
        }
        group.push(finding);
        Ok(())
    })?;
    if let Some(first) = group.first() {
        put(tx, &first.incident.clone(), &group)?;
    }
    Ok(count)
}
