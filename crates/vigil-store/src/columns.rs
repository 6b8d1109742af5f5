//! The text forms of values in the columns of Vigil's schema, shared by every SQL backend so
//! that each stores the same text (a copy moved between backends with `vigil migrate` reads
//! and proves the same): instants as fixed-width `YYYY-MM-DDTHH:MM:SSZ`, days as
//! `YYYY-MM-DD`, geometries as GeoJSON, lists as JSON, and the errors for a stored value that
//! does not parse.

use crate::StoreError;
use chrono::{DateTime, NaiveDate, Utc};
use std::str::FromStr;
use vigil_domain::Timestamp;

/// `YYYY-MM-DDTHH:MM:SSZ`. Written by hand: chrono's `format` re-parses its pattern on every
/// call, which showed in import profiles.
pub fn instant(t: &Timestamp) -> String {
    use chrono::{Datelike, Timelike};
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// The first and last instants the text form orders correctly (years 0000-9999); every stored
/// instant lies between them.
pub const FIRST_INSTANT: &str = "0000-01-01T00:00:00Z";
pub const LAST_INSTANT: &str = "9999-12-31T23:59:59Z";

/// A search's lower bound `t` as a stored instant to compare stored ones with (`>=`): rounded
/// up to a whole second, so that a stored whole second compares with it as with `t`, and kept
/// within [`FIRST_INSTANT`]..[`LAST_INSTANT`].
pub fn lower_bound(t: Timestamp) -> String {
    use chrono::Timelike;
    let whole = t.with_nanosecond(0).expect("0 ns is valid");
    let up = if whole < t {
        whole + chrono::Duration::seconds(1)
    } else {
        whole
    };
    within_text_years(up)
}

/// A search's upper bound `t` as a stored instant to compare stored ones with (`<=`): rounded
/// down to a whole second, and kept within [`FIRST_INSTANT`]..[`LAST_INSTANT`].
pub fn upper_bound(t: Timestamp) -> String {
    use chrono::Timelike;
    within_text_years(t.with_nanosecond(0).expect("0 ns is valid"))
}

fn within_text_years(t: Timestamp) -> String {
    use chrono::Datelike;
    match t.year() {
        y if y < 0 => FIRST_INSTANT.to_owned(),
        y if y > 9999 => LAST_INSTANT.to_owned(),
        _ => instant(&t),
    }
}

pub fn day(d: &NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// A value read back from the database that does not parse means it was altered or
/// written by something else; it is reported, never papered over.
pub fn corrupt(column: &str, value: &str, problem: impl std::fmt::Display) -> StoreError {
    StoreError::Backend(format!(
        "stored value '{value}' in column {column} is not valid: {problem}"
    ))
}

pub fn parse_instant(column: &str, text: &str) -> Result<Timestamp, StoreError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| corrupt(column, text, e))
}

pub fn parse_day(column: &str, text: &str) -> Result<NaiveDate, StoreError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|e| corrupt(column, text, e))
}

pub fn parse<T>(column: &str, text: &str) -> Result<T, StoreError>
where
    T: FromStr,
    T::Err: std::fmt::Display,
{
    text.parse().map_err(|e| corrupt(column, text, e))
}

pub fn opt_instant(column: &str, text: Option<String>) -> Result<Option<Timestamp>, StoreError> {
    text.map(|t| parse_instant(column, &t)).transpose()
}

pub fn opt_day(column: &str, text: Option<String>) -> Result<Option<NaiveDate>, StoreError> {
    text.map(|t| parse_day(column, &t)).transpose()
}

pub fn opt_parse<T>(column: &str, text: Option<String>) -> Result<Option<T>, StoreError>
where
    T: FromStr,
    T::Err: std::fmt::Display,
{
    text.map(|t| parse(column, &t)).transpose()
}

/// An optional key column: `''` stands for "none" so primary keys need no NULLs.
pub fn key_or_empty<T: ToString>(value: Option<&T>) -> String {
    value.map(ToString::to_string).unwrap_or_default()
}

pub fn empty_as_none<T>(column: &str, text: String) -> Result<Option<T>, StoreError>
where
    T: FromStr,
    T::Err: std::fmt::Display,
{
    if text.is_empty() {
        Ok(None)
    } else {
        parse(column, &text).map(Some)
    }
}

/// A geometry as GeoJSON text.
pub fn geometry_json<G>(geometry: &G) -> String
where
    for<'a> geojson::Value: From<&'a G>,
{
    geojson::Geometry::new(geojson::Value::from(geometry)).to_string()
}

/// A geometry read back from GeoJSON text.
pub fn parse_geometry<G>(column: &str, text: &str) -> Result<G, StoreError>
where
    G: TryFrom<geojson::Geometry, Error = geojson::Error>,
{
    let geometry: geojson::Geometry = text.parse().map_err(|e| corrupt(column, text, e))?;
    G::try_from(geometry).map_err(|e| corrupt(column, text, e))
}

pub fn json_list<T: serde::Serialize>(values: &[T]) -> String {
    serde_json::to_string(values).expect("ids always serialise")
}

pub fn parse_json_list<T: serde::de::DeserializeOwned>(
    column: &str,
    text: &str,
) -> Result<Vec<T>, StoreError> {
    serde_json::from_str(text).map_err(|e| corrupt(column, text, e))
}
