//! What the API returns for a record: built here, and only here, through
//! [`vigil_domain::policy`]. Handlers never serialise a domain record; they pass it to
//! [`site`], [`incident`], [`movement`] or [`finding`] and return what comes back.
//!
//! The full views copy fields one by one rather than serialising `Site` or `Incident`, so a
//! field added to a domain record is not published until someone decides who may see it.
//! Ceasefires, areas, sources, reports and statements have their views in `views/`.

mod areas;
mod ceasefires;
mod sources;

pub(crate) use areas::{area, area_summary};
pub(crate) use ceasefires::ceasefire;
pub(crate) use sources::{report, source, statement};

use serde::Serialize;
use serde_json::Value;
use vigil_domain::finding::Subject as FindingSubject;
use vigil_domain::policy::{self, IncidentAccess, MovementAccess, NotificationAccess, SiteAccess};
use vigil_domain::{
    Acknowledgement, AreaId, AreaTree, AttributionGrade, CapacityMetric, CasualtyGroup, Certainty,
    Damage, DayWindow, Finding, FindingKind, Incident, IncidentCategory, IncidentKind, Location,
    Movement, MovementKind, Notification, Outcome, PartyId, Point, Principal, Sensitivity, Site,
    SiteKind, SiteStatus, Source, SourceKind, Strength, Target, TimeSpan, Timestamp,
};

/// The view of `site` for `principal`; `None` when the principal may not know it exists.
/// `notifications` are the site's own (they decide what a liaison sees).
pub(crate) fn site(
    principal: &Principal,
    site: &Site,
    notifications: &[Notification],
    areas: &AreaTree,
) -> Option<Value> {
    let shown = match policy::site_access(principal, site, notifications) {
        SiteAccess::Hidden => return None,
        SiteAccess::Published => to_value(&policy::published_site(site, areas)?),
        SiteAccess::Full => to_value(&FullSite::new(
            site,
            policy::may_see_source_identities(principal),
        )),
    };
    Some(shown)
}

/// The view of `incident` for `principal`. `sources` are the sources of the reports it was
/// built from; they are shown only to those who may see source identities.
pub(crate) fn incident(
    principal: &Principal,
    incident: &Incident,
    sources: &[Source],
    areas: &AreaTree,
) -> Value {
    match policy::incident_access(principal) {
        IncidentAccess::Published => to_value(&policy::published_incident(incident, areas)),
        IncidentAccess::Full => to_value(&FullIncident::new(
            incident,
            sources,
            policy::may_see_source_identities(principal),
        )),
    }
}

/// The id under which `principal` knows `incident`: what [`incident`] shows as `id`, and what
/// the item endpoint and the `after` cursor take.
pub(crate) fn incident_id(principal: &Principal, incident: &Incident) -> String {
    match policy::incident_access(principal) {
        IncidentAccess::Published => policy::published_incident_id(incident),
        IncidentAccess::Full => incident.id.to_string(),
    }
}

/// The view of `movement` for `principal`; `None` when the principal may not know it exists.
/// `notifications` are the movement's own (they decide what a liaison sees).
pub(crate) fn movement(
    principal: &Principal,
    movement: &Movement,
    notifications: &[Notification],
) -> Option<Value> {
    let shown = match policy::movement_access(principal, movement, notifications) {
        MovementAccess::Hidden => return None,
        MovementAccess::Published => to_value(&policy::published_movement(movement)?),
        MovementAccess::Full => to_value(&FullMovement::new(
            movement,
            policy::may_see_source_identities(principal),
        )),
    };
    Some(shown)
}

/// The view of `finding` for `principal`; `None` for those who may not read findings.
pub(crate) fn finding(principal: &Principal, finding: &Finding) -> Option<Value> {
    policy::may_see_findings(principal).then(|| to_value(&FullFinding::new(finding)))
}

fn to_value(view: &impl Serialize) -> Value {
    serde_json::to_value(view).expect("views are plain data and always serialise")
}

