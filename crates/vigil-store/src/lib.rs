//! Vigil's storage interface: one trait that every database backend implements, so nothing
//! above it knows which database it runs on.
//!
//! - [`Store`]: an open database; reads, and [`Store::transaction`] for writes;
//! - [`Transaction`]: every write happens inside one; dropping it without
//!   [`Transaction::commit`] rolls everything back, which is what makes an import all-or-nothing
//!   and a crash harmless;
//! - [`WriteOutcome`]: what a write did, so imports can report "12 new, 0 changed, 3 unchanged"
//!   and prove that importing the same file twice changes nothing;
//! - [`StoreError`]: errors with an [`vigil_domain::ErrorCategory`];
//! - [`FindingsState`]: what the stored findings of the cross-check were computed from;
//! - [`IncidentQuery`]: the filters of [`Store::incidents_page`], the indexed incident search.
//!
//! Semantics every backend keeps:
//! - records keep the ids they were given; writing a record equal to the stored one is
//!   [`WriteOutcome::Unchanged`] and touches nothing;
//! - a site's status history and capacity facts only grow: writing a site adds the entries it
//!   carries that are not stored yet and never removes one;
//! - a notification is versioned: writing one whose content differs from its latest stored
//!   version appends a new version; earlier versions are never changed;
//! - reports are immutable: writing a different report under a stored id is a conflict;
//! - an incident's reports only grow: writing an incident adds the reports it names that are
//!   not linked yet and never unlinks one (what a source once said stays part of the record);
//!   its other fields are replaced;
//! - sources and parties written with [`Existing::Keep`] leave a stored record untouched (an
//!   import that only names a source must not overwrite its curated title);
//! - an area written with the same content as the stored one is [`WriteOutcome::Unchanged`],
//!   its boundary included, at whatever precision its coordinates are given;
//! - moving an incident or a site to another area ([`Transaction::set_incident_area`]) only
//!   touches a record whose area is still the one expected, and leaves it as writing it with
//!   the new area would;
//! - every committed transaction that changed a record moves the [`Store::data_version`] on
//!   (writing findings does not: they are derived from the records), so stored findings know
//!   when they are out of date;
//! - accounts and API tokens are written once ([`Transaction::put_account`],
//!   [`Transaction::put_token`]: an existing name or id is a conflict, so a password or a
//!   token's grant is never replaced by accident); a token is only ever revoked, and keeps its
//!   first revocation time. They are not records of the register: writing them does not move
//!   the data version. A token's secret is never stored, only its SHA-256;
//! - every write that inserts or changes a record (findings and import runs are not records)
//!   appends an [`AuditEntry`] in the same transaction, naming the transaction's [`Actor`] and
//!   holding the record as JSON before and after; an unchanged write appends nothing, and
//!   entries are never changed or removed. A report's entry holds its metadata and the
//!   SHA-256 of its content rather than the content again: reports are immutable, so the
//!   stored report is the `after` for ever. Accounts' entries carry no password hash and
//!   tokens' no digest;
//! - evidence items are named by their content's SHA-256 and written once: writing an item
//!   already stored keeps its stored metadata (the first acquisition's account of it stands)
//!   and only links the incidents it names that are not linked yet; links are never removed.
//!   Custody events are only appended. An item's entry in the audit log never holds
//!   `captured_by` (a witness's identity), only whether one was recorded. Evidence and custody
//!   do not move the data version: the findings do not depend on them.
#![forbid(unsafe_code)]

pub mod audit_form;
pub mod columns;
#[cfg(feature = "conformance")]
pub mod conformance;
mod error;
mod query;
mod records;

pub use error::{StoreError, StoreResult, ValidationErrors};
pub use query::{BoundingBox, IncidentQuery};
pub use records::{
    AuditQuery, Counts, FindingsState, ImportRun, IncidentDetail, LogHead, SiteDetail,
};

