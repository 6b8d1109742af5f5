//! Incidents counted by category, by kind within a category, and by ISO week.

use crate::report::{CategoryCount, IncidentCounts, KindCount, WeekCount};
use crate::scope::Scope;
use chrono::{Datelike, NaiveDate, Weekday};
use std::collections::BTreeMap;
use vigil_domain::{Incident, IncidentCategory, IncidentKind};

/// `incidents` are the report's, oldest first, each with the reference the report shows.
pub(crate) fn count(incidents: &[(&Incident, String)], scope: &Scope) -> IncidentCounts {
    let mut categories: BTreeMap<IncidentCategory, BTreeMap<IncidentKind, Vec<String>>> =
        BTreeMap::new();
    let mut weeks: BTreeMap<(i32, u32), Vec<String>> = BTreeMap::new();
    for (incident, reference) in incidents {
        categories
            .entry(incident.kind.category())
            .or_default()
            .entry(incident.kind)
            .or_default()
            .push(reference.clone());
        // Counted once, in the week of its first day inside the period.
        let first_day = incident
            .when
            .start()
            .max(scope.period().start())
            .date_naive();
        let week = first_day.iso_week();
        weeks
            .entry((week.year(), week.week()))
            .or_default()
            .push(reference.clone());
    }
    IncidentCounts {
        total: incidents.len(),
        incidents: incidents.iter().map(|(_, r)| r.clone()).collect(),
        by_category: categories
            .into_iter()
            .map(|(category, kinds)| {
                let by_kind: Vec<KindCount> = kinds
                    .into_iter()
                    .map(|(kind, incidents)| KindCount {
                        kind,
                        count: incidents.len(),
                        incidents,
                    })
                    .collect();
                let incidents = chronological(incidents, &by_kind);
                CategoryCount {
                    category,
                    count: incidents.len(),
                    incidents,
                    by_kind,
                }
            })
            .collect(),
        by_week: weeks
            .into_iter()
            .map(|((year, week), incidents)| WeekCount {
                week: format!("{year}-W{week:02}"),
                first_day: NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)
                    .expect("a week chrono numbered exists"),
                count: incidents.len(),
                incidents,
            })
            .collect(),
    }
}

/// The references of a category's kinds, in the report's (chronological) order.
fn chronological(all: &[(&Incident, String)], kinds: &[KindCount]) -> Vec<String> {
    all.iter()
        .filter(|(_, r)| kinds.iter().any(|k| k.incidents.contains(r)))
        .map(|(_, r)| r.clone())
        .collect()
}
