//! `duplicate_candidate`: two incidents from different sources that are probably one event.
//!
//! A pair qualifies when it has no source in common, the points are within
//! r1 + r2 + [`Options::duplicate_extra_distance_m`], the spans overlap or are at most
//! [`Options::duplicate_max_gap_s`] apart, the kinds are compatible (same category, or either
//! unknown) and the casualties are (for each group and outcome both give, the ranges overlap).
//! Each pair is reported once, on the incident with the greater id, against the other.
//! Nothing is merged: a person decides.
//!
//! Candidates come from a 3-D R-tree over lon, lat and time, so a dense city over years is not
//! a quadratic scan: each incident's box spans its position ± (radius + half the extra
//! distance) and its time from its start to its end + the gap; two boxes meet exactly when the
//! time test can pass and whenever the distance test can.

use crate::context::Context;
use crate::explain;
use crate::finding::{Finding, FindingKind, Strength, Subject};
use crate::geodesic::distance_m;
use crate::input::Options;
use crate::reach::strength_by_reach;
use crate::rules::blank;
use crate::search_box::boxes_around;
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{RTree, AABB};
use std::collections::BTreeMap;
use vigil_domain::{CasualtyGroup, Incident, IncidentKind, Outcome, SourceId};

/// How much each agreement counts towards the score. Place and time decide most (two sources
/// rarely agree on both by chance); casualties next (figures differ between sources but their
/// ranges should meet); the kind least, because it already had to be compatible to get here.
const WEIGHT_DISTANCE: f64 = 0.35;
const WEIGHT_TIME: f64 = 0.25;
const WEIGHT_CASUALTIES: f64 = 0.25;
const WEIGHT_KIND: f64 = 0.15;

/// Casualty agreement when the two give no figure for the same group and outcome: neither for
/// nor against.
const NEUTRAL: f64 = 0.5;

/// Kind agreement: the same kind, the same category, or one of unknown kind.
const SAME_KIND: f64 = 1.0;
const SAME_CATEGORY: f64 = 0.75;
const UNKNOWN_KIND: f64 = 0.5;

const SECONDS_PER_DAY: f64 = 86_400.0;

/// Time boxes are in days (so the tree's three axes are of similar scale) and widened by a
/// second on each side, so rounding seconds to days never loses a candidate at the boundary.
const TIME_SLACK_DAYS: f64 = 1.0 / SECONDS_PER_DAY;

type Entry = GeomWithData<Rectangle<[f64; 3]>, usize>;

/// Every incident by its place-and-time boxes, built once per run, with each incident's
/// sources.
pub(crate) struct DuplicateIndex<'a> {
    /// Entries carry the incident's place in run order, so "the other has a smaller id" is a
    /// comparison of two integers.
    tree: RTree<Entry>,
    /// By run order: the sources of each incident (empty when none is known).
    sources: Vec<&'a [SourceId]>,
}

impl<'a> DuplicateIndex<'a> {
    /// `order[k]` is the input position of the k-th incident in run order (id order).
    pub(crate) fn new(ctx: &Context<'a>, order: &[usize]) -> Self {
        let incidents = ctx.input.incidents;
        let options = ctx.options;
        let entries = order
            .iter()
            .enumerate()
            .flat_map(|(k, &i)| {
                boxes(&incidents[i], options)
                    .into_iter()
                    .map(move |b| Entry::new(Rectangle::from_aabb(b), k))
            })
            .collect();
        let sources = order
            .iter()
            .map(|&i| {
                ctx.input
                    .incident_sources
                    .get(&incidents[i].id)
                    .map_or(&[][..], Vec::as_slice)
            })
            .collect();
        Self {
            tree: RTree::bulk_load(entries),
            sources,
        }
    }
}

