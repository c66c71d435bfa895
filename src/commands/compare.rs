//! `parallax compare`: every pair of the given documents, as a report
//! (HTML, JSON, CSV, Markdown) or a summary table on the terminal.

use super::InputOptions;
use crate::failure::Failure;
use crate::output::{truncate, write_output};
use clap::Args;
use parallax_report::{ComparisonResult, render_csv, render_html, render_markdown};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct CompareArguments {
    #[command(flatten)]
    input: InputOptions,
    /// Write the report here ("-" for standard output), in the format
    /// its extension names (.html, .json, .csv, .md) unless --format
    /// says otherwise.
    #[arg(short = 'o', long = "output", value_name = "REPORT.html")]
    output: Option<PathBuf>,
    /// The report's format: html (self-contained, side by side), json
    /// (the full result), csv (one row of scores per pair) or md (a
    /// summary for a pull-request comment). Without -o, it goes to
    /// standard output.
    #[arg(long, value_enum, value_name = "FORMAT")]
    format: Option<ReportFormat>,
    /// Write the JSON result here ("-" for standard output).
    #[arg(long, value_name = "RESULT.json")]
    json: Option<PathBuf>,
    /// A sentence-transformers folder (`make model` unpacks one): sentences
    /// are then linked on their meaning as well as their words, and each
    /// link says which made it. Without it, words alone decide.
    #[arg(long, value_name = "DIR", env = "PARALLAX_MODEL")]
    model: Option<PathBuf>,
}

/// What `compare -o` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ReportFormat {
    Html,
    Json,
    Csv,
    Md,
}

impl ReportFormat {
    /// The format a file name asks for; HTML when it names none.
    fn of(path: &Path) -> Self {
        let extension = path
            .extension()
            .and_then(|extension| extension.to_str())
            .map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("json") => Self::Json,
            Some("csv") => Self::Csv,
            Some("md" | "markdown") => Self::Md,
            _ => Self::Html,
        }
    }
}

fn to_json(result: &ComparisonResult) -> Result<String, Failure> {
    Ok(serde_json::to_string_pretty(result)? + "\n")
}

pub fn run(arguments: &CompareArguments, verbose: bool) -> Result<ExitCode, Failure> {
    // --format alone writes to standard output.
    let output =
        (arguments.output.clone()).or_else(|| arguments.format.map(|_| PathBuf::from("-")));
    let report = output.map(|path| {
        let format = arguments.format.unwrap_or_else(|| ReportFormat::of(&path));
        (path, format)
    });
    let json = arguments.json.as_deref();
    // A model that cannot be loaded is an error before any reading.
    let model = arguments
        .model
        .as_deref()
        .map(parallax_embed::Model::load)
        .transpose()?;
    let mut prepared = arguments.input.load(verbose)?;
    if let Some(model) = &model {
        prepared.embed(model)?;
    }
    let result = parallax_pipeline::compare(&prepared);

    // Render everything before writing anything, so a failure leaves no
    // partial output.
    let json_text = json.map(|_| to_json(&result)).transpose()?;
    let report_text = match &report {
        Some((_, ReportFormat::Html)) => {
            let texts: Vec<&str> = prepared
                .documents
                .iter()
                .map(|document| document.text.as_str())
                .collect();
            Some(render_html(&result, &texts, &crate::TEMPLATES)?)
        }
        Some((_, ReportFormat::Json)) => Some(to_json(&result)?),
        Some((_, ReportFormat::Csv)) => Some(render_csv(&result)?),
        Some((_, ReportFormat::Md)) => Some(render_markdown(&result)),
        None => None,
    };
    if let (Some(path), Some(text)) = (json, &json_text) {
        write_output(path, text)?;
    }
    if let (Some((path, _)), Some(text)) = (&report, &report_text) {
        write_output(path, text)?;
    }
    if json.is_none() && report.is_none() {
        print_summary(&result)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn print_summary(result: &ComparisonResult) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{} documents, {} pairs",
        result.documents.len(),
        result.pairs.len()
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "{:<24} {:<28} {:>10} {:>12}  quoted most by name",
        "document", "outlet", "body words", "set aside"
    )?;
    for (number, document) in result.documents.iter().enumerate() {
        let most_quoted = result.most_quoted(number);
        let set_aside: usize = document
            .segments
            .iter()
            .filter(|segment| segment.kind.is_set_aside())
            .map(|segment| segment.end - segment.start)
            .sum();
        writeln!(
            out,
            "{:<24} {:<28} {:>10} {:>12}  {}",
            truncate(&document.id, 24),
            truncate(document.metadata.outlet.as_deref().unwrap_or("?"), 28),
            document.body_words,
            format!("{set_aside} B"),
            truncate(&most_quoted, 40),
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "{:<24} {:<24} {:>10} {:>10} {:>10} {:>6}",
        "a", "b", "similarity", "coverage a", "coverage b", "links"
    )?;
    for index in parallax_report::most_similar_first(&result.pairs) {
        let pair = &result.pairs[index];
        writeln!(
            out,
            "{:<24} {:<24} {:>10.4} {:>10.4} {:>10.4} {:>6}",
            truncate(&pair.a, 24),
            truncate(&pair.b, 24),
            pair.scores.similarity,
            pair.scores.coverage_a,
            pair.scores.coverage_b,
            pair.links.len()
        )?;
    }
    out.flush()
}