use vigil_domain::{
    Account, Acknowledgement, Actor, ApiToken, Area, AreaId, AuditEntry, Ceasefire, CustodyEvent,
    EvidenceItem, Finding, Incident, IncidentId, Movement, Notification, NotificationId, Party,
    PopulationFigure, Report, ReportId, Site, SiteId, Source, SourceId, Statement, StatementId,
    Subject, ZoneOfControl,
};

/// What one write did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteOutcome {
    Inserted,
    Updated,
    Unchanged,
}

/// What to do when a record with the same id is already stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Leave the stored record as it is.
    Keep,
    /// Replace it with the one written.
    Replace,
}

/// An open Vigil database.
pub trait Store {
    /// Starts a write transaction made by `actor`, who is named in the audit log entry of every
    /// record it changes. Nothing it writes is visible to others, or survives a crash, until
    /// [`Transaction::commit`].
    fn transaction_as(&mut self, actor: &Actor) -> StoreResult<Box<dyn Transaction + '_>>;

    /// Starts a write transaction made from the command line by the logged-in user (`$USER`):
    /// whoever holds the database file.
    fn transaction(&mut self) -> StoreResult<Box<dyn Transaction + '_>> {
        let user = std::env::var("USER")
            .or_else(|_| std::env::var("USERNAME"))
            .ok();
        self.transaction_as(&Actor::local(user.as_deref()))
    }

    /// How many records of each kind are stored.
    fn counts(&self) -> StoreResult<Counts>;

    fn sources(&self) -> StoreResult<Vec<Source>>;
    fn source(&self, id: &SourceId) -> StoreResult<Option<Source>>;
    fn parties(&self) -> StoreResult<Vec<Party>>;
    fn areas(&self) -> StoreResult<Vec<Area>>;
    fn movements(&self) -> StoreResult<Vec<Movement>>;
    fn ceasefires(&self) -> StoreResult<Vec<Ceasefire>>;
    /// Every zone of control, by area, start and id.
    fn zones_of_control(&self) -> StoreResult<Vec<ZoneOfControl>>;
    /// The population figures of an area, oldest first.
    fn population_figures(&self, area: &AreaId) -> StoreResult<Vec<PopulationFigure>>;

    /// Every site, ordered by id.
    fn sites(&self) -> StoreResult<Vec<Site>>;
    fn site(&self, id: &SiteId) -> StoreResult<Option<Site>>;
    /// A site with its notifications (every version), acknowledgements and the incidents that
    /// name it as a target.
    fn site_detail(&self, id: &SiteId) -> StoreResult<Option<SiteDetail>>;

    /// Calls `f` with every incident, ordered by id, without holding them all in memory.
    fn for_each_incident(&self, f: &mut dyn FnMut(Incident) -> StoreResult<()>) -> StoreResult<()>;
    /// The first `query.limit` incidents, in id order (by bytes), that
    /// [`IncidentQuery::admits`], children included as [`Store::incident`] reads them.
    ///
    /// This is what lists and searches use: a backend answers it through indexes (a bounding
    /// box and a period together in one index search, not a walk over every incident), so
    /// a page costs about the same in a database of a thousand incidents or of millions. A
    /// backend documents which filters its indexes serve and which it checks row by row.
    fn incidents_page(&self, query: &IncidentQuery) -> StoreResult<Vec<Incident>>;
    fn incident(&self, id: &IncidentId) -> StoreResult<Option<Incident>>;
    /// An incident with its reports, their sources, and the statements about it.
    fn incident_detail(&self, id: &IncidentId) -> StoreResult<Option<IncidentDetail>>;
    fn report(&self, id: &ReportId) -> StoreResult<Option<Report>>;
    /// Calls `f` with every report, ordered by id, without holding them all in memory (a
    /// report may be filed before any incident names it, so walking incidents misses some).
    fn for_each_report(&self, f: &mut dyn FnMut(Report) -> StoreResult<()>) -> StoreResult<()>;
    /// One statement by its id, whichever incident it is about.
    fn statement(&self, id: &StatementId) -> StoreResult<Option<Statement>>;

    /// Every version of every notification of `subject`, by id then version.
    fn notifications_of(&self, subject: &Subject) -> StoreResult<Vec<Notification>>;
    /// Every version of every notification, by id then version.
    fn notifications(&self) -> StoreResult<Vec<Notification>>;
    fn acknowledgements(&self, id: &NotificationId) -> StoreResult<Vec<Acknowledgement>>;
    /// Every acknowledgement, by notification, version, time and party.
    fn all_acknowledgements(&self) -> StoreResult<Vec<Acknowledgement>>;
    /// For every incident, the distinct sources of the reports it was built from, sorted.
    fn incident_sources(&self)
        -> StoreResult<std::collections::HashMap<IncidentId, Vec<SourceId>>>;
    /// Past imports, oldest first.
    fn import_runs(&self) -> StoreResult<Vec<ImportRun>>;

    /// A number that every committed transaction which changed a record moves on.
    fn data_version(&self) -> StoreResult<u64>;
    /// What the stored findings were computed from; `None` before the first cross-check.
    fn findings_state(&self) -> StoreResult<Option<FindingsState>>;
    /// The SHA-256 of each incident's stored findings (see [`Transaction::put_findings`]).
    fn finding_digests(
        &self,
    ) -> StoreResult<std::collections::HashMap<IncidentId, vigil_domain::Sha256>>;
    /// Every stored finding, in the engine's order (by incident, then as the engine sorted
    /// them).
    fn for_each_finding(&self, f: &mut dyn FnMut(Finding) -> StoreResult<()>) -> StoreResult<()>;
    /// The stored findings about a site, a movement, an incident or a ceasefire: those with it
    /// as subject, and the repeat attacks on a site. By incident, then in the engine's order.
    fn findings_about(&self, subject: &vigil_domain::finding::Subject)
        -> StoreResult<Vec<Finding>>;

    /// The account of that name.
    fn account(&self, name: &str) -> StoreResult<Option<Account>>;
    /// Every account, by name.
    fn accounts(&self) -> StoreResult<Vec<Account>>;
    /// The token whose secret has this SHA-256, revoked or not (the caller tells "revoked"
    /// from "unknown"): what the server does on every request, so one indexed read.
    fn token_by_sha256(&self, digest: &vigil_domain::Sha256) -> StoreResult<Option<ApiToken>>;
    /// Every token, oldest first (then by id).
    fn tokens(&self) -> StoreResult<Vec<ApiToken>>;

    /// Audit log entries matching `query`, oldest first.
    fn audit_log(&self, query: &AuditQuery) -> StoreResult<Vec<AuditEntry>>;

    /// The evidence item with this SHA-256, with its incidents.
    fn evidence(&self, sha256: &vigil_domain::Sha256) -> StoreResult<Option<EvidenceItem>>;
    /// Every evidence item, by SHA-256.
    fn evidence_items(&self) -> StoreResult<Vec<EvidenceItem>>;
    /// The evidence items linked to an incident, by SHA-256.
    fn evidence_of_incident(&self, id: &IncidentId) -> StoreResult<Vec<EvidenceItem>>;
    /// An item's custody log, in the order it was recorded.
    fn custody_of(&self, sha256: &vigil_domain::Sha256) -> StoreResult<Vec<CustodyEvent>>;

    /// The transparency log's signer key (signed-note text form), if one was made.
    fn log_signer_key(&self) -> StoreResult<Option<String>>;
    /// The leaf hashes stored when checkpoints were made, in leaf order, with the `seq` of the
    /// audit entry each was made from.
    fn log_leaves(&self) -> StoreResult<Vec<(u64, [u8; 32])>>;
    /// Every signed checkpoint, by tree size: (size, the signed note).
    fn log_checkpoints(&self) -> StoreResult<Vec<(u64, String)>>;
    /// The log's head ([`LogHead`]), once a checkpoint was stored with one.
    fn log_head(&self) -> StoreResult<Option<LogHead>>;
}

