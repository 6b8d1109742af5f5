//! The canonical payload of a notification: the bytes whose SHA-256 a notification records.
//!
//! When a notification is sent through Vigil, this is what is sent; when one sent elsewhere is
//! recorded without its original bytes, this rebuilds a payload from the fields that matter, so
//! the same site, window and parties always give the same digest.

use crate::digest::Sha256;
use crate::ids::PartyId;
use crate::movement::Movement;
use crate::site::Site;
use crate::time::DayWindow;
use serde_json::json;

/// The payload notifying `site` to `parties` for `window`, as compact JSON with fixed key order.
pub fn site_payload(site: &Site, window: &DayWindow, parties: &[PartyId]) -> Vec<u8> {
    let value = json!({
        "type": "site",
        "id": site.id,
        "kind": site.kind,
        "name": site.name,
        "lon": site.location.point.lon(),
        "lat": site.location.point.lat(),
        "radius_m": site.location.radius_m,
        "valid_from": window.from,
        "valid_to": window.to,
        "parties": parties,
    });
    serde_json::to_vec(&value).expect("a JSON value always serialises")
}

/// The payload notifying `movement` to `parties` for `window`.
pub fn movement_payload(movement: &Movement, window: &DayWindow, parties: &[PartyId]) -> Vec<u8> {
    let route: Vec<[f64; 2]> = movement.route.iter().map(|p| [p.lon(), p.lat()]).collect();
    let value = json!({
        "type": "movement",
        "id": movement.id,
        "kind": movement.kind,
        "name": movement.name,
        "route": route,
        "corridor_width_m": movement.corridor_width_m,
        "window_start": movement.window.start(),
        "window_end": movement.window.end(),
        "valid_from": window.from,
        "valid_to": window.to,
        "parties": parties,
    });
    serde_json::to_vec(&value).expect("a JSON value always serialises")
}

/// The digest of a payload.
pub fn digest(payload: &[u8]) -> Sha256 {
    Sha256::of(payload)
}
