//! `repeat_attack`: the same site hit again, and strikes that return within hours.

mod common;

use common::*;
use vigil_check::{FindingKind, Strength, Subject};
use vigil_domain::{GeoPrecision, Location};

fn world_with_strikes(strikes: &[(&str, &str, f64)]) -> World {
    let mut world = World::default();
    world.sites.push(site("m10", ALEPPO, 60.0));
    for &(id, instant, distance) in strikes {
        world.incidents.push(at_instant(
            incident(id, offset(ALEPPO, 10.0, distance), 100.0, "2016-09-28"),
            instant,
        ));
    }
    world
}

#[test]
fn each_later_strike_points_at_the_one_before() {
    let world = world_with_strikes(&[
        ("i3", "2016-10-01T09:00:00Z", 50.0),
        ("i1", "2016-09-28T04:10:00Z", 20.0),
        ("i2", "2016-09-28T07:30:00Z", 120.0),
    ]);
    let findings = world.run();
    let repeats = of_kind(&findings, FindingKind::RepeatAttack);
    assert_eq!(repeats.len(), 2);

    let second = repeats[0];
    assert_eq!(second.incident.as_str(), "i2");
    assert_eq!(second.subject, Subject::Incident("i1".parse().unwrap()));
    assert_eq!(second.site, Some("m10".parse().unwrap()));
    assert_eq!(second.interval_s, Some(3 * 3600 + 20 * 60));
    assert!(second.returned_within_hours);
    assert!((second.distance_m.unwrap() - 100.0).abs() < 1e-6);
    assert_eq!(second.strength, Strength::Consistent);
    assert!(second.explanation.contains("came 3 h 20 min after"));
    assert!(second.explanation.contains("a return within 12 h"));

    let third = repeats[1];
    assert_eq!(third.incident.as_str(), "i3");
    assert_eq!(third.subject, Subject::Incident("i2".parse().unwrap()));
    assert!(!third.returned_within_hours);
}

#[test]
fn the_return_threshold_is_inclusive_and_configurable() {
    let world = world_with_strikes(&[
        ("i1", "2016-09-28T00:00:00Z", 0.0),
        ("i2", "2016-09-28T12:00:00Z", 0.0),
    ]);
    let findings = world.run();
    assert!(of_kind(&findings, FindingKind::RepeatAttack)[0].returned_within_hours);
    let options = vigil_check::Options {
        return_within_hours: 6,
        ..Default::default()
    };
    let findings = world.run_with(&options);
    assert!(!of_kind(&findings, FindingKind::RepeatAttack)[0].returned_within_hours);
}

#[test]
fn the_repeat_is_as_strong_as_the_weaker_match() {
    let mut world = world_with_strikes(&[
        ("i1", "2016-09-28T04:00:00Z", 0.0),
        ("i2", "2016-09-28T05:00:00Z", 0.0),
    ]);
    world.incidents[0] = targeting_site(world.incidents[0].clone(), "m10");
    // Reach 60 + 2 000 m: possible.
    world.incidents[1].location.radius_m = 2_000.0;
    world.incidents[1].location.precision = GeoPrecision::WithinMeters(2_000);
    let findings = world.run();
    assert_eq!(
        of_kind(&findings, FindingKind::RepeatAttack)[0].strength,
        Strength::Possible
    );
}

#[test]
fn area_level_matches_do_not_make_repeats_and_ties_go_by_id() {
    let mut world = world_with_strikes(&[
        ("b", "2016-09-28T04:00:00Z", 0.0),
        ("a", "2016-09-28T04:00:00Z", 0.0),
        ("c", "2016-09-28T05:00:00Z", 0.0),
    ]);
    let c = &mut world.incidents[2];
    c.location = Location::with_precision(c.location.point.unwrap(), GeoPrecision::District);
    let findings = world.run();
    let repeats = of_kind(&findings, FindingKind::RepeatAttack);
    assert_eq!(repeats.len(), 1);
    assert_eq!(repeats[0].incident.as_str(), "b");
    assert_eq!(repeats[0].subject.id(), "a");
    assert_eq!(repeats[0].interval_s, Some(0));
}

#[test]
fn two_sites_hit_by_the_same_pair_give_two_findings() {
    let mut world = world_with_strikes(&[
        ("i1", "2016-09-28T04:00:00Z", 0.0),
        ("i2", "2016-09-28T05:00:00Z", 0.0),
    ]);
    world
        .sites
        .push(site("m2", offset(ALEPPO, 180.0, 80.0), 30.0));
    let findings = world.run();
    let sites: Vec<&str> = of_kind(&findings, FindingKind::RepeatAttack)
        .iter()
        .map(|f| f.site.as_ref().unwrap().as_str())
        .collect();
    assert_eq!(sites, ["m10", "m2"]);
}
