//! The publication policy (DESIGN.md, "Publication policy and access"), decided in one place.
//!
//! Everything that shows records to someone else (the HTTP API today, reports and exports for
//! other roles later) asks these functions; none decides on its own. Deny by default: a role
//! not named in a rule below gets nothing from it.
//!
//! # Sites
//!
//! - Admins, coordinators, monitors and analysts see every site with its name and exact
//!   location ([`SiteAccess::Full`]).
//! - A liaison sees a `restricted` site in full only when a notification of it (any version,
//!   withdrawn or not: the party received it) was addressed to the liaison's party; a site of
//!   `public` sensitivity is seen in full by every signed-in role. Any other restricted site is
//!   [`SiteAccess::Hidden`]: the liaison learns nothing of it, not even that it exists.
//! - The public sees a `public`-sensitivity site's name, kind, latest status and its
//!   governorate and country, never its coordinates ([`PublishedSite`]); a restricted site is
//!   hidden from the public altogether, since its id, kind and governorate together can be
//!   enough to name it.
//!
//! # Source identities
//!
//! Source ids, titles and publishers of every source (and above all of `protected` ones such as
//! witnesses) are seen by monitors and admins only ([`may_see_source_identities`]). Everyone
//! else gets records with every source reference removed, reports included (a report is one
//! source's account).
//!
//! # Incidents
//!
//! - Admins, coordinators, monitors and analysts see incidents in full
//!   ([`IncidentAccess::Full`]), with sources only as the rule above allows.
//! - The public sees what WHO SSA publishes ([`PublishedIncident`]): country and governorate
//!   (the governorate-level ancestor of the incident's area), the days it happened, kind and
//!   category, certainty and casualty ranges without their sources. Not the incident's own id
//!   (a pseudonym instead, [`published_incident_id`]), no coordinates, no targets (a target is
//!   a site id), no title or description (free text names places and people), no weapon or
//!   attribution (with the site's kind and the day they can point at one facility).
//! - Liaisons see incidents as the public does: an incident's point and targets can reveal a
//!   restricted site notified only to other parties, and a liaison is granted nothing beyond
//!   its party's notifications.
//!
//! # Filters
//!
//! A filter can reveal what a view hides: bisecting a bounding box locates a point that is
//! never shown. So whoever gets the published view may not filter by bounding box
//! ([`may_filter_by_location`]), by an area finer than a governorate ([`may_filter_by_area`]),
//! nor by times finer than whole days ([`may_filter_by_time_of_day`]).
//!
//! # Notifications
//!
//! Staff roles see them all; a liaison only those addressed to its party, and of those only
//! its own party's part (`notifications.rs`, [`notification_access`]); the public none.
//!
//! # Situation reports
//!
//! Staff roles get a situation report with the ids behind every figure; liaisons and the
//! public get the governorate-level aggregate ([`sitrep_view`]): an area no finer than a
//! governorate and whole days only ([`check_sitrep_scope`]), incidents under their published
//! pseudonyms, restricted sites counted but never named, findings as counts only. Casualty
//! figures name their sources for monitors and admins only; everyone else reads them as
//! "source 1", "source 2", ….
//!
//! # Movements and findings
//!
//! Movements follow the rule for sites ([`movement_access`]): staff roles see every movement in
//! full (route, corridor, window); a liaison sees a restricted movement only when a
//! notification of it was addressed to its party, a public one in full; the public sees a
//! public-sensitivity movement's kind, name and the days of its window ([`PublishedMovement`]:
//! no route, no governorates, which in order would trace it) and nothing of a restricted one.
//! The movement's source goes with the source identities. Findings are for staff roles only
//! ([`may_see_findings`]): they join an incident's exact place to sites, movements and the
//! parties notified of them.
//!
//! # Ceasefires, areas, sources, statements, exports, dossiers and evidence
//!
//! Each in a file of its own: ceasefires are public knowledge, their source aside
//! (`ceasefires.rs`); the published view sees countries and governorates only, staff roles
//! every area (`areas.rs`); sources and reports are for monitors and admins, statements for
//! staff roles (`sources.rs`); exports are canonical for staff roles, sources emptied unless
//! the role may see them, and published for everyone else (`exports.rs`); dossiers are for
//! staff roles, sources numbered unless the role may see who they are (`dossiers.rs`);
//! evidence descriptions for staff roles, originals for monitors and admins (`evidence.rs`).

mod areas;
mod ceasefires;
mod dossiers;
mod evidence;
mod exports;
mod notifications;
mod parties;
mod sources;

