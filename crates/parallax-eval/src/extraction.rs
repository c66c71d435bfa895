//! The metric and data layout of the article-extraction-benchmark
//! (scrapinghub, MIT): per page, the multisets of word 4-gram shingles of
//! the gold `articleBody` and of the prediction give true positives, false
//! positives and false negatives, normalised by their sum so long pages do
//! not weigh more. Precision is the mean over pages that predicted
//! something, recall the mean over pages with a gold body, and F1 comes from
//! the two means.

use crate::EvalError;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// Words in the benchmark's sense: runs of Unicode word characters, case
/// kept.
static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\w+").expect("valid regex"));
const SHINGLE_WORDS: usize = 4;

/// One page of the benchmark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BenchmarkPage {
    pub key: String,
    /// `html/<key>.html.gz`.
    pub html: PathBuf,
    pub url: Option<String>,
    /// The gold article body.
    pub body: String,
}

#[derive(Debug, Deserialize)]
struct GroundTruthEntry {
    #[serde(rename = "articleBody", default)]
    article_body: String,
    url: Option<String>,
}

/// Reads `DIR/ground-truth.json` and pairs each key with its page, in key
/// order.
pub fn read_benchmark(directory: &Path) -> Result<Vec<BenchmarkPage>, EvalError> {
    let path = directory.join("ground-truth.json");
    let display = path.display().to_string();
    let text = std::fs::read_to_string(&path).map_err(|source| EvalError::Unreadable {
        path: display.clone(),
        source,
    })?;
    let entries: BTreeMap<String, GroundTruthEntry> =
        serde_json::from_str(&text).map_err(|error| EvalError::Format {
            path: display,
            reason: format!("not a ground-truth file: {error}"),
        })?;
    Ok(entries
        .into_iter()
        .map(|(key, entry)| BenchmarkPage {
            html: directory.join("html").join(format!("{key}.html.gz")),
            key,
            url: entry.url,
            body: entry.article_body,
        })
        .collect())
}

fn shingles(text: &str) -> HashMap<Vec<&str>, usize> {
    let words: Vec<&str> = WORD.find_iter(text).map(|word| word.as_str()).collect();
    let mut counts = HashMap::new();
    if words.is_empty() {
        return counts;
    }
    // As the benchmark does: a text shorter than a shingle is one shingle.
    let windows = words.len().saturating_sub(SHINGLE_WORDS - 1).max(1);
    for start in 0..windows {
        let end = (start + SHINGLE_WORDS).min(words.len());
        *counts.entry(words[start..end].to_vec()).or_insert(0) += 1;
    }
    counts
}

/// True positives, false positives and false negatives of one page, as
/// shares of their sum.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PageScore {
    pub true_positives: f64,
    pub false_positives: f64,
    pub false_negatives: f64,
}

impl PageScore {
    #[must_use]
    pub fn compare(gold: &str, predicted: &str) -> Self {
        let gold = shingles(gold);
        let predicted = shingles(predicted);
        let (mut true_positives, mut false_positives, mut false_negatives) =
            (0usize, 0usize, 0usize);
        for (shingle, &expected) in &gold {
            let found = predicted.get(shingle).copied().unwrap_or(0);
            true_positives += expected.min(found);
            false_negatives += expected.saturating_sub(found);
        }
        for (shingle, &found) in &predicted {
            let expected = gold.get(shingle).copied().unwrap_or(0);
            false_positives += found.saturating_sub(expected);
        }
        let total = (true_positives + false_positives + false_negatives) as f64;
        let share = |count: usize| {
            if total > 0.0 {
                count as f64 / total
            } else {
                0.0
            }
        };
        Self {
            true_positives: share(true_positives),
            false_positives: share(false_positives),
            false_negatives: share(false_negatives),
        }
    }

    /// `None` when the page predicted nothing (it does not count towards
    /// precision).
    #[must_use]
    pub fn precision(&self) -> Option<f64> {
        (self.true_positives + self.false_positives > 0.0)
            .then(|| self.true_positives / (self.true_positives + self.false_positives))
    }

    /// `None` when the page has no gold body.
    #[must_use]
    pub fn recall(&self) -> Option<f64> {
        (self.true_positives + self.false_negatives > 0.0)
            .then(|| self.true_positives / (self.true_positives + self.false_negatives))
    }
}

/// Means over pages, as the benchmark reports them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub pages: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Summary {
    #[must_use]
    pub fn of(scores: &[PageScore]) -> Self {
        let mean = |values: Vec<f64>| {
            if values.is_empty() {
                0.0
            } else {
                values.iter().sum::<f64>() / values.len() as f64
            }
        };
        let precision = mean(scores.iter().filter_map(PageScore::precision).collect());
        let recall = mean(scores.iter().filter_map(PageScore::recall).collect());
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Self {
            pages: scores.len(),
            precision,
            recall,
            f1,
        }
    }
}

