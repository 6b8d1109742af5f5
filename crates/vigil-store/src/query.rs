//! Which incidents [`crate::Store::incidents_page`] returns: the filters of a search, and
//! [`IncidentQuery::admits`], the one statement of what each filter means that every backend's
//! indexes must agree with.

use vigil_domain::{AreaId, Certainty, Incident, IncidentKind, Timestamp};

/// A box in WGS84 degrees, edges included. It does not cross the antimeridian:
/// `min_lon <= max_lon` and `min_lat <= max_lat`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BoundingBox {
    pub min_lon: f64,
    pub min_lat: f64,
    pub max_lon: f64,
    pub max_lat: f64,
}

impl BoundingBox {
    /// Whether the point is inside the box or on its edge.
    pub fn contains(&self, lon: f64, lat: f64) -> bool {
        (self.min_lon..=self.max_lon).contains(&lon) && (self.min_lat..=self.max_lat).contains(&lat)
    }
}

/// The filters of one page of incidents. Every filter left at `None` admits every incident;
/// the filters given must all hold.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IncidentQuery {
    /// The incident's point is inside the box (edges included). An incident without a point
    /// (known only to a district or wider) never matches a box.
    pub bbox: Option<BoundingBox>,
    /// The incident's span ends at or after this instant (with `to`: the span and the closed
    /// period `[from, to]` share at least one instant). `None`: open.
    pub from: Option<Timestamp>,
    /// The incident's span starts at or before this instant. `None`: open.
    pub to: Option<Timestamp>,
    /// The incident's kind is one of these (a category is the set of its kinds). An empty
    /// set matches nothing.
    pub kinds: Option<Vec<IncidentKind>>,
    pub certainty: Option<Certainty>,
    /// The incident's stored area is one of these (pass an area and every area below it for
    /// "in that area"). An incident without an area never matches; an empty set matches
    /// nothing.
    pub areas: Option<Vec<AreaId>>,
    /// Only incidents whose id sorts after this text, by bytes: the cursor of the page before
    /// (its last id). Any text will do: it need not name a stored incident, so a cursor still
    /// works after its incident is gone.
    pub after: Option<String>,
    /// At most this many incidents. A caller that shows pages of `n` asks for `n + 1` to learn
    /// whether another page follows.
    pub limit: usize,
}

impl IncidentQuery {
    /// Whether `incident` passes every filter (`after` included, `limit` aside): what a backend
    /// returns is the first `limit` incidents, in id order, that this admits.
    pub fn admits(&self, incident: &Incident) -> bool {
        let in_box = self.bbox.is_none_or(|bbox| {
            incident
                .location
                .point
                .is_some_and(|p| bbox.contains(p.lon(), p.lat()))
        });
        in_box
            && self.from.is_none_or(|from| incident.when.end() >= from)
            && self.to.is_none_or(|to| incident.when.start() <= to)
            && self
                .kinds
                .as_ref()
                .is_none_or(|kinds| kinds.contains(&incident.kind))
            && self.certainty.is_none_or(|c| c == incident.certainty)
            && self.areas.as_ref().is_none_or(|areas| {
                incident
                    .area
                    .as_ref()
                    .is_some_and(|area| areas.contains(area))
            })
            && self
                .after
                .as_ref()
                .is_none_or(|after| incident.id.as_str() > after.as_str())
    }
}
