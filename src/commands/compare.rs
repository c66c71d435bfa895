//! `parallax compare`: every pair of the given documents, as a report
//! (HTML, JSON, CSV, Markdown) or a summary table on the terminal.

use super::InputOptions;
use crate::failure::Failure;
use crate::output::truncate;
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
    /// The format a file name asks for (HTML for standard output); a name
    /// with no known extension is an error rather than a guess.
    fn of(path: &Path) -> Result<Self, Failure> {
        if path == Path::new("-") {
            return Ok(Self::Html);
        }
        let extension = path
            .extension()
            .and_then(|extension| extension.to_str())
            .map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("html" | "htm") => Ok(Self::Html),
            Some("json") => Ok(Self::Json),
            Some("csv") => Ok(Self::Csv),
            Some("md" | "markdown") => Ok(Self::Md),
            _ => Err(Failure::Usage(format!(
                "{}: no report format has that extension; name the file .html, .json, .csv or .md, or give --format html|json|csv|md",
                path.display()
            ))),
        }
    }
}

/// Refuses an output that is one of the documents just read: writing the
/// report over its own input would lose it.
fn refuse_inputs(outputs: &[&Path], prepared: &parallax_pipeline::Prepared) -> Result<(), Failure> {
    for output in outputs {
        if *output == Path::new("-") {
            continue;
        }
        let Ok(written) = std::fs::canonicalize(output) else {
            continue;
        };
        let read = prepared.documents.iter().any(|document| {
            std::fs::canonicalize(&document.path).is_ok_and(|path| path == written)
        });
        if read {
            return Err(Failure::Usage(format!(
                "{}: this is one of the documents compared; write the report to another file",
                output.display()
            )));
        }
    }
    Ok(())
}

/// Writes an output: its text, or with none the JSON result, serialised
/// as it is written.
fn produce(
    out: &mut dyn Write,
    result: &ComparisonResult,
    text: Option<&str>,
) -> std::io::Result<()> {
    if let Some(text) = text {
        return out.write_all(text.as_bytes());
    }
    serde_json::to_writer_pretty(&mut *out, result)?;
    out.write_all(b"\n")
}

pub fn run(arguments: &CompareArguments, verbose: bool) -> Result<ExitCode, Failure> {
    // --format alone writes to standard output.
    let output =
        (arguments.output.clone()).or_else(|| arguments.format.map(|_| PathBuf::from("-")));
    let report = output
        .map(|path| -> Result<_, Failure> {
            let format = match arguments.format {
                Some(format) => format,
                None => ReportFormat::of(&path)?,
            };
            Ok((path, format))
        })
        .transpose()?;
    let json = arguments.json.as_deref();
    // A model that cannot be loaded is an error before any reading.
    let model = arguments
        .model
        .as_deref()
        .map(parallax_embed::Model::load)
        .transpose()?;
    let mut prepared = arguments.input.load(verbose)?;
    let outputs: Vec<&Path> = report
        .iter()
        .map(|(path, _)| path.as_path())
        .chain(json)
        .collect();
    refuse_inputs(&outputs, &prepared)?;
    let count = prepared.documents.len();
    if count > parallax_corpus::ALL_PAIRS_UP_TO {
        // Said before the work, which grows with the square of the count.
        crate::output::write_status(&format!(
            "note: {count} documents make {} pairs, every one aligned and held in memory, and the \
             HTML report shows the {} with most shared text side by side; `parallax corpus` is \
             made for more than {} documents (it aligns only candidate pairs and writes them as \
             it goes)",
            parallax_report::thousands(count * (count - 1) / 2),
            parallax_report::SECTIONS,
            parallax_corpus::ALL_PAIRS_UP_TO
        ));
    }
    if let Some(model) = &model {
        prepared.embed(model)?;
    }
    let result = parallax_pipeline::compare(&prepared);

    // Render everything before putting anything in place, so a failure
    // leaves no partial output. JSON is written as it is serialised, never
    // held whole: a run over many documents makes a large one.
    let report_text = match &report {
        Some((_, ReportFormat::Html)) => {
            let texts: Vec<&str> = prepared
                .documents
                .iter()
                .map(|document| document.text.as_str())
                .collect();
            Some(render_html(&result, &texts, &crate::TEMPLATES)?)
        }
        Some((_, ReportFormat::Csv)) => Some(render_csv(&result)?),
        Some((_, ReportFormat::Md)) => Some(render_markdown(&result)),
        Some((_, ReportFormat::Json)) | None => None,
    };
    // The JSON result, then the report: (path, its text, or None for JSON).
    let outputs_written: Vec<(&Path, Option<&str>)> = json
        .map(|path| (path, None))
        .into_iter()
        .chain(
            report
                .as_ref()
                .map(|(path, _)| (path.as_path(), report_text.as_deref())),
        )
        .collect();
    // Files are written all or none: a report that cannot be written
    // leaves the JSON result beside it as it was.
    let staged = outputs_written
        .iter()
        .filter(|(path, _)| *path != Path::new("-"))
        .map(|&(path, text)| parallax_report::write::stage(path, |out| produce(out, &result, text)))
        .collect::<Result<Vec<_>, _>>()?;
    for file in staged {
        file.commit()?;
    }
    for &(path, text) in &outputs_written {
        if path == Path::new("-") {
            crate::output::write_output_with(path, |out| produce(out, &result, text))?;
        }
    }
    if json.is_none() && report.is_none() {
        print_summary(&result)?;
    }
    // Said once the run has done what it could: a failure before this
    // point is the one line a reader gets.
    if let [only] = &prepared.documents[..] {
        crate::output::write_status(&format!(
            "only one document was read ({}); a comparison needs two or more",
            only.path
        ));
    }
    let written: Vec<String> = outputs
        .iter()
        .filter(|path| **path != Path::new("-"))
        .map(|path| path.display().to_string())
        .collect();
    if !written.is_empty() {
        let linked = result
            .pairs
            .iter()
            .filter(|pair| !pair.links.is_empty())
            .count();
        crate::output::write_status(&format!(
            "compared {} ({}, {} with shared sentences); wrote {}",
            crate::output::counted(result.documents.len(), "document"),
            crate::output::counted(result.pairs.len(), "pair"),
            parallax_report::thousands(linked),
            written.join(" and ")
        ));
    }
    Ok(ExitCode::SUCCESS)
}

fn print_summary(result: &ComparisonResult) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{}, {}",
        crate::output::counted(result.documents.len(), "document"),
        crate::output::counted(result.pairs.len(), "pair")
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