/// A write transaction. Each `put_*` validates the record before writing it.
pub trait Transaction {
    fn put_source(&mut self, source: &Source, existing: Existing) -> StoreResult<WriteOutcome>;
    fn put_party(&mut self, party: &Party, existing: Existing) -> StoreResult<WriteOutcome>;
    fn put_area(&mut self, area: &Area) -> StoreResult<WriteOutcome>;
    fn put_site(&mut self, site: &Site) -> StoreResult<WriteOutcome>;
    fn put_movement(&mut self, movement: &Movement) -> StoreResult<WriteOutcome>;
    /// Stores a notification. `notification.version` is ignored: the store appends a new
    /// version when the content differs from the latest stored one, and returns the version
    /// that now holds this content.
    fn put_notification(&mut self, notification: &Notification)
        -> StoreResult<(WriteOutcome, u32)>;
    fn put_acknowledgement(&mut self, ack: &Acknowledgement) -> StoreResult<WriteOutcome>;
    fn put_report(&mut self, report: &Report) -> StoreResult<WriteOutcome>;
    fn put_incident(&mut self, incident: &Incident) -> StoreResult<WriteOutcome>;
    /// Stores an incident built from `report` (which `incident.reports` names), as an import
    /// does: when the stored incident already states exactly these facts (every field but its
    /// reports), nothing is written, not even the report, so a row that adds nothing leaves
    /// the database as it was; otherwise the report is stored and the incident written as by
    /// [`Transaction::put_incident`].
    fn put_incident_from(
        &mut self,
        incident: &Incident,
        report: &Report,
    ) -> StoreResult<WriteOutcome>;
    fn put_statement(&mut self, statement: &Statement) -> StoreResult<WriteOutcome>;
    fn put_ceasefire(&mut self, ceasefire: &Ceasefire) -> StoreResult<WriteOutcome>;
    fn put_zone_of_control(&mut self, zone: &ZoneOfControl) -> StoreResult<WriteOutcome>;
    /// Stores a population figure; one per area, date and source (a later write with the same
    /// three replaces the number).
    fn put_population_figure(&mut self, figure: &PopulationFigure) -> StoreResult<WriteOutcome>;

