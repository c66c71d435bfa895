//! `parallax clean`: every segment of a document with its kind and reason in
//! a margin, its segments as JSON, or only the story as plain text.

use super::InputOptions;
use crate::failure::Failure;
use crate::output::{printable, truncate, write_output_with};
use anstyle::{AnsiColor, Style};
use clap::Args;
use parallax_clean::CleanDocument;
use parallax_core::{Document, SegmentKind};
use parallax_report::DocumentResult;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct CleanArguments {
    #[command(flatten)]
    input: InputOptions,
    /// Print the documents with their segments as JSON instead.
    #[arg(long, conflicts_with = "text")]
    json: bool,
    /// Print only the story: body and in-body headings, paragraphs
    /// separated by blank lines.
    #[arg(long)]
    text: bool,
}

pub fn run(arguments: &CleanArguments, verbose: bool) -> Result<ExitCode, Failure> {
    let prepared = arguments.input.load(verbose)?;
    let sides = prepared.sides();
    if arguments.json {
        let results: Vec<DocumentResult> = sides
            .iter()
            .map(|side| DocumentResult::new(side.document, side.clean))
            .collect();
        write_output_with(Path::new("-"), |out| {
            serde_json::to_writer_pretty(&mut *out, &results)?;
            writeln!(out)
        })?;
        return Ok(ExitCode::SUCCESS);
    }
    // On a terminal, long reasons are cut to keep the margin aligned;
    // piped into a file or another program, every reason is whole.
    let cut_reasons = std::io::stdout().is_terminal();
    let several = sides.len() > 1;
    let mut out = anstream::stdout().lock();
    for (number, side) in sides.iter().enumerate() {
        if number > 0 {
            writeln!(out)?;
        }
        if arguments.text {
            // Several stories in one stream: each opens with a line naming
            // its document, as `head` does with several files.
            if several {
                writeln!(
                    out,
                    "==> {} ({}) <==",
                    printable(&side.document.id),
                    printable(&side.document.path)
                )?;
            }
            out.write_all(side.clean.story_text(&side.document.text).as_bytes())?;
            continue;
        }
        let result = DocumentResult::new(side.document, side.clean);
        let bold = Style::new().bold();
        writeln!(
            out,
            "{bold}{} ({}){bold:#}",
            printable(&side.document.id),
            printable(&side.document.path)
        )?;
        print_margin(&mut out, side.document, side.clean, cut_reasons)?;
        writeln!(out, "{}", summary_line(&result))?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

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
/// each segment's text, reasons cut to the margin's width when
/// `cut_reasons`. Colour only on a terminal and without `NO_COLOR`
/// (anstream decides).
fn print_margin(
    out: &mut impl Write,
    document: &Document,
    cleaned: &CleanDocument,
    cut_reasons: bool,
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
        } else if cut_reasons {
            truncate(&segment.reason, REASON_WIDTH)
        } else {
            segment.reason.clone()
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
fn summary_line(result: &DocumentResult) -> String {
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
