//! Vigil's storage backend on PostgreSQL + PostGIS: a port of the SQLite backend that keeps the
//! same [`vigil_store::Store`] semantics and stores the same text.
//!
//! - [`PgStore::connect`] connects and brings the schema `vigil` up to date (`migrations/`,
//!   under an advisory lock), with the views for people and GIS tools in the schemas `gis` and
//!   `published` (migration 0002); [`PgStore::connect_existing`] connects to a database that
//!   already has this build's schema, and never migrates;
//! - `write` implements [`vigil_store::Transaction`] over one READ COMMITTED transaction that
//!   holds the writers' advisory lock ([`WRITER_LOCK`]) until it ends: Vigil's writers, in
//!   however many processes, run one after the other, so the audit log's `seq` order is commit
//!   order and the references checked in code (the schema has no foreign keys, to stay
//!   distributable with Citus) still hold at commit;
//! - `store` implements the reads of [`vigil_store::Store`];
//! - `search` answers [`vigil_store::Store::incidents_page`] through an n-dimensional GiST
//!   index over the incidents' points and periods (migration 0003), a GiST index on their
//!   points and B-trees on their spans;
//! - `findings`, `access`, `audit`, `evidence`, `translog`: as in the SQLite backend;
//! - `codec` converts between domain values and column forms (the SQLite backend's, so both
//!   write the same text).
//!
//! A `PgStore` holds one connection behind a mutex: reads take `&self`, and a read holds the
//! connection only while its statements run (never while a caller's callback does). It is
//! `Send` and `Sync`, but one connection runs one statement at a time: a server with several
//! threads gives each its own `PgStore`.
//!
//! Requirements: PostgreSQL 12 or newer (generated columns, `plan_cache_mode`) with PostGIS 3
//! built with JSON support (`ST_GeomFromGeoJSON`), as Debian's and Ubuntu's packages are.
//! [`PgStore::connect`] creates the extension if the role may; otherwise a superuser creates it
//! once (`CREATE EXTENSION postgis;`).
//!
//! Where it differs from the SQLite backend (everything else is checked to be the same by the
//! `same_as_sqlite` test):
//! - a transaction rolled back after some of its audit entries were written (they wait and
//!   go in batches, see `db`) leaves a gap in the audit log's `seq` (a sequence never hands a
//!   number out twice), where SQLite gives the number out again; `seq` still only grows and
//!   its order is commit order;
//! - PostgreSQL's TEXT cannot hold the NUL character, which SQLite's can: a record whose free
//!   text contains one is refused with a backend error (ids already refuse control characters);
//! - a writer waits for the writers' lock as long as the one holding it runs (SQLite gives up
//!   after 10 s).
//!
//! Connections are made without TLS ([`postgres::NoTls`]): use a database on the same machine
//! or private network, or a local TLS-terminating proxy (pgbouncer, stunnel) until TLS support
//! is added. A pooler must pool by session, not by transaction: each connection keeps its
//! settings (`search_path`, …) and its prepared statements for its whole life. A URL's
//! password is never part of an error or of [`PgStore::url_for_display`].
#![forbid(unsafe_code)]

mod access;
mod audit;
mod codec;
mod db;
mod evidence;
mod findings;
mod migrate;
mod read;
mod search;
mod store;
#[cfg(feature = "testing")]
pub mod testing;
mod translog;
mod write;
mod write_lock;

use db::{Db, Session};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use vigil_store::{StoreError, StoreResult};

pub use migrate::SCHEMA_VERSION;
pub use write::WRITER_LOCK;

/// A Vigil database in a PostgreSQL schema `vigil`.
pub struct PgStore {
    session: Mutex<Session>,
    /// The URL with its password shown as `REDACTED`.
    display_url: String,
    /// Whether [`PgStore::snapshot`] has a transaction open on the connection.
    in_snapshot: AtomicBool,
}

// A server hands its store to another thread.
const _: fn() = || {
    fn send_and_sync<T: Send + Sync>() {}
    send_and_sync::<PgStore>();
};

fn no_schema(display_url: &str) -> StoreError {
    StoreError::Backend(format!(
        "the database {display_url} has no Vigil schema; a command that writes creates it (for \
         example `vigil import`, `vigil demo` or `vigil user add` with this database)"
    ))
}

