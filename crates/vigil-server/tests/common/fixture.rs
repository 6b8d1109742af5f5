//! The sensitive records the policy tests read: a restricted hospital notified to one party,
//! a public clinic, a witness's account of the strike on the hospital, a restricted convoy
//! notified to the same party and a public one, the public clinic notified to that party and
//! another (with each one's receipt, and a later version to the other party only), and the
//! findings the cross-check makes of them; and a server over them with a token for every role.

use super::{start_with, token, Running};
use chrono::{NaiveDate, TimeZone, Utc};
use vigil_domain::*;
use vigil_store::{Existing, Store, StoreError};

pub const RESTRICTED_SITE_ID: &str = "site-m10";
pub const RESTRICTED_SITE_NAME: &str = "Sakhour Secret Hospital";
pub const RESTRICTED_SITE_LON: &str = "37.18341";
pub const RESTRICTED_SITE_LAT: &str = "36.20617";
pub const INCIDENT_LON: &str = "37.18399";
pub const INCIDENT_LAT: &str = "36.20688";
pub const WITNESS_SOURCE_ID: &str = "witness-rana-7";
pub const STATUS_SOURCE_ID: &str = "msf-report-1";
pub const WITNESS_TITLE: &str = "Rana Haddad";
pub const DESCRIPTION: &str = "DESCRIPTION-TEXT";
pub const RESTRICTED_MOVEMENT_ID: &str = "convoy-secret";
pub const RESTRICTED_MOVEMENT_NAME: &str = "Hidden Convoy To Sakhour";
/// The restricted convoy's route: from the first point to the second, past the strike.
pub const ROUTE_START_LON: &str = "37.17771";
pub const ROUTE_START_LAT: &str = "36.19993";
pub const ROUTE_END_LON: &str = "37.19117";
pub const ROUTE_END_LAT: &str = "36.21131";
pub const CONVOY_SOURCE_ID: &str = "convoy-manifest-3";
pub const PUBLIC_MOVEMENT_NAME: &str = "Open Convoy";
pub const CEASEFIRE_ID: &str = "truce-sy03";
pub const CEASEFIRE_SOURCE_ID: &str = "truce-text-9";
pub const STATEMENT_ID: &str = "stmt-1";
pub const STATEMENT_SOURCE_ID: &str = "ministry-briefing-4";
pub const STATEMENT_SUMMARY: &str = "STATEMENT-SUMMARY";
/// The neighbourhood the restricted hospital lies in: its name, and a vertex of its boundary.
pub const NEIGHBOURHOOD_NAME: &str = "Area sakhour";
pub const NEIGHBOURHOOD_LON: &str = "37.17654";
/// The clinic's notification: version 1 to party-a and another party, version 2 to the other
/// party only; each party acknowledged version 1.
pub const CLINIC_NOTIFICATION_ID: &str = "hns-3";
pub const OTHER_PARTY: &str = "party-c";
pub const OWN_ACK_BY: &str = "PARTY-A-DESK";
pub const OTHER_ACK_BY: &str = "PARTY-C-DESK";
pub const ACK_SOURCE_ID: &str = "receipt-log-5";
pub const OTHER_ONLY_CHANNEL: &str = "CHANNEL-TO-C-ONLY";

pub fn area(id: &str, level: AreaLevel, parent: Option<&str>) -> Area {
    Area {
        id: AreaId::new(id).unwrap(),
        level,
        pcode: None,
        name_en: format!("Area {id}"),
        name_ar: None,
        parent: parent.map(|p| AreaId::new(p).unwrap()),
        boundary: None,
        source: None,
    }
}

/// Sakhour, with a boundary around the restricted hospital and the strike.
pub fn neighbourhood() -> Area {
    let lon: f64 = NEIGHBOURHOOD_LON.parse().unwrap();
    let ring = vec![
        (lon, 36.2),
        (37.19, 36.2),
        (37.19, 36.215),
        (lon, 36.215),
        (lon, 36.2),
    ];
    Area {
        boundary: Some(geo_types::MultiPolygon(vec![geo_types::Polygon::new(
            ring.into(),
            vec![],
        )])),
        ..area("sakhour", AreaLevel::Neighbourhood, Some("sy0200"))
    }
}

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn source(id: &str, kind: SourceKind, title: &str, protected: bool) -> Source {
    Source {
        id: SourceId::new(id).unwrap(),
        kind,
        title: title.into(),
        publisher: None,
        url: None,
        published_on: None,
        protected,
    }
}

