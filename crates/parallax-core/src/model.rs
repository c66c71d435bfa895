//! The data every stage hands to the next: documents, labelled segments and links.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A half-open byte range `[start, end)` into the original bytes of one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    #[must_use]
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Self { start, end }
    }

    #[must_use]
    pub fn len(self) -> usize {
        self.end - self.start
    }

    #[must_use]
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    #[must_use]
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The smallest span covering both.
    #[must_use]
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The text this span covers; `None` when it is out of range or not on
    /// character boundaries.
    #[must_use]
    pub fn text(self, text: &str) -> Option<&str> {
        text.get(self.start..self.end)
    }

    /// Narrows the span so it starts and ends on non-whitespace.
    #[must_use]
    pub fn trim(self, text: &str) -> Span {
        let slice = &text[self.start..self.end];
        let leading = slice.len() - slice.trim_start().len();
        let trimmed = slice.trim();
        Span::new(self.start + leading, self.start + leading + trimmed.len())
    }
}

impl fmt::Display for Span {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "bytes {}–{}", self.start, self.end)
    }
}

/// What a segment of a document is. Only `Body` (and the lead: `Title`,
/// `Standfirst`) is story text; the rest is set aside with a reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SegmentKind {
    Title,
    Standfirst,
    Dateline,
    Heading,
    Body,
    Metadata,
    Boilerplate,
    Duplicate,
}

impl SegmentKind {
    pub const ALL: [SegmentKind; 8] = [
        SegmentKind::Title,
        SegmentKind::Standfirst,
        SegmentKind::Dateline,
        SegmentKind::Heading,
        SegmentKind::Body,
        SegmentKind::Metadata,
        SegmentKind::Boilerplate,
        SegmentKind::Duplicate,
    ];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            SegmentKind::Title => "title",
            SegmentKind::Standfirst => "standfirst",
            SegmentKind::Dateline => "dateline",
            SegmentKind::Heading => "heading",
            SegmentKind::Body => "body",
            SegmentKind::Metadata => "metadata",
            SegmentKind::Boilerplate => "boilerplate",
            SegmentKind::Duplicate => "duplicate",
        }
    }

    /// Whether this kind was set aside from the story (as opposed to being
    /// part of what the outlet reported).
    #[must_use]
    pub fn is_set_aside(self) -> bool {
        matches!(
            self,
            SegmentKind::Metadata | SegmentKind::Boilerplate | SegmentKind::Duplicate
        )
    }
}

impl fmt::Display for SegmentKind {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

/// A labelled byte range of a document, with a reason a person can read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub start: usize,
    pub end: usize,
    pub kind: SegmentKind,
    pub reason: String,
}

impl Segment {
    #[must_use]
    pub fn new(span: Span, kind: SegmentKind, reason: impl Into<String>) -> Self {
        Self {
            start: span.start,
            end: span.end,
            kind,
            reason: reason.into(),
        }
    }

    #[must_use]
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// Bytes per segment kind, for cleaning summaries.
#[must_use]
pub fn bytes_by_kind(segments: &[Segment]) -> std::collections::BTreeMap<SegmentKind, usize> {
    let mut totals = std::collections::BTreeMap::new();
    for segment in segments {
        *totals.entry(segment.kind).or_insert(0) += segment.end - segment.start;
    }
    totals
}

/// Where a metadata value came from, so a reader can tell a user's word from
/// a guess.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Provenance {
    /// Given by the user in a manifest.
    Manifest,
    /// Read from the document's own text.
    Sniffed,
    /// Read from the page's markup: `<title>`, meta tags, JSON-LD.
    Markup,
    /// A field of the JSON record the document came from.
    Record,
}

/// Facts about a document that are not its story: who published it, when,
/// where it lives. Every field is optional because scraped pages rarely carry
/// all of them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    pub outlet: Option<String>,
    pub title: Option<String>,
    /// ISO 8601: a date, or a date and time with an offset.
    pub published: Option<String>,
    pub modified: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub language: Option<String>,
    /// The place named in the dateline ("MOSCOW").
    pub place: Option<String>,
    /// The page's topic tags, in page order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Field name → where its value came from.
    pub provenance: std::collections::BTreeMap<String, Provenance>,
}

