//! Fuzz target `catalog`: see `fuzz/harness.rs`.
#![no_main]

#[allow(dead_code)]
#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = harness::catalog_dir(data);
});
