#![no_main]
//! Any bytes as a .txt file: read, decoded, cleaned; never a panic.

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    common::ingest(bytes, "txt", parallax_core::SourceFormat::Text);
});
