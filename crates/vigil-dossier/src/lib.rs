//! The dossier of one attack: what was notified of the sites and movements it hit (payload
//! hash, when sent, to whom), who acknowledged and when, the incident with its sources,
//! casualties, certainty, attributions and denials, its evidence with hashes and custody, the
//! findings, and inclusion proofs of every one of those records against a signed checkpoint of
//! the transparency log. One printable page (A4) in HTML, or JSON.
//!
//! Layout:
//! - [`model`]: the dossier as data (what the JSON is);
//! - [`assemble`]: reading it from a store, as one principal may see it
//!   (`vigil_domain::policy::may_read_dossier`; sources numbered for those who may not see who
//!   they are);
//! - [`sources`]: how sources are named in a dossier;
//! - [`html`]: the printable page.
#![forbid(unsafe_code)]

pub mod assemble;
pub mod html;
pub mod model;
pub mod sources;

pub use assemble::{assemble, assemble_now, DossierError};
pub use html::render;
pub use model::Dossier;
