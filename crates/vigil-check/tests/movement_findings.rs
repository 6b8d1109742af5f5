//! `notified_movement`: the route widened by half its corridor, the window, the notification.

mod common;

use common::*;
use vigil_check::{FindingKind, Strength};
use vigil_domain::Target;

/// The route west of Aleppo towards Urum al-Kubra: two segments.
const ROUTE: [(f64, f64); 3] = [(37.02, 36.21), (36.95, 36.16), (36.88, 36.15)];

/// A convoy with a 400 m corridor on the road on 19 September 2016, notified to two parties.
fn convoy_world() -> World {
    let mut world = World::default();
    world.movements.push(movement(
        "c1",
        &ROUTE,
        400.0,
        "2016-09-19T06:00:00Z",
        "2016-09-19T20:00:00Z",
    ));
    world.notifications.push(notification(
        "nc1",
        1,
        of_movement("c1"),
        &["russia", "syria"],
        "2016-09-17T09:00:00Z",
        ("2016-09-19", Some("2016-09-19")),
    ));
    world
}

/// A point `off` metres to the side of the second segment's middle, found with the direct
/// problem (so its distance to the route is `off`).
fn beside_route(off: f64) -> (f64, f64) {
    use geographiclib_rs::{DirectGeodesic, Geodesic, InverseGeodesic};
    let g = Geodesic::wgs84();
    let (a, b) = (ROUTE[1], ROUTE[2]);
    let (length, azimuth, _, _): (f64, f64, f64, f64) = g.inverse(a.1, a.0, b.1, b.0);
    let (lat, lon, there): (f64, f64, f64) = g.direct(a.1, a.0, azimuth, length / 2.0);
    offset((lon, lat), there - 90.0, off)
}

fn strike(off: f64, radius: f64, instant: &str) -> vigil_domain::Incident {
    at_instant(
        incident("i1", beside_route(off), radius, "2016-09-19"),
        instant,
    )
}

#[test]
fn within_the_corridor_during_the_window_is_a_finding() {
    let mut world = convoy_world();
    // Reach = 50 + 400 / 2 = 250 m.
    world
        .incidents
        .push(strike(249.99, 50.0, "2016-09-19T17:30:00Z"));
    let findings = world.run();
    assert_eq!(findings.len(), 1);
    let f = &findings[0];
    assert_eq!(f.kind, FindingKind::NotifiedMovement);
    assert_eq!(f.strength, Strength::Consistent);
    assert_eq!(f.reach_m, Some(250.0));
    assert!((f.distance_m.unwrap() - 249.99).abs() < 1e-3);
    let n = f.notification.as_ref().unwrap();
    assert_eq!(n.days_before, 2);
    assert!(f
        .explanation
        .starts_with("c1 convoy (convoy), notified to russia, syria"));
    assert!(f.explanation.contains("inside its window"));

    world.incidents[0] = strike(250.01, 50.0, "2016-09-19T17:30:00Z");
    assert!(world.run().is_empty());
}

#[test]
fn outside_the_window_is_no_finding_unless_the_incident_names_the_movement() {
    let mut world = convoy_world();
    world
        .incidents
        .push(strike(10.0, 50.0, "2016-09-19T21:00:00Z"));
    assert!(world.run().is_empty());

    world.incidents[0]
        .targets
        .push(Target::Movement("c1".parse().unwrap()));
    let findings = world.run();
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].strength, Strength::Linked);
    assert!(findings[0].explanation.contains("outside its window"));
}

#[test]
fn a_named_movement_far_away_still_gives_a_finding_with_its_distance() {
    let mut world = convoy_world();
    let mut far = strike(8_000.0, 50.0, "2016-09-19T17:30:00Z");
    far.targets.push(Target::Movement("c1".parse().unwrap()));
    world.incidents.push(far);
    let findings = world.run();
    assert_eq!(findings.len(), 1);
    assert!((findings[0].distance_m.unwrap() - 8_000.0).abs() < 1e-3);
}

#[test]
fn no_notification_in_force_means_no_movement_finding() {
    let mut world = convoy_world();
    world.notifications[0].valid.to = Some(day("2016-09-18"));
    world.notifications[0].valid.from = day("2016-09-18");
    world
        .incidents
        .push(strike(10.0, 50.0, "2016-09-19T17:30:00Z"));
    assert!(world.run().is_empty());
}

#[test]
fn a_long_segment_is_found_from_its_middle() {
    // One 200 km segment: the index boxes pieces of it, not just its ends.
    let mut world = World::default();
    world.movements.push(movement(
        "long",
        &[(36.0, 34.0), (38.0, 35.0)],
        200.0,
        "2016-09-19T00:00:00Z",
        "2016-09-20T00:00:00Z",
    ));
    world.notifications.push(notification(
        "nl",
        1,
        of_movement("long"),
        &["russia"],
        "2016-09-01T00:00:00Z",
        ("2016-09-01", None),
    ));
    use geographiclib_rs::{DirectGeodesic, Geodesic, InverseGeodesic};
    let g = Geodesic::wgs84();
    let (length, azimuth, _, _): (f64, f64, f64, f64) = g.inverse(34.0, 36.0, 35.0, 38.0);
    let (lat, lon, there): (f64, f64, f64) = g.direct(34.0, 36.0, azimuth, length * 0.47);
    let near = offset((lon, lat), there + 90.0, 80.0);
    world.incidents.push(at_instant(
        incident("i1", near, 0.0, "2016-09-19"),
        "2016-09-19T12:00:00Z",
    ));
    let findings = world.run();
    assert_eq!(findings.len(), 1);
    assert!((findings[0].distance_m.unwrap() - 80.0).abs() < 1e-3);
}
