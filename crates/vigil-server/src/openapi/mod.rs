//! The API's description, OpenAPI 3.1, generated from the code and served at
//! `GET /openapi.json` to everyone (it says what the API is, nothing of the records).
//!
//! Each handler carries its own `#[utoipa::path]` (path, method, parameters, body,
//! responses); this module gathers them ([`ApiDoc`]) and adds what every operation shares:
//! the bearer security scheme (no token: the public role), and the `401` and `500` answers
//! any request can get. The schemas the annotations name are here, one file per group:
//!
//! - [`vocab`]: the controlled vocabularies, their values read from the domain;
//! - [`records`]: sites, incidents, movements and findings, full and published;
//! - [`context`]: areas, ceasefires, reports and statements;
//! - [`notices`]: notifications and acknowledgements, as read and as written;
//! - [`bodies`]: the record writes' bodies;
//! - [`files`]: exports and the import's report;
//! - [`sitrep`]: the situation report;
//! - [`dossier`]: an attack's dossier;
//! - [`evidence`]: evidence items and their custody;
//! - [`service`]: the error body, the list envelope, `whoami`, `health`, the audit log;
//! - [`ogc`]: the OGC API – Features documents;
//! - [`params`]: the query parameters.
//!
//! The schemas mirror the views rather than being derived from them, since most views are
//! built as JSON values; `tests/openapi.rs` keeps the two honest by checking real answers
//! against the schemas, and the whole document against a committed snapshot.

// The schema types are never built: the derives read their fields, nothing else does.
#[allow(dead_code)]
pub(crate) mod bodies;
#[allow(dead_code)]
pub(crate) mod context;
#[allow(dead_code)]
pub(crate) mod dossier;
#[allow(dead_code)]
pub(crate) mod evidence;
#[allow(dead_code)]
pub(crate) mod files;
#[allow(dead_code)]
pub(crate) mod notices;
#[allow(dead_code)]
pub(crate) mod ogc;
#[allow(dead_code)]
pub(crate) mod params;
#[allow(dead_code)]
pub(crate) mod records;
#[allow(dead_code)]
pub(crate) mod service;
#[allow(dead_code)]
pub(crate) mod sitrep;
pub(crate) mod vocab;

use axum::http::header::CONTENT_TYPE;
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use std::sync::OnceLock;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{Components, ContentBuilder, OpenApi as Document, Ref, ResponseBuilder};
use utoipa::{Modify, OpenApi};

/// The media type of the document, as the OGC landing page's `service-desc` link names it.
/// The document itself is served as `application/json`, which every client reads (GDAL 3.6
/// refuses the OpenAPI media type as a `Content-Type`).
pub(crate) const MEDIA_TYPE: &str = "application/vnd.oai.openapi+json;version=3.1";

