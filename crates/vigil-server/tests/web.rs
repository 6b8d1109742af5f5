//! The web interface as a browser fetches it from the real server: the page at `/` and at
//! any client route, its assets with their types and caching, a Content-Security-Policy
//! that keeps every load on this server, and API paths that stay JSON 404s.

mod common;

use common::{start, Running};

struct Fetched {
    status: u16,
    headers: ureq::http::HeaderMap,
    text: String,
}

impl Fetched {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(|v| v.to_str().unwrap())
    }
}

fn fetch(server: &Running, method: &str, path: &str) -> Fetched {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let request = ureq::http::Request::builder()
        .method(method)
        .uri(server.url(path))
        .body(String::new())
        .unwrap();
    let mut response = agent.run(request).unwrap();
    let headers = response.headers().clone();
    let text = response.body_mut().read_to_string().unwrap();
    Fetched {
        status: response.status().as_u16(),
        headers,
        text,
    }
}

/// The `src` of the page's module script: the bundle's hashed entry point.
fn entry_script(page: &str) -> String {
    let at = page
        .find("src=\"/assets/")
        .expect("the page loads a bundled script");
    let rest = &page[at + "src=\"".len()..];
    rest[..rest.find('"').unwrap()].to_owned()
}

#[test]
fn the_page_is_served_at_the_root_and_at_client_routes_with_a_strict_policy() {
    let server = start();
    let root = fetch(&server, "GET", "/");
    assert_eq!(root.status, 200);
    assert_eq!(
        root.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(root.text.contains("<html"), "{}", root.text);
    // A new bundle must be picked up at once: the page is always revalidated.
    assert_eq!(root.header("cache-control"), Some("no-cache"));
    let policy = root.header("content-security-policy").expect("a CSP");
    assert!(policy.starts_with("default-src 'self';"), "{policy}");
    assert!(policy.contains("worker-src 'self' blob:"), "{policy}");
    // Nothing from another origin: no scheme or host is allowed but blob: and data:.
    for source in policy.split(';').flat_map(|d| d.split_whitespace().skip(1)) {
        assert!(
            ["'self'", "'none'", "blob:", "data:"].contains(&source),
            "{source} in {policy}"
        );
    }
    assert_eq!(root.header("x-content-type-options"), Some("nosniff"));

    // A client route (a deep link, a reload) is the same page, which routes it; a dossier
    // under an incident's address too, not the API's dossier.
    for path in [
        "/sites/site-m10?lang=ar",
        "/incidents/inc-convoy-urum-20160919/dossier",
        "/incidents/new",
        // A bookmarked report and audit page keep their parameters in the query.
        "/sitrep?area=SY02&from=2016-09-19&to=2016-10-03",
        "/ceasefires/cf-coh-20160912",
        "/audit?record=site/site-m10&after=50",
    ] {
        let deep = fetch(&server, "GET", path);
        assert_eq!(deep.status, 200, "{path}");
        assert_eq!(deep.text, root.text, "{path}");
    }

    let script = entry_script(&root.text);
    let asset = fetch(&server, "GET", &script);
    assert_eq!(asset.status, 200, "{script}");
    assert_eq!(
        asset.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert_eq!(
        asset.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    server.stop().unwrap();
}

#[test]
fn api_and_ogc_paths_stay_json_404s_and_other_methods_get_no_page() {
    let server = start();
    for path in ["/api/no-such-thing", "/ogc/nothing/here", "/api"] {
        let answer = fetch(&server, "GET", path);
        assert_eq!(answer.status, 404, "{path}");
        let body: serde_json::Value = serde_json::from_str(&answer.text).unwrap();
        assert_eq!(body["error"]["code"], "not_found", "{path}");
    }
    let posted = fetch(&server, "POST", "/sites/site-m10");
    assert_eq!(posted.status, 404);
    assert!(posted.text.starts_with('{'), "{}", posted.text);
    server.stop().unwrap();
}
