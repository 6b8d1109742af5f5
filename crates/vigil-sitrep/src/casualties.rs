//! Casualties as sourced ranges: each source's own totals, and a headline that never adds two
//! sources together (the rule is in the crate doc).

use crate::report::{Bounds, CasualtyLine, SourceTotal};
use std::collections::BTreeMap;
use vigil_domain::policy::SitrepView;
use vigil_domain::{CasualtyGroup, Incident, Outcome, SourceId};

/// What the line of a source is called when its figures have no source.
const UNSOURCED: &str = "unsourced";

/// One source's running totals.
#[derive(Default)]
struct Tally {
    low: u64,
    best: u64,
    high: u64,
    incidents: Vec<String>,
}

pub(crate) fn lines(incidents: &[(&Incident, String)], view: SitrepView) -> Vec<CasualtyLine> {
    // `None` gathers figures without a source: one more "source", never added to the others.
    let mut by_line: BTreeMap<(CasualtyGroup, Outcome), BTreeMap<Option<&SourceId>, Tally>> =
        BTreeMap::new();
    for (incident, reference) in incidents {
        for figure in &incident.casualties {
            let tally = by_line
                .entry((figure.group, figure.outcome))
                .or_default()
                .entry(figure.source.as_ref())
                .or_default();
            tally.low += u64::from(figure.count.low);
            tally.best += u64::from(figure.count.best);
            tally.high += u64::from(figure.count.high);
            // An incident validates to one figure per group, outcome and source, so it is
            // listed once.
            tally.incidents.push(reference.clone());
        }
    }
    by_line
        .into_iter()
        .map(|((group, outcome), tallies)| line(group, outcome, tallies, view))
        .collect()
}

fn line(
    group: CasualtyGroup,
    outcome: Outcome,
    tallies: BTreeMap<Option<&SourceId>, Tally>,
    view: SitrepView,
) -> CasualtyLine {
    let mut tallies: Vec<(Option<&SourceId>, Tally)> = tallies.into_iter().collect();
    // Largest figures first; the source id only breaks ties, so numbered labels follow the
    // figures and say nothing about who the source is.
    tallies.sort_by(|(sa, a), (sb, b)| {
        (b.best, b.high, b.low)
            .cmp(&(a.best, a.high, a.low))
            .then(sa.cmp(sb))
    });
    let headline = Bounds {
        low: tallies.iter().map(|(_, t)| t.low).max().unwrap_or(0),
        best: tallies.iter().map(|(_, t)| t.best).max().unwrap_or(0),
        high: tallies.iter().map(|(_, t)| t.high).max().unwrap_or(0),
    };
    let mut numbered = 0;
    let sources = tallies
        .into_iter()
        .map(|(source, tally)| {
            let label = match source {
                None => UNSOURCED.to_owned(),
                Some(id) if view.source_identities => id.to_string(),
                Some(_) => {
                    numbered += 1;
                    format!("source {numbered}")
                }
            };
            SourceTotal {
                source: label,
                total: Bounds {
                    low: tally.low,
                    best: tally.best,
                    high: tally.high,
                },
                incidents: tally.incidents,
            }
        })
        .collect();
    CasualtyLine {
        group,
        outcome,
        headline,
        sources,
    }
}
