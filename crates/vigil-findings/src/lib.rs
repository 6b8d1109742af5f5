//! Keeps a Vigil database's findings up to date: the server and the interface read stored
//! findings instead of running the cross-check on every request, and every change to the
//! records brings them up to date.
//!
//! - [`Records`]: what the cross-check reads, loaded from a [`Store`] in one pass;
//! - [`run`]: runs the engine (`vigil-check`) over them, hands the findings on a batch at a
//!   time (to print them, say) and, when asked, saves them;
//! - [`is_current`]: whether the stored findings still reflect the records.
//!
//! Saving is incremental: each incident's findings are stored with a SHA-256 of their content,
//! and a run writes only the incidents whose findings changed (and removes those that have
//! none any more), all in one transaction with the state row that records the data version
//! they reflect. The engine itself still reads every record: a repeat attack or a duplicate
//! can tie a new incident to any older one, and the whole cross-check of a million incidents
//! takes seconds where writing their findings afresh would take minutes.
#![forbid(unsafe_code)]

use rayon::prelude::*;
use sha2::Digest;
use std::collections::HashMap;
use vigil_check::{Input, Options};
use vigil_domain::{
    Acknowledgement, Area, Ceasefire, Finding, Incident, IncidentId, Movement, Notification,
    Sha256, Site, SourceId,
};
use vigil_store::{FindingsState, Store, StoreError, StoreResult};

/// Everything the cross-check reads, as loaded from a store.
pub struct Records {
    /// The store's data version when loading began: findings computed from these records
    /// reflect at least this version.
    pub data_version: u64,
    pub sites: Vec<Site>,
    pub movements: Vec<Movement>,
    pub notifications: Vec<Notification>,
    pub acknowledgements: Vec<Acknowledgement>,
    pub incidents: Vec<Incident>,
    pub ceasefires: Vec<Ceasefire>,
    pub areas: Vec<Area>,
    pub incident_sources: HashMap<IncidentId, Vec<SourceId>>,
}

impl Records {
    pub fn load(store: &dyn Store) -> StoreResult<Self> {
        // Read first, so a write that lands while loading leaves the version behind and the
        // next check runs again (never the other way round).
        let data_version = store.data_version()?;
        let mut incidents = Vec::new();
        store.for_each_incident(&mut |i| {
            incidents.push(i);
            Ok(())
        })?;
        Ok(Self {
            data_version,
            sites: store.sites()?,
            movements: store.movements()?,
            notifications: store.notifications()?,
            acknowledgements: store.all_acknowledgements()?,
            incidents,
            ceasefires: store.ceasefires()?,
            areas: store.areas()?,
            incident_sources: store.incident_sources()?,
        })
    }

    pub fn input(&self) -> Input<'_> {
        Input {
            sites: &self.sites,
            movements: &self.movements,
            notifications: &self.notifications,
            acknowledgements: &self.acknowledgements,
            incidents: &self.incidents,
            ceasefires: &self.ceasefires,
            areas: &self.areas,
            incident_sources: &self.incident_sources,
        }
    }
}

/// The engine options as stored with the findings: findings made with other thresholds are
/// out of date too.
pub fn options_text(options: &Options) -> String {
    format!("{options:?}")
}

/// Whether the stored findings reflect the records as they are now, with these options.
pub fn is_current(store: &dyn Store, options: &Options) -> StoreResult<bool> {
    Ok(match store.findings_state()? {
        Some(state) => {
            state.data_version == store.data_version()? && state.options == options_text(options)
        }
        None => false,
    })
}

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub incidents_checked: u64,
    /// Incidents with at least one finding, and findings in all.
    pub incidents_with_findings: u64,
    pub findings: u64,
    /// When saving: incidents whose stored findings were written (new or changed), and
    /// incidents whose stored findings were removed (the incident is gone, or has none now).
    pub incidents_written: u64,
    pub incidents_cleared: u64,
}

/// Runs the cross-check over `records` and hands its findings to `each`, in the engine's order,
/// a batch at a time. With `save`, the stored findings are brought up to date in the same
/// pass, in one transaction: nothing is half-saved if the run stops early.
pub fn run<E: From<StoreError>>(
    store: &mut dyn Store,
    records: &Records,
    options: &Options,
    save: bool,
    mut each: impl FnMut(&[Finding]) -> Result<(), E>,
) -> Result<Summary, E> {
    let mut stored = if save {
        store.finding_digests()?
    } else {
        HashMap::new()
    };
    let mut tx = if save {
        Some(store.transaction()?)
    } else {
        None
    };
    let mut summary = Summary {
        incidents_checked: records.incidents.len() as u64,
        ..Summary::default()
    };
    let input = records.input();
    vigil_check::check_each(&input, options, |batch| {
        summary.findings += batch.len() as u64;
        let groups: Vec<&[Finding]> = batch.chunk_by(|a, b| a.incident == b.incident).collect();
        summary.incidents_with_findings += groups.len() as u64;
        if let Some(tx) = tx.as_mut() {
            let digests: Vec<Sha256> = groups.par_iter().map(|g| digest(g)).collect();
            for (group, digest) in groups.iter().zip(digests) {
                let incident = &group[0].incident;
                if stored.remove(incident) != Some(digest) {
                    tx.put_findings(incident, group, &digest)?;
                    summary.incidents_written += 1;
                }
            }
        }
        each(&batch)
    })?;
    if let Some(mut tx) = tx {
        // What is left had findings before and has none now.
        let mut cleared: Vec<IncidentId> = stored.into_keys().collect();
        cleared.sort();
        for incident in &cleared {
            tx.remove_findings(incident)?;
        }
        summary.incidents_cleared = cleared.len() as u64;
        tx.set_findings_state(&FindingsState {
            data_version: records.data_version,
            options: options_text(options),
            computed_at: chrono::Utc::now(),
            incidents: summary.incidents_with_findings,
            findings: summary.findings,
        })?;
        tx.commit()?;
    }
    Ok(summary)
}

/// SHA-256 of one incident's findings, as their JSON one after another.
fn digest(findings: &[Finding]) -> Sha256 {
    let mut hasher = HashWriter(sha2::Sha256::new());
    for f in findings {
        // Serialising plain data into a hasher cannot fail.
        serde_json::to_writer(&mut hasher, f).expect("a finding serialises as JSON");
        hasher.0.update(b"\n");
    }
    Sha256::from_bytes(hasher.0.finalize().into())
}

/// Feeds what is written into a hasher, so no JSON text is built just to be hashed.
struct HashWriter(sha2::Sha256);

impl std::io::Write for HashWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.update(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
