//! Small hand-built worlds for the rule tests: builders with sensible defaults, positions
//! placed at exact geodesic distances with the direct problem, and a runner.
#![allow(dead_code)]

use chrono::{DateTime, NaiveDate, Utc};
use geographiclib_rs::{DirectGeodesic, Geodesic};
use std::collections::HashMap;
use vigil_check::{check, Finding, FindingKind, Input, Options};
use vigil_domain::{
    Acknowledgement, Area, AreaLevel, Attribution, AttributionGrade, CasualtyFigure, CasualtyGroup,
    Ceasefire, Certainty, DayWindow, GeoPrecision, Incident, IncidentId, IncidentKind, Location,
    Movement, MovementKind, Notification, Outcome, PartyId, Point, Range, ReportId, Sensitivity,
    Sha256, Site, SiteKind, SourceId, Subject, Target, TimePrecision, TimeSpan,
};

/// Near the M10 hospital in eastern Aleppo.
pub const ALEPPO: (f64, f64) = (37.1763, 36.2021);

pub fn t(text: &str) -> DateTime<Utc> {
    text.parse().expect("an RFC 3339 time")
}

pub fn day(text: &str) -> NaiveDate {
    text.parse().expect("a date")
}

pub fn point(lon: f64, lat: f64) -> Point {
    Point::new(lon, lat).expect("a WGS84 point")
}

/// The point `metres` from (lon, lat) along `azimuth` degrees, by the direct problem.
pub fn offset(from: (f64, f64), azimuth: f64, metres: f64) -> (f64, f64) {
    let (lat, lon): (f64, f64) = Geodesic::wgs84().direct(from.1, from.0, azimuth, metres);
    (lon, lat)
}

pub fn location(at: (f64, f64), radius_m: f64) -> Location {
    Location {
        point: Some(point(at.0, at.1)),
        precision: GeoPrecision::from_radius(radius_m),
        radius_m,
    }
}

pub fn site(id: &str, at: (f64, f64), radius_m: f64) -> Site {
    Site {
        id: id.parse().unwrap(),
        kind: SiteKind::Hospital,
        name: format!("{id} hospital"),
        operator: None,
        location: location(at, radius_m),
        footprint: None,
        sensitivity: Sensitivity::Public,
        area: None,
        status: Vec::new(),
        capacity: Vec::new(),
    }
}

/// An airstrike at a point, on one whole day.
pub fn incident(id: &str, at: (f64, f64), radius_m: f64, on: &str) -> Incident {
    Incident {
        id: id.parse().unwrap(),
        title: None,
        kind: IncidentKind::Airstrike,
        when: TimeSpan::days(day(on), day(on)).unwrap(),
        location: location(at, radius_m),
        area: None,
        weapon: None,
        targets: Vec::new(),
        damage: None,
        certainty: Certainty::Confirmed,
        casualties: Vec::new(),
        attributions: Vec::new(),
        description: None,
        reports: vec![ReportId::new(format!("{id}-r1")).unwrap()],
    }
}

/// An incident at an exact instant.
pub fn at_instant(mut incident: Incident, instant: &str) -> Incident {
    let when = t(instant);
    incident.when = TimeSpan::new(when, when, TimePrecision::Exact).unwrap();
    incident
}

pub fn targeting_site(mut incident: Incident, site: &str) -> Incident {
    incident.targets.push(Target::Site(site.parse().unwrap()));
    incident
}

pub fn killed(group: CasualtyGroup, low: u32, best: u32, high: u32) -> CasualtyFigure {
    CasualtyFigure {
        group,
        outcome: Outcome::Killed,
        count: Range::new(low, best, high).unwrap(),
        source: None,
    }
}

pub fn attributed(mut incident: Incident, parties: &[&str]) -> Incident {
    for p in parties {
        incident.attributions.push(Attribution {
            party: p.parse().unwrap(),
            grade: AttributionGrade::Alleged,
            sources: Vec::new(),
        });
    }
    incident
}

