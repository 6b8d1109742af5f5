//! Vigil's cross-check engine: given the register (sites, movements, every version of every
//! notification, acknowledgements), the incidents, ceasefires and areas, it computes
//! [`Finding`]s — a notified site within reach of an attack while its notification was in force,
//! an unnotified protected site hit, a site hit again, an attack inside a ceasefire, two reports
//! that are probably one event. DESIGN.md, "Cross-check semantics", is the specification.
//!
//! The engine does no I/O and holds no state: [`check`] takes plain slices and returns findings
//! sorted by (incident, kind, subject, notification, site), so the same input always gives the
//! same output whatever order it came in. [`check_each`] gives the same findings in the same
//! order a batch of incidents at a time, so a run over a million incidents never holds all
//! their findings (tens of millions) at once.
//!
//! An incident known only to a district, governorate or country, with no point (a data set's
//! country-level row), has no distance to anything: it gives no site, movement, repeat or
//! duplicate finding, only the area-based ceasefire finding.
//!
//! Layout, one concern per module:
//! - [`input`]: what the engine reads ([`Input`]) and its thresholds ([`Options`]), each with
//!   the reason for its default;
//! - [`finding`] (from `vigil-domain`): what it writes;
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
//! - `context`: the indexes built once per run and shared by the rules;
//! - `hits`: every incident's site hits, computed once per run, compactly.
#![forbid(unsafe_code)]

mod areas;
mod context;
mod explain;
pub mod geodesic;
mod hits;
mod index;
pub mod input;
mod notices;
mod reach;
mod rules;
mod search_box;

pub use input::{Input, Options};
/// The findings' types live with the other domain types (they are stored); re-exported so the
/// engine's users need one import.
pub use vigil_domain::finding;
pub use vigil_domain::finding::{Finding, FindingKind, NotificationFact, Strength, Subject};

use context::Context;
use hits::AllHits;
use rayon::prelude::*;
use rules::duplicates::DuplicateIndex;
use rules::repeat::Repeats;

/// Incidents whose findings are made together and handed to the sink of [`check_each`] at
/// once: enough to keep both cores busy, few enough that their findings (about ten per
/// incident in a dense city) stay in the tens of megabytes.
pub const BATCH: usize = 8192;

/// Every finding the input supports, in a stable order.
///
/// Nothing is merged or changed: duplicate candidates are only pointed out.
pub fn check(input: &Input<'_>, options: &Options) -> Vec<Finding> {
    let mut all = Vec::new();
    let done: Result<(), std::convert::Infallible> = check_each(input, options, |batch| {
        all.extend(batch);
        Ok(())
    });
    match done {
        Ok(()) => all,
        Err(never) => match never {},
    }
}

/// The findings of [`check`], in the same order, handed to `sink` a batch at a time (the
/// findings of up to [`BATCH`] incidents, by incident id). An error from the sink stops the
/// run and is returned.
pub fn check_each<E>(
    input: &Input<'_>,
    options: &Options,
    mut sink: impl FnMut(Vec<Finding>) -> Result<(), E>,
) -> Result<(), E> {
    let ctx = Context::new(input, options);
    // Findings come out by incident id, so incidents are taken in that order (a stable sort:
    // invalid input with a repeated id keeps its input order).
    let mut order: Vec<usize> = (0..input.incidents.len()).collect();
    order.par_sort_by(|&a, &b| input.incidents[a].id.cmp(&input.incidents[b].id));

    // The repeat rule orders each site's hits over all incidents, so every incident's hits
    // are found first; the other rules then work one incident at a time.
    let hits = AllHits::compute(&ctx, &order);
    let repeats = Repeats::compute(&ctx, &order, &hits);
    let duplicates = DuplicateIndex::new(&ctx, &order);

    for first in (0..order.len()).step_by(BATCH) {
        let last = (first + BATCH).min(order.len());
        let per_incident: Vec<Vec<Finding>> = (first..last)
            .into_par_iter()
            .map(|k| {
                let incident = &input.incidents[order[k]];
                let mut out = Vec::new();
                rules::sites::findings(&ctx, incident, hits.of(k), &mut out);
                rules::movements::findings(&ctx, incident, &mut out);
                rules::repeat::findings(&ctx, &order, &repeats, k, &mut out);
                rules::ceasefire::findings(&ctx, incident, &mut out);
                rules::duplicates::findings(&ctx, &duplicates, &order, k, &mut out);
                rules::order::sort(&mut out);
                out
            })
            .collect();
        let batch: Vec<Finding> = per_incident.into_iter().flatten().collect();
        if !batch.is_empty() {
            sink(batch)?;
        }
    }
    Ok(())
}
