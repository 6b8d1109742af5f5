//! Request bodies: JSON only, checked before any record is built from it.
//!
//! A body is refused with a JSON error naming what is wrong: not JSON at all (`415`), JSON
//! that does not parse (`400 bad_body`, with line and column), a field the record does not
//! have (`400 bad_body`: a misspelt `sensitivty` would otherwise be dropped without a word and
//! the default kept), or a value of the wrong shape (`400 bad_body`, serde's words). The
//! size limit is the router's (`Config::max_body_bytes`, answered with `413 too_large`).

use crate::error::ApiError;
use axum::http::header::CONTENT_TYPE;
use axum::http::HeaderMap;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// The body as a JSON object, after checking its media type and that it parses.
pub(crate) fn object(headers: &HeaderMap, body: &[u8]) -> Result<Map<String, Value>, ApiError> {
    let media_type = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        });
    if media_type.as_deref() != Some("application/json") {
        return Err(ApiError::unsupported_media_type(
            "send the record as JSON, with `Content-Type: application/json`",
        ));
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(ApiError::bad_body("the body must be a JSON object")),
        Err(e) => Err(ApiError::bad_body(format!(
            "not valid JSON at line {} column {}: {e}",
            e.line(),
            e.column()
        ))),
    }
}

/// Refuses any top-level field not in `known`.
pub(crate) fn only_fields(object: &Map<String, Value>, known: &[&str]) -> Result<(), ApiError> {
    match object.keys().find(|k| !known.contains(&k.as_str())) {
        Some(unknown) => Err(ApiError::bad_body(format!(
            "unknown field `{unknown}` (known: {})",
            known.join(", ")
        ))),
        None => Ok(()),
    }
}

/// Builds `T` from the object, naming the problem when a value has the wrong shape.
pub(crate) fn record<T: DeserializeOwned>(object: Map<String, Value>) -> Result<T, ApiError> {
    serde_json::from_value(Value::Object(object)).map_err(|e| ApiError::bad_body(e.to_string()))
}

/// Puts the path's id into the object, refusing a body that names another id: the URL says
/// which record is written, and a body copied from another record must not write that one.
pub(crate) fn take_id(object: &mut Map<String, Value>, id: &str) -> Result<(), ApiError> {
    match object.get("id") {
        Some(Value::String(given)) if given != id => Err(ApiError::bad_body(format!(
            "the body's id '{given}' is not the id in the path ('{id}')"
        ))),
        Some(Value::String(_)) | None => {
            object.insert("id".into(), Value::String(id.to_owned()));
            Ok(())
        }
        Some(_) => Err(ApiError::bad_body("`id` must be a string")),
    }
}

/// The body of a write to the record at `id`: a JSON object with only `known` fields, and the
/// path's id in it ([`object`], [`only_fields`], [`take_id`], in that order).
pub(crate) fn record_object(
    headers: &HeaderMap,
    body: &[u8],
    known: &[&str],
    id: &str,
) -> Result<Map<String, Value>, ApiError> {
    let mut fields = object(headers, body)?;
    only_fields(&fields, known)?;
    take_id(&mut fields, id)?;
    Ok(fields)
}
