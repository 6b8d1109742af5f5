//! What an HXL row needs beyond its record: the administrative units above the record's area
//! (for the `#country`, `#adm1`, `#adm2`, `#adm3` columns) and the names of parties.
//!
//! A record names only its smallest known area (a neighbourhood, say); the units above it come
//! from the stored areas' parent links. Only the levels with an HXL place tag are kept: country,
//! governorate (admin 1), district (admin 2) and sub-district (admin 3). Neighbourhoods and zones
//! are stepped through on the way up but have no column.

use std::collections::HashMap;
use vigil_domain::{Area, AreaId, AreaLevel, Party, PartyId};

/// The administrative levels that have HXL place columns, from the widest down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AdminLevel {
    Country,
    Adm1,
    Adm2,
    Adm3,
}

impl AdminLevel {
    pub const ALL: [AdminLevel; 4] = [Self::Country, Self::Adm1, Self::Adm2, Self::Adm3];

    fn of(level: AreaLevel) -> Option<Self> {
        match level {
            AreaLevel::Country => Some(Self::Country),
            AreaLevel::Governorate => Some(Self::Adm1),
            AreaLevel::District => Some(Self::Adm2),
            AreaLevel::SubDistrict => Some(Self::Adm3),
            AreaLevel::Neighbourhood | AreaLevel::Zone => None,
        }
    }

    /// The HXL hashtag, without attributes.
    pub fn hashtag(self) -> &'static str {
        match self {
            Self::Country => "#country",
            Self::Adm1 => "#adm1",
            Self::Adm2 => "#adm2",
            Self::Adm3 => "#adm3",
        }
    }

    /// The column header, without "code".
    pub fn header(self) -> &'static str {
        match self {
            Self::Country => "Country",
            Self::Adm1 => "Admin 1",
            Self::Adm2 => "Admin 2",
            Self::Adm3 => "Admin 3",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Which of a unit's two columns: its name or its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AdminPart {
    Name,
    Code,
}

/// The header of a place column, e.g. `Admin 1 code`.
pub(crate) fn admin_header(level: AdminLevel, part: AdminPart) -> String {
    match part {
        AdminPart::Name => level.header().to_owned(),
        AdminPart::Code => format!("{} code", level.header()),
    }
}

/// The hashtag of a place column, e.g. `#adm1+code`.
pub(crate) fn admin_tag(level: AdminLevel, part: AdminPart) -> String {
    match part {
        AdminPart::Name => format!("{}+name", level.hashtag()),
        AdminPart::Code => format!("{}+code", level.hashtag()),
    }
}

/// The value of a place column for a record placed in `places`; empty when unknown.
pub(crate) fn admin_value(places: &Places<'_>, level: AdminLevel, part: AdminPart) -> String {
    places
        .get(level)
        .map_or_else(String::new, |unit| match part {
            AdminPart::Name => unit.name.clone(),
            AdminPart::Code => unit.code.clone(),
        })
}

/// The place columns of both layouts, in order: each level's name, then its code.
pub(crate) fn admin_columns() -> impl Iterator<Item = (AdminLevel, AdminPart)> {
    AdminLevel::ALL
        .into_iter()
        .flat_map(|level| [(level, AdminPart::Name), (level, AdminPart::Code)])
}

/// One administrative unit as the HXL columns show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AdminUnit {
    pub name: String,
    /// The P-code, or the area's id when it has none.
    pub code: String,
}

#[derive(Debug)]
struct StoredArea {
    level: Option<AdminLevel>,
    unit: AdminUnit,
    parent: Option<AreaId>,
}

/// The administrative units containing one record's area, by [`AdminLevel`].
#[derive(Debug, Default)]
pub(crate) struct Places<'a>([Option<&'a AdminUnit>; 4]);

impl<'a> Places<'a> {
    pub fn get(&self, level: AdminLevel) -> Option<&'a AdminUnit> {
        self.0[level.index()]
    }
}

