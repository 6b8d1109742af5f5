//! Links as OGC clients follow them: absolute URLs on the host the client asked for.
//!
//! The scheme is `http` unless a reverse proxy says `X-Forwarded-Proto: https`; the host is the
//! request's `Host` header. Both only shape links handed back to the same client.

use axum::http::HeaderMap;
use serde_json::{json, Value};

pub(crate) const JSON: &str = "application/json";
pub(crate) const GEOJSON: &str = "application/geo+json";

/// `http://host:port` of the request.
#[derive(Debug, Clone)]
pub(crate) struct Base(String);

impl Base {
    pub(crate) fn of(headers: &HeaderMap) -> Self {
        let header = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::trim)
        };
        let scheme = match header("x-forwarded-proto") {
            Some("https") => "https",
            _ => "http",
        };
        // A Host header with anything but host characters is not echoed into links.
        let host = header("host")
            .filter(|h| {
                !h.is_empty()
                    && h.chars()
                        .all(|c| c.is_ascii_alphanumeric() || ".-:[]_".contains(c))
            })
            .unwrap_or("localhost");
        Base(format!("{scheme}://{host}"))
    }

    /// The absolute URL of `path` (which starts with `/`).
    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.0)
    }
}

pub(crate) fn link(href: String, rel: &str, media_type: &str, title: &str) -> Value {
    json!({ "href": href, "rel": rel, "type": media_type, "title": title })
}

/// `id` as one path segment: everything but unreserved characters percent-encoded.
pub(crate) fn encode_segment(id: &str) -> String {
    id.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
