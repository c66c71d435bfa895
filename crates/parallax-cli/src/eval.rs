//! `parallax eval`: parallax measured on public benchmark data.

use crate::UsageError;
use crate::output::write_output;
use clap::Subcommand;
use parallax_clean::{Furniture, clean_with};
use parallax_core::{Document, Evidence, SourceFormat};
use parallax_eval::extraction::{PageScore, Summary, read_benchmark};
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Score `parallax clean --text` against gold article bodies.
    ///
    /// DIR is in the article-extraction-benchmark layout:
    /// html/<key>.html.gz and ground-truth.json ({key: {articleBody, url}}).
    /// Prints precision, recall and F1 of word 4-gram shingles (means over
    /// pages), for parallax and for its HTML extractor alone.
    Extraction {
        #[arg(value_name = "DIR")]
        directory: PathBuf,
        /// Also write every page's scores as JSON here ("-" for standard
        /// output).
        #[arg(long, value_name = "SCORES.json")]
        json: Option<PathBuf>,
    },
}

#[derive(Debug, Serialize)]
struct PageResult {
    key: String,
    parallax: PageScore,
    extractor: PageScore,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

#[derive(Debug, Serialize)]
struct ExtractionReport {
    benchmark: String,
    parallax: Summary,
    extractor: Summary,
    pages: Vec<PageResult>,
}

pub fn run(command: &EvalCommand) -> anyhow::Result<()> {
    match command {
        EvalCommand::Extraction { directory, json } => extraction(directory, json.as_ref()),
    }
}

fn extraction(directory: &std::path::Path, json: Option<&PathBuf>) -> anyhow::Result<()> {
    let pages = read_benchmark(directory).map_err(|error| UsageError(error.to_string()))?;
    let mut documents: Vec<Result<Document, String>> = Vec::with_capacity(pages.len());
    for page in &pages {
        let input = parallax_ingest::Input {
            path: page.html.clone(),
            display: page.html.display().to_string(),
            format: SourceFormat::Html,
            gzip: true,
            manifest: None,
        };
        documents.push(
            parallax_ingest::read(&input)
                .map_err(|error| error.to_string())
                .and_then(|mut loaded| {
                    loaded
                        .documents
                        .pop()
                        .ok_or_else(|| "no document".to_owned())
                }),
        );
    }
    let readable: Vec<Document> = documents
        .iter()
        .filter_map(|document| document.as_ref().ok().cloned())
        .collect();
    // The pages come from many sites; furniture is learnt across them as a
    // `compare` run over the same files would.
    let furniture = Furniture::learn(&readable, 3);
    let mut results = Vec::with_capacity(pages.len());
    for (page, document) in pages.iter().zip(&documents) {
        let (story, extracted, error) = match document {
            Ok(document) => {
                let cleaned = clean_with(document, &furniture);
                (
                    cleaned.story_text(&document.text),
                    without_headline(document),
                    None,
                )
            }
            Err(error) => (String::new(), String::new(), Some(error.clone())),
        };
        results.push(PageResult {
            key: page.key.clone(),
            parallax: PageScore::compare(&page.body, &story),
            extractor: PageScore::compare(&page.body, &extracted),
            error,
        });
    }
    let parallax: Vec<PageScore> = results.iter().map(|page| page.parallax).collect();
    let extractor: Vec<PageScore> = results.iter().map(|page| page.extractor).collect();
    let report = ExtractionReport {
        benchmark: directory.display().to_string(),
        parallax: Summary::of(&parallax),
        extractor: Summary::of(&extractor),
        pages: results,
    };
    if let Some(path) = json {
        write_output(path, &(serde_json::to_string_pretty(&report)? + "\n"))?;
        if path.as_os_str() == "-" {
            return Ok(());
        }
    }
    let mut out = std::io::stdout().lock();
    let failed = report
        .pages
        .iter()
        .filter(|page| page.error.is_some())
        .count();
    writeln!(
        out,
        "article extraction: {} pages ({failed} unreadable) in {}",
        report.pages.len(),
        report.benchmark
    )?;
    writeln!(
        out,
        "{:<44} {:>9} {:>7} {:>7}",
        "", "precision", "recall", "F1"
    )?;
    for (name, summary) in [
        ("parallax clean --text", report.parallax),
        ("HTML extractor alone (rs-trafilatura)", report.extractor),
    ] {
        writeln!(
            out,
            "{name:<44} {:>9.3} {:>7.3} {:>7.3}",
            summary.precision, summary.recall, summary.f1
        )?;
    }
    out.flush()?;
    Ok(())
}

/// The extracted text without the headline parallax puts on top: what the
/// extractor itself returned.
fn without_headline(document: &Document) -> String {
    match document
        .found
        .iter()
        .find(|found| found.evidence == Evidence::Title && found.span.start == 0)
    {
        Some(found) => document.text[found.span.end..].to_owned(),
        None => document.text.clone(),
    }
}
