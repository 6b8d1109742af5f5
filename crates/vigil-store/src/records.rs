//! Read models: records gathered with what belongs to them, for people and reports.

use vigil_domain::{Acknowledgement, Incident, Notification, Report, Site, Source, Statement};

/// How many records of each kind a database holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    pub sources: u64,
    pub parties: u64,
    pub areas: u64,
    pub sites: u64,
    pub movements: u64,
    /// Notification ids (not versions).
    pub notifications: u64,
    pub acknowledgements: u64,
    pub reports: u64,
    pub incidents: u64,
    pub statements: u64,
    pub ceasefires: u64,
    pub zones_of_control: u64,
    pub population_figures: u64,
}

/// A site with what is known about it.
#[derive(Debug, Clone)]
pub struct SiteDetail {
    pub site: Site,
    pub notifications: Vec<(Notification, Vec<Acknowledgement>)>,
    /// Ids and titles of incidents that name the site as a target, oldest first.
    pub incidents: Vec<Incident>,
}

/// An incident with its reports, sources and statements.
#[derive(Debug, Clone)]
pub struct IncidentDetail {
    pub incident: Incident,
    pub reports: Vec<Report>,
    pub sources: Vec<Source>,
    pub statements: Vec<Statement>,
}

/// One finished import, recorded in the same transaction as the rows it wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRun {
    pub finished_at: vigil_domain::Timestamp,
    /// `sites`, `incidents`, …
    pub record_kind: String,
    pub file_name: String,
    pub file_sha256: vigil_domain::Sha256,
    pub rows_read: u64,
    pub inserted: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub skipped: u64,
}

/// What the stored findings were computed from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingsState {
    /// The [`crate::Store::data_version`] of the records they were computed from: while the
    /// store still reads this version, they are up to date.
    pub data_version: u64,
    /// The engine's options, as text: findings computed with other thresholds are out of date
    /// too.
    pub options: String,
    pub computed_at: vigil_domain::Timestamp,
    /// Incidents with at least one finding, and findings in all.
    pub incidents: u64,
    pub findings: u64,
}

/// Which audit log entries to read: all of them, or those of one record kind (and id), after a
/// position, at most `limit`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditQuery {
    pub record_kind: Option<String>,
    pub record_id: Option<String>,
    /// Only entries with a larger `seq` (the cursor of the previous page).
    pub after_seq: Option<u64>,
    pub limit: usize,
}

impl AuditQuery {
    /// The first `limit` entries of the whole log.
    pub fn all(limit: usize) -> Self {
        Self {
            record_kind: None,
            record_id: None,
            after_seq: None,
            limit,
        }
    }
}

/// The transparency log's head: its latest checkpoint, with the frontier of the checkpoint's
/// tree (`vigil_translog::Frontier` as bytes) and the `seq` of its last leaf, so the next
/// checkpoint is signed from the entries written since, without reading every leaf.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogHead {
    pub tree_size: u64,
    /// `None` for the empty tree.
    pub last_seq: Option<u64>,
    /// The signed checkpoint of `tree_size` leaves.
    pub note: String,
    pub frontier: Vec<u8>,
}
