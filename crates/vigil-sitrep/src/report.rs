//! The report as it is serialised. Every count comes with the references behind it: incident
//! references (ids, or published pseudonyms), sites (id and name, where the view may name
//! them) and findings (staff only).

use chrono::NaiveDate;
use serde::Serialize;
use vigil_domain::finding::Subject;
use vigil_domain::{
    AreaId, AreaLevel, CasualtyGroup, FindingKind, IncidentCategory, IncidentKind, NotificationId,
    Outcome, SiteId, SiteKind, SiteStatus, Strength, Timestamp,
};

/// A situation report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sitrep {
    /// The area reported on (with what lies below it); `null`: the whole database.
    pub area: Option<ReportArea>,
    /// The period, both ends included.
    pub from: Timestamp,
    pub to: Timestamp,
    /// Site statuses are the latest reported on or before this day (the period's last).
    pub status_as_of: NaiveDate,
    /// Whether this is the published aggregate (pseudonymous incidents, restricted sites only
    /// counted, findings only counted, sources unnamed).
    pub published: bool,
    pub incidents: IncidentCounts,
    /// One line per casualty group and outcome, in vocabulary order.
    pub casualties: Vec<CasualtyLine>,
    /// One roll-up per site kind with at least one site in the area, in vocabulary order.
    pub facilities: Vec<FacilityRollup>,
    /// Findings that a notified site or movement was within reach of an incident while its
    /// notification was in force.
    pub notified_hits: FindingSummary,
    /// Findings that an incident fell inside a ceasefire's area and period.
    pub ceasefire_violations: FindingSummary,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportArea {
    pub id: AreaId,
    pub name: String,
    pub level: AreaLevel,
}

/// The incidents in the area and period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IncidentCounts {
    pub total: usize,
    /// Every incident, oldest first.
    pub incidents: Vec<String>,
    pub by_category: Vec<CategoryCount>,
    pub by_week: Vec<WeekCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CategoryCount {
    pub category: IncidentCategory,
    pub count: usize,
    pub incidents: Vec<String>,
    pub by_kind: Vec<KindCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KindCount {
    pub kind: IncidentKind,
    pub count: usize,
    pub incidents: Vec<String>,
}

/// The incidents of one ISO week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WeekCount {
    /// ISO 8601 week, e.g. `2016-W39`.
    pub week: String,
    /// Its Monday.
    pub first_day: NaiveDate,
    pub count: usize,
    pub incidents: Vec<String>,
}

/// Low, best and high estimates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Bounds {
    pub low: u64,
    pub best: u64,
    pub high: u64,
}

/// The casualties of one group and outcome: each source's own totals, and a headline that
/// never adds two sources together (see the crate doc).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CasualtyLine {
    pub group: CasualtyGroup,
    pub outcome: Outcome,
    /// At least the largest low of a single source, up to the largest high of a single source.
    pub headline: Bounds,
    /// Largest figures first.
    pub sources: Vec<SourceTotal>,
}

/// One source's totals over the incidents it gives figures for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceTotal {
    /// The source's id, or "source N" where the view may not name sources, or "unsourced".
    pub source: String,
    #[serde(flatten)]
    pub total: Bounds,
    pub incidents: Vec<String>,
}

/// The sites of one kind in the area and their latest status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacilityRollup {
    pub kind: SiteKind,
    pub sites: usize,
    /// Sites whose status is partially functional, non-functional, damaged or destroyed: not
    /// fully working, as "8 of 8 hospitals damaged" means.
    pub impaired: usize,
    /// One entry per status that at least one site has, in vocabulary order; sites with no
    /// status reported by then last, with status `null`.
    pub by_status: Vec<StatusCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusCount {
    pub status: Option<SiteStatus>,
    pub count: usize,
    /// The sites the view may name; restricted sites in a published report are only counted,
    /// so there can be fewer than `count`.
    pub sites: Vec<SiteRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SiteRef {
    pub id: SiteId,
    pub name: String,
    /// The day the status was reported.
    pub since: Option<NaiveDate>,
}

/// Stored findings of some kinds about the report's incidents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FindingSummary {
    pub findings: usize,
    /// Distinct incidents among them.
    pub incidents: usize,
    /// Distinct sites, movements or ceasefires among them.
    pub subjects: usize,
    /// Strongest first; strengths without findings left out.
    pub by_strength: Vec<StrengthCount>,
    /// Each finding, in the stored order; empty in a published report, which gives counts
    /// only.
    pub items: Vec<FindingRef>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct StrengthCount {
    pub strength: Strength,
    pub count: usize,
}

/// One finding, by what identifies it: kind, incident and subject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FindingRef {
    pub kind: FindingKind,
    pub strength: Strength,
    pub incident: String,
    pub subject: Subject,
    /// The notification in force, and how many days before the incident it was sent.
    pub notification: Option<NotificationId>,
    pub days_before: Option<i64>,
    pub explanation: String,
}