pub fn site(
    id: &str,
    name: &str,
    lon: f64,
    lat: f64,
    sensitivity: Sensitivity,
    area: &str,
) -> Site {
    Site {
        id: SiteId::new(id).unwrap(),
        kind: SiteKind::Hospital,
        name: name.into(),
        operator: None,
        location: Location::with_precision(Point::new(lon, lat).unwrap(), GeoPrecision::Exact),
        footprint: None,
        sensitivity,
        area: Some(AreaId::new(area).unwrap()),
        status: vec![StatusEntry {
            as_of: day(2016, 9, 28),
            status: SiteStatus::Damaged,
            source: Some(SourceId::new(STATUS_SOURCE_ID).unwrap()),
            note: Some("NOTE-TEXT".into()),
        }],
        capacity: vec![],
    }
}

pub struct IncidentSpec {
    pub id: &'static str,
    pub kind: IncidentKind,
    pub when: TimeSpan,
    pub lon: f64,
    pub lat: f64,
    pub area: &'static str,
    pub certainty: Certainty,
    pub source: &'static str,
}

pub fn incident(spec: &IncidentSpec) -> (Incident, Report) {
    let report = Report {
        id: ReportId::new(format!("report-{}", spec.id)).unwrap(),
        source: SourceId::new(spec.source).unwrap(),
        received_at: Utc.with_ymd_and_hms(2016, 10, 10, 0, 0, 0).unwrap(),
        summary: "as received".into(),
        content: ReportContent::from_value(&serde_json::json!({})),
    };
    let incident = Incident {
        id: IncidentId::new(spec.id).unwrap(),
        title: Some(format!("Title of {}", spec.id)),
        kind: spec.kind,
        when: spec.when,
        location: Location::with_precision(
            Point::new(spec.lon, spec.lat).unwrap(),
            GeoPrecision::WithinMeters(50),
        ),
        area: Some(AreaId::new(spec.area).unwrap()),
        weapon: None,
        targets: vec![],
        damage: None,
        certainty: spec.certainty,
        casualties: vec![CasualtyFigure {
            group: CasualtyGroup::Patients,
            outcome: Outcome::Killed,
            count: Range::new(2, 3, 5).unwrap(),
            source: Some(SourceId::new(spec.source).unwrap()),
        }],
        attributions: vec![],
        description: None,
        reports: vec![report.id.clone()],
    };
    (incident, report)
}

/// The strike on the restricted hospital: a witness's account, exact coordinates.
pub fn strike() -> Incident {
    let instant = Utc.with_ymd_and_hms(2016, 9, 28, 4, 15, 0).unwrap();
    let (mut strike, _) = incident(&IncidentSpec {
        id: "inc-1",
        kind: IncidentKind::Airstrike,
        when: TimeSpan::new(instant, instant, TimePrecision::Exact).unwrap(),
        lon: INCIDENT_LON.parse().unwrap(),
        lat: INCIDENT_LAT.parse().unwrap(),
        area: "sakhour",
        certainty: Certainty::Confirmed,
        source: WITNESS_SOURCE_ID,
    });
    strike.targets = vec![Target::Site(SiteId::new(RESTRICTED_SITE_ID).unwrap())];
    strike.description = Some(DESCRIPTION.into());
    strike
}

pub fn others() -> Vec<IncidentSpec> {
    vec![
        IncidentSpec {
            id: "inc-2",
            kind: IncidentKind::Shelling,
            when: TimeSpan::days(day(2016, 9, 22), day(2016, 9, 22)).unwrap(),
            lon: 37.25,
            lat: 36.25,
            area: "sy0200",
            certainty: Certainty::Probable,
            source: STATUS_SOURCE_ID,
        },
        IncidentSpec {
            id: "inc-3",
            kind: IncidentKind::Looting,
            when: TimeSpan::days(day(2016, 10, 5), day(2016, 10, 6)).unwrap(),
            lon: 36.64,
            lat: 35.94,
            area: "sy03",
            certainty: Certainty::Possible,
            source: STATUS_SOURCE_ID,
        },
    ]
}

