//! `--area`, `--from` and `--to`: which records `vigil export` writes and which incidents'
//! findings `vigil check` shows, by [`vigil_domain::Selection`]'s rule (the server's exports
//! use the same), with the command line's exit codes for what cannot select anything.

use crate::failure::{CliResult, Failure, EXIT_NOT_FOUND};
use chrono::NaiveDate;
use vigil_domain::{AreaId, AreaTree, Incident, Notification, Selection, SelectionError, Site};
use vigil_store::Store;

/// The area and period a command is restricted to; with neither, every record passes.
pub struct RecordFilter(Selection);

impl RecordFilter {
    /// From the options. An area id that is not stored is "not found" (exit 4) and named; a
    /// `to` before `from` is bad input (exit 3).
    pub fn new(
        store: &dyn Store,
        area: Option<&str>,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> CliResult<Self> {
        let area = area
            .map(|text| {
                AreaId::new(text).map_err(|e| Failure::input(format!("--area {text}: {e}")))
            })
            .transpose()?;
        // The stored areas are read only when one is asked for.
        let tree = match &area {
            Some(_) => AreaTree::new(&store.areas()?),
            None => AreaTree::default(),
        };
        Selection::new(&tree, area.as_ref(), from, to)
            .map(Self)
            .map_err(|e| match e {
                SelectionError::UnknownArea(id) => Failure::new(
                    EXIT_NOT_FOUND,
                    format!("no area has id '{id}' (see `vigil list areas`)"),
                ),
                SelectionError::EndBeforeStart(problem) => {
                    Failure::input(format!("--to is before --from: {problem}"))
                }
            })
    }

    /// Whether no option was given, so every record passes.
    pub fn is_everything(&self) -> bool {
        self.0.is_everything()
    }

    pub fn admits_incident(&self, incident: &Incident) -> bool {
        self.0.admits_incident(incident)
    }

    /// `notification` is the one the site's export row carries.
    pub fn admits_site(&self, site: &Site, notification: Option<&Notification>) -> bool {
        self.0.admits_site(site, notification)
    }
}
