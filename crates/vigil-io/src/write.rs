//! The four public writers. Each streams: rows are converted and written one at a time.

use crate::{csv_out, geojson_out, incident_out, site_out};
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
