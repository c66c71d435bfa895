//! The result of a comparison as users and tools receive it: a versioned
//! JSON model ([`ComparisonResult`]) and its HTML rendering.
//!
//! ```
//! use parallax_report::{ComparisonResult, SCHEMA_VERSION};
//!
//! let result = ComparisonResult::new(Vec::new(), Vec::new());
//! let json = serde_json::to_value(&result).unwrap();
//! assert_eq!(json["schema_version"], SCHEMA_VERSION);
//!
//! // The binary passes its own templates; any with the same context do.
//! let templates = parallax_report::Templates {
//!     report: "<!doctype html><p>{{ documents|length }} documents</p>",
//!     corpus: "",
//! };
//! let page = parallax_report::render_html(&result, &[], &templates).unwrap();
//! assert_eq!(page, "<!doctype html><p>0 documents</p>");
//! ```
//!
//! Build the model with [`ComparisonResult::new`] from what the pipeline
//! produced ([`DocumentResult::new`], [`PairResult::new`]); write it with
//! `serde_json` for machines, [`render_html`] for people reading a
//! comparison, [`render_csv`] for a spreadsheet of scores, or
//! [`render_markdown`] for a pull-request comment. Rendering only lays out
//! what the model holds: it computes no new finding.
//!
//! Modules: this file holds the model; `html` renders the side-by-side
//! report (with its `framing` panels), `corpus` a corpus run's index page,
//! `tables` CSV and Markdown, from the [`Templates`] the caller passes;
//! [`write`](mod@write) writes any output whole or not at all.

mod corpus;
mod html;
mod tables;
mod templates;
pub mod write;

pub use corpus::{Copying, CorpusDocument, CorpusPair, Story, rank_by_reuse, render_corpus_html};
pub use html::{HEATMAP_DOCUMENTS, LISTED, SECTIONS, render_html, render_html_within};
pub use tables::{render_csv, render_markdown};
pub use templates::{RenderError, Templates};

use parallax_align::{Alignment, SCORE_LEGEND, Scores};
use parallax_clean::CleanDocument;
use parallax_core::{Document, Link, Metadata, OffsetBase, Segment, SegmentKind, Source};
pub use parallax_frame::Framing;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Bumped whenever a field is renamed or removed, or its meaning changes.
pub const SCHEMA_VERSION: u32 = 1;

/// Everything one `compare` run found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComparisonResult {
    pub schema_version: u32,
    pub generator: String,
    pub documents: Vec<DocumentResult>,
    pub pairs: Vec<PairResult>,
    /// Quotes, speakers, entities, distinctive words, what one outlet
    /// alone reports or leaves out: see `parallax_frame::Framing`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub framing: Option<Framing>,
    /// Score name → formula.
    pub legend: BTreeMap<String, String>,
}

impl ComparisonResult {
    #[must_use]
    pub fn new(documents: Vec<DocumentResult>, pairs: Vec<PairResult>) -> Self {
        Self {
            schema_version: SCHEMA_VERSION,
            generator: concat!("parallax ", env!("CARGO_PKG_VERSION")).to_owned(),
            documents,
            pairs,
            framing: None,
            legend: SCORE_LEGEND
                .iter()
                .map(|(name, formula)| ((*name).to_owned(), (*formula).to_owned()))
                .collect(),
        }
    }
}

impl ComparisonResult {
    /// Adds the framing findings.
    #[must_use]
    pub fn with_framing(mut self, framing: Framing) -> Self {
        self.framing = Some(framing);
        self
    }

    /// The speaker quoted most often by name in document `number` (only
    /// quotes whose own sentence names the speaker, the kind of
    /// attribution checked right often enough to show), and how often, as
    /// "Alexander Grushko (5)" or, for a tie, "FT, Vladimir Chizhov (1
    /// each)"; "—" without framing or such quotes.
    #[must_use]
    pub fn most_quoted(&self, number: usize) -> String {
        let Some(document) = self
            .framing
            .as_ref()
            .and_then(|framing| framing.documents.get(number))
        else {
            return "—".to_owned();
        };
        // Per speaker: how often, and where first, so ties keep the
        // report's order.
        let mut counted: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for (position, attribution) in document.attributions.iter().enumerate() {
            let Some(name) = attribution.speaker.as_deref() else {
                continue;
            };
            if attribution.kind != Some(parallax_frame::FindingKind::QuotedSpeaker) {
                continue;
            }
            counted.entry(name).or_insert((0, position)).0 += 1;
        }
        let Some(most) = counted.values().map(|&(count, _)| count).max() else {
            return "—".to_owned();
        };
        // Those quoted equally often, in the order the report names them.
        let mut top: Vec<(usize, &str)> = counted
            .iter()
            .filter(|(_, (count, _))| *count == most)
            .map(|(name, &(_, first))| (first, *name))
            .collect();
        top.sort_unstable();
        let top: Vec<&str> = top.into_iter().map(|(_, name)| name).collect();
        match top.as_slice() {
            [name] => format!("{name} ({most})"),
            names if names.len() <= 3 => format!("{} ({most} each)", names.join(", ")),
            names => format!("{}, … ({most} each)", names[..3].join(", ")),
        }
    }

