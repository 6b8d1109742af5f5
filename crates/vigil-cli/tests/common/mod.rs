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

pub fn command(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vigil"));
    cmd.current_dir(dir).env_remove("VIGIL_DB");
    cmd
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
