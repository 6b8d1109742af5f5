//! Errors as the API returns them: a status and a JSON body `{"error": {"code", "message"}}`
//! whose `code` is stable, for programs, and whose `message` is for people. Internal details
//! (SQL, file paths) go to the log, never to the client.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;
use vigil_domain::ValidationError;
use vigil_store::StoreError;

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    /// For `invalid`: every broken rule, by field, so a form can show each beside its field.
    pub fields: Vec<ValidationError>,
}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            fields: Vec::new(),
        }
    }

    /// The caller's role may not do this: a write it may not make, or records it may never read
    /// (findings for the public). Used where the endpoint is documented, so refusing reveals
    /// nothing a 404 would hide.
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, "forbidden", message)
    }

    /// Too many failed attempts (sign-ins) in a while: try again later (the caller adds
    /// `Retry-After`).
    pub fn too_many_requests(message: impl Into<String>) -> Self {
        Self::new(StatusCode::TOO_MANY_REQUESTS, "too_many_requests", message)
    }

    /// A byte range past the end of a file (a base map's tiles, `/tiles/`); the caller adds
    /// `Content-Range`.
    pub fn range_not_satisfiable(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::RANGE_NOT_SATISFIABLE,
            "range_not_satisfiable",
            message,
        )
    }

    /// A request body that is not the JSON the endpoint takes.
    pub fn bad_body(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "bad_body", message)
    }

    /// A body other than JSON where JSON is taken.
    pub fn unsupported_media_type(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            message,
        )
    }

    /// A record that breaks the domain's rules; `fields` says which and how.
    pub fn invalid(message: impl Into<String>, fields: Vec<ValidationError>) -> Self {
        Self {
            fields,
            ..Self::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", message)
        }
    }

    /// The write clashes with what is stored (a report's id reused for other content).
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, "conflict", message)
    }

    /// The record changed since the caller read it: its `If-Match` no longer holds.
    pub fn edit_conflict(message: impl Into<String>) -> Self {
        Self::new(StatusCode::PRECONDITION_FAILED, "edit_conflict", message)
    }

    /// Changing a stored record needs `If-Match` with the ETag the caller read.
    pub fn precondition_required(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::PRECONDITION_REQUIRED,
            "precondition_required",
            message,
        )
    }

    /// A body over the configured limit.
    pub fn too_large(message: impl Into<String>) -> Self {
        Self::new(StatusCode::PAYLOAD_TOO_LARGE, "too_large", message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    /// A query parameter the endpoint cannot use; the message starts with the parameter's
    /// name so a client can tell which one.
    pub fn bad_parameter(name: &str, problem: impl std::fmt::Display) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "bad_parameter",
            format!("{name}: {problem}"),
        )
    }

    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "unauthorized", message)
    }

    /// The database kept abandoning the write because of concurrent ones (after the retries
    /// [`crate::AppState::write`] makes); nothing of it was kept, and sending it again later
    /// can succeed.
    pub fn busy(detail: impl std::fmt::Display) -> Self {
        tracing::warn!(%detail, "write abandoned after retries");
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "busy",
            "the database is busy with other writes; nothing was saved, send the request again",
        )
    }

    /// Something went wrong on the server's side; the detail is logged, not returned.
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        tracing::error!(%detail, "request failed");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "the server could not complete the request; the log says why",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut error = json!({ "code": self.code, "message": self.message });
        if !self.fields.is_empty() {
            error["fields"] = self
                .fields
                .iter()
                .map(|f| json!({ "field": f.field, "problem": f.problem }))
                .collect();
        }
        (self.status, Json(json!({ "error": error }))).into_response()
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Invalid { what, id, errors } => {
                ApiError::invalid(format!("{what} {id} breaks the rules: {errors}"), errors.0)
            }
            // Writes are checked against what they refer to: a missing reference is the
            // request's fault, not a missing endpoint.
            StoreError::NotFound { what, id } => ApiError::invalid(
                format!("{what} '{id}' does not exist"),
                vec![ValidationError::new(what, format!("'{id}' does not exist"))],
            ),
            StoreError::Conflict(message) => ApiError::conflict(message),
            StoreError::Retry(_) => ApiError::busy(e),
            StoreError::Backend(_) => ApiError::internal(e),
        }
    }
}

/// Gives every error the JSON shape, including those the framework answers by itself before
/// a handler runs (`405` for a method an endpoint does not take, `413` for a body over the
/// limit): a client then reads one error format, always.
pub(crate) async fn json_errors(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let allow = response.headers().get(axum::http::header::ALLOW).cloned();
    let error = match status {
        StatusCode::PAYLOAD_TOO_LARGE => {
            ApiError::too_large("the request body is larger than this server accepts")
        }
        StatusCode::METHOD_NOT_ALLOWED => ApiError::new(
            status,
            "method_not_allowed",
            "this endpoint does not take that method",
        ),
        StatusCode::BAD_REQUEST => ApiError::new(status, "bad_request", "the request is malformed"),
        _ => ApiError::new(
            status,
            "http_error",
            status.canonical_reason().unwrap_or("request failed"),
        ),
    };
    let mut replaced = error.into_response();
    if let Some(allow) = allow {
        replaced
            .headers_mut()
            .insert(axum::http::header::ALLOW, allow);
    }
    replaced
}
