//! Arbitrary bytes as a GeoJSON file, read as sites and as incidents: both layouts share the
//! GeoJSON reader, and a FeatureCollection's properties may suit either.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vigil_fuzz::{drain, write_incidents, write_sites, NAME};
use vigil_io::{read_incidents_from, read_sites_from, Format};

fuzz_target!(|data: &[u8]| {
    write_sites(drain(read_sites_from(NAME, data, Format::GeoJson)));
    write_incidents(drain(read_incidents_from(NAME, data, Format::GeoJson)));
});