    /// Moves a stored incident from area `expected` (`None`: no area) to `area`, and nothing
    /// else: the incident is then stored exactly as [`Transaction::put_incident`] of it with
    /// that area would store it, so a later write of that incident is
    /// [`WriteOutcome::Unchanged`]. An incident whose stored area is not `expected` (someone
    /// else changed it since it was read) or already `area` is left as it is
    /// ([`WriteOutcome::Unchanged`]). A missing incident is [`StoreError::NotFound`].
    fn set_incident_area(
        &mut self,
        id: &IncidentId,
        expected: Option<&AreaId>,
        area: &AreaId,
    ) -> StoreResult<WriteOutcome>;
    /// Moves a stored site from area `expected` to `area`, as
    /// [`Transaction::set_incident_area`] does for incidents.
    fn set_site_area(
        &mut self,
        id: &SiteId,
        expected: Option<&AreaId>,
        area: &AreaId,
    ) -> StoreResult<WriteOutcome>;

    /// Marks a point to return to: the writes of one input row, so a bad row can be undone
    /// alone when the user asked to skip bad rows. Savepoints do not nest.
    fn savepoint(&mut self) -> StoreResult<()>;
    /// Keeps the writes since [`Transaction::savepoint`].
    fn release_savepoint(&mut self) -> StoreResult<()>;
    /// Undoes the writes since [`Transaction::savepoint`].
    fn rollback_to_savepoint(&mut self) -> StoreResult<()>;

    /// Replaces the stored findings of one incident (none: removes them) and their digest.
    /// Does not move the data version.
    fn put_findings(
        &mut self,
        incident: &IncidentId,
        findings: &[Finding],
        digest: &vigil_domain::Sha256,
    ) -> StoreResult<()>;
    /// Removes the stored findings of an incident, and its digest.
    fn remove_findings(&mut self, incident: &IncidentId) -> StoreResult<()>;
    /// Records what the stored findings now reflect.
    fn set_findings_state(&mut self, state: &FindingsState) -> StoreResult<()>;

