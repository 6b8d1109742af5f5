//! Schema migrations, applied by [`crate::PgStore::connect`] in one transaction that holds the
//! writers' advisory lock, so two servers starting at once do not both migrate (the second
//! waits, then finds the work done) and no Vigil write runs half-way through a migration.
//! `vigil.schema_migrations` records the versions applied.

use crate::codec::backend;
use postgres::Client;
use vigil_store::{StoreError, StoreResult};

const MIGRATIONS: &[(i32, &str, &str)] = &[
    (
        1,
        "0001_schema",
        include_str!("../migrations/0001_schema.sql"),
    ),
    (
        2,
        "0002_views",
        include_str!("../migrations/0002_views.sql"),
    ),
    (
        3,
        "0003_space_time_index",
        include_str!("../migrations/0003_space_time_index.sql"),
    ),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i32 = MIGRATIONS.len() as i32;

/// The versions recorded in `vigil.schema_migrations`; `None` if there is no such table (no
/// Vigil schema at all).
pub fn applied(client: &mut impl postgres::GenericClient) -> StoreResult<Option<Vec<i32>>> {
    let present: bool = client
        .query_one(
            "SELECT to_regclass('vigil.schema_migrations') IS NOT NULL",
            &[],
        )
        .map_err(backend)?
        .get(0);
    if !present {
        return Ok(None);
    }
    let rows = client
        .query(
            "SELECT version FROM vigil.schema_migrations ORDER BY version",
            &[],
        )
        .map_err(backend)?;
    Ok(Some(rows.iter().map(|r| r.get(0)).collect()))
}

pub fn apply(client: &mut Client, display_url: &str) -> StoreResult<()> {
    let mut tx = client.transaction().map_err(backend)?;
    tx.batch_execute(&format!(
        "SELECT pg_advisory_xact_lock({})",
        crate::write::WRITER_LOCK
    ))
    .map_err(backend)?;
    let applied = applied(&mut tx)?.unwrap_or_default();
    if let Some(newer) = applied.iter().find(|v| **v > SCHEMA_VERSION) {
        return Err(StoreError::Backend(format!(
            "the database {display_url} has schema version {newer}, newer than this Vigil knows \
             ({SCHEMA_VERSION}); use a newer Vigil"
        )));
    }
    if MIGRATIONS.iter().all(|(v, _, _)| applied.contains(v)) {
        return tx.commit().map_err(backend);
    }
    ensure_postgis(&mut tx, display_url)?;
    for (version, name, sql) in MIGRATIONS {
        if applied.contains(version) {
            continue;
        }
        tx.batch_execute(sql).map_err(|e| {
            StoreError::Backend(format!(
                "migration {name} failed on {display_url}; nothing was changed: {}",
                backend(e)
            ))
        })?;
        tx.execute(
            "INSERT INTO vigil.schema_migrations (version) VALUES ($1)",
            &[version],
        )
        .map_err(backend)?;
    }
    tx.commit().map_err(backend)
}

/// Creates the PostGIS extension (in `public`) unless the database has it, with an error that
/// says what is missing when it cannot.
fn ensure_postgis(tx: &mut postgres::Transaction<'_>, display_url: &str) -> StoreResult<()> {
    let present = tx
        .query_opt("SELECT 1 FROM pg_extension WHERE extname = 'postgis'", &[])
        .map_err(backend)?
        .is_some();
    if present {
        return Ok(());
    }
    tx.batch_execute("CREATE EXTENSION IF NOT EXISTS postgis WITH SCHEMA public")
        .map_err(|e| {
            let reason = backend(e);
            StoreError::Backend(format!(
                "the database {display_url} lacks the PostGIS extension and it could not be \
                 created ({reason}). PostGIS must be installed on the database server (on \
                 Debian or Ubuntu, the package postgresql-<version>-postgis-3), and the \
                 extension created in this database by a role with the privilege to (usually a \
                 superuser): CREATE EXTENSION postgis;"
            ))
        })
}
