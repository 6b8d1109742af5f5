//! The web interface end to end, as a user meets it: `vigil demo` loads the Aleppo 2016
//! scenario, `vigil user add` makes an admin, `vigil serve` serves the page, and a real
//! headless Chromium (driven by `web/e2e/run.mjs` with playwright-core) opens the map,
//! checks the demo's records are drawn and listed, signs in, opens a site and an incident,
//! switches to Arabic (right to left, Arabic strings and place names), then signs in as a
//! liaison of Turkey and acknowledges a notification sent to Turkey. The screenshots
//! of each step are kept in `target/e2e-screenshots/` of the repository.
//!
//! Chromium and the web project's npm packages come from `scripts/test-tools.sh` (Debian's
//! `chromium`, `npm ci` in `web/`); a missing one fails this test with the script's words.

mod common;

#[allow(dead_code)] // the export tests' helper also reads GDAL's and HXL's output
mod readers;

use common::*;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

const USER: &str = "e2e-admin";
const LIAISON: &str = "e2e-liaison";
const PASSWORD: &str = "a long enough password";

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `vigil user add NAME --role ROLE ARGS…`, the password on standard input.
fn user_add(dir: &Path, name: &str, role: &str, more: &[&str]) {
    let mut child = command(dir)
        .args(["user", "add", name, "--role", role])
        .args(more)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{PASSWORD}").unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The server, stopped with SIGTERM when dropped (also when an assertion fails).
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.0.id().to_string()])
            .status();
        let _ = self.0.wait();
    }
}

#[test]
fn the_map_sign_in_pages_and_arabic_work_in_a_real_browser() {
    // Chromium and playwright-core, before anything else: a missing tool fails here.
    let _ = readers::tools();

    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    vigil(d, &["demo"]).ok();
    user_add(d, USER, "admin", &[]);
    user_add(d, LIAISON, "liaison", &["--party", "turkey"]);

    let mut child = command(d)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let _server = Server(child);
    let url = first
        .trim()
        .rsplit(' ')
        .next()
        .filter(|u| u.starts_with("http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("no address in {first:?}"))
        .to_owned();

    let shots = repository().join("target/e2e-screenshots");
    let output = Command::new("node")
        .arg(repository().join("web/e2e/run.mjs"))
        .args([url.as_str(), USER, PASSWORD])
        .arg(&shots)
        .arg(LIAISON)
        .output()
        .expect("node runs (Node 20 or later is needed for the web interface's tests)");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "the browser test failed:\n{said}");
    assert!(said.contains("web e2e: ok"), "{said}");
    for step in [
        "1-public-map",
        "2-staff-map",
        "4-site",
        "5-incident",
        "6-arabic-map",
    ] {
        let shot = shots.join(format!("{step}.png"));
        assert!(shot.is_file(), "no screenshot {}", shot.display());
    }
}
