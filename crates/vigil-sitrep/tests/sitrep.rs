//! Situation reports over records built in code: what is counted, what is never added, and
//! what a published report leaves out.

use chrono::{NaiveDate, TimeZone, Utc};
use vigil_domain::policy::{self, SitrepView};
use vigil_domain::*;
use vigil_sitrep::{build, Bounds, Records, Scope, Sitrep};

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn area(id: &str, level: AreaLevel, parent: Option<&str>) -> Area {
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

fn areas() -> AreaTree {
    AreaTree::new(&[
        area("sy", AreaLevel::Country, None),
        area("sy02", AreaLevel::Governorate, Some("sy")),
        area("east", AreaLevel::Neighbourhood, Some("sy02")),
        area("west", AreaLevel::Neighbourhood, Some("sy02")),
        area("sy03", AreaLevel::Governorate, Some("sy")),
    ])
}

fn figure(
    group: CasualtyGroup,
    outcome: Outcome,
    range: (u32, u32, u32),
    source: Option<&str>,
) -> CasualtyFigure {
    CasualtyFigure {
        group,
        outcome,
        count: Range::new(range.0, range.1, range.2).unwrap(),
        source: source.map(|s| SourceId::new(s).unwrap()),
    }
}

fn incident(id: &str, kind: IncidentKind, first: &str, last: &str, area: &str) -> Incident {
    Incident {
        id: IncidentId::new(id).unwrap(),
        title: Some(format!("Title of {id}")),
        kind,
        when: TimeSpan::days(day(first), day(last)).unwrap(),
        location: Location::with_precision(
            Point::new(37.17, 36.20).unwrap(),
            GeoPrecision::WithinMeters(100),
        ),
        area: Some(AreaId::new(area).unwrap()),
        weapon: None,
        targets: vec![],
        damage: None,
        certainty: Certainty::Confirmed,
        casualties: vec![],
        attributions: vec![],
        description: None,
        reports: vec![ReportId::new(format!("report-{id}")).unwrap()],
    }
}

fn site(
    id: &str,
    kind: SiteKind,
    sensitivity: Sensitivity,
    area: &str,
    statuses: &[(&str, SiteStatus)],
) -> Site {
    Site {
        id: SiteId::new(id).unwrap(),
        kind,
        name: format!("Name of {id}"),
        operator: None,
        location: Location::with_precision(Point::new(37.17, 36.20).unwrap(), GeoPrecision::Exact),
        footprint: None,
        sensitivity,
        area: Some(AreaId::new(area).unwrap()),
        status: statuses
            .iter()
            .map(|(on, status)| StatusEntry {
                as_of: day(on),
                status: *status,
                source: None,
                note: None,
            })
            .collect(),
        capacity: vec![],
    }
}

fn finding(
    kind: FindingKind,
    strength: Strength,
    incident: &str,
    subject: finding::Subject,
) -> Finding {
    Finding {
        kind,
        strength,
        incident: IncidentId::new(incident).unwrap(),
        subject,
        distance_m: Some(0.0),
        reach_m: Some(100.0),
        notification: None,
        interval_s: None,
        returned_within_hours: false,
        site: None,
        parties: vec![],
        area: None,
        score: None,
        reasons: vec![],
        explanation: format!("explanation of a finding about {incident}"),
    }
}

fn site_subject(id: &str) -> finding::Subject {
    finding::Subject::Site(SiteId::new(id).unwrap())
}

/// Eastern Aleppo, late September: two strikes on a restricted hospital counted by two
/// sources, a shelling to the west, a convoy strike elsewhere in the governorate, and one
/// incident outside the period and one outside the governorate.
struct World {
    incidents: Vec<Incident>,
    sites: Vec<Site>,
    findings: Vec<Finding>,
}

fn world() -> World {
    let mut strike = incident(
        "strike-m10-0928",
        IncidentKind::Airstrike,
        "2016-09-28",
        "2016-09-28",
        "east",
    );
    strike.casualties = vec![
        // Two sources counting the same dead of the same strike.
        figure(
            CasualtyGroup::Patients,
            Outcome::Killed,
            (10, 12, 15),
            Some("src-msf"),
        ),
        figure(
            CasualtyGroup::Patients,
            Outcome::Killed,
            (8, 11, 20),
            Some("src-sams"),
        ),
        figure(
            CasualtyGroup::HealthWorkers,
            Outcome::Injured,
            (3, 3, 3),
            None,
        ),
    ];
    let mut again = incident(
        "strike-m10-1001",
        IncidentKind::BarrelBomb,
        "2016-10-01",
        "2016-10-01",
        "east",
    );
    again.casualties = vec![figure(
        CasualtyGroup::Patients,
        Outcome::Killed,
        (2, 2, 2),
        Some("src-msf"),
    )];
    let mut shelling = incident(
        "shelling-west",
        IncidentKind::Shelling,
        "2016-09-20",
        "2016-09-26",
        "west",
    );
    shelling.casualties = vec![figure(
        CasualtyGroup::Civilians,
        Outcome::Killed,
        (5, 6, 7),
        Some("src-sams"),
    )];
    let looting = incident(
        "looting-gov",
        IncidentKind::Looting,
        "2016-09-30",
        "2016-09-30",
        "sy02",
    );
    let before = incident(
        "strike-august",
        IncidentKind::Airstrike,
        "2016-08-10",
        "2016-08-10",
        "east",
    );
    let elsewhere = incident(
        "strike-damascus",
        IncidentKind::Airstrike,
        "2016-09-28",
        "2016-09-28",
        "sy03",
    );
    let sites = vec![
        site(
            "site-m10",
            SiteKind::Hospital,
            Sensitivity::Restricted,
            "east",
            &[
                ("2016-09-01", SiteStatus::Functional),
                ("2016-09-28", SiteStatus::NonFunctional),
                // After the period: not what the report says "as of" its last day.
                ("2016-10-10", SiteStatus::Destroyed),
            ],
        ),
        site(
            "site-m2",
            SiteKind::Hospital,
            Sensitivity::Restricted,
            "east",
            &[("2016-09-28", SiteStatus::Damaged)],
        ),
        site(
            "site-open",
            SiteKind::Hospital,
            Sensitivity::Public,
            "west",
            &[("2016-09-01", SiteStatus::Functional)],
        ),
        site(
            "site-school",
            SiteKind::School,
            Sensitivity::Public,
            "west",
            &[],
        ),
        site(
            "site-far",
            SiteKind::Hospital,
            Sensitivity::Public,
            "sy03",
            &[("2016-09-01", SiteStatus::Destroyed)],
        ),
    ];
    let findings = vec![
        finding(
            FindingKind::NotifiedSite,
            Strength::Linked,
            "strike-m10-0928",
            site_subject("site-m10"),
        ),
        finding(
            FindingKind::NotifiedSite,
            Strength::Possible,
            "strike-m10-0928",
            site_subject("site-m2"),
        ),
        finding(
            FindingKind::NotifiedSite,
            Strength::Linked,
            "strike-m10-1001",
            site_subject("site-m10"),
        ),
        finding(
            FindingKind::UnnotifiedSite,
            Strength::Linked,
            "shelling-west",
            site_subject("site-open"),
        ),
        finding(
            FindingKind::CeasefireViolation,
            Strength::Consistent,
            "shelling-west",
            finding::Subject::Ceasefire(CeasefireId::new("cf-1").unwrap()),
        ),
        // About incidents outside the report: not counted.
        finding(
            FindingKind::NotifiedSite,
            Strength::Linked,
            "strike-august",
            site_subject("site-m10"),
        ),
        finding(
            FindingKind::NotifiedSite,
            Strength::Linked,
            "strike-damascus",
            site_subject("site-far"),
        ),
    ];
    World {
        incidents: vec![strike, again, shelling, looting, before, elsewhere],
        sites,
        findings,
    }
}

fn report(world: &World, area: Option<&str>, from: &str, to: &str, view: SitrepView) -> Sitrep {
    let area = area.map(|a| AreaId::new(a).unwrap());
    let scope = Scope::whole_days(area.as_ref(), day(from), day(to), &areas()).unwrap();
    build(
        Records {
            incidents: &world.incidents,
            sites: &world.sites,
            findings: &world.findings,
        },
        &scope,
        view,
    )
}

fn autumn(view: SitrepView) -> Sitrep {
    report(&world(), Some("sy02"), "2016-09-19", "2016-10-03", view)
}

#[test]
fn incidents_in_the_area_and_period_are_counted_by_category_kind_and_week() {
    let sitrep = autumn(SitrepView::FULL);
    assert_eq!(sitrep.incidents.total, 4);
    // Oldest first; the August strike and the one in another governorate are left out.
    assert_eq!(
        sitrep.incidents.incidents,
        [
            "shelling-west",
            "strike-m10-0928",
            "looting-gov",
            "strike-m10-1001"
        ]
    );
    let explosive = &sitrep.incidents.by_category[0];
    assert_eq!(explosive.category, IncidentCategory::ExplosiveWeapons);
    assert_eq!(explosive.count, 3);
    let kinds: Vec<(IncidentKind, usize)> = explosive
        .by_kind
        .iter()
        .map(|k| (k.kind, k.count))
        .collect();
    // In vocabulary order.
    assert_eq!(
        kinds,
        [
            (IncidentKind::Airstrike, 1),
            (IncidentKind::Shelling, 1),
            (IncidentKind::BarrelBomb, 1)
        ]
    );
    let seizure = &sitrep.incidents.by_category[1];
    assert_eq!(
        (seizure.category, seizure.count),
        (IncidentCategory::Seizure, 1)
    );
    assert_eq!(seizure.incidents, ["looting-gov"]);

    let weeks: Vec<(&str, usize)> = sitrep
        .incidents
        .by_week
        .iter()
        .map(|w| (w.week.as_str(), w.count))
        .collect();
    assert_eq!(weeks, [("2016-W38", 1), ("2016-W39", 3)]);
    assert_eq!(sitrep.incidents.by_week[1].first_day, day("2016-09-26"));

    // A neighbourhood selects only what lies in it.
    let east = report(
        &world(),
        Some("east"),
        "2016-09-19",
        "2016-10-03",
        SitrepView::FULL,
    );
    assert_eq!(
        east.incidents.incidents,
        ["strike-m10-0928", "strike-m10-1001"]
    );
}

#[test]
fn an_incident_that_began_before_the_period_counts_in_its_first_week() {
    let sitrep = report(
        &world(),
        Some("west"),
        "2016-09-26",
        "2016-09-30",
        SitrepView::FULL,
    );
    assert_eq!(sitrep.incidents.incidents, ["shelling-west"]);
    assert_eq!(sitrep.incidents.by_week[0].week, "2016-W39");
}

#[test]
fn two_sources_reporting_the_same_deaths_are_never_added_together() {
    let sitrep = autumn(SitrepView::FULL);
    let patients = sitrep
        .casualties
        .iter()
        .find(|l| l.group == CasualtyGroup::Patients && l.outcome == Outcome::Killed)
        .unwrap();
    // MSF: 10/12/15 on the 28th plus 2 on 1 October (one source, two incidents: added).
    // SAMS: 8/11/20 on the 28th. Never MSF + SAMS.
    let lines: Vec<(&str, Bounds, Vec<&str>)> = patients
        .sources
        .iter()
        .map(|s| {
            (
                s.source.as_str(),
                s.total,
                s.incidents.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            (
                "src-msf",
                Bounds {
                    low: 12,
                    best: 14,
                    high: 17
                },
                vec!["strike-m10-0928", "strike-m10-1001"]
            ),
            (
                "src-sams",
                Bounds {
                    low: 8,
                    best: 11,
                    high: 20
                },
                vec!["strike-m10-0928"]
            ),
        ]
    );
    // At least the largest single source's low, up to the largest single source's high.
    assert_eq!(
        patients.headline,
        Bounds {
            low: 12,
            best: 14,
            high: 20
        }
    );
    assert!(patients.headline.high < 17 + 20);

    // Figures without a source are a line of their own.
    let injured = sitrep
        .casualties
        .iter()
        .find(|l| l.group == CasualtyGroup::HealthWorkers)
        .unwrap();
    assert_eq!(injured.sources[0].source, "unsourced");
    assert_eq!(
        injured.headline,
        Bounds {
            low: 3,
            best: 3,
            high: 3
        }
    );
}

#[test]
fn hospitals_are_rolled_up_by_their_status_on_the_last_day() {
    let sitrep = autumn(SitrepView::FULL);
    let hospitals = sitrep
        .facilities
        .iter()
        .find(|f| f.kind == SiteKind::Hospital)
        .unwrap();
    // M10 non-functional (destroyed only after the period), M2 damaged, the open one working;
    // the hospital in another governorate is not counted.
    assert_eq!((hospitals.impaired, hospitals.sites), (2, 3));
    let statuses: Vec<(Option<SiteStatus>, usize, Vec<&str>)> = hospitals
        .by_status
        .iter()
        .map(|s| {
            (
                s.status,
                s.count,
                s.sites.iter().map(|r| r.id.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        statuses,
        [
            (Some(SiteStatus::Functional), 1, vec!["site-open"]),
            (Some(SiteStatus::NonFunctional), 1, vec!["site-m10"]),
            (Some(SiteStatus::Damaged), 1, vec!["site-m2"]),
        ]
    );
    let schools = sitrep
        .facilities
        .iter()
        .find(|f| f.kind == SiteKind::School)
        .unwrap();
    assert_eq!((schools.sites, schools.impaired), (1, 0));
    assert_eq!(schools.by_status[0].status, None);

    // Before the strikes every hospital with a status was working; M2 had none reported yet.
    let early = report(
        &world(),
        Some("sy02"),
        "2016-09-01",
        "2016-09-20",
        SitrepView::FULL,
    );
    let hospitals = early
        .facilities
        .iter()
        .find(|f| f.kind == SiteKind::Hospital)
        .unwrap();
    assert_eq!(hospitals.impaired, 0);
    assert_eq!(hospitals.by_status[0].status, Some(SiteStatus::Functional));
    assert_eq!(hospitals.by_status[0].count, 2);
    assert_eq!(hospitals.by_status[1].status, None);
    assert_eq!(hospitals.by_status[1].sites[0].id.as_str(), "site-m2");
}

#[test]
fn findings_about_the_reports_incidents_are_summarised_with_their_references() {
    let sitrep = autumn(SitrepView::FULL);
    let hits = &sitrep.notified_hits;
    assert_eq!((hits.findings, hits.incidents, hits.subjects), (3, 2, 2));
    let items: Vec<(&str, &str)> = hits
        .items
        .iter()
        .map(|f| (f.incident.as_str(), f.subject.id()))
        .collect();
    assert_eq!(
        items,
        [
            ("strike-m10-0928", "site-m10"),
            ("strike-m10-0928", "site-m2"),
            ("strike-m10-1001", "site-m10")
        ]
    );
    let strengths: Vec<(Strength, usize)> = hits
        .by_strength
        .iter()
        .map(|s| (s.strength, s.count))
        .collect();
    assert_eq!(strengths, [(Strength::Linked, 2), (Strength::Possible, 1)]);
    let violations = &sitrep.ceasefire_violations;
    assert_eq!(violations.findings, 1);
    assert_eq!(violations.items[0].subject.id(), "cf-1");
}

#[test]
fn the_published_report_names_no_restricted_site_no_source_and_no_incident_id() {
    let world = world();
    let sitrep = report(
        &world,
        Some("sy02"),
        "2016-09-19",
        "2016-10-03",
        SitrepView::PUBLISHED,
    );
    let text = serde_json::to_string(&sitrep).unwrap();
    for hidden in [
        "site-m10",
        "site-m2",
        "Name of site-m10",
        "src-msf",
        "src-sams",
        "strike-m10-0928",
        "shelling-west",
        "explanation of",
    ] {
        assert!(!text.contains(hidden), "{hidden} in {text}");
    }
    assert!(sitrep.published);
    // Incidents under their pseudonyms, the same the published incidents carry.
    let strike = world
        .incidents
        .iter()
        .find(|i| i.id.as_str() == "strike-m10-0928")
        .unwrap();
    assert!(sitrep
        .incidents
        .incidents
        .contains(&policy::published_incident_id(strike)));
    // Restricted hospitals counted, the public one named.
    let hospitals = sitrep
        .facilities
        .iter()
        .find(|f| f.kind == SiteKind::Hospital)
        .unwrap();
    assert_eq!((hospitals.impaired, hospitals.sites), (2, 3));
    assert!(text.contains("site-open"));
    // Sources numbered, largest figures first; findings counted, not listed.
    let patients = &sitrep
        .casualties
        .iter()
        .find(|l| l.group == CasualtyGroup::Patients)
        .unwrap();
    let labels: Vec<&str> = patients.sources.iter().map(|s| s.source.as_str()).collect();
    assert_eq!(labels, ["source 1", "source 2"]);
    assert_eq!(
        patients.headline,
        Bounds {
            low: 12,
            best: 14,
            high: 20
        }
    );
    assert_eq!(sitrep.notified_hits.findings, 3);
    assert!(sitrep.notified_hits.items.is_empty());
    assert!(sitrep.ceasefire_violations.items.is_empty());
}

#[test]
fn staff_without_source_identities_get_ids_but_numbered_sources() {
    let analyst = SitrepView {
        record_ids: true,
        source_identities: false,
    };
    let sitrep = autumn(analyst);
    let text = serde_json::to_string(&sitrep).unwrap();
    assert!(
        text.contains("\"site-m10\"") && text.contains("strike-m10-0928"),
        "{text}"
    );
    assert!(
        !text.contains("src-msf") && !text.contains("src-sams"),
        "{text}"
    );
}

#[test]
fn a_report_on_the_whole_database_and_an_unknown_area() {
    let world = world();
    let all = report(&world, None, "2016-08-01", "2016-10-31", SitrepView::FULL);
    assert_eq!(all.incidents.total, 6);
    assert!(all.area.is_none());
    let unknown = AreaId::new("nowhere").unwrap();
    let err = Scope::whole_days(
        Some(&unknown),
        day("2016-09-01"),
        day("2016-09-30"),
        &areas(),
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "no area has id 'nowhere'");
    let err = Scope::whole_days(None, day("2016-09-30"), day("2016-09-01"), &areas()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the period ends (2016-09-01) before it starts (2016-09-30)"
    );
    // An instant on the period's last second is in it; the next day is not.
    let evening = Utc.with_ymd_and_hms(2016, 10, 3, 23, 59, 59).unwrap();
    let scope = Scope::whole_days(None, day("2016-10-01"), day("2016-10-03"), &areas()).unwrap();
    let mut late = incident(
        "late",
        IncidentKind::Airstrike,
        "2016-10-04",
        "2016-10-04",
        "east",
    );
    assert!(!scope.admits_incident(&late));
    late.when = TimeSpan::new(evening, evening, TimePrecision::Exact).unwrap();
    assert!(scope.admits_incident(&late));
}
