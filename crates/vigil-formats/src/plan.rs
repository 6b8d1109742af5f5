//! How a table's columns are read: where its header and hashtag rows are, which layout it is
//! in, and which [`Field`] each column gives. Decided once, from the first rows.

use crate::field::{normalise, Field};
use crate::hxl::{is_tag_row, Tag, SEARCH_ROWS};
use crate::mapping::Mapping;
use crate::table::{Table, TableRow};
use crate::values::Layout;
use std::collections::{HashSet, VecDeque};
use vigil_io::{ReadError, RowError};

/// One column: the name it is known by in messages and reports, its hashtag, its field.
#[derive(Debug, Clone)]
pub struct Column {
    /// The header text, else the hashtag, else `column N`; made unique with ` (2)`, ` (3)` …
    pub label: String,
    pub tag: Option<String>,
    /// What the column gives, by the name a mapping file uses (`lat`, `killed:health_workers`);
    /// `None` when it is kept in the record's report only.
    pub field: Option<String>,
}

pub(crate) struct Plan {
    pub layout: Layout,
    pub columns: Vec<Column>,
    pub fields: Vec<Option<Field>>,
    /// Data rows read while looking for the header, to be handed out first.
    pub buffered: VecDeque<Result<TableRow, RowError>>,
}

impl Plan {
    /// The first column that gives `field`.
    pub fn column_of(&self, field: Field) -> Option<usize> {
        self.fields.iter().position(|f| *f == Some(field))
    }

    pub fn label_of(&self, field: Field) -> Option<&str> {
        self.column_of(field)
            .map(|i| self.columns[i].label.as_str())
    }
}

/// Reads the first rows of `table` and decides how to read the rest. `layout` forces one.
pub(crate) fn make(
    file: &str,
    table: &mut dyn Table,
    layout: Option<Layout>,
    mapping: Option<&Mapping>,
) -> Result<Plan, ReadError> {
    let mut head: Vec<Result<TableRow, RowError>> = Vec::new();
    while head.len() < SEARCH_ROWS {
        match table.next_row()? {
            Some(row) => head.push(row),
            None => break,
        }
    }
    let blank = |r: &Result<TableRow, RowError>| match r {
        Ok(row) => row.cells.iter().all(|c| c.trim().is_empty()),
        Err(_) => false,
    };
    let tag_at = head
        .iter()
        .position(|r| matches!(r, Ok(row) if is_tag_row(&row.cells)));
    let header_at = match tag_at {
        Some(t) => head[..t].iter().rposition(|r| !blank(r)),
        None => head.iter().position(|r| !blank(r)),
    };
    let header_error = |problem: String| ReadError::Header {
        file: file.to_owned(),
        problem,
    };
    let cells_at = |i: Option<usize>| -> Result<Vec<String>, ReadError> {
        match i.map(|i| &head[i]) {
            Some(Ok(row)) => Ok(row.cells.clone()),
            Some(Err(e)) => Err(header_error(e.problem.clone())),
            None => Ok(Vec::new()),
        }
    };
    let headers = cells_at(header_at)?;
    let tags = cells_at(tag_at)?;
    if headers.is_empty() && tags.is_empty() {
        return Err(header_error("the file has no header row".into()));
    }
    let keys: HashSet<String> = headers.iter().map(|h| normalise(h)).collect();
    let has = |k: &str| keys.contains(k);
    let layout = match layout {
        Some(layout) => layout,
        None if has("event_id_cnty") && has("event_type") => Layout::Acled,
        None if has("where_prec") && has("date_prec") && has("best") => Layout::Ucdp,
        None if tag_at.is_some() => Layout::Hxl,
        None if mapping.is_some() => Layout::Mapped,
        None => {
            return Err(header_error(format!(
                "no HXL hashtag row among the first {SEARCH_ROWS} rows, and the header is not \
                 that of an ACLED or UCDP GED export (tag the columns, or name them in a \
                 mapping file with --mapping)"
            )))
        }
    };

    let width = headers.len().max(tags.len());
    let mut columns = Vec::with_capacity(width);
    let mut fields = Vec::with_capacity(width);
    let mut labels_seen: HashSet<String> = HashSet::new();
    let mut fields_seen: HashSet<Field> = HashSet::new();
    for i in 0..width {
        let header = headers.get(i).map(|h| h.trim()).unwrap_or("");
        let tag = tags.get(i).and_then(|t| Tag::parse(t));
        let base = if !header.is_empty() {
            header.to_owned()
        } else if let Some(tag) = &tag {
            tag.canonical()
        } else {
            format!("column {}", i + 1)
        };
        let mut label = base.clone();
        let mut n = 2;
        while !labels_seen.insert(label.clone()) {
            label = format!("{base} ({n})");
            n += 1;
        }
        let by_mapping = mapping.and_then(|m| m.lookup(header, tag.as_ref()));
        let field = match by_mapping {
            Some(mapped) => mapped,
            None => {
                let by_tag = match layout {
                    Layout::Hxl | Layout::Mapped => tag.as_ref().and_then(Field::from_tag),
                    Layout::Acled | Layout::Ucdp => None,
                };
                by_tag.or_else(|| Field::from_header(header))
            }
        };
        // A field given twice is taken from its first column; the others stay in the report.
        // Indicators are the exception: each column that has one says something of the kind.
        let field = field.filter(|f| matches!(f, Field::Indicator(_)) || fields_seen.insert(*f));
        columns.push(Column {
            label,
            tag: tag.as_ref().map(Tag::canonical),
            field: field.map(crate::mapping::name_of),
        });
        fields.push(field);
    }
    if !fields.contains(&Some(Field::Date)) {
        return Err(header_error(
            "no column gives the date (tag one #date, or name it in a mapping file)".into(),
        ));
    }
    let after = tag_at.or(header_at).map_or(0, |i| i + 1);
    let buffered = head.into_iter().skip(after).collect();
    Ok(Plan {
        layout,
        columns,
        fields,
        buffered,
    })
}
