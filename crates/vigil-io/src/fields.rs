//! One input record as trimmed text per known column, whichever format it came from, and where
//! it came from.
//!
//! Both readers reduce a record to [`Fields`] first, so every rule about values lives in one
//! place (`site_in`, `incident_in`) and CSV and GeoJSON cannot drift apart.

use crate::columns::Columns;
use crate::error::{FieldError, RowError};
use std::marker::PhantomData;
use std::path::Path;

/// The trimmed value of every column of layout `C`; an absent column reads as empty.
#[derive(Debug, Clone)]
pub(crate) struct Fields<C> {
    values: Vec<String>,
    layout: PhantomData<C>,
}

impl<C: Columns> Fields<C> {
    pub fn new() -> Self {
        Self {
            values: vec![String::new(); C::ALL.len()],
            layout: PhantomData,
        }
    }

    pub fn get(&self, column: C) -> &str {
        &self.values[column.index()]
    }

    /// Stores `value` trimmed: leading and trailing spaces never carry meaning in these files.
    pub fn set(&mut self, column: C, value: &str) {
        let slot = &mut self.values[column.index()];
        slot.clear();
        slot.push_str(value.trim());
    }

    pub fn is_blank(&self) -> bool {
        self.values.iter().all(String::is_empty)
    }
}

/// Where a record is in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Place {
    /// The physical line a CSV record starts on; a GeoJSON feature's index plus one.
    pub line: u64,
    /// The 0-based index of a GeoJSON feature.
    pub feature: Option<u64>,
}

impl Place {
    pub fn line(line: u64) -> Self {
        Self {
            line,
            feature: None,
        }
    }

    pub fn feature(index: u64) -> Self {
        Self {
            line: index + 1,
            feature: Some(index),
        }
    }

    /// The row error for `error` at this place of `file`.
    pub fn error(&self, file: &str, error: FieldError) -> RowError {
        let problem = match self.feature {
            Some(n) => format!("feature {n}: {}", error.problem),
            None => error.problem,
        };
        RowError {
            file: file.to_owned(),
            line: self.line,
            column: error.column.map(str::to_owned),
            problem,
        }
    }
}

/// The file being read: its name as given (for messages) and its base name (for the per-file
/// source id, so the same file read from another directory keeps its source).
#[derive(Debug, Clone)]
pub(crate) struct Ctx {
    pub file: String,
    pub file_name: String,
}

impl Ctx {
    pub fn new(path: &Path) -> Self {
        let file = path.display().to_string();
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| file.clone());
        Self { file, file_name }
    }
}
