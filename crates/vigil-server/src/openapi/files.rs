//! Whole files: what `GET /api/exports/{kind}` sends and `POST /api/imports` takes and answers
//! (`routes::exports`, `routes::imports`; the report is `vigil_import::Report`, mirrored field
//! by field).

use super::records::Position;
use super::service::ErrorDetail;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;
use utoipa::ToSchema;

/// What an export holds.
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum ExportKind {
    Incidents,
    Sites,
}

/// An export's format: `csv`, `geojson`, or `hxl` (CSV with a row of HXL hashtags under the
/// header).
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum ExportFormat {
    Csv,
    Geojson,
    Hxl,
}

/// A file's bytes as sent, whatever their type.
pub(crate) struct FileBytes;

impl utoipa::PartialSchema for FileBytes {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .content_media_type("application/octet-stream")
            .description(Some("The file's bytes."))
            .into()
    }
}

impl ToSchema for FileBytes {}

/// A CSV file (RFC 4180) in UTF-8: a header row, for HXL a row of hashtags, then one row per
/// record.
pub(crate) struct CsvFile;

impl utoipa::PartialSchema for CsvFile {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .content_media_type("text/csv")
            .description(Some(
                "A CSV file (RFC 4180) in UTF-8: a header row, for `format=hxl` a row of HXL \
                 hashtags under it, then one row per record.",
            ))
            .into()
    }
}

impl ToSchema for CsvFile {}

/// A GeoJSON Point.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ExportPoint {
    #[serde(rename = "type")]
    #[schema(pattern = "^Point$")]
    kind: String,
    coordinates: Position,
}

/// One record of an export: its row as properties (the CSV's columns, or the published
/// table's), its point as the geometry (`null` for a record known only to an area, and in the
/// published export, which shows nothing finer than a governorate).
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ExportFeature {
    #[serde(rename = "type")]
    #[schema(pattern = "^Feature$")]
    kind: String,
    /// The row's `id`, where it has one.
    #[schema(required = false)]
    id: String,
    #[schema(required = true)]
    geometry: Option<ExportPoint>,
    /// Column name to value (`null`: empty).
    #[schema(value_type = Object)]
    properties: (),
}

/// An export as GeoJSON (RFC 7946).
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ExportFeatureCollection {
    #[serde(rename = "type")]
    #[schema(pattern = "^FeatureCollection$")]
    kind: String,
    features: Vec<ExportFeature>,
}

/// What an imported file holds.
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum ImportKind {
    Sites,
    Incidents,
    /// Boundaries: administrative units or neighbourhoods (GeoJSON polygons with P-codes).
    Areas,
}

/// An imported file's layout: Vigil's own `csv`, `geojson` or `hxl`, or a publisher's
/// spreadsheet (`acled`, `ucdp`).
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum ImportFormat {
    Csv,
    Geojson,
    Hxl,
    Acled,
    Ucdp,
}

/// What became of the file: `imported` (the good rows are stored), `rejected` (bad rows, not
/// to be skipped: nothing was written), or for a dry run `would_be_imported` or
/// `would_be_rejected` (nothing was written).
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum ImportOutcome {
    Imported,
    Rejected,
    WouldBeImported,
    WouldBeRejected,
}

/// One column of a publisher's file and what it gives.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ColumnRead {
    /// The header (or hashtag, or `column N`).
    label: String,
    #[schema(required = true)]
    tag: Option<String>,
    /// The field, by the name a mapping file uses; `null`: kept in each record's report only.
    #[schema(required = true)]
    field: Option<String>,
}

/// One bad row: `incidents.csv:4: column lat: 95.5 is not a latitude (-90..90)`.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct BadRow {
    /// The file as the upload named it.
    file: String,
    /// The physical line the row starts on (the header is line 1); for GeoJSON sites and
    /// incidents the feature's index plus one; `null` for a boundary feature.
    #[schema(required = true)]
    line: Option<u64>,
    /// A boundary file's feature, counted from 0.
    #[schema(required = true)]
    feature: Option<u64>,
    /// The column at fault, when one is.
    #[schema(required = true)]
    column: Option<String>,
    /// What is wrong, and what was expected.
    problem: String,
    /// The whole message as the command line prints it.
    message: String,
}

/// Stored records placed in the finest area containing them, after a boundary file.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Placed {
    incidents: u64,
    sites: u64,
}

/// The stored findings, brought up to date after a committed import.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct FindingsUpdate {
    findings: u64,
    incidents_with_findings: u64,
    incidents_written: u64,
    incidents_cleared: u64,
}

/// Declares the report of an import, with the fields every report has and `$extra`.
macro_rules! import_report {
    ($(#[$meta:meta])* $name:ident { $($extra:tt)* }) => {
        $(#[$meta])*
        #[derive(ToSchema)]
        #[serde(deny_unknown_fields)]
        pub(crate) struct $name {
            /// The file's name, as the `name` parameter gave it.
            file: String,
            kind: ImportKind,
            outcome: ImportOutcome,
            /// The publisher's layout a spreadsheet was read as (`null` for Vigil's own).
            #[schema(required = true)]
            layout: Option<String>,
            /// A publisher's file: every column, with the field it gives.
            columns: Vec<ColumnRead>,
            /// Rows (features, for boundaries) read, bad ones included.
            rows_read: u64,
            /// Rows whose record did not exist.
            inserted: u64,
            /// Rows that changed something stored.
            updated: u64,
            /// Rows that wrote nothing.
            unchanged: u64,
            /// Bad rows: skipped, or the reason the file was rejected.
            bad: u64,
            /// Every bad row, in file order.
            bad_rows: Vec<BadRow>,
            /// What was ignored or read in a way the uploader should know of, one line each.
            warnings: Vec<String>,
            /// Boundaries: the countries added because features lie in them.
            new_countries: Vec<String>,
            /// Boundaries: the stored records placed in the new areas, when any were.
            #[schema(required = true)]
            placed: Option<Placed>,
            $($extra)*
        }
    };
}

import_report! {
    /// The answer to an import that was committed, or would be (a dry run).
    ImportReport {
        /// After a committed import, the stored findings brought up to date; `null` when they
        /// were current already, for a dry run, or when they could not be (a warning says so).
        #[schema(required = true)]
        findings: Option<FindingsUpdate>,
    }
}

import_report! {
    /// The report of a file rejected for its bad rows (or that would be, for a dry run).
    RejectedReport {}
}

/// A file rejected for its bad rows: the error (`invalid`), and the report with every bad row.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ImportRejected {
    error: ErrorDetail,
    report: RejectedReport,
}

/// A `422` of `POST /api/imports`: the file rejected with its report, or a file that cannot
/// be read at all (the error alone).
#[derive(ToSchema)]
#[serde(untagged)]
pub(crate) enum ImportRefusal {
    Rejected(Box<ImportRejected>),
    Unreadable(super::service::ErrorBody),
}
