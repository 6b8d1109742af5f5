//! When: instants, spans with their precision, and day windows with both days included.
//!
//! Time precision is its own type, distinct from geo precision, so the two cannot be swapped.
//! All instants are UTC with one-second resolution.

use crate::error::ValidationError;
use crate::vocab::vocabulary;
use chrono::{DateTime, Days, NaiveDate, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

/// An instant, UTC.
pub type Timestamp = DateTime<Utc>;

vocabulary!(
    /// How precisely the time of an event is known.
    TimePrecision, "time precision" {
        Exact = "exact",
        Hour = "hour",
        Day = "day",
        Week = "week",
        Month = "month",
        Year = "year",
    }
);

/// The first second of a day.
pub fn start_of_day(day: NaiveDate) -> Timestamp {
    Utc.from_utc_datetime(&day.and_time(NaiveTime::MIN))
}

/// The last second of a day, so a closed span ending there covers the whole day.
pub fn end_of_day(day: NaiveDate) -> Timestamp {
    let last = NaiveTime::from_hms_opt(23, 59, 59).expect("23:59:59 is a time");
    Utc.from_utc_datetime(&day.and_time(last))
}

/// A closed span of time `[start, end]` and how precisely it is known.
///
/// An exact instant has `start == end`; "28 September 2016" is the whole of that day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeSpan {
    start: Timestamp,
    end: Timestamp,
    precision: TimePrecision,
}

impl TimeSpan {
    pub fn new(
        start: Timestamp,
        end: Timestamp,
        precision: TimePrecision,
    ) -> Result<Self, ValidationError> {
        if start > end {
            return Err(ValidationError::new(
                "end",
                format!(
                    "{} is before the start {}",
                    end.format("%Y-%m-%dT%H:%M:%SZ"),
                    start.format("%Y-%m-%dT%H:%M:%SZ")
                ),
            ));
        }
        Ok(Self {
            start,
            end,
            precision,
        })
    }

    /// Whole days, both included.
    pub fn days(first: NaiveDate, last: NaiveDate) -> Result<Self, ValidationError> {
        if first > last {
            return Err(ValidationError::new(
                "end",
                format!("{last} is before the start {first}"),
            ));
        }
        Self::new(start_of_day(first), end_of_day(last), TimePrecision::Day)
    }

    pub fn start(&self) -> Timestamp {
        self.start
    }

    pub fn end(&self) -> Timestamp {
        self.end
    }

    pub fn precision(&self) -> TimePrecision {
        self.precision
    }

    /// Whether the two closed spans share at least one instant.
    pub fn overlaps(&self, other: &TimeSpan) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    /// Whether the span starts and ends on day boundaries, so it can be written as dates.
    pub fn is_whole_days(&self) -> bool {
        self.start == start_of_day(self.start.date_naive())
            && self.end == end_of_day(self.end.date_naive())
    }
}

/// A validity window of whole days, both included; an open end means "still in force".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayWindow {
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
}

impl DayWindow {
    pub fn new(from: NaiveDate, to: Option<NaiveDate>) -> Result<Self, ValidationError> {
        if let Some(to) = to {
            if to < from {
                return Err(ValidationError::new(
                    "valid_to",
                    format!("{to} is before valid_from {from}"),
                ));
            }
        }
        Ok(Self { from, to })
    }

    /// The window as a span of instants; an open end reaches the end of representable time.
    pub fn as_span(&self) -> TimeSpan {
        let end = match self.to {
            Some(to) => end_of_day(to),
            None => DateTime::<Utc>::MAX_UTC,
        };
        TimeSpan {
            start: start_of_day(self.from),
            end,
            precision: TimePrecision::Day,
        }
    }

    /// Whether the window is in force at some instant of `span`.
    pub fn in_force_during(&self, span: &TimeSpan) -> bool {
        self.as_span().overlaps(span)
    }

    /// The number of whole days the window lasts, if it is closed.
    pub fn len_days(&self) -> Option<u64> {
        self.to
            .map(|to| (to - self.from).num_days().unsigned_abs() + 1)
    }
}

/// The day after `day` (saturating at the end of the calendar).
pub fn next_day(day: NaiveDate) -> NaiveDate {
    day.checked_add_days(Days::new(1)).unwrap_or(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn start_after_end_is_rejected_with_both_dates() {
        let err = TimeSpan::days(d("2016-09-29"), d("2016-09-28")).unwrap_err();
        assert_eq!(err.field, "end");
        assert_eq!(err.problem, "2016-09-28 is before the start 2016-09-29");
    }

    #[test]
    fn a_day_end_covers_the_whole_day() {
        let span = TimeSpan::days(d("2016-09-28"), d("2016-09-28")).unwrap();
        assert!(span.is_whole_days());
        let evening = Utc.with_ymd_and_hms(2016, 9, 28, 22, 30, 0).unwrap();
        let instant = TimeSpan::new(evening, evening, TimePrecision::Exact).unwrap();
        assert!(span.overlaps(&instant));
    }

    #[test]
    fn window_with_both_days_included() {
        let window = DayWindow::new(d("2016-09-01"), Some(d("2016-09-28"))).unwrap();
        let on_last_day = TimeSpan::days(d("2016-09-28"), d("2016-09-28")).unwrap();
        let day_after = TimeSpan::days(d("2016-09-29"), d("2016-09-29")).unwrap();
        assert!(window.in_force_during(&on_last_day));
        assert!(!window.in_force_during(&day_after));
        assert_eq!(window.len_days(), Some(28));
        let open = DayWindow::new(d("2016-09-01"), None).unwrap();
        assert!(open.in_force_during(&day_after));
    }

    #[test]
    fn window_ending_before_it_starts_is_rejected() {
        let err = DayWindow::new(d("2016-09-10"), Some(d("2016-09-01"))).unwrap_err();
        assert_eq!(err.field, "valid_to");
    }

    #[test]
    fn unknown_time_precision_is_explained() {
        let err = "fortnight".parse::<TimePrecision>().unwrap_err();
        assert!(err
            .problem
            .starts_with("unknown time precision 'fortnight'"));
    }
}
