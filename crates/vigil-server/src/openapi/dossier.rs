//! The dossier `GET /api/incidents/{id}/dossier` returns: `vigil_dossier::Dossier`, mirrored
//! field by field (the findings as the cross-check writes them, objects).

use super::vocab::{
    AttributionGrade, CasualtyGroup, Certainty, Outcome, Role, SourceKind, StatementKind,
};
use chrono::{DateTime, NaiveDate, Utc};
use utoipa::ToSchema;

/// One attack's dossier: notifications, acknowledgements, incident, sources, evidence,
/// findings and inclusion proofs.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Dossier {
    /// `vigil-dossier/1`.
    format: String,
    generated_at: DateTime<Utc>,
    /// The role it was assembled for.
    prepared_for: Role,
    /// Whether sources are named (`false`: numbered, by kind only).
    source_identities: bool,
    incident: DossierIncident,
    targets: Vec<DossierTarget>,
    statements: Vec<DossierStatement>,
    evidence: Vec<DossierEvidence>,
    /// The incident's findings, as the cross-check writes them.
    #[schema(value_type = Vec<Object>)]
    findings: Vec<()>,
    sources: Vec<DossierSource>,
    integrity: DossierIntegrity,
}

#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct DossierArea {
    id: String,
    name: String,
    name_ar: Option<String>,
}

#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct DossierCasualties {
    group: CasualtyGroup,
    outcome: Outcome,
    low: u32,
    best: u32,
    high: u32,
    /// The source's label.
    source: Option<String>,
}

#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct DossierAttribution {
    party: String,
    party_name: Option<String>,
    grade: AttributionGrade,
    sources: Vec<String>,
}

#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct DossierIncident {
    id: String,
    title: Option<String>,
    kind: String,
    category: String,
    weapon: Option<String>,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    time_precision: String,
    lat: Option<f64>,
    lon: Option<f64>,
    place_precision: String,
    radius_m: f64,
    area: Option<DossierArea>,
    damage: Option<String>,
    certainty: Certainty,
    casualties: Vec<DossierCasualties>,
    attributions: Vec<DossierAttribution>,
    description: Option<String>,
    /// The reports it was built from, by their source's label.
    reports: Vec<String>,
}

#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct PartyRef {
    id: String,
    name: Option<String>,
}

/// When an acknowledgement came, relative to the incident's span.
#[derive(ToSchema)]
#[schema(rename_all = "snake_case")]
pub(crate) enum Relation {
    Before,
    During,
    After,
}

#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct DossierAcknowledgement {
    party: PartyRef,
    received_at: DateTime<Utc>,
    by: Option<String>,
    channel: Option<String>,
    relative_to_incident: Relation,
}

#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct DossierNotification {
    id: String,
    version: u32,
    parties: Vec<PartyRef>,
    sent_at: DateTime<Utc>,
    valid_from: NaiveDate,
    valid_to: Option<NaiveDate>,
    withdrawn_at: Option<DateTime<Utc>>,
    channel: Option<String>,
    /// The SHA-256 of the exact payload that was sent, hex.
    payload_sha256: String,
    in_force: bool,
    sent_before: bool,
    days_before: i64,
    acknowledgements: Vec<DossierAcknowledgement>,
    source: Option<String>,
}

#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct DossierTarget {
    /// `site` or `movement`.
    kind: String,
    id: String,
    name: String,
    what: String,
    operator: Option<String>,
    lat: Option<f64>,
    lon: Option<f64>,
    named_by_incident: bool,
    status_then: Option<String>,
    notifications: Vec<DossierNotification>,
}

#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct DossierStatement {
    id: String,
    made_on: NaiveDate,
    kind: StatementKind,
    party: Option<PartyRef>,
    summary: String,
    source: String,
}

#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct DossierEvidence {
    sha256: String,
    size: u64,
    media_type: String,
    captured_at: Option<DateTime<Utc>>,
    /// A protected identity: for monitors and admins only.
    captured_by: Option<String>,
    acquired_from: Option<String>,
    redacted_from: Option<String>,
    added_at: DateTime<Utc>,
    custody: Vec<super::evidence::CustodyEvent>,
}

#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct DossierSource {
    label: String,
    kind: Option<SourceKind>,
    title: Option<String>,
    publisher: Option<String>,
    url: Option<String>,
    published_on: Option<NaiveDate>,
}

/// An RFC 9162 inclusion proof, as `vigil log proof` prints it.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct InclusionProof {
    leaf_index: u64,
    tree_size: u64,
    /// The entry's bytes, base64.
    leaf: String,
    /// Hex hashes.
    inclusion_path: Vec<String>,
}

/// Whether the log proves a record as it is stored.
#[derive(ToSchema)]
#[schema(rename_all = "snake_case")]
pub(crate) enum ProofStatus {
    Proven,
    NotYetCheckpointed,
    Differs,
    NotLogged,
}

#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RecordProof {
    /// `kind/id`; a notification's with its version (`notification/ID v2`).
    record: String,
    status: ProofStatus,
    proof: Option<InclusionProof>,
}

#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct DossierIntegrity {
    /// The signed checkpoint (C2SP signed note) the proofs are against.
    checkpoint: Option<String>,
    /// The log's verifier key.
    public_key: Option<String>,
    tree_size: Option<u64>,
    records: Vec<RecordProof>,
}
