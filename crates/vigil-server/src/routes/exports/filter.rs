//! `area`, `from` and `to`: the records an export holds, by [`vigil_domain::Selection`]'s
//! rule, the one `vigil export` applies to `--area`, `--from` and `--to`, so the same choices
//! select the same records. What cannot select anything is a 400 naming the parameter.

use crate::error::ApiError;
use chrono::NaiveDate;
use std::collections::BTreeMap;
use vigil_domain::{AreaId, AreaLevel, AreaTree, Selection, SelectionError};

pub(crate) struct RecordFilter {
    pub(crate) selection: Selection,
    /// The area asked for and its level, for the policy's check.
    pub(crate) area: Option<(AreaId, AreaLevel)>,
    /// The parameter the period was given by (`from`, else `to`), for error messages.
    pub(crate) period_named: &'static str,
}

fn day(params: &BTreeMap<String, String>, name: &str) -> Result<Option<NaiveDate>, ApiError> {
    params
        .get(name)
        .map(|text| {
            NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
                ApiError::bad_parameter(name, format!("'{text}' is not a date (2016-09-28)"))
            })
        })
        .transpose()
}

impl RecordFilter {
    pub(crate) fn new(
        params: &BTreeMap<String, String>,
        tree: &AreaTree,
    ) -> Result<Self, ApiError> {
        let area = params
            .get("area")
            .map(|text| {
                AreaId::new(text.clone()).map_err(|e| ApiError::bad_parameter("area", e.problem))
            })
            .transpose()?;
        let from = day(params, "from")?;
        let to = day(params, "to")?;
        let selection = Selection::new(tree, area.as_ref(), from, to).map_err(|e| match e {
            SelectionError::UnknownArea(id) => {
                ApiError::bad_parameter("area", format!("no area has id '{id}'"))
            }
            SelectionError::EndBeforeStart(problem) => {
                ApiError::bad_parameter("to", format!("is before from: {problem}"))
            }
        })?;
        Ok(Self {
            selection,
            area: area.and_then(|id| tree.get(&id).map(|node| (id, node.level))),
            period_named: if from.is_some() { "from" } else { "to" },
        })
    }
}
