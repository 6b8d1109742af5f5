//! `GET /tiles/{name}.pmtiles`: a PMTiles archive from the folder `web.tiles_dir`
//! (`VIGIL_WEB_TILES_DIR`), for a base map the web interface draws from this server, so the
//! page's policy needs no widening. A PMTiles reader asks for byte ranges (`Range: bytes=A-B`),
//! answered `206` with `Content-Range`; without `Range` the whole file is streamed.
//!
//! Only a plain file name ending in `.pmtiles` is served (letters, digits, `.`, `_`, `-`): no
//! path, so nothing outside the folder and nothing else in it is reachable. Without a folder
//! configured, or for a file that is not there, the answer is a JSON `404` that says no more
//! than that. Like the page, tiles are for everyone: an operator puts a base map there to be seen.

use super::web::WebSettings;
use crate::error::ApiError;
use axum::body::Body;
use axum::extract::Path;
use axum::http::header::{
    ACCEPT_RANGES, CACHE_CONTROL, CONTENT_LENGTH, CONTENT_RANGE, CONTENT_TYPE, RANGE,
};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use std::io::SeekFrom;
use std::sync::Arc;
use tokio::io::{AsyncReadExt, AsyncSeekExt};

/// A byte range of a file of `size` bytes, both ends included.
#[derive(Debug, PartialEq)]
enum Wanted {
    Whole,
    Range(u64, u64),
    Unsatisfiable,
}

/// The one range of a `Range` header (`bytes=A-B`, `bytes=A-`, `bytes=-N`); several ranges,
/// another unit or a malformed header are answered with the whole file, as RFC 9110 allows.
fn wanted(header: Option<&str>, size: u64) -> Wanted {
    let Some(spec) = header.and_then(|h| h.trim().strip_prefix("bytes=")) else {
        return Wanted::Whole;
    };
    if spec.contains(',') {
        return Wanted::Whole;
    }
    let Some((first, last)) = spec.split_once('-') else {
        return Wanted::Whole;
    };
    let (first, last) = (first.trim(), last.trim());
    let range = match (first.parse::<u64>(), last.parse::<u64>()) {
        (Ok(a), Ok(b)) if a <= b => (a, b.min(size.saturating_sub(1))),
        (Ok(a), Err(_)) if last.is_empty() => (a, size.saturating_sub(1)),
        (Err(_), Ok(n)) if first.is_empty() && n > 0 => {
            (size.saturating_sub(n), size.saturating_sub(1))
        }
        _ => return Wanted::Whole,
    };
    if size == 0 || range.0 >= size {
        Wanted::Unsatisfiable
    } else {
        Wanted::Range(range.0, range.1)
    }
}

