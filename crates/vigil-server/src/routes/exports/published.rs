//! The published export, for liaisons and the public: the published views
//! ([`vigil_domain::policy::PublishedIncident`], [`vigil_domain::policy::PublishedSite`])
//! as a table of their own, and nothing else.
//!
//! - incidents: `id` (the pseudonym), `country`, `country_name`, `governorate`,
//!   `governorate_name`, `date_from`, `date_to`, `kind`, `category`, `certainty`,
//!   `casualties` (`group:outcome:low/best/high`, `;`-separated, without sources);
//! - sites (public sensitivity only): `id`, `kind`, `name`, `country`, `country_name`,
//!   `governorate`, `governorate_name`, `status`, `status_as_of`.
//!
//! CSV has that header; HXL adds a hashtag row under it; GeoJSON is a FeatureCollection whose
//! features have these properties and a `null` geometry (RFC 7946 allows it): nothing is
//! published finer than a governorate, so there is no point to draw.

use super::filter::RecordFilter;
use super::Format;
use crate::error::ApiError;
use serde_json::{json, Map, Value};
use vigil_domain::policy::{self, PublishedArea, PublishedCasualties};
use vigil_domain::{AreaTree, Sensitivity};
use vigil_store::Store;

/// A published table: column names, their HXL hashtags, rows of text (empty: no value).
struct Table {
    columns: &'static [(&'static str, &'static str)],
    rows: Vec<Vec<String>>,
}

const INCIDENT_COLUMNS: &[(&str, &str)] = &[
    ("id", "#event+id"),
    ("country", "#country+code"),
    ("country_name", "#country+name"),
    ("governorate", "#adm1+code"),
    ("governorate_name", "#adm1+name"),
    ("date_from", "#date+start"),
    ("date_to", "#date+end"),
    ("kind", "#event+type"),
    ("category", "#event+category"),
    ("certainty", "#meta+certainty"),
    ("casualties", "#affected+casualties"),
];

const SITE_COLUMNS: &[(&str, &str)] = &[
    ("id", "#loc+id"),
    ("kind", "#loc+type"),
    ("name", "#loc+name"),
    ("country", "#country+code"),
    ("country_name", "#country+name"),
    ("governorate", "#adm1+code"),
    ("governorate_name", "#adm1+name"),
    ("status", "#status"),
    ("status_as_of", "#date+reported"),
];

fn area_cells(area: Option<&PublishedArea>) -> [String; 2] {
    match area {
        Some(a) => [a.id.to_string(), a.name.clone()],
        None => [String::new(), String::new()],
    }
}

fn casualties(figures: &[PublishedCasualties]) -> String {
    figures
        .iter()
        .map(|f| format!("{}:{}:{}/{}/{}", f.group, f.outcome, f.low, f.best, f.high))
        .collect::<Vec<_>>()
        .join(";")
}

fn incidents_table(store: &dyn Store, filter: &RecordFilter) -> Result<Table, ApiError> {
    let areas = AreaTree::new(&store.areas()?);
    let mut rows = Vec::new();
    store.for_each_incident(&mut |incident| {
        if filter.selection.admits_incident(&incident) {
            let p = policy::published_incident(&incident, &areas);
            let [country, country_name] = area_cells(p.country.as_ref());
            let [governorate, governorate_name] = area_cells(p.governorate.as_ref());
            rows.push(vec![
                p.id,
                country,
                country_name,
                governorate,
                governorate_name,
                p.date_from.to_string(),
                p.date_to.to_string(),
                p.kind.to_string(),
                p.category.to_string(),
                p.certainty.to_string(),
                casualties(&p.casualties),
            ]);
        }
        Ok(())
    })?;
    Ok(Table {
        columns: INCIDENT_COLUMNS,
        rows,
    })
}

fn sites_table(store: &dyn Store, filter: &RecordFilter) -> Result<Table, ApiError> {
    let areas = AreaTree::new(&store.areas()?);
    let mut rows = Vec::new();
    for site in store.sites()? {
        // The period filter is refused for published sites (see the handler), so no
        // notification is read: the area alone decides.
        if site.sensitivity != Sensitivity::Public || !filter.selection.admits_site(&site, None) {
            continue;
        }
        let Some(p) = policy::published_site(&site, &areas) else {
            continue;
        };
        let [country, country_name] = area_cells(p.country.as_ref());
        let [governorate, governorate_name] = area_cells(p.governorate.as_ref());
        rows.push(vec![
            p.id,
            p.kind.to_string(),
            p.name,
            country,
            country_name,
            governorate,
            governorate_name,
            p.status.map(|s| s.to_string()).unwrap_or_default(),
            p.status_as_of.map(|d| d.to_string()).unwrap_or_default(),
        ]);
    }
    Ok(Table {
        columns: SITE_COLUMNS,
        rows,
    })
}

fn csv_bytes(table: &Table, hxl: bool) -> Result<Vec<u8>, ApiError> {
    let failed = |e: csv::Error| ApiError::internal(format!("writing an export: {e}"));
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(table.columns.iter().map(|(name, _)| *name))
        .map_err(failed)?;
    if hxl {
        writer
            .write_record(table.columns.iter().map(|(_, tag)| *tag))
            .map_err(failed)?;
    }
    for row in &table.rows {
        writer.write_record(row).map_err(failed)?;
    }
    writer
        .into_inner()
        .map_err(|e| ApiError::internal(format!("writing an export: {e}")))
}

fn geojson_bytes(table: &Table) -> Result<Vec<u8>, ApiError> {
    let features: Vec<Value> = table
        .rows
        .iter()
        .map(|row| {
            let properties: Map<String, Value> = table
                .columns
                .iter()
                .zip(row)
                .map(|((name, _), value)| {
                    let value = if value.is_empty() {
                        Value::Null
                    } else {
                        Value::String(value.clone())
                    };
                    ((*name).to_owned(), value)
                })
                .collect();
            json!({
                "type": "Feature",
                "id": row[0],
                "geometry": null,
                "properties": properties,
            })
        })
        .collect();
    serde_json::to_vec(&json!({ "type": "FeatureCollection", "features": features }))
        .map_err(ApiError::internal)
}

fn bytes(table: &Table, format: Format) -> Result<Vec<u8>, ApiError> {
    match format {
        Format::Csv => csv_bytes(table, false),
        Format::Hxl => csv_bytes(table, true),
        Format::Geojson => geojson_bytes(table),
    }
}

pub(crate) fn incidents(
    store: &dyn Store,
    format: Format,
    filter: &RecordFilter,
) -> Result<Vec<u8>, ApiError> {
    bytes(&incidents_table(store, filter)?, format)
}

pub(crate) fn sites(
    store: &dyn Store,
    format: Format,
    filter: &RecordFilter,
) -> Result<Vec<u8>, ApiError> {
    bytes(&sites_table(store, filter)?, format)
}
