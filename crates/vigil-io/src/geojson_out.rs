//! GeoJSON (RFC 7946) output: a FeatureCollection written one feature per line as the rows
//! come, so an export never holds more than one feature in memory.

use crate::cell::{Cell, Cells};
use crate::columns::Columns;
use geojson::{feature::Id, Feature, Geometry, JsonObject, Value};
use std::io::{self, BufWriter, Write};

/// Coordinates are rounded to 7 decimals (about 1 cm): finer digits are noise in GIS tools,
/// and the `lon`/`lat` properties keep the exact values for re-import.
fn round7(x: f64) -> f64 {
    (x * 1e7).round() / 1e7
}

pub(crate) fn write<W: Write, C: Columns>(
    w: W,
    rows: impl IntoIterator<Item = Cells<C>>,
) -> io::Result<()> {
    let mut w = BufWriter::new(w);
    w.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[")?;
    let mut first = true;
    for row in rows {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        first = false;
        serde_json::to_writer(&mut w, &feature(&row))?;
    }
    w.write_all(b"\n]}\n")?;
    w.flush()
}

fn feature<C: Columns>(row: &Cells<C>) -> Feature {
    let mut properties = JsonObject::new();
    let (mut id, mut lon, mut lat) = (None, None, None);
    for (name, cell) in row.iter() {
        match (name, cell) {
            ("id", Cell::Text(text)) => id = Some(Id::String(text.clone())),
            ("lon", Cell::Number(x)) => lon = Some(*x),
            ("lat", Cell::Number(x)) => lat = Some(*x),
            _ => {}
        }
        properties.insert(name.to_owned(), cell.json());
    }
    // A record known only to an area has no point: a feature without geometry (RFC 7946 §3.2
    // allows null), never one placed at 0, 0.
    let geometry = lon
        .zip(lat)
        .map(|(lon, lat)| Geometry::new(Value::Point(vec![round7(lon), round7(lat)])));
    Feature {
        bbox: None,
        geometry,
        id,
        properties: Some(properties),
        foreign_members: None,
    }
}
