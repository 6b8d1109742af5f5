//! One output value, typed so GeoJSON can write numbers as numbers while CSV writes text.

use crate::columns::Columns;
use crate::values::format_number;
use serde_json::Value as Json;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Empty,
    Text(String),
    Number(f64),
}

impl Cell {
    pub fn text(value: impl ToString) -> Self {
        Cell::Text(value.to_string())
    }

    pub fn optional(value: Option<impl ToString>) -> Self {
        value.map_or(Cell::Empty, Cell::text)
    }

    /// An empty string stays empty rather than becoming a present-but-blank value.
    pub fn list(value: String) -> Self {
        if value.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(value)
        }
    }

    pub fn csv(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(text) => text.clone(),
            Cell::Number(x) => format_number(*x),
        }
    }

    pub fn json(&self) -> Json {
        match self {
            Cell::Empty => Json::Null,
            Cell::Text(text) => Json::from(text.as_str()),
            // Non-finite numbers never pass validation; null is the honest fallback.
            Cell::Number(x) => serde_json::Number::from_f64(*x).map_or(Json::Null, Json::Number),
        }
    }
}

/// One output row of layout `C`, every column empty until set.
pub(crate) struct Cells<C> {
    cells: Vec<Cell>,
    layout: std::marker::PhantomData<C>,
}

impl<C: Columns> Cells<C> {
    pub fn new() -> Self {
        Self {
            cells: vec![Cell::Empty; C::ALL.len()],
            layout: std::marker::PhantomData,
        }
    }

    pub fn set(&mut self, column: C, cell: Cell) {
        self.cells[column.index()] = cell;
    }

    /// `(column name, cell)` in layout order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &Cell)> {
        C::ALL.iter().map(|c| c.name()).zip(&self.cells)
    }
}
