//! Every validation rule of the domain, each with the message a user will read.

use chrono::{NaiveDate, TimeZone, Utc};
use vigil_domain::*;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn at(y: i32, m: u32, d: u32, h: u32) -> Timestamp {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
}

fn point() -> Point {
    Point::new(37.15, 36.2).unwrap()
}

/// Asserts that `result` failed with an error on `field` whose message contains `needle`.
fn fails<T: std::fmt::Debug>(result: Result<T, Vec<ValidationError>>, field: &str, needle: &str) {
    let errors = result.expect_err("the rule should reject this");
    assert!(
        errors
            .iter()
            .any(|e| e.field == field && e.problem.contains(needle)),
        "expected an error on {field} containing {needle:?}, got {errors:?}"
    );
}

fn site() -> Site {
    Site {
        id: SiteId::new("site-m10").unwrap(),
        kind: SiteKind::Hospital,
        name: "M10".into(),
        operator: None,
        location: Location::with_precision(point(), GeoPrecision::Exact),
        footprint: None,
        sensitivity: Sensitivity::Public,
        area: None,
        status: vec![],
        capacity: vec![],
    }
}

fn notification() -> Notification {
    Notification {
        id: NotificationId::new("ntf-1").unwrap(),
        version: 1,
        subject: Subject::Site(SiteId::new("site-m10").unwrap()),
        parties: vec![PartyId::new("rus").unwrap()],
        sent_at: at(2016, 9, 5, 9),
        valid: DayWindow::new(day("2016-09-05"), None).unwrap(),
        withdrawn_at: None,
        channel: None,
        payload_sha256: Sha256::of(b"payload"),
        source: None,
    }
}

fn incident() -> Incident {
    Incident {
        id: IncidentId::new("inc-1").unwrap(),
        title: None,
        kind: IncidentKind::Airstrike,
        when: TimeSpan::days(day("2016-09-28"), day("2016-09-28")).unwrap(),
        location: Location::with_precision(point(), GeoPrecision::Exact),
        area: None,
        weapon: None,
        targets: vec![],
        damage: None,
        certainty: Certainty::Confirmed,
        casualties: vec![],
        attributions: vec![],
        description: None,
        reports: vec![ReportId::new("rep-1").unwrap()],
    }
}

#[test]
fn ids_may_not_be_empty_padded_or_contain_control_characters() {
    assert!(SiteId::new("")
        .unwrap_err()
        .problem
        .contains("may not be empty"));
    assert!(SiteId::new(" m10")
        .unwrap_err()
        .problem
        .contains("leading or trailing spaces"));
    assert!(SiteId::new("m\n10")
        .unwrap_err()
        .problem
        .contains("control characters"));
    assert!(SiteId::new("x".repeat(201))
        .unwrap_err()
        .problem
        .contains("at most 200"));
}

#[test]
fn coordinates_must_be_on_the_globe() {
    fails(
        Point::new(37.0, 95.5),
        "lat",
        "95.5 is not a latitude (-90..90)",
    );
    fails(
        Point::new(-180.5, 36.0),
        "lon",
        "-180.5 is not a longitude (-180..180)",
    );
}

#[test]
fn radius_must_be_a_distance_that_agrees_with_the_precision() {
    fails(
        Location::new(point(), GeoPrecision::Exact, -5.0),
        "radius_m",
        "not a radius",
    );
    fails(
        Location::new(point(), GeoPrecision::Exact, f64::NAN),
        "radius_m",
        "not a radius",
    );
    fails(
        Location::new(point(), GeoPrecision::WithinMeters(250), 1000.0),
        "radius_m",
        "disagrees with precision 'within 250 m'",
    );
}

#[test]
fn a_time_span_may_not_end_before_it_starts() {
    let err = TimeSpan::new(
        at(2016, 9, 28, 12),
        at(2016, 9, 28, 11),
        TimePrecision::Exact,
    )
    .unwrap_err();
    assert_eq!(err.field, "end");
    assert!(err.problem.contains("is before the start"));
}

#[test]
fn a_window_may_not_end_before_it_starts() {
    let err = DayWindow::new(day("2016-09-10"), Some(day("2016-09-09"))).unwrap_err();
    assert_eq!(
        err.to_string(),
        "valid_to: 2016-09-09 is before valid_from 2016-09-10"
    );
}

