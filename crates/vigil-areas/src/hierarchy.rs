//! Where a feature sits in the administrative hierarchy: its P-code, level and parent,
//! deduced from the `ADMn_PCODE` properties it carries rather than from the file it came in.
//!
//! OCHA's common operational datasets give every feature the codes of the units it lies in:
//! a district carries `ADM0_PCODE` (the country) and `ADM1_PCODE` (its governorate) next to its
//! own `PCODE`. Newer files give a feature its own code as `ADMn_PCODE` of its level instead.
//! Both are read the same way:
//! - a feature whose P-code is one of its `ADMk_PCODE` values is of level `k`; one without a
//!   P-code of its own takes the deepest `ADMk_PCODE` it carries, and is of level `k`;
//! - a feature whose P-code is none of them is one level below the deepest `ADMk_PCODE`;
//! - level 0 is the country, 1 a governorate, 2 a district, 3 a sub-district, and anything
//!   deeper a neighbourhood;
//! - the parent is the deepest `ADMk_PCODE` above the feature with `k` ≤ 3. Units of level 4
//!   and deeper (cities, towns) are not kept as areas of their own: OCHA publishes no
//!   boundaries for them (Aleppo's neighbourhoods name their city, `ADM4_PCODE` = `C1007`, a
//!   code found in no boundary file), so a neighbourhood hangs from its sub-district, the
//!   nearest level that exists as an area.

use crate::properties::AdminUnit;
use std::collections::BTreeMap;
use vigil_domain::AreaLevel;

/// The deepest administrative level that can be a parent (sub-district); see the module doc.
const DEEPEST_PARENT: u8 = 3;

/// The depth of a level in the hierarchy, 0 for the country; `None` for zones, which are
/// drawn across it.
pub fn depth_of(level: AreaLevel) -> Option<u8> {
    match level {
        AreaLevel::Country => Some(0),
        AreaLevel::Governorate => Some(1),
        AreaLevel::District => Some(2),
        AreaLevel::SubDistrict => Some(3),
        AreaLevel::Neighbourhood => Some(4),
        AreaLevel::Zone => None,
    }
}

/// The level of administrative depth `k` (`ADMk`).
pub fn level_at(depth: u8) -> AreaLevel {
    match depth {
        0 => AreaLevel::Country,
        1 => AreaLevel::Governorate,
        2 => AreaLevel::District,
        3 => AreaLevel::SubDistrict,
        _ => AreaLevel::Neighbourhood,
    }
}

/// A feature's place in the hierarchy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Placement {
    pub pcode: String,
    /// Administrative depth: 0 country, 1 governorate, … (see [`level_at`]).
    pub depth: u8,
    pub parent: Option<String>,
}

