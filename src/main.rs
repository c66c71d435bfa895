//! The `parallax` command line. Parsing, output and exit codes live here;
//! every finding comes from the library crates.

mod check;
mod clean;
mod corpus;
mod eval;
mod output;

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use output::{truncate, write_output, write_output_with};
use parallax_align::{Side, align};
use parallax_clean::{CleanDocument, Furniture, clean_with};
use parallax_core::Document;
use parallax_report::{
    ComparisonResult, DocumentResult, PairResult, Templates, render_csv, render_html,
    render_markdown,
};
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The HTML templates this program ships, embedded at build time.
const TEMPLATES: Templates = Templates {
    report: include_str!("../templates/report.html"),
    corpus: include_str!("../templates/corpus.html"),
};

/// Compare reports of the same event from different outlets.
#[derive(Debug, Parser)]
#[command(name = "parallax", version, about, long_about = None)]
pub struct Cli {
    /// Also report files skipped while walking directories.
    #[arg(short, long, global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

/// How documents are found and cleaned; shared by every command that reads
/// documents.
#[derive(Debug, Args)]
struct InputOptions {
    /// Files (.txt, .html, .jsonl, .json, optionally .gz) or directories to
    /// search for them (a manifest.toml in a directory gives outlet,
    /// language and date).
    #[arg(required = true, value_name = "FILES OR DIRS")]
    paths: Vec<PathBuf>,
    /// A line found in this many documents of one outlet is page furniture
    /// (header, footer, disclaimer); 0 turns the rule off.
    #[arg(long, default_value_t = 3, value_name = "N")]
    furniture_min_documents: usize,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Clean, align and score every pair of the given documents.
    ///
    /// Without -o or --json, prints a summary table to the terminal.
    Compare {
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
    },
    /// Show what cleaning keeps and sets aside, and why.
    ///
    /// Prints each segment with its byte range, kind and reason in a margin
    /// (coloured on a terminal unless `NO_COLOR` is set).
    Clean {
        #[command(flatten)]
        input: InputOptions,
        /// Print the documents with their segments as JSON instead.
        #[arg(long, conflicts_with = "text")]
        json: bool,
        /// Print only the story: body and in-body headings, paragraphs
        /// separated by blank lines.
        #[arg(long)]
        text: bool,
    },
    /// Find reuse across a whole corpus: candidate pairs from MinHash LSH
    /// and shared passages, only those aligned, and the reuse grouped into
    /// stories.
    ///
    /// Inputs are streamed (JSON Lines line by line) and documents wait on
    /// disk between stages, in the system's temporary folder. Up to 100
    /// documents, every pair is aligned. Writes pairs.jsonl (one pair a
    /// line, as in compare's JSON), clusters.json (each story's documents,
    /// its earliest publisher where dates are known, and who copied whom),
    /// index.html (stories, the pairs with most reuse, outlets by outlets)
    /// and pages/ (the side-by-side report of those pairs) into the output
    /// folder. With --workers, --processes or --hostfile the job runs on
    /// timely dataflow and writes the same files.
    Corpus {
        #[command(flatten)]
        input: InputOptions,
        /// The folder to write into (created if missing).
        #[arg(short, long, value_name = "OUT_DIR")]
        output: PathBuf,
        /// Threads for reading, cleaning and alignment (all cores by
        /// default).
        #[arg(long, value_name = "N")]
        threads: Option<usize>,
        /// Write a side-by-side page for every pair with reuse, not only
        /// for the 50 with most.
        #[arg(long)]
        all_pages: bool,
        #[command(flatten)]
        cluster: corpus::ClusterOptions,
    },
    /// Measure parallax on public benchmark data.
    #[command(subcommand)]
    Eval(eval::EvalCommand),
    /// Recompute fixture corpora and compare them with their golden results.
    ///
    /// Each subfolder of FIXTURES is a corpus with an expected.json and an
    /// optional check.toml (score tolerance, which parts to compare, the
    /// furniture threshold). Exit status 0 when every corpus holds, 1
    /// when something drifted, 2 on an error.
    Check {
        #[arg(value_name = "FIXTURES")]
        fixtures: PathBuf,
        /// Rewrite expected.json from the current results and say what
        /// changed.
        #[arg(long)]
        bless: bool,
        /// Write the drift report as JSON here ("-" for standard output).
        #[arg(long, value_name = "DRIFT.json")]
        json: Option<PathBuf>,
        /// Print the drift report as Markdown, for a pull-request comment.
        #[arg(long, value_enum, value_name = "FORMAT")]
        format: Option<CheckFormat>,
    },
}

/// How `check` prints its report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum CheckFormat {
    Text,
    Md,
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

/// Bad input or an output that cannot be written: exit status 2.
#[derive(Debug)]
struct UsageError(String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Check {
            fixtures,
            bless,
            json,
            format,
        } => check::run(
            &fixtures,
            bless,
            json.as_deref(),
            format == Some(CheckFormat::Md),
            cli.verbose,
        ),
        command => run(command, cli.verbose).map(|()| ExitCode::SUCCESS),
    };
    match outcome {
        Ok(code) => code,
        Err(error) => {
            if is_broken_pipe(&error) {
                return ExitCode::SUCCESS;
            }
            let input_error = error
                .downcast_ref::<parallax_ingest::IngestError>()
                .is_some()
                || error.downcast_ref::<UsageError>().is_some();
            // One line: the chain of causes, most specific last.
            let message: Vec<String> = error.chain().map(ToString::to_string).collect();
            write_error_line(&message.join(": "));
            if input_error {
                ExitCode::from(2)
            } else {
                ExitCode::from(1)
            }
        }
    }
}

