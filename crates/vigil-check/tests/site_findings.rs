//! `notified_site` and `unnotified_site`: reach, strength, and which notification is in force.

mod common;

use common::*;
use vigil_check::{FindingKind, Strength, Subject};
use vigil_domain::{GeoPrecision, Location};

/// A site 60 m across and an incident within 250 m: reach 310 m.
fn pair_at(distance_m: f64) -> World {
    let mut world = World::default();
    world.sites.push(site("m10", ALEPPO, 60.0));
    world.incidents.push(incident(
        "i1",
        offset(ALEPPO, 37.0, distance_m),
        250.0,
        "2016-09-28",
    ));
    world
}

#[test]
fn just_inside_the_reach_is_a_finding_and_just_outside_is_not() {
    let inside = pair_at(309.99).run();
    assert_eq!(inside.len(), 1);
    let f = &inside[0];
    assert_eq!(f.kind, FindingKind::UnnotifiedSite);
    assert_eq!(f.strength, Strength::Consistent);
    assert_eq!(f.subject, Subject::Site("m10".parse().unwrap()));
    assert!((f.distance_m.unwrap() - 309.99).abs() < 1e-6);
    assert_eq!(f.reach_m, Some(310.0));

    assert!(pair_at(310.01).run().is_empty());
}

#[test]
fn strength_follows_the_reach_and_the_precision() {
    // Reach 1 000 m exactly is consistent; 1 001 m is possible.
    let mut world = pair_at(100.0);
    world.sites[0].location.radius_m = 750.0;
    assert_eq!(world.run()[0].strength, Strength::Consistent);
    world.sites[0].location.radius_m = 751.0;
    assert_eq!(world.run()[0].strength, Strength::Possible);

    // Reach over 10 km is area level, even at a fine precision.
    let here = world.incidents[0].location.point.unwrap();
    world.incidents[0].location = location((here.lon(), here.lat()), 9_950.0);
    assert_eq!(world.run()[0].strength, Strength::AreaLevel);

    // A district-precision incident is area level whatever the reach.
    let mut world = pair_at(100.0);
    world.incidents[0].location.precision = GeoPrecision::District;
    assert_eq!(world.run()[0].strength, Strength::AreaLevel);
}

#[test]
fn a_named_site_is_linked_even_out_of_reach() {
    let mut world = pair_at(5_000.0);
    world.incidents[0] = targeting_site(world.incidents[0].clone(), "m10");
    let findings = world.run();
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].strength, Strength::Linked);
    assert!((findings[0].distance_m.unwrap() - 5_000.0).abs() < 1e-6);
    assert!(findings[0].explanation.contains("beyond reach"));
}

#[test]
fn area_level_matches_require_the_site_inside_the_incidents_area() {
    let mut world = World {
        areas: vec![
            area("aleppo", None),
            area("jebel-semaan", Some("aleppo")),
            area("sakhour", Some("jebel-semaan")),
            area("idlib", None),
        ],
        ..World::default()
    };
    let mut inside = site("m10", ALEPPO, 60.0);
    inside.area = Some("sakhour".parse().unwrap());
    let mut outside = site("bab-al-hawa", offset(ALEPPO, 270.0, 20_000.0), 60.0);
    outside.area = Some("idlib".parse().unwrap());
    let mut unplaced = site("no-area", offset(ALEPPO, 90.0, 20_000.0), 60.0);
    unplaced.area = None;
    world.sites = vec![inside, outside, unplaced];
    let mut district = incident("i1", ALEPPO, 30_000.0, "2016-09-28");
    district.location =
        Location::with_precision(district.location.point.unwrap(), GeoPrecision::District);
    district.area = Some("jebel-semaan".parse().unwrap());
    world.incidents.push(district);

    let findings = world.run();
    let sites: Vec<&str> = findings.iter().map(|f| f.subject.id()).collect();
    // Inside the area by its parent chain, or with no area to compare: reach decides.
    assert_eq!(sites, ["m10", "no-area"]);
    assert!(findings.iter().all(|f| f.strength == Strength::AreaLevel));
    assert_eq!(findings[0].area, Some("jebel-semaan".parse().unwrap()));
    assert!(findings[0].explanation.contains("jebel-semaan area"));
}

/// One hospital notified to three parties, an incident 180 m away on 2016-09-28.
fn notified_world() -> World {
    let mut world = pair_at(180.0);
    world.notifications.push(notification(
        "n1",
        1,
        of_site("m10"),
        &["russia", "turkey", "usa"],
        "2016-09-06T10:00:00Z",
        ("2016-09-06", Some("2016-12-31")),
    ));
    world
}

#[test]
fn a_notification_in_force_gives_a_notified_site_with_its_facts() {
    let mut world = notified_world();
    world.acknowledgements = vec![
        ack("n1", 1, "russia", "2016-09-07T08:00:00Z"),
        // After the incident began: does not count.
        ack("n1", 1, "usa", "2016-09-28T09:00:00Z"),
    ];
    let findings = world.run();
    assert_eq!(findings.len(), 1);
    let f = &findings[0];
    assert_eq!(f.kind, FindingKind::NotifiedSite);
    let n = f.notification.as_ref().unwrap();
    assert_eq!(n.id.as_str(), "n1");
    assert!(n.sent_before);
    // 2016-09-06 10:00 to 2016-09-28 00:00 is 21 whole days (and 14 hours).
    assert_eq!(n.days_before, 21);
    assert_eq!(
        n.acknowledged_by,
        vec![(party("russia"), t("2016-09-07T08:00:00Z"))]
    );
    assert_eq!(n.not_acknowledged_by, vec![party("turkey"), party("usa")]);
    assert_eq!(
        f.explanation,
        "m10 hospital (hospital), notified to russia, turkey, usa 21 days before \
         (notification n1 v1, acknowledged by russia; not by turkey, usa), \
         180 m from an airstrike on 2016-09-28 (reach 310 m, consistent)"
    );
}

