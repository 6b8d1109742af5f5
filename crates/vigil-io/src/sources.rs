//! Source ids named in cells: the `@SOURCE_ID` suffixes of `casualties` and `perpetrators`
//! entries, and the stub [`Source`]s the readers return for every id a row names.
//!
//! A suffix is needed only where a fact's source differs from the row's `source`: without one
//! an entry keeps the row's source, so files written by hand stay as simple as before, while an
//! export of figures from several sources still reads back as it was.

use vigil_domain::{Source, SourceId, SourceKind};

/// The suffix text that stands for "no source": a source id of `-` is never used in practice,
/// and an empty suffix is far more likely a typo than a deliberate "none".
pub(crate) const NO_SOURCE: &str = "-";

/// A source known only by the id a file names: a dataset row titled by its id. The store
/// creates it when missing and leaves a stored source with that id as it is.
pub(crate) fn stub(id: SourceId) -> Source {
    Source {
        title: id.to_string(),
        id,
        kind: SourceKind::DatasetRow,
        publisher: None,
        url: None,
        published_on: None,
        protected: false,
    }
}

/// Splits `entry` at its first `@` into the fact and the suffix after it, if any.
pub(crate) fn split(entry: &str) -> (&str, Option<&str>) {
    match entry.split_once('@') {
        Some((fact, suffix)) => (fact.trim(), Some(suffix)),
        None => (entry, None),
    }
}

/// The single source of a casualty figure: the row's without a suffix, none for `@-`.
/// `form` is the entry's expected form, for messages.
pub(crate) fn one(
    suffix: Option<&str>,
    row: &SourceId,
    form: &str,
) -> Result<Option<SourceId>, String> {
    let Some(suffix) = suffix else {
        return Ok(Some(row.clone()));
    };
    match ids(suffix, form)?.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(one.clone())),
        _ => Err(format!("a casualty figure has one source ({form})")),
    }
}

/// The sources of an attribution: `[row]` without a suffix, none for `@-`.
pub(crate) fn many(
    suffix: Option<&str>,
    row: &SourceId,
    form: &str,
) -> Result<Vec<SourceId>, String> {
    match suffix {
        None => Ok(vec![row.clone()]),
        Some(suffix) => ids(suffix, form),
    }
}

/// The ids of a suffix `a@b@c` (the text after the first `@`); `-` alone is the empty list.
fn ids(suffix: &str, form: &str) -> Result<Vec<SourceId>, String> {
    let parts: Vec<&str> = suffix.split('@').map(str::trim).collect();
    if parts == [NO_SOURCE] {
        return Ok(Vec::new());
    }
    let mut sources: Vec<SourceId> = Vec::with_capacity(parts.len());
    for part in parts {
        if part.is_empty() {
            return Err(format!("a source id is missing after '@' ({form})"));
        }
        if part == NO_SOURCE {
            return Err(format!(
                "'@{NO_SOURCE}' (no source) cannot be combined with sources ({form})"
            ));
        }
        let id = SourceId::new(part).map_err(|e| format!("{} ({form})", e.problem))?;
        if sources.contains(&id) {
            return Err(format!("source '{id}' is given twice ({form})"));
        }
        sources.push(id);
    }
    Ok(sources)
}

/// The suffix that makes a figure read back with `source` under a row whose `source` column
/// holds `row`: nothing when they agree, `@-` for none.
pub(crate) fn write_one(source: Option<&SourceId>, row: Option<&SourceId>) -> String {
    match source {
        Some(s) if Some(s) == row => String::new(),
        Some(s) => format!("@{s}"),
        None => format!("@{NO_SOURCE}"),
    }
}

/// The suffix that makes an attribution read back with `sources`: nothing when they are
/// exactly the row's source, `@-` for none.
pub(crate) fn write_many(sources: &[SourceId], row: Option<&SourceId>) -> String {
    match (sources, row) {
        ([only], Some(row)) if only == row => String::new(),
        ([], _) => format!("@{NO_SOURCE}"),
        _ => sources.iter().map(|s| format!("@{s}")).collect(),
    }
}

/// Stubs for `ids` in first-seen order, each once, leaving out `except` (the row's own source,
/// which the row returns already).
pub(crate) fn stubs<'a>(
    ids: impl IntoIterator<Item = &'a SourceId>,
    except: Option<&SourceId>,
) -> Vec<Source> {
    let mut seen: Vec<&SourceId> = Vec::new();
    for id in ids {
        if Some(id) != except && !seen.contains(&id) {
            seen.push(id);
        }
    }
    seen.into_iter().cloned().map(stub).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> SourceId {
        SourceId::new(s).unwrap()
    }

    #[test]
    fn suffixes_read_and_write_back() {
        let row = id("row");
        assert_eq!(one(None, &row, "f"), Ok(Some(id("row"))));
        assert_eq!(one(Some(" coi "), &row, "f"), Ok(Some(id("coi"))));
        assert_eq!(one(Some("-"), &row, "f"), Ok(None));
        assert_eq!(many(Some("a@b"), &row, "f"), Ok(vec![id("a"), id("b")]));
        assert_eq!(many(Some("-"), &row, "f"), Ok(vec![]));
        assert_eq!(write_one(Some(&row), Some(&row)), "");
        assert_eq!(write_one(Some(&row), None), "@row");
        assert_eq!(write_one(None, Some(&row)), "@-");
        assert_eq!(write_many(std::slice::from_ref(&row), Some(&row)), "");
        assert_eq!(write_many(&[row.clone(), id("b")], Some(&row)), "@row@b");
        assert_eq!(write_many(&[], Some(&row)), "@-");
    }

    #[test]
    fn bad_suffixes_say_what_is_wrong() {
        let row = id("row");
        assert_eq!(
            one(Some(""), &row, "F"),
            Err("a source id is missing after '@' (F)".into())
        );
        assert_eq!(
            one(Some("a@b"), &row, "F"),
            Err("a casualty figure has one source (F)".into())
        );
        assert_eq!(
            many(Some("a@-"), &row, "F"),
            Err("'@-' (no source) cannot be combined with sources (F)".into())
        );
        assert_eq!(
            many(Some("a@a"), &row, "F"),
            Err("source 'a' is given twice (F)".into())
        );
    }

    #[test]
    fn stubs_leave_out_the_row_source_and_repeats() {
        let (row, a, b) = (id("row"), id("a"), id("b"));
        let got = stubs([&a, &row, &b, &a], Some(&row));
        let ids: Vec<&str> = got.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        assert_eq!(got[0].title, "a");
        assert_eq!(got[0].kind, SourceKind::DatasetRow);
    }
}