    /// A name for each document that tells it from the others: its outlet
    /// (or id); when outlets repeat, with the publication day, or failing
    /// that the id.
    #[must_use]
    pub fn labels(&self) -> Vec<String> {
        let count = |labels: &[String], label: &String| {
            labels.iter().filter(|other| *other == label).count()
        };
        let plain: Vec<String> = self
            .documents
            .iter()
            .map(|document| document.label().to_owned())
            .collect();
        let dated: Vec<String> = self
            .documents
            .iter()
            .zip(&plain)
            .map(|(document, label)| match &document.metadata.published {
                Some(published) if count(&plain, label) > 1 => {
                    format!("{label} {}", published.get(..10).unwrap_or(published))
                }
                _ => label.clone(),
            })
            .collect();
        self.documents
            .iter()
            .zip(&dated)
            .map(|(document, label)| {
                if count(&dated, label) > 1 {
                    format!("{label} ({})", document.id)
                } else {
                    label.clone()
                }
            })
            .collect()
    }
}

/// The positions of `pairs`, most similar first (ties by position): the
/// order in which every table, index and list of pages shows them.
#[must_use]
pub fn most_similar_first(pairs: &[PairResult]) -> Vec<usize> {
    let similarities: Vec<f64> = pairs.iter().map(|pair| pair.scores.similarity).collect();
    rank_by_similarity(&similarities)
}

/// The positions of `similarities`, highest first (ties by position): the
/// ranking of [`most_similar_first`] for pairs kept only as scores.
#[must_use]
pub fn rank_by_similarity(similarities: &[f64]) -> Vec<usize> {
    let mut ranked: Vec<usize> = (0..similarities.len()).collect();
    ranked.sort_by(|&x, &y| similarities[y].total_cmp(&similarities[x]).then(x.cmp(&y)));
    ranked
}

/// A count with thousands separated, as a reader scans it: 82,855.
#[must_use]
pub fn thousands(count: usize) -> String {
    let digits = count.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// One document: its metadata, size and labelled segments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentResult {
    pub id: String,
    pub path: String,
    /// The path's exact bytes, escaped, when `path` is not them (see
    /// [`Document::path_escaped`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_escaped: Option<String>,
    /// outlet, title, published, modified, url, author, language, place and
    /// provenance, at the top level of the document's JSON object.
    #[serde(flatten)]
    pub metadata: Metadata,
    /// The format and encoding read, and what the offsets count.
    pub source: Source,
    /// The text the offsets index, when it is not the file as stored (an
    /// extracted HTML article, a corpus record, a re-encoded file), so the
    /// result can show and cite it on its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Size in bytes of the text the offsets index.
    pub bytes: usize,
    /// Words in the body segments.
    pub body_words: usize,
    pub segments: Vec<Segment>,
}

impl DocumentResult {
    #[must_use]
    pub fn new(document: &Document, cleaned: &CleanDocument) -> Self {
        let body_words = cleaned
            .body()
            .map(|span| {
                span.text(&document.text)
                    .map_or(0, |text| parallax_core::words(text).count())
            })
            .sum();
        Self {
            id: document.id.clone(),
            path: document.path.clone(),
            path_escaped: document.path_escaped.clone(),
            metadata: document.metadata.clone(),
            source: document.source.clone(),
            text: (document.source.offsets != OffsetBase::File).then(|| document.text.clone()),
            bytes: document.text.len(),
            body_words,
            segments: cleaned.segments.clone(),
        }
    }

    /// The outlet, or the id when the outlet is unknown: how the report
    /// names this document.
    #[must_use]
    pub fn label(&self) -> &str {
        self.metadata.outlet.as_deref().unwrap_or(&self.id)
    }

    /// Bytes per segment kind.
    #[must_use]
    pub fn bytes_by_kind(&self) -> BTreeMap<SegmentKind, usize> {
        parallax_core::bytes_by_kind(&self.segments)
    }
}

/// One compared pair: ids, scores, sentence links and merged passages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairResult {
    pub a: String,
    pub b: String,
    pub scores: Scores,
    pub links: Vec<Link>,
    pub passages: Vec<Link>,
}

impl PairResult {
    #[must_use]
    pub fn new(a: &Document, b: &Document, alignment: Alignment) -> Self {
        Self {
            a: a.id.clone(),
            b: b.id.clone(),
            scores: alignment.scores,
            links: alignment.links,
            passages: alignment.passages,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(1812), "1,812");
        assert_eq!(thousands(82_855), "82,855");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    fn document(id: &str, outlet: Option<&str>, published: Option<&str>) -> DocumentResult {
        let metadata = Metadata {
            outlet: outlet.map(str::to_owned),
            published: published.map(str::to_owned),
            ..Metadata::default()
        };
        DocumentResult {
            id: id.to_owned(),
            path: format!("{id}.txt"),
            path_escaped: None,
            metadata,
            source: Source::default(),
            text: None,
            bytes: 0,
            body_words: 0,
            segments: Vec::new(),
        }
    }

    #[test]
    fn labels_tell_documents_apart() {
        let result = ComparisonResult::new(
            vec![
                document("000", Some("TASS"), Some("2021-12-19T10:00:00Z")),
                document("001", Some("TASS"), Some("2021-12-18")),
                document("002", Some("RT"), Some("2022-01-12")),
                document("003", Some("Wire"), Some("2022-01-12")),
                document("004", Some("Wire"), Some("2022-01-12")),
                document("005", None, None),
            ],
            Vec::new(),
        );
        assert_eq!(
            result.labels(),
            [
                "TASS 2021-12-19",
                "TASS 2021-12-18",
                "RT",
                "Wire 2022-01-12 (003)",
                "Wire 2022-01-12 (004)",
                "005"
            ]
        );
    }
}
