//! `notified_movement`: a movement's route, widened by half its corridor, within reach of an
//! incident during the movement's window, while a notification of it was in force.
//!
//! Within reach: geodesic distance from the incident's point to the route ≤ incident radius +
//! corridor width / 2. A movement the incident names is matched whatever the distance and the
//! window. There is no "unnotified movement" kind, so a movement with no notification in
//! force gives no finding, named or not.

use crate::context::Context;
use crate::explain;
use crate::finding::{Finding, FindingKind, Strength, Subject};
use crate::geodesic::distance_to_route_m;
use crate::reach::strength_by_reach;
use crate::rules::blank;
use vigil_domain::{Incident, Subject as Notified, Target};

pub(crate) fn findings(ctx: &Context<'_>, incident: &Incident, out: &mut Vec<Finding>) {
    let here = incident.location;
    // An incident known only to an area has no distance to a route.
    let Some(point) = here.point else {
        return;
    };
    let mut candidates = ctx.movements.candidates(point, here.radius_m);
    candidates.extend(incident.targets.iter().filter_map(|t| match t {
        Target::Movement(id) => ctx.movement_by_id.get(id).copied(),
        _ => None,
    }));
    candidates.sort_unstable();
    candidates.dedup();

    for i in candidates {
        let movement = &ctx.input.movements[i];
        if movement.route.is_empty() {
            continue;
        }
        let linked = incident
            .targets
            .iter()
            .any(|t| matches!(t, Target::Movement(id) if id == &movement.id));
        let during = incident.when.overlaps(&movement.window);
        if !linked && !during {
            // Cheaper than the distance, so tested first.
            continue;
        }
        let distance = distance_to_route_m(point, &movement.route);
        let reach = here.radius_m + movement.corridor_width_m.max(0.0) / 2.0;
        if !linked && distance > reach {
            continue;
        }
        let strength = if linked {
            Strength::Linked
        } else {
            // Movements name no area, so an area-level match rests on reach alone.
            strength_by_reach(here.precision, reach, ctx.options)
        };
        let subject = Notified::Movement(movement.id.clone());
        for notice in ctx.notices.in_force(&subject, &incident.when) {
            let mut f = blank(
                FindingKind::NotifiedMovement,
                strength,
                &incident.id,
                Subject::Movement(movement.id.clone()),
            );
            f.distance_m = Some(distance);
            f.reach_m = Some(reach);
            let window = if during {
                format!("inside its window ({})", explain::when(&movement.window))
            } else {
                format!("outside its window ({})", explain::when(&movement.window))
            };
            let relation = if linked {
                "named as hit by"
            } else {
                "within reach of"
            };
            f.explanation = format!(
                "{} ({}), {}, {relation} {}: route {} away (reach {}, {}), {window}",
                movement.name,
                movement.kind,
                explain::notification(&notice.fact, notice.parties),
                explain::incident(incident),
                explain::metres(distance),
                explain::metres(reach),
                strength.as_str(),
            );
            f.notification = Some(notice.fact);
            out.push(f);
        }
    }
}
