//! `notified_site` and `unnotified_site`: each site an incident names or has within reach,
//! with one finding per notification in force, or one saying none was.

use crate::context::Context;
use crate::explain;
use crate::finding::{Finding, FindingKind, Strength, Subject};
use crate::reach::SiteHit;
use crate::rules::blank;
use vigil_domain::{GeoPrecision, Incident, Site, Subject as Notified};

pub(crate) fn findings(
    ctx: &Context<'_>,
    incident: &Incident,
    hits: &[SiteHit],
    out: &mut Vec<Finding>,
) {
    for hit in hits {
        let site = &ctx.input.sites[hit.site()];
        let subject = Notified::Site(site.id.clone());
        let in_force = ctx.notices.in_force(&subject, &incident.when);
        let place = placement(ctx, incident, site, hit);
        if in_force.is_empty() {
            let mut f = finding(FindingKind::UnnotifiedSite, incident, site, hit);
            f.explanation = format!(
                "{} ({}), no notification in force, {place}",
                site.name, site.kind
            );
            out.push(f);
        }
        for notice in in_force {
            let mut f = finding(FindingKind::NotifiedSite, incident, site, hit);
            f.explanation = format!(
                "{} ({}), {}, {place}",
                site.name,
                site.kind,
                explain::notification(&notice.fact, notice.parties)
            );
            f.notification = Some(notice.fact);
            out.push(f);
        }
    }
}

fn finding(kind: FindingKind, incident: &Incident, site: &Site, hit: &SiteHit) -> Finding {
    let mut f = blank(
        kind,
        hit.strength,
        &incident.id,
        Subject::Site(site.id.clone()),
    );
    f.distance_m = Some(hit.distance_m);
    f.reach_m = Some(hit.reach_m);
    f.area = hit.area(incident).cloned();
    f
}

/// Where the site stands relative to the incident, and why that is the strength:
/// "180 m from an airstrike on 2016-09-28 (reach 250 m, consistent)".
fn placement(ctx: &Context<'_>, incident: &Incident, site: &Site, hit: &SiteHit) -> String {
    let distance = explain::metres(hit.distance_m);
    let what = explain::incident(incident);
    let reach = explain::metres(hit.reach_m);
    match hit.strength {
        Strength::Linked if hit.distance_m <= hit.reach_m => {
            format!("named as hit by {what}, {distance} away (within reach of {reach})")
        }
        Strength::Linked => {
            format!("named as hit by {what}, though {distance} away (beyond reach of {reach})")
        }
        Strength::AreaLevel => {
            let area = match (hit.area(incident), &site.area) {
                (Some(area), Some(_)) => format!("in {} where ", ctx.areas.describe(area)),
                _ => String::new(),
            };
            let precision = match incident.location.precision {
                p @ (GeoPrecision::Exact | GeoPrecision::WithinMeters(_)) => p.describe(),
                p => format!("to {} precision", p.describe()),
            };
            format!(
                "{area}{what} is placed only {precision}, {distance} from its point \
                 (reach {reach}, area level)"
            )
        }
        strength => format!(
            "{distance} from {what} (reach {reach}, {})",
            strength.as_str()
        ),
    }
}
