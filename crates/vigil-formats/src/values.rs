//! Single values as exports write them: dates in the many spellings real files use (ISO 8601,
//! day-first `29/12/2015`, `29-December-2015`, Excel serial numbers), counts, and the precision
//! codes of each publisher.

use chrono::{Datelike, Duration, NaiveDate};
use vigil_domain::{GeoPrecision, TimePrecision};

/// The layout a file is in, as far as its value codes differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// A spreadsheet with an HXL hashtag row (HDX, Insecurity Insight).
    Hxl,
    /// An ACLED export, in the current lower-case layout or the old upper-case one.
    Acled,
    /// A UCDP Georeferenced Event Dataset (GED) export.
    Ucdp,
    /// Any other table whose columns a mapping file names.
    Mapped,
}

impl Layout {
    pub fn name(self) -> &'static str {
        match self {
            Layout::Hxl => "HXL spreadsheet",
            Layout::Acled => "ACLED export",
            Layout::Ucdp => "UCDP GED export",
            Layout::Mapped => "mapped spreadsheet",
        }
    }
}

/// The first and last day 1899-12-30 + N can name in Excel (serial 1 to 9999-12-31).
const EXCEL_SERIALS: std::ops::RangeInclusive<f64> = 1.0..=2_958_465.0;

/// A calendar day. Accepted: `2016-09-28` (with or without a time after it), `28/09/2016` and
/// `28-09-2016` (day first, as ACLED and most humanitarian data sets write it),
/// `28 September 2016`, `28-Sep-2016`, `September 28, 2016`, and an Excel serial day number
/// (`42641`, as a date column reads when its cells lost their date format).
pub(crate) fn day(text: &str) -> Result<NaiveDate, String> {
    let text = text.trim();
    let head = text.split(['T', ' ']).next().unwrap_or(text);
    if let Ok(d) = NaiveDate::parse_from_str(head, "%Y-%m-%d") {
        return Ok(d);
    }
    for format in [
        "%d/%m/%Y",
        "%d-%m-%Y",
        "%d.%m.%Y",
        "%d %B %Y",
        "%d-%B-%Y",
        "%d %b %Y",
        "%d-%b-%Y",
        "%B %d, %Y",
        "%b %d, %Y",
        "%Y/%m/%d",
    ] {
        if let Ok(d) = NaiveDate::parse_from_str(text, format) {
            return Ok(d);
        }
    }
    if let Ok(serial) = text.parse::<f64>() {
        if EXCEL_SERIALS.contains(&serial) {
            let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).expect("a valid date");
            return Ok(epoch + Duration::days(serial.floor() as i64));
        }
    }
    Err(format!(
        "'{text}' is not a date (expected e.g. 2016-09-28, 28/09/2016, 28 September 2016 or an \
         Excel day number)"
    ))
}

/// A whole number of people or events: `3`, `3.0` (as spreadsheets store it), empty is none.
pub(crate) fn count(text: &str) -> Result<Option<u32>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let bad = || format!("'{text}' is not a whole number of at least 0");
    let number: f64 = text.parse().map_err(|_| bad())?;
    if number.fract() != 0.0 || !(0.0..=f64::from(u32::MAX)).contains(&number) {
        return Err(bad());
    }
    Ok(Some(number as u32))
}

/// A coordinate: a decimal number.
pub(crate) fn coordinate(text: &str) -> Result<f64, String> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
        .ok_or_else(|| format!("'{}' is not a number of degrees", text.trim()))
}

