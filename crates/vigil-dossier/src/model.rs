//! The dossier as data: what `vigil dossier --format json` prints and the HTML page shows.
//! Plain values only; what a reader may see was decided when it was assembled.

use chrono::NaiveDate;
use serde::Serialize;
use vigil_domain::finding::Finding;
use vigil_domain::vocab::{
    AttributionGrade, CasualtyGroup, Certainty, Outcome, SourceKind, StatementKind,
};
use vigil_domain::{CustodyKind, Sha256, Timestamp};
use vigil_transparency::InclusionProof;

/// The first field of every dossier's JSON: what it is, and the version of its layout.
pub const FORMAT: &str = "vigil-dossier/1";

#[derive(Debug, Clone, Serialize)]
pub struct Dossier {
    pub format: &'static str,
    pub generated_at: Timestamp,
    /// The role the dossier was assembled for: what it shows is what that role may see.
    pub prepared_for: String,
    /// Whether sources are named (`false`: numbered, by kind only).
    pub source_identities: bool,
    pub incident: IncidentPart,
    /// The sites and movements the incident hit or came within reach of, with their
    /// notifications and acknowledgements.
    pub targets: Vec<TargetPart>,
    /// Claims, denials and admissions by the parties.
    pub statements: Vec<StatementPart>,
    pub evidence: Vec<EvidencePart>,
    pub findings: Vec<Finding>,
    /// Every source cited above, by its label.
    pub sources: Vec<SourcePart>,
    pub integrity: Integrity,
}

#[derive(Debug, Clone, Serialize)]
pub struct IncidentPart {
    pub id: String,
    pub title: Option<String>,
    pub kind: String,
    pub category: String,
    pub weapon: Option<String>,
    pub start: Timestamp,
    pub end: Timestamp,
    /// `exact`, `day`, `week`, `month` or `year`.
    pub time_precision: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// In words: "exact", "within 250 m", "neighbourhood", ….
    pub place_precision: String,
    pub radius_m: f64,
    pub area: Option<AreaPart>,
    pub damage: Option<String>,
    /// That it happened: rumour, possible, probable or confirmed.
    pub certainty: Certainty,
    /// Each figure as its source gives it; never summed across sources.
    pub casualties: Vec<CasualtyPart>,
    pub attributions: Vec<AttributionPart>,
    pub description: Option<String>,
    /// The reports it was built from, by their source's label.
    pub reports: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AreaPart {
    pub id: String,
    pub name: String,
    pub name_ar: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CasualtyPart {
    pub group: CasualtyGroup,
    pub outcome: Outcome,
    pub low: u32,
    pub best: u32,
    pub high: u32,
    pub source: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AttributionPart {
    pub party: String,
    pub party_name: Option<String>,
    pub grade: AttributionGrade,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TargetPart {
    /// `site` or `movement`.
    pub kind: &'static str,
    pub id: String,
    pub name: String,
    /// The site's or movement's kind (`hospital`, `convoy`, …).
    pub what: String,
    pub operator: Option<String>,
    /// A site's point (a movement has a route, not shown here).
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// Whether the incident itself names it as hit (otherwise it is here through a finding).
    pub named_by_incident: bool,
    /// A site's status as last recorded on or before the incident's first day.
    pub status_then: Option<String>,
    pub notifications: Vec<NotificationPart>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PartyRef {
    pub id: String,
    pub name: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NotificationPart {
    pub id: String,
    pub version: u32,
    pub parties: Vec<PartyRef>,
    pub sent_at: Timestamp,
    pub valid_from: NaiveDate,
    /// `None`: open-ended.
    pub valid_to: Option<NaiveDate>,
    pub withdrawn_at: Option<Timestamp>,
    pub channel: Option<String>,
    /// The SHA-256 of the exact payload that was sent.
    pub payload_sha256: Sha256,
    /// Whether this version was in force at some time of the incident's span.
    pub in_force: bool,
    /// Whether it was sent before the incident began, and how many whole days before
    /// (negative: after).
    pub sent_before: bool,
    pub days_before: i64,
    pub acknowledgements: Vec<AcknowledgementPart>,
    pub source: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AcknowledgementPart {
    pub party: PartyRef,
    pub received_at: Timestamp,
    pub by: Option<String>,
    pub channel: Option<String>,
    /// When receipt was acknowledged, relative to the incident's span.
    pub relative_to_incident: Relation,
}

/// A time relative to the incident's span (which may be a whole day, a week, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// At or before its start.
    Before,
    /// Within it: as far as the incident's time is known, it may have been either side.
    During,
    /// After its end.
    After,
}

impl Relation {
    pub fn of(t: Timestamp, start: Timestamp, end: Timestamp) -> Self {
        if t <= start {
            Relation::Before
        } else if t <= end {
            Relation::During
        } else {
            Relation::After
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct StatementPart {
    pub id: String,
    pub made_on: NaiveDate,
    pub kind: StatementKind,
    pub party: Option<PartyRef>,
    pub summary: String,
    pub source: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvidencePart {
    pub sha256: Sha256,
    pub size: u64,
    pub media_type: String,
    pub captured_at: Option<Timestamp>,
    /// A protected identity: only for those who may see source identities.
    pub captured_by: Option<String>,
    pub acquired_from: Option<String>,
    pub redacted_from: Option<Sha256>,
    pub added_at: Timestamp,
    pub custody: Vec<CustodyPart>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CustodyPart {
    pub at: Timestamp,
    pub kind: CustodyKind,
    pub actor: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourcePart {
    pub label: String,
    pub kind: Option<SourceKind>,
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub published_on: Option<NaiveDate>,
}

/// The proofs that the records above are the ones the transparency log holds.
#[derive(Debug, Clone, Serialize)]
pub struct Integrity {
    /// The signed checkpoint (C2SP signed note) the proofs are against; `None` when none has
    /// been signed yet.
    pub checkpoint: Option<String>,
    /// The log's verifier key (`name+hash+base64`), to check the checkpoint with.
    pub public_key: Option<String>,
    pub tree_size: Option<u64>,
    pub records: Vec<RecordProof>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RecordProof {
    /// `kind/id`, as the log's entries name records; a notification's with its version
    /// (`notification/ID v2`), since each version is proven by the entry that wrote it.
    pub record: String,
    pub status: ProofStatus,
    /// For `proven`: the inclusion proof of the entry that wrote the record as it is now,
    /// checkable with `vigil verify-proof` and the checkpoint above.
    pub proof: Option<InclusionProof>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProofStatus {
    /// The record as stored is what a checkpointed entry wrote.
    Proven,
    /// Written after the checkpoint was signed.
    NotYetCheckpointed,
    /// The stored record is not what its latest logged write wrote: run `vigil verify`.
    Differs,
    /// Written before the audit log existed.
    NotLogged,
}

impl ProofStatus {
    pub fn describe(self) -> &'static str {
        match self {
            ProofStatus::Proven => "proven",
            ProofStatus::NotYetCheckpointed => "written after the checkpoint",
            ProofStatus::Differs => "DIFFERS from the logged write",
            ProofStatus::NotLogged => "written before the log existed",
        }
    }
}
