//! The canonical export, for the roles that see records in full: `vigil-io`'s writers, the
//! same files `vigil export` writes, with every source reference removed from the records
//! first unless the caller may see source identities. Removing them from the records (rather
//! than blanking columns afterwards) also removes the `@SOURCE` suffixes of casualty figures
//! and perpetrators, which the writers add where a figure's source differs from the row's: a
//! figure then reads `@-` ("no source"), which is what the file knows of it.

use super::filter::RecordFilter;
use super::Format;
use crate::error::ApiError;
use vigil_domain::policy::{self, SiteAccess};
use vigil_domain::{Incident, Notification, Principal, Site, SourceId, Subject};
use vigil_io::HxlContext;
use vigil_store::Store;

fn without_sources(mut incident: Incident) -> Incident {
    for figure in &mut incident.casualties {
        figure.source = None;
    }
    for attribution in &mut incident.attributions {
        attribution.sources.clear();
    }
    incident
}

fn site_without_sources(
    mut site: Site,
    notification: Option<Notification>,
) -> (Site, Option<Notification>) {
    for entry in &mut site.status {
        entry.source = None;
        entry.note = None;
    }
    for fact in &mut site.capacity {
        fact.source = None;
    }
    let notification = notification.map(|mut n| {
        n.source = None;
        n
    });
    (site, notification)
}

fn io_error(e: std::io::Error) -> ApiError {
    ApiError::internal(format!("writing an export: {e}"))
}

pub(crate) fn incidents(
    store: &dyn Store,
    format: Format,
    filter: &RecordFilter,
    with_sources: bool,
) -> Result<Vec<u8>, ApiError> {
    let mut rows: Vec<(Incident, Option<SourceId>)> = Vec::new();
    store.for_each_incident(&mut |incident| {
        if !filter.selection.admits_incident(&incident) {
            return Ok(());
        }
        if with_sources {
            let source = match incident.reports.first() {
                Some(report) => store.report(report)?.map(|r| r.source),
                None => None,
            };
            rows.push((incident, source));
        } else {
            rows.push((without_sources(incident), None));
        }
        Ok(())
    })?;
    let mut out = Vec::new();
    match format {
        Format::Csv => vigil_io::write_incidents_csv(&mut out, rows),
        Format::Geojson => vigil_io::write_incidents_geojson(&mut out, rows),
        Format::Hxl => {
            let context = HxlContext::new(store.areas()?, store.parties()?);
            vigil_io::write_incidents_hxl(&mut out, &context, rows)
        }
    }
    .map_err(io_error)?;
    Ok(out)
}

pub(crate) fn sites(
    store: &dyn Store,
    principal: &Principal,
    format: Format,
    filter: &RecordFilter,
    with_sources: bool,
) -> Result<Vec<u8>, ApiError> {
    let mut rows = Vec::new();
    for site in store.sites()? {
        // The roles that get this export see every site in full; asking keeps it so if a
        // role is ever given the canonical export without that.
        if policy::site_access(principal, &site, &[]) != SiteAccess::Full {
            continue;
        }
        let notification =
            vigil_io::row_notification(store.notifications_of(&Subject::Site(site.id.clone()))?);
        if !filter.selection.admits_site(&site, notification.as_ref()) {
            continue;
        }
        rows.push(if with_sources {
            (site, notification)
        } else {
            site_without_sources(site, notification)
        });
    }
    let mut out = Vec::new();
    match format {
        Format::Csv => vigil_io::write_sites_csv(&mut out, rows),
        Format::Geojson => vigil_io::write_sites_geojson(&mut out, rows),
        Format::Hxl => {
            let context = HxlContext::new(store.areas()?, store.parties()?);
            vigil_io::write_sites_hxl(&mut out, &context, rows)
        }
    }
    .map_err(io_error)?;
    Ok(out)
}