/// A geo precision as a publisher codes it.
///
/// - ACLED `GEO_PRECISION`: 1 the town itself (within 5 km), 2 near the town (within 25 km),
///   3 only a larger region (district).
/// - UCDP `where_prec`: 1 exact place (within 1 km), 2 within 25 km, 3 second-order
///   administrative division (district), 4 first-order (governorate), 5 a line or vague area
///   (district), 6 country, 7 international waters or airspace (country).
/// - Text, as Insecurity Insight and other HXL files write it: `(2) 25 km Precision` (within
///   25 km), `(3) District, …`, `(4) Province, State, Governorate`, `(5) Linear Feature …` and
///   `(7) Estimated Sea/Air Coordinates` (district: no radius is stated, so no site-level claim),
///   `(6) Country`; or Vigil's own words (`exact`, `250m`, `neighbourhood`, `governorate` …).
pub(crate) fn geo_precision(layout: Layout, text: &str) -> Result<GeoPrecision, String> {
    let text = text.trim();
    let code = text
        .parse::<f64>()
        .ok()
        .filter(|x| x.fract() == 0.0)
        .map(|x| x as i64);
    match (layout, code) {
        (Layout::Acled, Some(1)) => return Ok(GeoPrecision::WithinMeters(5_000)),
        (Layout::Acled, Some(2)) => return Ok(GeoPrecision::WithinMeters(25_000)),
        (Layout::Acled, Some(3)) => return Ok(GeoPrecision::District),
        (Layout::Ucdp, Some(1)) => return Ok(GeoPrecision::WithinMeters(1_000)),
        (Layout::Ucdp, Some(2)) => return Ok(GeoPrecision::WithinMeters(25_000)),
        (Layout::Ucdp, Some(3) | Some(5)) => return Ok(GeoPrecision::District),
        (Layout::Ucdp, Some(4)) => return Ok(GeoPrecision::Governorate),
        (Layout::Ucdp, Some(6) | Some(7)) => return Ok(GeoPrecision::Country),
        _ => {}
    }
    let lower = text.to_lowercase();
    // `(2) 25 km Precision`: the words after the code say what the code means.
    let words = match lower
        .strip_prefix('(')
        .and_then(|rest| rest.split_once(')'))
    {
        Some((_, words)) => words.trim(),
        None => lower.as_str(),
    };
    if let Some(km) = words
        .split_whitespace()
        .zip(words.split_whitespace().skip(1))
        .find(|(_, unit)| unit.starts_with("km"))
        .and_then(|(n, _)| n.parse::<f64>().ok())
    {
        return Ok(GeoPrecision::WithinMeters((km * 1000.0).round() as u32));
    }
    let has = |w: &str| words.contains(w);
    let precision = if has("sub-district") || has("subdistrict") || has("sub district") {
        GeoPrecision::SubDistrict
    } else if has("district") || has("commune") || has("municipality") || has("county") {
        GeoPrecision::District
    } else if has("province") || has("governorate") || has("state") || has("region") {
        GeoPrecision::Governorate
    } else if has("country") || has("national") {
        GeoPrecision::Country
    } else if has("linear") || has("sea") || has("air") || has("estimated") {
        GeoPrecision::District
    } else if has("neighbourhood") || has("neighborhood") {
        GeoPrecision::Neighbourhood
    } else if has("exact") {
        GeoPrecision::Exact
    } else {
        return words.parse::<GeoPrecision>().map_err(|_| {
            format!(
                "'{text}' is not a geo precision this reader knows (e.g. '(2) 25 km Precision', \
                 'District', 'Country', 'exact', '250m')"
            )
        });
    };
    Ok(precision)
}

