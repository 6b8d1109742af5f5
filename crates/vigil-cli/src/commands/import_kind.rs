//! What a file given to `vigil import` holds and how to read it: said by `--kind` and
//! `--format`, else recognised from the content: a canonical header, a GeoJSON object, an HXL
//! hashtag row, an ACLED or UCDP GED header, an XLSX workbook.

use crate::cli::{ImportArgs, ImportFormat, RecordKind};
use crate::failure::{CliResult, Failure};
use std::io::Read;
use std::path::Path;
use vigil_formats::{ForeignRows, Layout, Mapping, Options};
use vigil_io::Format;

/// How to import a file.
pub(crate) enum What {
    Sites(Format),
    Incidents(Format),
    /// A publisher's layout: always incidents.
    Foreign(Options),
    /// Admin boundaries or neighbourhoods (GeoJSON polygons).
    Areas,
}

fn foreign(args: &ImportArgs, layout: Option<Layout>) -> CliResult<What> {
    let mapping = match &args.mapping {
        Some(path) => Some(Mapping::from_file(path).map_err(|e| Failure::input(e.to_string()))?),
        None => None,
    };
    Ok(What::Foreign(Options { layout, mapping }))
}

pub(crate) fn decide(args: &ImportArgs) -> CliResult<What> {
    let path = &args.file;
    if args.kind == Some(RecordKind::Areas) {
        return Ok(What::Areas);
    }
    let input = |e: vigil_io::ReadError| Failure::input(e.to_string());
    let canonical = match args.format {
        Some(ImportFormat::Hxl) => return foreign(args, Some(Layout::Hxl)),
        Some(ImportFormat::Acled) => return foreign(args, Some(Layout::Acled)),
        Some(ImportFormat::Ucdp) => return foreign(args, Some(Layout::Ucdp)),
        Some(ImportFormat::Csv) => Some(Format::Csv),
        Some(ImportFormat::Geojson) => Some(Format::GeoJson),
        None => None,
    };
    if canonical.is_none()
        && (args.mapping.is_some() || vigil_formats::is_workbook(path).map_err(input)?)
    {
        if args.kind == Some(RecordKind::Sites) {
            return Err(Failure::input(format!(
                "{}: sites are read from Vigil's canonical CSV or GeoJSON layouts only",
                path.display()
            )));
        }
        return foreign(args, None);
    }
    let format = match canonical {
        Some(format) => format,
        None => Format::of_file(path).map_err(input)?,
    };
    // `--kind incidents` on a publisher's CSV (its header not canonical) still reads it.
    if args.kind == Some(RecordKind::Incidents)
        && canonical.is_none()
        && format == Format::Csv
        && canonical_kind(path, format)?.is_none()
    {
        if let Some(layout) = vigil_formats::sniff(path).map_err(input)? {
            return foreign(args, Some(layout));
        }
    }
    let kind = match args.kind {
        Some(kind) => kind,
        None => match canonical_kind(path, format)? {
            Some(kind) => kind,
            None if format == Format::Csv => {
                return match vigil_formats::sniff(path).map_err(input)? {
                    Some(layout) => foreign(args, Some(layout)),
                    None => Err(Failure::input(format!(
                        "{}: cannot tell what this file holds: its header is neither Vigil's \
                         canonical sites or incidents layout, nor tagged with HXL hashtags, nor \
                         an ACLED or UCDP GED export's (say it with --kind and --format, or \
                         name the columns in a mapping file with --mapping)",
                        path.display()
                    ))),
                };
            }
            None => {
                return Err(Failure::input(format!(
                    "{}: cannot tell whether this GeoJSON holds sites, incidents or areas: its \
                     first feature has neither `notified_from` nor `start` nor a polygon (say it \
                     with --kind)",
                    path.display()
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
fn canonical_kind(path: &Path, format: Format) -> CliResult<Option<RecordKind>> {
    let mut head = Vec::with_capacity(64 * 1024);
    std::fs::File::open(path)
        .map_err(|e| Failure::input(format!("cannot open {}: {e}", path.display())))?
        .take(64 * 1024)
        .read_to_end(&mut head)?;
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

/// Says on standard error how a publisher's file is being read; with `--dry-run`, lists every
/// column and what it gives on standard output.
pub(crate) fn describe(path: &Path, rows: &ForeignRows, dry_run: bool) {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    eprintln!("Reading {name}: {}.", rows.layout().name());
    if dry_run {
        println!("Columns of {name} ({}):", rows.layout().name());
        for column in rows.columns() {
            let tag = column
                .tag
                .as_deref()
                .map(|t| format!(" {t}"))
                .unwrap_or_default();
            match &column.field {
                Some(field) => println!("  {}{tag} → {field}", column.label),
                None => println!("  {}{tag} → kept in the report only", column.label),
            }
        }
    }
}