pub fn fill(store: &mut dyn Store) {
    let mut tx = store.transaction().unwrap();
    for a in [
        area("sy", AreaLevel::Country, None),
        area("sy02", AreaLevel::Governorate, Some("sy")),
        area("sy0200", AreaLevel::District, Some("sy02")),
        neighbourhood(),
        area("sy03", AreaLevel::Governorate, Some("sy")),
    ] {
        tx.put_area(&a).unwrap();
    }
    for id in ["party-a", "party-b", OTHER_PARTY] {
        let party = Party {
            id: PartyId::new(id).unwrap(),
            name: id.into(),
            kind: PartyKind::Other,
        };
        tx.put_party(&party, Existing::Keep).unwrap();
    }
    tx.put_source(
        &source(WITNESS_SOURCE_ID, SourceKind::Witness, WITNESS_TITLE, true),
        Existing::Replace,
    )
    .unwrap();
    tx.put_source(
        &source(
            STATUS_SOURCE_ID,
            SourceKind::OrganisationReport,
            "MSF situation report",
            false,
        ),
        Existing::Replace,
    )
    .unwrap();
    let (lon, lat) = (
        RESTRICTED_SITE_LON.parse().unwrap(),
        RESTRICTED_SITE_LAT.parse().unwrap(),
    );
    tx.put_site(&site(
        RESTRICTED_SITE_ID,
        RESTRICTED_SITE_NAME,
        lon,
        lat,
        Sensitivity::Restricted,
        "sakhour",
    ))
    .unwrap();
    tx.put_site(&site(
        "site-open-clinic",
        "Open Clinic",
        36.63111,
        35.93222,
        Sensitivity::Public,
        "sy03",
    ))
    .unwrap();
    tx.put_notification(&Notification {
        id: NotificationId::new("hns-1").unwrap(),
        version: 1,
        subject: Subject::Site(SiteId::new(RESTRICTED_SITE_ID).unwrap()),
        parties: vec![PartyId::new("party-a").unwrap()],
        sent_at: Utc.with_ymd_and_hms(2016, 9, 1, 8, 0, 0).unwrap(),
        valid: DayWindow::new(day(2016, 9, 1), None).unwrap(),
        withdrawn_at: None,
        channel: None,
        payload_sha256: Sha256::of(b"payload"),
        source: None,
    })
    .unwrap();
    let strike = strike();
    let (_, strike_report) = incident(&IncidentSpec {
        id: "inc-1",
        kind: strike.kind,
        when: strike.when,
        lon: 0.0,
        lat: 0.0,
        area: "sakhour",
        certainty: strike.certainty,
        source: WITNESS_SOURCE_ID,
    });
    tx.put_report(&strike_report).unwrap();
    tx.put_incident(&strike).unwrap();
    for spec in others() {
        let (incident, report) = incident(&spec);
        tx.put_report(&report).unwrap();
        tx.put_incident(&incident).unwrap();
    }
    put_movements(&mut *tx);
    put_ceasefire_and_statement(&mut *tx);
    put_clinic_notification(&mut *tx);
    tx.commit().unwrap();
    let records = vigil_findings::Records::load(store).unwrap();
    let options = vigil_check::Options::default();
    vigil_findings::run::<StoreError>(store, &records, &options, true, |_| Ok(())).unwrap();
}

