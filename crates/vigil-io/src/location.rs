//! The `lon`, `lat`, `radius_m` and `precision` columns, which sites and incidents share.

use crate::columns::Columns;
use crate::error::FieldError;
use crate::fields::Fields;
use crate::values;
use vigil_domain::{GeoPrecision, Location, Point};

/// The four location columns of one layout.
pub(crate) struct LocationColumns<C> {
    pub lon: C,
    pub lat: C,
    pub radius_m: C,
    pub precision: C,
}

/// Reads a location. Defaults: no radius and no precision is an exact point; a radius alone
/// gives "within N m"; a precision alone gives its default radius. `lon` and `lat` may both be
/// empty only at district, governorate or country precision (a place known to an area only).
pub(crate) fn read<C: Columns>(
    f: &Fields<C>,
    cols: &LocationColumns<C>,
) -> Result<Location, FieldError> {
    let point = if f.get(cols.lon).is_empty() && f.get(cols.lat).is_empty() {
        None
    } else {
        let lon =
            values::number(f.get(cols.lon)).map_err(|p| FieldError::at(cols.lon.name(), p))?;
        let lat =
            values::number(f.get(cols.lat)).map_err(|p| FieldError::at(cols.lat.name(), p))?;
        Some(Point::new(lon, lat).map_err(|errors| {
            let e = &errors[0];
            let column = if e.field == "lat" { cols.lat } else { cols.lon };
            FieldError::at(column.name(), e.problem.clone())
        })?)
    };
    let precision = match f.get(cols.precision) {
        "" => None,
        text => Some(
            text.parse::<GeoPrecision>()
                .map_err(|e| FieldError::at(cols.precision.name(), e.problem))?,
        ),
    };
    let radius = match f.get(cols.radius_m) {
        "" => None,
        text => Some(values::number(text).map_err(|p| FieldError::at(cols.radius_m.name(), p))?),
    };
    let (precision, radius_m) = match (precision, radius) {
        (Some(p), Some(r)) => (p, r),
        (Some(p), None) => (p, p.default_radius_m()),
        (None, Some(r)) => (GeoPrecision::from_radius(r), r),
        (None, None) => (GeoPrecision::Exact, 0.0),
    };
    let location = Location {
        point,
        precision,
        radius_m,
    };
    location.validate().map_err(|errors| {
        let e = &errors[0];
        let column = match e.field.as_str() {
            "radius_m" => cols.radius_m,
            "point" => cols.lon,
            _ => cols.precision,
        };
        FieldError::at(column.name(), e.problem.clone())
    })?;
    Ok(location)
}
