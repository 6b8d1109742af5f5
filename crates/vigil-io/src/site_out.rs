//! A [`Site`] and its notification → one row of the canonical sites layout.
//!
//! Only what the layout can hold is written: the notification's window, parties (sorted, as
//! they are read), sent-at, channel, id, source and withdrawal (not its version or digest),
//! and the site's latest status entry with its source (not its note).

use crate::cell::{Cell, Cells};
use crate::columns::SiteCol as Col;
use crate::values::format_instant;
use std::collections::BTreeSet;
use vigil_domain::{Notification, Site};

pub(crate) fn cells(site: &Site, notification: Option<&Notification>) -> Cells<Col> {
    let mut row = Cells::new();
    row.set(Col::Id, Cell::text(&site.id));
    row.set(Col::Kind, Cell::text(site.kind));
    row.set(Col::Name, Cell::text(&site.name));
    row.set(
        Col::Lon,
        site.location
            .point
            .map_or(Cell::Empty, |p| Cell::Number(p.lon())),
    );
    row.set(
        Col::Lat,
        site.location
            .point
            .map_or(Cell::Empty, |p| Cell::Number(p.lat())),
    );
    row.set(Col::RadiusM, Cell::Number(site.location.radius_m));
    row.set(Col::Precision, Cell::text(site.location.precision));
    row.set(Col::Operator, Cell::optional(site.operator.as_ref()));
    row.set(Col::Sensitivity, Cell::text(site.sensitivity));
    row.set(Col::Area, Cell::optional(site.area.as_ref()));
    if let Some(status) = site.status.last() {
        row.set(Col::Status, Cell::text(status.status));
        row.set(Col::StatusAsOf, Cell::text(status.as_of));
        row.set(Col::StatusSource, Cell::optional(status.source.as_ref()));
    }
    if let Some(n) = notification {
        row.set(Col::NotifiedFrom, Cell::text(n.valid.from));
        row.set(Col::NotifiedTo, Cell::optional(n.valid.to));
        row.set(Col::NotificationId, Cell::text(&n.id));
        // Sorted and each once, as the reader makes them: a stored list in another order
        // then writes the same text, whatever order it was first typed in.
        let parties: BTreeSet<&str> = n.parties.iter().map(|p| p.as_str()).collect();
        let parties: Vec<&str> = parties.into_iter().collect();
        row.set(Col::NotifiedParties, Cell::list(parties.join(";")));
        row.set(Col::NotifiedSentAt, Cell::text(format_instant(&n.sent_at)));
        row.set(Col::NotificationChannel, Cell::optional(n.channel.as_ref()));
        row.set(Col::NotificationSource, Cell::optional(n.source.as_ref()));
        let withdrawn = n.withdrawn_at.as_ref().map(format_instant);
        row.set(Col::NotificationWithdrawnAt, Cell::optional(withdrawn));
    }
    row
}
