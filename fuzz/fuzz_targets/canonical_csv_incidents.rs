//! Arbitrary bytes as a canonical incidents CSV file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vigil_fuzz::{drain, write_incidents, NAME};
use vigil_io::{read_incidents_from, Format};

fuzz_target!(|data: &[u8]| {
    write_incidents(drain(read_incidents_from(NAME, data, Format::Csv)));
});