fn poisoned() -> StoreError {
    StoreError::Backend(
        "the database connection was in use when a thread panicked, and its state is unknown; \
         connect again"
            .into(),
    )
}

impl PgStore {
    /// Connects to the database at `url` (`postgres://user[:password]@host[:port]/dbname` or
    /// `key=value` form), creating the PostGIS extension and Vigil's schema if missing and
    /// bringing the schema up to date.
    pub fn connect(url: &str) -> StoreResult<Self> {
        let display_url = url_without_password(url);
        let mut client = open(url, &display_url)?;
        migrate::apply(&mut client, &display_url)?;
        Self::ready(client, display_url)
    }

    /// Connects to a database that already has a Vigil schema, bringing it up to date, but
    /// never creating one (`vigil serve`: an empty database named by a typo must not look like
    /// data lost). SQLite's `open_existing`.
    pub fn connect_existing_schema(url: &str) -> StoreResult<Self> {
        let display_url = url_without_password(url);
        let mut client = open(url, &display_url)?;
        if migrate::applied(&mut client)?.is_none() {
            return Err(no_schema(&display_url));
        }
        migrate::apply(&mut client, &display_url)?;
        Self::ready(client, display_url)
    }

    /// Connects to a database that already has this build's schema, without creating or
    /// changing anything (a reader never migrates). SQLite's `open_read_only`.
    pub fn connect_existing(url: &str) -> StoreResult<Self> {
        let display_url = url_without_password(url);
        let mut client = open(url, &display_url)?;
        match migrate::applied(&mut client)? {
            None => return Err(no_schema(&display_url)),
            Some(versions) if versions.last() != Some(&SCHEMA_VERSION) => {
                let found = versions.last().copied().unwrap_or(0);
                return Err(StoreError::Backend(format!(
                    "the database {display_url} has schema version {found}, this Vigil reads \
                     {SCHEMA_VERSION}; {}",
                    if found > SCHEMA_VERSION {
                        "use a newer Vigil".to_owned()
                    } else {
                        "open it for writing first (for example `vigil import` or `vigil \
                         serve`), which brings it up to date"
                            .to_owned()
                    }
                )));
            }
            Some(_) => {}
        }
        Self::ready(client, display_url)
    }

    fn ready(mut client: postgres::Client, display_url: String) -> StoreResult<Self> {
        // PostGIS is expected in `public`; if it was installed into another schema, that schema
        // goes on the search path too, so its functions resolve.
        let schema: Option<String> = client
            .query_opt(
                "SELECT n.nspname::text FROM pg_extension e
                 JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'postgis'",
                &[],
            )
            .map_err(codec::backend)?
            .map(|r| r.get(0));
        if let Some(schema) = schema.filter(|s| s != "public") {
            let quoted = schema.replace('"', "\"\"");
            client
                .batch_execute(&format!("SET search_path = vigil, \"{quoted}\", public"))
                .map_err(codec::backend)?;
        }
        Ok(Self {
            session: Mutex::new(Session {
                client,
                statements: HashMap::new(),
            }),
            display_url,
            in_snapshot: AtomicBool::new(false),
        })
    }

    /// The URL this store was connected with, its password (if any) shown as `REDACTED`.
    pub fn url_for_display(&self) -> &str {
        &self.display_url
    }

