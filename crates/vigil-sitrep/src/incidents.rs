//! Incidents counted by category, by kind within a category, and by ISO week.

use crate::report::{CategoryCount, IncidentCounts, KindCount, WeekCount};
use crate::scope::Scope;
use chrono::{Datelike, NaiveDate, Weekday};
use std::collections::BTreeMap;
use vigil_domain::{Incident, IncidentCategory, IncidentKind};

/// `incidents` are the report's, oldest first, each with the reference the report shows.
pub(crate) fn count(incidents: &[(&Incident, String)], scope: &Scope) -> IncidentCounts {
    // Each category's incidents in the report's order, and each of its kinds'.
    type Kinds = BTreeMap<IncidentKind, Vec<String>>;
    let mut categories: BTreeMap<IncidentCategory, (Vec<String>, Kinds)> = BTreeMap::new();
    let mut weeks: BTreeMap<(i32, u32), Vec<String>> = BTreeMap::new();
    for (incident, reference) in incidents {
        let (all, kinds) = categories.entry(incident.kind.category()).or_default();
        all.push(reference.clone());
        kinds
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
            .map(|(category, (incidents, kinds))| {
                let by_kind: Vec<KindCount> = kinds
                    .into_iter()
                    .map(|(kind, incidents)| KindCount {
                        kind,
                        count: incidents.len(),
                        incidents,
                    })
                    .collect();
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
