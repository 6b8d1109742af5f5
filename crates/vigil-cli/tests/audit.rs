//! `vigil audit` through the real binary: an import and a re-import of a changed file leave
//! the entries a person auditing the register expects, named after the login that ran them.

mod common;

use common::{command, file, import, vigil};

#[test]
fn imports_are_audited_under_the_login_that_ran_them() {
    let dir = tempfile::tempdir().unwrap();
    let sites = "id,kind,name,lon,lat,radius_m,notified_from,notified_to\n\
                 site-m10,hospital,M10,37.1893,36.2125,150,2016-09-05,\n";
    let path = file(dir.path(), "sites.csv", sites);
    let run = command(dir.path())
        .env("USER", "rana")
        .args(["import", "--kind", "sites"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    // The same file again changes nothing, so it adds no entry.
    import(dir.path(), "sites", &path).ok();
    let renamed = file(
        dir.path(),
        "sites.csv",
        &sites.replace(",M10,", ",M10 Hospital,"),
    );
    import(dir.path(), "sites", &renamed).ok();

    let text = vigil(dir.path(), &["audit", "--record", "site/site-m10"])
        .ok()
        .stdout;
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "a header and two entries:\n{text}");
    assert!(
        lines[1].contains("local:rana") && lines[1].contains("insert"),
        "{text}"
    );
    assert!(lines[2].contains("update"), "{text}");

    let json = vigil(
        dir.path(),
        &["audit", "--record", "site/site-m10", "--format", "json"],
    )
    .ok()
    .stdout;
    let entries: Vec<serde_json::Value> = json
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(entries[1]["before"]["name"], "M10");
    assert_eq!(entries[1]["after"]["name"], "M10 Hospital");
    assert_eq!(entries[0]["actor"]["role"], serde_json::Value::Null);

    // The whole log also holds the notification the `notified_*` columns made.
    let all = vigil(dir.path(), &["audit", "--record", "notification"])
        .ok()
        .stdout;
    assert!(all.lines().count() >= 2, "{all}");
}