fn plain_name(name: &str) -> bool {
    name.len() <= 200
        && name.ends_with(".pmtiles")
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

#[utoipa::path(
    get,
    path = "/tiles/{name}",
    operation_id = "get_tiles",
    tag = "files",
    summary = "A base map's PMTiles archive, by byte ranges (everyone)",
    description = "Served from the folder `web.tiles_dir` (`VIGIL_WEB_TILES_DIR`) of the \
        configuration; a plain file name ending in `.pmtiles`. A `Range: bytes=A-B` request (as \
        PMTiles readers send) is answered `206` with `Content-Range`; without one the whole \
        file is sent.",
    security(()),
    params(
        ("name" = String, Path, description = "The archive's file name, ending in `.pmtiles`."),
        ("Range" = Option<String>, Header, description = "One byte range: `bytes=A-B`, `bytes=A-` or `bytes=-N`."),
    ),
    responses(
        (
            status = 200,
            description = "The whole archive.",
            content_type = "application/vnd.pmtiles",
            body = Vec<u8>,
            headers(("Accept-Ranges" = String, description = "`bytes`.")),
        ),
        (
            status = 206,
            description = "The range asked for.",
            content_type = "application/vnd.pmtiles",
            body = Vec<u8>,
            headers(("Content-Range" = String, description = "`bytes A-B/SIZE`.")),
        ),
        (
            status = 404,
            description = "`not_found`: no tiles folder is configured, or it has no such archive.",
            body = crate::openapi::service::ErrorBody,
        ),
        (
            status = 416,
            description = "`range_not_satisfiable`: the range starts past the end of the file; \
                `Content-Range` is `bytes */SIZE`.",
            body = crate::openapi::service::ErrorBody,
        ),
    ),
)]
pub(crate) async fn get(
    Extension(settings): Extension<Arc<WebSettings>>,
    Path(name): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let not_found = || ApiError::not_found(format!("no tiles archive is named '{name}'"));
    let Some(dir) = settings.tiles_dir.as_ref().filter(|_| plain_name(&name)) else {
        return Err(not_found());
    };
    let mut file = match tokio::fs::File::open(dir.join(&name)).await {
        Ok(file) => file,
        Err(_) => return Err(not_found()),
    };
    let metadata = file.metadata().await.map_err(ApiError::internal)?;
    if !metadata.is_file() {
        return Err(not_found());
    }
    let size = metadata.len();
    let range = headers.get(RANGE).and_then(|v| v.to_str().ok());
    let (status, start, length) = match wanted(range, size) {
        Wanted::Whole => (StatusCode::OK, 0, size),
        Wanted::Range(a, b) => (StatusCode::PARTIAL_CONTENT, a, b - a + 1),
        Wanted::Unsatisfiable => {
            let mut response = ApiError::range_not_satisfiable(format!(
                "the range asked for starts past the end of the file ({size} bytes)"
            ))
            .into_response();
            response.headers_mut().insert(
                CONTENT_RANGE,
                HeaderValue::from_str(&format!("bytes */{size}")).map_err(ApiError::internal)?,
            );
            return Ok(response);
        }
    };
    file.seek(SeekFrom::Start(start))
        .await
        .map_err(ApiError::internal)?;
    let body = Body::from_stream(tokio_util::io::ReaderStream::new(file.take(length)));
    let mut response = (status, body).into_response();
    let out = response.headers_mut();
    out.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/vnd.pmtiles"),
    );
    out.insert(ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    out.insert(CONTENT_LENGTH, HeaderValue::from(length));
    out.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if status == StatusCode::PARTIAL_CONTENT {
        out.insert(
            CONTENT_RANGE,
            HeaderValue::from_str(&format!("bytes {start}-{}/{size}", start + length - 1))
                .map_err(ApiError::internal)?,
        );
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_as_pmtiles_readers_ask_for_them() {
        assert_eq!(
            wanted(Some("bytes=0-16383"), 100_000),
            Wanted::Range(0, 16383)
        );
        assert_eq!(
            wanted(Some("bytes=99990-"), 100_000),
            Wanted::Range(99990, 99999)
        );
        assert_eq!(
            wanted(Some("bytes=-10"), 100_000),
            Wanted::Range(99990, 99999)
        );
        assert_eq!(wanted(Some("bytes=0-999999"), 100), Wanted::Range(0, 99));
        assert_eq!(wanted(Some("bytes=200-300"), 100), Wanted::Unsatisfiable);
        assert_eq!(wanted(Some("bytes=0-1,5-6"), 100), Wanted::Whole);
        assert_eq!(wanted(Some("items=0-1"), 100), Wanted::Whole);
        assert_eq!(wanted(None, 100), Wanted::Whole);
    }

    #[test]
    fn only_plain_pmtiles_names_are_served() {
        assert!(plain_name("syria-2016.pmtiles"));
        for bad in [
            "../vigil.db",
            "a/b.pmtiles",
            ".hidden.pmtiles",
            "vigil.db",
            "x.pmtiles/",
        ] {
            assert!(!plain_name(bad), "{bad}");
        }
    }
}