#[derive(Serialize)]
struct FullSite<'a> {
    id: &'a str,
    kind: SiteKind,
    name: &'a str,
    operator: Option<&'a str>,
    location: &'a Location,
    sensitivity: Sensitivity,
    area: Option<&'a AreaId>,
    status: Vec<StatusView<'a>>,
    capacity: Vec<CapacityView<'a>>,
}

#[derive(Serialize)]
struct StatusView<'a> {
    as_of: chrono::NaiveDate,
    status: SiteStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    /// Free text that travels with a sourced fact can quote its source ("told by a nurse at
    /// …"), so it goes with the source identities.
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct CapacityView<'a> {
    as_of: chrono::NaiveDate,
    metric: CapacityMetric,
    value: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
}

impl<'a> FullSite<'a> {
    fn new(site: &'a Site, with_sources: bool) -> Self {
        // The footprint is left out: no client needs it yet, and it is as exact as the point.
        FullSite {
            id: site.id.as_str(),
            kind: site.kind,
            name: &site.name,
            operator: site.operator.as_deref(),
            location: &site.location,
            sensitivity: site.sensitivity,
            area: site.area.as_ref(),
            status: site
                .status
                .iter()
                .map(|s| StatusView {
                    as_of: s.as_of,
                    status: s.status,
                    source: s
                        .source
                        .as_ref()
                        .filter(|_| with_sources)
                        .map(|x| x.as_str()),
                    note: s.note.as_deref().filter(|_| with_sources),
                })
                .collect(),
            capacity: site
                .capacity
                .iter()
                .map(|c| CapacityView {
                    as_of: c.as_of,
                    metric: c.metric,
                    value: c.value,
                    source: c
                        .source
                        .as_ref()
                        .filter(|_| with_sources)
                        .map(|x| x.as_str()),
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
struct FullIncident<'a> {
    id: &'a str,
    title: Option<&'a str>,
    kind: IncidentKind,
    category: IncidentCategory,
    when: &'a TimeSpan,
    location: &'a Location,
    area: Option<&'a AreaId>,
    weapon: Option<&'a str>,
    targets: &'a [Target],
    damage: Option<Damage>,
    certainty: Certainty,
    casualties: Vec<CasualtyView<'a>>,
    attributions: Vec<AttributionView<'a>>,
    description: Option<&'a str>,
    /// Report ids and sources: present only for those who may see source identities.
    #[serde(skip_serializing_if = "Option::is_none")]
    reports: Option<Vec<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sources: Option<Vec<SourceView<'a>>>,
}

#[derive(Serialize)]
struct CasualtyView<'a> {
    group: CasualtyGroup,
    outcome: Outcome,
    low: u32,
    best: u32,
    high: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
}

#[derive(Serialize)]
struct AttributionView<'a> {
    party: &'a PartyId,
    grade: AttributionGrade,
    #[serde(skip_serializing_if = "Option::is_none")]
    sources: Option<Vec<&'a str>>,
}

#[derive(Serialize)]
struct SourceView<'a> {
    id: &'a str,
    kind: SourceKind,
    title: &'a str,
    publisher: Option<&'a str>,
    url: Option<&'a str>,
    published_on: Option<chrono::NaiveDate>,
    protected: bool,
}

impl<'a> FullIncident<'a> {
    fn new(incident: &'a Incident, sources: &'a [Source], with_sources: bool) -> Self {
        FullIncident {
            id: incident.id.as_str(),
            title: incident.title.as_deref(),
            kind: incident.kind,
            category: incident.kind.category(),
            when: &incident.when,
            location: &incident.location,
            area: incident.area.as_ref(),
            weapon: incident.weapon.as_deref(),
            targets: &incident.targets,
            damage: incident.damage,
            certainty: incident.certainty,
            casualties: incident
                .casualties
                .iter()
                .map(|c| CasualtyView {
                    group: c.group,
                    outcome: c.outcome,
                    low: c.count.low,
                    best: c.count.best,
                    high: c.count.high,
                    source: c
                        .source
                        .as_ref()
                        .filter(|_| with_sources)
                        .map(|x| x.as_str()),
                })
                .collect(),
            attributions: incident
                .attributions
                .iter()
                .map(|a| AttributionView {
                    party: &a.party,
                    grade: a.grade,
                    sources: with_sources.then(|| a.sources.iter().map(|s| s.as_str()).collect()),
                })
                .collect(),
            description: incident.description.as_deref(),
            reports: with_sources.then(|| incident.reports.iter().map(|r| r.as_str()).collect()),
            sources: with_sources.then(|| {
                sources
                    .iter()
                    .map(|s| SourceView {
                        id: s.id.as_str(),
                        kind: s.kind,
                        title: &s.title,
                        publisher: s.publisher.as_deref(),
                        url: s.url.as_deref(),
                        published_on: s.published_on,
                        protected: s.protected,
                    })
                    .collect()
            }),
        }
    }
}

/// The versions of one notification `principal` may see, oldest first: every one for staff
/// roles, those sent to its party for a liaison, none for the public. A liaison acknowledges
/// among these only, so a version sent to other parties alone is no version at all to it.
pub(crate) fn notification_versions<'a>(
    principal: &Principal,
    versions: &'a [Notification],
) -> Vec<&'a Notification> {
    match policy::notification_access(principal, versions) {
        NotificationAccess::Hidden => vec![],
        NotificationAccess::Party(party) => {
            versions.iter().filter(|n| n.addressed_to(&party)).collect()
        }
        NotificationAccess::Full => versions.iter().collect(),
    }
}

