//! What a file holds and how to read it: said by the options, else recognised from the
//! content (never the name): a canonical header, a GeoJSON object, an HXL hashtag row, an
//! ACLED or UCDP GED header, an XLSX workbook.

use crate::error::ImportError;
use crate::file::ImportFile;
use serde::Serialize;
use std::path::PathBuf;
use vigil_formats::{Layout, Mapping};
use vigil_io::Format;

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    Sites,
    Incidents,
    /// Admin boundaries or neighbourhoods (GeoJSON polygons with P-codes).
    Areas,
}

impl RecordKind {
    /// The name the import log records.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Sites => "sites",
            RecordKind::Incidents => "incidents",
            RecordKind::Areas => "areas",
        }
    }
}

/// A file's layout, when the caller says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    /// Vigil's canonical CSV layout.
    Csv,
    /// Vigil's canonical GeoJSON layout.
    Geojson,
    /// A spreadsheet (CSV or XLSX) with an HXL hashtag row.
    Hxl,
    /// An ACLED export.
    Acled,
    /// A UCDP GED export.
    Ucdp,
}

/// How to import a file.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// What the file holds; recognised from its content when `None`.
    pub kind: Option<RecordKind>,
    /// Its layout; recognised from its content when `None`.
    pub format: Option<FileFormat>,
    /// A mapping file naming what columns mean (read only when the file turns out to be a
    /// publisher's spreadsheet).
    pub mapping: Option<PathBuf>,
    /// Read, check and write everything, then roll it back: the report says what would be.
    pub dry_run: bool,
    /// Import the good rows and report the bad ones, instead of rejecting the file.
    pub skip_bad_rows: bool,
    /// At most this many bad rows are kept in the report of a rejected file (the others are
    /// counted); `None` keeps all. Skipped rows are always all kept.
    pub max_bad_rows_reported: Option<usize>,
}

/// How a file is read.
pub(crate) enum What {
    Sites(Format),
    Incidents(Format),
    /// A publisher's layout: always incidents.
    Foreign(vigil_formats::Options),
    Areas,
}

fn foreign(options: &Options, layout: Option<Layout>) -> Result<What, ImportError> {
    let mapping = match &options.mapping {
        Some(path) => {
            Some(Mapping::from_file(path).map_err(|e| ImportError::input(e.to_string()))?)
        }
        None => None,
    };
    Ok(What::Foreign(vigil_formats::Options { layout, mapping }))
}

pub(crate) fn decide(file: &ImportFile, options: &Options) -> Result<What, ImportError> {
    if options.kind == Some(RecordKind::Areas) {
        return Ok(What::Areas);
    }
    let input = |e: vigil_io::ReadError| ImportError::input(e.to_string());
    let canonical = match options.format {
        Some(FileFormat::Hxl) => return foreign(options, Some(Layout::Hxl)),
        Some(FileFormat::Acled) => return foreign(options, Some(Layout::Acled)),
        Some(FileFormat::Ucdp) => return foreign(options, Some(Layout::Ucdp)),
        Some(FileFormat::Csv) => Some(Format::Csv),
        Some(FileFormat::Geojson) => Some(Format::GeoJson),
        None => None,
    };
    if canonical.is_none() && (options.mapping.is_some() || file.is_workbook().map_err(input)?) {
        if options.kind == Some(RecordKind::Sites) {
            return Err(ImportError::input(format!(
                "{}: sites are read from Vigil's canonical CSV or GeoJSON layouts only",
                file.name()
            )));
        }
        return foreign(options, None);
    }
    let format = match canonical {
        Some(format) => format,
        None => file.canonical_format().map_err(input)?,
    };
    // An incidents file given as such, whose header is not canonical, is a publisher's.
    if options.kind == Some(RecordKind::Incidents)
        && canonical.is_none()
        && format == Format::Csv
        && canonical_kind(file, format)?.is_none()
    {
        if let Some(layout) = file.sniff().map_err(input)? {
            return foreign(options, Some(layout));
        }
    }
    let kind = match options.kind {
        Some(kind) => kind,
        None => match canonical_kind(file, format)? {
            Some(kind) => kind,
            None if format == Format::Csv => {
                return match file.sniff().map_err(input)? {
                    Some(layout) => foreign(options, Some(layout)),
                    None => Err(ImportError::input(format!(
                        "{}: cannot tell what this file holds: its header is neither Vigil's \
                         canonical sites or incidents layout, nor tagged with HXL hashtags, nor \
                         an ACLED or UCDP GED export's (say it with --kind and --format, or \
                         name the columns in a mapping file with --mapping)",
                        file.name()
                    ))),
                };
            }
            None => {
                return Err(ImportError::input(format!(
                    "{}: cannot tell whether this GeoJSON holds sites, incidents or areas: its \
                     first feature has neither `notified_from` nor `start` nor a polygon (say it \
                     with --kind)",
                    file.name()
                )))
            }
        },
    };
    Ok(match kind {
        RecordKind::Sites => What::Sites(format),
        RecordKind::Incidents => What::Incidents(format),
        RecordKind::Areas => What::Areas,
    })
}

/// Sites or incidents, from a canonical file's header (CSV) or first feature's properties
/// (GeoJSON): the columns only one of the two layouts has.
fn canonical_kind(file: &ImportFile, format: Format) -> Result<Option<RecordKind>, ImportError> {
    let head = file.head(64 * 1024)?;
    let head = String::from_utf8_lossy(&head);
    Ok(match format {
        Format::Csv => {
            let first = head
                .trim_start_matches('\u{feff}')
                .lines()
                .next()
                .unwrap_or("");
            let names: Vec<String> = first
                .split(',')
                .map(|n| n.trim().trim_matches('"').to_ascii_lowercase())
                .collect();
            let has = |column: &str| names.iter().any(|n| n == column);
            if has("notified_from") && has("name") {
                Some(RecordKind::Sites)
            } else if has("start") && has("radius_m") && has("kind") {
                Some(RecordKind::Incidents)
            } else {
                None
            }
        }
        Format::GeoJson => {
            // Boundaries are polygons; sites and incidents are points.
            if head.contains("\"Polygon\"") || head.contains("\"MultiPolygon\"") {
                Some(RecordKind::Areas)
            } else if head.contains("\"notified_from\"") {
                Some(RecordKind::Sites)
            } else if head.contains("\"start\"") {
                Some(RecordKind::Incidents)
            } else {
                None
            }
        }
    })
}