pub use areas::may_see_area;
pub use ceasefires::may_see_ceasefires;
pub use dossiers::may_read_dossier;
pub use evidence::{may_read_evidence, may_read_evidence_originals};
pub use exports::{export_access, ExportAccess};
pub use notifications::{may_list_notifications, notification_access, NotificationAccess};
pub use parties::may_read_parties;
pub use sources::{may_read_sources, may_read_statements};

use crate::access::{Principal, Role};
use crate::area::{AreaLevel, AreaTree};
use crate::category::{IncidentCategory, IncidentKind};
use crate::digest::Sha256;
use crate::ids::AreaId;
use crate::incident::Incident;
use crate::notification::{Notification, Subject};
use crate::site::Site;
use crate::vocab::{CasualtyGroup, Certainty, Outcome, Sensitivity, SiteKind, SiteStatus};
use chrono::NaiveDate;
use serde::Serialize;

/// Whether the role sees every site in full, restricted ones included.
fn sees_every_site(role: Role) -> bool {
    matches!(
        role,
        Role::Admin | Role::Coordinator | Role::Monitor | Role::Analyst
    )
}

/// What a principal may see of one site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SiteAccess {
    /// Nothing, not even that the site exists: answer as if there were no such site.
    Hidden,
    /// The published view only: [`PublishedSite`].
    Published,
    /// Name, exact location and the rest of the record (sources only as
    /// [`may_see_source_identities`] allows).
    Full,
}

/// What `principal` may see of `site`. `notifications` are the site's notifications (other
/// subjects among them are ignored, so a caller that passes too many cannot widen access).
pub fn site_access(
    principal: &Principal,
    site: &Site,
    notifications: &[Notification],
) -> SiteAccess {
    let role = principal.role();
    if sees_every_site(role) {
        return SiteAccess::Full;
    }
    match (role, site.sensitivity) {
        (Role::Public, Sensitivity::Public) => SiteAccess::Published,
        (Role::Public, Sensitivity::Restricted) => SiteAccess::Hidden,
        (Role::Liaison, Sensitivity::Public) => SiteAccess::Full,
        (Role::Liaison, Sensitivity::Restricted) => {
            let subject = Subject::Site(site.id.clone());
            let notified = principal.party().is_some_and(|party| {
                notifications
                    .iter()
                    .any(|n| n.subject == subject && n.addressed_to(party))
            });
            if notified {
                SiteAccess::Full
            } else {
                SiteAccess::Hidden
            }
        }
        // Every role is named above; a role added later sees nothing until a rule says so.
        _ => SiteAccess::Hidden,
    }
}

/// Whether `principal` may see source identities: source ids, titles, publishers, report ids.
pub fn may_see_source_identities(principal: &Principal) -> bool {
    matches!(principal.role(), Role::Admin | Role::Monitor)
}

/// What a principal may see of incidents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IncidentAccess {
    /// The published view only: [`PublishedIncident`].
    Published,
    /// The whole record (sources only as [`may_see_source_identities`] allows).
    Full,
}

/// What `principal` may see of any incident.
pub fn incident_access(principal: &Principal) -> IncidentAccess {
    if sees_every_site(principal.role()) {
        IncidentAccess::Full
    } else {
        IncidentAccess::Published
    }
}

/// Whether `principal` may select incidents by a bounding box (which would locate points the
/// published view hides).
pub fn may_filter_by_location(principal: &Principal) -> bool {
    incident_access(principal) == IncidentAccess::Full
}

/// Whether `principal` may select incidents by an area of `level` (a neighbourhood filter
/// would place an incident finer than its published governorate).
pub fn may_filter_by_area(principal: &Principal, level: AreaLevel) -> bool {
    incident_access(principal) == IncidentAccess::Full
        || matches!(level, AreaLevel::Country | AreaLevel::Governorate)
}

/// Whether `principal` may select incidents by times finer than whole days.
pub fn may_filter_by_time_of_day(principal: &Principal) -> bool {
    incident_access(principal) == IncidentAccess::Full
}

/// An area as the public sees it: its id (an administrative P-code) and English name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublishedArea {
    pub id: AreaId,
    pub name: String,
}

/// The governorate and country of `area`, through its parent chain. An area coarser than a
/// governorate gives no governorate; finer areas are never returned.
fn published_areas(
    areas: &AreaTree,
    area: Option<&AreaId>,
) -> (Option<PublishedArea>, Option<PublishedArea>) {
    let at = |level| {
        area.and_then(|a| areas.ancestor_at(a, level))
            .map(|node| PublishedArea {
                id: node.id.clone(),
                name: node.name_en.clone(),
            })
    };
    (at(AreaLevel::Country), at(AreaLevel::Governorate))
}

