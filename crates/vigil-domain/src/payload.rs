//! The canonical payload of a notification: the bytes whose SHA-256 a notification records.
//!
//! When a notification is sent through Vigil, this is what is sent; when one sent elsewhere is
//! recorded without its original bytes, this rebuilds a payload from the fields that matter, so
//! the same site, window and parties always give the same digest.

use crate::digest::Sha256;
use crate::ids::{MovementId, PartyId, SiteId};
use crate::movement::Movement;
use crate::site::Site;
use crate::time::{DayWindow, Timestamp};
use crate::vocab::{MovementKind, SiteKind};
use chrono::NaiveDate;
use serde::Serialize;

// The payloads are structs, not `json!` maps: a struct serialises its fields in declaration
// order whatever serde_json features the build enables, so the bytes, and the digests that
// notifications record, never change with the dependency graph.

#[derive(Serialize)]
struct SitePayload<'a> {
    r#type: &'static str,
    id: &'a SiteId,
    kind: SiteKind,
    name: &'a str,
    // Always present for a valid site; `None` would be written as null.
    lon: Option<f64>,
    lat: Option<f64>,
    radius_m: f64,
    valid_from: NaiveDate,
    valid_to: Option<NaiveDate>,
    parties: &'a [PartyId],
}

#[derive(Serialize)]
struct MovementPayload<'a> {
    r#type: &'static str,
    id: &'a MovementId,
    kind: MovementKind,
    name: &'a str,
    route: Vec<[f64; 2]>,
    corridor_width_m: f64,
    window_start: Timestamp,
    window_end: Timestamp,
    valid_from: NaiveDate,
    valid_to: Option<NaiveDate>,
    parties: &'a [PartyId],
}

/// The payload notifying `site` to `parties` for `window`, as compact JSON with fixed key order.
pub fn site_payload(site: &Site, window: &DayWindow, parties: &[PartyId]) -> Vec<u8> {
    serde_json::to_vec(&SitePayload {
        r#type: "site",
        id: &site.id,
        kind: site.kind,
        name: &site.name,
        lon: site.location.point.map(|p| p.lon()),
        lat: site.location.point.map(|p| p.lat()),
        radius_m: site.location.radius_m,
        valid_from: window.from,
        valid_to: window.to,
        parties,
    })
    .expect("a payload always serialises")
}

/// The payload notifying `movement` to `parties` for `window`.
pub fn movement_payload(movement: &Movement, window: &DayWindow, parties: &[PartyId]) -> Vec<u8> {
    serde_json::to_vec(&MovementPayload {
        r#type: "movement",
        id: &movement.id,
        kind: movement.kind,
        name: &movement.name,
        route: movement.route.iter().map(|p| [p.lon(), p.lat()]).collect(),
        corridor_width_m: movement.corridor_width_m,
        window_start: movement.window.start(),
        window_end: movement.window.end(),
        valid_from: window.from,
        valid_to: window.to,
        parties,
    })
    .expect("a payload always serialises")
}

/// The digest of a payload.
pub fn digest(payload: &[u8]) -> Sha256 {
    Sha256::of(payload)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::{GeoPrecision, Location, Point};
    use crate::vocab::Sensitivity;

    #[test]
    fn a_site_payload_has_fixed_keys_in_a_fixed_order() {
        let site = Site {
            id: SiteId::new("site-m10").unwrap(),
            kind: SiteKind::Hospital,
            name: "M10".into(),
            operator: None,
            location: Location::new(
                Point::new(37.1, 36.2).unwrap(),
                GeoPrecision::WithinMeters(250),
                250.0,
            )
            .unwrap(),
            footprint: None,
            sensitivity: Sensitivity::Restricted,
            area: None,
            status: vec![],
            capacity: vec![],
        };
        let window = DayWindow::new("2016-09-05".parse().unwrap(), None).unwrap();
        let parties = [PartyId::new("rus").unwrap()];
        let payload = String::from_utf8(site_payload(&site, &window, &parties)).unwrap();
        assert_eq!(
            payload,
            r#"{"type":"site","id":"site-m10","kind":"hospital","name":"M10","lon":37.1,"lat":36.2,"radius_m":250.0,"valid_from":"2016-09-05","valid_to":null,"parties":["rus"]}"#
        );
    }
}
