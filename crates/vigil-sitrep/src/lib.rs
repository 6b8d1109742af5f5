//! The situation report: what happened in an area over a period, every figure with the records
//! behind it. `vigil sitrep` and `GET /api/sitrep` both print what [`build`] computes, so the
//! command line and the server cannot disagree.
//!
//! Pure computation over domain records: no SQL, no HTTP, no I/O. The caller reads the
//! records (it may pass only those [`Scope`] admits, to keep memory to the report's size; the
//! report checks them again) and says who the report is for with a
//! [`vigil_domain::policy::SitrepView`].
//!
//! # Layout
//!
//! - [`scope`]: the area (that area or anything below it, through [`vigil_domain::AreaTree`])
//!   and the period (an incident is in it when its span overlaps the period, both days
//!   included);
//! - [`report`]: the [`Sitrep`] and its parts, as serialised to JSON;
//! - `incidents`: counts by category, by kind within a category and by ISO week;
//! - `casualties`: each source's own totals, and the headline (below);
//! - `facilities`: the status roll-up per site kind, as of the period's last day;
//! - `findings`: the stored findings about the report's incidents: notified sites and
//!   movements hit, ceasefire violations;
//! - [`build`]: puts them together.
//!
//! # Weeks
//!
//! An incident counts once, in the ISO week of its first day inside the period (an incident
//! that began before the period counts in the period's first week).
//!
//! # Casualties: never added across sources
//!
//! Two sources reporting the same strike usually count the same dead, so their figures are
//! never added together. For each casualty group and outcome (children killed, health workers
//! injured, …), each source gets its own line: the sum of its low, best and high figures over
//! the report's incidents it gives figures for (within one source, adding across incidents is
//! sound: a source does not count the same person in two incidents). Figures without a source
//! are one more line, "unsourced".
//!
//! The headline of a group and outcome takes each bound from one source at a time: at least
//! the largest low any single source gives, best the largest best, up to the largest high.
//! It is never a sum of two sources, so it never counts the same people twice. It can fall
//! short of the truth when sources cover different incidents (one source counting the dead
//! of one strike, another those of the next); each source line lists its incidents, so a
//! reader can see when that is so.
//!
//! # Who sees what
//!
//! The view ([`vigil_domain::policy::sitrep_view`]) decides: staff get incident ids, site
//! ids and names, and each finding; the published report refers to incidents by their
//! pseudonyms, names only sites of `public` sensitivity (restricted sites are counted), and
//! gives findings as counts. Without source identities, a casualty line's sources are
//! "source 1", "source 2", … numbered afresh on each line in the order of their figures
//! (largest first), so a number says nothing about who the source is, nor that "source 1"
//! of two lines is the same source.
#![forbid(unsafe_code)]

mod casualties;
mod facilities;
mod findings;
mod incidents;
pub mod report;
pub mod scope;

pub use report::{
    Bounds, CasualtyLine, CategoryCount, FacilityRollup, FindingRef, FindingSummary, KindCount,
    ReportArea, SiteRef, Sitrep, SourceTotal, StatusCount, StrengthCount, WeekCount,
};
pub use scope::{Scope, ScopeError};

use std::collections::HashMap;
use vigil_domain::policy::SitrepView;
use vigil_domain::{Finding, FindingKind, Incident, IncidentId, Site};

/// The records a report is computed from. Records outside the scope are ignored.
#[derive(Debug, Clone, Copy)]
pub struct Records<'a> {
    pub incidents: &'a [Incident],
    pub sites: &'a [Site],
    /// Stored findings; only those of [`is_reported`] kinds about the report's incidents
    /// count.
    pub findings: &'a [Finding],
}

/// Whether findings of `kind` appear in a report, so a caller can leave the others unread.
pub fn is_reported(kind: FindingKind) -> bool {
    matches!(
        kind,
        FindingKind::NotifiedSite | FindingKind::NotifiedMovement | FindingKind::CeasefireViolation
    )
}

/// The situation report of `records` in `scope`, as `view` may see it.
pub fn build(records: Records<'_>, scope: &Scope, view: SitrepView) -> Sitrep {
    let mut in_scope: Vec<(&Incident, String)> = records
        .incidents
        .iter()
        .filter(|i| scope.admits_incident(i))
        .map(|i| (i, view.incident_ref(i)))
        .collect();
    // Chronological; ties by the reference shown, so a published report's order says nothing
    // about the incidents' own ids.
    in_scope.sort_by(|(a, ra), (b, rb)| a.when.start().cmp(&b.when.start()).then(ra.cmp(rb)));
    let refs: HashMap<&IncidentId, &str> =
        in_scope.iter().map(|(i, r)| (&i.id, r.as_str())).collect();
    let status_as_of = scope.period().end().date_naive();
    Sitrep {
        area: scope.area().cloned(),
        from: scope.period().start(),
        to: scope.period().end(),
        status_as_of,
        published: !view.record_ids,
        incidents: incidents::count(&in_scope, scope),
        casualties: casualties::lines(&in_scope, view),
        facilities: facilities::rollup(
            records.sites.iter().filter(|s| scope.admits_site(s)),
            status_as_of,
            view,
        ),
        notified_hits: findings::summary(
            records.findings,
            &refs,
            &[FindingKind::NotifiedSite, FindingKind::NotifiedMovement],
            view,
        ),
        ceasefire_violations: findings::summary(
            records.findings,
            &refs,
            &[FindingKind::CeasefireViolation],
            view,
        ),
    }
}
