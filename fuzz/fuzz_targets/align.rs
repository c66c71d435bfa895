#![no_main]
//! Two texts (the input split at its first NUL), aligned both ways.

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|text: &str| {
    let (a, b) = text.split_once('\0').unwrap_or((text, text));
    common::align_texts(a, b);
});
