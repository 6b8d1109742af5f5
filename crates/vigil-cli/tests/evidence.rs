//! `vigil evidence`: real files in a scratch folder, a real SQLite database, the real binary.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const WITNESS: &str = "Nour Haddad";

/// Every file stored under the evidence folder's fan-out (what counts as stored), by name.
fn stored_files(folder: &Path) -> Vec<String> {
    let mut names = Vec::new();
    let Ok(level1) = std::fs::read_dir(folder) else {
        return names;
    };
    for a in level1.flatten().filter(|e| e.path().is_dir()) {
        for b in std::fs::read_dir(a.path()).unwrap().flatten() {
            for f in std::fs::read_dir(b.path()).unwrap().flatten() {
                names.push(f.file_name().to_string_lossy().into_owned());
            }
        }
    }
    names.sort();
    names
}

fn last_line(text: &str) -> &str {
    text.lines().last().unwrap_or("")
}

fn sha256sum(path: &Path) -> String {
    use std::process::Command;
    let out = Command::new("sha256sum").arg(path).output().unwrap();
    String::from_utf8(out.stdout).unwrap()[..64].to_owned()
}

fn jpeg(dir: &Path, name: &str, body: &[u8]) -> PathBuf {
    let path = dir.join(name);
    let mut bytes = b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00".to_vec();
    bytes.extend_from_slice(body);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn adding_the_same_file_twice_stores_it_once_and_logs_two_acquisitions() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    import_text(d, "incidents", "i.csv", INCIDENTS_CSV).ok();
    let photo = jpeg(d, "m10.jpg", b"the entrance of M10 after the strike");
    let copy = d.join("copy-of-m10.jpg");
    std::fs::copy(&photo, &copy).unwrap();

    let first = vigil(
        d,
        &[
            "evidence",
            "add",
            photo.to_str().unwrap(),
            "--incident",
            "inc-1",
        ],
    )
    .ok();
    let sha = last_line(&first.stdout).to_owned();
    assert_eq!(
        sha,
        sha256sum(&photo),
        "the last line is the file's SHA-256"
    );
    let second = vigil(
        d,
        &[
            "evidence",
            "add",
            copy.to_str().unwrap(),
            "--incident",
            "inc-2",
        ],
    )
    .ok();
    assert_eq!(last_line(&second.stdout), sha);
    assert!(
        second.stderr.contains("already stored"),
        "{}",
        second.stderr
    );

    let folder = d.join("vigil.evidence");
    assert_eq!(
        stored_files(&folder),
        vec![sha.clone()],
        "one file, named by its hash"
    );
    let hex = &sha;
    let stored = folder.join(&hex[..2]).join(&hex[2..4]).join(hex);
    assert_eq!(
        std::fs::read(&stored).unwrap(),
        std::fs::read(&photo).unwrap()
    );
    assert!(
        std::fs::metadata(&stored).unwrap().permissions().readonly(),
        "an original is stored read-only"
    );

    let list = vigil(d, &["evidence", "list"]).ok();
    let rows: Vec<&str> = list.stdout.lines().skip(1).collect();
    assert_eq!(rows.len(), 1, "{}", list.stdout);
    assert!(
        rows[0].contains("image/jpeg") && rows[0].contains("inc-1,inc-2"),
        "{}",
        rows[0]
    );
    let of_incident = vigil(d, &["evidence", "list", "--incident", "inc-2"]).ok();
    assert!(of_incident.stdout.contains(&sha));
    let none = vigil(d, &["evidence", "list", "--incident", "inc-3"]).ok();
    assert!(!none.stdout.contains(&sha));

    let show = vigil(d, &["evidence", "show", &sha]).ok();
    assert_eq!(
        show.stdout.matches("acquisition").count(),
        2,
        "each add is an acquisition in the custody log:\n{}",
        show.stdout
    );
    assert_eq!(vigil(d, &["evidence", "show", &"0".repeat(64)]).code, 4);
}

#[test]
fn a_flipped_byte_is_named_by_verify() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let folder = d.join("elsewhere");
    let add = |name: &str, body: &[u8]| {
        let path = jpeg(d, name, body);
        let run = command(d)
            .args(["evidence", "add", path.to_str().unwrap()])
            .env("VIGIL_EVIDENCE_DIR", &folder)
            .output()
            .unwrap();
        assert!(run.status.success());
        last_line(&String::from_utf8(run.stdout).unwrap()).to_owned()
    };
    let intact = add("a.jpg", b"first photo");
    let flipped = add("b.jpg", b"second photo");
    assert_eq!(
        stored_files(&folder).len(),
        2,
        "--evidence-dir's variable is honoured"
    );
    let dir_arg = folder.to_str().unwrap();
    let ok = vigil(d, &["evidence", "verify", "--evidence-dir", dir_arg]).ok();
    assert!(ok.stdout.contains("2 item(s) checked"), "{}", ok.stdout);

    damage(&folder, &flipped);

    let run = vigil(d, &["evidence", "verify", "--evidence-dir", dir_arg]);
    assert_ne!(run.code, 0, "a damaged item fails verification");
    assert!(
        run.stdout.contains(&format!("damaged {flipped}")),
        "{}",
        run.stdout
    );
    assert!(run.stderr.contains(&flipped), "{}", run.stderr);
    assert!(!run.stdout.contains(&intact) && !run.stderr.contains(&intact));
}

