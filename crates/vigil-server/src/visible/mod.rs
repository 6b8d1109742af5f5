//! What a caller may see, record by record: each module reads the store and hands out
//! `(id, view)` pairs built by `views`, in the order and under the ids that lists page on, and
//! finds one record by the id its caller knows it by. The JSON API (`/api/…`) and the OGC API
//! (`/ogc/…`) both read records through here, so they cannot disagree about who sees what.
//!
//! A caller's `f` returns [`ControlFlow::Break`] once it has what it needs (a full page and
//! one more, to know that more follow); nothing further is built after that.

pub(crate) mod findings;
pub(crate) mod incidents;
pub(crate) mod movements;
pub(crate) mod sites;

pub(crate) use std::ops::ControlFlow;

/// Receives each visible record: the id its caller knows it by, and its view.
pub(crate) type Visit<'a> = dyn FnMut(String, serde_json::Value) -> ControlFlow<()> + 'a;
