//! `repeat_attack`: a site hit again. For each site, the incidents that name it or have it
//! within reach at site level (area-level matches say nothing about one site), ordered by
//! start then id; each after the first gives a finding against the one before it.
//!
//! [`Repeats::compute`] pairs them up once per run, from every incident's hits; a finding is
//! then made when its later incident's turn comes.

use crate::context::Context;
use crate::explain;
use crate::finding::{Finding, FindingKind, Strength, Subject};
use crate::geodesic::distance_m;
use crate::hits::AllHits;
use crate::rules::blank;
use rayon::prelude::*;
use vigil_domain::Timestamp;

/// One incident's site-level match with one site, as the ordering per site needs it.
struct SiteMatch {
    site: u32,
    /// Place of the incident in run order (which is id order).
    k: u32,
    start: Timestamp,
    strength: Strength,
}

/// The later incident hit `site` again after the earlier one (both by run order).
#[derive(Clone, Copy)]
pub(crate) struct Repeat {
    later: u32,
    earlier: u32,
    site: u32,
    /// The weaker of the two matches.
    strength: Strength,
}

/// Every repeat of the run, grouped by the later incident.
pub(crate) struct Repeats {
    repeats: Vec<Repeat>,
    /// `repeats[starts[k]..starts[k + 1]]` have the k-th incident as the later one.
    starts: Vec<usize>,
}

impl Repeats {
    /// `order[k]` is the input position of the k-th incident in run order (id order).
    pub(crate) fn compute(ctx: &Context<'_>, order: &[usize], hits: &AllHits) -> Self {
        let incidents = ctx.input.incidents;
        let mut matches: Vec<SiteMatch> = hits
            .iter()
            .filter(|(_, h)| h.strength != Strength::AreaLevel)
            .map(|(k, h)| SiteMatch {
                site: h.site,
                k: k as u32,
                start: incidents[order[k]].when.start(),
                strength: h.strength,
            })
            .collect();
        // Run order is id order, so `k` breaks ties of start as the id would.
        matches.par_sort_unstable_by(|a, b| (a.site, a.start, a.k).cmp(&(b.site, b.start, b.k)));
        let mut repeats: Vec<Repeat> = matches
            .windows(2)
            .filter(|pair| pair[0].site == pair[1].site)
            .map(|pair| Repeat {
                later: pair[1].k,
                earlier: pair[0].k,
                site: pair[1].site,
                // Strength orders strongest first, so the greater is the weaker link.
                strength: pair[0].strength.max(pair[1].strength),
            })
            .collect();
        drop(matches);
        repeats.par_sort_unstable_by_key(|r| (r.later, r.site));
        let mut starts = Vec::with_capacity(order.len() + 1);
        let mut next = 0;
        for k in 0..=order.len() {
            while next < repeats.len() && (repeats[next].later as usize) < k {
                next += 1;
            }
            starts.push(next);
        }
        Self { repeats, starts }
    }

    fn of(&self, k: usize) -> &[Repeat] {
        &self.repeats[self.starts[k]..self.starts[k + 1]]
    }
}

/// The repeat-attack findings of the k-th incident in run order.
pub(crate) fn findings(
    ctx: &Context<'_>,
    order: &[usize],
    repeats: &Repeats,
    k: usize,
    out: &mut Vec<Finding>,
) {
    let incidents = ctx.input.incidents;
    for repeat in repeats.of(k) {
        let site = &ctx.input.sites[repeat.site as usize];
        let later = &incidents[order[repeat.later as usize]];
        let earlier = &incidents[order[repeat.earlier as usize]];
        let interval = (later.when.start() - earlier.when.start()).num_seconds();
        let within = interval <= i64::from(ctx.options.return_within_hours) * 3600;
        let mut f = blank(
            FindingKind::RepeatAttack,
            repeat.strength,
            &later.id,
            Subject::Incident(earlier.id.clone()),
        );
        // Both have points: each is within reach of the site.
        f.distance_m = earlier
            .location
            .point
            .zip(later.location.point)
            .map(|(a, b)| distance_m(a, b));
        f.interval_s = Some(interval);
        f.returned_within_hours = within;
        f.site = Some(site.id.clone());
        let returned = if within {
            format!(", a return within {} h", ctx.options.return_within_hours)
        } else {
            String::new()
        };
        f.explanation = format!(
            "{} ({}) hit again: {} came {} after {} (incident {}){returned} ({})",
            site.name,
            site.kind,
            explain::incident(later),
            explain::duration(interval),
            explain::incident(earlier),
            earlier.id,
            repeat.strength.as_str(),
        );
        out.push(f);
    }
}
