//! Reading a dossier from a store, as one principal may see it.
//!
//! What goes in:
//! - the incident, with its casualty figures, attributions and reports (each source by its
//!   label, see [`crate::sources`]);
//! - every site and movement it names as hit, then every one a finding of it is about, each
//!   with every notification version (payload hash, when sent, to whom, in force or not at the
//!   time) and every acknowledgement;
//! - the parties' statements about it, its evidence with custody, its findings;
//! - for each of those records, whether the transparency log proves it as it is stored now,
//!   with the inclusion proof against the latest signed checkpoint.
//!
//! Nothing is written: a caller that wants the latest records covered signs a checkpoint first
//! (`vigil dossier` does).

use crate::model::*;
use crate::sources::SourceLabels;
use chrono::{NaiveDate, Utc};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
use vigil_domain::finding::Subject as FindingSubject;
use vigil_domain::incident::Target;
use vigil_domain::policy;
use vigil_domain::{
    Acknowledgement, AuditedEvidence, Finding, Incident, IncidentId, Movement, MovementId,
    Notification, Party, PartyId, Principal, Site, Subject, Timestamp,
};
use vigil_store::{Store, StoreError};
use vigil_transparency::{Attestation, LogError, Prover};

#[derive(Debug, thiserror::Error)]
pub enum DossierError {
    /// The principal may not read dossiers (the caller answers as for any refused read).
    #[error("dossiers are for admins, coordinators, monitors and analysts")]
    Refused,
    #[error("incident '{0}' does not exist")]
    NoSuchIncident(IncidentId),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the transparency log: {0}")]
    Log(#[from] LogError),
}

/// The dossier of `incident` as `principal` may see it, at `now`.
pub fn assemble(
    store: &dyn Store,
    principal: &Principal,
    incident: &IncidentId,
    now: Timestamp,
) -> Result<Dossier, DossierError> {
    if !policy::may_read_dossier(principal) {
        return Err(DossierError::Refused);
    }
    let detail = store
        .incident_detail(incident)?
        .ok_or_else(|| DossierError::NoSuchIncident(incident.clone()))?;
    let identities = policy::may_see_source_identities(principal);
    // Read for everyone: a numbered source is still described by its kind.
    let mut labels = SourceLabels::new(identities, store.sources()?);
    let parties: HashMap<PartyId, Party> = store
        .parties()?
        .into_iter()
        .map(|p| (p.id.clone(), p))
        .collect();
    let party_ref = |id: &PartyId| PartyRef {
        id: id.to_string(),
        name: parties.get(id).map(|p| p.name.clone()),
    };
    let mut proofs = Proofs::new(store)?;
    let i = &detail.incident;
    proofs.attest("incident", i.id.as_str(), i)?;

    let findings = findings_of(store, &i.id)?;
    let incident_part = incident_part(store, i, &detail, &mut labels, &party_ref)?;

    let mut targets = Vec::new();
    for (subject, named) in subjects(i, &findings) {
        let target = match &subject {
            Subject::Site(id) => match store.site(id)? {
                Some(site) => {
                    proofs.attest("site", id.as_str(), &site)?;
                    site_part(&site, i, named)
                }
                None => continue,
            },
            Subject::Movement(id) => match movement(store, id)? {
                Some(m) => {
                    proofs.attest("movement", id.as_str(), &m)?;
                    movement_part(&m, named)
                }
                None => continue,
            },
        };
        let mut target = target;
        for n in store.notifications_of(&subject)? {
            proofs.attest_named(
                format!("notification/{} v{}", n.id, n.version),
                "notification",
                n.id.as_str(),
                &n,
            )?;
            let acks: Vec<Acknowledgement> = store
                .acknowledgements(&n.id)?
                .into_iter()
                .filter(|a| a.version == n.version)
                .collect();
            for a in &acks {
                let id = format!("{}/v{}/{}", a.notification, a.version, a.party);
                proofs.attest("acknowledgement", &id, a)?;
            }
            target
                .notifications
                .push(notification_part(&n, &acks, i, &mut labels, &party_ref));
        }
        targets.push(target);
    }

    let mut statements = Vec::new();
    for s in &detail.statements {
        proofs.attest("statement", s.id.as_str(), s)?;
        statements.push(StatementPart {
            id: s.id.to_string(),
            made_on: s.made_on,
            kind: s.kind,
            party: s.party.as_ref().map(&party_ref),
            summary: s.summary.clone(),
            source: labels.label(&s.source),
        });
    }

    let mut evidence = Vec::new();
    for item in store.evidence_of_incident(&i.id)? {
        proofs.attest(
            "evidence",
            &item.sha256.to_string(),
            &AuditedEvidence::new(&item),
        )?;
        let custody = store
            .custody_of(&item.sha256)?
            .into_iter()
            .map(|e| CustodyPart {
                at: e.at,
                kind: e.kind,
                actor: e.actor,
                note: e.note,
            })
            .collect();
        let seen = item.as_seen_by(principal);
        evidence.push(EvidencePart {
            sha256: seen.sha256,
            size: seen.size,
            media_type: seen.media_type,
            captured_at: seen.captured_at,
            captured_by: seen.captured_by,
            acquired_from: labels.label_opt(seen.acquired_from.as_ref()),
            redacted_from: seen.redacted_from,
            added_at: seen.added_at,
            custody,
        });
    }

    Ok(Dossier {
        format: FORMAT,
        generated_at: now,
        prepared_for: principal.role().to_string(),
        source_identities: identities,
        incident: incident_part,
        targets,
        statements,
        evidence,
        findings,
        sources: labels.into_parts(),
        integrity: proofs.finish(),
    })
}

/// The dossier as of now.
pub fn assemble_now(
    store: &dyn Store,
    principal: &Principal,
    incident: &IncidentId,
) -> Result<Dossier, DossierError> {
    assemble(store, principal, incident, Utc::now())
}

fn incident_part(
    store: &dyn Store,
    i: &Incident,
    detail: &vigil_store::IncidentDetail,
    labels: &mut SourceLabels,
    party_ref: &dyn Fn(&PartyId) -> PartyRef,
) -> Result<IncidentPart, DossierError> {
    let area = match &i.area {
        Some(id) => store
            .areas()?
            .into_iter()
            .find(|a| &a.id == id)
            .map(|a| AreaPart {
                id: a.id.to_string(),
                name: a.name_en,
                name_ar: a.name_ar,
            }),
        None => None,
    };
    let casualties = i
        .casualties
        .iter()
        .map(|c| CasualtyPart {
            group: c.group,
            outcome: c.outcome,
            low: c.count.low,
            best: c.count.best,
            high: c.count.high,
            source: labels.label_opt(c.source.as_ref()),
        })
        .collect();
    let attributions = i
        .attributions
        .iter()
        .map(|a| {
            let party = party_ref(&a.party);
            AttributionPart {
                party: party.id,
                party_name: party.name,
                grade: a.grade,
                sources: a.sources.iter().map(|s| labels.label(s)).collect(),
            }
        })
        .collect();
    let reports = detail
        .reports
        .iter()
        .map(|r| labels.label(&r.source))
        .collect();
    Ok(IncidentPart {
        id: i.id.to_string(),
        title: i.title.clone(),
        kind: i.kind.to_string(),
        category: i.kind.category().to_string(),
        weapon: i.weapon.clone(),
        start: i.when.start(),
        end: i.when.end(),
        time_precision: i.when.precision().to_string(),
        lat: i.location.point.map(|p| p.lat()),
        lon: i.location.point.map(|p| p.lon()),
        place_precision: i.location.precision.describe(),
        radius_m: i.location.radius_m,
        area,
        damage: i.damage.map(|d| d.to_string()),
        certainty: i.certainty,
        casualties,
        attributions,
        description: i.description.clone(),
        reports,
    })
}

/// The incident's own findings, in the engine's order. (A later incident's repeat-attack
/// finding that names this one belongs to that incident's dossier: it is told from there.)
fn findings_of(store: &dyn Store, id: &IncidentId) -> Result<Vec<Finding>, DossierError> {
    let mut found = Vec::new();
    store.for_each_finding(&mut |f| {
        if &f.incident == id {
            found.push(f);
        }
        Ok(())
    })?;
    Ok(found)
}

/// The sites and movements to show: those the incident names first (`true`), then those its
/// findings are about, each once.
fn subjects(incident: &Incident, findings: &[Finding]) -> Vec<(Subject, bool)> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    let named = incident.targets.iter().filter_map(|t| match t {
        Target::Site(id) => Some(Subject::Site(id.clone())),
        Target::Movement(id) => Some(Subject::Movement(id.clone())),
        Target::Kind(_) => None,
    });
    for subject in named {
        if seen.insert(key(&subject)) {
            out.push((subject, true));
        }
    }
    for f in findings {
        let subject = match &f.subject {
            FindingSubject::Site(id) => Subject::Site(id.clone()),
            FindingSubject::Movement(id) => Subject::Movement(id.clone()),
            _ => continue,
        };
        if seen.insert(key(&subject)) {
            out.push((subject, false));
        }
    }
    out
}

