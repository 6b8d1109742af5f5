//! Sources: where every fact comes from.

use crate::error::{Problems, ValidationError};
use crate::ids::SourceId;
use crate::text::{check_optional_name, check_text, MAX_TITLE_LEN};
use crate::vocab::SourceKind;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A report, article, witness, image, official statement or dataset row that facts cite.
///
/// A source marked `protected` (every witness is) has an identity that only monitors and admins
/// may see; `title` and `publisher` then hold that identity and must not be published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub id: SourceId,
    pub kind: SourceKind,
    pub title: String,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub published_on: Option<NaiveDate>,
    /// Whether the identity behind this source must be withheld from every role but monitors
    /// and admins.
    pub protected: bool,
}

impl Source {
    pub fn validate(&self) -> Result<(), Vec<ValidationError>> {
        let mut problems = Problems::new();
        check_text(&mut problems, "title", &self.title, MAX_TITLE_LEN);
        check_optional_name(&mut problems, "publisher", self.publisher.as_deref());
        if let Some(url) = &self.url {
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                problems.push("url", format!("'{url}' is not an http(s) address"));
            }
        }
        if self.kind == SourceKind::Witness && !self.protected {
            problems.push("protected", "a witness's identity is always protected");
        }
        problems.finish()
    }
}