/// The duplicate candidates of the k-th incident in run order against incidents with a
/// smaller id.
pub(crate) fn findings(
    ctx: &Context<'_>,
    index: &DuplicateIndex<'_>,
    order: &[usize],
    k: usize,
    out: &mut Vec<Finding>,
) {
    let incidents = ctx.input.incidents;
    let later = &incidents[order[k]];
    let mut others: Vec<usize> = boxes(later, ctx.options)
        .iter()
        .flat_map(|b| index.tree.locate_in_envelope_intersecting(b))
        .map(|e| e.data)
        .filter(|&j| j < k)
        .collect();
    others.sort_unstable();
    others.dedup();
    for j in others {
        let (mine, theirs) = (index.sources[k], index.sources[j]);
        // Reports from one source are that source's own count, never a duplicate of each
        // other. Source lists are short, so a scan beats building sets.
        if mine.iter().any(|s| theirs.contains(s)) {
            continue;
        }
        if let Some(f) = pair(ctx, later, &incidents[order[j]]) {
            out.push(f);
        }
    }
}

/// The 3-D boxes of an incident (two when its place box crosses ±180°).
fn boxes(incident: &Incident, options: &Options) -> Vec<AABB<[f64; 3]>> {
    let radius = incident.location.radius_m + options.duplicate_extra_distance_m / 2.0;
    let start = incident.when.start().timestamp() as f64 / SECONDS_PER_DAY - TIME_SLACK_DAYS;
    let end = (incident.when.end().timestamp() + options.duplicate_max_gap_s) as f64
        / SECONDS_PER_DAY
        + TIME_SLACK_DAYS;
    // An incident known only to an area has no box: it is not compared for duplicates.
    let Some(point) = incident.location.point else {
        return Vec::new();
    };
    boxes_around(point, radius)
        .into_iter()
        .map(|b| {
            let (lo, hi) = (b.lower(), b.upper());
            AABB::from_corners([lo[0], lo[1], start], [hi[0], hi[1], end])
        })
        .collect()
}

/// The finding for `later` against `earlier`, if the pair qualifies (their sources are
/// already known to differ).
fn pair(ctx: &Context<'_>, later: &Incident, earlier: &Incident) -> Option<Finding> {
    let options = ctx.options;
    // The cheap tests first: the time gap, then the kinds, then the geodesic distance.
    let gap = gap_s(later, earlier);
    if gap > options.duplicate_max_gap_s {
        return None;
    }
    let kind_score = kind_agreement(later.kind, earlier.kind)?;
    let distance = distance_m(later.location.point?, earlier.location.point?);
    let radii = later.location.radius_m + earlier.location.radius_m;
    let limit = radii + options.duplicate_extra_distance_m;
    if distance > limit {
        return None;
    }
    let (casualty_score, casualty_reasons) = casualty_agreement(later, earlier)?;

    let distance_score = if limit > 0.0 {
        1.0 - distance / limit
    } else {
        1.0
    };
    let time_score = if options.duplicate_max_gap_s > 0 {
        1.0 - gap as f64 / options.duplicate_max_gap_s as f64
    } else {
        1.0
    };
    let score = WEIGHT_DISTANCE * distance_score.clamp(0.0, 1.0)
        + WEIGHT_TIME * time_score.clamp(0.0, 1.0)
        + WEIGHT_CASUALTIES * casualty_score
        + WEIGHT_KIND * kind_score;
    // Three decimals: enough to rank, and stable when printed.
    let score = (score * 1000.0).round() / 1000.0;

    let mut reasons = vec![format!("{} apart", explain::metres(distance))];
    reasons.push(time_reason(later, earlier, gap));
    reasons.push(kind_reason(later.kind, earlier.kind));
    reasons.extend(casualty_reasons);
    reasons.push("no source in common".into());

    let strength =
        if later.location.precision.is_area_level() || earlier.location.precision.is_area_level() {
            Strength::AreaLevel
        } else {
            strength_by_reach(later.location.precision, radii, options)
        };
    let mut f = blank(
        FindingKind::DuplicateCandidate,
        strength,
        &later.id,
        Subject::Incident(earlier.id.clone()),
    );
    f.distance_m = Some(distance);
    f.reach_m = Some(limit);
    f.score = Some(score);
    f.explanation = format!(
        "{} is possibly the same event as incident {} ({}): {} (score {score:.2})",
        capitalise(&explain::incident(later)),
        earlier.id,
        explain::incident(earlier),
        reasons.join(", "),
    );
    f.reasons = reasons;
    Some(f)
}

