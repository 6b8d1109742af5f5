//! Vigil's cross-check engine: given the register (sites, movements, every version of every
//! notification, acknowledgements), the incidents, ceasefires and areas, it computes
//! [`Finding`]s — a notified site within reach of an attack while its notification was in force,
//! an unnotified protected site hit, a site hit again, an attack inside a ceasefire, two reports
//! that are probably one event. DESIGN.md, "Cross-check semantics", is the specification.
//!
//! The engine does no I/O and holds no state: [`check`] takes plain slices and returns findings
//! sorted by (incident, kind, subject, notification, site), so the same input always gives the
//! same output whatever order it came in.
//!
//! Layout, one concern per module:
//! - [`input`]: what the engine reads ([`Input`]) and its thresholds ([`Options`]), each with
//!   the reason for its default;
//! - [`finding`]: what it writes;
//! - [`geodesic`]: WGS84 distances (Karney's algorithm, as PostGIS geography uses), point to
//!   point and point to a route;
//! - `search_box` and `index`: conservative lon/lat boxes and the R-trees that turn "which
//!   sites could be within reach" into a lookup instead of a scan;
//! - `areas`: area ancestry (is this area inside that one);
//! - `notices`: which notification version applies to an incident, whether it was in force,
//!   and who had acknowledged it;
//! - `reach`: the reach test and the strength of a match;
//! - `rules`: one file per finding kind;
//! - `explain`: the one-line explanations;
//! - `context`: the indexes built once per run and shared by the rules.
#![forbid(unsafe_code)]

mod areas;
mod context;
mod explain;
pub mod finding;
pub mod geodesic;
mod index;
pub mod input;
mod notices;
mod reach;
mod rules;
mod search_box;

pub use finding::{Finding, FindingKind, NotificationFact, Strength, Subject};
pub use input::{Input, Options};

use context::Context;
use rayon::prelude::*;

/// Every finding the input supports, in a stable order.
///
/// Nothing is merged or changed: duplicate candidates are only pointed out.
pub fn check(input: &Input<'_>, options: &Options) -> Vec<Finding> {
    let ctx = Context::new(input, options);
    // Each incident is checked on its own against the shared indexes, so incidents are spread
    // over the cores; the order they finish in does not matter because everything is sorted
    // at the end. Site-level matches are kept for the repeat-attack rule, which needs every
    // incident's matches before it can order them per site.
    let (mut findings, site_matches) = input
        .incidents
        .par_iter()
        .enumerate()
        .fold(
            || (Vec::new(), Vec::new()),
            |(mut findings, mut site_matches), (index, incident)| {
                let hits = reach::site_hits(&ctx, incident);
                rules::sites::findings(&ctx, incident, &hits, &mut findings);
                rules::repeat::collect(index, incident, &hits, &mut site_matches);
                rules::movements::findings(&ctx, incident, &mut findings);
                rules::ceasefire::findings(&ctx, incident, &mut findings);
                (findings, site_matches)
            },
        )
        .reduce(
            || (Vec::new(), Vec::new()),
            |(mut findings, mut site_matches), (more_findings, more_matches)| {
                findings.extend(more_findings);
                site_matches.extend(more_matches);
                (findings, site_matches)
            },
        );
    rules::repeat::findings(&ctx, site_matches, &mut findings);
    rules::duplicates::findings(&ctx, &mut findings);
    rules::order::sort(&mut findings);
    findings
}
