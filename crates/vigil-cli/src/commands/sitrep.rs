//! `vigil sitrep`: the situation report of an area and period (`vigil_sitrep` computes it),
//! as text for people or as JSON.
//!
//! The command line serves whoever holds the database file, so the report is the full one:
//! record ids and source identities included. The findings are the stored ones, as the server
//! shows them; a warning says when they are missing or out of date.

use super::sitrep_text;
use crate::cli::{SitrepArgs, SitrepFormat};
use crate::failure::{CliResult, Failure, EXIT_NOT_FOUND};
use std::collections::HashSet;
use std::io::{self, Write};
use vigil_domain::policy::SitrepView;
use vigil_domain::{AreaId, AreaTree, IncidentId};
use vigil_sitrep::{Records, Scope, ScopeError};
use vigil_store::Store;

fn scope(store: &dyn Store, args: &SitrepArgs) -> CliResult<Scope> {
    let area = args
        .area
        .as_deref()
        .map(|text| AreaId::new(text).map_err(|e| Failure::input(format!("--area {text}: {e}"))))
        .transpose()?;
    let tree = AreaTree::new(&store.areas()?);
    Scope::whole_days(area.as_ref(), args.from, args.to, &tree).map_err(|e| match e {
        ScopeError::UnknownArea(_) => {
            Failure::new(EXIT_NOT_FOUND, format!("{e} (see `vigil list areas`)"))
        }
        ScopeError::PeriodEndsBeforeItStarts { .. } => Failure::input(format!("--to: {e}")),
    })
}

/// Says on standard error when the stored findings do not reflect the records.
fn warn_if_findings_stale(store: &dyn Store) -> CliResult {
    if store.findings_state()?.is_none() {
        eprintln!(
            "warning: no findings are stored yet, so none are reported: `vigil check` computes them"
        );
    } else if !vigil_findings::is_current(store, &vigil_check::Options::default())? {
        eprintln!(
            "warning: the records have changed since the stored findings were computed; \
             `vigil check` brings them up to date"
        );
    }
    Ok(())
}

pub fn run(store: &dyn Store, args: &SitrepArgs) -> CliResult {
    let scope = scope(store, args)?;
    warn_if_findings_stale(store)?;
    // Only the report's incidents are kept, and only the findings it can use.
    let mut incidents = Vec::new();
    store.for_each_incident(&mut |incident| {
        if scope.admits_incident(&incident) {
            incidents.push(incident);
        }
        Ok(())
    })?;
    let ids: HashSet<&IncidentId> = incidents.iter().map(|i| &i.id).collect();
    let mut findings = Vec::new();
    store.for_each_finding(&mut |finding| {
        if vigil_sitrep::is_reported(finding.kind) && ids.contains(&finding.incident) {
            findings.push(finding);
        }
        Ok(())
    })?;
    let sites: Vec<_> = store
        .sites()?
        .into_iter()
        .filter(|s| scope.admits_site(s))
        .collect();
    let records = Records {
        incidents: &incidents,
        sites: &sites,
        findings: &findings,
    };
    let sitrep = vigil_sitrep::build(records, &scope, SitrepView::FULL);
    let written = match args.format {
        SitrepFormat::Json => {
            let mut out = io::stdout().lock();
            serde_json::to_writer_pretty(&mut out, &sitrep)
                .map_err(io::Error::from)
                .and_then(|()| writeln!(out))
        }
        SitrepFormat::Text => io::stdout()
            .lock()
            .write_all(sitrep_text::render(&sitrep).as_bytes()),
    };
    match written {
        // `vigil sitrep | head` closes the pipe early; that is not a failure.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}