#[test]
fn a_killed_add_leaves_nothing_counted_as_stored_and_the_next_add_works() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // 4 GiB of zeros that take no disk space to make: the add reads, hashes and copies them
    // for long enough to be killed midway.
    let big = d.join("footage.mp4");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(4 << 30)
        .unwrap();
    let folder = d.join("vigil.evidence");

    let mut child = command(d)
        .args(["evidence", "add", big.to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let partial = || -> Option<PathBuf> {
        std::fs::read_dir(&folder)
            .ok()?
            .flatten()
            .map(|e| e.path())
            .find(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with(".partial-")
            })
    };
    let started = Instant::now();
    let temp = loop {
        if let Some(p) = partial().filter(|p| std::fs::metadata(p).unwrap().len() > 0) {
            break p;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the add never started"
        );
        std::thread::sleep(Duration::from_millis(5));
    };
    assert!(
        child.try_wait().unwrap().is_none(),
        "the add finished before it could be killed; make the file larger"
    );
    child.kill().unwrap(); // SIGKILL: no clean-up runs
    child.wait().unwrap();
    assert!(temp.exists(), "the half-written copy is left behind…");
    assert!(
        stored_files(&folder).is_empty(),
        "…but never counted as stored"
    );
    let list = vigil(d, &["evidence", "list"]).ok();
    assert!(list.stdout.is_empty(), "{}", list.stdout);
    vigil(d, &["evidence", "verify"]).ok();

    let photo = jpeg(d, "after.jpg", b"taken the next day");
    let run = vigil(d, &["evidence", "add", photo.to_str().unwrap()]).ok();
    assert_eq!(last_line(&run.stdout), sha256sum(&photo));
    assert!(
        !temp.exists(),
        "the next add removes what the killed one left"
    );
    assert_eq!(stored_files(&folder), vec![sha256sum(&photo)]);
}

#[test]
fn the_witness_who_captured_an_item_is_never_in_messages_or_the_audit_log() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    import_text(d, "incidents", "i.csv", INCIDENTS_CSV).ok();
    let photo = jpeg(d, "m2.jpg", b"M2 hospital, north wall");
    let photo = photo.to_str().unwrap();

    let refused = vigil(
        d,
        &[
            "evidence",
            "add",
            photo,
            "--incident",
            "inc-404",
            "--captured-by",
            WITNESS,
        ],
    );
    assert_eq!(refused.code, 4, "{}", refused.stderr);
    assert!(refused.stderr.contains("inc-404"));
    assert!(
        stored_files(&d.join("vigil.evidence")).is_empty(),
        "a bad reference is caught before the file is stored"
    );
    let bad_name = format!("{WITNESS}\u{7}");
    let invalid = vigil(d, &["evidence", "add", photo, "--captured-by", &bad_name]);
    assert_eq!(invalid.code, 3, "{}", invalid.stderr);

    let added = vigil(
        d,
        &[
            "evidence",
            "add",
            photo,
            "--incident",
            "inc-2",
            "--captured-by",
            WITNESS,
            "--captured-at",
            "2016-10-01T07:15:00Z",
        ],
    )
    .ok();
    let sha = last_line(&added.stdout).to_owned();
    let listed = vigil(d, &["evidence", "list"]).ok();
    let audit = vigil(d, &["audit", "--format", "json"]).ok();
    assert!(audit.stdout.contains(&sha), "the item is in the audit log");
    assert!(audit.stdout.contains("\"captured_by_recorded\":true"));
    for (what, text) in [
        ("refused add", &refused.stderr),
        ("invalid add", &invalid.stderr),
        ("add's stderr", &added.stderr),
        ("add's stdout", &added.stdout),
        ("list", &listed.stdout),
        ("audit log", &audit.stdout),
    ] {
        assert!(!text.contains("Nour"), "{what} names the witness:\n{text}");
    }
    // Whoever holds the database file sees everything, the witness included.
    let show = vigil(d, &["evidence", "show", &sha]).ok();
    assert!(show.stdout.contains(WITNESS), "{}", show.stdout);
    assert!(show.stdout.contains("2016-10-01T07:15:00+00:00"));
    assert!(!show.stderr.contains("Nour"));
}

