//! The situation report `GET /api/sitrep` returns: `vigil_sitrep::Sitrep`, mirrored field by
//! field.

use super::records::FindingSubject;
use super::vocab::{
    AreaLevel, CasualtyGroup, FindingKind, IncidentCategory, IncidentKind, Outcome, SiteKind,
    SiteStatus, Strength,
};
use chrono::{DateTime, NaiveDate, Utc};
use utoipa::ToSchema;

/// The area reported on.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReportArea {
    id: String,
    name: String,
    level: AreaLevel,
}

/// The incidents of one kind.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct KindCount {
    kind: IncidentKind,
    count: u64,
    incidents: Vec<String>,
}

/// The incidents of one category.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CategoryCount {
    category: IncidentCategory,
    count: u64,
    incidents: Vec<String>,
    by_kind: Vec<KindCount>,
}

/// The incidents of one ISO week (each counted in the week of its first day in the period).
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct WeekCount {
    /// ISO 8601 week, e.g. `2016-W39`.
    week: String,
    /// Its Monday.
    first_day: NaiveDate,
    count: u64,
    incidents: Vec<String>,
}

/// The incidents in the area and period; ids are pseudonyms in a published report.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct IncidentCounts {
    total: u64,
    /// Every incident, oldest first.
    incidents: Vec<String>,
    by_category: Vec<CategoryCount>,
    by_week: Vec<WeekCount>,
}

/// Low, best and high estimates.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Bounds {
    low: u64,
    best: u64,
    high: u64,
}

/// One source's totals over the incidents it gives figures for.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct SourceTotal {
    /// The source's id (monitors and admins), else `source N`; or `unsourced`.
    source: String,
    low: u64,
    best: u64,
    high: u64,
    incidents: Vec<String>,
}

/// The casualties of one group and outcome: each source's own totals, never added together.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CasualtyLine {
    group: CasualtyGroup,
    outcome: Outcome,
    /// At least the largest low of a single source, up to the largest high of a single source.
    headline: Bounds,
    /// Largest figures first.
    sources: Vec<SourceTotal>,
}

/// A site with the status it is counted under.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct SiteRef {
    id: String,
    name: String,
    /// The day the status was reported.
    #[schema(required = true)]
    since: Option<NaiveDate>,
}

/// The sites of one status (`null`: no status reported by then).
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct StatusCount {
    #[schema(required = true)]
    status: Option<SiteStatus>,
    count: u64,
    /// The sites the view may name: restricted sites in a published report are only counted.
    sites: Vec<SiteRef>,
}

/// The sites of one kind in the area and their latest status.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct FacilityRollup {
    kind: SiteKind,
    sites: u64,
    /// Partially functional, non-functional, damaged or destroyed.
    impaired: u64,
    by_status: Vec<StatusCount>,
}

/// Findings of one strength.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct StrengthCount {
    strength: Strength,
    count: u64,
}

/// One finding, by what identifies it.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct FindingRef {
    kind: FindingKind,
    strength: Strength,
    incident: String,
    subject: FindingSubject,
    /// The notification in force, and how many days before the incident it was sent.
    #[schema(required = true)]
    notification: Option<String>,
    #[schema(required = true)]
    days_before: Option<i64>,
    explanation: String,
}

/// Stored findings of some kinds about the report's incidents.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct FindingSummary {
    findings: u64,
    /// Distinct incidents among them.
    incidents: u64,
    /// Distinct sites, movements or ceasefires among them.
    subjects: u64,
    /// Strongest first.
    by_strength: Vec<StrengthCount>,
    /// Each finding; empty in a published report, which gives counts only.
    items: Vec<FindingRef>,
}

/// A situation report on an area and period.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Sitrep {
    /// `null`: the whole database.
    #[schema(required = true)]
    area: Option<ReportArea>,
    /// The period, both ends included.
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    /// Site statuses are the latest reported on or before this day.
    status_as_of: NaiveDate,
    /// Whether this is the published aggregate (liaisons and the public).
    published: bool,
    incidents: IncidentCounts,
    casualties: Vec<CasualtyLine>,
    facilities: Vec<FacilityRollup>,
    /// Notified sites and movements within reach of an incident while notified.
    notified_hits: FindingSummary,
    ceasefire_violations: FindingSummary,
}