/// The days an event reported on `date` may have happened on, and how precisely, from a
/// publisher's time-precision code.
///
/// - ACLED `TIME_PRECISION`: 1 that day; 2 that week (the date ±3 days); 3 that month.
/// - UCDP `date_prec` (with `date_start`/`date_end` giving the days): 1 day, 2–3 week, 4 month,
///   5 longer (year).
/// - Otherwise the words `day`, `week`, `month`, `year`.
pub(crate) fn time_span(
    layout: Layout,
    text: &str,
    start: NaiveDate,
    end: NaiveDate,
) -> Result<(NaiveDate, NaiveDate, TimePrecision), String> {
    let text = text.trim();
    let code = text
        .parse::<f64>()
        .ok()
        .filter(|x| x.fract() == 0.0)
        .map(|x| x as i64);
    let month = |d: NaiveDate| {
        let first = d.with_day(1).expect("day 1 exists");
        let next = if d.month() == 12 {
            NaiveDate::from_ymd_opt(d.year() + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1)
        }
        .expect("a valid date");
        (first, next - Duration::days(1))
    };
    Ok(match (layout, code) {
        (_, None) if text.is_empty() => (start, end, TimePrecision::Day),
        (Layout::Acled, Some(1)) => (start, end, TimePrecision::Day),
        (Layout::Acled, Some(2)) => (
            start - Duration::days(3),
            end + Duration::days(3),
            TimePrecision::Week,
        ),
        (Layout::Acled, Some(3)) => {
            let (first, _) = month(start);
            let (_, last) = month(end);
            (first, last, TimePrecision::Month)
        }
        (Layout::Ucdp, Some(1)) => (start, end, TimePrecision::Day),
        (Layout::Ucdp, Some(2) | Some(3)) => (start, end, TimePrecision::Week),
        (Layout::Ucdp, Some(4)) => (start, end, TimePrecision::Month),
        (Layout::Ucdp, Some(5)) => (start, end, TimePrecision::Year),
        _ => {
            let precision: TimePrecision = text.to_lowercase().parse().map_err(|_| {
                format!(
                    "'{text}' is not a time precision this reader knows (day, week, month, year)"
                )
            })?;
            (start, end, precision)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_in_the_spellings_of_real_files() {
        assert_eq!(day("2016-09-28").unwrap(), d(2016, 9, 28));
        assert_eq!(day("2016-09-28 00:00:00").unwrap(), d(2016, 9, 28));
        assert_eq!(day("29/12/2015").unwrap(), d(2015, 12, 29));
        assert_eq!(day("29 December 2015").unwrap(), d(2015, 12, 29));
        assert_eq!(day("29-Dec-2015").unwrap(), d(2015, 12, 29));
        // Excel's day 42822 is 2017-03-28.
        assert_eq!(day("42822").unwrap(), d(2017, 3, 28));
        assert!(day("yesterday")
            .unwrap_err()
            .contains("'yesterday' is not a date"));
    }

    #[test]
    fn precision_strings_of_insecurity_insight() {
        let p = |t| geo_precision(Layout::Hxl, t).unwrap();
        assert_eq!(
            p("(2) 25 km Precision "),
            GeoPrecision::WithinMeters(25_000)
        );
        assert_eq!(
            p("(3) District, Communicipality or Commune "),
            GeoPrecision::District
        );
        assert_eq!(
            p("(4) Province, State, Governorate "),
            GeoPrecision::Governorate
        );
        assert_eq!(p("(6) Country"), GeoPrecision::Country);
        assert_eq!(
            p("(5) Linear Feature e.g. Along Road/River "),
            GeoPrecision::District
        );
        assert_eq!(p("250m"), GeoPrecision::WithinMeters(250));
        assert!(geo_precision(Layout::Hxl, "(9) Somewhere").is_err());
    }

    #[test]
    fn publisher_codes() {
        assert_eq!(
            geo_precision(Layout::Acled, "1").unwrap(),
            GeoPrecision::WithinMeters(5_000)
        );
        assert_eq!(
            geo_precision(Layout::Ucdp, "4").unwrap(),
            GeoPrecision::Governorate
        );
        let (a, b, p) = time_span(Layout::Acled, "3", d(2016, 2, 10), d(2016, 2, 10)).unwrap();
        assert_eq!(
            (a, b, p),
            (d(2016, 2, 1), d(2016, 2, 29), TimePrecision::Month)
        );
        let (a, b, _) = time_span(Layout::Acled, "2", d(2016, 2, 10), d(2016, 2, 10)).unwrap();
        assert_eq!((a, b), (d(2016, 2, 7), d(2016, 2, 13)));
    }

    #[test]
    fn counts_are_whole_numbers() {
        assert_eq!(count("3.0").unwrap(), Some(3));
        assert_eq!(count("").unwrap(), None);
        assert!(count("-1").is_err());
        assert!(count("2.5").is_err());
    }
}
