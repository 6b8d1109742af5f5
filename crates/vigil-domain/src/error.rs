//! Validation errors and the error categories every layer maps to its own codes.

use std::fmt;

/// What kind of failure an error is, independent of how it is reported.
///
/// The CLI maps these to exit codes and the HTTP layer to status codes; the domain only says
/// which one applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCategory {
    /// The input breaks a rule of the domain (a latitude of 95, a start after its end).
    Validation,
    /// A record that was referred to does not exist.
    NotFound,
    /// The write clashes with what is stored (a changed immutable record, a stale version).
    Conflict,
    /// The actor may not do or see this.
    Forbidden,
    /// Storage or I/O failed; the input itself may be fine.
    Internal,
}

/// One broken rule: which field, and what was wrong with the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    /// The field as a user names it (`lat`, `casualties[2].low`, `valid_to`).
    pub field: String,
    /// What was expected, with the offending value where it helps (`95.5 is not a latitude (-90..90)`).
    pub problem: String,
}

impl ValidationError {
    pub fn new(field: impl Into<String>, problem: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            problem: problem.into(),
        }
    }

    /// The same error, with its field placed inside a parent (`casualties[1]` + `low`).
    pub fn within(mut self, parent: &str) -> Self {
        self.field = if self.field.is_empty() {
            parent.to_owned()
        } else {
            format!("{parent}.{}", self.field)
        };
        self
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            f.write_str(&self.problem)
        } else {
            write!(f, "{}: {}", self.field, self.problem)
        }
    }
}

impl std::error::Error for ValidationError {}

/// Collects every broken rule of a record, so a user sees all of them at once.
#[derive(Debug, Default)]
pub struct Problems(Vec<ValidationError>);

impl Problems {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, field: impl Into<String>, problem: impl Into<String>) {
        self.0.push(ValidationError::new(field, problem));
    }

    /// Records the error of a nested check, if any, under `parent`.
    pub fn check(&mut self, parent: &str, result: Result<(), Vec<ValidationError>>) {
        if let Err(errors) = result {
            self.0.extend(errors.into_iter().map(|e| e.within(parent)));
        }
    }

    pub fn finish(self) -> Result<(), Vec<ValidationError>> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.0)
        }
    }
}