    /// Runs `f` with the connection, locked for as long as `f` runs.
    pub(crate) fn with<T>(&self, f: impl FnOnce(&mut Db<'_>) -> StoreResult<T>) -> StoreResult<T> {
        let mut session = self.session.lock().map_err(|_| poisoned())?;
        f(&mut Db::new(&mut session))
    }

    /// Runs `f` inside one REPEATABLE READ, READ ONLY transaction, so that every read it makes
    /// sees the same committed state (a write committed meanwhile is seen by the next call, not
    /// half-way). The connection is locked only while each statement runs. Inside a snapshot,
    /// a nested call runs `f` in the snapshot already open.
    pub fn snapshot<T>(&self, f: impl FnOnce(&Self) -> T) -> StoreResult<T> {
        if self.in_snapshot.swap(true, Ordering::SeqCst) {
            return Ok(f(self));
        }
        /// Ends the snapshot however `f` ends, a panic included.
        struct End<'s> {
            store: &'s PgStore,
            committed: bool,
        }
        impl Drop for End<'_> {
            fn drop(&mut self) {
                if !self.committed {
                    let _ = self.store.with(|db| db.batch("ROLLBACK"));
                }
                self.store.in_snapshot.store(false, Ordering::SeqCst);
            }
        }
        let mut end = End {
            store: self,
            committed: false,
        };
        self.with(|db| db.batch("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"))?;
        let out = f(self);
        // Nothing was written: ending the transaction only lets go of the snapshot.
        self.with(|db| db.batch("COMMIT"))?;
        end.committed = true;
        Ok(out)
    }

    /// Checks what PostgreSQL does not check itself: the references between tables that the
    /// SQLite schema declares as foreign keys and this one (for Citus) does not. Returns
    /// `["ok"]` when every reference holds, else one line per broken one (at most 100 per
    /// reference).
    pub fn integrity_check(&self) -> StoreResult<Vec<String>> {
        self.with(|db| {
            let mut found = Vec::new();
            for r in REFERENCES {
                let present = r
                    .columns
                    .iter()
                    .map(|c| format!("c.{c} IS NOT NULL"))
                    .collect::<Vec<_>>()
                    .join(" AND ");
                let matches = r
                    .columns
                    .iter()
                    .zip(r.parent_columns)
                    .map(|(c, p)| format!("p.{p} = c.{c}"))
                    .collect::<Vec<_>>()
                    .join(" AND ");
                let sql = format!(
                    "SELECT ({})::text FROM {} c
                     WHERE {present} AND NOT EXISTS (SELECT 1 FROM {} p WHERE {matches})
                     ORDER BY 1 LIMIT 100",
                    r.key, r.table, r.parent
                );
                for row in db.query(&sql, &[])? {
                    let key: String = db::g(&row, 0)?;
                    found.push(format!(
                        "foreign key violation in {} row {key}: {} names no row of {}",
                        r.table,
                        r.columns.join(", "),
                        r.parent
                    ));
                }
            }
            let versions: i64 = db::g(&db.one("SELECT count(*) FROM data_version", &[])?, 0)?;
            if versions != 1 {
                found.push(format!("data_version holds {versions} rows, not 1"));
            }
            if found.is_empty() {
                found.push("ok".to_owned());
            }
            Ok(found)
        })
    }
}

/// A reference the SQLite schema enforces with a foreign key: `table.columns` names a row of
/// `parent.parent_columns` (when not NULL); `key` identifies the referring row in a report.
struct Reference {
    table: &'static str,
    key: &'static str,
    columns: &'static [&'static str],
    parent: &'static str,
    parent_columns: &'static [&'static str],
}

const fn reference(
    table: &'static str,
    key: &'static str,
    columns: &'static [&'static str],
    parent: &'static str,
    parent_columns: &'static [&'static str],
) -> Reference {
    Reference {
        table,
        key,
        columns,
        parent,
        parent_columns,
    }
}

const NOTIFICATION_KEY: &[&str] = &["notification_id", "version"];
const ID: &[&str] = &["id"];

