#![no_main]
//! Any text, cleaned: segments cover it once, on character boundaries.

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|text: &str| {
    let document = parallax_ingest::document_from_text("f", "f.txt", text);
    let cleaned = parallax_clean::clean(&document);
    common::check_segments(&document, &cleaned);
});
