//! Arbitrary bytes as a publisher's CSV: an HXL-tagged spreadsheet, an ACLED or a UCDP GED
//! export, recognised from the content as `vigil import` does.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vigil_formats::{ForeignRows, Options};
use vigil_fuzz::{drain_foreign, write_incidents, NAME};

fuzz_target!(|data: &[u8]| {
    if data.starts_with(b"PK\x03\x04") {
        // A workbook: spreadsheet_xlsx's business.
        return;
    }
    let rows = ForeignRows::from_bytes(NAME, data.to_vec(), &Options::default());
    write_incidents(drain_foreign(rows));
});
