//! The demo scenario: Aleppo, September 2016 — the cessation of hostilities, the UN–SARC
//! convoy struck at Urum al-Kubra, and the attacks on eastern Aleppo's hospitals — built from
//! public, cited facts (`data/aleppo-2016.json`, sources in `data/SOURCES.md`) and OCHA's
//! boundaries of Syria's governorates and Aleppo's neighbourhoods.
//!
//! - [`scenario`]: the shape of the scenario file;
//! - [`boundaries`]: the shipped OCHA boundary files, read into areas;
//! - `load`: the scenario as domain records, written in one transaction.
//!
//! Loading twice changes nothing: every record keeps its id, and equal writes are no-ops.
#![forbid(unsafe_code)]

pub mod boundaries;
mod load;
pub mod scenario;

pub use load::LoadReport;
use vigil_store::{Store, StoreError};

/// The scenario file, compiled in so `vigil demo` works from any directory.
pub const SCENARIO_JSON: &str = include_str!("../data/aleppo-2016.json");

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("the demo scenario file is malformed: {0}")]
    Scenario(#[from] serde_json::Error),
    #[error(transparent)]
    Boundary(#[from] boundaries::BoundaryError),
    #[error("the demo scenario is inconsistent: {0}")]
    Invalid(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The parsed scenario.
pub fn scenario() -> Result<scenario::Scenario, DemoError> {
    Ok(serde_json::from_str(SCENARIO_JSON)?)
}

/// Loads the demo into `store` (boundaries, sources, parties, register, incidents).
pub fn load(store: &mut dyn Store) -> Result<(scenario::Scenario, LoadReport), DemoError> {
    let scenario = scenario()?;
    let report = load::write(store, &scenario)?;
    Ok((scenario, report))
}
