//! Vigil's canonical interchange files: CSV and GeoJSON, read and written, no database.
//!
//! Reading streams: [`read_sites`] and [`read_incidents`] return a [`RowSource`], an iterator
//! that reads one record at a time (a file of a million rows is read in constant memory) and
//! yields each row as a domain record or as a [`RowError`] naming file, line and column
//! (`sites.csv:7: column lat: 95.5 is not a latitude (-90..90)`). A bad row does not stop the
//! reading; only a file that cannot be read at all is a [`ReadError`]. [`read_sites_from`] and
//! [`read_incidents_from`] do the same for bytes from any [`std::io::Read`] (an upload, a byte
//! slice, the fuzz targets' input), under a name that stands for the file. Writing streams too:
//! [`write_sites_csv`], [`write_incidents_csv`], [`write_sites_geojson`] and
//! [`write_incidents_geojson`] write row by row, and what they write reads back to the same
//! records. [`write_sites_hxl`] and [`write_incidents_hxl`] write HXL-tagged CSV for the tools
//! humanitarian analysts use; that is an export only, never read back.
//!
//! # Layout
//!
//! Input goes file → `Fields` (trimmed text per known column) → domain record, so the
//! rules about values exist once, whichever format a row came from:
//! - `format`: [`Format`] and its detection;
//! - `assembled`: [`incident_from_values`], for readers of other layouts (`vigil-formats`);
//! - `columns`: the two column layouts and header matching;
//! - `csv_in`, `geojson_in` (with `json_scan`): streaming readers producing fields;
//! - `values`, `location`, `casualties`, `sources`: parsing (and writing) single values;
//!   `sources` holds the `@SOURCE_ID` suffixes and the stub sources rows return;
//! - `site_in` (with `notification_in`), `incident_in`, `report`: fields → domain records;
//! - `rows`, `read`: the [`RowSource`] trait, row types and the public readers;
//! - `cell`, `site_out`, `incident_out`, `csv_out`, `geojson_out`, `write`: the writers;
//!   `row_notification` ([`row_notification`]): which notification a site's row carries;
//! - `hxl_out` (the two header rows), `hxl_sites`, `hxl_incidents` (the HXL layouts) and
//!   `hxl_context` ([`HxlContext`]: administrative units above an area, party names): the HXL
//!   export;
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
//! - Location: `lon` and `lat` both empty → no point, allowed for an incident at district,
//!   governorate or country precision only (sites always need one); `radius_m` empty → 0, or the precision's default radius when `precision` is
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
//! notified_sent_at,notification_channel,status_source,notification_source,
//! notification_withdrawn_at` ([`SITE_OPTIONAL_COLUMNS`]).
//!
//! - `sensitivity` empty → [`DEFAULT_SENSITIVITY`] (`restricted`: deny by default).
//! - `status` and `status_as_of` give one status entry and each requires the other;
//!   `status_source` is its source and requires `status`.
//! - `notified_from`/`notified_to` stand for one notification valid over that window, both days
//!   included; empty `notified_to` means still in force; both empty means none (and then every
//!   other `notified_*`/`notification_*` column must be empty too). The notification has id
//!   `notification_id` or else `{site id}#notified`, version 1, parties `notified_parties`
//!   split on `;`, sorted and each once, or else the single party [`UNSPECIFIED_PARTY`],
//!   `sent_at` = `notified_sent_at` or else 00:00:00Z on `notified_from`, channel
//!   `notification_channel`, source `notification_source`, `withdrawn_at` =
//!   `notification_withdrawn_at` (RFC 3339), and the SHA-256 of
//!   `vigil_domain::payload::site_payload` for the site as read and the sorted parties.
//! - The sources `status_source` and `notification_source` name are also returned in
//!   [`SiteRow::sources`], as dataset-row stubs titled by their id.
//! - Written: the notification's window, sorted parties, sent-at, channel, id, source and
//!   withdrawal, and the site's latest status entry with its source. Not written (the layout
//!   has no place for them): footprint, capacity, earlier status entries, status notes, the
//!   notification's version and its earlier versions.
//!
//! # Incidents
//!
//! Required: `id,kind,lon,lat,radius_m,start,end` ([`INCIDENT_REQUIRED_COLUMNS`]); optional:
//! `precision,time_precision,title,certainty,weapon,damage,site_ids,target_kinds,casualties,
//! perpetrators,description,source,area,movement_ids` ([`INCIDENT_OPTIONAL_COLUMNS`]).
//!
//! - `start`/`end`: dates or date-times, mixed freely; a date `start` is the start of that day,
//!   a date `end` the end of it; empty `end` = same as `start`. `time_precision` empty → `day`
//!   when both are dates, else `exact`.
//! - `certainty` empty → [`DEFAULT_CERTAINTY`] (`probable`): a file row is one source's
//!   uncorroborated account.
//! - `site_ids` (`;`-separated) become site targets, then `movement_ids` movement targets, then
//!   `target_kinds` kind targets.
//! - `casualties`: `group:outcome:N` or `group:outcome:low/best/high`, `;`-separated.
//! - `perpetrators`: `party_id:grade` or `party_id` (= `alleged`), `;`-separated; the text after
//!   the last `:` must be a grade. Each party is also returned in [`IncidentRow::parties`] as
//!   `Party { id, name: id, kind: other }`.
//! - `source` empty → the per-file source [`file_source`] (`file:{file name}`, a dataset row
//!   titled "Imported file {file name}"); otherwise a dataset-row source titled by its id.
//! - Sources of figures and attributions: an entry of `casualties` may end in `@SOURCE_ID`, one
//!   of `perpetrators` in `@SOURCE_A@SOURCE_B…`; `@-` means no source. Without a suffix the
//!   entry is credited to the row's source. The ids named, other than the row's source, are
//!   returned in [`IncidentRow::extra_sources`] as dataset-row stubs titled by their id.
//! - The report: id `rep:{incident id}:` + the first 24 hex digits of the SHA-256 of the row's
//!   canonical content (the incident id cut to 160 bytes). The canonical content is the row as
//!   Vigil writes it, parsed and normalised, with the row's source in `source`: the compact
//!   JSON object of its **non-empty** columns, keys in layout order (required then optional,
//!   as listed above), values strings — e.g. `{"id":"i1","kind":"airstrike","lon":"37.1",…}`.
//!   So it depends on the facts only, not on how they were typed (`36.20` or `36.2`, an empty
//!   default or the default spelled out), column order, unknown columns or absent-versus-empty
//!   columns, and re-importing a file, or Vigil's own export of it, finds the same reports (see
//!   `report`). `received_at` = the incident's span start (the only reproducible instant a row
//!   offers); `summary` = `title` or `"{kind} at {lat},{lon} on {start}"`; `content` = the same
//!   text as the id is computed from.
//! - Written: every column above, with a source suffix exactly where a figure's source or an
//!   attribution's sources differ from the `source` written; a whole-day span as dates, any
//!   other as RFC 3339 `…Z`. Not written: the reports list.
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

