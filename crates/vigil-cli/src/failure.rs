//! How the command fails: a message for the user and an exit code a script can test.
//!
//! Exit codes: 0 success; 1 database or I/O failure; 2 wrong usage (from clap);
//! 3 input rejected (bad rows, malformed file); 4 not found; 5 conflict with stored data.

use std::fmt;
use vigil_domain::ErrorCategory;
use vigil_store::StoreError;

#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub message: String,
}

pub const EXIT_INTERNAL: u8 = 1;
pub const EXIT_USAGE: u8 = 2;
pub const EXIT_INPUT: u8 = 3;
pub const EXIT_NOT_FOUND: u8 = 4;
pub const EXIT_CONFLICT: u8 = 5;
/// Something stored was found damaged or altered (`vigil verify`, an export of a damaged
/// original).
pub const EXIT_DAMAGED: u8 = 6;

impl Failure {
    pub fn new(code: u8, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }

    pub fn input(message: impl Into<String>) -> Self {
        Self::new(EXIT_INPUT, message)
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(EXIT_INTERNAL, message)
    }
}

pub fn exit_code(category: ErrorCategory) -> u8 {
    match category {
        ErrorCategory::Validation => EXIT_INPUT,
        ErrorCategory::NotFound => EXIT_NOT_FOUND,
        ErrorCategory::Conflict => EXIT_CONFLICT,
        ErrorCategory::Forbidden | ErrorCategory::Internal => EXIT_INTERNAL,
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        Failure::new(exit_code(e.category()), e.to_string())
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        // A closed pipe (`vigil export | head`) is not worth an error message.
        Failure::internal(format!("I/O error: {e}"))
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

pub type CliResult<T = ()> = Result<T, Failure>;
