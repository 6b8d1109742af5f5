//! Canonical CSV output, one row at a time: the header, then a record per row.

use crate::cell::Cells;
use crate::columns::Columns;
use std::io::{self, Write};

pub(crate) fn write<W: Write, C: Columns>(
    w: W,
    rows: impl IntoIterator<Item = Cells<C>>,
) -> io::Result<()> {
    // `csv` buffers internally and quotes only fields that need it (separators, quotes, line
    // breaks), so multi-line descriptions survive.
    let mut writer = csv::Writer::from_writer(w);
    writer.write_record(C::ALL.iter().map(|c| c.name()))?;
    for row in rows {
        writer.write_record(row.iter().map(|(_, cell)| cell.csv()))?;
    }
    writer.flush()
}
