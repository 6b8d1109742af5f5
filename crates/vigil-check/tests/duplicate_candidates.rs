//! `duplicate_candidate`: one event reported by several sources, never merged.

mod common;

use common::*;
use vigil_check::{FindingKind, Subject};
use vigil_domain::{CasualtyGroup, IncidentKind};

/// Two barrel-bomb reports 412 m apart on the same day, from two sources.
fn two_reports() -> World {
    let mut world = World::default();
    let mut a = incident("sams-17", ALEPPO, 100.0, "2016-09-28");
    a.kind = IncidentKind::BarrelBomb;
    a.casualties.push(killed(CasualtyGroup::People, 8, 10, 12));
    let mut b = incident("acled-9", offset(ALEPPO, 45.0, 412.0), 250.0, "2016-09-28");
    b.kind = IncidentKind::BarrelBomb;
    b.casualties.push(killed(CasualtyGroup::People, 11, 14, 20));
    world.incidents = vec![a, b];
    world.sourced("sams-17", &["sams"]);
    world.sourced("acled-9", &["acled"]);
    world
}

#[test]
fn two_sources_reporting_one_event_give_one_candidate_on_the_later_id() {
    let findings = two_reports().run();
    assert_eq!(findings.len(), 1);
    let f = &findings[0];
    assert_eq!(f.kind, FindingKind::DuplicateCandidate);
    // "sams-17" > "acled-9": the finding is on sams-17, against acled-9.
    assert_eq!(f.incident.as_str(), "sams-17");
    assert_eq!(f.subject, Subject::Incident("acled-9".parse().unwrap()));
    assert_eq!(f.reach_m, Some(1_350.0));
    assert!((f.distance_m.unwrap() - 412.0).abs() < 1e-6);
    assert_eq!(
        f.reasons,
        [
            "412 m apart",
            "same day",
            "both barrel_bomb",
            "killed ranges overlap",
            "no source in common"
        ]
    );
    let score = f.score.unwrap();
    assert!(score > 0.5 && score <= 1.0, "{score}");
    assert!(f
        .explanation
        .starts_with("A barrel bomb on 2016-09-28 is possibly the same event"));
}

#[test]
fn a_shared_source_is_not_a_duplicate() {
    let mut world = two_reports();
    world.sourced("acled-9", &["acled", "sams"]);
    assert!(world.run().is_empty());
}

#[test]
fn disjoint_casualty_ranges_are_not_a_duplicate() {
    let mut world = two_reports();
    world.incidents[1].casualties[0] = killed(CasualtyGroup::People, 40, 45, 60);
    assert!(world.run().is_empty());
    // Figures for different groups do not contradict each other.
    world.incidents[1].casualties[0] = killed(CasualtyGroup::Children, 40, 45, 60);
    assert_eq!(world.run().len(), 1);
}

#[test]
fn incompatible_kinds_are_not_a_duplicate_but_unknown_is_compatible() {
    let mut world = two_reports();
    world.incidents[1].kind = IncidentKind::Looting;
    assert!(world.run().is_empty());
    world.incidents[1].kind = IncidentKind::Unknown;
    assert_eq!(world.run().len(), 1);
    world.incidents[1].kind = IncidentKind::Airstrike;
    let findings = world.run();
    assert!(findings[0]
        .reasons
        .contains(&"barrel_bomb and airstrike, both explosive_weapons".to_string()));
}

#[test]
fn too_far_apart_in_place_or_time_is_not_a_duplicate() {
    // Limit: 100 + 250 + 1 000 m.
    let mut world = two_reports();
    world.incidents[1].location = location(offset(ALEPPO, 45.0, 1_350.5), 250.0);
    assert!(world.run().is_empty());
    world.incidents[1].location = location(offset(ALEPPO, 45.0, 1_349.5), 250.0);
    assert_eq!(world.run().len(), 1);

    // The next day is within a day; two days later is not.
    let mut world = two_reports();
    world.incidents[1].when =
        vigil_domain::TimeSpan::days(day("2016-09-29"), day("2016-09-29")).unwrap();
    let findings = world.run();
    assert_eq!(findings.len(), 1);
    // One ends at 23:59:59, the other starts at midnight.
    assert_eq!(findings[0].reasons[1], "within an hour of each other");
    world.incidents[1].when =
        vigil_domain::TimeSpan::days(day("2016-09-30"), day("2016-09-30")).unwrap();
    assert!(world.run().is_empty());
}

#[test]
fn incidents_without_known_sources_can_pair() {
    let mut world = two_reports();
    world.incident_sources.clear();
    assert_eq!(world.run().len(), 1);
}
