//! What the engine reads, and the thresholds it applies.

use std::collections::HashMap;
use vigil_domain::{
    Acknowledgement, Area, Ceasefire, Incident, IncidentId, Movement, Notification, Site, SourceId,
};

/// Everything a run looks at, as plain slices (no storage, no I/O).
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub sites: &'a [Site],
    pub movements: &'a [Movement],
    /// Every version of every notification.
    pub notifications: &'a [Notification],
    pub acknowledgements: &'a [Acknowledgement],
    pub incidents: &'a [Incident],
    pub ceasefires: &'a [Ceasefire],
    /// For area membership (parent chains).
    pub areas: &'a [Area],
    /// For duplicate detection: the sources each incident's reports come from. An incident
    /// missing here has no known source, so it shares none with any other.
    pub incident_sources: &'a HashMap<IncidentId, Vec<SourceId>>,
}

/// Reach above which a match says no more than "somewhere in the same area": a 10 km circle
/// holds a whole town's hospitals, so naming one of them would claim more than the data holds.
pub const AREA_LEVEL_REACH_M: f64 = 10_000.0;

/// Reach up to which a site-level match is `consistent` rather than `possible`: within a
/// kilometre a strike and a site are plausibly the same place (a city block or two, the usual
/// error of a geolocated video or a "near the hospital" report).
pub const CONSISTENT_REACH_M: f64 = 1_000.0;

/// A second strike on a site within this many hours of the first is a return strike (a
/// "double tap" hits rescuers and the wounded; 12 h covers same-day returns and the night
/// after, which monitors such as MSF and SAMS report as one pattern).
pub const RETURN_WITHIN_HOURS: u32 = 12;

/// Extra distance, beyond both incidents' radii, within which two reports may still be one
/// event: sources geolocate the same strike a few hundred metres apart (one names the street,
/// another the hospital, a third the neighbourhood centre).
pub const DUPLICATE_EXTRA_DISTANCE_M: f64 = 1_000.0;

/// Largest gap between two incidents' spans for them to be one event: a source that reports
/// the next morning, or dates by local time against another's UTC, is at most a day off.
pub const DUPLICATE_MAX_GAP_S: i64 = 86_400;

/// The engine's thresholds. [`Options::default`] gives the documented constants above.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// See [`AREA_LEVEL_REACH_M`].
    pub area_level_reach_m: f64,
    /// See [`CONSISTENT_REACH_M`].
    pub consistent_reach_m: f64,
    /// See [`RETURN_WITHIN_HOURS`].
    pub return_within_hours: u32,
    /// See [`DUPLICATE_EXTRA_DISTANCE_M`].
    pub duplicate_extra_distance_m: f64,
    /// See [`DUPLICATE_MAX_GAP_S`].
    pub duplicate_max_gap_s: i64,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            area_level_reach_m: AREA_LEVEL_REACH_M,
            consistent_reach_m: CONSISTENT_REACH_M,
            return_within_hours: RETURN_WITHIN_HOURS,
            duplicate_extra_distance_m: DUPLICATE_EXTRA_DISTANCE_M,
            duplicate_max_gap_s: DUPLICATE_MAX_GAP_S,
        }
    }
}
