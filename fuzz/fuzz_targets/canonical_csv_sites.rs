//! Arbitrary bytes as a canonical sites CSV file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vigil_fuzz::{drain, write_sites, NAME};
use vigil_io::{read_sites_from, Format};

fuzz_target!(|data: &[u8]| {
    write_sites(drain(read_sites_from(NAME, data, Format::Csv)));
});
