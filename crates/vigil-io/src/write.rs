//! The public writers. Each streams: rows are converted and written one at a time.

use crate::hxl_context::HxlContext;
use crate::{csv_out, geojson_out, hxl_incidents, hxl_out, hxl_sites, incident_out, site_out};
use std::io::{self, Write};
use vigil_domain::{Incident, Notification, Site, SourceId};

/// Writes canonical sites CSV: every column of the layout, required ones first.
pub fn write_sites_csv<W: Write>(
    w: W,
    rows: impl IntoIterator<Item = (Site, Option<Notification>)>,
) -> io::Result<()> {
    csv_out::write(
        w,
        rows.into_iter()
            .map(|(site, n)| site_out::cells(&site, n.as_ref())),
    )
}

/// Writes canonical incidents CSV; the `SourceId` goes in the `source` column.
pub fn write_incidents_csv<W: Write>(
    w: W,
    rows: impl IntoIterator<Item = (Incident, Option<SourceId>)>,
) -> io::Result<()> {
    csv_out::write(
        w,
        rows.into_iter()
            .map(|(incident, source)| incident_out::cells(&incident, source.as_ref())),
    )
}

/// Writes sites as a GeoJSON FeatureCollection of Points with the CSV columns as properties.
pub fn write_sites_geojson<W: Write>(
    w: W,
    rows: impl IntoIterator<Item = (Site, Option<Notification>)>,
) -> io::Result<()> {
    geojson_out::write(
        w,
        rows.into_iter()
            .map(|(site, n)| site_out::cells(&site, n.as_ref())),
    )
}

/// Writes incidents as a GeoJSON FeatureCollection of Points with the CSV columns as
/// properties.
pub fn write_incidents_geojson<W: Write>(
    w: W,
    rows: impl IntoIterator<Item = (Incident, Option<SourceId>)>,
) -> io::Result<()> {
    geojson_out::write(
        w,
        rows.into_iter()
            .map(|(incident, source)| incident_out::cells(&incident, source.as_ref())),
    )
}

/// Writes sites as HXL-tagged CSV (an export format; `vigil import` does not read it back).
/// `context` gives the administrative units above each site's area and the parties' names.
pub fn write_sites_hxl<W: Write>(
    w: W,
    context: &HxlContext,
    rows: impl IntoIterator<Item = (Site, Option<Notification>)>,
) -> io::Result<()> {
    let fields = hxl_sites::fields();
    let rows = rows
        .into_iter()
        .map(|(site, n)| hxl_sites::row(&fields, &site, n.as_ref(), context));
    hxl_out::write(w, &fields, rows)
}

/// Writes incidents as HXL-tagged CSV (an export format; `vigil import` does not read it back).
/// The `SourceId` goes in `#meta+source` and picks the casualty figures shown (see
/// `docs/formats.md`); `context` gives the administrative units and the parties' names.
pub fn write_incidents_hxl<W: Write>(
    w: W,
    context: &HxlContext,
    rows: impl IntoIterator<Item = (Incident, Option<SourceId>)>,
) -> io::Result<()> {
    let fields = hxl_incidents::fields();
    let rows = rows
        .into_iter()
        .map(|(incident, source)| hxl_incidents::row(&fields, &incident, source.as_ref(), context));
    hxl_out::write(w, &fields, rows)
}