/// A public-sensitivity site as the public sees it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PublishedSite {
    pub id: String,
    pub kind: SiteKind,
    pub name: String,
    pub country: Option<PublishedArea>,
    pub governorate: Option<PublishedArea>,
    /// The latest status and the day it was reported, without its source or note.
    pub status: Option<SiteStatus>,
    pub status_as_of: Option<NaiveDate>,
}

/// The published view of `site`, or `None` when the public may not see it at all.
pub fn published_site(site: &Site, areas: &AreaTree) -> Option<PublishedSite> {
    if site.sensitivity != Sensitivity::Public {
        return None;
    }
    let (country, governorate) = published_areas(areas, site.area.as_ref());
    let latest = site.status.last();
    Some(PublishedSite {
        id: site.id.to_string(),
        kind: site.kind,
        name: site.name.clone(),
        country,
        governorate,
        status: latest.map(|s| s.status),
        status_as_of: latest.map(|s| s.as_of),
    })
}

/// A casualty figure as the public sees it: the range without its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct PublishedCasualties {
    pub group: CasualtyGroup,
    pub outcome: Outcome,
    pub low: u32,
    pub best: u32,
    pub high: u32,
}

/// An incident as the public sees it (WHO SSA's practice).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PublishedIncident {
    /// [`published_incident_id`], never the incident's own id.
    pub id: String,
    pub country: Option<PublishedArea>,
    pub governorate: Option<PublishedArea>,
    /// First and last day of the incident's span (UTC); never the time of day.
    pub date_from: NaiveDate,
    pub date_to: NaiveDate,
    pub kind: IncidentKind,
    pub category: IncidentCategory,
    pub certainty: Certainty,
    /// Each source's range, sources removed; figures that then read the same are given once.
    pub casualties: Vec<PublishedCasualties>,
}

/// The pseudonym under which the public knows an incident: the incident's own id can name a
/// facility ("m10-strike-2016-09-28"). It is a digest, so it cannot be read back, and stable,
/// so a published link keeps working. Someone who already knows (or guesses) an id can compute
/// its pseudonym; that tells them only what they already knew.
pub fn published_incident_id(incident: &Incident) -> String {
    let digest = Sha256::of(format!("vigil published incident\n{}", incident.id).as_bytes());
    format!("pub-{}", &digest.to_string()[..16])
}