const REFERENCES: &[Reference] = &[
    reference("areas", "c.id", &["source"], "sources", ID),
    reference("zones_of_control", "c.id", &["area"], "areas", ID),
    reference("zones_of_control", "c.id", &["party_id"], "parties", ID),
    reference("zones_of_control", "c.id", &["source"], "sources", ID),
    reference(
        "population_figures",
        "c.area || '/' || c.as_of || '/' || c.source",
        &["area"],
        "areas",
        ID,
    ),
    reference(
        "population_figures",
        "c.area || '/' || c.as_of || '/' || c.source",
        &["source"],
        "sources",
        ID,
    ),
    reference(
        "site_status",
        "c.site_id || '/' || c.as_of || '/' || c.status",
        &["site_id"],
        "sites",
        ID,
    ),
    reference(
        "site_capacity",
        "c.site_id || '/' || c.as_of || '/' || c.metric",
        &["site_id"],
        "sites",
        ID,
    ),
    reference("movements", "c.id", &["source"], "sources", ID),
    reference(
        "notifications",
        "c.id || '/v' || c.version",
        &["source"],
        "sources",
        ID,
    ),
    reference(
        "notification_parties",
        "c.notification_id || '/v' || c.version || '/' || c.party_id",
        NOTIFICATION_KEY,
        "notifications",
        &["id", "version"],
    ),
    reference(
        "notification_parties",
        "c.notification_id || '/v' || c.version || '/' || c.party_id",
        &["party_id"],
        "parties",
        ID,
    ),
    reference(
        "acknowledgements",
        "c.notification_id || '/v' || c.version || '/' || c.party_id",
        NOTIFICATION_KEY,
        "notifications",
        &["id", "version"],
    ),
    reference(
        "acknowledgements",
        "c.notification_id || '/v' || c.version || '/' || c.party_id",
        &["party_id"],
        "parties",
        ID,
    ),
    reference(
        "acknowledgements",
        "c.notification_id || '/v' || c.version || '/' || c.party_id",
        &["source"],
        "sources",
        ID,
    ),
    reference("reports", "c.id", &["source"], "sources", ID),
    reference(
        "incident_reports",
        "c.incident_id || '/' || c.report_id",
        &["incident_id"],
        "incidents",
        ID,
    ),
    reference(
        "incident_reports",
        "c.incident_id || '/' || c.report_id",
        &["report_id"],
        "reports",
        ID,
    ),
    reference(
        "incident_targets",
        "c.incident_id || '/' || c.target_type || '/' || c.target",
        &["incident_id"],
        "incidents",
        ID,
    ),
    reference(
        "casualties",
        "c.incident_id || '/' || c.position",
        &["incident_id"],
        "incidents",
        ID,
    ),
    reference(
        "attributions",
        "c.incident_id || '/' || c.party_id",
        &["incident_id"],
        "incidents",
        ID,
    ),
    reference(
        "attributions",
        "c.incident_id || '/' || c.party_id",
        &["party_id"],
        "parties",
        ID,
    ),
    reference("statements", "c.id", &["incident_id"], "incidents", ID),
    reference("statements", "c.id", &["party_id"], "parties", ID),
    reference("statements", "c.id", &["source"], "sources", ID),
    reference("ceasefires", "c.id", &["source"], "sources", ID),
    reference("accounts", "c.name", &["party"], "parties", ID),
    reference("api_tokens", "c.id", &["party"], "parties", ID),
    reference("api_tokens", "c.id", &["account"], "accounts", &["name"]),
    reference("evidence", "c.sha256", &["acquired_from"], "sources", ID),
    reference(
        "evidence",
        "c.sha256",
        &["redacted_from"],
        "evidence",
        &["sha256"],
    ),
    reference(
        "evidence_incidents",
        "c.sha256 || '/' || c.incident_id",
        &["sha256"],
        "evidence",
        &["sha256"],
    ),
    reference(
        "evidence_incidents",
        "c.sha256 || '/' || c.incident_id",
        &["incident_id"],
        "incidents",
        ID,
    ),
    reference(
        "custody_events",
        "c.seq",
        &["sha256"],
        "evidence",
        &["sha256"],
    ),
];

/// Connects and sets the session up: Vigil's schema first on the search path (PostGIS's
/// functions resolve from `public`), UTC, and a plan for each search's own values.
fn open(url: &str, display_url: &str) -> StoreResult<postgres::Client> {
    let mut config: postgres::Config = url.parse().map_err(|e| {
        StoreError::Backend(format!("cannot use the database URL {display_url}: {e}"))
    })?;
    if config.get_application_name().is_none() {
        config.application_name("vigil");
    }
    let mut client = config.connect(postgres::NoTls).map_err(|e| {
        StoreError::Backend(format!(
            "cannot connect to the database {display_url}: {}",
            codec::backend(e)
        ))
    })?;
    let version: String = client
        .query_one("SELECT current_setting('server_version_num')", &[])
        .map_err(codec::backend)?
        .get(0);
    if version.parse::<u32>().is_ok_and(|v| v < 120_000) {
        return Err(StoreError::Backend(format!(
            "the database server at {display_url} runs PostgreSQL {version}; Vigil needs \
             PostgreSQL 12 or newer"
        )));
    }
    client
        .batch_execute(
            "SET search_path = vigil, public;
             SET TIME ZONE 'UTC';
             SET plan_cache_mode = force_custom_plan",
        )
        .map_err(codec::backend)?;
    Ok(client)
}

