//! What the readers yield: one record per row, with the line it came from, through the
//! [`RowSource`] trait that also reports progress and warnings.

use crate::columns::Columns;
use crate::csv_in::CsvFields;
use crate::error::{FieldError, ReadError, RowError};
use crate::fields::{Ctx, Fields, Place};
use crate::format::Format;
use crate::geojson_in::GeoJsonFields;
use std::io::Read;
use vigil_domain::{Incident, Notification, Party, Report, Site, Source};

/// A streaming reader of rows that can say how far it has got.
pub trait RowSource: Iterator {
    /// Bytes of the file consumed so far (for a progress bar).
    fn bytes_read(&self) -> u64;
    /// The file's size, when known.
    fn total_bytes(&self) -> Option<u64>;
    /// Things that were ignored (unknown columns or properties), each listed once. For GeoJSON
    /// the list grows as features with new property names are read.
    fn warnings(&self) -> &[String];
}

/// One site read from a file, with the notification its `notified_*` columns describe.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteRow {
    pub line: u64,
    pub site: Site,
    pub notification: Option<Notification>,
    /// The sources `status_source` and `notification_source` name, each once, as dataset-row
    /// stubs titled by their id: for the store to create if missing, never to overwrite a
    /// stored source.
    pub sources: Vec<Source>,
}

/// One incident read from a file, with the report it is built from, the report's source, and
/// the parties its `perpetrators` column names (for the store to create if missing).
#[derive(Debug, Clone, PartialEq)]
pub struct IncidentRow {
    pub line: u64,
    pub incident: Incident,
    pub report: Report,
    pub source: Source,
    /// The sources the `@SOURCE_ID` suffixes of `casualties` and `perpetrators` name, other
    /// than `source`, each once, as dataset-row stubs titled by their id: for the store to
    /// create if missing, never to overwrite a stored source.
    pub extra_sources: Vec<Source>,
    pub parties: Vec<Party>,
}

/// The fields of a file in either format.
pub(crate) enum Input<'a, C> {
    Csv(CsvFields<'a, C>),
    GeoJson(GeoJsonFields<'a, C>),
}

impl<'a, C: Columns> Input<'a, C> {
    /// Reads the start of the file (CSV header, GeoJSON members up to `features`); `total` is
    /// its size when known.
    pub fn new(
        reader: Box<dyn Read + 'a>,
        total: Option<u64>,
        format: Format,
        ctx: &Ctx,
    ) -> Result<Self, ReadError> {
        Ok(match format {
            Format::Csv => Input::Csv(CsvFields::new(reader, total, &ctx.file)?),
            Format::GeoJson => Input::GeoJson(GeoJsonFields::new(reader, total, &ctx.file)?),
        })
    }
}

/// Turns a record's fields into a row; `line` is the row's line, for the row to carry.
pub(crate) type ParseFn<C, T> = fn(&Ctx, u64, &Fields<C>) -> Result<T, FieldError>;

/// Rows of type `T` parsed from the fields of an [`Input`].
pub(crate) struct Parsed<'a, C, T> {
    input: Input<'a, C>,
    ctx: Ctx,
    parse: ParseFn<C, T>,
}

impl<'a, C: Columns, T> Parsed<'a, C, T> {
    pub fn new(input: Input<'a, C>, ctx: Ctx, parse: ParseFn<C, T>) -> Self {
        Self { input, ctx, parse }
    }

    fn parse(&self, place: Place, fields: &Fields<C>) -> Result<T, RowError> {
        (self.parse)(&self.ctx, place.line, fields).map_err(|e| place.error(&self.ctx.file, e))
    }
}

impl<C: Columns, T> Iterator for Parsed<'_, C, T> {
    type Item = Result<T, RowError>;

    fn next(&mut self) -> Option<Self::Item> {
        let next = match &mut self.input {
            Input::Csv(input) => input.next(),
            Input::GeoJson(input) => input.next(),
        }?;
        Some(next.and_then(|(place, fields)| self.parse(place, &fields)))
    }
}

impl<C: Columns, T> RowSource for Parsed<'_, C, T> {
    fn bytes_read(&self) -> u64 {
        match &self.input {
            Input::Csv(input) => input.bytes_read(),
            Input::GeoJson(input) => input.bytes_read(),
        }
    }

    fn total_bytes(&self) -> Option<u64> {
        match &self.input {
            Input::Csv(input) => input.total_bytes(),
            Input::GeoJson(input) => input.total_bytes(),
        }
    }

    fn warnings(&self) -> &[String] {
        match &self.input {
            Input::Csv(input) => input.warnings(),
            Input::GeoJson(input) => input.warnings(),
        }
    }
}
