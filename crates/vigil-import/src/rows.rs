//! How one row of a sites or incidents file is written: the records it names first (sources,
//! parties, created if missing and never overwritten), then its own.

use vigil_areas::AreaIndex;
use vigil_domain::{Party, PartyId, PartyKind};
use vigil_io::{IncidentRow, SiteRow};
use vigil_store::{Existing, StoreResult, Transaction, WriteOutcome};

/// A row the importer knows how to write.
pub(crate) trait ImportRow: Send + 'static {
    fn line(&self) -> u64;
    /// Places the record in the finest stored area containing it, unless it names its own.
    fn place(&mut self, areas: &AreaIndex);
    fn write(&self, tx: &mut dyn Transaction) -> StoreResult<WriteOutcome>;
}

fn stub_party(id: &PartyId) -> Party {
    let name = if id.as_str() == vigil_io::UNSPECIFIED_PARTY {
        "Unspecified party (the imported file did not name one)".to_owned()
    } else {
        id.to_string()
    };
    Party {
        id: id.clone(),
        name,
        kind: PartyKind::Other,
    }
}

/// Combines the outcomes of the writes one row made.
fn combine(a: WriteOutcome, b: WriteOutcome) -> WriteOutcome {
    use WriteOutcome::*;
    match (a, b) {
        (Inserted, _) => Inserted,
        (Unchanged, Unchanged) => Unchanged,
        _ => Updated,
    }
}

impl ImportRow for SiteRow {
    fn line(&self) -> u64 {
        self.line
    }

    fn place(&mut self, areas: &AreaIndex) {
        crate::areas::place(&mut self.site.area, &self.site.location, areas);
    }

    fn write(&self, tx: &mut dyn Transaction) -> StoreResult<WriteOutcome> {
        for source in &self.sources {
            tx.put_source(source, Existing::Keep)?;
        }
        let mut outcome = tx.put_site(&self.site)?;
        if let Some(notification) = &self.notification {
            for party in &notification.parties {
                tx.put_party(&stub_party(party), Existing::Keep)?;
            }
            let (written, _version) = tx.put_notification(notification)?;
            outcome = combine(outcome, written);
        }
        Ok(outcome)
    }
}

impl ImportRow for IncidentRow {
    fn line(&self) -> u64 {
        self.line
    }

    fn place(&mut self, areas: &AreaIndex) {
        crate::areas::place(&mut self.incident.area, &self.incident.location, areas);
    }

    fn write(&self, tx: &mut dyn Transaction) -> StoreResult<WriteOutcome> {
        tx.put_source(&self.source, Existing::Keep)?;
        for source in &self.extra_sources {
            tx.put_source(source, Existing::Keep)?;
        }
        for party in &self.parties {
            tx.put_party(party, Existing::Keep)?;
        }
        // A row stating exactly what is stored adds nothing, not even a report: re-importing
        // an export, or a source's unchanged row, leaves the database as it was.
        tx.put_incident_from(&self.incident, &self.report)
    }
}
