//! `vigil export`: sites or incidents to standard output, streamed, optionally only those of
//! an area and a period (`record_filter` has the rules).
//!
//! No publication policy applies: the command line serves whoever holds the database file.
//! The HXL layout therefore carries nothing the canonical CSV does not: sources appear by id
//! only, never by the title or publisher that may hold a protected identity.

use super::record_filter::RecordFilter;
use crate::cli::{ExportArgs, ExportFormat, RecordKind};
use crate::failure::{CliResult, Failure};
use std::io::{self, BufWriter, Write};
use std::sync::mpsc::sync_channel;
use std::thread;
use vigil_domain::{Incident, Notification, Site, SourceId, Subject};
use vigil_io::HxlContext;
use vigil_store::{Store, StoreResult};

/// The notification a canonical site row carries ([`vigil_io::row_notification`]).
pub fn primary_notification(store: &dyn Store, site: &Site) -> StoreResult<Option<Notification>> {
    Ok(vigil_io::row_notification(
        store.notifications_of(&Subject::Site(site.id.clone()))?,
    ))
}

fn quiet_pipe(result: io::Result<()>) -> CliResult {
    match result {
        // `vigil export | head` closes the pipe early; that is not a failure.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// The format to write, with what it needs from the store besides the records.
enum Writer {
    Csv,
    Geojson,
    /// The HXL layouts look up the stored areas (for the admin columns) and party names.
    Hxl(HxlContext),
}

impl Writer {
    fn new(store: &dyn Store, format: ExportFormat) -> CliResult<Self> {
        Ok(match format {
            ExportFormat::Csv => Writer::Csv,
            ExportFormat::Geojson => Writer::Geojson,
            ExportFormat::Hxl => Writer::Hxl(HxlContext::new(store.areas()?, store.parties()?)),
        })
    }
}

fn export_sites(store: &dyn Store, format: ExportFormat, filter: &RecordFilter) -> CliResult {
    let mut rows = Vec::new();
    for site in store.sites()? {
        let notification = primary_notification(store, &site)?;
        if filter.admits_site(&site, notification.as_ref()) {
            rows.push((site, notification));
        }
    }
    let writer = Writer::new(store, format)?;
    let out = BufWriter::new(io::stdout().lock());
    quiet_pipe(match writer {
        Writer::Csv => vigil_io::write_sites_csv(out, rows),
        Writer::Geojson => vigil_io::write_sites_geojson(out, rows),
        Writer::Hxl(context) => vigil_io::write_sites_hxl(out, &context, rows),
    })
}

/// Streams incidents from the store to a writer thread, so a million incidents never sit in
/// memory at once.
fn export_incidents(store: &dyn Store, format: ExportFormat, filter: &RecordFilter) -> CliResult {
    let writer = Writer::new(store, format)?;
    let (send, receive) = sync_channel::<(Incident, Option<SourceId>)>(1024);
    let writing = thread::spawn(move || {
        let out = BufWriter::new(io::stdout().lock());
        let rows = receive.into_iter();
        let result = match writer {
            Writer::Csv => vigil_io::write_incidents_csv(out, rows),
            Writer::Geojson => vigil_io::write_incidents_geojson(out, rows),
            Writer::Hxl(context) => vigil_io::write_incidents_hxl(out, &context, rows),
        };
        result.and_then(|()| io::stdout().lock().flush())
    });
    let read = store.for_each_incident(&mut |incident| {
        if !filter.admits_incident(&incident) {
            return Ok(());
        }
        let source = match incident.reports.first() {
            Some(report) => store.report(report)?.map(|r| r.source),
            None => None,
        };
        // A closed receiver means the writer stopped (a closed pipe); its result says why.
        let _ = send.send((incident, source));
        Ok(())
    });
    drop(send);
    let written = writing
        .join()
        .map_err(|_| Failure::internal("the export writer stopped unexpectedly"))?;
    read?;
    quiet_pipe(written)
}

pub fn run(store: &dyn Store, args: &ExportArgs) -> CliResult {
    // Checked before anything is written, so an unknown area leaves standard output empty.
    let filter = RecordFilter::new(store, args.area.as_deref(), args.from, args.to)?;
    match args.kind {
        RecordKind::Sites => export_sites(store, args.format, &filter),
        RecordKind::Incidents => export_incidents(store, args.format, &filter),
        RecordKind::Areas => Err(Failure::new(
            crate::failure::EXIT_USAGE,
            "vigil export writes sites or incidents; areas cannot be exported \
             (`vigil list areas` lists them)",
        )),
    }
}