#[allow(
    clippy::print_stderr,
    reason = "the binary reports its own errors on standard error"
)]
fn write_error_line(message: &str) {
    eprintln!("parallax: error: {message}");
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn run(command: Command, verbose: bool) -> anyhow::Result<()> {
    match command {
        Command::Compare {
            input,
            output,
            format,
            json,
        } => {
            // --format alone writes to standard output.
            let output = output.or_else(|| format.map(|_| PathBuf::from("-")));
            let report = output.map(|path| {
                let format = format.unwrap_or_else(|| ReportFormat::of(&path));
                (path, format)
            });
            compare(&input, verbose, report.as_ref(), json.as_deref())
        }
        Command::Clean { input, json, text } => clean_command(&input, verbose, json, text),
        Command::Eval(command) => eval::run(&command),
        Command::Corpus {
            input,
            output,
            threads,
            all_pages,
            cluster,
        } => corpus::run(&input, verbose, &output, threads, all_pages, &cluster),
        Command::Check { .. } => unreachable!("check is run by main"),
    }
}

#[allow(
    clippy::print_stderr,
    reason = "the binary reports what it set aside on standard error"
)]
fn write_note(note: &parallax_ingest::Note) {
    eprintln!("parallax: note: {note}");
}

/// Reads and cleans the documents, reporting what ingest set aside.
fn load_and_clean(
    input: &InputOptions,
    verbose: bool,
) -> anyhow::Result<(Vec<Document>, Vec<CleanDocument>)> {
    let loaded = parallax_ingest::load(&input.paths)?;
    for note in &loaded.notes {
        if note.important || verbose {
            write_note(note);
        }
    }
    let mut documents = loaded.documents;
    let furniture = Furniture::learn(&documents, input.furniture_min_documents);
    for document in &mut documents {
        let is_furniture = furniture.line_test(document);
        parallax_ingest::retitle(document, is_furniture);
    }
    // Each document is cleaned on its own; rayon keeps their order.
    let cleaned = documents
        .par_iter()
        .map(|document| clean_with(document, &furniture))
        .collect();
    Ok((documents, cleaned))
}

