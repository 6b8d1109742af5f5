//! Area ancestry: whether one area lies inside another through the `parent` chain.

use std::collections::HashMap;
use vigil_domain::{Area, AreaId};

/// The parent of every known area, for walking up from a neighbourhood to its governorate.
pub(crate) struct AreaTree<'a> {
    parent: HashMap<&'a AreaId, &'a AreaId>,
    names: HashMap<&'a AreaId, &'a str>,
}

impl<'a> AreaTree<'a> {
    pub(crate) fn new(areas: &'a [Area]) -> Self {
        Self {
            parent: areas
                .iter()
                .filter_map(|a| a.parent.as_ref().map(|p| (&a.id, p)))
                .collect(),
            names: areas.iter().map(|a| (&a.id, a.name_en.as_str())).collect(),
        }
    }

    /// `area` itself, then its parent, grandparent, … An area unknown to the input still
    /// counts as itself. A cycle in the data (A inside B inside A) ends the walk instead of
    /// looping: the walk never takes more steps than there are areas with parents.
    pub(crate) fn self_and_ancestors<'s>(
        &'s self,
        area: &'s AreaId,
    ) -> impl Iterator<Item = &'s AreaId> + 's {
        let limit = self.parent.len() + 1;
        std::iter::successors(Some(area), move |current| self.parent.get(current).copied())
            .take(limit)
    }

    /// Whether `area` is `ancestor` or lies inside it.
    pub(crate) fn is_within(&self, area: &AreaId, ancestor: &AreaId) -> bool {
        self.self_and_ancestors(area).any(|a| a == ancestor)
    }

    /// The area's English name with its id, for explanations: "Aleppo (SY02)".
    pub(crate) fn describe(&self, area: &AreaId) -> String {
        match self.names.get(area) {
            Some(name) => format!("{name} ({area})"),
            None => format!("area {area}"),
        }
    }
}
