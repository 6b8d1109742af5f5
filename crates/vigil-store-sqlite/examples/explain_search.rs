//! Prints how SQLite answers an incident search on a database: the plan chosen and SQLite's
//! `EXPLAIN QUERY PLAN`. Used by bench/server/run.sh beside its figures.
//!
//!     cargo run --release -p vigil-store-sqlite --example explain_search -- \
//!         DB MINLON,MINLAT,MAXLON,MAXLAT FROM_DAY TO_DAY [LIMIT]

use chrono::NaiveDate;
use vigil_domain::time::{end_of_day, start_of_day};
use vigil_store::{BoundingBox, IncidentQuery};
use vigil_store_sqlite::SqliteStore;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [db, bbox, from, to, rest @ ..] = &args[..] else {
        return Err(
            "usage: explain_search DB MINLON,MINLAT,MAXLON,MAXLAT FROM_DAY TO_DAY [LIMIT]".into(),
        );
    };
    let numbers: Vec<f64> = bbox.split(',').map(str::parse).collect::<Result<_, _>>()?;
    let [min_lon, min_lat, max_lon, max_lat] = numbers[..] else {
        return Err("the box is four numbers".into());
    };
    let limit = rest.first().map_or(Ok(100), |l| l.parse::<usize>())?;
    let query = IncidentQuery {
        bbox: Some(BoundingBox {
            min_lon,
            min_lat,
            max_lon,
            max_lat,
        }),
        from: Some(start_of_day(from.parse::<NaiveDate>()?)),
        to: Some(end_of_day(to.parse::<NaiveDate>()?)),
        // As the server asks: one more than the page, to know whether another follows.
        limit: limit + 1,
        ..IncidentQuery::default()
    };
    let store = SqliteStore::open_read_only(db)?;
    print!("{}", store.explain_incidents_page(&query)?);
    Ok(())
}
