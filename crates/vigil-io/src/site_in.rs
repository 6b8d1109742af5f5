//! A sites row → a [`Site`], the notification its `notified_*` columns stand for
//! (`notification_in`), and the sources it names.

use crate::columns::{Columns, SiteCol as Col};
use crate::error::{at, domain_at, FieldError};
use crate::fields::{Ctx, Fields};
use crate::location::{self, LocationColumns};
use crate::rows::SiteRow;
use crate::values::{self, DATE_EXAMPLE};
use crate::{notification_in, sources};
use vigil_domain::{
    AreaId, Sensitivity, Site, SiteId, SiteKind, SiteStatus, SourceId, StatusEntry, ValidationError,
};

/// Sensitivity of a site whose `sensitivity` column is empty: `restricted`.
///
/// Publication is denied by default (DESIGN.md, "Publication policy"): a file without the
/// column, such as a spreadsheet someone trimmed before re-importing an export, must never
/// make a restricted site's name and exact location public. Making a site public takes an
/// explicit `public`.
pub const DEFAULT_SENSITIVITY: Sensitivity = Sensitivity::Restricted;

const LOCATION: LocationColumns<Col> = LocationColumns {
    lon: Col::Lon,
    lat: Col::Lat,
    radius_m: Col::RadiusM,
    precision: Col::Precision,
};

pub(crate) fn parse(_ctx: &Ctx, line: u64, f: &Fields<Col>) -> Result<SiteRow, FieldError> {
    let id = SiteId::new(f.get(Col::Id)).map_err(domain_at(Col::Id))?;
    let kind: SiteKind = f.get(Col::Kind).parse().map_err(domain_at(Col::Kind))?;
    let location = location::read(f, &LOCATION)?;
    let sensitivity = match f.get(Col::Sensitivity) {
        "" => DEFAULT_SENSITIVITY,
        text => text.parse().map_err(domain_at(Col::Sensitivity))?,
    };
    let area = match f.get(Col::Area) {
        "" => None,
        text => Some(AreaId::new(text).map_err(domain_at(Col::Area))?),
    };
    let site = Site {
        id,
        kind,
        name: f.get(Col::Name).to_owned(),
        operator: values::optional_text(f.get(Col::Operator)),
        location,
        footprint: None,
        sensitivity,
        area,
        status: status(f)?.into_iter().collect(),
        capacity: Vec::new(),
    };
    site.validate().map_err(|errors| site_error(&errors[0]))?;
    let notification = notification_in::read(f, &site)?;
    let named = site
        .status
        .iter()
        .filter_map(|s| s.source.as_ref())
        .chain(notification.iter().filter_map(|n| n.source.as_ref()));
    let sources = sources::stubs(named, None);
    Ok(SiteRow {
        line,
        site,
        notification,
        sources,
    })
}

/// The column a `Site::validate` error is about.
fn site_error(e: &ValidationError) -> FieldError {
    let field = e.field.strip_prefix("location.").unwrap_or(&e.field);
    let column = match field {
        "name" => Some(Col::Name),
        "operator" => Some(Col::Operator),
        "lon" => Some(Col::Lon),
        "lat" => Some(Col::Lat),
        "radius_m" => Some(Col::RadiusM),
        "status" => Some(Col::Status),
        _ => None,
    };
    FieldError {
        column: column.map(Col::name),
        problem: e.problem.clone(),
    }
}

/// The single status entry of `status` + `status_as_of` (+ `status_source`); the first two
/// each need the other, and a source needs a status to be the source of.
fn status(f: &Fields<Col>) -> Result<Option<StatusEntry>, FieldError> {
    let source = match f.get(Col::StatusSource) {
        "" => None,
        text => Some(SourceId::new(text).map_err(domain_at(Col::StatusSource))?),
    };
    match (f.get(Col::Status), f.get(Col::StatusAsOf)) {
        ("", "") if source.is_some() => Err(FieldError::at(
            Col::StatusSource.name(),
            "status_source is given without status",
        )),
        ("", "") => Ok(None),
        (_, "") => Err(FieldError::at(
            Col::StatusAsOf.name(),
            format!("the date of the status is required when status is given ({DATE_EXAMPLE})"),
        )),
        ("", _) => Err(FieldError::at(
            Col::Status.name(),
            "is required when status_as_of is given",
        )),
        (status, as_of) => Ok(Some(StatusEntry {
            as_of: values::date(as_of).map_err(at(Col::StatusAsOf))?,
            status: status
                .parse::<SiteStatus>()
                .map_err(domain_at(Col::Status))?,
            source,
            note: None,
        })),
    }
}
