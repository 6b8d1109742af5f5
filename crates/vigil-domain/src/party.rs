//! Parties: the warring parties and the other actors notifications go to or come from.

use crate::error::{Problems, ValidationError};
use crate::ids::PartyId;
use crate::text::check_name;
use crate::vocab::PartyKind;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Party {
    pub id: PartyId,
    pub name: String,
    pub kind: PartyKind,
}

impl Party {
    pub fn validate(&self) -> Result<(), Vec<ValidationError>> {
        let mut problems = Problems::new();
        check_name(&mut problems, "name", &self.name);
        problems.finish()
    }
}