/// Places a feature with P-code `own` (if it has one) and the `ADMn` units it carries (only
/// those with a code). `own_expected` says the file gives its features a P-code of their own
/// (`PCODE`): then a feature without one is missing it, and taking the deepest `ADMn_PCODE`
/// instead would give it the code of the unit it lies in.
pub(crate) fn place(
    own: Option<&str>,
    admin: &BTreeMap<u8, AdminUnit>,
    own_expected: bool,
) -> Result<Placement, String> {
    let code = |unit: &AdminUnit| unit.pcode.clone().unwrap_or_default();
    let deepest = admin.iter().next_back().map(|(k, unit)| (*k, code(unit)));
    let (pcode, depth) = match (own, deepest) {
        (None, _) if own_expected => {
            return Err(
                "no P-code: its PCODE is empty or missing, while the file's other features \
                 have one"
                    .into(),
            )
        }
        (None, None) => {
            return Err("no P-code: none of PCODE, pcode, ADMn_PCODE or adminnPcode is set".into())
        }
        (None, Some((k, deepest))) => (deepest, k),
        (Some(own), Some((deepest_k, _))) => {
            // Its own code among the units it carries says its level outright.
            let k = admin
                .iter()
                .rev()
                .find(|(_, unit)| unit.pcode.as_deref() == Some(own))
                .map(|(k, _)| *k)
                .unwrap_or(deepest_k.saturating_add(1));
            (own.to_owned(), k)
        }
        (Some(own), None) => {
            return Err(format!(
                "P-code {own}: cannot tell its level, as the feature carries none of the \
                 ADM0_PCODE, ADM1_PCODE, … properties that place it in the hierarchy"
            ))
        }
    };
    let parent = admin
        .range(..depth.min(DEEPEST_PARENT + 1))
        .rev()
        .map(|(_, unit)| code(unit))
        .find(|parent| *parent != pcode);
    Ok(Placement {
        pcode,
        depth,
        parent,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(codes: &[(u8, &str)]) -> BTreeMap<u8, AdminUnit> {
        codes
            .iter()
            .map(|(k, code)| {
                let unit = AdminUnit {
                    pcode: Some(code.to_string()),
                    ..AdminUnit::default()
                };
                (*k, unit)
            })
            .collect()
    }

    fn placed(own: Option<&str>, codes: &[(u8, &str)]) -> (String, AreaLevel, Option<String>) {
        let p = place(own, &units(codes), false).unwrap();
        (p.pcode, level_at(p.depth), p.parent)
    }

    #[test]
    fn a_governorate_carries_only_its_country() {
        assert_eq!(
            placed(Some("SY02"), &[(0, "SY")]),
            ("SY02".into(), AreaLevel::Governorate, Some("SY".into()))
        );
    }

    #[test]
    fn a_district_hangs_from_its_governorate() {
        assert_eq!(
            placed(Some("SY0200"), &[(0, "SY"), (1, "SY02")]),
            ("SY0200".into(), AreaLevel::District, Some("SY02".into()))
        );
    }

    #[test]
    fn a_sub_district_hangs_from_its_district() {
        assert_eq!(
            placed(Some("SY020000"), &[(0, "SY"), (1, "SY02"), (2, "SY0200")]),
            (
                "SY020000".into(),
                AreaLevel::SubDistrict,
                Some("SY0200".into())
            )
        );
    }

    #[test]
    fn an_aleppo_neighbourhood_hangs_from_its_sub_district_not_its_city() {
        let codes = [
            (0, "SY"),
            (1, "SY02"),
            (2, "SY0200"),
            (3, "SY020000"),
            (4, "C1007"),
        ];
        assert_eq!(
            placed(Some("N0160"), &codes),
            (
                "N0160".into(),
                AreaLevel::Neighbourhood,
                Some("SY020000".into())
            )
        );
    }

    #[test]
    fn a_feature_whose_code_is_its_own_admn_pcode_is_of_that_level() {
        // The newer COD layout: a district carries ADM2_PCODE = its own code.
        let codes = [(0, "SY"), (1, "SY02"), (2, "SY0200")];
        assert_eq!(
            placed(None, &codes),
            ("SY0200".into(), AreaLevel::District, Some("SY02".into()))
        );
        assert_eq!(
            placed(Some("SY0200"), &codes),
            ("SY0200".into(), AreaLevel::District, Some("SY02".into()))
        );
        assert_eq!(
            placed(None, &[(0, "SY")]),
            ("SY".into(), AreaLevel::Country, None)
        );
    }

    #[test]
    fn a_feature_with_no_code_at_all_is_refused() {
        let err = place(None, &BTreeMap::new(), false).unwrap_err();
        assert!(err.starts_with("no P-code"), "{err}");
        let err = place(Some("N0160"), &BTreeMap::new(), false).unwrap_err();
        assert!(err.contains("cannot tell its level"), "{err}");
    }

    #[test]
    fn a_feature_missing_the_pcode_its_file_gives_the_others_is_refused() {
        // Not given the code of the governorate it lies in.
        let err = place(None, &units(&[(0, "SY"), (1, "SY02")]), true).unwrap_err();
        assert!(err.contains("PCODE is empty or missing"), "{err}");
    }

    #[test]
    fn depths_and_levels_agree() {
        for depth in 0..=4 {
            assert_eq!(depth_of(level_at(depth)), Some(depth));
        }
        assert_eq!(level_at(7), AreaLevel::Neighbourhood);
        assert_eq!(depth_of(AreaLevel::Zone), None);
    }
}
