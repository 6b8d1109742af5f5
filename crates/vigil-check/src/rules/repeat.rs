//! `repeat_attack`: a site hit again. For each site, the incidents that name it or have it
//! within reach at site level (area-level matches say nothing about one site), ordered by
//! start then id; each after the first gives a finding against the one before it.

use crate::context::Context;
use crate::explain;
use crate::finding::{Finding, FindingKind, Strength, Subject};
use crate::geodesic::distance_m;
use crate::reach::SiteHit;
use crate::rules::blank;
use vigil_domain::{Incident, Timestamp};

/// One incident's site-level match with one site, as the repeat rule needs it.
pub(crate) struct SiteMatch {
    site: usize,
    start: Timestamp,
    incident: usize,
    strength: Strength,
}

/// Keeps an incident's site-level matches for [`findings`].
pub(crate) fn collect(
    incident_index: usize,
    incident: &Incident,
    hits: &[SiteHit],
    out: &mut Vec<SiteMatch>,
) {
    out.extend(
        hits.iter()
            .filter(|h| h.strength != Strength::AreaLevel)
            .map(|h| SiteMatch {
                site: h.site,
                start: incident.when.start(),
                incident: incident_index,
                strength: h.strength,
            }),
    );
}

pub(crate) fn findings(ctx: &Context<'_>, mut matches: Vec<SiteMatch>, out: &mut Vec<Finding>) {
    let incidents = ctx.input.incidents;
    matches.sort_by(|a, b| {
        (a.site, a.start, &incidents[a.incident].id).cmp(&(
            b.site,
            b.start,
            &incidents[b.incident].id,
        ))
    });
    for pair in matches.windows(2) {
        let (before, after) = (&pair[0], &pair[1]);
        if before.site != after.site {
            continue;
        }
        let site = &ctx.input.sites[after.site];
        let (earlier, later) = (&incidents[before.incident], &incidents[after.incident]);
        let interval = (after.start - before.start).num_seconds();
        let within = interval <= i64::from(ctx.options.return_within_hours) * 3600;
        // The finding is only as strong as its weaker link (Strength orders strongest first).
        let strength = before.strength.max(after.strength);
        let mut f = blank(
            FindingKind::RepeatAttack,
            strength,
            &later.id,
            Subject::Incident(earlier.id.clone()),
        );
        f.distance_m = Some(distance_m(earlier.location.point, later.location.point));
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
            strength.as_str(),
        );
        out.push(f);
    }
}
