//! `POST /api/imports`: a file uploaded as the request body (its raw bytes, any
//! `Content-Type`), imported as `vigil import` imports it (`vigil-import`), under the
//! uploader's name in the audit log.
//!
//! Parameters: `kind` (`sites`, `incidents`, `areas`) and `format` (`csv`, `geojson`, `hxl`,
//! `acled`, `ucdp`), both recognised from the content when left out; `skip_bad_rows` and
//! `dry_run` (`true` or `false`); `name`, the file's name (default `upload`), which messages
//! give and which incident rows without a source are credited to (`file:{name}`), so the same
//! file re-uploaded under the same name changes nothing.
//!
//! Who may import what, deny by default: sites (and the notifications their rows carry)
//! coordinators and admins, incidents monitors and admins, boundary files admins only. When
//! `kind` is left out the file's kind is recognised first, and the check made before anything
//! is written.
//!
//! The answer is the import's report: `200` when the file was imported (or would be, for a dry
//! run), skipped rows listed; `422 invalid` with the report, every bad row in it, when the file
//! was rejected and nothing written, or when it cannot be read at all (no report then). After a
//! committed import the stored findings are brought up to date, as after `vigil import`.

use super::params;
use crate::error::ApiError;
use crate::openapi as doc;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use vigil_domain::{Actor, Principal, Role, Writable};
use vigil_import::{FileFormat, ImportError, ImportFile, Options, Plan, RecordKind};
use vigil_store::{Store, StoreError};

/// The name of an upload that does not give one.
const DEFAULT_NAME: &str = "upload";

/// Whether `role` may import files holding `kind`.
fn may_import(role: Role, kind: RecordKind) -> bool {
    match kind {
        RecordKind::Sites => {
            role.may_write(Writable::Site) && role.may_write(Writable::Notification)
        }
        RecordKind::Incidents => {
            role.may_write(Writable::Incident) && role.may_write(Writable::Report)
        }
        // Boundaries decide where every record lies, and what the public's aggregates count.
        RecordKind::Areas => role == Role::Admin,
    }
}

fn refuse(role: Role, kind: Option<RecordKind>) -> ApiError {
    match kind {
        Some(kind) => {
            ApiError::forbidden(format!("the {role} role may not import {}", kind.as_str()))
        }
        None => ApiError::forbidden(format!("the {role} role may not import files")),
    }
}

fn flag(params: &BTreeMap<String, String>, name: &str) -> Result<bool, ApiError> {
    match params.get(name).map(String::as_str) {
        None | Some("false") => Ok(false),
        Some("true") => Ok(true),
        Some(other) => Err(ApiError::bad_parameter(
            name,
            format!("'{other}' is neither true nor false"),
        )),
    }
}

fn options(params: &BTreeMap<String, String>) -> Result<Options, ApiError> {
    let kind = match params.get("kind").map(String::as_str) {
        None => None,
        Some("sites") => Some(RecordKind::Sites),
        Some("incidents") => Some(RecordKind::Incidents),
        Some("areas") => Some(RecordKind::Areas),
        Some(other) => {
            return Err(ApiError::bad_parameter(
                "kind",
                format!("'{other}' is not one of sites, incidents, areas"),
            ))
        }
    };
    let format = match params.get("format").map(String::as_str) {
        None => None,
        Some("csv") => Some(FileFormat::Csv),
        Some("geojson") => Some(FileFormat::Geojson),
        Some("hxl") => Some(FileFormat::Hxl),
        Some("acled") => Some(FileFormat::Acled),
        Some("ucdp") => Some(FileFormat::Ucdp),
        Some(other) => {
            return Err(ApiError::bad_parameter(
                "format",
                format!("'{other}' is not one of csv, geojson, hxl, acled, ucdp"),
            ))
        }
    };
    Ok(Options {
        kind,
        format,
        // A mapping file would be a second part of the body; uploads are one file.
        mapping: None,
        dry_run: flag(params, "dry_run")?,
        skip_bad_rows: flag(params, "skip_bad_rows")?,
        // The client asked for the report: every bad row is in it.
        max_bad_rows_reported: None,
    })
}

/// The file's name, which messages give and an import's per-file source carries: a name, not
/// a path.
fn name(params: &BTreeMap<String, String>) -> Result<String, ApiError> {
    let name = params.get("name").map_or(DEFAULT_NAME, String::as_str);
    if name.is_empty()
        || name.len() > 180
        || name
            .chars()
            .any(|c| c.is_control() || c == '/' || c == '\\')
    {
        return Err(ApiError::bad_parameter(
            "name",
            "expected a file name (1 to 180 bytes, no slashes or control characters)",
        ));
    }
    Ok(name.to_owned())
}

impl From<ImportError> for ApiError {
    fn from(e: ImportError) -> Self {
        match e {
            ImportError::Input(message) => ApiError::invalid(message, Vec::new()),
            ImportError::Store(e) => e.into(),
            ImportError::Io(e) => ApiError::internal(e),
            ImportError::Internal(message) => ApiError::internal(message),
        }
    }
}