#[test]
fn a_stored_file_without_its_row_is_recorded_by_adding_it_again() {
    // A file stored by an add that died before writing its row looks exactly like a file
    // stored for another database sharing the folder: there, but unknown to this database.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let folder = d.join("shared.evidence");
    let folder = folder.to_str().unwrap();
    let photo = jpeg(d, "p.jpg", b"stored, never recorded");
    let photo = photo.to_str().unwrap();
    vigil(
        d,
        &[
            "--db",
            "a.db",
            "--evidence-dir",
            folder,
            "evidence",
            "add",
            photo,
        ],
    )
    .ok();
    let run = vigil(
        d,
        &[
            "--db",
            "b.db",
            "--evidence-dir",
            folder,
            "evidence",
            "add",
            photo,
        ],
    )
    .ok();
    assert_eq!(last_line(&run.stdout), sha256sum(Path::new(photo)));
    assert!(run.stderr.contains("already stored"), "{}", run.stderr);
    let list = vigil(d, &["--db", "b.db", "evidence", "list"]).ok();
    assert!(list.stdout.contains(&sha256sum(Path::new(photo))));
    let check = vigil(
        d,
        &[
            "--db",
            "b.db",
            "--evidence-dir",
            folder,
            "evidence",
            "verify",
        ],
    )
    .ok();
    assert!(
        check.stdout.contains("1 item(s) checked"),
        "{}",
        check.stdout
    );
}

/// Flips one byte of a stored file, as damage on disk would.
fn damage(folder: &Path, sha256: &str) {
    let path = folder.join(&sha256[..2]).join(&sha256[2..4]).join(sha256);
    let mut bytes = std::fs::read(&path).unwrap();
    bytes[12] ^= 0x01;
    let mut permissions = std::fs::metadata(&path).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    permissions.set_readonly(false);
    std::fs::set_permissions(&path, permissions).unwrap();
    std::fs::write(&path, bytes).unwrap();
}

#[test]
fn an_export_copies_the_original_checked_and_logs_it_a_transfer_is_logged_too() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let photo = jpeg(d, "m10.jpg", b"the entrance of M10 after the strike");
    let sha = last_line(
        &vigil(d, &["evidence", "add", photo.to_str().unwrap()])
            .ok()
            .stdout,
    )
    .to_owned();

    let copy = d.join("for-the-court.jpg");
    vigil(
        d,
        &[
            "evidence",
            "export",
            &sha,
            "--to",
            copy.to_str().unwrap(),
            "--note",
            "for the inquiry",
        ],
    )
    .ok();
    assert_eq!(
        std::fs::read(&copy).unwrap(),
        std::fs::read(&photo).unwrap()
    );
    assert_eq!(sha256sum(&copy), sha);

    // The destination is never overwritten.
    let again = vigil(
        d,
        &["evidence", "export", &sha, "--to", copy.to_str().unwrap()],
    );
    assert_eq!(again.code, 5, "{}", again.stderr);

    vigil(
        d,
        &[
            "evidence",
            "transfer",
            &sha,
            "--to",
            "UN Board of Inquiry",
            "--note",
            "the phone it was taken on",
        ],
    )
    .ok();
    let shown = vigil(d, &["evidence", "show", &sha]).ok().stdout;
    let custody: Vec<&str> = shown
        .lines()
        .skip_while(|l| !l.starts_with("custody:"))
        .collect();
    let text = custody.join("\n");
    assert!(text.contains("acquisition"), "{text}");
    assert!(
        text.contains("export") && text.contains("copied to for-the-court.jpg: for the inquiry"),
        "{text}"
    );
    assert!(
        text.contains("transfer") && text.contains("to UN Board of Inquiry: the phone"),
        "{text}"
    );
    // Each event is in the audit log, so in the transparency log.
    let audit = vigil(d, &["audit", "--record", &format!("custody/{sha}")])
        .ok()
        .stdout;
    assert!(audit.matches("custody").count() >= 3, "{audit}");
}

#[test]
fn a_damaged_original_is_not_exported_and_no_export_is_logged() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let photo = jpeg(d, "b.jpg", b"a photo that will be damaged");
    let sha = last_line(
        &vigil(d, &["evidence", "add", photo.to_str().unwrap()])
            .ok()
            .stdout,
    )
    .to_owned();
    damage(&d.join("vigil.evidence"), &sha);

    let copy = d.join("copy.jpg");
    let run = vigil(
        d,
        &["evidence", "export", &sha, "--to", copy.to_str().unwrap()],
    );
    assert_eq!(run.code, 6, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("{sha} is damaged")),
        "{}",
        run.stderr
    );
    assert!(!copy.exists(), "no copy of a damaged original");
    let left: Vec<_> = std::fs::read_dir(d)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("partial"))
        .collect();
    assert!(left.is_empty(), "no partial copy is left");
    let shown = vigil(d, &["evidence", "show", &sha]).ok().stdout;
    assert!(!shown.contains("export"), "{shown}");

    let unknown = "0".repeat(64);
    let run = vigil(
        d,
        &[
            "evidence",
            "export",
            &unknown,
            "--to",
            copy.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 4, "{}", run.stderr);
}
