//! The two public readers.

use crate::columns::{IncidentCol, SiteCol};
use crate::error::{ReadError, RowError};
use crate::fields::Ctx;
use crate::format::Format;
use crate::rows::{IncidentRow, Input, Parsed, RowSource, SiteRow};
use crate::{incident_in, site_in};
use std::path::Path;

/// Streams the sites of a canonical sites file.
///
/// Fails only when the file cannot be opened, its header lacks a required column, or it is not
/// the format given; every bad row is an `Err` item and reading goes on.
pub fn read_sites(
    path: &Path,
    format: Format,
) -> Result<Box<dyn RowSource<Item = Result<SiteRow, RowError>>>, ReadError> {
    let ctx = Ctx::new(path);
    let input = Input::<SiteCol>::open(path, format, &ctx)?;
    Ok(Box::new(Parsed::new(input, ctx, site_in::parse)))
}

/// Streams the incidents of a canonical incidents file, each with its report and source.
pub fn read_incidents(
    path: &Path,
    format: Format,
) -> Result<Box<dyn RowSource<Item = Result<IncidentRow, RowError>>>, ReadError> {
    let ctx = Ctx::new(path);
    let input = Input::<IncidentCol>::open(path, format, &ctx)?;
    Ok(Box::new(Parsed::new(input, ctx, incident_in::parse)))
}
