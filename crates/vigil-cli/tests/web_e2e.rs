//! The web interface end to end, as a user meets it: `vigil demo` loads the Aleppo 2016
//! scenario, `vigil user add` makes an admin, two liaisons, a monitor and a coordinator, `vigil serve` serves
//! the page, and a real headless Chromium (driven by `web/e2e/run.mjs` with playwright-core)
//! opens the map, checks the demo's records are drawn and listed, the published situation
//! report of the Aleppo governorate and the ceasefires, signs in, opens the staff's report
//! (printable, in Arabic), a ceasefire with its violations, the audit trail (paged, filtered
//! by a record), a site and an incident, the convoy's dossier (with an evidence file added
//! here) in English and Arabic, switches to Arabic (right to left, Arabic strings and place
//! names), then signs in as a liaison of Turkey, who acknowledges a notification sent to
//! Turkey and is refused the dossier and the audit trail, and last as a monitor who files an
//! airstrike at the notified M10 hospital through the form and sees the new finding on the
//! map, builds a second incident from a new report (shown the first as a possible duplicate
//! before saving) and adds the first's report to it, and a coordinator who adds a clinic through the site form, edits it to add a status and
//! is told of a change someone made since the form was read, then notifies the clinic to
//! Russia and registers a convoy through the movement form, edits it (a stale edit refused)
//! and sends a new version of its notification; the liaison of Russia sees the
//! notification with its Acknowledge button; last, a base map is set, refused, drawn from a
//! PMTiles archive the server serves from its tiles folder, and turned off. The server's log, at its most talkative, holds neither a password nor a token
//! afterwards. The screenshots of each step are kept in `target/e2e-screenshots/` of the
//! repository.
//!
//! Chromium and the web project's npm packages come from `scripts/test-tools.sh` (Debian's
//! `chromium`, `npm ci` in `web/`); a missing one fails this test with the script's words.

mod common;

use common::*;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

const USER: &str = "e2e-admin";
const LIAISON: &str = "e2e-liaison";
const MONITOR: &str = "e2e-monitor";
const COORDINATOR: &str = "e2e-coordinator";
const LIAISON_RUSSIA: &str = "e2e-liaison-russia";
const PASSWORD: &str = "a long enough password";

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs `scripts/test-tools.sh`, which installs chromium and the web project's packages the
/// first time; panics with its words unless it says `web=ready`.
fn web_tools() {
    let script = repository().join("scripts/test-tools.sh");
    let output = Command::new("bash").arg(&script).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let web = stdout.lines().find_map(|l| l.strip_prefix("web="));
    assert!(
        output.status.success() && web == Some("ready"),
        "the browser test needs chromium and the web project's npm packages, which {} \
         installs; it exited with {} and said:\n{stdout}{}",
        script.display(),
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
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

/// Whether `text` holds something shaped like a token: `vigil_` and 43 base64url characters.
fn holds_a_token(text: &str) -> bool {
    text.match_indices("vigil_").any(|(at, _)| {
        let rest = &text.as_bytes()[at + "vigil_".len()..];
        rest.len() >= 43
            && rest[..43]
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_')
    })
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
    web_tools();

    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    vigil(d, &["demo"]).ok();
    user_add(d, USER, "admin", &[]);
    user_add(d, LIAISON, "liaison", &["--party", "turkey"]);
    user_add(d, MONITOR, "monitor", &[]);
    user_add(d, COORDINATOR, "coordinator", &[]);
    user_add(d, LIAISON_RUSSIA, "liaison", &["--party", "russia"]);
    // An evidence file of the convoy's strike, so the incident page and the dossier have a
    // hash and a custody log to show.
    let photo = file(
        d,
        "convoy-photo.txt",
        "a stand-in for a photograph of the convoy\n",
    );
    vigil(
        d,
        &[
            "evidence",
            "add",
            photo.to_str().unwrap(),
            "--incident",
            "inc-convoy-urum-20160919",
            "--captured-at",
            "2016-09-19T19:40:00Z",
        ],
    )
    .ok();

    // The folder a base map's PMTiles archive is served from; the browser test writes one.
    let tiles = d.join("tiles");
    std::fs::create_dir(&tiles).unwrap();
    let log_path = d.join("serve.log");
    let mut child = command(d)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .env("VIGIL_LOG", "trace")
        .env("VIGIL_WEB_TILES_DIR", &tiles)
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&log_path).unwrap())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let server = Server(child);
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
        .arg(MONITOR)
        .arg(COORDINATOR)
        .arg(LIAISON_RUSSIA)
        .env("VIGIL_E2E_TILES_DIR", &tiles)
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
        "8-dossier",
        "8b-dossier-arabic",
        "9-incident-form-refused",
        "10-new-finding-on-map",
        "11-site-form-refused",
        "12-site-edited",
        "13-site-notified",
        "14-liaison-russia-notified",
        "15-movement-form-refused",
        "16-build-refused",
        "17-build-duplicates",
        "19-merged",
        "20-movement-edited",
        "21-notification-new-version",
        "22-basemap-setting",
        "23-basemap-pmtiles",
    ] {
        let shot = shots.join(format!("{step}.png"));
        assert!(shot.is_file(), "no screenshot {}", shot.display());
    }

    drop(server);
    assert!(holds_a_token(&format!(
        "Bearer vigil_{}.",
        "Ab-_9".repeat(9)
    )));
    let log = std::fs::read_to_string(&log_path).unwrap();
    assert!(
        log.contains("signed in"),
        "the log says nothing of signing in:\n{log}"
    );
    assert!(!log.contains(PASSWORD), "a password reached the log");
    assert!(!holds_a_token(&log), "a token reached the log");
}
