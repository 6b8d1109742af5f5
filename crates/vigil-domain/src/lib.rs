//! Vigil's domain model: the register of protected sites and movements, notifications and
//! acknowledgements, incidents built from immutable reports, sources, areas and ceasefires.
//!
//! This crate is pure: types and validation rules only, no SQL, no HTTP, no I/O, no async.
//! Storage, import/export, the cross-check engine and the server all speak these types.
//!
//! Layout, one concern per module:
//! - [`ids`]: newtypes for every kind of id;
//! - [`vocab`] and [`category`]: controlled vocabularies (site kinds, incident kinds with their
//!   ACLED and WHO SSA mappings, certainty, attribution grades, …);
//! - [`geo`] and [`time`]: where and when, each with its own precision type;
//! - [`site`], [`movement`], [`notification`], [`incident`], [`source`], [`party`], [`area`],
//!   [`ceasefire`]: the records, each with a `validate` that returns every broken rule;
//! - [`evidence`]: evidence files named by their SHA-256, and their custody log;
//! - [`payload`] and [`digest`]: notification payloads and their SHA-256;
//! - [`access`]: roles, principals, accounts and API tokens (who is asking);
//! - [`audit`]: who wrote what: actors and audit log entries;
//! - [`policy`]: the publication policy, what each role may see of sites, incidents and
//!   sources;
//! - [`selection`]: the records an area and a period select, for exports and checks;
//! - [`error`]: validation errors and error categories.
#![forbid(unsafe_code)]

pub mod access;
pub mod area;
pub mod audit;
pub mod category;
pub mod ceasefire;
pub mod digest;
pub mod error;
pub mod evidence;
pub mod finding;
pub mod geo;
pub mod ids;
pub mod incident;
pub mod movement;
pub mod notification;
pub mod party;
pub mod payload;
pub mod policy;
pub mod selection;
pub mod site;
pub mod source;
mod text;
pub mod time;
pub mod vocab;

pub use access::{Account, ApiToken, Principal, Role, Writable};
pub use area::{Area, AreaLevel, AreaNode, AreaTree, PopulationFigure, ZoneOfControl};
pub use audit::{Actor, AuditAction, AuditEntry};
pub use category::{AcledType, IncidentCategory, IncidentKind};
pub use ceasefire::Ceasefire;
pub use digest::Sha256;
pub use error::{ErrorCategory, Problems, ValidationError};
pub use evidence::{AuditedEvidence, CustodyEvent, CustodyKind, EvidenceItem};
pub use finding::{Finding, FindingKind, NotificationFact, Strength};
pub use geo::{GeoPrecision, Location, Point};
pub use ids::*;
pub use incident::{
    Attribution, CasualtyFigure, Incident, Range, Report, ReportContent, Statement, Target,
};
pub use movement::Movement;
pub use notification::{Acknowledgement, Notification, Subject};
pub use party::Party;
pub use selection::{Selection, SelectionError};
pub use site::{CapacityFact, Site, StatusEntry};
pub use source::Source;
pub use time::{DayWindow, TimePrecision, TimeSpan, Timestamp};
pub use vocab::{
    AttributionGrade, CapacityMetric, CasualtyGroup, Certainty, Damage, MovementKind, Outcome,
    PartyKind, Sensitivity, SiteKind, SiteStatus, SourceKind, StatementKind, TargetKind,
};
