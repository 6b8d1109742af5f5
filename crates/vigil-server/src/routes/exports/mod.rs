//! `GET /api/exports/{incidents|sites}?format=csv|geojson|hxl&area=…&from=…&to=…`: the
//! records as files, selected as `vigil export` selects them (`filter`, with
//! [`vigil_domain::Selection`]; a site row's notification by [`vigil_io::row_notification`]),
//! under the publication policy ([`vigil_domain::policy::export_access`]):
//!
//! - admins, coordinators, monitors and analysts get the canonical layouts (`canonical`),
//!   source columns empty unless the role may see source identities;
//! - liaisons and the public get the published views as a table of their own
//!   (`published`): no coordinates, no record ids but public sites', no sources. They may
//!   select by country or governorate and whole days only, as with `GET /api/incidents` (a
//!   finer area is refused as an unknown one, since `GET /api/areas` hides it from them);
//!   published sites carry no notification, so they cannot be selected by period at all.
//!
//! `format` is `csv` when left out. The answer has the file's `Content-Type` (`text/csv` for
//! CSV and HXL, `application/geo+json`) and a `Content-Disposition` naming a file. The file is
//! built in memory before it is sent, so an export's size is bounded by the server's memory.

mod canonical;
mod filter;
mod published;

use super::params;
use crate::error::ApiError;
use crate::openapi as doc;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use filter::RecordFilter;
use vigil_domain::policy::{self, ExportAccess};
use vigil_domain::{AreaTree, Principal};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Csv,
    Geojson,
    Hxl,
}

impl Format {
    fn parse(text: Option<&String>) -> Result<Self, ApiError> {
        match text.map(String::as_str) {
            None | Some("csv") => Ok(Format::Csv),
            Some("geojson") => Ok(Format::Geojson),
            Some("hxl") => Ok(Format::Hxl),
            Some(other) => Err(ApiError::bad_parameter(
                "format",
                format!("'{other}' is not csv, geojson or hxl"),
            )),
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Format::Csv | Format::Hxl => "text/csv; charset=utf-8",
            Format::Geojson => "application/geo+json",
        }
    }

    fn file_suffix(self) -> &'static str {
        match self {
            Format::Csv => ".csv",
            Format::Hxl => "-hxl.csv",
            Format::Geojson => ".geojson",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Incidents,
    Sites,
}

#[utoipa::path(
    get,
    path = "/api/exports/{kind}",
    operation_id = "get_export",
    tag = "files",
    summary = "Incidents or sites as a file: CSV, GeoJSON or HXL",
    description = "Selected as `vigil export` selects them, under the publication policy. Staff \
        roles get the canonical layouts, source columns empty unless the role may see source \
        identities; liaisons and the public the published views as a table of their own (no \
        coordinates, no record ids but public sites', no sources), selected by a country or \
        governorate and whole days only; published sites cannot be selected by period. The \
        file is built in memory before it is sent.",
    params(
        (
            "kind" = doc::files::ExportKind,
            Path,
            description = "What the file holds: `incidents` or `sites`."
        ),
        doc::params::ExportParams,
    ),
    responses(
        (
            status = 200,
            description = "The file: `text/csv` for `format=csv` and `format=hxl` (HXL: a row of \
                hashtags under the header), `application/geo+json` for `format=geojson`.",
            content(
                (doc::files::CsvFile = "text/csv; charset=utf-8"),
                (doc::files::ExportFeatureCollection = "application/geo+json"),
            ),
            headers(
                (
                    "Content-Disposition" = String,
                    description = "`attachment; filename=\"vigil-{kind}[-published]{suffix}\"`, the \
                        suffix `.csv`, `-hxl.csv` or `.geojson`; `-published` for the published \
                        views."
                ),
            ),
        ),
        (
            status = 400,
            description = "`bad_parameter`: a parameter the endpoint does not know, given twice, \
                or malformed (a `format` other than `csv`, `geojson` or `hxl`, a day that is not \
                `YYYY-MM-DD`, `to` before `from`); an unknown `area`, or for liaisons and the \
                public one finer than a governorate (the same answer); a period for the \
                published sites.",
            body = doc::service::ErrorBody,
        ),
        (
            status = 404,
            description = "`not_found`: `kind` is neither `incidents` nor `sites`.",
            body = doc::service::ErrorBody,
        ),
    ),
)]
pub(crate) async fn get(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Path(kind): Path<String>,
    params::QueryPairs(pairs): params::QueryPairs,
) -> Result<Response, ApiError> {
    let kind = match kind.as_str() {
        "incidents" => Kind::Incidents,
        "sites" => Kind::Sites,
        _ => {
            return Err(ApiError::not_found(format!(
                "no export of '{kind}': exports are of incidents or sites"
            )))
        }
    };
    let params = params::collect(pairs, &["format", "area", "from", "to"])?;
    let format = Format::parse(params.get("format"))?;
    let access = policy::export_access(&principal);
    let file = state
        .read(move |store| {
            let tree = AreaTree::new(&store.areas()?);
            let filter = RecordFilter::new(&params, &tree)?;
            match access {
                ExportAccess::Canonical { sources } => match kind {
                    Kind::Incidents => canonical::incidents(store, format, &filter, sources),
                    Kind::Sites => canonical::sites(store, &principal, format, &filter, sources),
                },
                ExportAccess::Published => {
                    check_published_scope(&principal, kind, &filter)?;
                    match kind {
                        Kind::Incidents => published::incidents(store, format, &filter),
                        Kind::Sites => published::sites(store, format, &filter),
                    }
                }
            }
        })
        .await?;
    let published = access == ExportAccess::Published;
    let name = format!(
        "vigil-{}{}{}",
        match kind {
            Kind::Incidents => "incidents",
            Kind::Sites => "sites",
        },
        if published { "-published" } else { "" },
        format.file_suffix()
    );
    Ok((
        [
            (CONTENT_TYPE, format.content_type().to_owned()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        file,
    )
        .into_response())
}

/// What the published export may be asked for: a country or governorate, and for sites no
/// period (their notifications, which a period selects by, are not published). A finer area
/// is refused as an unknown one, as `GET /api/areas/{id}` hides it: the refusal confirms
/// nothing about it.
fn check_published_scope(
    principal: &Principal,
    kind: Kind,
    filter: &RecordFilter,
) -> Result<(), ApiError> {
    if let Some((id, level)) = &filter.area {
        if !policy::may_see_area(principal, *level) {
            return Err(ApiError::bad_parameter(
                "area",
                // Word for word what an unknown id gets (`filter`).
                format!("no area has id '{id}'"),
            ));
        }
    }
    if kind == Kind::Sites && filter.selection.period().is_some() {
        return Err(ApiError::bad_parameter(
            filter.period_named,
            "published sites carry no notification, so they cannot be selected by period",
        ));
    }
    Ok(())
}
