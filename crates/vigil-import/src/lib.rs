//! Vigil's import pipeline: one file, in one transaction, with a report of every row. `vigil
//! import` and the server's `POST /api/imports` both run it, so a file uploaded over HTTP is
//! read, checked and written exactly as the same file given to the command line.
//!
//! ```text
//! ImportFile (a path, or bytes and a name) ──► Plan::new (what it holds, how to read it)
//!        ──► Plan::kind (for the caller's permission check) ──► Plan::run ──► Report
//! ```
//!
//! [`Plan::run`] takes the store, the [`vigil_domain::Actor`] the writes are audited under
//! (`None`: the command line's local user) and a callback that hears of the progress
//! ([`Progress`]: the command line draws its progress bar from it). It returns a [`Report`]
//! (counts; every bad row with file, line, column and the problem; a publisher's columns and
//! the field each gives) whatever became of the file — imported, rejected, or a dry run — and
//! an [`ImportError`] only when the file could not be read at all or the database failed.
//!
//! # Layout
//!
//! - `file`: [`ImportFile`], the file as a path (read streamed) or as bytes in memory (an
//!   upload), and the few ways the pipeline looks at it;
//! - `kind`: [`Options`], and what a file holds, from the options or its content;
//! - `plan`: [`Plan`], the decision made, and running it;
//! - `rows`: how one site or incident row is written;
//! - `records`: sites and incidents, read on one thread and written on another;
//! - `areas`: boundary files, and placing stored records in the areas;
//! - `report`: [`Report`], what came of an import; `progress`: [`Progress`];
//! - `error`: [`ImportError`].
//!
//! The stored findings are not brought up to date here: the caller does that after a
//! committed import (`vigil-findings`), so that the cross-check runs once the import is safe
//! on disk.
#![forbid(unsafe_code)]

mod areas;
mod error;
mod file;
mod kind;
mod plan;
mod progress;
mod records;
mod report;
mod rows;

pub use error::ImportError;
pub use file::ImportFile;
pub use kind::{FileFormat, Options, RecordKind};
pub use plan::Plan;
pub use progress::Progress;
pub use report::{BadRow, ColumnRead, Outcome, Placed, Report};
