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
    if std::env::var("VIGIL_TEST_BACKEND").as_deref() == Ok("postgres") {
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