/// The restricted convoy on the day of the strike, notified to party-a, and a public convoy
/// far away and never notified.
fn put_movements(tx: &mut dyn vigil_store::Transaction) {
    tx.put_source(
        &source(
            CONVOY_SOURCE_ID,
            SourceKind::OrganisationReport,
            "Convoy manifest",
            true,
        ),
        Existing::Replace,
    )
    .unwrap();
    let point =
        |lon: &str, lat: &str| Point::new(lon.parse().unwrap(), lat.parse().unwrap()).unwrap();
    let secret = Movement {
        id: MovementId::new(RESTRICTED_MOVEMENT_ID).unwrap(),
        kind: MovementKind::Convoy,
        name: RESTRICTED_MOVEMENT_NAME.into(),
        operator: None,
        route: vec![
            point(ROUTE_START_LON, ROUTE_START_LAT),
            point(ROUTE_END_LON, ROUTE_END_LAT),
        ],
        corridor_width_m: 1000.0,
        window: TimeSpan::new(
            Utc.with_ymd_and_hms(2016, 9, 28, 3, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(2016, 9, 28, 9, 0, 0).unwrap(),
            TimePrecision::Exact,
        )
        .unwrap(),
        sensitivity: Sensitivity::Restricted,
        source: Some(SourceId::new(CONVOY_SOURCE_ID).unwrap()),
    };
    tx.put_movement(&secret).unwrap();
    tx.put_movement(&Movement {
        id: MovementId::new("convoy-open").unwrap(),
        kind: MovementKind::MedicalEvacuation,
        name: PUBLIC_MOVEMENT_NAME.into(),
        operator: None,
        route: vec![point("36.70001", "35.90001"), point("36.80002", "35.95002")],
        corridor_width_m: 200.0,
        window: TimeSpan::days(day(2016, 10, 5), day(2016, 10, 6)).unwrap(),
        sensitivity: Sensitivity::Public,
        source: None,
    })
    .unwrap();
    tx.put_notification(&Notification {
        id: NotificationId::new("hns-2").unwrap(),
        version: 1,
        subject: Subject::Movement(secret.id.clone()),
        parties: vec![PartyId::new("party-a").unwrap()],
        sent_at: Utc.with_ymd_and_hms(2016, 9, 20, 8, 0, 0).unwrap(),
        valid: DayWindow::new(day(2016, 9, 27), Some(day(2016, 9, 29))).unwrap(),
        withdrawn_at: None,
        channel: None,
        payload_sha256: Sha256::of(b"movement payload"),
        source: None,
    })
    .unwrap();
}

/// A ceasefire in another governorate that held before any incident there (so it makes no
/// finding), citing a source; and a party's denial of the strike, citing another.
fn put_ceasefire_and_statement(tx: &mut dyn vigil_store::Transaction) {
    for (id, title) in [
        (CEASEFIRE_SOURCE_ID, "Text of the truce"),
        (STATEMENT_SOURCE_ID, "Ministry briefing"),
    ] {
        tx.put_source(
            &source(id, SourceKind::OfficialStatement, title, false),
            Existing::Replace,
        )
        .unwrap();
    }
    tx.put_ceasefire(&Ceasefire {
        id: CeasefireId::new(CEASEFIRE_ID).unwrap(),
        name: "Cessation of hostilities".into(),
        parties: vec![
            PartyId::new("party-a").unwrap(),
            PartyId::new("party-b").unwrap(),
        ],
        areas: vec![AreaId::new("sy03").unwrap()],
        start: Utc.with_ymd_and_hms(2016, 9, 12, 16, 0, 0).unwrap(),
        planned_end: None,
        collapsed_at: Some(Utc.with_ymd_and_hms(2016, 9, 19, 19, 0, 0).unwrap()),
        source: Some(SourceId::new(CEASEFIRE_SOURCE_ID).unwrap()),
    })
    .unwrap();
    tx.put_statement(&Statement {
        id: StatementId::new(STATEMENT_ID).unwrap(),
        incident: IncidentId::new("inc-1").unwrap(),
        party: Some(PartyId::new("party-b").unwrap()),
        kind: StatementKind::Denial,
        made_on: day(2016, 9, 29),
        summary: STATEMENT_SUMMARY.into(),
        source: SourceId::new(STATEMENT_SOURCE_ID).unwrap(),
    })
    .unwrap();
}

/// The public clinic notified to party-a and [`OTHER_PARTY`] after every incident (so it makes
/// no finding), both receipts recorded, then a version to the other party alone.
fn put_clinic_notification(tx: &mut dyn vigil_store::Transaction) {
    tx.put_source(
        &source(
            ACK_SOURCE_ID,
            SourceKind::OfficialStatement,
            "Receipt log",
            false,
        ),
        Existing::Replace,
    )
    .unwrap();
    let id = NotificationId::new(CLINIC_NOTIFICATION_ID).unwrap();
    let first = Notification {
        id: id.clone(),
        version: 1,
        subject: Subject::Site(SiteId::new("site-open-clinic").unwrap()),
        parties: vec![
            PartyId::new("party-a").unwrap(),
            PartyId::new(OTHER_PARTY).unwrap(),
        ],
        sent_at: Utc.with_ymd_and_hms(2016, 10, 10, 8, 0, 0).unwrap(),
        valid: DayWindow::new(day(2016, 10, 10), None).unwrap(),
        withdrawn_at: None,
        channel: None,
        payload_sha256: Sha256::of(b"clinic payload"),
        source: None,
    };
    tx.put_notification(&first).unwrap();
    for (party, by, source) in [
        ("party-a", OWN_ACK_BY, Some(ACK_SOURCE_ID)),
        (OTHER_PARTY, OTHER_ACK_BY, None),
    ] {
        tx.put_acknowledgement(&Acknowledgement {
            notification: id.clone(),
            version: 1,
            party: PartyId::new(party).unwrap(),
            received_at: Utc.with_ymd_and_hms(2016, 10, 10, 9, 0, 0).unwrap(),
            by: Some(by.into()),
            channel: None,
            source: source.map(|s| SourceId::new(s).unwrap()),
        })
        .unwrap();
    }
    tx.put_notification(&Notification {
        parties: vec![PartyId::new(OTHER_PARTY).unwrap()],
        sent_at: Utc.with_ymd_and_hms(2016, 10, 12, 8, 0, 0).unwrap(),
        channel: Some(OTHER_ONLY_CHANNEL.into()),
        payload_sha256: Sha256::of(b"clinic payload 2"),
        ..first
    })
    .unwrap();
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    Public,
    LiaisonNotified,
    LiaisonOther,
    Coordinator,
    Analyst,
    Monitor,
    Admin,
}

pub const EVERYONE: [Who; 7] = [
    Who::Public,
    Who::LiaisonNotified,
    Who::LiaisonOther,
    Who::Coordinator,
    Who::Analyst,
    Who::Monitor,
    Who::Admin,
];

pub struct World {
    pub server: Running,
    tokens: Vec<(Who, Option<String>)>,
}

/// The server over the records, with a token for every role.
pub fn world() -> World {
    let mut tokens = Vec::new();
    let server = start_with(|store| {
        fill(store);
        for who in EVERYONE {
            let secret = match who {
                Who::Public => None,
                Who::LiaisonNotified => Some(token(store, Role::Liaison, Some("party-a"), false)),
                Who::LiaisonOther => Some(token(store, Role::Liaison, Some("party-b"), false)),
                Who::Coordinator => Some(token(store, Role::Coordinator, None, false)),
                Who::Analyst => Some(token(store, Role::Analyst, None, false)),
                Who::Monitor => Some(token(store, Role::Monitor, None, false)),
                Who::Admin => Some(token(store, Role::Admin, None, false)),
            };
            tokens.push((who, secret));
        }
    });
    World { server, tokens }
}

impl World {
    /// Status and raw body of a GET as `who`.
    pub fn get(&self, who: Who, path: &str) -> (u16, String) {
        let mut request = ureq::get(&self.server.url(path))
            .config()
            .http_status_as_error(false)
            .build();
        let secret = &self.tokens.iter().find(|(w, _)| *w == who).unwrap().1;
        if let Some(secret) = secret {
            request = request.header("Authorization", &format!("Bearer {secret}"));
        }
        let mut response = request.call().unwrap();
        let status = response.status().as_u16();
        (status, response.body_mut().read_to_string().unwrap())
    }

    /// The token `who` presents; none for the public.
    pub fn token(&self, who: Who) -> Option<String> {
        self.tokens
            .iter()
            .find(|(w, _)| *w == who)
            .unwrap()
            .1
            .clone()
    }

    /// Status, `Content-Type` and raw body of a GET as `who`.
    pub fn get_with_type(&self, who: Who, path: &str) -> (u16, String, String) {
        let mut request = ureq::get(&self.server.url(path))
            .config()
            .http_status_as_error(false)
            .build();
        if let Some(secret) = self.token(who) {
            request = request.header("Authorization", &format!("Bearer {secret}"));
        }
        let mut response = request.call().unwrap();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let status = response.status().as_u16();
        (
            status,
            content_type,
            response.body_mut().read_to_string().unwrap(),
        )
    }

    pub fn json(&self, who: Who, path: &str) -> serde_json::Value {
        let (status, body) = self.get(who, path);
        assert_eq!(status, 200, "{who:?} {path}: {body}");
        serde_json::from_str(&body).unwrap()
    }
}

pub fn is_staff(who: Who) -> bool {
    matches!(
        who,
        Who::Coordinator | Who::Analyst | Who::Monitor | Who::Admin
    )
}

pub fn sees_sources(who: Who) -> bool {
    matches!(who, Who::Monitor | Who::Admin)
}
