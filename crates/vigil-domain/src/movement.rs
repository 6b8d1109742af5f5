//! Humanitarian movements: convoys and medical evacuations along a route in a time window.

use crate::error::{Problems, ValidationError};
use crate::geo::Point;
use crate::ids::{MovementId, SourceId};
use crate::text::{check_name, check_optional_name};
use crate::time::TimeSpan;
use crate::vocab::{MovementKind, Sensitivity};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Movement {
    pub id: MovementId,
    pub kind: MovementKind,
    pub name: String,
    pub operator: Option<String>,
    /// The planned route, as a line of at least two points.
    pub route: Vec<Point>,
    /// Full width of the corridor around the route, in metres.
    pub corridor_width_m: f64,
    /// When the movement was to be on the road.
    pub window: TimeSpan,
    pub sensitivity: Sensitivity,
    pub source: Option<SourceId>,
}

impl Movement {
    pub fn validate(&self) -> Result<(), Vec<ValidationError>> {
        let mut problems = Problems::new();
        check_name(&mut problems, "name", &self.name);
        check_optional_name(&mut problems, "operator", self.operator.as_deref());
        if self.route.len() < 2 {
            problems.push(
                "route",
                format!("a route needs at least 2 points, got {}", self.route.len()),
            );
        }
        if !(self.corridor_width_m.is_finite() && self.corridor_width_m > 0.0) {
            problems.push(
                "corridor_width_m",
                format!("{} is not a width in metres (> 0)", self.corridor_width_m),
            );
        }
        problems.finish()
    }
}
