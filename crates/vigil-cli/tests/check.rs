//! `vigil check` over the demo: the story's findings come out, with their notification and
//! acknowledgement facts, and the filters and formats work.

mod common;
use common::*;

fn csv_rows(text: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            header
                .iter()
                .cloned()
                .zip(r.iter().map(str::to_owned))
                .collect()
        })
        .collect()
}

#[test]
fn the_strike_on_the_notified_m10_hospital_is_a_notified_site_finding() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    vigil(d, &["demo"]).ok();
    let out = vigil(d, &["check", "--format", "csv"]).ok().stdout;
    assert!(
        out.starts_with("kind,strength,incident_id,subject_type,subject_id,distance_m"),
        "{out}"
    );
    let rows = csv_rows(&out);
    let m10 = rows
        .iter()
        .find(|r| {
            r["kind"] == "notified_site"
                && r["incident_id"] == "inc-m10-20160928-0400"
                && r["subject_id"] == "site-m10"
        })
        .unwrap_or_else(|| panic!("no notified_site finding for M10 on 28 September:\n{out}"));
    assert_eq!(m10["strength"], "linked");
    assert_eq!(m10["notification_id"], "ntf-m10-deconfliction");
    assert_eq!(m10["sent_before"], "true");
    assert_eq!(m10["days_before"], "22");
    assert_eq!(m10["acknowledged_by"], "russia@2016-09-06T07:00:00Z");
    assert!(!m10["explanation"].is_empty());

    // The convoy was notified and struck inside its window.
    assert!(
        rows.iter()
            .any(|r| r["kind"] == "notified_movement"
                && r["incident_id"] == "inc-convoy-urum-20160919"),
        "{out}"
    );
    // M10 was struck again on 1 and 3 October.
    let repeats: Vec<_> = rows
        .iter()
        .filter(|r| {
            r["kind"] == "repeat_attack"
                && r["incident_id"].starts_with("inc-m10-")
                && r["site_id"] == "site-m10"
        })
        .collect();
    assert!(repeats.len() >= 2, "{out}");
}

#[test]
fn filters_and_formats() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    vigil(d, &["demo"]).ok();

    let october = vigil(d, &["check", "--format", "csv", "--from", "2016-10-01"])
        .ok()
        .stdout;
    let rows = csv_rows(&october);
    assert!(!rows.is_empty());
    assert!(
        rows.iter().all(|r| !r["incident_id"].contains("201609")),
        "{october}"
    );

    let repeats = vigil(d, &["check", "--format", "csv", "--kind", "repeat_attack"])
        .ok()
        .stdout;
    assert!(csv_rows(&repeats)
        .iter()
        .all(|r| r["kind"] == "repeat_attack"));

    let json = vigil(d, &["check", "--format", "json"]).ok().stdout;
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(value.as_array().is_some_and(|a| !a.is_empty()));

    let table = vigil(d, &["check"]).ok().stdout;
    assert!(table.starts_with("kind"), "{table}");

    let unknown = vigil(d, &["check", "--area", "NOWHERE"]);
    assert_eq!(unknown.code, 4, "{}", unknown.stderr);

    let same_twice = vigil(d, &["check", "--format", "csv"]).ok().stdout;
    assert_eq!(
        same_twice,
        vigil(d, &["check", "--format", "csv"]).ok().stdout
    );
}
