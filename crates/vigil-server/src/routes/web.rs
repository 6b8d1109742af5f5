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
//!   server: `blob:` workers and images are what the map library makes for itself.

use crate::error::ApiError;
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS,
};
use axum::http::{HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use rust_embed::RustEmbed;

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

const INDEX: &str = "index.html";
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The interface for any path the API does not serve; a JSON 404 under `/api` and `/ogc`.
pub(crate) async fn fallback(method: Method, uri: Uri) -> Response {
    let path = uri.path();
    let api = ["/api", "/ogc"]
        .iter()
        .any(|p| path == *p || path.starts_with(&format!("{p}/")));
    if api || !(method == Method::GET || method == Method::HEAD) {
        return super::unknown(uri).await.into_response();
    }
    let wanted = path.trim_start_matches('/');
    match Bundle::get(wanted).filter(|_| !wanted.is_empty()) {
        Some(file) => asset(wanted, file.data.into_owned()),
        // A client route (`/sites/m10`), or an asset of an older bundle: the page, which
        // routes it, or loads the assets it names.
        None => match Bundle::get(INDEX) {
            Some(index) => asset(INDEX, index.data.into_owned()),
            None => ApiError::not_found("this server was built without its web interface")
                .into_response(),
        },
    }
}

/// One file of the bundle, with its type and caching.
fn asset(name: &str, bytes: Vec<u8>) -> Response {
    let cache = if name.starts_with("assets/") {
        IMMUTABLE
    } else {
        "no-cache"
    };
    let mut response = (StatusCode::OK, bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(media_type(name)));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static(cache));
    headers.insert(
        CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY_VALUE),
    );
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