/// One page's scores: parallax (`clean --text`) and the HTML extractor
/// alone.
#[derive(Debug, Clone, Serialize)]
pub struct PageResult {
    pub key: String,
    pub parallax: PageScore,
    pub extractor: PageScore,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// A whole run over a benchmark directory.
#[derive(Debug, Clone, Serialize)]
pub struct ExtractionReport {
    pub benchmark: String,
    pub parallax: Summary,
    pub extractor: Summary,
    pub pages: Vec<PageResult>,
}

/// Reads every page as `compare` would (HTML extraction, furniture learnt
/// across the pages, cleaning) and scores the story text against the gold
/// body, beside the extractor's own text.
pub fn run(directory: &Path) -> Result<ExtractionReport, EvalError> {
    use parallax_core::{Document, Evidence, SourceFormat};

    let pages = read_benchmark(directory)?;
    let documents: Vec<Result<Document, String>> = pages
        .iter()
        .map(|page| {
            let input = parallax_ingest::Input::new(page.html.clone(), SourceFormat::Html, true);
            parallax_ingest::read(&input)
                .map_err(|error| error.to_string())
                .and_then(|mut loaded| {
                    loaded
                        .documents
                        .pop()
                        .ok_or_else(|| "no document".to_owned())
                })
        })
        .collect();
    let readable: Vec<Document> = documents
        .iter()
        .filter_map(|document| document.as_ref().ok().cloned())
        .collect();
    let prepared = parallax_pipeline::prepare(readable, &parallax_pipeline::Options::default());
    let mut stories = prepared
        .sides()
        .into_iter()
        .map(|side| side.clean.story_text(&side.document.text));
    // The extractor's own text: the document without the headline
    // parallax puts on top.
    let extracted = |document: &Document| match document
        .found
        .iter()
        .find(|found| found.evidence == Evidence::Title && found.span.start == 0)
    {
        Some(found) => document.text[found.span.end..].to_owned(),
        None => document.text.clone(),
    };
    let results: Vec<PageResult> = pages
        .iter()
        .zip(&documents)
        .map(|(page, document)| {
            let (story, extractor, error) = match document {
                Ok(document) => (
                    stories.next().unwrap_or_default(),
                    extracted(document),
                    None,
                ),
                Err(error) => (String::new(), String::new(), Some(error.clone())),
            };
            PageResult {
                key: page.key.clone(),
                parallax: PageScore::compare(&page.body, &story),
                extractor: PageScore::compare(&page.body, &extractor),
                error,
            }
        })
        .collect();
    let parallax: Vec<PageScore> = results.iter().map(|page| page.parallax).collect();
    let extractor: Vec<PageScore> = results.iter().map(|page| page.extractor).collect();
    Ok(ExtractionReport {
        benchmark: directory.display().to_string(),
        parallax: Summary::of(&parallax),
        extractor: Summary::of(&extractor),
        pages: results,
    })
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::float_cmp,
        reason = "the expected values are exact fractions computed by hand"
    )]
    use super::*;

    #[test]
    fn counts_shingles_as_multisets() {
        // Gold: 6 words → 3 shingles. Prediction drops the last word and
        // adds two: shingles "a b c d", "b c d e" are shared; gold's
        // "c d e f" is missed; the prediction's "c d e x", "d e x y" are
        // extra. tp 2, fp 2, fn 1 of 5.
        let score = PageScore::compare("a b c d e f", "a b c d e x y");
        assert_eq!(score.true_positives, 2.0 / 5.0);
        assert_eq!(score.false_positives, 2.0 / 5.0);
        assert_eq!(score.false_negatives, 1.0 / 5.0);
        assert_eq!(score.precision(), Some(0.5));
        assert_eq!(score.recall(), Some(2.0 / 3.0));
        // A repeated shingle counts as often as it occurs: the prediction's
        // 8 words give 5 shingles, "w x y z" twice; gold holds it once.
        let repeated = PageScore::compare("w x y z", "w x y z. w x y z");
        assert_eq!(repeated.precision(), Some(1.0 / 5.0));
    }

    #[test]
    fn short_texts_and_empty_predictions() {
        // Fewer words than a shingle: one shingle of all of them.
        assert_eq!(
            PageScore::compare("Hi there", "Hi there").precision(),
            Some(1.0)
        );
        let empty = PageScore::compare("Some gold text here today", "");
        assert_eq!(empty.precision(), None);
        assert_eq!(empty.recall(), Some(0.0));
        let summary = Summary::of(&[empty, PageScore::compare("a b c d", "a b c d")]);
        // Precision over the one page that predicted; recall over both.
        assert_eq!(summary.precision, 1.0);
        assert_eq!(summary.recall, 0.5);
        assert_eq!(summary.f1, 2.0 * 0.5 / 1.5);
    }
}