impl Metadata {
    /// Takes every field `other` has, with its provenance, over this one's:
    /// for layering what a page's markup or a record says over what was
    /// sniffed from the text.
    pub fn overlay(&mut self, other: &Metadata) {
        let fields = [
            ("outlet", &other.outlet, &mut self.outlet),
            ("title", &other.title, &mut self.title),
            ("published", &other.published, &mut self.published),
            ("modified", &other.modified, &mut self.modified),
            ("url", &other.url, &mut self.url),
            ("author", &other.author, &mut self.author),
            ("language", &other.language, &mut self.language),
            ("place", &other.place, &mut self.place),
        ];
        for (name, value, target) in fields {
            if let Some(value) = value {
                target.clone_from(&Some(value.clone()));
                if let Some(provenance) = other.provenance.get(name) {
                    self.provenance.insert(name.to_owned(), *provenance);
                }
            }
        }
        if !other.tags.is_empty() {
            self.tags.clone_from(&other.tags);
            if let Some(provenance) = other.provenance.get("tags") {
                self.provenance.insert("tags".to_owned(), *provenance);
            }
        }
    }
}

/// What kind of evidence a sniffed span is, so the cleaner can label it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    /// The headline line.
    Title,
    /// The article's own address on a line of its own.
    Url,
    /// A publication or modification timestamp.
    Timestamp,
    /// "MOSCOW, December 19. /TASS/." or "MOSCOW (AA) –": the prefix only.
    Dateline,
}

/// A place in the text where ingest read a metadata value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Found {
    pub span: Span,
    pub evidence: Evidence,
    /// What was read there, as a person would say it ("publication time").
    pub what: String,
}

/// One input document: its original text, unchanged, and what ingest learned
/// about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Unique within one run; derived from the file name.
    pub id: String,
    /// The path as the user gave it (or as found under a directory they gave).
    pub path: String,
    /// Only when `path` is not the path's exact bytes (a file name that is
    /// not UTF-8, whose bad bytes `path` shows as U+FFFD): the path with
    /// each such byte written `\xHH` and each backslash `\\`, so two names
    /// that differ only there stay distinct.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_escaped: Option<String>,
    /// The text every offset indexes into: the file's bytes for UTF-8 text
    /// files, otherwise what [`Source::offsets`] says.
    pub text: String,
    pub metadata: Metadata,
    pub found: Vec<Found>,
    pub source: Source,
}

/// The format a document was read from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    #[default]
    Text,
    Html,
    /// One record of a JSON Lines file.
    Jsonl,
    /// One record of a JSON file (an object, or an array of objects).
    Json,
}

/// What the byte offsets of a document's segments and links count.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OffsetBase {
    /// Bytes of the file as stored: cite them against the file itself.
    #[default]
    File,
    /// Bytes of the text decoded to UTF-8 (the file was in another encoding,
    /// had a byte-order mark, or was compressed).
    DecodedText,
    /// Bytes of the article text extracted from an HTML page.
    ExtractedText,
    /// Bytes of the record's `text` field.
    RecordText,
}

/// Where a document's text came from and how it was turned into the text
/// parallax cites.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub format: SourceFormat,
    /// The character encoding the bytes were decoded from ("UTF-8",
    /// "UTF-16LE", "windows-1252"…), as the WHATWG Encoding Standard names it.
    pub encoding: String,
    /// Whether the byte-order mark was present (and is not part of the text).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub byte_order_mark: bool,
    /// Whether the file was gzip-compressed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub gzip: bool,
    /// The line (JSON Lines) or position in the array (JSON, from 1) of the
    /// record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<usize>,
    pub offsets: OffsetBase,
}

