//! Incident search ([`vigil_store::Store::incidents_page`]): one statement per query, holding
//! only the filters the query sets, so PostgreSQL's planner sees each as it is and chooses per
//! query, by its statistics, between the indexes below and a walk in id order (the choice
//! SQLite's backend makes by hand with its R*Tree candidate count).
//!
//! Which filters indexes serve (migrations 0001 and 0003):
//! - **bounding box and period**: the n-dimensional GiST index `incidents_space_time`
//!   (migration 0003) on the generated column `space_time`, each incident as a line from
//!   (lon, lat, start) to (lon, lat, end), through `space_time &&& ST_Collect(..)`: box and
//!   period narrowed at once, as SQLite's 3-D R*Tree does;
//! - **bounding box alone**: the GiST index `incidents_geom` on the generated point `geom`,
//!   through `geom && ST_MakeEnvelope(...)`;
//! - both GiST indexes keep boxes of 32-bit floats rounded outwards, so they find a superset;
//!   the exact `lon BETWEEN .. AND lat BETWEEN ..` on the stored doubles and the period's
//!   checks on the stored instants then decide, edges included, as
//!   [`vigil_store::IncidentQuery::admits`] does. An incident without a point is in neither
//!   index and never matches a box;
//! - **period alone**: the B-trees `incidents_end` (`end_at >= from`) and `incidents_start`
//!   (`start_at <= to`). The stored instants are fixed-width text in the "C" collation, so
//!   text order is time order;
//! - **areas**: the B-tree `incidents_area` (`area = ANY(..)`);
//! - **certainty**: the B-tree `incidents_certainty`;
//! - **kinds**: checked row by row (`kind = ANY(..)`);
//! - **after** and the order: the primary key (`id > after ORDER BY id LIMIT n`), "C" collation,
//!   so byte order as the trait says.
//!
//! Every connection sets `plan_cache_mode = force_custom_plan`, so each execution is planned
//! with its own values (a generic plan could not tell a small box from the whole map).
//!
//! The period checks compare the stored text instants, which have whole seconds, with the
//! query's bounds rounded to whole seconds in the direction that keeps the comparison exact.

use crate::db::{g, Db};
use crate::read::{collect, fill_incidents, incident_core, INCIDENT_COLUMNS};
use postgres::types::ToSql;
use vigil_domain::Incident;
use vigil_store::columns::{lower_bound, upper_bound, FIRST_INSTANT, LAST_INSTANT};
use vigil_store::{IncidentQuery, StoreResult};

type Param = Box<dyn ToSql + Sync>;

/// The statement of a query and its parameters.
fn statement(query: &IncidentQuery) -> (String, Vec<Param>) {
    let mut params: Vec<Param> = Vec::new();
    let mut p = |value: Param| {
        params.push(value);
        format!("${}", params.len())
    };
    let mut conditions = Vec::new();
    // Every id is longer than the empty string, so "after nothing" admits them all. A cursor is
    // cut at a NUL character, which TEXT cannot hold: ids hold none, so an id sorts after
    // "abc\0…" exactly when it sorts after "abc".
    let after = query.after.as_deref().unwrap_or_default();
    let after = after.split('\0').next().unwrap_or_default().to_owned();
    conditions.push(format!("id > {}", p(Box::new(after))));
    let from = query.from.map(|t| p(Box::new(lower_bound(t))));
    let to = query.to.map(|t| p(Box::new(upper_bound(t))));
    if let Some(b) = query.bbox {
        let (min_lon, min_lat) = (p(Box::new(b.min_lon)), p(Box::new(b.min_lat)));
        let (max_lon, max_lat) = (p(Box::new(b.max_lon)), p(Box::new(b.max_lat)));
        if from.is_some() || to.is_some() {
            // A box and a period: the index over both (migration 0003), with an open end of
            // the period as the first or last instant a stored one can be.
            let first = format!("'{FIRST_INSTANT}'");
            let last = format!("'{LAST_INSTANT}'");
            let from = from.as_deref().unwrap_or(&first);
            let to = to.as_deref().unwrap_or(&last);
            // The box's corners go through the indexed function too, so both sides map
            // instants to numbers the same way: the two lines' bounding box is the box
            // (min lon, min lat, from) - (max lon, max lat, to).
            conditions.push(format!(
                "space_time &&& ST_Collect(\
                 vigil.incident_space_time({min_lon}, {min_lat}, {from}::text, {to}::text), \
                 vigil.incident_space_time({max_lon}, {max_lat}, {from}::text, {to}::text))"
            ));
        } else {
            conditions.push(format!(
                "geom && ST_MakeEnvelope({min_lon}, {min_lat}, {max_lon}, {max_lat}, 4326)"
            ));
        }
        conditions.push(format!("lon BETWEEN {min_lon} AND {max_lon}"));
        conditions.push(format!("lat BETWEEN {min_lat} AND {max_lat}"));
    }
    if let Some(from) = &from {
        conditions.push(format!("end_at >= {from}"));
    }
    if let Some(to) = &to {
        conditions.push(format!("start_at <= {to}"));
    }
    if let Some(kinds) = &query.kinds {
        let kinds: Vec<String> = kinds.iter().map(|k| k.as_str().to_owned()).collect();
        conditions.push(format!("kind = ANY({})", p(Box::new(kinds))));
    }
    if let Some(certainty) = query.certainty {
        conditions.push(format!("certainty = {}", p(Box::new(certainty.as_str()))));
    }
    if let Some(areas) = &query.areas {
        let areas: Vec<String> = areas.iter().map(|a| a.as_str().to_owned()).collect();
        conditions.push(format!("area = ANY({})", p(Box::new(areas))));
    }
    let limit = p(Box::new(i64::try_from(query.limit).unwrap_or(i64::MAX)));
    let sql = format!(
        "SELECT {INCIDENT_COLUMNS} FROM incidents WHERE {} ORDER BY id LIMIT {limit}",
        conditions.join(" AND ")
    );
    (sql, params)
}

pub(crate) fn incidents_page(db: &mut Db<'_>, query: &IncidentQuery) -> StoreResult<Vec<Incident>> {
    let nothing = query.limit == 0
        || query.kinds.as_ref().is_some_and(Vec::is_empty)
        || query.areas.as_ref().is_some_and(Vec::is_empty);
    if nothing {
        return Ok(Vec::new());
    }
    let (sql, params) = statement(query);
    let params: Vec<&(dyn ToSql + Sync)> = params.iter().map(|p| p.as_ref()).collect();
    let mut incidents = collect(db, &sql, &params, incident_core)?;
    fill_incidents(db, &mut incidents)?;
    Ok(incidents)
}

impl crate::PgStore {
    /// PostgreSQL's plan of the statement [`vigil_store::Store::incidents_page`] runs for
    /// `query`, as `EXPLAIN (FORMAT JSON)` gives it (JSON text): for tests, benchmarks and for
    /// finding out why a search is slow. The statement is planned, not run.
    pub fn explain_incidents_page(&self, query: &IncidentQuery) -> StoreResult<String> {
        let (sql, params) = statement(query);
        let params: Vec<&(dyn ToSql + Sync)> = params.iter().map(|p| p.as_ref()).collect();
        self.with(|db| {
            let row = db.one(&format!("EXPLAIN (FORMAT JSON) {sql}"), &params)?;
            let plan: serde_json::Value = g(&row, 0)?;
            Ok(plan.to_string())
        })
    }
}
