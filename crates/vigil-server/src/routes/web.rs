//! The web interface: the bundle `web/` builds (committed under `web-dist/`, embedded in the
//! binary) served at `/`.
//!
//! It is the router's fallback rather than a set of routes: every path the API does not
//! serve, except those under `/api` and `/ogc` (which stay JSON 404s, so an API client never
//! gets a page of HTML), is either a file of the bundle or the interface's `index.html`, whose
//! script routes on the client. The API's description therefore has nothing to say about it.
//!
//! - Hashed assets (`/assets/…`, their names change with their content) may be cached for a
//!   year; `index.html` must be revalidated, so a new bundle is picked up at once.
//! - Every answer carries a Content-Security-Policy that lets the page load only from this
//!   server: `blob:` workers and images are what the map library makes for itself. The
//!   operator alone may widen it, for a base map's tiles: the origins of `web.tile_origins`
//!   (`VIGIL_WEB_TILE_ORIGINS`) are added to `connect-src` and `img-src`, nothing else.

use crate::error::ApiError;
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS,
};
use axum::http::{HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use rust_embed::RustEmbed;
use std::path::PathBuf;
use std::sync::Arc;

/// The built bundle (`npm run build` in `web/`, see `scripts/web-build.sh`).
#[derive(RustEmbed)]
#[folder = "web-dist/"]
struct Bundle;

/// Nothing from outside the server: scripts, styles, data and fonts from this origin only.
/// The map library runs its worker from a `blob:` URL and draws into `data:`/`blob:` images;
/// the styles it sets on the elements it positions go through the CSSOM, which `style-src`
/// does not govern, so no inline style is allowed.
pub(crate) const CONTENT_SECURITY_POLICY_VALUE: &str = "default-src 'self'; \
     script-src 'self'; worker-src 'self' blob:; img-src 'self' data: blob:; \
     style-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
     form-action 'self'; frame-ancestors 'none'";

/// What the web interface's answers depend on in the configuration (`[web]`).
pub(crate) struct WebSettings {
    /// The page's Content-Security-Policy.
    pub policy: HeaderValue,
    /// Where the PMTiles archives served at `/tiles/` are.
    pub tiles_dir: Option<PathBuf>,
}

impl WebSettings {
    pub(crate) fn new(config: &crate::config::WebConfig) -> Self {
        Self {
            policy: HeaderValue::from_str(&policy(&config.tile_origins))
                .unwrap_or_else(|_| HeaderValue::from_static(CONTENT_SECURITY_POLICY_VALUE)),
            tiles_dir: config.tiles_dir.clone(),
        }
    }
}

/// The policy with `tile_origins` allowed for fetching tiles and drawing their images. Each
/// origin was checked to be a plain origin (`config::check_tile_origin`); any other is left out.
pub(crate) fn policy(tile_origins: &[String]) -> String {
    let origins: Vec<&str> = tile_origins
        .iter()
        .map(String::as_str)
        .filter(|o| crate::config::check_tile_origin(o).is_ok())
        .collect();
    if origins.is_empty() {
        return CONTENT_SECURITY_POLICY_VALUE.to_owned();
    }
    let extra = origins.join(" ");
    CONTENT_SECURITY_POLICY_VALUE
        .replace(
            "img-src 'self' data: blob:;",
            &format!("img-src 'self' data: blob: {extra};"),
        )
        .replace(
            "connect-src 'self';",
            &format!("connect-src 'self' {extra};"),
        )
}

const INDEX: &str = "index.html";
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The interface for any path the API does not serve; a JSON 404 under `/api` and `/ogc`.
pub(crate) async fn fallback(
    Extension(settings): Extension<Arc<WebSettings>>,
    method: Method,
    uri: Uri,
) -> Response {
    let path = uri.path();
    let api = ["/api", "/ogc"]
        .iter()
        .any(|p| path == *p || path.starts_with(&format!("{p}/")));
    if api || !(method == Method::GET || method == Method::HEAD) {
        return super::unknown(uri).await.into_response();
    }
    let wanted = path.trim_start_matches('/');
    match Bundle::get(wanted).filter(|_| !wanted.is_empty()) {
        Some(file) => asset(wanted, file.data.into_owned(), &settings.policy),
        // A client route (`/sites/m10`), or an asset of an older bundle: the page, which
        // routes it, or loads the assets it names.
        None => match Bundle::get(INDEX) {
            Some(index) => asset(INDEX, index.data.into_owned(), &settings.policy),
            None => ApiError::not_found("this server was built without its web interface")
                .into_response(),
        },
    }
}

/// One file of the bundle, with its type and caching.
fn asset(name: &str, bytes: Vec<u8>, policy: &HeaderValue) -> Response {
    let cache = if name.starts_with("assets/") {
        IMMUTABLE
    } else {
        "no-cache"
    };
    let mut response = (StatusCode::OK, bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(media_type(name)));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static(cache));
    headers.insert(CONTENT_SECURITY_POLICY, policy.clone());
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    response
}

/// The media type of a bundle file, by its extension (the bundle holds few kinds).
fn media_type(name: &str) -> &'static str {
    match name.rsplit_once('.').map(|(_, ext)| ext) {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json" | "map") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_configured_origins_widen_the_policy_and_only_for_tiles() {
        assert_eq!(policy(&[]), CONTENT_SECURITY_POLICY_VALUE);
        let widened = policy(&[
            "https://tiles.example.org".to_owned(),
            "https://x.org; script-src *".to_owned(),
        ]);
        assert!(
            widened.contains("img-src 'self' data: blob: https://tiles.example.org;"),
            "{widened}"
        );
        assert!(
            widened.contains("connect-src 'self' https://tiles.example.org;"),
            "{widened}"
        );
        assert!(widened.contains("script-src 'self';"), "{widened}");
        assert!(!widened.contains("x.org"), "{widened}");
    }

    #[test]
    fn media_types_by_extension() {
        assert_eq!(media_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(
            media_type("assets/index-3f1c.js"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(
            media_type("assets/index-3f1c.css"),
            "text/css; charset=utf-8"
        );
        assert_eq!(media_type("LICENSE"), "application/octet-stream");
    }
}
