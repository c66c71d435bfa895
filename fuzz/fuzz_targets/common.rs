//! What every fuzz target checks on what it produced: the invariants the
//! JSON contract promises, so a violation crashes like a panic would.
#![allow(dead_code, reason = "each fuzz target uses part of the shared checks")]

use parallax_align::{Side, align};
use parallax_clean::{CleanDocument, clean};
use parallax_core::{Document, SourceFormat};
use parallax_ingest::Input;
use std::sync::LazyLock;

static DIRECTORY: LazyLock<tempfile::TempDir> =
    LazyLock::new(|| tempfile::tempdir().expect("a temporary directory"));

/// Segments are in order, do not overlap, sit on character boundaries and
/// cover every non-whitespace byte.
pub fn check_segments(document: &Document, cleaned: &CleanDocument) {
    let text = &document.text;
    let mut previous_end = 0;
    let mut covered = vec![false; text.len()];
    for segment in &cleaned.segments {
        assert!(segment.start < segment.end && segment.start >= previous_end);
        assert!(text.get(segment.start..segment.end).is_some());
        covered[segment.start..segment.end].fill(true);
        previous_end = segment.end;
    }
    for (offset, character) in text.char_indices() {
        assert!(
            character.is_whitespace() || covered[offset],
            "byte {offset} unlabelled"
        );
    }
}

/// Reads `bytes` as a file of the given extension through the same path
/// `parallax compare` takes, and checks every document read: as a plain
/// file, as the same bytes gzip-compressed, and as bytes that claim to be
/// gzip (a hostile or broken archive).
pub fn ingest(bytes: &[u8], extension: &str, format: SourceFormat) {
    read_checked(bytes, extension, format, false);
    read_checked(&compressed(bytes), extension, format, true);
    read_checked(bytes, extension, format, true);
}

fn compressed(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write as _;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).expect("compressing in memory");
    encoder.finish().expect("compressing in memory")
}

/// Reads one file on a thread with the stack corpus mode's worker threads
/// have (2 MiB), not the main thread's 8 MiB, so recursion that would
/// overflow a worker is found here too.
fn read_checked(bytes: &[u8], extension: &str, format: SourceFormat, gzip: bool) {
    let name = if gzip {
        format!("input.{extension}.gz")
    } else {
        format!("input.{extension}")
    };
    let path = DIRECTORY.path().join(&name);
    std::fs::write(&path, bytes).expect("writing the input");
    let mut input = Input::new(path, format, gzip);
    input.display = name;
    let reader = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            // Refusing input is fine; only panics and broken invariants are
            // bugs.
            if let Ok(loaded) = parallax_ingest::read(&input) {
                for document in &loaded.documents {
                    let cleaned = clean(document);
                    check_segments(document, &cleaned);
                }
            }
        })
        .expect("starting a reader thread");
    if let Err(panic) = reader.join() {
        std::panic::resume_unwind(panic);
    }
}

/// Aligns two texts both ways and checks symmetry and score ranges.
pub fn align_texts(a: &str, b: &str) {
    let first = parallax_ingest::document_from_text("a", "a.txt", a);
    let second = parallax_ingest::document_from_text("b", "b.txt", b);
    let (first_clean, second_clean) = (clean(&first), clean(&second));
    check_segments(&first, &first_clean);
    check_segments(&second, &second_clean);
    let forward = align(
        Side::new(&first, &first_clean),
        Side::new(&second, &second_clean),
    );
    let backward = align(
        Side::new(&second, &second_clean),
        Side::new(&first, &first_clean),
    );
    assert_eq!(forward.links.len(), backward.links.len());
    for (name, value) in forward.scores.named() {
        assert!((0.0..=1.0).contains(&value), "{name} {value}");
    }
    for link in forward.links.iter().chain(&forward.passages) {
        assert!(a.get(link.a.start..link.a.end).is_some());
        assert!(b.get(link.b.start..link.b.end).is_some());
    }
}
