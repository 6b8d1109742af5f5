//! The OGC API – Features at `/ogc`, on the real server over the policy tests' records
//! (`common::fixture`): read by GDAL's OAPIF driver as a map client reads it, for the public
//! and with an admin's token, and over plain HTTP for paging, `bbox`, `datetime`, `limit`
//! and the 404s.
//!
//! GDAL comes from `scripts/test-tools.sh`, through the export tests' own helper; a missing
//! GDAL fails these tests with the script's words, it never skips them.

mod common;

#[allow(dead_code)] // the helper also reads HXL, which these tests do not
#[path = "../../vigil-cli/tests/readers/mod.rs"]
mod readers;

use common::fixture::*;
use common::{start_with, token};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;
use vigil_domain::*;

/// Runs a GDAL program (`ogrinfo`, `ogr2ogr`) with the admin's token, if given, as GDAL sends
/// headers (`GDAL_HTTP_HEADERS`); returns standard output and error.
fn gdal(program: &str, token: Option<&str>, args: &[&str]) -> (String, String) {
    let ogrinfo = &readers::tools().ogrinfo;
    let path: PathBuf = ogrinfo.with_file_name(program);
    let mut command = Command::new(&path);
    if let Some(token) = token {
        command.args([
            "--config",
            "GDAL_HTTP_HEADERS",
            &format!("Authorization: Bearer {token}"),
        ]);
    }
    let output = command.args(args).output().unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    );
    assert!(
        output.status.success(),
        "{program} {args:?}: {}\n{stdout}{stderr}",
        output.status
    );
    (stdout, stderr)
}

/// What `ogrinfo -so -al` says of each layer: geometry type and feature count.
fn layers(summary: &str) -> BTreeMap<String, (String, usize)> {
    let mut layers = BTreeMap::new();
    let mut current: Option<(String, String)> = None;
    for line in summary.lines() {
        if let Some(name) = line.strip_prefix("Layer name: ") {
            current = Some((name.to_owned(), String::new()));
        } else if let Some(geometry) = line.strip_prefix("Geometry: ") {
            if let Some((_, g)) = current.as_mut() {
                *g = geometry.to_owned();
            }
        } else if let Some(count) = line.strip_prefix("Feature Count: ") {
            let (name, geometry) = current.take().expect("a count after a layer name");
            layers.insert(name, (geometry, count.parse().unwrap()));
        }
    }
    layers
}

fn admin_token(world: &World) -> String {
    world.token(Who::Admin).unwrap()
}

#[test]
fn gdal_lists_the_publics_layers_without_a_restricted_name_or_coordinate() {
    let world = world();
    let url = format!("OAPIF:{}", world.server.url("/ogc"));
    let (summary, _) = gdal("ogrinfo", None, &["-ro", "-so", "-al", &url]);
    let found = layers(&summary);
    // No findings layer at all; sites, incidents and movements without geometry.
    assert_eq!(
        found.keys().collect::<Vec<_>>(),
        ["incidents", "movements", "sites"],
        "{summary}"
    );
    assert_eq!(found["sites"].1, 1, "{summary}");
    assert_eq!(found["incidents"].1, 3, "{summary}");
    assert_eq!(found["movements"].1, 1, "{summary}");

    // Every feature, every field, as GDAL read them.
    let (features, _) = gdal("ogrinfo", None, &["-ro", "-al", &url]);
    assert!(features.contains("Open Clinic"), "{features}");
    assert!(features.contains(PUBLIC_MOVEMENT_NAME), "{features}");
    for hidden in [
        RESTRICTED_SITE_NAME,
        RESTRICTED_SITE_ID,
        RESTRICTED_SITE_LON,
        RESTRICTED_SITE_LAT,
        INCIDENT_LON,
        INCIDENT_LAT,
        "inc-1",
        DESCRIPTION,
        WITNESS_SOURCE_ID,
        WITNESS_TITLE,
        STATUS_SOURCE_ID,
        RESTRICTED_MOVEMENT_ID,
        RESTRICTED_MOVEMENT_NAME,
        ROUTE_START_LON,
        ROUTE_END_LAT,
        CONVOY_SOURCE_ID,
        // Not even the public clinic's coordinates: the public gets none.
        "36.63111",
        "POINT",
        "LINESTRING",
    ] {
        assert!(!features.contains(hidden), "{hidden} in\n{features}");
    }
    world.server.stop().unwrap();
}

