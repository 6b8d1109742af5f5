//! `ceasefire_violation`: an incident inside a ceasefire's period and area.
//!
//! Inside the period: the incident's span overlaps [`Ceasefire::in_force`]. Inside the area:
//! the incident's area is one of the ceasefire's areas or lies inside one; a ceasefire with
//! no areas covers everywhere. `parties` names the incident's attributed parties that are
//! parties to the ceasefire (in the order the incident attributes them), whatever their grade.

use crate::context::Context;
use crate::explain;
use crate::finding::{Finding, FindingKind, Strength, Subject};
use crate::rules::blank;
use vigil_domain::{AreaId, Ceasefire, Incident};

pub(crate) fn findings(ctx: &Context<'_>, incident: &Incident, out: &mut Vec<Finding>) {
    for ceasefire in ctx.input.ceasefires {
        let period = ceasefire.in_force();
        if !incident.when.overlaps(&period) {
            continue;
        }
        let area = if ceasefire.areas.is_empty() {
            None
        } else {
            // An incident with no area cannot be placed inside a ceasefire's areas. It would
            // be an area-level finding at best, and without an area there is nothing to
            // compare, so no finding is made (rather than one that claims too much).
            let Some(incident_area) = &incident.area else {
                continue;
            };
            match covering_area(ctx, ceasefire, incident_area) {
                Some(area) => Some(area.clone()),
                None => continue,
            }
        };
        let mut f = blank(
            FindingKind::CeasefireViolation,
            Strength::Consistent,
            &incident.id,
            Subject::Ceasefire(ceasefire.id.clone()),
        );
        let mut parties = Vec::new();
        for attribution in &incident.attributions {
            if ceasefire.parties.contains(&attribution.party)
                && !parties.contains(&attribution.party)
            {
                parties.push(attribution.party.clone());
            }
        }
        let place = match (&area, &incident.area) {
            (Some(area), _) => format!(" in {}", ctx.areas.describe(area)),
            (None, Some(area)) => format!(" in {}", ctx.areas.describe(area)),
            (None, None) => String::new(),
        };
        let attributed = if parties.is_empty() {
            "attributed to no party to it".to_string()
        } else {
            format!("attributed to {}, party to it", explain::parties(&parties))
        };
        f.explanation = format!(
            "{}{place} during the ceasefire '{}' ({}), {attributed}",
            explain::incident(incident),
            ceasefire.name,
            period_text(ceasefire)
        );
        f.parties = parties;
        f.area = area;
        out.push(f);
    }
}

/// The ceasefire area the incident's area is, or lies inside (the nearest one going up).
fn covering_area<'c>(
    ctx: &'c Context<'_>,
    ceasefire: &'c Ceasefire,
    incident_area: &'c AreaId,
) -> Option<&'c AreaId> {
    ctx.areas
        .self_and_ancestors(incident_area)
        .find(|a| ceasefire.areas.contains(a))
}

/// "from 2016-09-12 19:00 UTC, collapsed 2016-09-19 19:00 UTC".
fn period_text(ceasefire: &Ceasefire) -> String {
    let start = explain::minute(ceasefire.start);
    match (ceasefire.collapsed_at, ceasefire.planned_end) {
        (Some(collapsed), _) => format!(
            "from {start} UTC, collapsed {} UTC",
            explain::minute(collapsed)
        ),
        (None, Some(end)) => format!(
            "from {start} UTC, planned to end {} UTC",
            explain::minute(end)
        ),
        (None, None) => format!("from {start} UTC, no end set"),
    }
}