/// Brings the stored findings up to date after a committed import, as `vigil import` does;
/// `None` when they were current already.
fn update_findings(store: &mut dyn Store) -> Result<Option<Value>, ApiError> {
    let options = vigil_check::Options::default();
    if vigil_findings::is_current(store, &options)? {
        return Ok(None);
    }
    let records = vigil_findings::Records::load(store)?;
    let summary =
        vigil_findings::run(
            store,
            &records,
            &options,
            true,
            |_| Ok::<(), StoreError>(()),
        )?;
    Ok(Some(json!({
        "findings": summary.findings,
        "incidents_with_findings": summary.incidents_with_findings,
        "incidents_written": summary.incidents_written,
        "incidents_cleared": summary.incidents_cleared,
    })))
}

#[utoipa::path(
    post,
    path = "/api/imports",
    operation_id = "post_import",
    tag = "files",
    summary = "Imports a file uploaded as the request body, as `vigil import` does",
    description = "The body is the file's raw bytes, whatever its `Content-Type`. Who may \
        import what: sites (and the notifications their rows carry) coordinators and admins, \
        incidents monitors and admins, boundary files admins only; when `kind` is left out the \
        file's kind is recognised first, and the check made before anything is written. The \
        import is recorded under the uploader's name in the audit log; after a committed \
        import the stored findings are brought up to date.",
    params(doc::params::ImportParams),
    request_body(
        description = "The file's bytes, of any media type.",
        content((doc::files::FileBytes = "*/*")),
    ),
    responses(
        (
            status = 200,
            description = "The file was imported (or would be, for a dry run); skipped rows are \
                listed.",
            body = doc::files::ImportReport,
        ),
        (
            status = 400,
            description = "`bad_parameter`: a parameter the endpoint does not know, given twice, \
                or malformed; `bad_body`: the body is empty.",
            body = doc::service::ErrorBody,
        ),
        (
            status = 403,
            description = "`forbidden`: this role may not import files, or not the kind named or \
                recognised.",
            body = doc::service::ErrorBody,
        ),
        (
            status = 413,
            description = "`too_large`: the body is over the configured limit.",
            body = doc::service::ErrorBody,
        ),
        (
            status = 422,
            description = "`invalid`: the file was rejected for its bad rows and nothing written \
                (with `report`, every bad row in it), or it cannot be read at all (no report).",
            body = doc::files::ImportRefusal,
        ),
    ),
)]
pub(crate) async fn post(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    actor: Option<Extension<Actor>>,
    params::QueryPairs(pairs): params::QueryPairs,
    body: Bytes,
) -> Result<Response, ApiError> {
    let role = principal.role();
    let params = params::collect(
        pairs,
        &["kind", "format", "skip_bad_rows", "dry_run", "name"],
    )?;
    let options = options(&params)?;
    // Refused before the file is looked at, when the role may import nothing, or not the
    // kind the request names.
    let actor = match actor {
        Some(Extension(actor))
            if [RecordKind::Sites, RecordKind::Incidents, RecordKind::Areas]
                .into_iter()
                .filter(|kind| options.kind.is_none_or(|given| given == *kind))
                .any(|kind| may_import(role, kind)) =>
        {
            actor
        }
        _ => return Err(refuse(role, options.kind)),
    };
    let name = name(&params)?;
    if body.is_empty() {
        return Err(ApiError::bad_body(
            "the body is empty: send the file's bytes as the body",
        ));
    }
    let file = ImportFile::bytes(name, body.as_ref());
    let (report, findings) = state
        .write(move |store| {
            let plan = Plan::new(file.clone(), options.clone())?;
            if !may_import(role, plan.kind()) {
                return Err(refuse(role, Some(plan.kind())));
            }
            let mut report = plan.run(store, Some(&actor), &mut |_| {})?;
            if !report.outcome.is_committed() {
                return Ok((report, None));
            }
            // The import is committed: a cross-check that fails now must not make the client
            // believe nothing was imported. The findings stay marked out of date, and the
            // next upload or `vigil check` brings them up.
            let findings = update_findings(store).unwrap_or_else(|e| {
                tracing::error!(error = %e.message, "findings not brought up to date");
                report.warnings.push(
                    "the stored findings could not be brought up to date; `vigil check` will"
                        .into(),
                );
                None
            });
            Ok((report, findings))
        })
        .await?;
    // Counts only: rows can name witnesses, and the log must not.
    tracing::info!(
        file = %report.file,
        kind = report.kind.as_str(),
        outcome = ?report.outcome,
        rows = report.rows_read,
        inserted = report.inserted,
        updated = report.updated,
        bad = report.bad,
        "import uploaded"
    );
    let mut shown = serde_json::to_value(&report).map_err(ApiError::internal)?;
    if report.outcome.is_rejected() {
        // A boundary file's rows are features, and the command line calls them so.
        let row = if report.kind == RecordKind::Areas {
            "feature"
        } else {
            "row"
        };
        let message = format!(
            "{}: {} bad {row}{} of {}; nothing was imported (fix the {row}s, or set \
             skip_bad_rows=true to import the good ones)",
            report.file,
            report.bad,
            if report.bad == 1 { "" } else { "s" },
            report.rows_read
        );
        let body = json!({
            "error": { "code": "invalid", "message": message },
            "report": shown,
        });
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response());
    }
    shown["findings"] = findings.unwrap_or(Value::Null);
    Ok(Json(shown).into_response())
}
