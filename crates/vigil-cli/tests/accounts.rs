//! Accounts and API tokens through the real `vigil` binary on a real database (a SQLite file, or PostgreSQL with `VIGIL_TEST_BACKEND=postgres`): what is
//! printed, what is refused, and that no secret is left in the database or on standard error.

mod common;

use common::{command, file, import, vigil};
use std::io::Write;
use std::path::Path;
use std::process::Stdio;
use vigil_domain::{PartyId, Role, Sha256};

/// A register with one site notified to the party `russia`, so that party exists.
fn with_party(dir: &Path) {
    let sites = file(
        dir,
        "sites.csv",
        "id,kind,name,lon,lat,radius_m,notified_from,notified_to,notified_parties\n\
         site-m10,hospital,M10,37.1893,36.2125,150,2016-09-05,,russia\n",
    );
    import(dir, "sites", &sites).ok();
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// `vigil user add NAME ARGS` with `stdin` piped in.
fn user_add(dir: &Path, args: &[&str], stdin: &str) -> common::Run {
    let mut child = command(dir)
        .arg("user")
        .arg("add")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("vigil runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    common::Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// The token `vigil token create` printed: its last line of standard output.
fn printed_token(run: &common::Run) -> String {
    run.stdout.lines().last().expect("a line").to_owned()
}

#[test]
fn a_new_token_is_printed_once_alone_and_the_database_keeps_only_its_digest() {
    let dir = tempfile::tempdir().unwrap();
    let run = vigil(
        dir.path(),
        &[
            "token",
            "create",
            "--role",
            "analyst",
            "--label",
            "dashboard",
        ],
    )
    .ok();
    let token = printed_token(&run);
    assert_eq!(
        run.stdout,
        format!("{token}\n"),
        "the token alone on stdout"
    );
    assert!(token.starts_with("vigil_") && token.len() == 49, "{token}");
    assert!(
        !run.stderr.contains(&token[6..]),
        "stderr explains, without the secret: {}",
        run.stderr
    );
    assert!(run.stderr.contains("shown once"), "{}", run.stderr);

    let bytes = common::database_bytes(dir.path());
    assert!(!contains(&bytes, token.as_bytes()), "no copy of the token");
    assert!(
        !contains(&bytes, &token.as_bytes()[6..]),
        "not even without its prefix"
    );
    let digest = vigil_auth::token_sha256(&token).unwrap();
    assert!(contains(&bytes, digest.as_bytes()), "its SHA-256 is stored");

    // What the server will do with a presented token: one lookup by digest.
    let store = common::database(dir.path());
    let stored = store.token_by_sha256(&digest).unwrap().expect("found");
    assert_eq!(stored.role, Role::Analyst);
    assert_eq!(stored.label.as_deref(), Some("dashboard"));
    assert!(stored.is_active());

    // The list shows the id and what the token grants, never the token or its hash.
    let list = vigil(dir.path(), &["token", "list"]).ok();
    assert!(list.stdout.contains(&stored.id), "{}", list.stdout);
    assert!(list.stdout.contains("dashboard") && list.stdout.contains("analyst"));
    assert!(!list.stdout.contains(&token[6..]));
    assert!(!list.stdout.contains(&digest.to_string()));

    // Each token is new.
    let second = vigil(dir.path(), &["token", "create", "--role", "analyst"]).ok();
    assert_ne!(printed_token(&second), token);
}

#[test]
fn a_revoked_token_is_listed_as_revoked_and_found_as_revoked() {
    let dir = tempfile::tempdir().unwrap();
    let token = printed_token(&vigil(dir.path(), &["token", "create", "--role", "monitor"]).ok());
    let digest: Sha256 = vigil_auth::token_sha256(&token).unwrap();
    let id = {
        let store = common::database(dir.path());
        store.token_by_sha256(&digest).unwrap().unwrap().id
    };

    let revoke = vigil(dir.path(), &["token", "revoke", &id]).ok();
    assert!(revoke.stdout.contains("revoked"), "{}", revoke.stdout);
    let store = common::database(dir.path());
    let stored = store.token_by_sha256(&digest).unwrap().unwrap();
    assert!(stored.revoked_at.is_some());
    assert_eq!(stored.principal(), None, "a revoked token grants nothing");
    let list = vigil(dir.path(), &["token", "list"]).ok();
    let row = list.stdout.lines().find(|l| l.starts_with(&id)).unwrap();
    assert_eq!(
        row.matches("+00:00").count(),
        2,
        "created and revoked: {row}"
    );

    let again = vigil(dir.path(), &["token", "revoke", &id]).ok();
    assert!(again.stdout.contains("already revoked"), "{}", again.stdout);
    let unknown = vigil(dir.path(), &["token", "revoke", "ffffffffffff"]);
    assert_eq!(unknown.code, 4, "{}", unknown.stderr);
    assert!(
        unknown.stderr.contains("ffffffffffff"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn a_liaison_needs_an_existing_party_and_no_other_role_takes_one() {
    let dir = tempfile::tempdir().unwrap();
    with_party(dir.path());

    let none = vigil(dir.path(), &["token", "create", "--role", "liaison"]);
    assert_eq!(none.code, 2, "{}", none.stderr);
    assert!(none.stderr.contains("--party"), "{}", none.stderr);
    let unknown = vigil(
        dir.path(),
        &[
            "token", "create", "--role", "liaison", "--party", "atlantis",
        ],
    );
    assert_eq!(unknown.code, 4, "{}", unknown.stderr);
    assert!(
        unknown.stderr.contains("party 'atlantis' does not exist"),
        "{}",
        unknown.stderr
    );
    let other = vigil(
        dir.path(),
        &["token", "create", "--role", "analyst", "--party", "russia"],
    );
    assert_eq!(other.code, 2, "{}", other.stderr);
    assert!(other.stderr.contains("liaisons only"), "{}", other.stderr);
    let public = vigil(dir.path(), &["token", "create", "--role", "public"]);
    assert_eq!(public.code, 2, "{}", public.stderr);
    assert!(public.stderr.contains("needs no"), "{}", public.stderr);
    let refused_user = user_add(
        dir.path(),
        &["lena", "--role", "liaison"],
        "long enough pw\n",
    );
    assert_eq!(refused_user.code, 2, "{}", refused_user.stderr);
    {
        let store = common::database(dir.path());
        assert!(
            store.tokens().unwrap().is_empty(),
            "nothing refused was stored"
        );
        assert!(store.accounts().unwrap().is_empty());
    }

    let run = vigil(
        dir.path(),
        &["token", "create", "--role", "liaison", "--party", "russia"],
    )
    .ok();
    let digest = vigil_auth::token_sha256(&printed_token(&run)).unwrap();
    let store = common::database(dir.path());
    let principal = store
        .token_by_sha256(&digest)
        .unwrap()
        .unwrap()
        .principal()
        .unwrap();
    assert_eq!(principal.role(), Role::Liaison);
    assert_eq!(principal.party(), Some(&PartyId::new("russia").unwrap()));
}

#[test]
fn user_add_stores_an_argon2id_hash_that_verifies_and_never_the_password() {
    const PASSWORD: &str = "Aleppo Sept 2016 barrel";
    let dir = tempfile::tempdir().unwrap();
    with_party(dir.path());
    let run = user_add(
        dir.path(),
        &["lena", "--role", "liaison", "--party", "russia"],
        &format!("{PASSWORD}\n"),
    )
    .ok();
    assert!(!run.stdout.contains(PASSWORD) && !run.stderr.contains(PASSWORD));
    assert!(run.stdout.contains("lena"), "{}", run.stdout);

    let account = {
        let store = common::database(dir.path());
        store.account("lena").unwrap().expect("stored")
    };
    assert_eq!(account.role, Role::Liaison);
    assert_eq!(account.party, Some(PartyId::new("russia").unwrap()));
    assert!(
        account.password_hash.starts_with("$argon2id$v=19$"),
        "{}",
        account.password_hash
    );
    assert!(!account.password_hash.contains(PASSWORD));
    assert!(vigil_auth::verify_password(PASSWORD, &account.password_hash).unwrap());
    assert!(
        !vigil_auth::verify_password("Aleppo Sept 2016 barre", &account.password_hash).unwrap()
    );
    assert!(!contains(
        &common::database_bytes(dir.path()),
        PASSWORD.as_bytes()
    ));

    // The same name again is a conflict, and the stored hash stays.
    let again = user_add(
        dir.path(),
        &["lena", "--role", "liaison", "--party", "russia"],
        "another password\n",
    );
    assert_eq!(again.code, 5, "{}", again.stderr);
    // A password too short is refused, without being repeated.
    let short = user_add(dir.path(), &["omar", "--role", "analyst"], "abc12\n");
    assert_eq!(short.code, 3, "{}", short.stderr);
    assert!(!short.stderr.contains("abc12"), "{}", short.stderr);
    let store = common::database(dir.path());
    assert_eq!(store.accounts().unwrap(), vec![account]);

    // A token made for the account acts for it, with its role and party.
    drop(store);
    let token = vigil(
        dir.path(),
        &[
            "token",
            "create",
            "--role",
            "liaison",
            "--party",
            "russia",
            "--account",
            "lena",
        ],
    )
    .ok();
    let digest = vigil_auth::token_sha256(&printed_token(&token)).unwrap();
    let store = common::database(dir.path());
    let principal = store
        .token_by_sha256(&digest)
        .unwrap()
        .unwrap()
        .principal()
        .unwrap();
    assert_eq!(principal.account(), Some("lena"));
    let wrong_role = vigil(
        dir.path(),
        &["token", "create", "--role", "admin", "--account", "lena"],
    );
    assert_eq!(wrong_role.code, 2, "{}", wrong_role.stderr);
    assert!(
        wrong_role.stderr.contains("same role"),
        "{}",
        wrong_role.stderr
    );
}
