//! The `parallax` command line. Parsing, output and exit codes live here;
//! every finding comes from the library crates.

use anyhow::Context;
use clap::{Parser, Subcommand};
use parallax_align::{Side, align};
use parallax_clean::clean;
use parallax_report::{ComparisonResult, DocumentResult, PairResult, render_html};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Compare reports of the same event from different outlets.
#[derive(Debug, Parser)]
#[command(name = "parallax", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Clean, align and score every pair of the given documents.
    ///
    /// Without -o or --json, prints a summary table to the terminal.
    Compare {
        /// Text files, or directories to search for .txt files (a
        /// manifest.toml in a directory gives outlet, language and date).
        #[arg(required = true, value_name = "FILES OR DIRS")]
        paths: Vec<PathBuf>,
        /// Write the self-contained HTML report here.
        #[arg(short = 'o', long = "output", value_name = "REPORT.html")]
        output: Option<PathBuf>,
        /// Write the JSON result here ("-" for standard output).
        #[arg(long, value_name = "RESULT.json")]
        json: Option<PathBuf>,
    },
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
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
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

fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Compare {
            paths,
            output,
            json,
        } => compare(&paths, output.as_deref(), json.as_deref()),
    }
}

fn compare(paths: &[PathBuf], output: Option<&Path>, json: Option<&Path>) -> anyhow::Result<()> {
    let documents = parallax_ingest::load(paths)?;
    let cleaned: Vec<_> = documents.iter().map(clean).collect();
    let mut pairs = Vec::new();
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
        }
    }
    let results = documents
        .iter()
        .zip(&cleaned)
        .map(|(document, cleaned)| DocumentResult::new(document, cleaned))
        .collect();
    let result = ComparisonResult::new(results, pairs);

    // Render everything before writing anything, so a failure leaves no
    // partial output.
    let json_text = match json {
        Some(_) => Some(
            serde_json::to_string_pretty(&result).context("serialising the JSON result")? + "\n",
        ),
        None => None,
    };
    let html_text = match output {
        Some(_) => {
            let texts: Vec<&str> = documents
                .iter()
                .map(|document| document.text.as_str())
                .collect();
            Some(render_html(&result, &texts)?)
        }
        None => None,
    };
    if let (Some(path), Some(text)) = (json, &json_text) {
        write_output(path, text)?;
    }
    if let (Some(path), Some(text)) = (output, &html_text) {
        write_output(path, text)?;
    }
    if json.is_none() && output.is_none() {
        print_summary(&result)?;
    }
    Ok(())
}

/// Writes to a temporary file beside the target and renames it into place,
/// so readers never see half a report and a failed run keeps the old one.
fn write_output(path: &Path, contents: &str) -> anyhow::Result<()> {
    if path == Path::new("-") {
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(contents.as_bytes())?;
        stdout.flush()?;
        return Ok(());
    }
    let display = path.display();
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let fail = |reason: String| UsageError(format!("{display}: cannot write: {reason}"));
    let mut file =
        tempfile::NamedTempFile::new_in(directory).map_err(|error| fail(error.to_string()))?;
    file.write_all(contents.as_bytes())
        .and_then(|()| file.flush())
        .map_err(|error| fail(error.to_string()))?;
    file.persist(path)
        .map_err(|error| fail(error.error.to_string()))?;
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
        "{:<24} {:<28} {:>10} {:>12}",
        "document", "outlet", "body words", "set aside"
    )?;
    for document in &result.documents {
        let set_aside: usize = document
            .segments
            .iter()
            .filter(|segment| segment.kind.is_set_aside())
            .map(|segment| segment.end - segment.start)
            .sum();
        writeln!(
            out,
            "{:<24} {:<28} {:>10} {:>12}",
            truncate(&document.id, 24),
            truncate(document.metadata.outlet.as_deref().unwrap_or("?"), 28),
            document.body_words,
            format!("{set_aside} B"),
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "{:<24} {:<24} {:>10} {:>10} {:>10} {:>6}",
        "a", "b", "similarity", "coverage a", "coverage b", "links"
    )?;
    let mut pairs: Vec<_> = result.pairs.iter().collect();
    pairs.sort_by(|left, right| right.scores.similarity.total_cmp(&left.scores.similarity));
    for pair in pairs {
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

fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut shortened: String = text.chars().take(width - 1).collect();
    shortened.push('…');
    shortened
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_valid() {
        Cli::command().debug_assert();
    }

    #[test]
    fn truncation_keeps_width() {
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("Anadolu Agency International", 10), "Anadolu A…");
    }
}
