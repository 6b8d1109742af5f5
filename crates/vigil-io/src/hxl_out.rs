//! HXL output: CSV whose first row holds human-readable column names and whose second row
//! holds the HXL hashtags (<https://hxlstandard.org/standard/1-1final/>), then one row per
//! record, written as the records come.
//!
//! HXL is an export for the tools humanitarian analysts use (HDX, the HXL Proxy, libhxl,
//! spreadsheets); it is not read back by `vigil import`. The layouts themselves are in
//! `hxl_incidents` and `hxl_sites`; each one is a list of fields, and the header, the hashtag
//! row and every record are all produced from that same list, so a column can never drift away
//! from its tag.

use std::io::{self, Write};

/// A column of an HXL layout.
pub(crate) trait HxlField {
    /// The human-readable name (first row).
    fn header(&self) -> String;
    /// The hashtag with its attributes, e.g. `#affected+killed+children` (second row).
    fn tag(&self) -> String;
}

pub(crate) fn write<W: Write, F: HxlField>(
    w: W,
    fields: &[F],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> io::Result<()> {
    // The same CSV writer as the canonical layouts: UTF-8, `\n`, quotes only where needed.
    let mut writer = csv::Writer::from_writer(w);
    writer.write_record(fields.iter().map(HxlField::header))?;
    writer.write_record(fields.iter().map(HxlField::tag))?;
    for row in rows {
        debug_assert_eq!(
            row.len(),
            fields.len(),
            "an HXL row has one value per field"
        );
        writer.write_record(&row)?;
    }
    writer.flush()
}
