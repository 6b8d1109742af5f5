//! Stored findings as the caller may see them (`views::finding`): staff roles only, under
//! [`vigil_domain::Finding::stable_id`], in the order the cross-check stored them (by incident,
//! then the engine's order).

use super::Visit;
use crate::error::ApiError;
use crate::views;
use serde_json::Value;
use vigil_domain::finding::Subject;
use vigil_domain::{Finding, Principal};
use vigil_store::Store;

/// Calls `f` with every finding after the cursor `after` that `admits` selects. `about`, when
/// given, narrows the read to the findings about that site, movement or incident
/// (`Store::findings_about`); `admits` still decides. Nothing is read for a caller who may not
/// see findings. A cursor that names no finding is a 400 `after`.
pub(crate) fn each(
    store: &dyn Store,
    principal: &Principal,
    after: Option<&str>,
    about: Option<&Subject>,
    admits: &dyn Fn(&Finding) -> bool,
    f: &mut Visit<'_>,
) -> Result<(), ApiError> {
    if !vigil_domain::policy::may_see_findings(principal) {
        return Ok(());
    }
    // Ids are digests, so the cursor is found by walking to the finding it names. A finding
    // gone since the previous page (the cross-check ran in between) makes the cursor unknown.
    let mut waiting_for_cursor = after.is_some();
    let mut stopped = false;
    let mut visit = |finding: Finding| {
        if stopped {
            return;
        }
        let id = finding.stable_id();
        if waiting_for_cursor {
            waiting_for_cursor = after != Some(id.as_str());
            return;
        }
        if !admits(&finding) {
            return;
        }
        if let Some(view) = views::finding(principal, &finding) {
            stopped = f(id, view).is_break();
        }
    };
    match about {
        Some(subject) => store.findings_about(subject)?.into_iter().for_each(visit),
        None => store.for_each_finding(&mut |finding| {
            visit(finding);
            Ok(())
        })?,
    }
    if waiting_for_cursor {
        return Err(ApiError::bad_parameter(
            "after",
            "names no finding (the cross-check may have run since): start again without it",
        ));
    }
    Ok(())
}

/// The view of the finding whose stable id is `id` (a scan: findings have no stored id).
pub(crate) fn one(
    store: &dyn Store,
    principal: &Principal,
    id: &str,
) -> Result<Option<Value>, ApiError> {
    if !vigil_domain::policy::may_see_findings(principal) {
        return Ok(None);
    }
    let mut found = None;
    store.for_each_finding(&mut |finding| {
        if found.is_none() && finding.stable_id() == id {
            found = views::finding(principal, &finding);
        }
        Ok(())
    })?;
    Ok(found)
}