/// `url` without its password, which is shown as `REDACTED` (as `vigil_db::Location` shows it):
/// `postgres://user:secret@host/db` gives `postgres://user:REDACTED@host/db`, and a
/// `password=...` in the query string or in the `key=value` form gives `password=REDACTED`.
pub fn url_without_password(url: &str) -> String {
    let url = url.trim();
    if let Some((scheme, rest)) = url.split_once("://") {
        // The authority ends at the first '/' or '?' after the scheme; its userinfo at the last
        // '@' within it (a password may itself contain '@' if percent-encoding was forgotten).
        let end = rest.find(['/', '?']).unwrap_or(rest.len());
        let (authority, tail) = rest.split_at(end);
        let authority = match authority.rsplit_once('@') {
            Some((userinfo, host)) => match userinfo.split_once(':') {
                Some((user, _)) => format!("{user}:REDACTED@{host}"),
                None => authority.to_owned(),
            },
            None => authority.to_owned(),
        };
        let tail = match tail.split_once('?') {
            Some((path, query)) => {
                let query: Vec<String> = query
                    .split('&')
                    .map(|pair| match pair.split_once('=') {
                        Some((key, _)) if key.eq_ignore_ascii_case("password") => {
                            format!("{key}=REDACTED")
                        }
                        _ => pair.to_owned(),
                    })
                    .collect();
                format!("{path}?{}", query.join("&"))
            }
            None => tail.to_owned(),
        };
        return format!("{scheme}://{authority}{tail}");
    }
    // key=value form: the password's value (which may be quoted and hold spaces) replaced.
    let mut out = Vec::new();
    let mut rest = url;
    while !rest.is_empty() {
        rest = rest.trim_start();
        let Some(eq) = rest.find('=') else {
            out.push(rest.to_owned());
            break;
        };
        let key = rest[..eq].trim();
        let after = rest[eq + 1..].trim_start();
        let (value, next) = if let Some(quoted) = after.strip_prefix('\'') {
            let mut end = quoted.len();
            let mut escaped = false;
            for (i, ch) in quoted.char_indices() {
                match ch {
                    '\\' if !escaped => escaped = true,
                    '\'' if !escaped => {
                        end = i;
                        break;
                    }
                    _ => escaped = false,
                }
            }
            let value = &after[..(end + 2).min(after.len())];
            (value, &quoted[(end + 1).min(quoted.len())..])
        } else {
            let end = after.find(char::is_whitespace).unwrap_or(after.len());
            (&after[..end], &after[end..])
        };
        if key.eq_ignore_ascii_case("password") {
            out.push(format!("{key}=REDACTED"));
        } else {
            out.push(format!("{key}={value}"));
        }
        rest = next;
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::url_without_password as strip;

    #[test]
    fn a_url_is_shown_without_its_password() {
        assert_eq!(
            strip("postgres://vigil:s3cret@db.example:5432/vigil"),
            "postgres://vigil:REDACTED@db.example:5432/vigil"
        );
        assert_eq!(
            strip("postgresql://vigil:p@ss@host/db?sslmode=disable&password=x"),
            "postgresql://vigil:REDACTED@host/db?sslmode=disable&password=REDACTED"
        );
        assert_eq!(
            strip("postgres://vigil@127.0.0.1:55432/vigil"),
            "postgres://vigil@127.0.0.1:55432/vigil"
        );
        assert_eq!(
            strip("host=localhost password='a b\\'c' user=vigil dbname=v"),
            "host=localhost password=REDACTED user=vigil dbname=v"
        );
        assert_eq!(
            strip("host=localhost password=secret user=vigil"),
            "host=localhost password=REDACTED user=vigil"
        );
    }
}