impl Source {
    /// A UTF-8 text file read as stored.
    #[must_use]
    pub fn plain_text() -> Self {
        Self {
            encoding: "UTF-8".to_owned(),
            ..Self::default()
        }
    }
}

/// How two linked spans relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// The same words, up to case, punctuation and quote style.
    Verbatim,
    /// A few words changed, added or dropped.
    Near,
    /// The same content in other words: each sentence says what the
    /// other does.
    Paraphrase,
    /// A fact in common, told in other words, where each sentence may say
    /// more than the other ("about 2,000 residents were evacuated" and
    /// "around 2,000 people were moved to a sports hall"). Only a sentence
    /// model makes these links; they are not reuse, so no passage is built
    /// from them.
    Claim,
}

impl LinkKind {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::Verbatim => "verbatim",
            LinkKind::Near => "near",
            LinkKind::Paraphrase => "paraphrase",
            LinkKind::Claim => "claim",
        }
    }
}

impl fmt::Display for LinkKind {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

/// A difference inside a link: a stretch of A replaced by a stretch of B
/// (either side may be absent: a deletion or an insertion).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub a: Option<Span>,
    pub b: Option<Span>,
}

impl Change {
    #[must_use]
    pub fn mirrored(self) -> Self {
        Self {
            a: self.b,
            b: self.a,
        }
    }
}

/// What made a sentence link, when a sentence model took part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkEvidence {
    /// The words: the lexical decision alone links the two.
    Words,
    /// The sentence model's sense of meaning: only with it are they linked.
    Meaning,
    /// Either would link them.
    Both,
}

/// A span of document A that reports the same thing as a span of document B.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    pub a: Span,
    pub b: Span,
    pub kind: LinkKind,
    /// Similarity in [0, 1]; 1 for verbatim.
    pub score: f64,
    /// Word-level differences between the two spans, by byte range.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Change>,
    /// What made the link, when a sentence model was used; absent when the
    /// words alone decided, as they do without a model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<LinkEvidence>,
    /// The cosine of the two sentences' vectors, when a sentence model was
    /// used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cosine: Option<f64>,
}

impl Link {
    /// The same link seen from B's side.
    #[must_use]
    pub fn mirrored(&self) -> Self {
        Self {
            a: self.b,
            b: self.a,
            kind: self.kind,
            score: self.score,
            changes: self
                .changes
                .iter()
                .map(|change| change.mirrored())
                .collect(),
            evidence: self.evidence,
            cosine: self.cosine,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trim_narrows_to_text() {
        let text = "  hello world \n";
        let span = Span::new(0, text.len()).trim(text);
        assert_eq!(span.text(text), Some("hello world"));
        assert_eq!(span, Span::new(2, 13));
    }

    #[test]
    fn span_text_refuses_non_boundaries() {
        let text = "a’b";
        assert_eq!(Span::new(0, 2).text(text), None);
        assert_eq!(Span::new(1, 4).text(text), Some("’"));
    }

    #[test]
    fn kinds_serialise_as_the_contract_names() {
        let names: Vec<String> = SegmentKind::ALL
            .iter()
            .map(|kind| {
                serde_json::to_value(kind)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        assert_eq!(
            names,
            [
                "title",
                "standfirst",
                "dateline",
                "heading",
                "body",
                "metadata",
                "boilerplate",
                "duplicate"
            ]
        );
        for kind in SegmentKind::ALL {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
        }
    }

    #[test]
    fn mirrored_link_swaps_sides_and_changes() {
        let link = Link {
            a: Span::new(0, 5),
            b: Span::new(10, 20),
            kind: LinkKind::Near,
            score: 0.8,
            changes: vec![Change {
                a: Some(Span::new(1, 2)),
                b: None,
            }],
            evidence: None,
            cosine: None,
        };
        let mirrored = link.mirrored();
        assert_eq!(mirrored.a, Span::new(10, 20));
        assert_eq!(mirrored.changes[0].b, Some(Span::new(1, 2)));
        assert_eq!(mirrored.mirrored(), link);
    }
}
