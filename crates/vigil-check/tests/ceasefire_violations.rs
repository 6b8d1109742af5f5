//! `ceasefire_violation`: inside a ceasefire's area and period, and which parties it names.

mod common;

use common::*;
use vigil_check::{FindingKind, Strength, Subject};

/// The September 2016 cessation of hostilities over Aleppo governorate, collapsed on the 19th.
fn truce_world() -> World {
    let mut world = World {
        areas: vec![
            area("SY02", None),
            area("SY0200", Some("SY02")),
            area("SY020000", Some("SY0200")),
            area("SY07", None),
        ],
        ..World::default()
    };
    world.ceasefires.push(ceasefire(
        "coh-2016",
        &["russia", "usa", "syria"],
        &["SY02"],
        "2016-09-12T16:00:00Z",
        Some("2016-09-19T16:00:00Z"),
    ));
    world
}

fn strike_in(area_id: Option<&str>, on: &str, parties: &[&str]) -> vigil_domain::Incident {
    let mut i = attributed(incident("i1", ALEPPO, 100.0, on), parties);
    i.area = area_id.map(|a| a.parse().unwrap());
    i
}

#[test]
fn an_incident_in_a_sub_area_during_the_truce_is_a_violation_naming_the_parties() {
    let mut world = truce_world();
    world.incidents.push(strike_in(
        Some("SY020000"),
        "2016-09-15",
        &["isis", "syria", "russia"],
    ));
    let findings = world.run();
    assert_eq!(findings.len(), 1);
    let f = &findings[0];
    assert_eq!(f.kind, FindingKind::CeasefireViolation);
    assert_eq!(f.strength, Strength::Consistent);
    assert_eq!(f.subject, Subject::Ceasefire("coh-2016".parse().unwrap()));
    // The incident's attributed parties that are party to it, in the incident's order.
    assert_eq!(f.parties, vec![party("syria"), party("russia")]);
    assert_eq!(f.area, Some("SY02".parse().unwrap()));
    assert_eq!(
        f.explanation,
        "an airstrike on 2016-09-15 in SY02 area (SY02) during the ceasefire 'coh-2016 truce' \
         (from 2016-09-12 16:00 UTC, collapsed 2016-09-19 16:00 UTC), attributed to syria, \
         russia, party to it"
    );
}

#[test]
fn outside_the_area_or_the_period_is_no_violation() {
    let mut world = truce_world();
    world
        .incidents
        .push(strike_in(Some("SY07"), "2016-09-15", &["russia"]));
    assert!(world.run().is_empty());

    world.incidents[0] = strike_in(Some("SY0200"), "2016-09-20", &["russia"]);
    assert!(world.run().is_empty());

    // The day of the collapse overlaps the period (it held until 16:00).
    world.incidents[0] = strike_in(Some("SY0200"), "2016-09-19", &["russia"]);
    assert_eq!(world.run().len(), 1);
}

#[test]
fn an_incident_without_an_area_is_not_placed_in_an_areal_ceasefire() {
    let mut world = truce_world();
    world
        .incidents
        .push(strike_in(None, "2016-09-15", &["russia"]));
    assert!(world.run().is_empty());
}

#[test]
fn a_ceasefire_without_areas_covers_everywhere_and_may_name_no_party() {
    let mut world = truce_world();
    world.ceasefires[0].areas.clear();
    world
        .incidents
        .push(strike_in(None, "2016-09-15", &["unknown-group"]));
    let findings = world.run();
    assert_eq!(findings.len(), 1);
    assert!(findings[0].parties.is_empty());
    assert_eq!(findings[0].area, None);
    assert!(findings[0]
        .explanation
        .contains("attributed to no party to it"));
}