    /// Stores a new account. An account of that name already stored is a
    /// [`StoreError::Conflict`]; a liaison's party must exist.
    fn put_account(&mut self, account: &Account) -> StoreResult<()>;
    /// Stores a new token. A token with that id or that digest already stored is a
    /// [`StoreError::Conflict`]; a liaison's party and the token's account must exist.
    fn put_token(&mut self, token: &ApiToken) -> StoreResult<()>;
    /// Revokes the token with public id `id` at `at`; `false` if there is no such token. A
    /// token already revoked keeps its first revocation time.
    fn revoke_token(&mut self, id: &str, at: vigil_domain::Timestamp) -> StoreResult<bool>;

    /// Stores an evidence item whose file is already in the evidence folder. A new item is
    /// [`WriteOutcome::Inserted`]; for one already stored, the incidents it names that are not
    /// linked yet are linked ([`WriteOutcome::Updated`], else [`WriteOutcome::Unchanged`]) and
    /// its other fields are ignored. Its source, incidents and original (`redacted_from`) must
    /// exist.
    fn put_evidence(&mut self, item: &EvidenceItem) -> StoreResult<WriteOutcome>;
    /// Links a stored item to a stored incident ([`WriteOutcome::Unchanged`] if it already is).
    fn link_evidence(
        &mut self,
        sha256: &vigil_domain::Sha256,
        incident: &IncidentId,
    ) -> StoreResult<WriteOutcome>;
    /// Appends an event to a stored item's custody log.
    fn record_custody(&mut self, event: &CustodyEvent) -> StoreResult<()>;

    /// Stores the transparency log's signer key; one already stored is a
    /// [`StoreError::Conflict`] (the key a log's checkpoints were signed with is never replaced).
    fn put_log_signer_key(&mut self, signer_key: &str) -> StoreResult<()>;
    /// Appends leaf hashes at the end of the stored ones: `first_index` must be the number
    /// already stored. Each comes with the `seq` of its audit entry.
    fn append_log_leaves(
        &mut self,
        first_index: u64,
        leaves: &[(u64, [u8; 32])],
    ) -> StoreResult<()>;
    /// Stores a signed checkpoint of `tree_size` leaves (one per size; storing the same size
    /// again is a conflict).
    fn put_log_checkpoint(&mut self, tree_size: u64, note: &str) -> StoreResult<()>;
    /// Replaces the log's head; written with the checkpoint it describes.
    fn put_log_head(&mut self, head: &LogHead) -> StoreResult<()>;

    /// Records a finished import with the rows it wrote.
    fn record_import(&mut self, run: &ImportRun) -> StoreResult<()>;

    /// Only for copying a whole database into an empty one (`vigil migrate`): the records are
    /// written through the `put_*` methods, which append audit entries of their own; this
    /// replaces those with the source's entries, verbatim (`seq`, time, actor, before and
    /// after), so that the copy's transparency log proves and checks exactly as the original's.
    /// The first call removes every entry this transaction appended; later calls append.
    /// Entries must come in `seq` order, each after the last one stored. A database that held
    /// any audit entry when the transaction began is refused with [`StoreError::Conflict`]:
    /// an audit log is never rewritten.
    fn restore_audit_entries(&mut self, entries: &[AuditEntry]) -> StoreResult<()>;
    /// Only for `vigil migrate`, with [`Transaction::restore_audit_entries`]: sets the data
    /// version to the source's, so stored findings copied with it stay up to date; the commit
    /// then leaves it as set.
    fn restore_data_version(&mut self, version: u64) -> StoreResult<()>;

    /// Makes every write of the transaction durable, all at once.
    fn commit(self: Box<Self>) -> StoreResult<()>;
}
