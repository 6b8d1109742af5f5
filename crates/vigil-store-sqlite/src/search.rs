//! Incident search ([`vigil_store::Store::incidents_page`]) through the R*Tree of migration
//! 0007, which holds every incident as a box in longitude, latitude and time.
//!
//! A page is the first `limit` matches in id order, and the two ways to get them cost in
//! opposite directions:
//!
//! - **by boxes**: ask the R*Tree for the incidents in the box and the period (a superset: it
//!   stores rounded floats), keep their ids in a sorted temporary B-tree, and read the
//!   incidents in that order, checking every filter exactly, until the page is full. The cost
//!   grows with the number of candidates, whatever the page size;
//! - **by id**: walk the incidents from the cursor in id order, checking every filter, until
//!   the page is full. The cost grows with how far apart the matches are: little when most
//!   incidents match, a walk over the whole table when almost none do.
//!
//! So before a search with a box or a period, the R*Tree is asked how many candidates there
//! are, counting no further than [`DENSE_CANDIDATES`]: fewer, and the search goes by boxes
//! (cost bounded by that count); that many or more, and matches are dense enough that a walk
//! in id order meets a page of them soon, so it goes by id. A search with neither a box nor a
//! period (kind, certainty, area alone) goes by id: no index here narrows those, and they are
//! checked row by row.
//!
//! The exact checks compare the stored text instants, which have whole seconds, with the
//! query's bounds rounded to whole seconds in the direction that keeps the comparison exact.

use crate::codec::backend;
use crate::read::{collect, fill_incidents, incident_core, INCIDENT_COLUMNS};
use rusqlite::types::ToSql;
use rusqlite::Connection;
use vigil_domain::Incident;
use vigil_store::columns::{lower_bound, upper_bound};
use vigil_store::{IncidentQuery, StoreResult};

/// From this many R*Tree candidates on, a search walks the incidents in id order instead.
/// Measured on a million incidents (bench/server/README.md): a candidate costs about 2.5 µs
/// (the R*Tree, the id behind its number, a sorted temporary B-tree), a row walked in id order
/// about 0.13 µs. With ids unrelated to place and time, a page of 100 among `c` candidates is
/// met after about 100 × 1,000,000 / `c` rows, so the two cost the same near 2,300 candidates.
/// The bound is set higher because ids often follow time (a publisher numbers its events as
/// they come): then a walk may have to pass most of the table (about 120 ms) before its first
/// match, while the R*Tree's cost stays bounded here (about 25 ms).
const DENSE_CANDIDATES: i64 = 10_000;

/// The checks every plan makes on the incident row itself: the R*Tree only narrows.
const EXACT: &str = "
      AND (:has_bbox = 0 OR (lon BETWEEN :min_lon AND :max_lon
                             AND lat BETWEEN :min_lat AND :max_lat))
      AND (:from IS NULL OR end_at >= :from)
      AND (:to IS NULL OR start_at <= :to)
      AND (:kinds IS NULL OR kind IN (SELECT value FROM json_each(:kinds)))
      AND (:certainty IS NULL OR certainty = :certainty)
      AND (:areas IS NULL OR area IN (SELECT value FROM json_each(:areas)))";

/// The R*Tree condition: boxes that meet the query's box and period.
const BOX_MEETS: &str = "b.max_lon >= :box_min_lon AND b.min_lon <= :box_max_lon
          AND b.max_lat >= :box_min_lat AND b.min_lat <= :box_max_lat
          AND b.max_t >= :from_t AND b.min_t <= :to_t";

fn by_boxes_sql() -> String {
    format!(
        "SELECT {INCIDENT_COLUMNS} FROM incidents
         WHERE id IN (SELECT k.incident_id
                      FROM incident_boxes b JOIN incident_keys k ON k.num = b.num
                      WHERE {BOX_MEETS} AND k.incident_id > :after)
         {EXACT}
         ORDER BY id LIMIT :limit"
    )
}

fn by_id_sql() -> String {
    format!(
        "SELECT {INCIDENT_COLUMNS} FROM incidents
         WHERE id > :after
         {EXACT}
         ORDER BY id LIMIT :limit"
    )
}

fn candidates_sql() -> String {
    format!("SELECT count(*) FROM (SELECT 1 FROM incident_boxes b WHERE {BOX_MEETS} LIMIT :cap)")
}

/// How a search reads the incidents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Plan {
    ByBoxes,
    ById,
}

/// The query's values as the statements take them.
struct Bound {
    has_bbox: bool,
    min_lon: f64,
    min_lat: f64,
    max_lon: f64,
    max_lat: f64,
    from: Option<String>,
    to: Option<String>,
    from_t: f64,
    to_t: f64,
    kinds: Option<String>,
    certainty: Option<&'static str>,
    areas: Option<String>,
    after: String,
    limit: i64,
}