fn key(subject: &Subject) -> (&'static str, String) {
    (subject.kind(), subject.id().to_owned())
}

fn movement(store: &dyn Store, id: &MovementId) -> Result<Option<Movement>, StoreError> {
    Ok(store.movements()?.into_iter().find(|m| &m.id == id))
}

fn site_part(site: &Site, incident: &Incident, named: bool) -> TargetPart {
    let first_day: NaiveDate = incident.when.start().date_naive();
    TargetPart {
        kind: "site",
        id: site.id.to_string(),
        name: site.name.clone(),
        what: site.kind.to_string(),
        operator: site.operator.clone(),
        lat: site.location.point.map(|p| p.lat()),
        lon: site.location.point.map(|p| p.lon()),
        named_by_incident: named,
        status_then: site.status_on(first_day).map(|s| s.status.to_string()),
        notifications: Vec::new(),
    }
}

fn movement_part(m: &Movement, named: bool) -> TargetPart {
    TargetPart {
        kind: "movement",
        id: m.id.to_string(),
        name: m.name.clone(),
        what: m.kind.to_string(),
        operator: m.operator.clone(),
        lat: None,
        lon: None,
        named_by_incident: named,
        status_then: None,
        notifications: Vec::new(),
    }
}

fn notification_part(
    n: &Notification,
    acks: &[Acknowledgement],
    incident: &Incident,
    labels: &mut SourceLabels,
    party_ref: &dyn Fn(&PartyId) -> PartyRef,
) -> NotificationPart {
    let start = incident.when.start();
    let withdrawn_before = n.withdrawn_at.is_some_and(|w| w <= start);
    NotificationPart {
        id: n.id.to_string(),
        version: n.version,
        parties: n.parties.iter().map(party_ref).collect(),
        sent_at: n.sent_at,
        valid_from: n.valid.from,
        valid_to: n.valid.to,
        withdrawn_at: n.withdrawn_at,
        channel: n.channel.clone(),
        payload_sha256: n.payload_sha256,
        in_force: n.valid.in_force_during(&incident.when) && !withdrawn_before,
        sent_before: n.sent_at < start,
        days_before: (start - n.sent_at).num_days(),
        acknowledgements: acks
            .iter()
            .map(|a| AcknowledgementPart {
                party: party_ref(&a.party),
                received_at: a.received_at,
                by: a.by.clone(),
                channel: a.channel.clone(),
                relative_to_incident: Relation::of(a.received_at, start, incident.when.end()),
            })
            .collect(),
        source: labels.label_opt(n.source.as_ref()),
    }
}