/// The published view of `incident`.
pub fn published_incident(incident: &Incident, areas: &AreaTree) -> PublishedIncident {
    let (country, governorate) = published_areas(areas, incident.area.as_ref());
    let mut casualties: Vec<PublishedCasualties> = incident
        .casualties
        .iter()
        .map(|c| PublishedCasualties {
            group: c.group,
            outcome: c.outcome,
            low: c.count.low,
            best: c.count.best,
            high: c.count.high,
        })
        .collect();
    casualties.sort();
    casualties.dedup();
    PublishedIncident {
        id: published_incident_id(incident),
        country,
        governorate,
        date_from: incident.when.start().date_naive(),
        date_to: incident.when.end().date_naive(),
        kind: incident.kind,
        category: incident.kind.category(),
        certainty: incident.certainty,
        casualties,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::area::Area;
    use crate::digest::Sha256 as Digest;
    use crate::geo::{GeoPrecision, Location, Point};
    use crate::ids::{IncidentId, NotificationId, PartyId, ReportId, SiteId, SourceId};
    use crate::incident::{Attribution, CasualtyFigure, Range, Target};
    use crate::site::StatusEntry;
    use crate::time::{DayWindow, TimePrecision, TimeSpan};
    use crate::vocab::AttributionGrade;
    use chrono::{TimeZone, Utc};

    fn party(id: &str) -> PartyId {
        PartyId::new(id).unwrap()
    }

    fn principal(role: Role) -> Principal {
        let party = (role == Role::Liaison).then(|| party("party-a"));
        Principal::new(role, party, None).unwrap()
    }

    fn liaison_of(id: &str) -> Principal {
        Principal::new(Role::Liaison, Some(party(id)), None).unwrap()
    }

    fn site(sensitivity: Sensitivity) -> Site {
        Site {
            id: SiteId::new("m10").unwrap(),
            kind: SiteKind::Hospital,
            name: "M10 al-Sakhour".into(),
            operator: None,
            location: Location::with_precision(
                Point::new(37.1834, 36.2061).unwrap(),
                GeoPrecision::Exact,
            ),
            footprint: None,
            sensitivity,
            area: Some(AreaId::new("sakhour").unwrap()),
            status: vec![StatusEntry {
                as_of: NaiveDate::from_ymd_opt(2016, 9, 28).unwrap(),
                status: SiteStatus::Damaged,
                source: Some(SourceId::new("witness-7").unwrap()),
                note: Some("told by a nurse".into()),
            }],
            capacity: vec![],
        }
    }

    fn notification(subject: &str, to: &str) -> Notification {
        Notification {
            id: NotificationId::new("n1").unwrap(),
            version: 1,
            subject: Subject::Site(SiteId::new(subject).unwrap()),
            parties: vec![party(to)],
            sent_at: Utc.with_ymd_and_hms(2016, 9, 1, 8, 0, 0).unwrap(),
            valid: DayWindow::new(NaiveDate::from_ymd_opt(2016, 9, 1).unwrap(), None).unwrap(),
            withdrawn_at: None,
            channel: None,
            payload_sha256: Digest::of(b"payload"),
            source: None,
        }
    }

    fn areas() -> AreaTree {
        let area = |id: &str, level, parent: Option<&str>| Area {
            id: AreaId::new(id).unwrap(),
            level,
            pcode: None,
            name_en: id.to_uppercase(),
            name_ar: None,
            parent: parent.map(|p| AreaId::new(p).unwrap()),
            boundary: None,
            source: None,
        };
        AreaTree::new(&[
            area("sy", AreaLevel::Country, None),
            area("sy02", AreaLevel::Governorate, Some("sy")),
            area("sy0200", AreaLevel::District, Some("sy02")),
            area("sakhour", AreaLevel::Neighbourhood, Some("sy0200")),
        ])
    }

    fn incident() -> Incident {
        let witness = SourceId::new("witness-7").unwrap();
        Incident {
            id: IncidentId::new("m10-strike-2016-09-28").unwrap(),
            title: Some("Strike on M10".into()),
            kind: IncidentKind::Airstrike,
            when: TimeSpan::new(
                Utc.with_ymd_and_hms(2016, 9, 28, 4, 15, 0).unwrap(),
                Utc.with_ymd_and_hms(2016, 9, 28, 4, 15, 0).unwrap(),
                TimePrecision::Exact,
            )
            .unwrap(),
            location: Location::with_precision(
                Point::new(37.1834, 36.2061).unwrap(),
                GeoPrecision::WithinMeters(50),
            ),
            area: Some(AreaId::new("sakhour").unwrap()),
            weapon: Some("bunker buster".into()),
            targets: vec![Target::Site(SiteId::new("m10").unwrap())],
            damage: None,
            certainty: Certainty::Confirmed,
            casualties: vec![
                CasualtyFigure {
                    group: CasualtyGroup::Patients,
                    outcome: Outcome::Killed,
                    count: Range::new(2, 3, 5).unwrap(),
                    source: Some(witness.clone()),
                },
                CasualtyFigure {
                    group: CasualtyGroup::Patients,
                    outcome: Outcome::Killed,
                    count: Range::new(2, 3, 5).unwrap(),
                    source: Some(SourceId::new("msf").unwrap()),
                },
            ],
            attributions: vec![Attribution {
                party: party("party-a"),
                grade: AttributionGrade::Probable,
                sources: vec![witness],
            }],
            description: Some("Dr Haddad saw it from the roof".into()),
            reports: vec![ReportId::new("r1").unwrap()],
        }
    }

    #[test]
    fn staff_roles_see_every_site_in_full() {
        for role in [Role::Admin, Role::Coordinator, Role::Monitor, Role::Analyst] {
            for sensitivity in [Sensitivity::Public, Sensitivity::Restricted] {
                assert_eq!(
                    site_access(&principal(role), &site(sensitivity), &[]),
                    SiteAccess::Full,
                    "{role} {sensitivity}"
                );
            }
        }
    }

    #[test]
    fn a_liaison_sees_a_restricted_site_only_when_it_was_notified_to_its_party() {
        let restricted = site(Sensitivity::Restricted);
        let to_a = [notification("m10", "party-a")];
        assert_eq!(
            site_access(&liaison_of("party-a"), &restricted, &to_a),
            SiteAccess::Full
        );
        assert_eq!(
            site_access(&liaison_of("party-b"), &restricted, &to_a),
            SiteAccess::Hidden
        );
        assert_eq!(
            site_access(&liaison_of("party-a"), &restricted, &[]),
            SiteAccess::Hidden
        );
        // A notification of another site, passed by mistake, grants nothing.
        let other_site = [notification("m2", "party-a")];
        assert_eq!(
            site_access(&liaison_of("party-a"), &restricted, &other_site),
            SiteAccess::Hidden
        );
        // A public-sensitivity site is open to every signed-in role.
        assert_eq!(
            site_access(&liaison_of("party-b"), &site(Sensitivity::Public), &[]),
            SiteAccess::Full
        );
    }

    #[test]
    fn the_public_gets_a_public_sites_name_without_coordinates_and_no_restricted_site() {
        let public = Principal::public();
        assert_eq!(
            site_access(
                &public,
                &site(Sensitivity::Restricted),
                &[notification("m10", "party-a")]
            ),
            SiteAccess::Hidden
        );
        assert_eq!(
            site_access(&public, &site(Sensitivity::Public), &[]),
            SiteAccess::Published
        );
        assert_eq!(
            published_site(&site(Sensitivity::Restricted), &areas()),
            None
        );
        let shown = published_site(&site(Sensitivity::Public), &areas()).unwrap();
        assert_eq!(shown.name, "M10 al-Sakhour");
        assert_eq!(shown.governorate.as_ref().unwrap().id.as_str(), "sy02");
        assert_eq!(shown.country.as_ref().unwrap().id.as_str(), "sy");
        assert_eq!(shown.status, Some(SiteStatus::Damaged));
        let text = serde_json::to_string(&shown).unwrap();
        for hidden in [
            "37.18",
            "36.20",
            "sakhour\"",
            "SAKHOUR",
            "witness-7",
            "nurse",
        ] {
            assert!(!text.contains(hidden), "{hidden} in {text}");
        }
    }

    #[test]
    fn only_monitors_and_admins_see_source_identities() {
        for role in Role::ALL {
            let expected = matches!(role, Role::Admin | Role::Monitor);
            assert_eq!(
                may_see_source_identities(&principal(*role)),
                expected,
                "{role}"
            );
        }
    }

    #[test]
    fn liaisons_and_the_public_get_the_published_incident_and_its_filters_only() {
        for role in Role::ALL {
            let full = matches!(
                role,
                Role::Admin | Role::Coordinator | Role::Monitor | Role::Analyst
            );
            let p = principal(*role);
            let expected = if full {
                IncidentAccess::Full
            } else {
                IncidentAccess::Published
            };
            assert_eq!(incident_access(&p), expected, "{role}");
            assert_eq!(may_filter_by_location(&p), full, "{role}");
            assert_eq!(may_filter_by_time_of_day(&p), full, "{role}");
            assert!(may_filter_by_area(&p, AreaLevel::Governorate), "{role}");
            assert!(may_filter_by_area(&p, AreaLevel::Country), "{role}");
            for fine in [
                AreaLevel::District,
                AreaLevel::SubDistrict,
                AreaLevel::Neighbourhood,
                AreaLevel::Zone,
            ] {
                assert_eq!(may_filter_by_area(&p, fine), full, "{role} {fine}");
            }
        }
    }

    #[test]
    fn the_published_incident_keeps_governorate_day_category_certainty_and_ranges_only() {
        let published = published_incident(&incident(), &areas());
        assert_eq!(published.governorate.as_ref().unwrap().id.as_str(), "sy02");
        assert_eq!(published.country.as_ref().unwrap().name, "SY");
        let day = NaiveDate::from_ymd_opt(2016, 9, 28).unwrap();
        assert_eq!((published.date_from, published.date_to), (day, day));
        assert_eq!(published.kind, IncidentKind::Airstrike);
        assert_eq!(published.category, IncidentCategory::ExplosiveWeapons);
        assert_eq!(published.certainty, Certainty::Confirmed);
        // Two sources giving the same range read as one figure once their sources are gone.
        assert_eq!(
            published.casualties,
            [PublishedCasualties {
                group: CasualtyGroup::Patients,
                outcome: Outcome::Killed,
                low: 2,
                best: 3,
                high: 5
            }]
        );
        let text = serde_json::to_string(&published).unwrap();
        for hidden in [
            "m10",
            "M10",
            "37.18",
            "36.20",
            "04:15",
            "witness-7",
            "msf",
            "Haddad",
            "bunker",
            "party-a",
            "r1",
            "sakhour",
            "SAKHOUR",
            "sy0200",
        ] {
            assert!(!text.contains(hidden), "{hidden} in {text}");
        }
    }

    #[test]
    fn the_published_id_is_stable_and_does_not_contain_the_real_one() {
        let a = published_incident_id(&incident());
        assert_eq!(a, published_incident_id(&incident()));
        assert!(a.starts_with("pub-") && a.len() == 20, "{a}");
        let mut other = incident();
        other.id = IncidentId::new("another").unwrap();
        assert_ne!(a, published_incident_id(&other));
    }

    #[test]
    fn an_incident_without_an_area_has_no_governorate_rather_than_a_finer_one() {
        let mut no_area = incident();
        no_area.area = None;
        let published = published_incident(&no_area, &areas());
        assert_eq!((published.country, published.governorate), (None, None));
        let mut country_only = incident();
        country_only.area = Some(AreaId::new("sy").unwrap());
        let published = published_incident(&country_only, &areas());
        assert_eq!(published.country.unwrap().id.as_str(), "sy");
        assert_eq!(published.governorate, None);
    }
}

// ---------------------------------------------------------------------------------------------
// Situation reports
// ---------------------------------------------------------------------------------------------

/// What a principal gets of a situation report (`vigil-sitrep` builds it to this view).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SitrepView {
    /// Incidents under their own ids, every site by id and name, findings one by one. Without
    /// it, the published aggregate: pseudonymous incident ids, only public sites named,
    /// findings as counts.
    pub record_ids: bool,
    /// Casualty figures name their sources; without it they are "source 1", "source 2", ….
    pub source_identities: bool,
}

