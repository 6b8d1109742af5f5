//! HXL hashtags (<https://hxlstandard.org/standard/1-1final/>): the row of `#tag +attribute`
//! cells that HDX spreadsheets carry under (or instead of) their header, found wherever it
//! stands among the first rows, and read with the slack real files need.

use std::collections::BTreeSet;

/// How many leading rows are searched for the hashtag row.
pub(crate) const SEARCH_ROWS: usize = 25;

/// One column's hashtag: `#affected +healthworker +killed` has name `affected` and attributes
/// `healthworker` and `killed`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tag {
    pub name: String,
    pub attributes: BTreeSet<String>,
}

impl Tag {
    /// Reads a cell as a hashtag. Accepted quirks: stray spaces (`#country +name `,
    /// `# adm1`), a space standing for a missing `+` (`#affected killed`), upper case
    /// (`#country +ISO`), a repeated `+`. Not a hashtag: anything not starting with `#`, or
    /// whose name is not a letter followed by letters, digits or `_`.
    pub fn parse(cell: &str) -> Option<Tag> {
        let rest = cell.trim().strip_prefix('#')?;
        let lowered = rest.to_lowercase();
        let mut parts = lowered
            .split(|c: char| c == '+' || c.is_whitespace())
            .filter(|part| !part.is_empty());
        let name = parts.next()?.to_owned();
        let valid = |s: &str| {
            s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        };
        if !valid(&name) {
            return None;
        }
        let attributes = parts.filter(|a| valid(a)).map(str::to_owned).collect();
        Some(Tag { name, attributes })
    }

    pub fn has(&self, attribute: &str) -> bool {
        self.attributes.contains(attribute)
    }

    /// The tag written the standard way: `#affected+healthworker+killed`.
    pub fn canonical(&self) -> String {
        let mut text = format!("#{}", self.name);
        for a in &self.attributes {
            text.push('+');
            text.push_str(a);
        }
        text
    }
}

/// Whether `cells` is a hashtag row: at least one hashtag, and hashtags in at least half of
/// the non-empty cells (a header row may mention a `#` in passing; a tag row may leave
/// columns untagged).
pub(crate) fn is_tag_row(cells: &[String]) -> bool {
    let filled: Vec<&String> = cells.iter().filter(|c| !c.trim().is_empty()).collect();
    let tags = filled.iter().filter(|c| Tag::parse(c).is_some()).count();
    tags > 0 && tags * 2 >= filled.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs(tag: &Tag) -> Vec<&str> {
        tag.attributes.iter().map(String::as_str).collect()
    }

    #[test]
    fn real_files_quirks_are_read() {
        let t = Tag::parse("#affected +healthworker +killed").unwrap();
        assert_eq!(t.name, "affected");
        assert_eq!(attrs(&t), ["healthworker", "killed"]);
        let t = Tag::parse(" #country +ISO ").unwrap();
        assert_eq!((t.name.as_str(), attrs(&t)), ("country", vec!["iso"]));
        let t = Tag::parse("#affected killed").unwrap();
        assert_eq!(attrs(&t), ["killed"]);
        let t = Tag::parse("#geo++lat").unwrap();
        assert_eq!((t.name.as_str(), attrs(&t)), ("geo", vec!["lat"]));
        assert_eq!(Tag::parse("# adm1").unwrap().name, "adm1");
        assert_eq!(t.canonical(), "#geo+lat");
    }

    #[test]
    fn text_that_is_not_a_hashtag_is_refused() {
        assert_eq!(Tag::parse("Date"), None);
        assert_eq!(Tag::parse("#"), None);
        assert_eq!(Tag::parse("#1st"), None);
        assert_eq!(Tag::parse(""), None);
    }

    #[test]
    fn a_tag_row_is_mostly_hashtags() {
        let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        assert!(is_tag_row(&row(&["#date", "", "#country", "Notes"])));
        assert!(!is_tag_row(&row(&["Date", "Count #", "Country"])));
        assert!(!is_tag_row(&row(&["", ""])));
    }
}