pub fn notification(
    id: &str,
    version: u32,
    subject: Subject,
    parties: &[&str],
    sent_at: &str,
    valid: (&str, Option<&str>),
) -> Notification {
    Notification {
        id: id.parse().unwrap(),
        version,
        subject,
        parties: parties.iter().map(|p| p.parse().unwrap()).collect(),
        sent_at: t(sent_at),
        valid: DayWindow::new(day(valid.0), valid.1.map(day)).unwrap(),
        withdrawn_at: None,
        channel: None,
        payload_sha256: Sha256::of(id.as_bytes()),
        source: None,
    }
}

pub fn of_site(id: &str) -> Subject {
    Subject::Site(id.parse().unwrap())
}

pub fn of_movement(id: &str) -> Subject {
    Subject::Movement(id.parse().unwrap())
}

pub fn ack(notification: &str, version: u32, party: &str, at: &str) -> Acknowledgement {
    Acknowledgement {
        notification: notification.parse().unwrap(),
        version,
        party: party.parse().unwrap(),
        received_at: t(at),
        by: None,
        channel: None,
        source: None,
    }
}

/// A convoy along `route` with a corridor of `width_m`, on the road between two instants.
pub fn movement(id: &str, route: &[(f64, f64)], width_m: f64, from: &str, to: &str) -> Movement {
    Movement {
        id: id.parse().unwrap(),
        kind: MovementKind::Convoy,
        name: format!("{id} convoy"),
        operator: None,
        route: route.iter().map(|&(lon, lat)| point(lon, lat)).collect(),
        corridor_width_m: width_m,
        window: TimeSpan::new(t(from), t(to), TimePrecision::Hour).unwrap(),
        sensitivity: Sensitivity::Public,
        source: None,
    }
}

pub fn area(id: &str, parent: Option<&str>) -> Area {
    Area {
        id: id.parse().unwrap(),
        level: AreaLevel::Zone,
        pcode: None,
        name_en: format!("{id} area"),
        name_ar: None,
        parent: parent.map(|p| p.parse().unwrap()),
        boundary: None,
        source: None,
    }
}

pub fn ceasefire(
    id: &str,
    parties: &[&str],
    areas: &[&str],
    start: &str,
    collapsed: Option<&str>,
) -> Ceasefire {
    Ceasefire {
        id: id.parse().unwrap(),
        name: format!("{id} truce"),
        parties: parties.iter().map(|p| p.parse().unwrap()).collect(),
        areas: areas.iter().map(|a| a.parse().unwrap()).collect(),
        start: t(start),
        planned_end: None,
        collapsed_at: collapsed.map(t),
        source: None,
    }
}

/// Everything a run reads, owned, so tests can build it up and shuffle it.
#[derive(Default, Clone)]
pub struct World {
    pub sites: Vec<Site>,
    pub movements: Vec<Movement>,
    pub notifications: Vec<Notification>,
    pub acknowledgements: Vec<Acknowledgement>,
    pub incidents: Vec<Incident>,
    pub ceasefires: Vec<Ceasefire>,
    pub areas: Vec<Area>,
    pub incident_sources: HashMap<IncidentId, Vec<SourceId>>,
}

impl World {
    pub fn run(&self) -> Vec<Finding> {
        self.run_with(&Options::default())
    }

    pub fn run_with(&self, options: &Options) -> Vec<Finding> {
        let input = Input {
            sites: &self.sites,
            movements: &self.movements,
            notifications: &self.notifications,
            acknowledgements: &self.acknowledgements,
            incidents: &self.incidents,
            ceasefires: &self.ceasefires,
            areas: &self.areas,
            incident_sources: &self.incident_sources,
        };
        check(&input, options)
    }

    pub fn sourced(&mut self, incident: &str, sources: &[&str]) {
        self.incident_sources.insert(
            incident.parse().unwrap(),
            sources.iter().map(|s| s.parse().unwrap()).collect(),
        );
    }
}

/// The findings of one kind.
pub fn of_kind(findings: &[Finding], kind: FindingKind) -> Vec<&Finding> {
    findings.iter().filter(|f| f.kind == kind).collect()
}

pub fn party(id: &str) -> PartyId {
    id.parse().unwrap()
}
