//! What every rule shares: the input, the options, and the indexes built once per run.

use crate::areas::AreaTree;
use crate::geodesic::{distance_m, wgs84};
use crate::index::BoxIndex;
use crate::input::{Input, Options};
use crate::notices::Notices;
use geographiclib_rs::{DirectGeodesic, InverseGeodesic};
use std::collections::HashMap;
use vigil_domain::{Movement, MovementId, Point, Site, SiteId};

/// Longest piece a route segment is cut into for indexing. A segment's box is built from
/// discs around its pieces' ends (radius half a piece plus half the corridor), so shorter
/// pieces give tighter boxes; 5 km keeps a 300 km convoy route to 60 small entries.
const ROUTE_PIECE_M: f64 = 5_000.0;

pub(crate) struct Context<'a> {
    pub input: &'a Input<'a>,
    pub options: &'a Options,
    pub areas: AreaTree<'a>,
    pub notices: Notices<'a>,
    /// Sites by their own radius, so a big site footprint widens only its own entry.
    pub sites: BoxIndex,
    pub site_by_id: HashMap<&'a SiteId, usize>,
    /// Movements by route pieces widened by half the corridor.
    pub movements: BoxIndex,
    pub movement_by_id: HashMap<&'a MovementId, usize>,
}

impl<'a> Context<'a> {
    pub(crate) fn new(input: &'a Input<'a>, options: &'a Options) -> Self {
        Self {
            input,
            options,
            areas: AreaTree::new(input.areas),
            notices: Notices::new(input.notifications, input.acknowledgements),
            sites: BoxIndex::of_discs(
                input
                    .sites
                    .iter()
                    .enumerate()
                    // A site always has a point (validated); one without would have no place.
                    .filter_map(|(i, s)| Some((i, s.location.point?, s.location.radius_m))),
            ),
            site_by_id: first_index_by(input.sites, |s: &Site| &s.id),
            movements: BoxIndex::of_discs(
                input
                    .movements
                    .iter()
                    .enumerate()
                    .flat_map(|(i, m)| route_discs(m).into_iter().map(move |(p, r)| (i, p, r))),
            ),
            movement_by_id: first_index_by(input.movements, |m: &Movement| &m.id),
        }
    }
}

/// Position of each id's first record (ids are unique in valid input; keeping the first makes
/// invalid input deterministic too).
fn first_index_by<'a, T, K: Eq + std::hash::Hash>(
    items: &'a [T],
    key: impl Fn(&'a T) -> &'a K,
) -> HashMap<&'a K, usize> {
    let mut map = HashMap::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        map.entry(key(item)).or_insert(i);
    }
    map
}

/// Discs that together cover a movement's corridor: every point of a geodesic piece of
/// length `l` is within `l/2` of one of its ends, so discs of radius `l/2 + width/2` around
/// the ends of every piece cover the route widened by half its corridor.
fn route_discs(m: &Movement) -> Vec<(Point, f64)> {
    let half_width = m.corridor_width_m.max(0.0) / 2.0;
    let mut discs = Vec::new();
    if m.route.len() == 1 {
        discs.push((m.route[0], half_width));
    }
    for pair in m.route.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let (length, azimuth, _, _): (f64, f64, f64, f64) =
            wgs84().inverse(a.lat(), a.lon(), b.lat(), b.lon());
        let pieces = (length / ROUTE_PIECE_M).ceil().max(1.0);
        let piece = length / pieces;
        let mut start = a;
        for k in 1..=(pieces as usize) {
            let end = if k == pieces as usize {
                b
            } else {
                let (lat, lon): (f64, f64) =
                    wgs84().direct(a.lat(), a.lon(), azimuth, piece * k as f64);
                Point::new(lon, lat).unwrap_or(b)
            };
            // The true piece length, in case the direct problem rounds differently.
            let radius = distance_m(start, end) / 2.0 + half_width;
            discs.push((start, radius));
            discs.push((end, radius));
            start = end;
        }
    }
    discs
}
