//! The commands, one module each, and what they share: how documents are
//! found and prepared.

mod check;
mod clean;
mod compare;
mod corpus;
mod eval;

use crate::failure::Failure;
use clap::{Args, Subcommand};
use parallax_pipeline::{Options, Prepared};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Clean, align and score every pair of the given documents.
    ///
    /// Without -o or --json, prints a summary table to the terminal.
    Compare(compare::CompareArguments),
    /// Show what cleaning keeps and sets aside, and why.
    ///
    /// Prints each segment with its byte range, kind and reason in a margin
    /// (coloured on a terminal unless `NO_COLOR` is set).
    Clean(clean::CleanArguments),
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
    Corpus(corpus::CorpusArguments),
    /// Measure parallax on public benchmark data.
    #[command(subcommand)]
    Eval(eval::EvalCommand),
    /// Recompute fixture corpora and compare them with their golden results.
    ///
    /// Each subfolder of FIXTURES is a corpus with an expected.json and an
    /// optional check.toml (score tolerance, which parts to compare, the
    /// furniture threshold). Exit status 0 when every corpus holds, 1
    /// when something drifted, 2 on an error.
    Check(check::CheckArguments),
}

/// Runs a command; its exit status when it ran to the end.
pub fn run(command: Command, verbose: bool) -> Result<ExitCode, Failure> {
    match command {
        Command::Compare(arguments) => compare::run(&arguments, verbose),
        Command::Clean(arguments) => clean::run(&arguments, verbose),
        Command::Corpus(arguments) => corpus::run(&arguments, verbose),
        Command::Eval(command) => eval::run(&command),
        Command::Check(arguments) => check::run(&arguments, verbose),
    }
}

/// How documents are found and cleaned; shared by every command that reads
/// documents.
#[derive(Debug, Args)]
pub struct InputOptions {
    /// Files (.txt, .html, .jsonl, .json, optionally .gz) or directories to
    /// search for them (a manifest.toml in a directory gives outlet,
    /// language and date).
    #[arg(required = true, value_name = "FILES OR DIRS")]
    paths: Vec<PathBuf>,
    /// A sentence found in this many documents of one outlet is page furniture
    /// (header, footer, disclaimer); 0 turns the rule off.
    #[arg(
        long,
        default_value_t = parallax_clean::Furniture::DEFAULT_MIN_DOCUMENTS,
        value_name = "N"
    )]
    furniture_min_documents: usize,
    /// The most one document may hold once decompressed (a file read
    /// whole, or one line of JSON Lines); larger ones are refused rather
    /// than filling memory. In bytes, or with a unit: 500K, 64M, 2G.
    #[arg(long, default_value = "64M", value_name = "SIZE", value_parser = parse_size)]
    max_document_size: u64,
}

/// A size given on the command line: bytes, or a number with K, M or G
/// (powers of 1,024, an optional trailing `B` or `iB`).
fn parse_size(given: &str) -> Result<u64, String> {
    let trimmed = given.trim();
    let upper = trimmed.to_ascii_uppercase();
    let upper = upper
        .strip_suffix("IB")
        .or_else(|| upper.strip_suffix('B'))
        .unwrap_or(&upper);
    let (number, scale) = match upper.char_indices().last() {
        Some((at, 'K')) => (&upper[..at], 1_u64 << 10),
        Some((at, 'M')) => (&upper[..at], 1 << 20),
        Some((at, 'G')) => (&upper[..at], 1 << 30),
        Some((at, 'T')) => (&upper[..at], 1 << 40),
        _ => (upper, 1),
    };
    let number: f64 = number
        .trim()
        .parse()
        .ok()
        .filter(|number: &f64| number.is_finite() && *number >= 1.0)
        .ok_or_else(|| format!("{given:?} is not a size (give bytes, or e.g. 500K, 64M, 2G)"))?;
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a positive finite size, saturating at the largest u64"
    )]
    Ok((number * scale as f64) as u64)
}

impl InputOptions {
    fn options(&self) -> Options {
        Options {
            furniture_min_documents: self.furniture_min_documents,
            max_document_bytes: self.max_document_size,
        }
    }

    /// Reads and prepares the documents, writing what reading set aside.
    fn load(&self, verbose: bool) -> Result<Prepared, Failure> {
        let prepared = parallax_pipeline::load(&self.paths, &self.options())?;
        crate::output::write_notes(&prepared.notes, verbose);
        Ok(prepared)
    }
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes_are_read_with_or_without_a_unit() {
        assert_eq!(parse_size("300"), Ok(300));
        assert_eq!(parse_size("500K"), Ok(500 * 1024));
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("64MiB"), Ok(64 << 20));
        assert_eq!(parse_size("1.5g"), Ok(3 << 29));
        assert_eq!(parse_size("2GB"), Ok(2 << 30));
        for bad in ["", "M", "-3M", "0", "nan", "lots"] {
            assert!(parse_size(bad).is_err(), "{bad}");
        }
    }
}
