//! Rules shared by free-text fields.

use crate::error::Problems;

/// Longest free text accepted in a name or title.
pub const MAX_NAME_LEN: usize = 500;

/// Longest title of a source: citations, and the explanation an illustrative record owes.
pub const MAX_TITLE_LEN: usize = 2_000;

/// A required name: not blank, not absurdly long.
pub fn check_name(problems: &mut Problems, field: &str, value: &str) {
    check_text(problems, field, value, MAX_NAME_LEN);
}

/// A required text of at most `max` bytes.
pub fn check_text(problems: &mut Problems, field: &str, value: &str, max: usize) {
    if value.trim().is_empty() {
        problems.push(field, "may not be empty");
    } else if value.len() > max {
        problems.push(field, format!("may have at most {max} bytes"));
    }
}

/// An optional name: if present, the rules of [`check_name`].
pub fn check_optional_name(problems: &mut Problems, field: &str, value: Option<&str>) {
    if let Some(value) = value {
        check_name(problems, field, value);
    }
}
