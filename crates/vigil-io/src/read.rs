//! The public readers: of a file by its path, or of any byte stream.

use crate::columns::{IncidentCol, SiteCol};
use crate::error::{ReadError, RowError};
use crate::fields::Ctx;
use crate::format::Format;
use crate::rows::{IncidentRow, Input, Parsed, RowSource, SiteRow};
use crate::{incident_in, site_in};
use std::fs::File;
use std::io::Read;
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
    let (file, total) = open(path, &ctx)?;
    sites(Box::new(file), total, format, ctx)
}

/// Streams the incidents of a canonical incidents file, each with its report and source.
pub fn read_incidents(
    path: &Path,
    format: Format,
) -> Result<Box<dyn RowSource<Item = Result<IncidentRow, RowError>>>, ReadError> {
    let ctx = Ctx::new(path);
    let (file, total) = open(path, &ctx)?;
    incidents(Box::new(file), total, format, ctx)
}

/// [`read_sites`] of bytes that do not come from a file of their own: an upload, a member of
/// an archive, a byte slice (`&[u8]` is a reader).
///
/// `name` stands for the file: errors name it, as they name a path. [`RowSource::total_bytes`]
/// is `None`, since a stream's length is not known in advance.
pub fn read_sites_from<'a>(
    name: &str,
    reader: impl Read + 'a,
    format: Format,
) -> Result<Box<dyn RowSource<Item = Result<SiteRow, RowError>> + 'a>, ReadError> {
    sites(Box::new(reader), None, format, Ctx::new(Path::new(name)))
}

/// [`read_incidents`] of bytes that do not come from a file of their own; see
/// [`read_sites_from`]. The per-file source ([`crate::file_source`]) is named after the last
/// component of `name`, as it is after a path's file name.
pub fn read_incidents_from<'a>(
    name: &str,
    reader: impl Read + 'a,
    format: Format,
) -> Result<Box<dyn RowSource<Item = Result<IncidentRow, RowError>> + 'a>, ReadError> {
    incidents(Box::new(reader), None, format, Ctx::new(Path::new(name)))
}

/// The file at `path` and its size, when the file system knows it (for a progress bar).
fn open(path: &Path, ctx: &Ctx) -> Result<(File, Option<u64>), ReadError> {
    let file = File::open(path).map_err(|source| ReadError::Io {
        file: ctx.file.clone(),
        source,
    })?;
    let total = file.metadata().ok().map(|m| m.len());
    Ok((file, total))
}

fn sites<'a>(
    reader: Box<dyn Read + 'a>,
    total: Option<u64>,
    format: Format,
    ctx: Ctx,
) -> Result<Box<dyn RowSource<Item = Result<SiteRow, RowError>> + 'a>, ReadError> {
    let input = Input::<SiteCol>::new(reader, total, format, &ctx)?;
    Ok(Box::new(Parsed::new(input, ctx, site_in::parse)))
}

fn incidents<'a>(
    reader: Box<dyn Read + 'a>,
    total: Option<u64>,
    format: Format,
    ctx: Ctx,
) -> Result<Box<dyn RowSource<Item = Result<IncidentRow, RowError>> + 'a>, ReadError> {
    let input = Input::<IncidentCol>::new(reader, total, format, &ctx)?;
    Ok(Box::new(Parsed::new(input, ctx, incident_in::parse)))
}