/// Seconds between the two spans; 0 when they overlap.
fn gap_s(a: &Incident, b: &Incident) -> i64 {
    let latest_start = a.when.start().max(b.when.start());
    let earliest_end = a.when.end().min(b.when.end());
    (latest_start - earliest_end).num_seconds().max(0)
}

fn kind_agreement(a: IncidentKind, b: IncidentKind) -> Option<f64> {
    if a == b {
        Some(SAME_KIND)
    } else if a == IncidentKind::Unknown || b == IncidentKind::Unknown {
        Some(UNKNOWN_KIND)
    } else if a.category() == b.category() {
        Some(SAME_CATEGORY)
    } else {
        None
    }
}

fn kind_reason(a: IncidentKind, b: IncidentKind) -> String {
    if a == b {
        format!("both {a}")
    } else if a == IncidentKind::Unknown || b == IncidentKind::Unknown {
        format!("{a} and {b}")
    } else {
        format!("{a} and {b}, both {}", a.category())
    }
}

fn time_reason(a: &Incident, b: &Incident, gap: i64) -> String {
    if a.when.start().date_naive() == b.when.start().date_naive() {
        "same day".into()
    } else if gap == 0 {
        "overlapping times".into()
    } else if gap < 3600 {
        "within an hour of each other".into()
    } else {
        format!("{} apart in time", explain::duration(gap))
    }
}

/// Each incident's casualty figures as one range per (group, outcome): from the lowest low to
/// the highest high its sources give, since an incident built from several reports may carry
/// one figure per source.
fn casualty_ranges(incident: &Incident) -> BTreeMap<(CasualtyGroup, Outcome), (u32, u32)> {
    let mut ranges = BTreeMap::new();
    for figure in &incident.casualties {
        let range = ranges
            .entry((figure.group, figure.outcome))
            .or_insert((figure.count.low, figure.count.high));
        range.0 = range.0.min(figure.count.low);
        range.1 = range.1.max(figure.count.high);
    }
    ranges
}

/// `None` when some (group, outcome) both give has ranges that do not meet; otherwise the
/// agreement (mean share of the ranges' union that they have in common) and a reason each.
fn casualty_agreement(a: &Incident, b: &Incident) -> Option<(f64, Vec<String>)> {
    let (ra, rb) = (casualty_ranges(a), casualty_ranges(b));
    let mut shares = Vec::new();
    let mut reasons = Vec::new();
    for (key, &(low_a, high_a)) in &ra {
        let Some(&(low_b, high_b)) = rb.get(key) else {
            continue;
        };
        if low_a > high_b || low_b > high_a {
            return None;
        }
        // Counted in whole people, both ends included, so [3, 3] and [3, 3] share everything.
        let common = f64::from(high_a.min(high_b) - low_a.max(low_b)) + 1.0;
        let union = f64::from(high_a.max(high_b) - low_a.min(low_b)) + 1.0;
        shares.push(common / union);
        let (group, outcome) = key;
        reasons.push(if *group == CasualtyGroup::People {
            format!("{outcome} ranges overlap")
        } else {
            format!("{group} {outcome} ranges overlap")
        });
    }
    if shares.is_empty() {
        return Some((NEUTRAL, vec!["no casualty figures to compare".into()]));
    }
    let mean = shares.iter().sum::<f64>() / shares.len() as f64;
    Some((mean, reasons))
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
