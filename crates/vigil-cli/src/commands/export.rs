//! `vigil export`: sites or incidents to standard output, streamed.

use crate::cli::{ExportArgs, FileFormat, RecordKind};
use crate::failure::{CliResult, Failure};
use std::io::{self, BufWriter, Write};
use std::sync::mpsc::sync_channel;
use std::thread;
use vigil_domain::{Incident, Notification, Site, SourceId, Subject};
use vigil_store::{Store, StoreResult};

/// The notification a canonical site row carries: of the site's notifications, the latest
/// version of the one sent last (ties broken by id, so the choice is stable).
pub fn primary_notification(store: &dyn Store, site: &Site) -> StoreResult<Option<Notification>> {
    let mut latest: Vec<Notification> = Vec::new();
    for n in store.notifications_of(&Subject::Site(site.id.clone()))? {
        match latest.last_mut() {
            Some(last) if last.id == n.id => *last = n,
            _ => latest.push(n),
        }
    }
    Ok(latest
        .into_iter()
        .max_by(|a, b| a.sent_at.cmp(&b.sent_at).then_with(|| b.id.cmp(&a.id))))
}

fn quiet_pipe(result: io::Result<()>) -> CliResult {
    match result {
        // `vigil export | head` closes the pipe early; that is not a failure.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

fn export_sites(store: &dyn Store, format: FileFormat) -> CliResult {
    let mut rows = Vec::new();
    for site in store.sites()? {
        let notification = primary_notification(store, &site)?;
        rows.push((site, notification));
    }
    let out = BufWriter::new(io::stdout().lock());
    quiet_pipe(match format {
        FileFormat::Csv => vigil_io::write_sites_csv(out, rows),
        FileFormat::Geojson => vigil_io::write_sites_geojson(out, rows),
    })
}

/// Streams incidents from the store to a writer thread, so a million incidents never sit in
/// memory at once.
fn export_incidents(store: &dyn Store, format: FileFormat) -> CliResult {
    let (send, receive) = sync_channel::<(Incident, Option<SourceId>)>(1024);
    let writer = thread::spawn(move || {
        let out = BufWriter::new(io::stdout().lock());
        let rows = receive.into_iter();
        let result = match format {
            FileFormat::Csv => vigil_io::write_incidents_csv(out, rows),
            FileFormat::Geojson => vigil_io::write_incidents_geojson(out, rows),
        };
        result.and_then(|()| io::stdout().lock().flush())
    });
    let read = store.for_each_incident(&mut |incident| {
        let source = match incident.reports.first() {
            Some(report) => store.report(report)?.map(|r| r.source),
            None => None,
        };
        // A closed receiver means the writer stopped (a closed pipe); its result says why.
        let _ = send.send((incident, source));
        Ok(())
    });
    drop(send);
    let written = writer
        .join()
        .map_err(|_| Failure::internal("the export writer stopped unexpectedly"))?;
    read?;
    quiet_pipe(written)
}

pub fn run(store: &dyn Store, args: &ExportArgs) -> CliResult {
    match args.kind {
        RecordKind::Sites => export_sites(store, args.format),
        RecordKind::Incidents => export_incidents(store, args.format),
        RecordKind::Areas => Err(Failure::new(
            crate::failure::EXIT_USAGE,
            "vigil export writes sites or incidents; areas cannot be exported \
             (`vigil list areas` lists them)",
        )),
    }
}
