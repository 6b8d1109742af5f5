//! Helpers shared by the integration tests: files in a temporary directory, read back.
#![allow(dead_code)]

use std::path::PathBuf;
use tempfile::TempDir;
use vigil_io::{read_incidents, read_sites, Format, IncidentRow, RowError, SiteRow};

pub const SITE_HEADER: &str = "id,kind,name,lon,lat,radius_m,notified_from,notified_to";
pub const INCIDENT_HEADER: &str = "id,kind,lon,lat,radius_m,start,end";

/// A directory that lives as long as the test needs its files.
pub struct Dir(pub TempDir);

impl Dir {
    pub fn new() -> Self {
        Dir(tempfile::tempdir().unwrap())
    }

    pub fn file(&self, name: &str, content: &str) -> PathBuf {
        let path = self.0.path().join(name);
        std::fs::write(&path, content).unwrap();
        path
    }
}

pub fn sites(path: &std::path::Path, format: Format) -> Vec<Result<SiteRow, RowError>> {
    read_sites(path, format).unwrap().collect()
}

pub fn incidents(path: &std::path::Path, format: Format) -> Vec<Result<IncidentRow, RowError>> {
    read_incidents(path, format).unwrap().collect()
}

/// The messages of a sites CSV's bad rows, read from a file called `sites.csv`.
pub fn site_errors(content: &str) -> Vec<String> {
    let dir = Dir::new();
    let path = dir.file("sites.csv", content);
    let rows = read_sites(&path, Format::Csv).unwrap();
    rows.filter_map(Result::err)
        .map(|e| {
            e.to_string()
                .replace(&path.display().to_string(), "sites.csv")
        })
        .collect()
}

/// The messages of an incidents CSV's bad rows, read from a file called `incidents.csv`.
pub fn incident_errors(content: &str) -> Vec<String> {
    let dir = Dir::new();
    let path = dir.file("incidents.csv", content);
    let rows = read_incidents(&path, Format::Csv).unwrap();
    rows.filter_map(Result::err)
        .map(|e| {
            e.to_string()
                .replace(&path.display().to_string(), "incidents.csv")
        })
        .collect()
}

/// The one error of a sites file with `row` under the minimal header.
pub fn site_error(row: &str) -> String {
    let errors = site_errors(&format!("{SITE_HEADER}\n{row}\n"));
    assert_eq!(errors.len(), 1, "{errors:?}");
    errors.into_iter().next().unwrap()
}

/// The one error of an incidents file with `row` under `header`.
pub fn incident_error_with(header: &str, row: &str) -> String {
    let errors = incident_errors(&format!("{header}\n{row}\n"));
    assert_eq!(errors.len(), 1, "{errors:?}");
    errors.into_iter().next().unwrap()
}
