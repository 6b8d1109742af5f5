//! Identifier newtypes, so a site id can never be passed where an incident id is expected.
//!
//! Ids are the source's own where it has them (a dataset's event id, a coordinator's site code),
//! which is what makes re-importing the same file a no-op.

use crate::error::ValidationError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Longest id accepted; longer ones are almost always a wrong column.
pub const MAX_ID_LEN: usize = 200;

/// Checks the rules every id follows: not empty, no surrounding space, no control characters.
pub fn check_id(value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Err("an id may not be empty".into());
    }
    if value.len() > MAX_ID_LEN {
        return Err(format!("an id may have at most {MAX_ID_LEN} bytes"));
    }
    if value.trim() != value {
        return Err(format!("id '{value}' has leading or trailing spaces"));
    }
    if value.chars().any(char::is_control) {
        return Err("an id may not contain control characters".into());
    }
    Ok(())
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Makes an id, checking the rules of [`check_id`].
            pub fn new(value: impl Into<String>) -> Result<Self, ValidationError> {
                let value = value.into();
                check_id(&value).map_err(|p| ValidationError::new("id", p))?;
                Ok(Self(value))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::str::FromStr for $name {
            type Err = ValidationError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::new(s)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = ValidationError;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::new(value)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

id_type!(/// A protected site (hospital, school, civil-defence centre, …).
    SiteId);
id_type!(/// A humanitarian movement (convoy, medical evacuation).
    MovementId);
id_type!(/// A notification; its versions share the id.
    NotificationId);
id_type!(/// A party to the conflict, or another actor that sends or receives notifications.
    PartyId);
id_type!(/// An area: administrative unit (its P-code), neighbourhood or zone.
    AreaId);
id_type!(/// A source: report, article, witness, image, statement or dataset row.
    SourceId);
id_type!(/// An incident, built from one or more reports.
    IncidentId);
id_type!(/// An immutable report of what one source said.
    ReportId);
id_type!(/// A sourced statement: claim, denial or admission.
    StatementId);
id_type!(/// A ceasefire or truce.
    CeasefireId);
id_type!(/// A period of control of an area by a party.
    ZoneId);
