//! Incidents, the immutable reports they are built from, casualties, attributions, statements.

use crate::category::IncidentKind;
use crate::error::{Problems, ValidationError};
use crate::geo::Location;
use crate::ids::{
    AreaId, IncidentId, MovementId, PartyId, ReportId, SiteId, SourceId, StatementId,
};
use crate::text::{check_name, check_optional_name};
use crate::time::{TimeSpan, Timestamp};
use crate::vocab::{
    AttributionGrade, CasualtyGroup, Certainty, Damage, Outcome, StatementKind, TargetKind,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// What one source said, kept as it was received. Never changed once stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub id: ReportId,
    pub source: SourceId,
    pub received_at: Timestamp,
    pub summary: String,
    /// The record as the source gave it (a dataset row, a form), for the audit trail.
    pub content: ReportContent,
}

/// A report's content: JSON text, kept byte for byte as it was first written, so what was
/// received (and any digest of it) never changes by being parsed and written again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportContent(String);

impl ReportContent {
    /// Content from a JSON value.
    pub fn from_value(value: &serde_json::Value) -> Self {
        Self(value.to_string())
    }

    /// Content from JSON text, checked to be JSON.
    pub fn from_json_text(text: impl Into<String>) -> Result<Self, ValidationError> {
        let text = text.into();
        serde_json::from_str::<serde::de::IgnoredAny>(&text)
            .map_err(|e| ValidationError::new("content", format!("is not JSON: {e}")))?;
        Ok(Self(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The content parsed, for reading its fields.
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::from_str(&self.0).expect("checked to be JSON when made")
    }
}

impl Serialize for ReportContent {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_value().serialize(s)
    }
}

impl<'de> Deserialize<'de> for ReportContent {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Self::from_value(&serde_json::Value::deserialize(d)?))
    }
}

impl Report {
    pub fn validate(&self) -> Result<(), Vec<ValidationError>> {
        let mut problems = Problems::new();
        if self.summary.len() > 100_000 {
            problems.push("summary", "may have at most 100000 bytes");
        }
        problems.finish()
    }
}

/// What an incident hit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    Site(SiteId),
    Movement(MovementId),
    Kind(TargetKind),
}

/// A count as a source gives it: low, best and high estimates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Range {
    pub low: u32,
    pub best: u32,
    pub high: u32,
}

impl Range {
    pub fn new(low: u32, best: u32, high: u32) -> Result<Self, Vec<ValidationError>> {
        let range = Self { low, best, high };
        range.validate()?;
        Ok(range)
    }

    pub fn exact(n: u32) -> Self {
        Self {
            low: n,
            best: n,
            high: n,
        }
    }

    pub fn validate(&self) -> Result<(), Vec<ValidationError>> {
        let mut problems = Problems::new();
        if self.low > self.best {
            problems.push("low", format!("{} is above best {}", self.low, self.best));
        }
        if self.best > self.high {
            problems.push("high", format!("{} is below best {}", self.high, self.best));
        }
        problems.finish()
    }
}

/// One casualty figure: who, what happened to them, how many, and who says so.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CasualtyFigure {
    pub group: CasualtyGroup,
    pub outcome: Outcome,
    pub count: Range,
    pub source: Option<SourceId>,
}

/// One party alleged to be responsible, with a grade and the sources behind it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    pub party: PartyId,
    pub grade: AttributionGrade,
    pub sources: Vec<SourceId>,
}

/// An attack or other incident, built from one or more reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    pub id: IncidentId,
    pub title: Option<String>,
    pub kind: IncidentKind,
    pub when: TimeSpan,
    pub location: Location,
    pub area: Option<AreaId>,
    pub weapon: Option<String>,
    pub targets: Vec<Target>,
    pub damage: Option<Damage>,
    /// How sure it is that the incident happened (not who did it).
    pub certainty: Certainty,
    pub casualties: Vec<CasualtyFigure>,
    pub attributions: Vec<Attribution>,
    pub description: Option<String>,
    /// The reports this incident was built from; at least one.
    pub reports: Vec<ReportId>,
}

impl Incident {
    pub fn validate(&self) -> Result<(), Vec<ValidationError>> {
        let mut problems = Problems::new();
        check_optional_name(&mut problems, "title", self.title.as_deref());
        check_optional_name(&mut problems, "weapon", self.weapon.as_deref());
        problems.check("location", self.location.validate());
        for (i, figure) in self.casualties.iter().enumerate() {
            problems.check(&format!("casualties[{i}]"), figure.count.validate());
        }
        let mut seen = BTreeSet::new();
        for figure in &self.casualties {
            let key = (figure.group, figure.outcome, figure.source.clone());
            if !seen.insert(key) {
                problems.push(
                    "casualties",
                    format!(
                        "{} {} is given twice for the same source",
                        figure.group, figure.outcome
                    ),
                );
            }
        }
        let mut parties = BTreeSet::new();
        for attribution in &self.attributions {
            if !parties.insert(&attribution.party) {
                problems.push(
                    "attributions",
                    format!("party '{}' is attributed twice", attribution.party),
                );
            }
        }
        let mut targets = BTreeSet::new();
        for target in &self.targets {
            if !targets.insert(target) {
                problems.push("targets", format!("{target:?} is listed twice"));
            }
        }
        if self.reports.is_empty() {
            problems.push("reports", "an incident is built from at least one report");
        }
        problems.finish()
    }

    /// The sites this incident names as hit.
    pub fn target_sites(&self) -> impl Iterator<Item = &SiteId> {
        self.targets.iter().filter_map(|t| match t {
            Target::Site(id) => Some(id),
            _ => None,
        })
    }
}

/// A party's claim, denial or admission about an incident, as a source records it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    pub id: StatementId,
    pub incident: IncidentId,
    pub party: Option<PartyId>,
    pub kind: StatementKind,
    pub made_on: NaiveDate,
    pub summary: String,
    pub source: SourceId,
}

impl Statement {
    pub fn validate(&self) -> Result<(), Vec<ValidationError>> {
        let mut problems = Problems::new();
        check_name(&mut problems, "summary", &self.summary);
        problems.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn low_above_best_and_high_below_best_are_rejected() {
        let errors = Range::new(10, 5, 20).unwrap_err();
        assert_eq!(errors[0].to_string(), "low: 10 is above best 5");
        let errors = Range::new(1, 5, 4).unwrap_err();
        assert_eq!(errors[0].to_string(), "high: 4 is below best 5");
        assert!(Range::new(3, 3, 3).is_ok());
    }
}
