//! A feature's geometry as an area boundary: a Polygon or MultiPolygon, always kept as a
//! MultiPolygon so every area has one shape type.

use geo_types::MultiPolygon;
use geojson::{Geometry, Value};

/// The boundary a feature draws, or why it draws none.
pub(crate) fn boundary(geometry: Option<&Geometry>) -> Result<MultiPolygon<f64>, String> {
    let Some(geometry) = geometry else {
        return Err("no geometry (a boundary needs a Polygon or MultiPolygon)".into());
    };
    let shape: MultiPolygon<f64> = match &geometry.value {
        Value::Polygon(_) => geo_types::Polygon::try_from(&geometry.value)
            .map_err(|e| e.to_string())?
            .into(),
        Value::MultiPolygon(_) => {
            MultiPolygon::try_from(&geometry.value).map_err(|e| e.to_string())?
        }
        other => {
            return Err(format!(
                "the geometry is a {}, not a Polygon or MultiPolygon",
                other.type_name()
            ))
        }
    };
    if shape.0.iter().all(|p| p.exterior().0.is_empty()) {
        return Err("the geometry is an empty polygon".into());
    }
    Ok(shape)
}