/// The name of the bearer security scheme.
const BEARER: &str = "bearer";

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Vigil",
        description = "The register of protected humanitarian sites and movements notified to \
                       the parties of a conflict, the incidents that hit them, and the findings \
                       that cross-check the two. Every answer is built through the publication \
                       policy: what a record shows depends on the caller's role.",
        license(name = "AGPL-3.0-or-later", identifier = "AGPL-3.0-or-later"),
    ),
    paths(
        get,
        crate::routes::health::get,
        crate::routes::whoami::get,
        crate::routes::sessions::sign_in,
        crate::routes::sessions::sign_out,
        crate::routes::sites::list,
        crate::routes::sites::item,
        crate::routes::site_writes::put,
        crate::routes::incidents::list,
        crate::routes::incidents::item,
        crate::routes::incident_writes::put_incident,
        crate::routes::incident_writes::put_report,
        crate::routes::duplicates::preview,
        crate::routes::notifications::list,
        crate::routes::notifications::item,
        crate::routes::notifications::put,
        crate::routes::notifications::acknowledge,
        crate::routes::audit::list,
        crate::routes::sitrep::get,
        crate::routes::dossier::get,
        crate::routes::evidence::item,
        crate::routes::evidence::content,
        crate::routes::movements::list,
        crate::routes::movements::item,
        crate::routes::movement_writes::put,
        crate::routes::ceasefires::list,
        crate::routes::ceasefires::item,
        crate::routes::ceasefires::put,
        crate::routes::areas::list,
        crate::routes::areas::item,
        crate::routes::sources::list,
        crate::routes::sources::item,
        crate::routes::sources::put,
        crate::routes::parties::list,
        crate::routes::reports::item,
        crate::routes::statements::of_incident,
        crate::routes::statements::item,
        crate::routes::statements::put,
        crate::routes::exports::get,
        crate::routes::imports::post,
        crate::routes::tiles::get,
        crate::routes::findings::list,
        crate::routes::findings::item,
        crate::routes::ogc::landing::landing,
        crate::routes::ogc::landing::conformance,
        crate::routes::ogc::collections::list,
        crate::routes::ogc::collections::one,
        crate::routes::ogc::items::list,
        crate::routes::ogc::items::one,
    ),
    // The schemas only parameters name, which the paths do not gather.
    components(schemas(
        service::ErrorBody,
        files::ExportKind,
        files::ExportFormat,
        files::ImportKind,
        files::ImportFormat,
    )),
    modifiers(&Shared),
    tags(
        (name = "service", description = "The server itself and the caller's identity."),
        (name = "register", description = "Protected sites and humanitarian movements."),
        (name = "incidents", description = "Attacks, the reports they are built from, and parties' statements about them."),
        (name = "areas", description = "Administrative units, neighbourhoods and zones."),
        (name = "ceasefires", description = "Ceasefires, as announced."),
        (name = "sources", description = "Where facts come from (monitors, admins)."),
        (name = "files", description = "Exports and imports of whole files."),
        (name = "notifications", description = "Notifications to parties and their acknowledgements."),
        (name = "analysis", description = "Findings of the cross-check and situation reports."),
        (name = "audit", description = "The audit log (admins)."),
        (name = "evidence", description = "Evidence files and their custody (staff; originals for monitors and admins)."),
        (name = "ogc", description = "OGC API – Features, Part 1: Core and GeoJSON."),
    ),
)]
pub(crate) struct ApiDoc;

/// What every operation shares: the bearer token (optional: without one a request acts as
/// the public), and the errors any request can meet whatever it asks.
struct Shared;

impl Modify for Shared {
    fn modify(&self, document: &mut Document) {
        let components = document.components.get_or_insert_with(Components::new);
        components.add_security_scheme(
            BEARER,
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("vigil_…")
                    .description(Some(
                        "An API token made by `vigil token create`: the request acts with its \
                         role (and a liaison's party). Without a token, a request acts as the \
                         public; a malformed, unknown or revoked token is refused with 401.",
                    ))
                    .build(),
            ),
        );
        // No token is a valid way in (the public role); a token is the other.
        document.security = Some(vec![
            SecurityRequirement::default(),
            SecurityRequirement::new(BEARER, Vec::<String>::new()),
        ]);
        let error = |description: &str| {
            ResponseBuilder::new()
                .description(description)
                .content(
                    "application/json",
                    ContentBuilder::new()
                        .schema(Some(Ref::from_schema_name("ErrorBody")))
                        .build(),
                )
                .build()
        };
        for item in document.paths.paths.values_mut() {
            for operation in [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
            ]
            .into_iter()
            .flatten()
            {
                let responses = &mut operation.responses.responses;
                responses.entry("401".into()).or_insert_with(|| {
                    error("`unauthorized`: the Authorization header is not `Bearer <token>`, or the token is unknown or revoked.").into()
                });
                responses.entry("500".into()).or_insert_with(|| {
                    error(
                        "`internal`: the server could not complete the request (the log says why).",
                    )
                    .into()
                });
            }
        }
        // `/ogc/` is the landing page too, as some clients ask for it.
        if let Some(mut landing) = document.paths.paths.get("/ogc").cloned() {
            if let Some(get) = landing.get.as_mut() {
                get.operation_id = Some("ogc_landing_page_slash".into());
            }
            document.paths.paths.insert("/ogc/".into(), landing);
        }
    }
}

/// The document, pretty-printed, made once.
pub(crate) fn document() -> &'static str {
    static DOCUMENT: OnceLock<String> = OnceLock::new();
    DOCUMENT.get_or_init(|| {
        let mut text = ApiDoc::openapi()
            .to_pretty_json()
            .expect("the API description always serialises");
        text.push('\n');
        text
    })
}

/// `GET /openapi.json`.
#[utoipa::path(
    get,
    path = "/openapi.json",
    operation_id = "openapi",
    tag = "service",
    security(()),
    responses((
        status = 200,
        description = "This document.",
        content_type = "application/json",
        body = Object,
    )),
)]
pub(crate) async fn get() -> Response {
    let mut response = document().into_response();
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}