#[test]
fn gdal_with_an_admin_token_reads_every_layer_with_its_geometry() {
    let world = world();
    let token = admin_token(&world);
    let url = format!("OAPIF:{}", world.server.url("/ogc"));
    let (summary, _) = gdal("ogrinfo", Some(&token), &["-ro", "-so", "-al", &url]);
    let found = layers(&summary);
    assert_eq!(
        found.keys().collect::<Vec<_>>(),
        ["findings", "incidents", "movements", "sites"],
        "{summary}"
    );
    assert_eq!(found["sites"], ("Point".to_owned(), 2), "{summary}");
    assert_eq!(found["incidents"], ("Point".to_owned(), 3), "{summary}");
    assert_eq!(
        found["movements"],
        ("Line String".to_owned(), 2),
        "{summary}"
    );
    assert_eq!(found["findings"], ("Point".to_owned(), 2), "{summary}");

    let (sites, _) = gdal("ogrinfo", Some(&token), &["-ro", "-al", &url, "sites"]);
    assert!(
        sites.contains(&format!(
            "POINT ({RESTRICTED_SITE_LON} {RESTRICTED_SITE_LAT})"
        )),
        "{sites}"
    );
    assert!(sites.contains(RESTRICTED_SITE_NAME), "{sites}");

    // ogr2ogr copies the routes to a GeoJSON file that reads back as the routes stored.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("movements.geojson");
    gdal(
        "ogr2ogr",
        Some(&token),
        &["-f", "GeoJSON", out.to_str().unwrap(), &url, "movements"],
    );
    let copied: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let secret = copied["features"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["properties"]["name"] == RESTRICTED_MOVEMENT_NAME)
        .expect("the restricted convoy, for an admin");
    assert_eq!(secret["geometry"]["type"], "LineString");
    let start = &secret["geometry"]["coordinates"][0];
    assert_eq!(
        (start[0].to_string(), start[1].to_string()),
        (ROUTE_START_LON.to_owned(), ROUTE_START_LAT.to_owned())
    );
    assert_eq!(secret["properties"]["source"], CONVOY_SOURCE_ID);
    world.server.stop().unwrap();
}

#[test]
fn gdal_follows_the_next_links_to_the_last_page() {
    // GDAL asks for 10 features a page: 25 sites take three pages.
    let mut admin = None;
    let server = start_with(|store| {
        let mut tx = store.transaction().unwrap();
        tx.put_area(&area("nowhere", AreaLevel::Country, None))
            .unwrap();
        // The sites' status reports cite it.
        let msf = source(
            STATUS_SOURCE_ID,
            SourceKind::OrganisationReport,
            "MSF",
            false,
        );
        tx.put_source(&msf, vigil_store::Existing::Keep).unwrap();
        for i in 0..25 {
            tx.put_site(&site(
                &format!("site-{i:03}"),
                &format!("Clinic {i}"),
                36.0 + i as f64 / 100.0,
                35.5,
                Sensitivity::Restricted,
                "nowhere",
            ))
            .unwrap();
        }
        tx.commit().unwrap();
        admin = Some(token(store, Role::Admin, None, false));
    });
    let url = format!("OAPIF:{}", server.url("/ogc"));
    let (summary, debug) = gdal(
        "ogrinfo",
        Some(admin.as_deref().unwrap()),
        &["-ro", "-so", "-al", "--debug", "on", &url, "sites"],
    );
    assert_eq!(
        layers(&summary)["sites"],
        ("Point".to_owned(), 25),
        "{summary}"
    );
    // GDAL's own log of what it fetched: the two further pages, by their next links.
    let followed: Vec<&str> = debug
        .lines()
        .filter(|l| l.contains("Fetch(") && l.contains("/items?") && l.contains("after="))
        .collect();
    assert!(
        followed.iter().any(|l| l.contains("after=site-009"))
            && followed.iter().any(|l| l.contains("after=site-019")),
        "{debug}"
    );
    // The public sees none of these restricted sites, and no error.
    let (summary, _) = gdal("ogrinfo", None, &["-ro", "-so", "-al", &url, "sites"]);
    assert_eq!(layers(&summary)["sites"].1, 0, "{summary}");
    server.stop().unwrap();
}

/// Status, `Content-Type` and JSON body of a GET as `who`.
fn get(world: &World, who: Who, path: &str) -> (u16, String, Value) {
    let (status, content_type, body) = world.get_with_type(who, path);
    let json = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{path}: {e}: {body}"));
    (status, content_type, json)
}