mod assembled;
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
mod hxl_context;
mod hxl_incidents;
mod hxl_out;
mod hxl_sites;
mod incident_in;
mod incident_out;
mod json_scan;
mod location;
mod notification_in;
mod read;
mod report;
mod row_notification;
mod rows;
mod site_in;
mod site_out;
mod sources;
mod values;
mod write;

pub use assembled::incident_from_values;
pub use columns::{
    INCIDENT_OPTIONAL_COLUMNS, INCIDENT_REQUIRED_COLUMNS, SITE_OPTIONAL_COLUMNS,
    SITE_REQUIRED_COLUMNS,
};
pub use error::{ReadError, RowError};
pub use format::Format;
pub use hxl_context::HxlContext;
pub use incident_in::{file_source, DEFAULT_CERTAINTY};
pub use notification_in::{shorthand_notification_id, UNSPECIFIED_PARTY};
pub use read::{read_incidents, read_incidents_from, read_sites, read_sites_from};
pub use row_notification::row_notification;
pub use rows::{IncidentRow, RowSource, SiteRow};
pub use site_in::DEFAULT_SENSITIVITY;
pub use write::{
    write_incidents_csv, write_incidents_geojson, write_incidents_hxl, write_sites_csv,
    write_sites_geojson, write_sites_hxl,
};