/// The view of one notification for `principal`: its versions (oldest first) and their
/// acknowledgements, as [`policy::notification_access`] allows; `None` when the principal may
/// not know it exists.
pub(crate) fn notification(
    principal: &Principal,
    versions: &[Notification],
    acknowledgements: &[Acknowledgement],
) -> Option<Value> {
    let party = match policy::notification_access(principal, versions) {
        NotificationAccess::Hidden => return None,
        NotificationAccess::Party(party) => Some(party),
        NotificationAccess::Full => None,
    };
    let first = versions.first()?;
    let with_sources = policy::may_see_source_identities(principal);
    let source = |s: &Option<vigil_domain::SourceId>| {
        s.as_ref()
            .filter(|_| with_sources)
            .map(|s| s.as_str().to_owned())
    };
    let shown_versions: Vec<Value> = versions
        .iter()
        .filter(|n| party.as_ref().is_none_or(|p| n.addressed_to(p)))
        .map(|n| {
            let parties: Vec<&PartyId> = match &party {
                Some(p) => vec![p],
                None => n.parties.iter().collect(),
            };
            serde_json::json!({
                "version": n.version,
                "parties": parties,
                "sent_at": n.sent_at,
                "valid": n.valid,
                "withdrawn_at": n.withdrawn_at,
                "channel": n.channel,
                "payload_sha256": n.payload_sha256.to_string(),
                "source": source(&n.source),
            })
        })
        .collect();
    let shown_acks: Vec<Value> = acknowledgements
        .iter()
        .filter(|a| a.notification == first.id)
        .filter(|a| party.as_ref().is_none_or(|p| &a.party == p))
        .map(|a| {
            serde_json::json!({
                "version": a.version,
                "party": a.party,
                "received_at": a.received_at,
                "by": a.by,
                "channel": a.channel,
                "source": source(&a.source),
            })
        })
        .collect();
    let latest = shown_versions
        .last()
        .and_then(|v| v["version"].as_u64())
        .unwrap_or(0);
    Some(serde_json::json!({
        "id": first.id,
        "subject": { "kind": first.subject.kind(), "id": first.subject.id() },
        "latest_version": latest,
        "versions": shown_versions,
        "acknowledgements": shown_acks,
    }))
}