impl SitrepView {
    /// Everything: what the command line shows to whoever holds the database file.
    pub const FULL: SitrepView = SitrepView {
        record_ids: true,
        source_identities: true,
    };

    /// The governorate-level aggregate the public and liaisons get.
    pub const PUBLISHED: SitrepView = SitrepView {
        record_ids: false,
        source_identities: false,
    };

    /// How the report refers to `incident`: its id, or its published pseudonym.
    pub fn incident_ref(&self, incident: &Incident) -> String {
        if self.record_ids {
            incident.id.to_string()
        } else {
            published_incident_id(incident)
        }
    }

    /// Whether the report may name `site` (its id and name); a site it may not name is only
    /// counted.
    pub fn names_site(&self, site: &Site) -> bool {
        self.record_ids || site.sensitivity == Sensitivity::Public
    }
}

/// The situation report `principal` gets. Liaisons get the published one for the reason they
/// get published incidents: the report's incidents and sites can reveal restricted sites
/// notified only to other parties.
pub fn sitrep_view(principal: &Principal) -> SitrepView {
    SitrepView {
        record_ids: incident_access(principal) == IncidentAccess::Full,
        source_identities: may_see_source_identities(principal),
    }
}

/// Why a situation report's scope is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SitrepRefusal {
    /// The area is finer than a governorate, which would place published incidents more
    /// precisely than they are published.
    AreaTooFine(AreaLevel),
    /// The period names a time of day; published incidents are dated by day.
    TimeOfDay,
}

