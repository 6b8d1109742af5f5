//! A timing run at a scale near the target (1 000 000 incidents × 100 000 sites), ignored by
//! default: `cargo test --release -p vigil-check --test scale -- --ignored --nocapture`.

mod common;

use common::*;
use std::time::Instant;

#[test]
#[ignore = "takes a while; run by hand in release mode"]
fn many_incidents_against_many_sites() {
    let (n_sites, n_incidents) = (100_000, 1_000_000);
    // Spread over Syria (about 35.5–42 E, 32.5–37.3 N), on a deterministic scatter.
    let spot = |i: usize, salt: f64| {
        let u = ((i as f64 + salt) * 0.618_033_988_749_895).fract();
        let v = ((i as f64 + salt) * 0.754_877_666_246_692_7).fract();
        (35.5 + 6.5 * u, 32.5 + 4.8 * v)
    };
    let mut world = World::default();
    for i in 0..n_sites {
        world.sites.push(site(&format!("s{i}"), spot(i, 0.5), 50.0));
    }
    for i in 0..n_incidents {
        let radius = [50.0, 250.0, 1_000.0][i % 3];
        let on = format!("2016-{:02}-{:02}", 1 + i % 12, 1 + i % 28);
        world
            .incidents
            .push(incident(&format!("i{i}"), spot(i, 0.25), radius, &on));
    }
    let started = Instant::now();
    let findings = world.run();
    eprintln!(
        "{n_incidents} incidents × {n_sites} sites: {} findings in {:.1?}",
        findings.len(),
        started.elapsed()
    );
}
