//! How long the geodesic distances alone take for as many pairs as the 1M × 100k cross-check
//! benchmark finds within reach (6,886,877, bench/check/README.md): a floor under any
//! cross-check that states each pair's exact WGS84 distance. Prints figures; asserts nothing.
//!
//! `cargo bench -p vigil-check --bench geodesic_floor`

use rayon::prelude::*;
use std::hint::black_box;
use std::time::Instant;
use vigil_check::geodesic::distance_m;
use vigil_domain::Point;

const PAIRS: usize = 6_886_877;

/// Pairs a few kilometres apart around Aleppo, from a fixed linear congruential sequence.
fn pairs() -> Vec<(Point, Point)> {
    let mut x: u64 = 42;
    let mut next = move || {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (x >> 11) as f64 / (1u64 << 53) as f64
    };
    (0..PAIRS)
        .map(|_| {
            let mut point = || {
                Point::new(37.10 + 0.05 * next(), 36.18 + 0.05 * next())
                    .expect("a point near Aleppo")
            };
            (point(), point())
        })
        .collect()
}

fn main() {
    let pairs = pairs();
    let started = Instant::now();
    let sum: f64 = pairs.iter().map(|(a, b)| distance_m(*a, *b)).sum();
    let one = started.elapsed().as_secs_f64();
    black_box(sum);
    let started = Instant::now();
    let sum: f64 = pairs.par_iter().map(|(a, b)| distance_m(*a, *b)).sum();
    let all = started.elapsed().as_secs_f64();
    black_box(sum);
    println!(
        "{PAIRS} geodesic distances: one thread {one:.3} s ({:.0} ns each); {} threads {all:.3} s",
        one * 1e9 / PAIRS as f64,
        rayon::current_num_threads()
    );
}
