//! `vigil sitrep` over the demo (Aleppo, September–October 2016): the figures an analyst reads
//! off the report, as text and as JSON.

mod common;
use common::*;
use serde_json::Value;

const AUTUMN: &[&str] = &[
    "sitrep",
    "--area",
    "SY02",
    "--from",
    "2016-09-19",
    "--to",
    "2016-10-03",
];

fn demo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    vigil(dir.path(), &["demo"]).ok();
    dir
}

fn json(dir: &std::path::Path, args: &[&str]) -> Value {
    let mut args = args.to_vec();
    args.extend(["--format", "json"]);
    let run = vigil(dir, &args).ok();
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

fn strings(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("not an array: {value}"))
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect()
}

#[test]
fn the_text_report_leads_with_the_hospitals_and_the_notified_sites_hit() {
    let dir = demo();
    let run = vigil(dir.path(), AUTUMN).ok();
    let text = run.stdout;
    assert!(
        text.starts_with("Situation report: Aleppo (SY02, governorate), 2016-09-19 to 2016-10-03"),
        "{text}"
    );
    for line in [
        "11 incidents (9 explosive weapons, 2 unknown)",
        // M10 and M2, both out of service by 3 October.
        "2 of 2 hospitals not fully functional (2 non-functional)",
        "1 of 1 civil defence centre not fully functional (1 non-functional)",
        // The UN–SARC convoy and the two hospitals, notified before they were hit.
        "Notified sites and movements hit: 3 sites or movements, in 11 incidents",
        "Ceasefires violated: 1 ceasefire, in 1 incident",
        // Two sources count the convoy's dead aid workers, 14 and 18: never 32.
        "aid workers killed: at least 18 (the largest figures of any one of 2 sources, never added together)",
    ] {
        assert!(text.contains(line), "missing {line:?} in:\n{text}");
    }
    // The tables name the records behind the figures.
    assert!(
        text.contains("hospital              non-functional  2      site-m10 site-m2"),
        "{text}"
    );
    assert!(
        text.contains("linked      inc-m10-20160928-0400        site-m10                  ntf-m10-deconfliction     22"),
        "{text}"
    );
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn the_json_report_links_every_figure_to_its_records() {
    let dir = demo();
    let report = json(dir.path(), AUTUMN);
    assert_eq!(report["area"]["id"], "SY02");
    assert_eq!(report["published"], false);
    assert_eq!(report["status_as_of"], "2016-10-03");
    assert_eq!(report["incidents"]["total"], 11);

    let hospitals = report["facilities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == "hospital")
        .unwrap();
    assert_eq!(
        (hospitals["sites"].as_u64(), hospitals["impaired"].as_u64()),
        (Some(2), Some(2))
    );
    let ids: Vec<&str> = hospitals["by_status"][0]["sites"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["site-m10", "site-m2"]);

    // The strike on M10 of 28 September: a notified site hit, notified 22 days before.
    let m10 = report["notified_hits"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["incident"] == "inc-m10-20160928-0400" && f["subject"]["id"] == "site-m10")
        .expect("the M10 strike is a notified site hit");
    assert_eq!(m10["strength"], "linked");
    assert_eq!(m10["notification"], "ntf-m10-deconfliction");
    assert_eq!(m10["days_before"], 22);
    let convoy = &report["ceasefire_violations"]["items"][0];
    assert_eq!(convoy["incident"], "inc-convoy-urum-20160919");
    assert_eq!(convoy["subject"]["id"], "cf-coh-20160912");

    // Casualties: each source on its own line with its incidents; the headline is one source's.
    let aid_killed = report["casualties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["group"] == "aid_workers" && c["outcome"] == "killed")
        .unwrap();
    assert_eq!(aid_killed["headline"]["high"], 18);
    let sources: Vec<(&str, u64)> = aid_killed["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["source"].as_str().unwrap(), s["best"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        sources,
        [
            ("src-rte-obrien-unsc-20160930", 18),
            ("src-coi-ahrc3464-20170301", 14)
        ]
    );
    assert_eq!(
        strings(&aid_killed["sources"][0]["incidents"]),
        ["inc-convoy-urum-20160919"]
    );
}

#[test]
fn a_neighbourhood_and_a_shorter_period_select_less() {
    let dir = demo();
    let sakhour = json(
        dir.path(),
        &[
            "sitrep",
            "--area",
            "N0139",
            "--from",
            "2016-09-19",
            "--to",
            "2016-10-03",
        ],
    );
    assert_eq!(
        strings(&sakhour["incidents"]["incidents"]),
        [
            "inc-m10-20160928-0400",
            "inc-m10-20161001",
            "inc-m10-20161003"
        ]
    );
    // On 27 September, before the strikes, M10 was working; M2 had no status reported yet.
    let before = json(
        dir.path(),
        &[
            "sitrep",
            "--area",
            "SY02",
            "--from",
            "2016-09-19",
            "--to",
            "2016-09-27",
        ],
    );
    let hospitals = before["facilities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == "hospital")
        .unwrap();
    assert_eq!(hospitals["impaired"], 0);
    assert_eq!(hospitals["by_status"][0]["status"], "functional");
    assert_eq!(hospitals["by_status"][1]["status"], Value::Null);
}

#[test]
fn an_unknown_area_and_a_period_ending_before_it_starts_are_refused() {
    let dir = demo();
    let d = dir.path();
    let unknown = vigil(
        d,
        &[
            "sitrep",
            "--area",
            "SY99",
            "--from",
            "2016-09-19",
            "--to",
            "2016-10-03",
        ],
    );
    assert_eq!(unknown.code, 4, "{}", unknown.stderr);
    assert!(
        unknown.stderr.contains("no area has id 'SY99'"),
        "{}",
        unknown.stderr
    );
    assert!(unknown.stdout.is_empty());
    let backwards = vigil(d, &["sitrep", "--from", "2016-10-03", "--to", "2016-09-19"]);
    assert_eq!(backwards.code, 3, "{}", backwards.stderr);
    assert!(
        backwards.stderr.contains("before it starts"),
        "{}",
        backwards.stderr
    );
    let missing = vigil(d, &["sitrep", "--area", "SY02"]);
    assert_eq!(missing.code, 2, "{}", missing.stderr);
}

#[test]
fn stale_stored_findings_are_reported_with_a_warning() {
    let dir = demo();
    let d = dir.path();
    let more = file(
        d,
        "more.csv",
        "id,kind,lon,lat,radius_m,start,end\nnew-1,shelling,37.1706,36.2037,100,2016-09-29,2016-09-29\n",
    );
    vigil(
        d,
        &[
            "import",
            "--no-check",
            "--kind",
            "incidents",
            more.to_str().unwrap(),
        ],
    )
    .ok();
    let run = vigil(d, AUTUMN).ok();
    assert!(
        run.stderr
            .contains("warning: the records have changed since the stored findings were computed"),
        "{}",
        run.stderr
    );
    // The new incident is counted; its findings come with the next `vigil check`.
    assert!(run.stdout.contains("12 incidents"), "{}", run.stdout);
}