#[test]
fn casualty_ranges_are_ordered() {
    fails(Range::new(10, 5, 20), "low", "10 is above best 5");
    fails(Range::new(1, 5, 4), "high", "4 is below best 5");
}

#[test]
fn vocabularies_reject_unknown_values_and_name_the_allowed_ones() {
    let cases: Vec<(ValidationError, &str)> = vec![
        (
            "hospitl".parse::<SiteKind>().unwrap_err(),
            "unknown site kind 'hospitl'",
        ),
        (
            "bombing".parse::<IncidentKind>().unwrap_err(),
            "unknown incident kind 'bombing'",
        ),
        (
            "sure".parse::<Certainty>().unwrap_err(),
            "unknown certainty 'sure'",
        ),
        (
            "likely".parse::<AttributionGrade>().unwrap_err(),
            "unknown attribution grade 'likely'",
        ),
        (
            "secret".parse::<Sensitivity>().unwrap_err(),
            "unknown sensitivity 'secret'",
        ),
        (
            "open".parse::<SiteStatus>().unwrap_err(),
            "unknown site status 'open'",
        ),
        (
            "dead".parse::<Outcome>().unwrap_err(),
            "unknown casualty outcome 'dead'",
        ),
        (
            "men".parse::<CasualtyGroup>().unwrap_err(),
            "unknown casualty group 'men'",
        ),
        (
            "minute".parse::<TimePrecision>().unwrap_err(),
            "unknown time precision 'minute'",
        ),
        (
            "street".parse::<GeoPrecision>().unwrap_err(),
            "unknown geo precision 'street'",
        ),
        (
            "rumor".parse::<StatementKind>().unwrap_err(),
            "unknown statement kind 'rumor'",
        ),
    ];
    for (err, expected) in cases {
        assert!(err.problem.starts_with(expected), "{}", err.problem);
        assert!(err.problem.contains("expected"), "{}", err.problem);
    }
}

#[test]
fn a_site_needs_a_name_and_dated_history_in_order() {
    let mut s = site();
    s.name = "  ".into();
    fails(s.validate(), "name", "may not be empty");

    let mut s = site();
    s.status = vec![
        StatusEntry {
            as_of: day("2016-09-28"),
            status: SiteStatus::Damaged,
            source: None,
            note: None,
        },
        StatusEntry {
            as_of: day("2016-09-01"),
            status: SiteStatus::Functional,
            source: None,
            note: None,
        },
    ];
    fails(s.validate(), "status", "must be in date order");
}

#[test]
fn a_movement_needs_a_route_and_a_corridor() {
    let movement = Movement {
        id: MovementId::new("mov-1").unwrap(),
        kind: MovementKind::Convoy,
        name: "Convoy".into(),
        operator: None,
        route: vec![point()],
        corridor_width_m: 0.0,
        window: TimeSpan::days(day("2016-09-19"), day("2016-09-19")).unwrap(),
        sensitivity: Sensitivity::Public,
        source: None,
    };
    fails(movement.validate(), "route", "at least 2 points, got 1");
    fails(
        movement.validate(),
        "corridor_width_m",
        "0 is not a width in metres",
    );
}

#[test]
fn a_notification_goes_to_distinct_parties_and_is_withdrawn_after_it_is_sent() {
    let mut n = notification();
    n.parties.clear();
    fails(n.validate(), "parties", "at least one party");

    let mut n = notification();
    n.parties.push(PartyId::new("rus").unwrap());
    fails(n.validate(), "parties", "'rus' is listed twice");

    let mut n = notification();
    n.withdrawn_at = Some(at(2016, 9, 1, 0));
    fails(
        n.validate(),
        "withdrawn_at",
        "before the notification was sent",
    );

    let mut n = notification();
    n.version = 0;
    fails(n.validate(), "version", "versions start at 1");
}

