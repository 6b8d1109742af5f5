//! Arbitrary bytes as a GeoJSON file of admin boundaries: every area read must validate, index
//! and answer a point query; every refusal must name the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vigil_areas::{parse_boundaries, AreaIndex};
use vigil_domain::{GeoPrecision, Location, Point};
use vigil_fuzz::NAME;

fuzz_target!(|data: &[u8]| {
    let read = match parse_boundaries(NAME, data, None) {
        Ok(read) => read,
        Err(e) => {
            let message = e.to_string();
            assert!(message.starts_with(NAME), "{message}");
            return;
        }
    };
    for bad in &read.bad {
        assert!(bad.to_string().starts_with(NAME), "{bad}");
    }
    for area in read.areas.iter().chain(&read.countries) {
        area.validate().expect("an area read is a valid area");
    }
    let index = AreaIndex::new(read.areas);
    let here = Point::new(37.16, 36.2).expect("a point");
    let _ = index.area_for(&Location::with_precision(here, GeoPrecision::Exact));
});