/// The proofs of the dossier's records, against the latest checkpoint if there is one.
struct Proofs<'s> {
    store: &'s dyn Store,
    prover: Option<Prover>,
    public_key: Option<String>,
    records: Vec<RecordProof>,
}

impl<'s> Proofs<'s> {
    fn new(store: &'s dyn Store) -> Result<Self, DossierError> {
        let prover = match vigil_transparency::proofs::latest_checkpoint(store)? {
            None => None,
            Some(_) => Some(Prover::latest(store)?),
        };
        Ok(Self {
            store,
            prover,
            public_key: vigil_transparency::stored_public_key(store)?,
            records: Vec::new(),
        })
    }

    fn attest(
        &mut self,
        kind: &str,
        id: &str,
        record: &impl Serialize,
    ) -> Result<(), DossierError> {
        self.attest_named(format!("{kind}/{id}"), kind, id, record)
    }

    /// As [`Proofs::attest`], listed under `name`: a notification's versions are one record in
    /// the log, each proven by the entry that wrote it, so each is listed with its version.
    fn attest_named(
        &mut self,
        name: String,
        kind: &str,
        id: &str,
        record: &impl Serialize,
    ) -> Result<(), DossierError> {
        if self.records.iter().any(|r| r.record == name) {
            return Ok(());
        }
        let value = serde_json::to_value(record).expect("domain records always serialise");
        let (status, proof) = match &self.prover {
            None => (ProofStatus::NotYetCheckpointed, None),
            Some(prover) => match prover.attest(self.store, kind, id, &value)? {
                Attestation::Proven(proof) => (ProofStatus::Proven, Some(proof)),
                Attestation::NotYetCheckpointed => (ProofStatus::NotYetCheckpointed, None),
                Attestation::Differs => (ProofStatus::Differs, None),
                Attestation::NotLogged => (ProofStatus::NotLogged, None),
            },
        };
        self.records.push(RecordProof {
            record: name,
            status,
            proof,
        });
        Ok(())
    }

    fn finish(self) -> Integrity {
        Integrity {
            checkpoint: self.prover.as_ref().map(|p| p.checkpoint().to_owned()),
            public_key: self.public_key,
            tree_size: self.prover.as_ref().map(Prover::tree_size),
            records: self.records,
        }
    }
}