#[test]
fn an_acknowledgement_comes_from_an_addressee_after_sending() {
    let n = notification();
    let ack = Acknowledgement {
        notification: n.id.clone(),
        version: 1,
        party: PartyId::new("usa").unwrap(),
        received_at: at(2016, 9, 4, 0),
        by: None,
        channel: None,
        source: None,
    };
    fails(
        ack.validate_against(&n),
        "party",
        "was not addressed to party 'usa'",
    );
    fails(
        ack.validate_against(&n),
        "received_at",
        "before the notification was sent",
    );
}

#[test]
fn an_incident_has_reports_and_no_duplicate_figures_attributions_or_targets() {
    let mut i = incident();
    i.reports.clear();
    fails(i.validate(), "reports", "at least one report");

    let mut i = incident();
    let figure = CasualtyFigure {
        group: CasualtyGroup::People,
        outcome: Outcome::Killed,
        count: Range::exact(20),
        source: None,
    };
    i.casualties = vec![figure.clone(), figure];
    fails(
        i.validate(),
        "casualties",
        "given twice for the same source",
    );

    let mut i = incident();
    i.casualties = vec![CasualtyFigure {
        group: CasualtyGroup::People,
        outcome: Outcome::Killed,
        count: Range {
            low: 30,
            best: 20,
            high: 40,
        },
        source: None,
    }];
    fails(i.validate(), "casualties[0].low", "30 is above best 20");

    let mut i = incident();
    let attribution = Attribution {
        party: PartyId::new("syr").unwrap(),
        grade: AttributionGrade::Alleged,
        sources: vec![],
    };
    i.attributions = vec![attribution.clone(), attribution];
    fails(i.validate(), "attributions", "attributed twice");

    let mut i = incident();
    i.targets = vec![
        Target::Kind(TargetKind::Hospital),
        Target::Kind(TargetKind::Hospital),
    ];
    fails(i.validate(), "targets", "listed twice");

    let mut i = incident();
    i.location.radius_m = -1.0;
    fails(i.validate(), "location.radius_m", "not a radius");
}

#[test]
fn sources_have_titles_web_addresses_and_protected_witnesses() {
    let mut source = Source {
        id: SourceId::new("src-1").unwrap(),
        kind: SourceKind::Media,
        title: "".into(),
        publisher: None,
        url: Some("ftp://example.org".into()),
        published_on: None,
        protected: false,
    };
    fails(source.validate(), "title", "may not be empty");
    fails(source.validate(), "url", "not an http(s) address");
    source.title = "Witness account".into();
    source.url = None;
    source.kind = SourceKind::Witness;
    fails(source.validate(), "protected", "always protected");
}

#[test]
fn areas_have_pcodes_and_are_not_their_own_parent() {
    let area = Area {
        id: AreaId::new("SY02").unwrap(),
        level: AreaLevel::Governorate,
        pcode: Some("SY-02".into()),
        name_en: "Aleppo".into(),
        name_ar: Some("حلب".into()),
        parent: Some(AreaId::new("SY02").unwrap()),
        boundary: None,
        source: None,
    };
    fails(area.validate(), "pcode", "'SY-02' is not a P-code");
    fails(area.validate(), "parent", "its own parent");
}

#[test]
fn a_ceasefire_has_parties_and_collapses_after_it_starts() {
    let ceasefire = Ceasefire {
        id: CeasefireId::new("cf-1").unwrap(),
        name: "Cessation of hostilities".into(),
        parties: vec![],
        areas: vec![],
        start: at(2016, 9, 12, 16),
        planned_end: None,
        collapsed_at: Some(at(2016, 9, 11, 0)),
        source: None,
    };
    fails(ceasefire.validate(), "parties", "at least one party");
    fails(ceasefire.validate(), "collapsed_at", "before the start");
}

#[test]
fn a_statement_says_something() {
    let statement = Statement {
        id: StatementId::new("stm-1").unwrap(),
        incident: IncidentId::new("inc-1").unwrap(),
        party: None,
        kind: StatementKind::Denial,
        made_on: day("2016-09-20"),
        summary: " ".into(),
        source: SourceId::new("src-1").unwrap(),
    };
    fails(statement.validate(), "summary", "may not be empty");
}

#[test]
fn digests_are_64_hex_digits() {
    assert!("abc"
        .parse::<Sha256>()
        .unwrap_err()
        .problem
        .contains("64 hex digits"));
}
