//! Vigil's canonical interchange files: CSV and GeoJSON, read and written, no database.
//!
//! Reading streams: [`read_sites`] and [`read_incidents`] return a [`RowSource`], an iterator
//! that reads one record at a time (a file of a million rows is read in constant memory) and
//! yields each row as a domain record or as a [`RowError`] naming file, line and column
//! (`sites.csv:7: column lat: 95.5 is not a latitude (-90..90)`). A bad row does not stop the
//! reading; only a file that cannot be read at all is a [`ReadError`]. Writing streams too:
//! [`write_sites_csv`], [`write_incidents_csv`], [`write_sites_geojson`] and
//! [`write_incidents_geojson`] write row by row, and what they write reads back to the same
//! records.
//!
//! # Layout
//!
//! Input goes file → `Fields` (trimmed text per known column) → domain record, so the
//! rules about values exist once, whichever format a row came from:
//! - `format`: [`Format`] and its detection;
//! - `columns`: the two column layouts and header matching;
//! - `csv_in`, `geojson_in` (with `json_scan`): streaming readers producing fields;
//! - `values`, `location`, `casualties`: parsing (and writing) single values;
//! - `site_in`, `incident_in`, `report`: fields → domain records;
//! - `rows`, `read`: the [`RowSource`] trait, row types and the public readers;
//! - `cell`, `site_out`, `incident_out`, `csv_out`, `geojson_out`, `write`: the writers;
//! - `error`: [`RowError`] and [`ReadError`].
//!
//! # Reading rules common to both layouts
//!
//! - Header names are matched case-insensitively after trimming; a leading UTF-8 byte order
//!   mark is accepted. Unknown columns are ignored and listed once in
//!   [`RowSource::warnings`]. A missing required column or a column named twice is a
//!   [`ReadError::Header`].
//! - Values are trimmed. Rows that are entirely empty are skipped. Short rows read their
//!   missing cells as empty; extra cells are ignored.
//! - `line` is the 1-based physical line a record starts on (the header is line 1), counted by
//!   `\n`, right across quoted fields with line breaks, `\r\n` endings and blank lines.
//! - A row with several problems reports the first one found, in column order roughly.
//! - Location: `radius_m` empty → 0, or the precision's default radius when `precision` is
//!   given; `precision` empty → `GeoPrecision::from_radius(radius_m)` (a fractional radius that
//!   this would round up by more than half a metre gets the nearest whole metre instead, so it
//!   passes `Location::validate`).
//! - Dates are ISO 8601 (`2016-09-28`); date-times RFC 3339 (`2016-09-28T14:30:00Z`, any
//!   offset, stored as UTC truncated to whole seconds).
//!
//! # Sites
//!
//! Required columns, in writing order: `id,kind,name,lon,lat,radius_m,notified_from,notified_to`
//! ([`SITE_REQUIRED_COLUMNS`]); optional, written after them in this order:
//! `precision,operator,sensitivity,area,status,status_as_of,notification_id,notified_parties,
//! notified_sent_at,notification_channel` ([`SITE_OPTIONAL_COLUMNS`]).
//!
//! - `sensitivity` empty → [`DEFAULT_SENSITIVITY`] (`public`). `status` and `status_as_of`
//!   give one status entry and each requires the other.
//! - `notified_from`/`notified_to` stand for one notification valid over that window, both days
//!   included; empty `notified_to` means still in force; both empty means none (and then the
//!   other notification columns must be empty too). The notification has id
//!   `notification_id` or else `{site id}#notified`, version 1, parties `notified_parties`
//!   split on `;` or else the single party [`UNSPECIFIED_PARTY`], `sent_at` =
//!   `notified_sent_at` or else 00:00:00Z on `notified_from`, channel `notification_channel`,
//!   and the SHA-256 of `vigil_domain::payload::site_payload` for the site as read.
//! - Written: the notification's window, parties, sent-at, channel and id, and the site's
//!   latest status entry. Not written (the layout has no place for them): footprint, capacity,
//!   earlier status entries, status sources and notes, the notification's version, withdrawal
//!   and source.
//!
//! # Incidents
//!
//! Required: `id,kind,lon,lat,radius_m,start,end` ([`INCIDENT_REQUIRED_COLUMNS`]); optional:
//! `precision,time_precision,title,certainty,weapon,damage,site_ids,target_kinds,casualties,
//! perpetrators,description,source,area` ([`INCIDENT_OPTIONAL_COLUMNS`]).
//!
//! - `start`/`end`: dates or date-times, mixed freely; a date `start` is the start of that day,
//!   a date `end` the end of it; empty `end` = same as `start`. `time_precision` empty → `day`
//!   when both are dates, else `exact`.
//! - `certainty` empty → [`DEFAULT_CERTAINTY`] (`probable`): a file row is one source's
//!   uncorroborated account.
//! - `site_ids` (`;`-separated) become site targets, then `target_kinds` kind targets.
//! - `casualties`: `group:outcome:N` or `group:outcome:low/best/high`, `;`-separated.
//! - `perpetrators`: `party_id:grade` or `party_id` (= `alleged`), `;`-separated; the text after
//!   the last `:` must be a grade. Each party is also returned in [`IncidentRow::parties`] as
//!   `Party { id, name: id, kind: other }`.
//! - `source` empty → the per-file source [`file_source`] (`file:{file name}`, a dataset row
//!   titled "Imported file {file name}"); otherwise a dataset-row source titled by its id.
//!   Casualty figures and attributions are credited to that source.
//! - The report: id `rep-` + the first 32 hex digits of the SHA-256 of the row's canonical
//!   content, which is the compact JSON object of the row's **non-empty** known columns, keys
//!   in layout order (required then optional, as listed above), values the trimmed text as
//!   strings — e.g. `{"id":"i1","kind":"airstrike","lon":"37.1",…}`. It does not depend on
//!   column order, unknown columns or absent-versus-empty columns, so re-importing a file finds
//!   the same reports. `received_at` = the incident's span start (the only reproducible
//!   instant a row offers); `summary` = `title` or `"{kind} at {lat},{lon} on {start}"`;
//!   `content` = the same object as the id is computed from.
//! - Written: every column above; a whole-day span as dates, any other as RFC 3339 `…Z`.
//!   Not written: movement targets, the reports list, per-figure and per-attribution sources.
//!
//! # GeoJSON
//!
//! A FeatureCollection of Point features whose properties have the CSV column names. Reading
//! takes `lon`/`lat` from the geometry (a `lon`/`lat` property that agrees with it to the 7th
//! decimal is used for its full precision), `id` from the Feature's `id` when the property is
//! missing, and treats missing properties as empty. Arrays of values read as `;`-lists. A row
//! error of feature N (counted from 0) has `line` N + 1 and a problem starting `feature N: `.
//! Writing puts the coordinates rounded to 7 decimals in the geometry, the id on the Feature
//! and every column in the properties, numbers as numbers and empty values as `null`.
#![forbid(unsafe_code)]

mod casualties;
mod cell;
mod columns;
mod csv_in;
mod csv_out;
mod error;
mod fields;
mod format;
mod geojson_in;
mod geojson_out;
mod incident_in;
mod incident_out;
mod json_scan;
mod location;
mod read;
mod report;
mod rows;
mod site_in;
mod site_out;
mod values;
mod write;

pub use columns::{
    INCIDENT_OPTIONAL_COLUMNS, INCIDENT_REQUIRED_COLUMNS, SITE_OPTIONAL_COLUMNS,
    SITE_REQUIRED_COLUMNS,
};
pub use error::{ReadError, RowError};
pub use format::Format;
pub use incident_in::{file_source, DEFAULT_CERTAINTY};
pub use read::{read_incidents, read_sites};
pub use rows::{IncidentRow, RowSource, SiteRow};
pub use site_in::{shorthand_notification_id, DEFAULT_SENSITIVITY, UNSPECIFIED_PARTY};
pub use write::{
    write_incidents_csv, write_incidents_geojson, write_sites_csv, write_sites_geojson,
};