impl Bound {
    fn new(query: &IncidentQuery) -> Self {
        // Without a box, the R*Tree condition must admit every box, the off-globe one of
        // incidents without a point included.
        let (min_lon, min_lat, max_lon, max_lat) = match query.bbox {
            Some(b) => (b.min_lon, b.min_lat, b.max_lon, b.max_lat),
            None => (-f64::MAX, -f64::MAX, f64::MAX, f64::MAX),
        };
        let json = |values: Vec<&str>| serde_json::to_string(&values).expect("strings encode");
        Self {
            has_bbox: query.bbox.is_some(),
            min_lon,
            min_lat,
            max_lon,
            max_lat,
            from: query.from.map(lower_bound),
            to: query.to.map(upper_bound),
            // `timestamp()` rounds down, which for both ends keeps every match a candidate.
            from_t: query.from.map_or(-f64::MAX, |t| t.timestamp() as f64),
            to_t: query.to.map_or(f64::MAX, |t| t.timestamp() as f64),
            kinds: query
                .kinds
                .as_ref()
                .map(|kinds| json(kinds.iter().map(|k| k.as_str()).collect())),
            certainty: query.certainty.map(|c| c.as_str()),
            areas: query
                .areas
                .as_ref()
                .map(|areas| json(areas.iter().map(|a| a.as_str()).collect())),
            // Every id is longer than the empty string, so "after nothing" admits them all.
            after: query.after.clone().unwrap_or_default(),
            limit: i64::try_from(query.limit).unwrap_or(i64::MAX),
        }
    }

    fn box_params(&self) -> Vec<(&'static str, &dyn ToSql)> {
        vec![
            (":box_min_lon", &self.min_lon),
            (":box_max_lon", &self.max_lon),
            (":box_min_lat", &self.min_lat),
            (":box_max_lat", &self.max_lat),
            (":from_t", &self.from_t),
            (":to_t", &self.to_t),
        ]
    }

    fn exact_params(&self) -> Vec<(&'static str, &dyn ToSql)> {
        vec![
            (":has_bbox", &self.has_bbox),
            (":min_lon", &self.min_lon),
            (":max_lon", &self.max_lon),
            (":min_lat", &self.min_lat),
            (":max_lat", &self.max_lat),
            (":from", &self.from),
            (":to", &self.to),
            (":kinds", &self.kinds),
            (":certainty", &self.certainty),
            (":areas", &self.areas),
            (":after", &self.after),
            (":limit", &self.limit),
        ]
    }
}

/// Which plan a search takes (see the module doc).
pub(crate) fn plan(conn: &Connection, query: &IncidentQuery) -> StoreResult<Plan> {
    if query.bbox.is_none() && query.from.is_none() && query.to.is_none() {
        return Ok(Plan::ById);
    }
    let bound = Bound::new(query);
    let mut params = bound.box_params();
    params.push((":cap", &DENSE_CANDIDATES));
    let candidates: i64 = conn
        .prepare_cached(&candidates_sql())
        .and_then(|mut stmt| stmt.query_row(&params[..], |row| row.get(0)))
        .map_err(backend)?;
    Ok(if candidates < DENSE_CANDIDATES {
        Plan::ByBoxes
    } else {
        Plan::ById
    })
}

/// The statement a plan runs, for `EXPLAIN QUERY PLAN` in tests and benchmarks.
pub(crate) fn sql(plan: Plan) -> String {
    match plan {
        Plan::ByBoxes => by_boxes_sql(),
        Plan::ById => by_id_sql(),
    }
}

pub(crate) fn incidents_page(
    conn: &Connection,
    query: &IncidentQuery,
) -> StoreResult<Vec<Incident>> {
    let nothing = query.limit == 0
        || query.kinds.as_ref().is_some_and(Vec::is_empty)
        || query.areas.as_ref().is_some_and(Vec::is_empty);
    if nothing {
        return Ok(Vec::new());
    }
    let plan = plan(conn, query)?;
    let bound = Bound::new(query);
    let mut params = bound.exact_params();
    if plan == Plan::ByBoxes {
        params.extend(bound.box_params());
    }
    let mut incidents = collect(conn, &sql(plan), &params[..], incident_core)?;
    fill_incidents(conn, &mut incidents)?;
    Ok(incidents)
}

impl crate::SqliteStore {
    /// How [`vigil_store::Store::incidents_page`] reads `query`: the plan it chooses, then
    /// SQLite's `EXPLAIN QUERY PLAN` of the statement it runs, one step per line, indented
    /// under the step it belongs to. For benchmarks and for finding out why a search is slow.
    pub fn explain_incidents_page(&self, query: &IncidentQuery) -> StoreResult<String> {
        let plan = plan(&self.conn, query)?;
        let bound = Bound::new(query);
        let mut params = bound.exact_params();
        if plan == Plan::ByBoxes {
            params.extend(bound.box_params());
        }
        let steps = collect(
            &self.conn,
            &format!("EXPLAIN QUERY PLAN {}", sql(plan)),
            &params[..],
            |row| {
                let id: i64 = row.get(0).map_err(backend)?;
                let parent: i64 = row.get(1).map_err(backend)?;
                let detail: String = row.get(3).map_err(backend)?;
                Ok((id, parent, detail))
            },
        )?;
        let mut text = match plan {
            Plan::ByBoxes => "by boxes (R*Tree candidates, then id order)\n".to_owned(),
            Plan::ById => "by id (walk in id order)\n".to_owned(),
        };
        let mut depth: Vec<(i64, usize)> = Vec::new();
        for (id, parent, detail) in steps {
            let level = depth
                .iter()
                .find(|(step, _)| *step == parent)
                .map_or(0, |(_, level)| level + 1);
            depth.push((id, level));
            text.push_str(&format!("{}{detail}\n", "  ".repeat(level + 1)));
        }
        Ok(text)
    }
}
