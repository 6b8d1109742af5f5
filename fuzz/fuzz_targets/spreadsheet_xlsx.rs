//! Arbitrary bytes as an XLSX workbook (a ZIP archive of XML), read through calamine a cell at
//! a time; the seeds are small valid workbooks, so mutations reach the worksheet XML.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vigil_formats::{ForeignRows, Options};
use vigil_fuzz::{drain_foreign, write_incidents, NAME};

fuzz_target!(|data: &[u8]| {
    if !data.starts_with(b"PK\x03\x04") {
        // Not a workbook: spreadsheet_csv's business.
        return;
    }
    let rows = ForeignRows::from_bytes(NAME, data.to_vec(), &Options::default());
    write_incidents(drain_foreign(rows));
});