/// Whether `principal` may ask for a report on an area of `area_level` (`None`: the whole
/// database) over a period that does or does not name times of day.
pub fn check_sitrep_scope(
    principal: &Principal,
    area_level: Option<AreaLevel>,
    has_time_of_day: bool,
) -> Result<(), SitrepRefusal> {
    if let Some(level) = area_level {
        if !may_filter_by_area(principal, level) {
            return Err(SitrepRefusal::AreaTooFine(level));
        }
    }
    if has_time_of_day && !may_filter_by_time_of_day(principal) {
        return Err(SitrepRefusal::TimeOfDay);
    }
    Ok(())
}

#[cfg(test)]
mod sitrep_tests {
    use super::*;
    use crate::ids::PartyId;

    fn principal(role: Role) -> Principal {
        let party = (role == Role::Liaison).then(|| PartyId::new("party-a").unwrap());
        Principal::new(role, party, None).unwrap()
    }

    #[test]
    fn staff_get_record_ids_and_only_monitors_and_admins_source_names() {
        for role in Role::ALL {
            let view = sitrep_view(&principal(*role));
            let staff = matches!(
                role,
                Role::Admin | Role::Coordinator | Role::Monitor | Role::Analyst
            );
            assert_eq!(view.record_ids, staff, "{role}");
            assert_eq!(
                view.source_identities,
                matches!(role, Role::Admin | Role::Monitor),
                "{role}"
            );
        }
        assert_eq!(sitrep_view(&Principal::public()), SitrepView::PUBLISHED);
    }