fn feature_ids(collection: &Value) -> Vec<String> {
    collection["features"]
        .as_array()
        .unwrap_or_else(|| panic!("no features in {collection}"))
        .iter()
        .map(|f| f["id"].as_str().unwrap().to_owned())
        .collect()
}

fn items(world: &World, who: Who, path: &str) -> Value {
    let (status, content_type, body) = get(world, who, path);
    assert_eq!(status, 200, "{path}: {body}");
    assert_eq!(content_type, "application/geo+json", "{path}");
    assert_eq!(body["type"], "FeatureCollection");
    assert_eq!(
        body["numberReturned"].as_u64(),
        Some(body["features"].as_array().unwrap().len() as u64)
    );
    assert!(body["timeStamp"].as_str().unwrap().ends_with('Z'), "{body}");
    body
}

fn link<'a>(body: &'a Value, rel: &str) -> Option<&'a str> {
    body["links"]
        .as_array()?
        .iter()
        .find(|l| l["rel"] == rel)
        .and_then(|l| l["href"].as_str())
}

#[test]
fn the_landing_page_conformance_and_collections_say_what_is_served() {
    let world = world();
    let base = world.server.url("");
    let (status, content_type, landing) = get(&world, Who::Public, "/ogc");
    assert_eq!((status, content_type.as_str()), (200, "application/json"));
    assert_eq!(link(&landing, "self"), Some(format!("{base}/ogc").as_str()));
    assert_eq!(
        link(&landing, "conformance"),
        Some(format!("{base}/ogc/conformance").as_str())
    );
    assert_eq!(
        link(&landing, "data"),
        Some(format!("{base}/ogc/collections").as_str())
    );
    assert_eq!(
        link(&landing, "service-desc"),
        Some(format!("{base}/openapi.json").as_str())
    );

    let (_, _, conformance) = get(&world, Who::Public, "/ogc/conformance?f=json");
    assert_eq!(
        conformance["conformsTo"],
        serde_json::json!([
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson"
        ])
    );

    let listed = |who| {
        let (_, _, body) = get(&world, who, "/ogc/collections");
        body["collections"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(listed(Who::Public), ["sites", "incidents", "movements"]);
    assert_eq!(
        listed(Who::LiaisonNotified),
        ["sites", "incidents", "movements"]
    );
    assert_eq!(
        listed(Who::Analyst),
        ["sites", "incidents", "movements", "findings"]
    );

    let (status, _, sites) = get(&world, Who::Public, "/ogc/collections/sites");
    assert_eq!(status, 200);
    assert_eq!(
        link(&sites, "items"),
        Some(format!("{base}/ogc/collections/sites/items").as_str())
    );
    // Findings, for the public, are exactly an unknown collection.
    let (status, _, hidden) = get(&world, Who::Public, "/ogc/collections/findings");
    let (unknown_status, _, unknown) = get(&world, Who::Public, "/ogc/collections/nope");
    assert_eq!((status, unknown_status), (404, 404));
    assert_eq!(
        hidden.to_string().replace("findings", "X"),
        unknown.to_string().replace("nope", "X")
    );
    let (status, _, _) = get(&world, Who::Public, "/ogc/collections/findings/items");
    assert_eq!(status, 404);
    let (status, _, _) = get(&world, Who::Coordinator, "/ogc/collections/findings");
    assert_eq!(status, 200);
    world.server.stop().unwrap();
}

#[test]
fn features_carry_the_views_geometry_or_none() {
    let world = world();
    // The public's incidents: the published view, no geometry.
    let public = items(&world, Who::Public, "/ogc/collections/incidents/items");
    let strike = policy::published_incident_id(&strike());
    assert_eq!(feature_ids(&public)[0], strike);
    for feature in public["features"].as_array().unwrap() {
        assert!(feature["geometry"].is_null(), "{feature}");
        assert!(
            feature["properties"]["governorate"].is_object(),
            "{feature}"
        );
    }
    let (status, content_type, one) = get(
        &world,
        Who::Public,
        &format!("/ogc/collections/incidents/items/{strike}"),
    );
    assert_eq!(
        (status, content_type.as_str()),
        (200, "application/geo+json")
    );
    assert!(one["geometry"].is_null(), "{one}");
    assert_eq!(one["properties"]["date_from"], "2016-09-28");

    // Staff: points and lines, and findings at their incident's point.
    let (_, _, site) = get(
        &world,
        Who::Analyst,
        &format!("/ogc/collections/sites/items/{RESTRICTED_SITE_ID}"),
    );
    assert_eq!(site["geometry"]["type"], "Point");
    assert_eq!(
        site["geometry"]["coordinates"][0].to_string(),
        RESTRICTED_SITE_LON
    );
    assert_eq!(site["properties"]["precision"], "exact");
    let movements = items(&world, Who::Analyst, "/ogc/collections/movements/items");
    assert_eq!(feature_ids(&movements), ["convoy-open", "convoy-secret"]);
    assert_eq!(movements["features"][1]["geometry"]["type"], "LineString");
    let findings = items(&world, Who::Analyst, "/ogc/collections/findings/items");
    assert_eq!(findings["features"].as_array().unwrap().len(), 2);
    for finding in findings["features"].as_array().unwrap() {
        assert_eq!(
            finding["geometry"]["coordinates"][0].to_string(),
            INCIDENT_LON
        );
        assert_eq!(finding["properties"]["incident"], "inc-1");
        let id = finding["id"].as_str().unwrap();
        let (status, _, one) = get(
            &world,
            Who::Analyst,
            &format!("/ogc/collections/findings/items/{id}"),
        );
        assert_eq!(status, 200);
        assert_eq!(one["geometry"], finding["geometry"]);
        assert_eq!(one["properties"], finding["properties"]);
    }

    // A hidden feature reads exactly as one that does not exist.
    let (status, _, hidden) = get(
        &world,
        Who::LiaisonOther,
        &format!("/ogc/collections/sites/items/{RESTRICTED_SITE_ID}"),
    );
    let (missing_status, _, missing) = get(
        &world,
        Who::LiaisonOther,
        "/ogc/collections/sites/items/site-nowhere",
    );
    assert_eq!((status, missing_status), (404, 404));
    assert_eq!(
        hidden.to_string().replace(RESTRICTED_SITE_ID, "X"),
        missing.to_string().replace("site-nowhere", "X")
    );
    for path in [
        "/ogc/collections/incidents/items/inc-1", // the real id is no alias for the public
        "/ogc/collections/movements/items/convoy-secret",
        "/ogc/collections/findings/items/f-0000000000000000",
    ] {
        let (status, _, body) = get(&world, Who::Public, path);
        assert_eq!(status, 404, "{path}: {body}");
        assert_eq!(body["error"]["code"], "not_found");
    }
    let (status, _, _) = get(
        &world,
        Who::Admin,
        "/ogc/collections/findings/items/f-0000000000000000",
    );
    assert_eq!(status, 404);
    world.server.stop().unwrap();
}

#[test]
fn bbox_and_datetime_select_by_what_the_feature_shows() {
    let world = world();
    let ids = |who, query: &str| {
        let body = items(&world, who, &format!("/ogc/collections/{query}"));
        feature_ids(&body)
    };
    assert_eq!(
        ids(Who::Coordinator, "incidents/items?bbox=37.1,36.1,37.2,36.3"),
        ["inc-1"]
    );
    assert_eq!(
        ids(Who::Coordinator, "incidents/items?bbox=36,35,38,37"),
        ["inc-1", "inc-2", "inc-3"]
    );
    // A box around the middle of the convoy's route, holding neither end.
    assert_eq!(
        ids(
            Who::Coordinator,
            "movements/items?bbox=37.183,36.204,37.186,36.207"
        ),
        ["convoy-secret"]
    );
    assert!(ids(
        Who::Coordinator,
        "movements/items?bbox=37.19,36.19,37.2,36.2"
    )
    .is_empty());
    assert_eq!(
        ids(Who::Coordinator, "sites/items?bbox=36.6,35.9,36.7,36"),
        ["site-open-clinic"]
    );
    // The public's features have no geometry, so no box holds one: an answer, not an error.
    assert!(ids(Who::Public, "incidents/items?bbox=36,35,38,37").is_empty());
    assert!(ids(Who::Public, "sites/items?bbox=-180,-90,180,90").is_empty());

    assert_eq!(
        ids(Who::Coordinator, "incidents/items?datetime=2016-09-28"),
        ["inc-1"]
    );
    assert_eq!(
        ids(Who::Coordinator, "incidents/items?datetime=../2016-09-22"),
        ["inc-2"]
    );
    assert_eq!(
        ids(Who::Coordinator, "incidents/items?datetime=2016-09-23/.."),
        ["inc-1", "inc-3"]
    );
    assert_eq!(
        ids(
            Who::Coordinator,
            "incidents/items?datetime=2016-09-28T05:00:00Z/.."
        ),
        ["inc-3"]
    );
    assert_eq!(
        ids(
            Who::Coordinator,
            "movements/items?datetime=2016-10-05T12:00:00Z"
        ),
        ["convoy-open"]
    );
    assert_eq!(
        ids(Who::Coordinator, "findings/items?datetime=2016-09-28").len(),
        2
    );
    assert!(ids(Who::Coordinator, "findings/items?datetime=2016-10-01/..").is_empty());
    // The public's incidents show whole days: an hour selects the day it falls in, and says
    // nothing about the time of the strike.
    let day = ids(
        Who::Public,
        "incidents/items?datetime=2016-09-28T05:00:00Z/2016-09-28T06:00:00Z",
    );
    assert_eq!(day, [policy::published_incident_id(&strike())]);
    world.server.stop().unwrap();
}

#[test]
fn pages_follow_the_next_link_and_limits_are_kept() {
    let world = world();
    let all = feature_ids(&items(
        &world,
        Who::Admin,
        "/ogc/collections/incidents/items",
    ));
    assert_eq!(all, ["inc-1", "inc-2", "inc-3"]);
    for who in [Who::Admin, Who::Public] {
        for collection in ["sites", "incidents", "movements"] {
            let everything = feature_ids(&items(
                &world,
                who,
                &format!("/ogc/collections/{collection}/items"),
            ));
            let mut seen = Vec::new();
            let mut path = format!("/ogc/collections/{collection}/items?limit=1");
            loop {
                let page = items(&world, who, &path);
                assert!(page["features"].as_array().unwrap().len() <= 1);
                seen.extend(feature_ids(&page));
                let base = world.server.url("");
                match link(&page, "next") {
                    Some(next) => path = next.strip_prefix(&base).unwrap().to_owned(),
                    None => break,
                }
            }
            assert_eq!(seen, everything, "{who:?} {collection}");
        }
    }
    // Filters travel in the next link.
    let first = items(
        &world,
        Who::Admin,
        "/ogc/collections/incidents/items?limit=1&bbox=36,35,38,37&datetime=2016-09-23/..",
    );
    assert_eq!(feature_ids(&first), ["inc-1"]);
    let next = link(&first, "next").unwrap();
    assert!(
        next.contains("bbox=") && next.contains("datetime="),
        "{next}"
    );
    let base = world.server.url("");
    let second = items(&world, Who::Admin, next.strip_prefix(&base).unwrap());
    assert_eq!(feature_ids(&second), ["inc-3"]);
    assert_eq!(link(&second, "next"), None);

    // Above 1000, a page holds at most 1000 (here: all three); below 1 is an error.
    let big = items(
        &world,
        Who::Admin,
        "/ogc/collections/incidents/items?limit=5000",
    );
    assert_eq!(big["numberReturned"], 3);
    for (query, parameter) in [
        ("limit=0", "limit"),
        ("limit=-1", "limit"),
        ("limit=ten", "limit"),
        ("bbox=1,2,3", "bbox"),
        ("datetime=yesterday", "datetime"),
        ("f=html", "f"),
        ("resultType=hits", "resultType"),
        ("limit=1&limit=2", "limit"),
    ] {
        let (status, _, body) = get(
            &world,
            Who::Admin,
            &format!("/ogc/collections/incidents/items?{query}"),
        );
        assert_eq!(status, 400, "{query}: {body}");
        assert_eq!(body["error"]["code"], "bad_parameter");
        let message = body["error"]["message"].as_str().unwrap();
        assert!(
            message.starts_with(&format!("{parameter}: ")),
            "{query}: {message}"
        );
    }
    // Sites have no time to select by.
    let (status, _, body) = get(
        &world,
        Who::Admin,
        "/ogc/collections/sites/items?datetime=2016-09-28",
    );
    assert_eq!(status, 400, "{body}");
    let (status, _, _) = get(&world, Who::Admin, "/ogc/collections/sites/items?f=json");
    assert_eq!(status, 200);
    world.server.stop().unwrap();
}