/// The stored areas and parties an HXL export looks names up in; build it once per export.
#[derive(Debug, Default)]
pub struct HxlContext {
    areas: HashMap<AreaId, StoredArea>,
    parties: HashMap<PartyId, String>,
}

impl HxlContext {
    pub fn new(
        areas: impl IntoIterator<Item = Area>,
        parties: impl IntoIterator<Item = Party>,
    ) -> Self {
        let areas = areas
            .into_iter()
            .map(|area| {
                let code = area.pcode.unwrap_or_else(|| area.id.to_string());
                let stored = StoredArea {
                    level: AdminLevel::of(area.level),
                    unit: AdminUnit {
                        name: area.name_en,
                        code,
                    },
                    parent: area.parent,
                };
                (area.id, stored)
            })
            .collect();
        let parties = parties.into_iter().map(|p| (p.id, p.name)).collect();
        Self { areas, parties }
    }

    /// The units at or above `area`, following parent links. The nearest unit of each level
    /// wins; an area that is not stored gives none (a record's `area` is not checked against
    /// the stored areas on import).
    pub(crate) fn places(&self, area: Option<&AreaId>) -> Places<'_> {
        let mut places = Places::default();
        let mut current = area;
        // Parent chains are short; the step limit guards against a cycle in bad data.
        for _ in 0..32 {
            let Some(stored) = current.and_then(|id| self.areas.get(id)) else {
                break;
            };
            if let Some(level) = stored.level {
                places.0[level.index()].get_or_insert(&stored.unit);
            }
            current = stored.parent.as_ref();
        }
        places
    }

    /// A party's name, or its id when the party is not stored.
    pub(crate) fn party_name<'a>(&'a self, party: &'a PartyId) -> &'a str {
        self.parties
            .get(party)
            .map_or(party.as_str(), String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area(id: &str, level: AreaLevel, pcode: Option<&str>, parent: Option<&str>) -> Area {
        Area {
            id: AreaId::new(id).unwrap(),
            level,
            pcode: pcode.map(Into::into),
            name_en: format!("{id} name"),
            name_ar: None,
            parent: parent.map(|p| AreaId::new(p).unwrap()),
            boundary: None,
            source: None,
        }
    }

    #[test]
    fn a_neighbourhood_is_placed_in_its_governorate_and_country() {
        let context = HxlContext::new(
            [
                area("SY", AreaLevel::Country, Some("SY"), None),
                area("SY02", AreaLevel::Governorate, Some("SY02"), Some("SY")),
                area("front", AreaLevel::Zone, None, Some("SY02")),
                area(
                    "N0139",
                    AreaLevel::Neighbourhood,
                    Some("N0139"),
                    Some("front"),
                ),
            ],
            [],
        );
        let id = AreaId::new("N0139").unwrap();
        let places = context.places(Some(&id));
        assert_eq!(places.get(AdminLevel::Country).unwrap().code, "SY");
        assert_eq!(places.get(AdminLevel::Adm1).unwrap().name, "SY02 name");
        assert_eq!(places.get(AdminLevel::Adm2), None);
        assert_eq!(places.get(AdminLevel::Adm3), None);

        let unknown = AreaId::new("elsewhere").unwrap();
        assert!(context
            .places(Some(&unknown))
            .get(AdminLevel::Country)
            .is_none());
        assert!(context.places(None).get(AdminLevel::Country).is_none());
    }

    #[test]
    fn an_area_without_a_pcode_is_coded_by_its_id_and_a_cycle_ends() {
        let context = HxlContext::new(
            [
                area("d1", AreaLevel::District, None, Some("d2")),
                area("d2", AreaLevel::District, None, Some("d1")),
            ],
            [],
        );
        let id = AreaId::new("d1").unwrap();
        let places = context.places(Some(&id));
        // The nearest district wins over the one above it.
        assert_eq!(places.get(AdminLevel::Adm2).unwrap().code, "d1");
    }
}