    #[test]
    fn the_published_report_is_by_governorate_and_whole_days() {
        for role in [Role::Public, Role::Liaison] {
            let p = principal(role);
            assert_eq!(check_sitrep_scope(&p, None, false), Ok(()));
            assert_eq!(
                check_sitrep_scope(&p, Some(AreaLevel::Governorate), false),
                Ok(())
            );
            assert_eq!(
                check_sitrep_scope(&p, Some(AreaLevel::Neighbourhood), false),
                Err(SitrepRefusal::AreaTooFine(AreaLevel::Neighbourhood))
            );
            assert_eq!(
                check_sitrep_scope(&p, Some(AreaLevel::Country), true),
                Err(SitrepRefusal::TimeOfDay)
            );
        }
        let analyst = principal(Role::Analyst);
        assert_eq!(
            check_sitrep_scope(&analyst, Some(AreaLevel::Neighbourhood), true),
            Ok(())
        );
    }
}

// -----------------------------------------------------------------------------------------------
// Movements and findings
// -----------------------------------------------------------------------------------------------
// Kept in a module of its own (with its own tests) so that it stands apart from the sections
// above and below it; its items are re-exported here and read as `policy::movement_access` etc.

pub use movements_and_findings::{
    may_see_findings, movement_access, published_movement, MovementAccess, PublishedMovement,
};

mod movements_and_findings {
    use super::sees_every_site;
    use crate::access::{Principal, Role};
    use crate::movement::Movement;
    use crate::notification::{Notification, Subject};
    use crate::vocab::{MovementKind, Sensitivity};
    use chrono::NaiveDate;
    use serde::Serialize;

