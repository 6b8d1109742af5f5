//! The stored findings about the report's incidents, summarised; listed one by one for staff.

use crate::report::{FindingRef, FindingSummary, StrengthCount};
use std::collections::{BTreeMap, HashMap, HashSet};
use vigil_domain::policy::SitrepView;
use vigil_domain::{Finding, FindingKind, IncidentId};

/// `refs`: the report's incidents and how the report refers to them.
pub(crate) fn summary(
    findings: &[Finding],
    refs: &HashMap<&IncidentId, &str>,
    kinds: &[FindingKind],
    view: SitrepView,
) -> FindingSummary {
    let mut count = 0;
    let mut incidents = HashSet::new();
    let mut subjects = HashSet::new();
    let mut strengths = BTreeMap::new();
    let mut items = Vec::new();
    for finding in findings {
        let Some(reference) = refs.get(&finding.incident) else {
            continue;
        };
        if !kinds.contains(&finding.kind) {
            continue;
        }
        count += 1;
        incidents.insert(&finding.incident);
        subjects.insert(&finding.subject);
        *strengths.entry(finding.strength).or_insert(0) += 1;
        if view.record_ids {
            items.push(FindingRef {
                kind: finding.kind,
                strength: finding.strength,
                incident: (*reference).to_owned(),
                subject: finding.subject.clone(),
                notification: finding.notification.as_ref().map(|n| n.id.clone()),
                days_before: finding.notification.as_ref().map(|n| n.days_before),
                explanation: finding.explanation.clone(),
            });
        }
    }
    FindingSummary {
        findings: count,
        incidents: incidents.len(),
        subjects: subjects.len(),
        by_strength: strengths
            .into_iter()
            .map(|(strength, count)| StrengthCount { strength, count })
            .collect(),
        items,
    }
}
