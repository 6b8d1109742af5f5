//! Ceasefires: parties, area, period and collapse.

use crate::error::{Problems, ValidationError};
use crate::ids::{AreaId, CeasefireId, PartyId, SourceId};
use crate::text::check_name;
use crate::time::{TimePrecision, TimeSpan, Timestamp};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ceasefire {
    pub id: CeasefireId,
    pub name: String,
    pub parties: Vec<PartyId>,
    /// The areas it covers; empty means the whole country of the parties.
    pub areas: Vec<AreaId>,
    pub start: Timestamp,
    pub planned_end: Option<Timestamp>,
    /// When it was declared over or plainly broke down.
    pub collapsed_at: Option<Timestamp>,
    pub source: Option<SourceId>,
}

impl Ceasefire {
    pub fn validate(&self) -> Result<(), Vec<ValidationError>> {
        let mut problems = Problems::new();
        check_name(&mut problems, "name", &self.name);
        if self.parties.is_empty() {
            problems.push("parties", "a ceasefire has at least one party");
        }
        for (field, value) in [
            ("planned_end", self.planned_end),
            ("collapsed_at", self.collapsed_at),
        ] {
            if let Some(value) = value {
                if value < self.start {
                    problems.push(field, format!("{value} is before the start {}", self.start));
                }
            }
        }
        problems.finish()
    }

    /// The period it held: from its start to its collapse, else its planned end, else open.
    pub fn in_force(&self) -> TimeSpan {
        let end = self
            .collapsed_at
            .or(self.planned_end)
            .unwrap_or(chrono::DateTime::<chrono::Utc>::MAX_UTC);
        TimeSpan::new(self.start, end.max(self.start), TimePrecision::Exact)
            .expect("end is clamped to the start")
    }
}
