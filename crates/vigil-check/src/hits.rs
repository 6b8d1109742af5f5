//! Every incident's site hits, computed once per run and kept compact: the site rules read an
//! incident's own hits, and the repeat rule needs all of them before it can order them per
//! site.

use crate::context::Context;
use crate::reach::{site_hits, SiteHit};
use rayon::prelude::*;

/// Incidents checked per parallel task: big enough that scheduling costs nothing, small
/// enough that both cores stay busy to the end.
const TASK: usize = 1024;

/// The hits of every incident, by the incident's place in the run's order (see
/// [`crate::run`]), in one flat array with offsets.
pub(crate) struct AllHits {
    hits: Vec<SiteHit>,
    /// `hits[starts[k]..starts[k + 1]]` are the hits of the k-th incident in run order.
    starts: Vec<usize>,
}

impl AllHits {
    /// `order[k]` is the input position of the k-th incident in run order.
    pub(crate) fn compute(ctx: &Context<'_>, order: &[usize]) -> Self {
        let incidents = ctx.input.incidents;
        let parts: Vec<(Vec<SiteHit>, Vec<usize>)> = order
            .par_chunks(TASK)
            .map(|chunk| {
                let mut hits = Vec::new();
                let mut counts = Vec::with_capacity(chunk.len());
                for &i in chunk {
                    let found = site_hits(ctx, &incidents[i]);
                    counts.push(found.len());
                    hits.extend(found);
                }
                (hits, counts)
            })
            .collect();
        let total = parts.iter().map(|(hits, _)| hits.len()).sum();
        let mut all = Self {
            hits: Vec::with_capacity(total),
            starts: Vec::with_capacity(order.len() + 1),
        };
        all.starts.push(0);
        for (hits, counts) in parts {
            for count in counts {
                let last = *all.starts.last().unwrap_or(&0);
                all.starts.push(last + count);
            }
            all.hits.extend(hits);
        }
        all
    }

    /// The hits of the k-th incident in run order, in site order.
    pub(crate) fn of(&self, k: usize) -> &[SiteHit] {
        &self.hits[self.starts[k]..self.starts[k + 1]]
    }

    /// Every (k, hit), in run order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (usize, &SiteHit)> + '_ {
        (0..self.starts.len() - 1).flat_map(move |k| self.of(k).iter().map(move |h| (k, h)))
    }
}
