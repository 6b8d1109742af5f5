//! Requests with any method, headers and body, and their answers as JSON, for the write tests.

use super::Running;
use serde_json::Value;

/// One HTTP answer: status, `ETag`, `Location` and JSON body.
pub struct Answer {
    pub status: u16,
    pub etag: Option<String>,
    pub location: Option<String>,
    pub body: Value,
}

impl Answer {
    /// The error code of a refusal, or "" for a success.
    pub fn code(&self) -> &str {
        self.body["error"]["code"].as_str().unwrap_or("")
    }
}

pub fn send(
    server: &Running,
    method: &str,
    path: &str,
    token: Option<&str>,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> Answer {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut request = ureq::http::Request::builder()
        .method(method)
        .uri(server.url(path));
    if let Some(token) = token {
        request = request.header("Authorization", format!("Bearer {token}"));
    }
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let mut response = agent
        .run(request.body(body.unwrap_or("").to_owned()).unwrap())
        .unwrap();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    };
    let (etag, location) = (header("etag"), header("location"));
    let text = response.body_mut().read_to_string().unwrap();
    let body = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{method} {path}: not JSON ({e}): {text:?}"));
    Answer {
        status: response.status().as_u16(),
        etag,
        location,
        body,
    }
}

/// `PUT` of `body` as JSON, with `extra` headers (`If-Match`, …).
pub fn put_json(
    server: &Running,
    path: &str,
    token: Option<&str>,
    extra: &[(&str, &str)],
    body: &Value,
) -> Answer {
    let mut headers = vec![("Content-Type", "application/json")];
    headers.extend_from_slice(extra);
    send(
        server,
        "PUT",
        path,
        token,
        &headers,
        Some(&body.to_string()),
    )
}

pub fn get(server: &Running, path: &str, token: Option<&str>) -> Answer {
    send(server, "GET", path, token, &[], None)
}
