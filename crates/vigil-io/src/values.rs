//! Reading and writing single values: numbers, dates, instants, `;`-separated lists.
//!
//! Messages say what was expected with an example, because the person reading them is fixing a
//! spreadsheet, not reading code.

use chrono::{DateTime, NaiveDate, SecondsFormat, Timelike, Utc};
use vigil_domain::Timestamp;

pub(crate) const DATE_EXAMPLE: &str = "expected a date like 2016-09-28";
pub(crate) const INSTANT_EXAMPLE: &str = "expected a date-time like 2016-09-28T14:30:00Z";

/// A decimal number; `NaN` and `inf` parse and are left to the domain rules to reject by range.
pub(crate) fn number(text: &str) -> Result<f64, String> {
    if text.is_empty() {
        return Err("a number is required".into());
    }
    text.parse::<f64>()
        .map_err(|_| format!("'{text}' is not a number"))
}

/// An ISO 8601 calendar date, `2016-09-28`.
pub(crate) fn date(text: &str) -> Result<NaiveDate, String> {
    if text.is_empty() {
        return Err(format!("a date is required ({DATE_EXAMPLE})"));
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("'{text}' is not a date ({DATE_EXAMPLE})"))
}

pub(crate) fn optional_date(text: &str) -> Result<Option<NaiveDate>, String> {
    if text.is_empty() {
        Ok(None)
    } else {
        date(text).map(Some)
    }
}

/// An RFC 3339 date-time in any offset, as UTC truncated to whole seconds (the domain's
/// resolution).
pub(crate) fn instant(text: &str) -> Result<Timestamp, String> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map(|t| t.with_nanosecond(0).unwrap_or(t))
        .map_err(|_| format!("'{text}' is not a date-time ({INSTANT_EXAMPLE})"))
}

/// A `start`/`end` value: a whole day or an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum When {
    Day(NaiveDate),
    Instant(Timestamp),
}

pub(crate) fn when(text: &str) -> Result<When, String> {
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Ok(When::Day(day));
    }
    // A date followed by more is meant as a date-time: say what a date-time looks like.
    let dated = text.len() > 10
        && text.is_char_boundary(10)
        && NaiveDate::parse_from_str(&text[..10], "%Y-%m-%d").is_ok();
    if dated {
        instant(text).map(When::Instant)
    } else if text.is_empty() {
        Err(format!("a date is required ({DATE_EXAMPLE})"))
    } else {
        Err(format!(
            "'{text}' is not a date ({DATE_EXAMPLE}, or a date-time like 2016-09-28T14:30:00Z)"
        ))
    }
}

/// The non-empty trimmed items of a `;`-separated list.
pub(crate) fn list(text: &str) -> impl Iterator<Item = &str> {
    text.split(';').map(str::trim).filter(|s| !s.is_empty())
}

/// `None` for an empty value.
pub(crate) fn optional_text(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_owned())
}

/// An instant as RFC 3339 in UTC with a `Z`, fractions only where there are any.
pub(crate) fn format_instant(t: &Timestamp) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// A float in its shortest form that reads back to the same value (`250`, not `250.0`).
pub(crate) fn format_number(x: f64) -> String {
    // Rust's `Display` for f64 is the shortest round-trip form and never uses an exponent.
    x.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_instants() {
        assert_eq!(date("2016-09-28").unwrap().to_string(), "2016-09-28");
        assert_eq!(
            date("28/09/2016").unwrap_err(),
            "'28/09/2016' is not a date (expected a date like 2016-09-28)"
        );
        let t = instant("2016-09-28T16:30:00.7+02:00").unwrap();
        assert_eq!(format_instant(&t), "2016-09-28T14:30:00Z");
        assert!(matches!(when("2016-09-28").unwrap(), When::Day(_)));
        assert!(matches!(
            when("2016-09-28T14:30:00Z").unwrap(),
            When::Instant(_)
        ));
        assert!(when("2016-09-28 14:30")
            .unwrap_err()
            .contains("date-time like"));
        assert!(when("yesterday")
            .unwrap_err()
            .contains("expected a date like 2016-09-28"));
    }

    #[test]
    fn numbers_are_written_short() {
        assert_eq!(format_number(250.0), "250");
        assert_eq!(format_number(36.2), "36.2");
        assert_eq!(format_number(37.123_456_789_012), "37.123456789012");
        assert_eq!(number("abc").unwrap_err(), "'abc' is not a number");
    }

    #[test]
    fn lists_drop_empty_items() {
        assert_eq!(list(" a ; ;b;").collect::<Vec<_>>(), vec!["a", "b"]);
    }
}
