//! Readers for the files humanitarian data arrives in, exactly as downloaded: HDX spreadsheets
//! with an HXL hashtag row (CSV or XLSX; Insecurity Insight's Security in Numbers files among
//! them), ACLED exports (the current lower-case layout and the old upper-case one) and UCDP
//! GED exports. Each row becomes the same [`vigil_io::IncidentRow`] a canonical file gives, so
//! the importer, its validation and its all-or-nothing rule are shared.
//!
//! The reading is driven by what a file says of itself, never by its name: the hashtag row
//! (found wherever it stands among the first rows), else the header. A file never seen before
//! loads when its columns are tagged or named as the publishers tag and name them; a mapping
//! file ([`Mapping`]) overrides or completes that. Every cell of a row is kept, under its
//! column's header, in the report the incident is built from, so columns that map to no field
//! are never dropped.
//!
//! # Layout
//!
//! - `table`: CSV (`csv`) and XLSX (`calamine`, on a thread of its own) as streamed rows of
//!   text cells;
//! - `hxl`: hashtags and the hashtag row;
//! - `field`: what a column means, from its hashtag or its header; `mapping`: from a file;
//! - `plan`: header and tag rows, layout detection, one field per column;
//! - `values`: dates, counts, publishers' precision codes; `kinds`: event types → kinds;
//! - `record`: a row → canonical values → an incident row, with the row kept as its report;
//! - `reader`: [`ForeignRows`], the streaming reader, and [`sniff`].
//!
//! # Ids
//!
//! An incident's id is the publisher's own with a prefix for the data set (`acled:1RTA`,
//! `ucdp-ged:209980`, `sind:42822` for a column headed "SiND Event ID"); a row without one
//! gets `…:row-` and the first 16 hex digits of the SHA-256 of its content, so re-importing a
//! file changes nothing.
#![forbid(unsafe_code)]

mod field;
mod hxl;
mod kinds;
mod mapping;
mod plan;
mod reader;
mod record;
mod table;
mod values;

pub use mapping::Mapping;
pub use plan::Column;
pub use reader::{is_workbook, sniff, sniff_bytes, ForeignRows, Options};
pub use values::Layout;
