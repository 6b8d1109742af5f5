//! Storage errors, each with the category callers map to exit or status codes.

use vigil_domain::{ErrorCategory, ValidationError};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A record broke a domain rule (checked again at the storage boundary).
    #[error("{what} {id}: {errors}")]
    Invalid {
        what: &'static str,
        id: String,
        errors: ValidationErrors,
    },
    /// A record refers to one that does not exist.
    #[error("{what} '{id}' does not exist")]
    NotFound { what: &'static str, id: String },
    /// The write clashes with what is stored.
    #[error("{0}")]
    Conflict(String),
    /// The database could not be opened, read or written.
    #[error("database error: {0}")]
    Backend(String),
    /// The database gave up the transaction because of a concurrent one (a serialization
    /// failure or a deadlock). Nothing of it was kept; running the whole transaction again
    /// can succeed ([`StoreError::is_retryable`]).
    #[error("the database abandoned the transaction because of a concurrent one: {0}")]
    Retry(String),
}

impl StoreError {
    pub fn category(&self) -> ErrorCategory {
        match self {
            StoreError::Invalid { .. } => ErrorCategory::Validation,
            StoreError::NotFound { .. } => ErrorCategory::NotFound,
            StoreError::Conflict(_) => ErrorCategory::Conflict,
            StoreError::Backend(_) | StoreError::Retry(_) => ErrorCategory::Internal,
        }
    }

    /// Whether running the whole transaction again may succeed.
    pub fn is_retryable(&self) -> bool {
        matches!(self, StoreError::Retry(_))
    }

    pub fn invalid(what: &'static str, id: impl ToString, errors: Vec<ValidationError>) -> Self {
        StoreError::Invalid {
            what,
            id: id.to_string(),
            errors: ValidationErrors(errors),
        }
    }

    pub fn not_found(what: &'static str, id: impl ToString) -> Self {
        StoreError::NotFound {
            what,
            id: id.to_string(),
        }
    }
}

/// Several validation errors, shown joined by "; ".
#[derive(Debug)]
pub struct ValidationErrors(pub Vec<ValidationError>);

impl std::fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        f.write_str(&parts.join("; "))
    }
}

pub type StoreResult<T> = Result<T, StoreError>;
