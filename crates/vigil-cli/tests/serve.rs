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
    assert!(
        first.starts_with("Serving vigil.db at http://127.0.0.1:"),
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
