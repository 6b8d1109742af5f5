//! An [`Incident`] → one row of the canonical incidents layout.
//!
//! What the layout cannot hold is not written: the reports list. The
//! sources of casualty figures and attributions are written as `@SOURCE_ID` suffixes only where
//! they differ from `source`, which stands for the rest on reading.

use crate::casualties::{write_casualties, write_perpetrators};
use crate::cell::{Cell, Cells};
use crate::columns::IncidentCol as Col;
use crate::values::format_instant;
use vigil_domain::{Incident, SourceId, Target, TimeSpan};

pub(crate) fn cells(incident: &Incident, source: Option<&SourceId>) -> Cells<Col> {
    let mut row = Cells::new();
    row.set(Col::Id, Cell::text(&incident.id));
    row.set(Col::Kind, Cell::text(incident.kind));
    row.set(
        Col::Lon,
        incident
            .location
            .point
            .map_or(Cell::Empty, |p| Cell::Number(p.lon())),
    );
    row.set(
        Col::Lat,
        incident
            .location
            .point
            .map_or(Cell::Empty, |p| Cell::Number(p.lat())),
    );
    row.set(Col::RadiusM, Cell::Number(incident.location.radius_m));
    let (start, end) = span_text(&incident.when);
    row.set(Col::Start, Cell::Text(start));
    row.set(Col::End, Cell::Text(end));
    row.set(Col::Precision, Cell::text(incident.location.precision));
    row.set(Col::TimePrecision, Cell::text(incident.when.precision()));
    row.set(Col::Title, Cell::optional(incident.title.as_ref()));
    row.set(Col::Certainty, Cell::text(incident.certainty));
    row.set(Col::Weapon, Cell::optional(incident.weapon.as_ref()));
    row.set(Col::Damage, Cell::optional(incident.damage));
    let sites: Vec<String> = incident.target_sites().map(ToString::to_string).collect();
    row.set(Col::SiteIds, Cell::list(sites.join(";")));
    let kinds: Vec<&str> = incident
        .targets
        .iter()
        .filter_map(|t| match t {
            Target::Kind(kind) => Some(kind.as_str()),
            _ => None,
        })
        .collect();
    row.set(Col::TargetKinds, Cell::list(kinds.join(";")));
    let movements: Vec<&str> = incident
        .targets
        .iter()
        .filter_map(|t| match t {
            Target::Movement(id) => Some(id.as_str()),
            _ => None,
        })
        .collect();
    row.set(Col::MovementIds, Cell::list(movements.join(";")));
    row.set(
        Col::Casualties,
        Cell::list(write_casualties(&incident.casualties, source)),
    );
    row.set(
        Col::Perpetrators,
        Cell::list(write_perpetrators(&incident.attributions, source)),
    );
    row.set(
        Col::Description,
        Cell::optional(incident.description.as_ref()),
    );
    row.set(Col::Source, Cell::optional(source));
    row.set(Col::Area, Cell::optional(incident.area.as_ref()));
    row
}

/// Whole days as dates (`end` = the last day), anything else as RFC 3339 instants.
pub(crate) fn span_text(span: &TimeSpan) -> (String, String) {
    if span.is_whole_days() {
        (
            span.start().date_naive().to_string(),
            span.end().date_naive().to_string(),
        )
    } else {
        (format_instant(&span.start()), format_instant(&span.end()))
    }
}
