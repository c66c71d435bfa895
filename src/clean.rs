//! `parallax clean`: every segment of a document with its kind and reason in
//! a margin, its segments as JSON, or only the story as plain text.

use crate::output::truncate;
use anstyle::{AnsiColor, Style};
use parallax_clean::CleanDocument;
use parallax_core::{Document, SegmentKind};
use parallax_report::DocumentResult;
use std::io::Write;

const REASON_WIDTH: usize = 44;

fn style_of(kind: SegmentKind) -> Style {
    match kind {
        SegmentKind::Body => Style::new(),
        SegmentKind::Title | SegmentKind::Standfirst | SegmentKind::Heading => Style::new().bold(),
        SegmentKind::Dateline => AnsiColor::Green.on_default(),
        SegmentKind::Metadata => AnsiColor::Cyan.on_default(),
        SegmentKind::Boilerplate => AnsiColor::Yellow.on_default(),
        SegmentKind::Duplicate => AnsiColor::Magenta.on_default(),
    }
}

/// Prints the document with a margin: byte range, kind and reason beside
/// each segment's text. Colour only on a terminal and without `NO_COLOR`
/// (anstream decides).
pub fn print_margin(
    out: &mut impl Write,
    document: &Document,
    cleaned: &CleanDocument,
) -> std::io::Result<()> {
    let dim = Style::new().dimmed();
    writeln!(
        out,
        "{dim}{:<13} {:<11} {:<REASON_WIDTH$} │ text{dim:#}",
        "bytes", "kind", "reason"
    )?;
    for segment in &cleaned.segments {
        let style = style_of(segment.kind);
        let range = format!("{}–{}", segment.start, segment.end);
        // Plain body text needs no reason in the margin; anything else does.
        let reason = if segment.kind == SegmentKind::Body && segment.reason == "body text" {
            String::new()
        } else {
            truncate(&segment.reason, REASON_WIDTH)
        };
        let text_style = if segment.kind.is_set_aside() {
            dim
        } else {
            Style::new()
        };
        let text = &document.text[segment.start..segment.end];
        for (number, line) in parallax_core::lines(text).into_iter().enumerate() {
            let line = &text[line.start..line.end];
            if number == 0 {
                writeln!(
                    out,
                    "{dim}{range:<13}{dim:#} {style}{:<11}{style:#} {:<REASON_WIDTH$} │ {text_style}{line}{text_style:#}",
                    segment.kind.as_str(),
                    reason,
                )?;
            } else {
                writeln!(
                    out,
                    "{:<13} {:<11} {:<REASON_WIDTH$} │ {text_style}{line}{text_style:#}",
                    "", "", ""
                )?;
            }
        }
    }
    Ok(())
}

/// A short account of what was set aside, for the end of the margin view.
pub fn summary_line(result: &DocumentResult) -> String {
    let mut parts = Vec::new();
    for (kind, bytes) in result.bytes_by_kind() {
        if kind.is_set_aside() {
            parts.push(format!("{bytes} B {}", kind.as_str()));
        }
    }
    let set_aside = if parts.is_empty() {
        "nothing set aside".to_owned()
    } else {
        format!("set aside: {}", parts.join(", "))
    };
    format!(
        "{}: {} body words; {set_aside}",
        result.id, result.body_words
    )
}