/// Reads, cleans and aligns every pair: the result `compare` reports and
/// `check` compares, with the documents it indexes.
fn comparison(
    input: &InputOptions,
    verbose: bool,
) -> anyhow::Result<(Vec<Document>, ComparisonResult)> {
    let (documents, cleaned) = load_and_clean(input, verbose)?;
    let mut pairs = Vec::new();
    let mut indices = Vec::new();
    for first in 0..documents.len() {
        for second in first + 1..documents.len() {
            let alignment = align(
                Side::new(&documents[first], &cleaned[first]),
                Side::new(&documents[second], &cleaned[second]),
            );
            pairs.push(PairResult::new(
                &documents[first],
                &documents[second],
                alignment,
            ));
            indices.push((first, second));
        }
    }
    let inputs: Vec<parallax_frame::Input<'_>> = documents
        .iter()
        .zip(&cleaned)
        .map(|(document, clean)| parallax_frame::Input { document, clean })
        .collect();
    let pair_links: Vec<parallax_frame::PairLinks<'_>> = indices
        .iter()
        .zip(&pairs)
        .map(|(&(a, b), pair)| parallax_frame::PairLinks {
            a,
            b,
            links: &pair.links,
        })
        .collect();
    let framing = parallax_frame::frame(&inputs, &pair_links);
    let results = documents
        .iter()
        .zip(&cleaned)
        .map(|(document, cleaned)| DocumentResult::new(document, cleaned))
        .collect();
    Ok((
        documents,
        ComparisonResult::new(results, pairs).with_framing(framing),
    ))
}

fn compare(
    input: &InputOptions,
    verbose: bool,
    report: Option<&(PathBuf, ReportFormat)>,
    json: Option<&Path>,
) -> anyhow::Result<()> {
    let (documents, result) = comparison(input, verbose)?;

    // Render everything before writing anything, so a failure leaves no
    // partial output.
    let json_text = match json {
        Some(_) => Some(
            serde_json::to_string_pretty(&result).context("serialising the JSON result")? + "\n",
        ),
        None => None,
    };
    let report_text = match report {
        Some((_, ReportFormat::Html)) => {
            let texts: Vec<&str> = documents
                .iter()
                .map(|document| document.text.as_str())
                .collect();
            Some(render_html(&result, &texts, &TEMPLATES)?)
        }
        Some((_, ReportFormat::Json)) => Some(
            serde_json::to_string_pretty(&result).context("serialising the JSON result")? + "\n",
        ),
        Some((_, ReportFormat::Csv)) => {
            Some(render_csv(&result).context("writing the score table")?)
        }
        Some((_, ReportFormat::Md)) => Some(render_markdown(&result)),
        None => None,
    };
    if let (Some(path), Some(text)) = (json, &json_text) {
        write_output(path, text)?;
    }
    if let (Some((path, _)), Some(text)) = (report, &report_text) {
        write_output(path, text)?;
    }
    if json.is_none() && report.is_none() {
        print_summary(&result)?;
    }
    Ok(())
}

fn clean_command(
    input: &InputOptions,
    verbose: bool,
    json: bool,
    text: bool,
) -> anyhow::Result<()> {
    let (documents, cleaned) = load_and_clean(input, verbose)?;
    if json {
        let results: Vec<DocumentResult> = documents
            .iter()
            .zip(&cleaned)
            .map(|(document, cleaned)| DocumentResult::new(document, cleaned))
            .collect();
        return write_output_with(Path::new("-"), |out| {
            serde_json::to_writer_pretty(&mut *out, &results)?;
            writeln!(out)
        });
    }
    let mut out = anstream::stdout().lock();
    for (number, (document, cleaned)) in documents.iter().zip(&cleaned).enumerate() {
        if number > 0 {
            writeln!(out)?;
        }
        if text {
            out.write_all(cleaned.story_text(&document.text).as_bytes())?;
            continue;
        }
        let result = DocumentResult::new(document, cleaned);
        let bold = anstyle::Style::new().bold();
        writeln!(out, "{bold}{} ({}){bold:#}", document.id, document.path)?;
        clean::print_margin(&mut out, document, cleaned)?;
        writeln!(out, "{}", clean::summary_line(&result))?;
    }
    out.flush()?;
    Ok(())
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
        "{:<24} {:<28} {:>10} {:>12}  most quoted",
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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_valid() {
        Cli::command().debug_assert();
    }
}
