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

/// A GET with a `Range` header, its answer as bytes.
fn fetch_range(
    server: &Running,
    path: &str,
    range: Option<&str>,
) -> (u16, ureq::http::HeaderMap, Vec<u8>) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut request = ureq::http::Request::builder()
        .method("GET")
        .uri(server.url(path));
    if let Some(range) = range {
        request = request.header("Range", range);
    }
    let mut response = agent.run(request.body(String::new()).unwrap()).unwrap();
    let headers = response.headers().clone();
    let bytes = response.body_mut().read_to_vec().unwrap();
    (response.status().as_u16(), headers, bytes)
}

#[test]
fn only_the_operator_widens_the_policy_for_a_base_maps_tiles() {
    let config = vigil_server::Config {
        web: vigil_server::config::WebConfig {
            tile_origins: vec!["https://tiles.example.org".into()],
            tiles_dir: None,
        },
        ..vigil_server::Config::default()
    };
    let server = common::start_configured(config, |_| {});
    let page = fetch(&server, "GET", "/");
    let policy = page.header("content-security-policy").unwrap();
    for directive in ["connect-src", "img-src"] {
        let sources = policy
            .split(';')
            .map(str::trim)
            .find(|d| d.starts_with(directive))
            .unwrap();
        assert!(sources.ends_with(" https://tiles.example.org"), "{policy}");
    }
    // Scripts, styles, workers and the rest stay on this server.
    for directive in [
        "script-src 'self';",
        "style-src 'self';",
        "worker-src 'self' blob:;",
        "default-src 'self';",
    ] {
        assert!(policy.contains(directive), "{policy}");
    }
    assert_eq!(policy.matches("tiles.example.org").count(), 2, "{policy}");
    server.stop().unwrap();
}

#[test]
fn a_pmtiles_archive_is_served_by_ranges_from_the_tiles_folder_only() {
    let folder = tempfile::tempdir().unwrap();
    let archive: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
    std::fs::write(folder.path().join("syria.pmtiles"), &archive).unwrap();
    std::fs::write(folder.path().join("secret.txt"), b"not a map").unwrap();
    let config = vigil_server::Config {
        web: vigil_server::config::WebConfig {
            tile_origins: vec![],
            tiles_dir: Some(folder.path().to_owned()),
        },
        ..vigil_server::Config::default()
    };
    let server = common::start_configured(config, |_| {});
    // The page's policy is not widened by a folder on this server.
    let policy = fetch(&server, "GET", "/")
        .header("content-security-policy")
        .unwrap()
        .to_owned();
    assert!(policy.contains("connect-src 'self';"), "{policy}");

    let (status, headers, bytes) =
        fetch_range(&server, "/tiles/syria.pmtiles", Some("bytes=0-16383"));
    assert_eq!(status, 206);
    assert_eq!(bytes, archive[..16384]);
    assert_eq!(
        headers.get("content-range").unwrap(),
        "bytes 0-16383/100000"
    );
    assert_eq!(headers.get("accept-ranges").unwrap(), "bytes");
    let (status, _, bytes) = fetch_range(&server, "/tiles/syria.pmtiles", Some("bytes=99990-"));
    assert_eq!((status, bytes.as_slice()), (206, &archive[99990..]));
    let (status, _, bytes) = fetch_range(&server, "/tiles/syria.pmtiles", None);
    assert_eq!((status, bytes.len()), (200, archive.len()));
    let (status, headers, _) = fetch_range(&server, "/tiles/syria.pmtiles", Some("bytes=200000-"));
    assert_eq!(status, 416);
    assert_eq!(headers.get("content-range").unwrap(), "bytes */100000");
    // Nothing but a .pmtiles file of the folder, by its plain name.
    for path in [
        "/tiles/secret.txt",
        "/tiles/..%2Fsecret.txt",
        "/tiles/missing.pmtiles",
    ] {
        let (status, _, _) = fetch_range(&server, path, None);
        assert_eq!(status, 404, "{path}");
    }
    server.stop().unwrap();

    // Without a folder configured, there are no tiles.
    let server = start();
    assert_eq!(fetch_range(&server, "/tiles/syria.pmtiles", None).0, 404);
    server.stop().unwrap();
}
