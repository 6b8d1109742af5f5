//! A mapping file: the user's word on what columns mean, over what hashtags and headers say.
//!
//! JSON, one object: `{"columns": {"Date of attack": "date", "#geo+lat": "lat", "Notes": null}}`.
//! Keys are a header as written (spaces at the ends ignored, case ignored) or a hashtag (its
//! attributes in any order); values are field names (see `docs/formats.md`) or `null` for "map
//! this column to nothing" (it is still kept in the record's report).

use crate::field::{Field, NAMES};
use crate::hxl::Tag;
use std::path::Path;
use vigil_io::ReadError;

#[derive(Debug, Clone, Default)]
pub struct Mapping {
    /// (header or canonical hashtag, field), in file order.
    columns: Vec<(String, Option<Field>)>,
}

impl Mapping {
    /// Reads a mapping file, naming any unknown field.
    pub fn from_file(path: &Path) -> Result<Mapping, ReadError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| ReadError::Io {
            file: file.clone(),
            source,
        })?;
        let bad = |problem: String| ReadError::Format {
            file: file.clone(),
            problem,
        };
        let value: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| bad(format!("not JSON: {e}")))?;
        let columns = value
            .get("columns")
            .and_then(|c| c.as_object())
            .ok_or_else(|| bad("expected an object with a \"columns\" object".into()))?;
        let mut mapping = Mapping::default();
        for (key, field) in columns {
            let field = match field {
                serde_json::Value::Null => None,
                serde_json::Value::String(name) => Some(Field::by_name(name).ok_or_else(|| {
                    let known: Vec<&str> = NAMES.iter().map(|(n, _)| *n).collect();
                    bad(format!(
                        "column \"{key}\": unknown field \"{name}\" (expected one of {}, or a \
                         casualty count such as killed, injured:health_workers, killed:people:low)",
                        known.join(", ")
                    ))
                })?),
                _ => {
                    return Err(bad(format!(
                        "column \"{key}\": expected a field name or null"
                    )))
                }
            };
            let key = match Tag::parse(key) {
                Some(tag) => tag.canonical(),
                None => key.trim().to_lowercase(),
            };
            mapping.columns.push((key, field));
        }
        Ok(mapping)
    }

    /// What the mapping says of a column, if it names it: `Some(None)` maps it to nothing.
    pub(crate) fn lookup(&self, header: &str, tag: Option<&Tag>) -> Option<Option<Field>> {
        let header = header.trim().to_lowercase();
        let tag = tag.map(Tag::canonical);
        self.columns
            .iter()
            .find(|(key, _)| (!header.is_empty() && *key == header) || Some(key) == tag.as_ref())
            .map(|(_, field)| *field)
    }
}

/// The name a mapping file uses for `field`.
pub(crate) fn name_of(field: Field) -> String {
    use crate::field::Estimate;
    if let Some((name, _)) = NAMES.iter().find(|(_, f)| *f == field) {
        return (*name).to_owned();
    }
    match field {
        Field::Casualty(c) => {
            let estimate = match c.estimate {
                Estimate::Best => "",
                Estimate::Low => ":low",
                Estimate::High => ":high",
            };
            format!("{}:{}{estimate}", c.outcome, c.group)
        }
        Field::Indicator(i) => format!("indicator:{i:?}").to_lowercase(),
        Field::ViolenceType => "violence_type".into(),
        Field::SideB => "side_b".into(),
        Field::Clarity => "clarity".into(),
        other => format!("{other:?}").to_lowercase(),
    }
}
