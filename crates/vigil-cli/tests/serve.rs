//! `vigil serve` as a user runs it: it prints its address, answers over HTTP, and stops
//! cleanly on SIGTERM; `vigil config` shows the settings it would use.

mod common;
use common::*;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[test]
fn serve_prints_its_address_answers_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    import_text(d, "sites", "sites.csv", SITES_CSV).ok();
    let created = vigil(d, &["token", "create", "--role", "analyst"]).ok();
    let token = created.stdout.lines().last().unwrap().to_owned();
    let mut child = command(d)
        .args(["serve", "--listen", "127.0.0.1:0"])
        // The most talkative level: even then no token may reach the log.
        .env("VIGIL_LOG", "trace")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let url = first
        .trim()
        .rsplit(' ')
        .next()
        .unwrap_or_else(|| panic!("no address in {first:?}"))
        .to_owned();
    // The database is named as the user gave it, a URL without its password.
    let shown = if on_postgres() {
        location(d).to_string()
    } else {
        "vigil.db".to_owned()
    };
    assert!(
        first.starts_with(&format!("Serving {shown} at http://127.0.0.1:")),
        "{first}"
    );

    let health: serde_json::Value = ureq::get(&format!("{url}api/health"))
        .call()
        .unwrap()
        .body_mut()
        .read_json()
        .unwrap();
    assert_eq!(health["status"], "ok");
    let who: serde_json::Value = ureq::get(&format!("{url}api/whoami"))
        .header("Authorization", &format!("Bearer {token}"))
        .call()
        .unwrap()
        .body_mut()
        .read_json()
        .unwrap();
    assert_eq!(who["role"], "analyst");

    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{:?}", output.status);
    let log = String::from_utf8_lossy(&output.stderr);
    assert!(log.contains("shutting down"), "{log}");
    assert!(log.contains("stopped"), "{log}");
    assert!(log.contains("authenticated"), "{log}");
    let secret = token.trim_start_matches("vigil_");
    assert!(!log.contains(secret), "the token reached the log:\n{log}");
}

#[test]
fn serve_refuses_a_database_that_does_not_exist() {
    let dir = tempfile::tempdir().unwrap();
    let run = vigil(
        dir.path(),
        &["--db", "missing.db", "serve", "--listen", "127.0.0.1:0"],
    );
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains("no database at missing.db"),
        "{}",
        run.stderr
    );
    assert!(!dir.path().join("missing.db").exists());
}

#[test]
fn config_shows_defaults_then_file_then_environment_then_flags() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let file = file(
        d,
        "vigil.toml",
        "listen = \"0.0.0.0:9000\"\nlog = \"debug\"\ndb = \"from-file.db\"\n",
    );
    let shown = command(d)
        .args(["config", "--config", file.to_str().unwrap()])
        .env("VIGIL_LOG", "warn")
        // The test backend's own VIGIL_DB (PostgreSQL) would win over the file, as it should.
        .env_remove("VIGIL_DB")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&shown.stdout);
    assert!(text.contains("listen = \"0.0.0.0:9000\""), "{text}");
    assert!(text.contains("log = \"warn\""), "{text}");
    assert!(text.contains("db = \"from-file.db\""), "{text}");
    let flagged = vigil(
        d,
        &[
            "--db",
            "flag.db",
            "config",
            "--config",
            file.to_str().unwrap(),
        ],
    )
    .ok();
    assert!(
        flagged.stdout.contains("db = \"flag.db\""),
        "{}",
        flagged.stdout
    );
    let bad = file_with(d);
    let run = vigil(d, &["config", "--config", bad.to_str().unwrap()]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr.contains("unknown field `port`"),
        "{}",
        run.stderr
    );
}

fn file_with(d: &std::path::Path) -> std::path::PathBuf {
    file(d, "bad.toml", "port = 8080\n")
}

/// `vigil demo --serve` in `d`, and the address it serves at, once it prints it. The caller
/// stops the child and waits for it (the lint cannot follow it out of this function).
#[allow(clippy::zombie_processes)]
fn demo_serve(d: &std::path::Path) -> (std::process::Child, String, String) {
    let mut child = command(d)
        .args(["demo", "--serve", "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut printed = String::new();
    loop {
        let mut line = String::new();
        if out.read_line(&mut line).unwrap() == 0 {
            let status = child.wait().unwrap();
            panic!("ended early ({status}):\n{printed}");
        }
        printed.push_str(&line);
        if line.starts_with("Serving ") {
            let url = line.trim().rsplit(' ').next().unwrap().to_owned();
            return (child, url, printed);
        }
    }
}

#[test]
fn demo_serve_loads_the_story_and_serves_it_with_accounts_to_sign_in() {
    let dir = tempfile::tempdir().unwrap();
    let (mut child, url, printed) = demo_serve(dir.path());
    assert!(printed.contains("Vigil demo: "), "{printed}");
    assert!(
        printed.contains("analyst") && printed.contains("liaison-russia"),
        "{printed}"
    );
    assert!(printed.contains("password aleppo-2016"), "{printed}");

    // The page is served, and the analyst signs in and sees the convoy strike in full.
    let page = ureq::get(&url)
        .call()
        .unwrap()
        .body_mut()
        .read_to_string()
        .unwrap();
    assert!(page.contains("<html"), "{page}");
    let session: serde_json::Value = ureq::post(&format!("{url}api/sessions"))
        .send_json(serde_json::json!({"user": "analyst", "password": "aleppo-2016"}))
        .unwrap()
        .body_mut()
        .read_json()
        .unwrap();
    let token = session["token"].as_str().expect("a session token");
    let convoy: serde_json::Value =
        ureq::get(&format!("{url}api/incidents/inc-convoy-urum-20160919"))
            .header("Authorization", &format!("Bearer {token}"))
            .call()
            .unwrap()
            .body_mut()
            .read_json()
            .unwrap();
    assert_eq!(convoy["id"], "inc-convoy-urum-20160919");
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(child.wait().unwrap().success());

    // Again: nothing new is loaded, the accounts are kept, and it serves again.
    let (mut again, _, printed) = demo_serve(dir.path());
    assert!(printed.contains("nothing changed"), "{printed}");
    Command::new("kill")
        .args(["-TERM", &again.id().to_string()])
        .status()
        .unwrap();
    assert!(again.wait().unwrap().success());
}

#[test]
fn demo_serve_adds_no_well_known_password_to_a_database_with_accounts_of_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    import_text(d, "sites", "sites.csv", SITES_CSV).ok();
    let mut add = command(d)
        .args(["user", "add", "rana", "--role", "admin"])
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    add.stdin
        .take()
        .unwrap()
        .write_all(b"a-long-password\n")
        .unwrap();
    assert!(add.wait().unwrap().success());
    let run = vigil(d, &["demo", "--serve", "--listen", "127.0.0.1:0"]);
    assert_eq!(run.code, 5, "{}", run.stderr);
    assert!(
        run.stderr.contains("accounts of its own (rana)"),
        "{}",
        run.stderr
    );
    assert_eq!(count_rows(d, "accounts"), 1, "no demo account was added");
    assert_eq!(
        count_rows(d, "incidents"),
        0,
        "nor was the demo loaded into it"
    );
}