#[test]
fn an_expired_notification_leaves_the_site_unnotified() {
    let mut world = notified_world();
    world.notifications[0].valid.to = Some(day("2016-09-27"));
    let findings = world.run();
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].kind, FindingKind::UnnotifiedSite);
    assert!(findings[0].explanation.contains("no notification in force"));

    // Valid to the day of the incident (both days included): in force.
    world.notifications[0].valid.to = Some(day("2016-09-28"));
    assert_eq!(world.run()[0].kind, FindingKind::NotifiedSite);
}

#[test]
fn a_notification_withdrawn_before_the_incident_is_not_in_force() {
    let mut world = notified_world();
    world.notifications[0].withdrawn_at = Some(t("2016-09-27T23:59:59Z"));
    assert_eq!(world.run()[0].kind, FindingKind::UnnotifiedSite);
    // Withdrawn during the incident's day: it was in force when the day began.
    world.notifications[0].withdrawn_at = Some(t("2016-09-28T12:00:00Z"));
    assert_eq!(world.run()[0].kind, FindingKind::NotifiedSite);
}

#[test]
fn a_notification_sent_after_the_incident_does_not_count_and_one_sent_during_it_does() {
    let mut world = notified_world();
    world.notifications[0].sent_at = t("2016-09-29T08:00:00Z");
    assert_eq!(world.run()[0].kind, FindingKind::UnnotifiedSite);

    world.notifications[0].sent_at = t("2016-09-28T15:00:00Z");
    let findings = world.run();
    let n = findings[0].notification.as_ref().unwrap();
    assert!(!n.sent_before);
    assert_eq!(n.days_before, 0);
    assert!(findings[0].explanation.contains("only after it began"));
}

#[test]
fn the_latest_version_sent_by_the_end_of_the_incident_applies() {
    let mut world = notified_world();
    // v2 shortens the window so it no longer covers the incident; v3 comes too late to count.
    let mut v2 = world.notifications[0].clone();
    v2.version = 2;
    v2.sent_at = t("2016-09-20T10:00:00Z");
    v2.valid.to = Some(day("2016-09-25"));
    let mut v3 = world.notifications[0].clone();
    v3.version = 3;
    v3.sent_at = t("2016-09-30T10:00:00Z");
    world.notifications.extend([v2.clone(), v3]);
    assert_eq!(world.run()[0].kind, FindingKind::UnnotifiedSite);

    // With v2 covering the incident, the finding rests on v2 and its own acknowledgements.
    world.notifications[1].valid.to = None;
    world.acknowledgements = vec![
        ack("n1", 1, "russia", "2016-09-07T08:00:00Z"),
        ack("n1", 2, "turkey", "2016-09-21T08:00:00Z"),
    ];
    let findings = world.run();
    let n = findings[0].notification.as_ref().unwrap();
    assert_eq!(n.version, 2);
    assert_eq!(n.days_before, 7);
    assert_eq!(
        n.acknowledged_by,
        vec![(party("turkey"), t("2016-09-21T08:00:00Z"))]
    );
    assert_eq!(n.not_acknowledged_by, vec![party("russia"), party("usa")]);
}

#[test]
fn acknowledgements_are_ordered_by_time_and_counted_up_to_the_start() {
    let mut world = notified_world();
    world.acknowledgements = vec![
        ack("n1", 1, "usa", "2016-09-10T08:00:00Z"),
        ack("n1", 1, "russia", "2016-09-07T08:00:00Z"),
        // Exactly at the start of the span: counts.
        ack("n1", 1, "turkey", "2016-09-28T00:00:00Z"),
    ];
    let findings = world.run();
    let n = findings[0].notification.as_ref().unwrap();
    let parties: Vec<&str> = n.acknowledged_by.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(parties, ["russia", "usa", "turkey"]);
    assert!(n.not_acknowledged_by.is_empty());
}

#[test]
fn two_notifications_in_force_give_two_findings() {
    let mut world = notified_world();
    world.notifications.push(notification(
        "n0",
        1,
        of_site("m10"),
        &["syria"],
        "2016-08-01T10:00:00Z",
        ("2016-08-01", None),
    ));
    let findings = world.run();
    let ids: Vec<&str> = findings
        .iter()
        .map(|f| f.notification.as_ref().unwrap().id.as_str())
        .collect();
    assert_eq!(ids, ["n0", "n1"]);
}

#[test]
fn reach_across_the_antimeridian_is_found() {
    let mut world = World::default();
    world
        .sites
        .push(site("suva-clinic", (179.9995, -16.5), 20.0));
    // 150 m east of the site, across ±180°.
    world.incidents.push(incident(
        "i1",
        offset((179.9995, -16.5), 90.0, 150.0),
        200.0,
        "2020-01-01",
    ));
    assert!(world.incidents[0].location.point.unwrap().lon() < 0.0);
    let findings = world.run();
    assert_eq!(findings.len(), 1);
    assert!((findings[0].distance_m.unwrap() - 150.0).abs() < 1e-6);
}
