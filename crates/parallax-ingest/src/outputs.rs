//! What parallax itself writes, recognised by how it begins, so that an
//! output written into a folder of inputs (`compare DIR --json
//! DIR/result.json`) is not read back as a document on the next run.

use parallax_core::SourceFormat;
use std::io::Read as _;
use std::path::Path;

/// How much of a file is looked at: every signature sits at the start.
const HEAD_BYTES: u64 = 512;

/// What parallax wrote `path` as, when it did: its HTML reports and pages
/// (`<meta name="generator" content="parallax …">`), its JSON result
/// (`"schema_version"`, then `"generator": "parallax …"`), a corpus run's
/// `pairs.jsonl` (each line a pair with its scores) and `clusters.json` (a
/// list of stories). Compressed files are not outputs of parallax.
pub(crate) fn written_by_parallax(
    path: &Path,
    format: SourceFormat,
    gzip: bool,
) -> Option<&'static str> {
    // Plain text is never an output, and only a regular file is looked
    // into: opening a named pipe would wait for a writer.
    let regular = std::fs::metadata(path).is_ok_and(|metadata| metadata.is_file());
    if gzip || format == SourceFormat::Text || !regular {
        return None;
    }
    let mut head = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(HEAD_BYTES)
        .read_to_end(&mut head)
        .ok()?;
    recognise(&String::from_utf8_lossy(&head), format)
}

/// [`written_by_parallax`] on the first bytes of a file.
fn recognise(head: &str, format: SourceFormat) -> Option<&'static str> {
    let compact: String = head.chars().filter(|c| !c.is_whitespace()).collect();
    match format {
        SourceFormat::Html => head
            .contains("<meta name=\"generator\" content=\"parallax ")
            .then_some("a report written by parallax"),
        SourceFormat::Json if compact.starts_with("{\"schema_version\":") => compact
            .contains("\"generator\":\"parallax")
            .then_some("a result written by parallax"),
        // A story's documents may be many: its other fields can lie beyond
        // the head. An article record never opens with a list of ids.
        SourceFormat::Json => compact
            .starts_with("[{\"documents\":[\"")
            .then_some("stories written by a parallax corpus run (clusters.json)"),
        SourceFormat::Jsonl => (compact.starts_with("{\"a\":")
            && compact.contains("\"scores\":{\"similarity\":"))
        .then_some("pairs written by a parallax corpus run (pairs.jsonl)"),
        SourceFormat::Text => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_are_recognised_and_articles_are_not() {
        let report = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
            <meta name=\"generator\" content=\"parallax 0.1.0\">";
        assert!(recognise(report, SourceFormat::Html).is_some());
        let article = "<html><head><meta name=\"generator\" content=\"WordPress 6.4\">";
        assert_eq!(recognise(article, SourceFormat::Html), None);

        let result = "{\n  \"schema_version\": 1,\n  \"generator\": \"parallax 0.1.0\",\n";
        assert!(recognise(result, SourceFormat::Json).is_some());
        let records =
            "[{\"id\": \"r1\", \"text\": \"The port reopened.\", \"generator\": \"parallax\"}]";
        assert_eq!(recognise(records, SourceFormat::Json), None);

        let pairs = "{\"a\":\"d1\",\"b\":\"d2\",\"scores\":{\"similarity\":1.0,";
        assert!(recognise(pairs, SourceFormat::Jsonl).is_some());
        let feed = "{\"a\": 1, \"text\": \"The port reopened.\"}\n";
        assert_eq!(recognise(feed, SourceFormat::Jsonl), None);

        let stories = "[\n  {\n    \"documents\": [\n      \"d1\",\n      \"d2\"\n    ],\n    \"earliest\": null,";
        assert!(recognise(stories, SourceFormat::Json).is_some());
    }
}
