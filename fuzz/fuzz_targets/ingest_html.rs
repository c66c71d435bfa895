#![no_main]
//! Any bytes as a .html file: read, decoded, cleaned; never a panic.

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    common::ingest(bytes, "html", parallax_core::SourceFormat::Html);
});
