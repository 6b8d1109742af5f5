//! Runs the real `vigil` binary in a scratch directory.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(output: Output) -> Self {
        Self {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Panics with both streams unless the command succeeded.
    pub fn ok(self) -> Self {
        assert_eq!(
            self.code, 0,
            "stdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

/// `vigil` in `dir`, over the database `vigil.db` there; or, when `VIGIL_TEST_BACKEND` is
/// `postgres`, over a PostgreSQL database of that directory's own (with the evidence folder
/// where SQLite's default would be), so the same test runs on both backends.
pub fn command(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vigil"));
    cmd.current_dir(dir).env_remove("VIGIL_DB");
    if on_postgres() {
        cmd.env("VIGIL_DB", postgres_for(dir))
            .env("VIGIL_EVIDENCE_DIR", dir.join("vigil.evidence"));
    }
    cmd
}

/// Each test directory's PostgreSQL database. They live as long as the test process (a
/// thread-local's destructor may not connect to PostgreSQL), and the next test process drops
/// those left by processes that have ended.
fn postgres_for(dir: &Path) -> String {
    use std::sync::{Mutex, OnceLock};
    use vigil_store_postgres::testing::TestDatabase;
    static DATABASES: OnceLock<Mutex<std::collections::HashMap<PathBuf, TestDatabase>>> =
        OnceLock::new();
    let databases = DATABASES.get_or_init(|| {
        drop_databases_of_ended_processes();
        Mutex::default()
    });
    let mut databases = databases.lock().unwrap_or_else(|e| e.into_inner());
    databases
        .entry(dir.to_owned())
        .or_insert_with(TestDatabase::create)
        .url()
        .to_owned()
}

/// Drops the test databases (`vigil_test_<pid>_…`) of test processes that are no longer
/// running.
fn drop_databases_of_ended_processes() {
    let server = vigil_store_postgres::testing::server_url();
    let Ok(mut admin) = postgres::Client::connect(&server, postgres::NoTls) else {
        return;
    };
    let Ok(rows) = admin.query(
        "SELECT datname::text FROM pg_database WHERE datname LIKE 'vigil_test_%'",
        &[],
    ) else {
        return;
    };
    for row in rows {
        let name: String = row.get(0);
        let pid = name.split('_').nth(2).unwrap_or("");
        if !pid.is_empty() && !Path::new("/proc").join(pid).exists() {
            let _ =
                admin.batch_execute(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"));
        }
    }
}

/// Whether the tests run on PostgreSQL (`VIGIL_TEST_BACKEND=postgres`) rather than SQLite.
pub use vigil_db::testing::on_postgres;

/// Where `vigil` in `dir` keeps its database: `dir/vigil.db`, or that directory's PostgreSQL
/// database.
pub fn location(dir: &Path) -> vigil_db::Location {
    if on_postgres() {
        vigil_db::Location::parse(postgres_for(dir))
    } else {
        vigil_db::Location::parse(dir.join("vigil.db"))
    }
}

/// The database `vigil` in `dir` uses, opened by the test itself (made, empty, if `vigil` has
/// not made it yet).
pub fn database(dir: &Path) -> vigil_db::Database {
    vigil_db::Database::open(&location(dir)).expect("the test database opens")
}

/// Whether `vigil` in `dir` has made its database yet: the file, or on PostgreSQL Vigil's
/// schema in that directory's database.
pub fn database_exists(dir: &Path) -> bool {
    if on_postgres() {
        let mut client = postgres::Client::connect(&postgres_for(dir), postgres::NoTls).unwrap();
        let row = client
            .query_one(
                "SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'vigil'",
                &[],
            )
            .unwrap();
        row.get::<_, i64>(0) == 1
    } else {
        dir.join("vigil.db").exists()
    }
}

/// Whether a write transaction has begun changing the database of `dir`: SQLite's write-ahead
/// log exists, or a PostgreSQL session on that database holds a transaction id (one is given
/// at the first change).
pub fn writing_has_begun(dir: &Path) -> bool {
    if on_postgres() {
        let url = postgres_for(dir);
        let name = url.rsplit('/').next().unwrap().to_owned();
        let mut client = postgres::Client::connect(&url, postgres::NoTls).unwrap();
        let row = client
            .query_one(
                "SELECT count(*) FROM pg_stat_activity \
                 WHERE datname = $1 AND backend_xid IS NOT NULL",
                &[&name],
            )
            .unwrap();
        row.get::<_, i64>(0) > 0
    } else {
        dir.join("vigil.db-wal").exists()
    }
}

/// Runs `statements` on the database of `dir` directly, behind Vigil's back, as someone who
/// holds the file or the database's password could. The table names are the same on both
/// backends.
pub fn sql(dir: &Path, statements: &str) {
    if on_postgres() {
        let mut client = postgres::Client::connect(&postgres_for(dir), postgres::NoTls).unwrap();
        client
            .batch_execute(&format!("SET search_path TO vigil; {statements}"))
            .unwrap();
    } else {
        let conn = rusqlite::Connection::open(dir.join("vigil.db")).unwrap();
        conn.execute_batch(statements).unwrap();
    }
}

/// Every byte the database of `dir` holds: the SQLite file with its WAL and journal, or on
/// PostgreSQL every table of Vigil's schema in COPY's binary form (text as UTF-8, binary
/// columns as their raw bytes), so a test can look for a secret anywhere in it.
pub fn database_bytes(dir: &Path) -> Vec<u8> {
    let mut bytes = Vec::new();
    if on_postgres() {
        use std::io::Read;
        let mut client = postgres::Client::connect(&postgres_for(dir), postgres::NoTls).unwrap();
        let tables: Vec<String> = client
            .query(
                "SELECT table_name::text FROM information_schema.tables \
                 WHERE table_schema = 'vigil' AND table_type = 'BASE TABLE'",
                &[],
            )
            .unwrap()
            .iter()
            .map(|row| row.get(0))
            .collect();
        for table in tables {
            let copy = format!("COPY vigil.\"{table}\" TO STDOUT (FORMAT binary)");
            client
                .copy_out(copy.as_str())
                .unwrap()
                .read_to_end(&mut bytes)
                .unwrap();
        }
    } else {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name.starts_with("vigil.db") {
                bytes.extend(std::fs::read(&path).unwrap());
            }
        }
    }
    assert!(!bytes.is_empty(), "the database exists");
    bytes
}

/// The number of rows in `table` of the database of `dir`, read directly.
pub fn count_rows(dir: &Path, table: &str) -> i64 {
    let query = format!("SELECT count(*) FROM {table}");
    if on_postgres() {
        let mut client = postgres::Client::connect(&postgres_for(dir), postgres::NoTls).unwrap();
        client.batch_execute("SET search_path TO vigil").unwrap();
        client.query_one(&query, &[]).unwrap().get(0)
    } else {
        let conn = rusqlite::Connection::open(dir.join("vigil.db")).unwrap();
        conn.query_row(&query, [], |r| r.get(0)).unwrap()
    }
}

/// `vigil ARGS` in `dir`.
pub fn vigil(dir: &Path, args: &[&str]) -> Run {
    Run::from(command(dir).args(args).output().expect("vigil runs"))
}

/// Writes `text` to `dir/name` and returns the path.
pub fn file(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

pub const SITES_CSV: &str = "\
id,kind,name,lon,lat,radius_m,notified_from,notified_to
site-m10,hospital,M10 (al-Sakhour),37.1893,36.2125,150,2016-09-05,
site-m2,hospital,M2,37.1702,36.2231,0,2016-09-05,2016-10-31
site-school,school,School 4,37.2,36.19,250,,
";

pub const INCIDENTS_CSV: &str = "\
id,kind,lon,lat,radius_m,start,end
inc-1,airstrike,37.1894,36.2126,500,2016-09-28,2016-09-28
inc-2,barrel_bomb,37.1703,36.2232,0,2016-10-01,2016-10-03
inc-3,shelling,37.2,36.19,1000,2016-09-23T14:30:00Z,2016-09-23T15:00:00Z
";

/// `vigil import --kind KIND PATH` in `dir`.
pub fn import(dir: &Path, kind: &str, path: &Path) -> Run {
    vigil(dir, &["import", "--kind", kind, path.to_str().unwrap()])
}

/// Writes `text` to `dir/name`, then imports it as `kind`.
pub fn import_text(dir: &Path, kind: &str, name: &str, text: &str) -> Run {
    import(dir, kind, &file(dir, name, text))
}

/// A file of the real data set, which sits in `shared/data/real` beside the checkout (as CI
/// has it): `../shared/data/real` from the repository root.
pub fn real_data(name: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/real")
        .join(name);
    assert!(
        path.exists(),
        "{} is missing: the real data files are expected in ../shared/data/real, beside the \
         repository",
        path.display()
    );
    path
}
