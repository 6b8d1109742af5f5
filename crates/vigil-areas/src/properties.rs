//! A feature's properties as the reader looks them up: by name whatever its case and
//! punctuation (`NAME_EN`, `name_en` and `nameEn` are one name), with the placeholders that
//! stand for "no value" treated as absent.

use geojson::{JsonObject, JsonValue};
use std::collections::BTreeMap;

/// What ArcGIS writes for an empty attribute when it exports a shapefile (OCHA's files are full
/// of it): a value that is not there, not a name or a code.
const NULL_PLACEHOLDER: &str = "<Null>";

/// The normalised name of a feature's own P-code property.
const PCODE: &str = "pcode";

/// One `ADMn_*` group of properties: the administrative unit of level `n` a feature lies in
/// (or is).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct AdminUnit {
    pub pcode: Option<String>,
    pub name_en: Option<String>,
    pub name_ar: Option<String>,
}

/// The properties of one feature, by normalised name.
#[derive(Debug, Default)]
pub(crate) struct Properties {
    values: BTreeMap<String, String>,
    /// Whether a `PCODE` property is there, even with no value.
    has_pcode_property: bool,
    /// The `ADMn_*` groups, by `n`.
    pub admin: BTreeMap<u8, AdminUnit>,
}

/// Lower case, letters and digits only: `ADM1_PCODE`, `adm1_pcode` and `admin1Pcode` differ
/// only in ways that carry no meaning.
fn normalise(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// A property's value as text: trimmed strings on one line and whole numbers (some files
/// store codes as numbers); JSON null, empty text and the `<Null>` placeholder are no value.
fn text(value: &JsonValue) -> Option<String> {
    let text = match value {
        JsonValue::String(s) => one_line(s),
        JsonValue::Number(n) if n.is_i64() || n.is_u64() => n.to_string(),
        _ => return None,
    };
    if text.is_empty() || text.eq_ignore_ascii_case(NULL_PLACEHOLDER) {
        None
    } else {
        Some(text)
    }
}

/// The lines of `text`, trimmed, joined by a space, a line that repeats the one before left
/// out. Line breaks in a value are left over from the attribute table it was exported from:
/// OCHA's Ad-Dallain neighbourhood has its Arabic name three times, one per line, and a
/// sub-district name ends in a stray line break.
fn one_line(text: &str) -> String {
    let mut lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect();
    lines.dedup();
    lines.join(" ")
}

/// What an `ADMn_…` property holds.
enum AdminField {
    Pcode,
    NameEn,
    NameAr,
}

/// Splits a normalised name such as `adm2pcode`, `admin2pcode`, `adm2en` or `admin2nameen`
/// into its level and field.
fn admin_field(name: &str) -> Option<(u8, AdminField)> {
    let rest = name
        .strip_prefix("admin")
        .or_else(|| name.strip_prefix("adm"))?;
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    let level: u8 = rest[..digits].parse().ok()?;
    let field = match &rest[digits..] {
        "pcode" => AdminField::Pcode,
        "en" | "nameen" | "name" => AdminField::NameEn,
        "ar" | "namear" => AdminField::NameAr,
        _ => return None,
    };
    Some((level, field))
}

impl Properties {
    pub fn new(properties: Option<&JsonObject>) -> Self {
        let mut out = Properties::default();
        for (name, value) in properties.into_iter().flatten() {
            let name = normalise(name);
            out.has_pcode_property |= name == PCODE;
            let Some(value) = text(value) else { continue };
            if let Some((level, field)) = admin_field(&name) {
                let unit = out.admin.entry(level).or_default();
                let slot = match field {
                    AdminField::Pcode => &mut unit.pcode,
                    AdminField::NameEn => &mut unit.name_en,
                    AdminField::NameAr => &mut unit.name_ar,
                };
                // Two spellings of one property in a feature: the first met wins (properties are
                // read in name order), so the choice does not depend on the file's layout.
                slot.get_or_insert(value);
            } else {
                out.values.entry(name).or_insert(value);
            }
        }
        // A group without a code (only names) places nothing.
        out.admin.retain(|_, unit| unit.pcode.is_some());
        out
    }

    /// The first of `names` (normalised spellings) that has a value.
    pub fn first(&self, names: &[&str]) -> Option<&str> {
        names
            .iter()
            .find_map(|name| self.values.get(*name))
            .map(String::as_str)
    }

    /// The feature's own P-code, as `PCODE` (or `pcode`, `P_CODE`) gives it.
    pub fn pcode(&self) -> Option<&str> {
        self.first(&[PCODE])
    }

    /// Whether the feature has a `PCODE` property, with a value or without.
    pub fn has_pcode_property(&self) -> bool {
        self.has_pcode_property
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn props(value: serde_json::Value) -> Properties {
        Properties::new(value.as_object())
    }

    #[test]
    fn names_match_whatever_their_case_and_underscores() {
        let p = props(json!({
            "PCODE": "SY0200", "name_en": "Jebel Saman", "admin1Pcode": "SY02",
            "ADM1_EN": "Aleppo", "adm1_ar": "حلب", "ADM0_PCODE": "SY"
        }));
        assert_eq!(p.pcode(), Some("SY0200"));
        assert_eq!(p.first(&["nameen"]), Some("Jebel Saman"));
        assert_eq!(
            p.admin[&1],
            AdminUnit {
                pcode: Some("SY02".into()),
                name_en: Some("Aleppo".into()),
                name_ar: Some("حلب".into()),
            }
        );
        assert_eq!(p.admin[&0].pcode.as_deref(), Some("SY"));
    }

    #[test]
    fn line_breaks_left_by_the_attribute_table_are_mended() {
        let p = props(json!({
            "NAME_AR": "الدلالين\r\nالدلالين\r\nالدلالين",
            "NAME_EN": "Qudsiya\r\n",
            "name": "Old\nCity"
        }));
        assert_eq!(p.first(&["namear"]), Some("الدلالين"));
        assert_eq!(p.first(&["nameen"]), Some("Qudsiya"));
        assert_eq!(p.first(&["name"]), Some("Old City"));
    }

    #[test]
    fn null_placeholders_and_empty_text_are_absent() {
        let p = props(json!({
            "PCODE": "<Null>", "NAME_EN": "  ", "AREA_PCODE": "<Null>",
            "ADM4_PCODE": null, "ADM4_EN": "Aleppo"
        }));
        assert_eq!(p.pcode(), None);
        assert_eq!(p.first(&["nameen"]), None);
        assert!(
            p.admin.is_empty(),
            "a group with names but no code places nothing"
        );
    }
}
