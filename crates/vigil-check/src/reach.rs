//! Reach and strength: whether an incident could have hit a site, and how strongly the data
//! says so (DESIGN.md, Cross-check semantics).
//!
//! Within reach: geodesic distance ≤ incident radius + site radius. Strength:
//! - `linked` when the incident names the site (a finding even out of reach);
//! - `area_level` when the incident is only placed to a district or wider, or the reach
//!   exceeds [`Options::area_level_reach_m`]; when both incident and site name an area, the
//!   site's area must also be the incident's area or lie inside it;
//! - `consistent` when the reach is at most [`Options::consistent_reach_m`];
//! - `possible` otherwise.

use crate::context::Context;
use crate::finding::Strength;
use crate::geodesic::distance_m;
use crate::input::Options;
use vigil_domain::{AreaId, GeoPrecision, Incident, Target};

/// An incident's match with one site. Kept small (24 bytes): a run at scale holds every
/// incident's hits at once, millions of them, for the repeat-attack rule.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SiteHit {
    /// Position of the site in the input.
    pub site: u32,
    pub strength: Strength,
    pub distance_m: f64,
    pub reach_m: f64,
}

impl SiteHit {
    pub(crate) fn site(&self) -> usize {
        self.site as usize
    }

    /// For an area-level match, the area that makes it: the incident's own area (which the
    /// site lies in, when the site names one).
    pub(crate) fn area<'i>(&self, incident: &'i Incident) -> Option<&'i AreaId> {
        if self.strength == Strength::AreaLevel {
            incident.area.as_ref()
        } else {
            None
        }
    }
}

/// The strength of an unlinked match within reach, from the precision and the reach alone.
pub(crate) fn strength_by_reach(
    precision: GeoPrecision,
    reach_m: f64,
    options: &Options,
) -> Strength {
    if precision.is_area_level() || reach_m > options.area_level_reach_m {
        Strength::AreaLevel
    } else if reach_m <= options.consistent_reach_m {
        Strength::Consistent
    } else {
        Strength::Possible
    }
}

/// Every site the incident names or has within reach, in site order.
pub(crate) fn site_hits(ctx: &Context<'_>, incident: &Incident) -> Vec<SiteHit> {
    let sites = ctx.input.sites;
    let here = incident.location;
    // An incident known only to an area has no distance to anything: no site-level finding.
    let Some(point) = here.point else {
        return Vec::new();
    };
    // Each site's box already carries the site's radius, so the query needs only the
    // incident's.
    let mut candidates = ctx.sites.candidates(point, here.radius_m);
    // Named sites are matched whatever their distance. A named site missing from the register
    // has no position to measure, so it cannot give a finding here.
    candidates.extend(incident.targets.iter().filter_map(|t| match t {
        Target::Site(id) => ctx.site_by_id.get(id).copied(),
        _ => None,
    }));
    candidates.sort_unstable();
    candidates.dedup();

    let mut hits = Vec::new();
    for i in candidates {
        let site = &sites[i];
        let Some(site_point) = site.location.point else {
            continue;
        };
        let distance = distance_m(point, site_point);
        let reach = here.radius_m + site.location.radius_m;
        let linked = incident
            .targets
            .iter()
            .any(|t| matches!(t, Target::Site(id) if id == &site.id));
        if linked {
            hits.push(SiteHit {
                site: site_index(i),
                strength: Strength::Linked,
                distance_m: distance,
                reach_m: reach,
            });
            continue;
        }
        if distance > reach {
            continue;
        }
        let strength = strength_by_reach(here.precision, reach, ctx.options);
        if strength == Strength::AreaLevel {
            if let (Some(incident_area), Some(site_area)) = (&incident.area, &site.area) {
                if !ctx.areas.is_within(site_area, incident_area) {
                    continue;
                }
            }
        }
        hits.push(SiteHit {
            site: site_index(i),
            strength,
            distance_m: distance,
            reach_m: reach,
        });
    }
    hits
}

/// Site positions are kept in 32 bits: four billion sites would not fit in memory anyway.
fn site_index(i: usize) -> u32 {
    u32::try_from(i).expect("at most u32::MAX sites")
}