#[derive(Serialize)]
struct FullMovement<'a> {
    id: &'a str,
    kind: MovementKind,
    name: &'a str,
    operator: Option<&'a str>,
    /// `[lon, lat]` pairs, as in GeoJSON.
    route: &'a [Point],
    corridor_width_m: f64,
    window: &'a TimeSpan,
    sensitivity: Sensitivity,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
}

impl<'a> FullMovement<'a> {
    fn new(movement: &'a Movement, with_sources: bool) -> Self {
        FullMovement {
            id: movement.id.as_str(),
            kind: movement.kind,
            name: &movement.name,
            operator: movement.operator.as_deref(),
            route: &movement.route,
            corridor_width_m: movement.corridor_width_m,
            window: &movement.window,
            sensitivity: movement.sensitivity,
            source: movement
                .source
                .as_ref()
                .filter(|_| with_sources)
                .map(|s| s.as_str()),
        }
    }
}

#[derive(Serialize)]
struct FullFinding<'a> {
    /// [`Finding::stable_id`]: findings are stored without an id of their own.
    id: String,
    kind: FindingKind,
    strength: Strength,
    incident: &'a str,
    subject: SubjectView<'a>,
    distance_m: Option<f64>,
    reach_m: Option<f64>,
    notification: Option<NotificationFactView<'a>>,
    interval_s: Option<i64>,
    returned_within_hours: bool,
    site: Option<&'a str>,
    parties: Vec<&'a str>,
    area: Option<&'a str>,
    score: Option<f64>,
    reasons: &'a [String],
    explanation: &'a str,
}

#[derive(Serialize)]
struct SubjectView<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    id: &'a str,
}

#[derive(Serialize)]
struct NotificationFactView<'a> {
    id: &'a str,
    version: u32,
    sent_at: Timestamp,
    valid: DayWindow,
    sent_before: bool,
    days_before: i64,
    acknowledged_by: Vec<AcknowledgedView<'a>>,
    not_acknowledged_by: Vec<&'a str>,
}

#[derive(Serialize)]
struct AcknowledgedView<'a> {
    party: &'a str,
    at: Timestamp,
}

impl<'a> FullFinding<'a> {
    fn new(finding: &'a Finding) -> Self {
        let subject = match &finding.subject {
            FindingSubject::Site(id) => ("site", id.as_str()),
            FindingSubject::Movement(id) => ("movement", id.as_str()),
            FindingSubject::Incident(id) => ("incident", id.as_str()),
            FindingSubject::Ceasefire(id) => ("ceasefire", id.as_str()),
        };
        FullFinding {
            id: finding.stable_id(),
            kind: finding.kind,
            strength: finding.strength,
            incident: finding.incident.as_str(),
            subject: SubjectView {
                kind: subject.0,
                id: subject.1,
            },
            distance_m: finding.distance_m,
            reach_m: finding.reach_m,
            notification: finding.notification.as_ref().map(|n| NotificationFactView {
                id: n.id.as_str(),
                version: n.version,
                sent_at: n.sent_at,
                valid: n.valid,
                sent_before: n.sent_before,
                days_before: n.days_before,
                acknowledged_by: n
                    .acknowledged_by
                    .iter()
                    .map(|(party, at)| AcknowledgedView {
                        party: party.as_str(),
                        at: *at,
                    })
                    .collect(),
                not_acknowledged_by: n.not_acknowledged_by.iter().map(|p| p.as_str()).collect(),
            }),
            interval_s: finding.interval_s,
            returned_within_hours: finding.returned_within_hours,
            site: finding.site.as_ref().map(|s| s.as_str()),
            parties: finding.parties.iter().map(|p| p.as_str()).collect(),
            area: finding.area.as_ref().map(|a| a.as_str()),
            score: finding.score,
            reasons: &finding.reasons,
            explanation: &finding.explanation,
        }
    }
}