    /// What a principal may see of one movement.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum MovementAccess {
        /// Nothing, not even that the movement exists.
        Hidden,
        /// The published view only: [`PublishedMovement`].
        Published,
        /// Route, corridor, window and the rest of the record (its source only as
        /// [`super::may_see_source_identities`] allows).
        Full,
    }

    /// What `principal` may see of `movement`, by the rule for sites: staff roles everything,
    /// a liaison a restricted movement only when a notification of it was addressed to its
    /// party, the public a public-sensitivity movement's published view. `notifications` are
    /// the movement's (other subjects among them are ignored).
    pub fn movement_access(
        principal: &Principal,
        movement: &Movement,
        notifications: &[Notification],
    ) -> MovementAccess {
        let role = principal.role();
        if sees_every_site(role) {
            return MovementAccess::Full;
        }
        match (role, movement.sensitivity) {
            (Role::Public, Sensitivity::Public) => MovementAccess::Published,
            (Role::Public, Sensitivity::Restricted) => MovementAccess::Hidden,
            (Role::Liaison, Sensitivity::Public) => MovementAccess::Full,
            (Role::Liaison, Sensitivity::Restricted) => {
                let subject = Subject::Movement(movement.id.clone());
                let notified = principal.party().is_some_and(|party| {
                    notifications
                        .iter()
                        .any(|n| n.subject == subject && n.addressed_to(party))
                });
                if notified {
                    MovementAccess::Full
                } else {
                    MovementAccess::Hidden
                }
            }
            // A role added later sees nothing until a rule says so.
            _ => MovementAccess::Hidden,
        }
    }

    /// A public-sensitivity movement as the public sees it: what it was, and on which days.
    /// No route, corridor or operator, and no governorates either: a movement names no area,
    /// and the governorates a route crosses, in order, would trace the road it took.
    #[derive(Debug, Clone, PartialEq, Serialize)]
    pub struct PublishedMovement {
        pub id: String,
        pub kind: MovementKind,
        pub name: String,
        /// First and last day of the movement's window (UTC); never the time of day.
        pub date_from: NaiveDate,
        pub date_to: NaiveDate,
    }

    /// The published view of `movement`, or `None` when the public may not see it at all.
    pub fn published_movement(movement: &Movement) -> Option<PublishedMovement> {
        if movement.sensitivity != Sensitivity::Public {
            return None;
        }
        Some(PublishedMovement {
            id: movement.id.to_string(),
            kind: movement.kind,
            name: movement.name.clone(),
            date_from: movement.window.start().date_naive(),
            date_to: movement.window.end().date_naive(),
        })
    }

    /// Whether `principal` may read findings. A finding ties an incident's exact place to a
    /// site or movement, names notifications and who acknowledged them: staff roles only.
    /// Liaisons and the public get no findings at all, not a filtered list, since even a count
    /// of findings about hidden sites says that they exist.
    pub fn may_see_findings(principal: &Principal) -> bool {
        sees_every_site(principal.role())
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use crate::digest::Sha256;
        use crate::geo::Point;
        use crate::ids::{MovementId, NotificationId, PartyId, SourceId};
        use crate::time::{DayWindow, TimePrecision, TimeSpan};
        use chrono::{TimeZone, Utc};

        fn party(id: &str) -> PartyId {
            PartyId::new(id).unwrap()
        }

        fn liaison_of(id: &str) -> Principal {
            Principal::new(Role::Liaison, Some(party(id)), None).unwrap()
        }

        fn movement(sensitivity: Sensitivity) -> Movement {
            Movement {
                id: MovementId::new("convoy-urum").unwrap(),
                kind: MovementKind::Convoy,
                name: "UN-SARC convoy".into(),
                operator: Some("SARC".into()),
                route: vec![
                    Point::new(36.95, 36.15).unwrap(),
                    Point::new(36.97, 36.16).unwrap(),
                ],
                corridor_width_m: 500.0,
                window: TimeSpan::new(
                    Utc.with_ymd_and_hms(2016, 9, 19, 6, 0, 0).unwrap(),
                    Utc.with_ymd_and_hms(2016, 9, 19, 18, 0, 0).unwrap(),
                    TimePrecision::Exact,
                )
                .unwrap(),
                sensitivity,
                source: Some(SourceId::new("witness-7").unwrap()),
            }
        }

        fn notified_to(to: &str, subject: Subject) -> Notification {
            Notification {
                id: NotificationId::new("n1").unwrap(),
                version: 1,
                subject,
                parties: vec![party(to)],
                sent_at: Utc.with_ymd_and_hms(2016, 9, 1, 8, 0, 0).unwrap(),
                valid: DayWindow::new(NaiveDate::from_ymd_opt(2016, 9, 1).unwrap(), None).unwrap(),
                withdrawn_at: None,
                channel: None,
                payload_sha256: Sha256::of(b"payload"),
                source: None,
            }
        }

        #[test]
        fn staff_roles_see_every_movement_and_every_finding() {
            for role in [Role::Admin, Role::Coordinator, Role::Monitor, Role::Analyst] {
                let p = Principal::new(role, None, None).unwrap();
                for sensitivity in [Sensitivity::Public, Sensitivity::Restricted] {
                    assert_eq!(
                        movement_access(&p, &movement(sensitivity), &[]),
                        MovementAccess::Full,
                        "{role}"
                    );
                }
                assert!(may_see_findings(&p), "{role}");
            }
        }

        #[test]
        fn a_liaison_sees_a_restricted_movement_only_when_it_was_notified_to_its_party() {
            let restricted = movement(Sensitivity::Restricted);
            let of_it = Subject::Movement(restricted.id.clone());
            let to_a = [notified_to("party-a", of_it.clone())];
            let a = liaison_of("party-a");
            assert_eq!(
                movement_access(&a, &restricted, &to_a),
                MovementAccess::Full
            );
            assert_eq!(
                movement_access(&liaison_of("party-b"), &restricted, &to_a),
                MovementAccess::Hidden
            );
            // A site notification with the same id grants nothing for the movement.
            let site = Subject::Site(crate::ids::SiteId::new("convoy-urum").unwrap());
            assert_eq!(
                movement_access(&a, &restricted, &[notified_to("party-a", site)]),
                MovementAccess::Hidden
            );
            assert_eq!(
                movement_access(&a, &movement(Sensitivity::Public), &[]),
                MovementAccess::Full
            );
            assert!(!may_see_findings(&a));
        }

        #[test]
        fn the_public_gets_a_public_movements_kind_name_and_days_only() {
            let public = Principal::public();
            let restricted = movement(Sensitivity::Restricted);
            let notified = [notified_to(
                "party-a",
                Subject::Movement(restricted.id.clone()),
            )];
            assert_eq!(
                movement_access(&public, &restricted, &notified),
                MovementAccess::Hidden
            );
            assert_eq!(published_movement(&restricted), None);
            let open = movement(Sensitivity::Public);
            assert_eq!(
                movement_access(&public, &open, &[]),
                MovementAccess::Published
            );
            let shown = published_movement(&open).unwrap();
            let day = NaiveDate::from_ymd_opt(2016, 9, 19).unwrap();
            assert_eq!((shown.date_from, shown.date_to), (day, day));
            let text = serde_json::to_string(&shown).unwrap();
            for hidden in ["36.95", "36.15", "500", "SARC\"", "06:00", "witness-7"] {
                assert!(!text.contains(hidden), "{hidden} in {text}");
            }
            assert!(!may_see_findings(&public));
        }
    }
}
