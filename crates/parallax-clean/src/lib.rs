//! Separating the story from the page. Every non-blank byte of a document
//! ends up in exactly one labelled [`Segment`] with a reason; nothing is
//! dropped silently.
//!
//! ```
//! use parallax_clean::clean;
//! use parallax_core::{Document, SegmentKind};
//!
//! let text = "All news\n\nTalks to resume in Geneva next week\n\n\
//!             GENEVA (AP) – Negotiators will meet again on Monday, officials said.\n\
//!             The meeting was\nagreed on Friday.\n\nfeedback@example.org\n";
//! let document = parallax_ingest::document_from_text("a", "a.txt", text);
//! let cleaned = clean(&document);
//! let kinds: Vec<(SegmentKind, &str)> = cleaned
//!     .segments
//!     .iter()
//!     .map(|segment| (segment.kind, &text[segment.start..segment.end]))
//!     .collect();
//! assert_eq!(kinds, [
//!     (SegmentKind::Boilerplate, "All news"),
//!     (SegmentKind::Title, "Talks to resume in Geneva next week"),
//!     (SegmentKind::Dateline, "GENEVA (AP) –"),
//!     (SegmentKind::Body, "Negotiators will meet again on Monday, officials said."),
//!     // A hard-wrapped sentence is one segment across the line break.
//!     (SegmentKind::Body, "The meeting was\nagreed on Friday."),
//!     (SegmentKind::Metadata, "feedback@example.org"),
//! ]);
//! ```
//!
//! [`clean`] works on one document at a time: line rules ([`rules`]), the
//! evidence ingest found (headline, URL, timestamps, dateline), hard-wrap
//! repair, and duplicates inside the document. Body text comes out one
//! sentence per segment, so a duplicate sentence can point at its twin.
//!
//! When you have several documents, learn their shared page furniture first
//! ([`Furniture::learn`]) and clean each with [`clean_with`]: a line that
//! recurs in several documents of one outlet (a header, a footer, a
//! disclaimer no line rule knows) is boilerplate, whatever its wording.

pub mod rules;

use parallax_core::{
    Document, Evidence, Segment, SegmentKind, Span, is_stopword, sentences, shared_sorted, tokens,
};
use rules::{classify_line, ends_sentence, glued_image_url};
use std::collections::{BTreeMap, HashMap, HashSet};

/// A standfirst is a sentence or two; longer paragraphs are body.
const STANDFIRST_MAX_WORDS: usize = 60;
const HEADING_MAX_WORDS: usize = 12;
/// Short lines repeated this often on one page are page furniture.
const FURNITURE_MIN_REPEATS: usize = 2;
const FURNITURE_MAX_WORDS: usize = 6;
/// A paragraph this long is article text; short lines after the last one are
/// furniture.
const ARTICLE_PARAGRAPH_MIN_WORDS: usize = 12;
/// This many labelled lines in a row separate two regions of a page (the
/// article and a scraped second copy of it).
const REGION_BREAK_MIN_LINES: usize = 2;
/// Sentences shorter than this are too common to call duplicates.
const DUPLICATE_MIN_TOKENS: usize = 6;
/// Share of one sentence's word trigrams found in another for the two to be
/// the same sentence twice.
const DUPLICATE_MIN_CONTAINMENT: f64 = 0.9;
/// This many duplicated sentences in a row are a copied passage; fewer are
/// the article repeating itself.
const DUPLICATE_MIN_RUN: usize = 3;
/// A word 3-gram found in more sentences than this ("at the top of")
/// proposes no twins by itself; twins still share it when compared. Exact
/// repeats are paired directly. This keeps text that repeats itself
/// thousands of times from costing the square of its length.
const DUPLICATE_LOOKUP_MAX_SENTENCES: usize = 32;

/// A document with every part labelled.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CleanDocument {
    /// Sorted by start, not overlapping; together they cover every non-blank
    /// byte of the document.
    pub segments: Vec<Segment>,
    /// The paragraphs the unlabelled lines form once hard wraps are joined,
    /// in order: where a plain-text rendering of the story breaks.
    pub paragraphs: Vec<Span>,
}

impl CleanDocument {
    /// The body sentences, in document order: what alignment compares.
    pub fn body(&self) -> impl Iterator<Item = Span> + '_ {
        self.segments
            .iter()
            .filter(|segment| segment.kind == SegmentKind::Body)
            .map(Segment::span)
    }

    /// The story as plain text: body sentences and in-body headings, each
    /// paragraph on one line (hard wraps joined), paragraphs separated by a
    /// blank line. What `parallax clean --text` prints.
    #[must_use]
    pub fn story_text(&self, text: &str) -> String {
        let kept: Vec<&Segment> = self
            .segments
            .iter()
            .filter(|segment| matches!(segment.kind, SegmentKind::Body | SegmentKind::Heading))
            .collect();
        let mut paragraphs: Vec<String> = Vec::new();
        let mut current: Option<usize> = None;
        for segment in kept {
            // Paragraphs are sorted and disjoint: the one holding the
            // segment is the last that starts at or before it.
            let paragraph = self
                .paragraphs
                .partition_point(|paragraph| paragraph.start <= segment.start)
                .checked_sub(1)
                .filter(|&index| self.paragraphs[index].contains(segment.span()));
            let words = text[segment.start..segment.end]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            match paragraphs.last_mut() {
                Some(last) if paragraph.is_some() && paragraph == current => {
                    last.push(' ');
                    last.push_str(&words);
                }
                _ => paragraphs.push(words),
            }
            current = paragraph;
        }
        let mut story = paragraphs.join("\n\n");
        if !story.is_empty() {
            story.push('\n');
        }
        story
    }

    /// Bytes per kind, for cleaning summaries.
    #[must_use]
    pub fn bytes_by_kind(&self) -> BTreeMap<SegmentKind, usize> {
        parallax_core::bytes_by_kind(&self.segments)
    }
}

/// A trimmed piece of a line: a whole line, or the part of it before or
/// after a prefix such as a dateline.
#[derive(Debug, Clone)]
struct Piece {
    span: Span,
    line: usize,
    label: Option<(SegmentKind, String)>,
}

/// Lines that recur across documents of one outlet: page furniture learnt
/// from the documents themselves rather than from any rule.
///
/// [`learn`](Self::learn) counts a corpus held in memory. A corpus read as
/// a stream, or split between machines, is counted in parts: each
/// document's [`lines_of`](Self::lines_of), summed however the parts are
/// spread, then [`from_counts`](Self::from_counts).
#[derive(Debug, Clone, Default)]
pub struct Furniture {
    /// (outlet group, line fingerprint) → number of documents holding it;
    /// hashes, so that counting a million documents' lines costs sixteen
    /// bytes a line, not a copy of the outlet's name.
    counts: HashMap<FurnitureLine, usize>,
    min_documents: usize,
}

/// A line of one outlet's documents: the outlet group's hash and the
/// line's fingerprint.
pub type FurnitureLine = (u64, u64);

impl Furniture {
    /// The threshold used unless a run asks for another: a line in three
    /// documents of one outlet is furniture. Two would take a story an
    /// outlet ran twice (an update) for its own page furniture.
    pub const DEFAULT_MIN_DOCUMENTS: usize = 3;

    /// Counts, per outlet, the documents each line appears in. A line
    /// compares by its words (case, punctuation and spacing aside). A
    /// document with no known outlet is grouped by its URL's host, and with
    /// neither takes no part. `min_documents` below 2 learns nothing.
    #[must_use]
    pub fn learn(documents: &[Document], min_documents: usize) -> Self {
        let mut counts: HashMap<FurnitureLine, usize> = HashMap::new();
        if min_documents >= 2 {
            for document in documents {
                for line in Self::lines_of(document) {
                    *counts.entry(line).or_insert(0) += 1;
                }
            }
        }
        Self::from_counts(counts, min_documents)
    }

    /// The distinct lines of a document as furniture counts them: none
    /// for a document whose outlet and URL are both unknown.
    #[must_use]
    pub fn lines_of(document: &Document) -> Vec<FurnitureLine> {
        let Some(group) = group_of(document) else {
            return Vec::new();
        };
        let group = parallax_core::hash_str(&group);
        let mut lines: Vec<FurnitureLine> = parallax_core::lines(&document.text)
            .into_iter()
            .filter_map(|line| line_fingerprint(&document.text, line))
            .map(|fingerprint| (group, fingerprint))
            .collect();
        lines.sort_unstable();
        lines.dedup();
        lines
    }

    /// Furniture from the number of documents holding each line, however
    /// they were counted: the lines held by at least `min_documents`.
    /// `min_documents` below 2 learns nothing.
    #[must_use]
    pub fn from_counts(
        counts: impl IntoIterator<Item = (FurnitureLine, usize)>,
        min_documents: usize,
    ) -> Self {
        let counts = if min_documents >= 2 {
            counts
                .into_iter()
                .filter(|(_, count)| *count >= min_documents)
                .collect()
        } else {
            HashMap::new()
        };
        Self {
            counts,
            min_documents,
        }
    }

    /// How many documents of `document`'s outlet hold `line`, if that makes
    /// it furniture.
    fn documents_holding(&self, document: &Document, line: Span) -> Option<usize> {
        if self.counts.is_empty() {
            return None;
        }
        let fingerprint = line_fingerprint(&document.text, line)?;
        let group = parallax_core::hash_str(&group_of(document)?);
        self.counts.get(&(group, fingerprint)).copied()
    }

    /// A test of whether a line (its text) is furniture for `document`'s
    /// outlet: for passing such lines over when looking for a headline.
    pub fn line_test(&self, document: &Document) -> impl Fn(&str) -> bool + '_ {
        let group = group_of(document).map(|group| parallax_core::hash_str(&group));
        move |line: &str| {
            let Some(group) = group else {
                return false;
            };
            line_fingerprint(line, Span::new(0, line.len()))
                .is_some_and(|fingerprint| self.counts.contains_key(&(group, fingerprint)))
        }
    }

    /// How many distinct lines were learnt as furniture.
    #[must_use]
    pub fn len(&self) -> usize {
        self.counts.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// The threshold it was learnt with.
    #[must_use]
    pub fn min_documents(&self) -> usize {
        self.min_documents
    }
}

/// The outlet a document's furniture is shared with: its outlet, or its
/// URL's host. `None` when neither is known: documents of unknown origin
/// may be copies of one wire story, and their shared lines are the very
/// reuse a comparison looks for, not furniture.
fn group_of(document: &Document) -> Option<String> {
    document
        .metadata
        .outlet
        .as_deref()
        .map(str::to_lowercase)
        .or_else(|| {
            let url = document.metadata.url.as_deref()?;
            let host = url.split_once("://")?.1.split('/').next()?;
            Some(host.trim_start_matches("www.").to_lowercase())
        })
}

/// The words of a line, hashed; `None` for a line without words.
fn line_fingerprint(text: &str, line: Span) -> Option<u64> {
    let words = tokens(text, line);
    if words.is_empty() {
        return None;
    }
    let joined: Vec<&str> = words.iter().map(|token| token.norm.as_str()).collect();
    Some(parallax_core::hash_str(&joined.join(" ")))
}

/// Labels every part of `document`, on its own.
#[must_use]
pub fn clean(document: &Document) -> CleanDocument {
    clean_with(document, &Furniture::default())
}

/// Labels every part of `document`, with the furniture learnt from the
/// documents it came with.
#[must_use]
pub fn clean_with(document: &Document, furniture: &Furniture) -> CleanDocument {
    let text = document.text.as_str();
    let mut pieces = split_lines(document, furniture);
    label_repeats(text, &mut pieces);
    label_navigation_above_title(text, &mut pieces);
    let paragraphs = join_wrapped_lines(text, &pieces);
    let mut segments: Vec<Segment> = pieces
        .iter()
        .filter_map(|piece| {
            piece
                .label
                .as_ref()
                .map(|(kind, reason)| Segment::new(piece.span, *kind, reason.clone()))
        })
        .collect();
    segments.extend(label_paragraphs(text, &pieces, &paragraphs));
    segments.sort_by_key(|segment| (segment.start, segment.end));
    let paragraphs = paragraphs
        .iter()
        .map(|paragraph| {
            pieces[paragraph[0]]
                .span
                .cover(pieces[paragraph[paragraph.len() - 1]].span)
        })
        .collect();
    CleanDocument {
        segments,
        paragraphs,
    }
}

fn split_lines(document: &Document, furniture: &Furniture) -> Vec<Piece> {
    let text = document.text.as_str();
    let mut pieces = Vec::new();
    for (line_number, line) in parallax_core::lines(text).into_iter().enumerate() {
        let line = line.trim(text);
        if line.is_empty() {
            continue;
        }
        let mut rest = line;
        let furniture_count = furniture.documents_holding(document, line);
        // Evidence ingest found on this line: the whole line, or a prefix.
        // A "headline" that every page of the outlet carries is the site's
        // tagline, not this story's headline.
        if let Some(found) = document.found.iter().find(|found| {
            found.span.start == line.start
                && line.contains(found.span)
                && !(found.evidence == Evidence::Title && furniture_count.is_some())
        }) {
            let (kind, reason) = match found.evidence {
                Evidence::Title => (SegmentKind::Title, found.what.clone()),
                Evidence::Dateline => (SegmentKind::Dateline, found.what.clone()),
                Evidence::Url | Evidence::Timestamp => (SegmentKind::Metadata, found.what.clone()),
            };
            pieces.push(Piece {
                span: found.span,
                line: line_number,
                label: Some((kind, reason)),
            });
            rest = Span::new(found.span.end, line.end).trim(text);
        } else if let Some(length) = glued_image_url(&text[line.start..line.end]) {
            pieces.push(Piece {
                span: Span::new(line.start, line.start + length),
                line: line_number,
                label: Some((SegmentKind::Metadata, "image URL".to_owned())),
            });
            rest = Span::new(line.start + length, line.end).trim(text);
        }
        if rest.is_empty() {
            continue;
        }
        let label = classify_line(&text[rest.start..rest.end])
            .map(|verdict| (verdict.kind, verdict.reason.to_owned()))
            .or_else(|| {
                let count = if rest == line {
                    furniture_count?
                } else {
                    furniture.documents_holding(document, rest)?
                };
                let source = document
                    .metadata
                    .outlet
                    .clone()
                    .or_else(|| group_of(document))
                    .unwrap_or_default();
                let reason = format!("repeated in {count} {source} documents (page furniture)");
                Some((SegmentKind::Boilerplate, reason))
            });
        pieces.push(Piece {
            span: rest,
            line: line_number,
            label,
        });
    }
    pieces
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Repeats of the headline, and short lines that recur on the page (site
/// name, author, publisher), are furniture. A recurring short line counts
/// only when one of its occurrences sits beside a line the line rules
/// already set aside (an URL, an e-mail address, a date): a list that
/// repeats "Meal 1"/"Meal 2" headings inside an article is not furniture.
fn label_repeats(text: &str, pieces: &mut [Piece]) {
    let title = pieces
        .iter()
        .find(|piece| matches!(piece.label, Some((SegmentKind::Title, _))))
        .map(|piece| piece.span);
    let mut counts: HashMap<&str, usize> = HashMap::new();
    let mut beside_furniture: HashSet<&str> = HashSet::new();
    for (index, piece) in pieces.iter().enumerate() {
        if piece.label.is_some() {
            continue;
        }
        let content = &text[piece.span.start..piece.span.end];
        *counts.entry(content).or_insert(0) += 1;
        let labelled = |other: Option<&Piece>| {
            other.is_some_and(|other| {
                other.line != piece.line
                    && matches!(
                        other.label,
                        Some((SegmentKind::Metadata | SegmentKind::Boilerplate, _))
                    )
            })
        };
        if labelled(index.checked_sub(1).and_then(|before| pieces.get(before)))
            || labelled(pieces.get(index + 1))
        {
            beside_furniture.insert(content);
        }
    }
    for piece in pieces.iter_mut().filter(|piece| piece.label.is_none()) {
        let content = &text[piece.span.start..piece.span.end];
        if let Some(title) = title
            && content == &text[title.start..title.end]
        {
            piece.label = Some((
                SegmentKind::Metadata,
                format!("repeat of the headline at {title} (page metadata)"),
            ));
            continue;
        }
        let count = counts[content];
        if count >= FURNITURE_MIN_REPEATS
            && beside_furniture.contains(content)
            && words(content) <= FURNITURE_MAX_WORDS
            && !ends_sentence(content)
        {
            piece.label = Some((
                SegmentKind::Metadata,
                format!("page furniture: the same short line appears {count} times"),
            ));
        }
    }
}

/// Short lines above the headline are the site's navigation ("All news").
fn label_navigation_above_title(text: &str, pieces: &mut [Piece]) {
    let Some(title_index) = pieces
        .iter()
        .position(|piece| matches!(piece.label, Some((SegmentKind::Title, _))))
    else {
        return;
    };
    for piece in &mut pieces[..title_index] {
        let content = &text[piece.span.start..piece.span.end];
        if piece.label.is_none() && words(content) <= 3 && !ends_sentence(content) {
            piece.label = Some((
                SegmentKind::Boilerplate,
                "site navigation above the headline".to_owned(),
            ));
        }
    }
}

/// Groups unlabelled pieces into paragraphs, joining a line that stops
/// mid-sentence with the line that continues it ("a role in / the upcoming
/// talks"). Returns index ranges into `pieces`.
fn join_wrapped_lines(text: &str, pieces: &[Piece]) -> Vec<Vec<usize>> {
    let mut paragraphs: Vec<Vec<usize>> = Vec::new();
    let mut previous: Option<usize> = None;
    for (index, piece) in pieces.iter().enumerate() {
        if piece.label.is_some() {
            previous = None;
            continue;
        }
        let continues = previous.is_some_and(|before| {
            let earlier = &pieces[before];
            earlier.line + 1 == piece.line
                && is_wrapped(
                    &text[earlier.span.start..earlier.span.end],
                    &text[piece.span.start..piece.span.end],
                )
        });
        match paragraphs.last_mut() {
            Some(paragraph) if continues => paragraph.push(index),
            _ => paragraphs.push(vec![index]),
        }
        previous = Some(index);
    }
    paragraphs
}

/// Whether `next` continues `line` across a hard line break: the line stops
/// mid-sentence and either the next line starts in lower case or the line
/// ends on a word no sentence ends with ("the", "in", "and").
fn is_wrapped(line: &str, next: &str) -> bool {
    if ends_sentence(line) {
        return false;
    }
    if line.ends_with([',', ';', '-', '–', '—']) {
        return true;
    }
    let starts_lower = next.chars().next().is_some_and(char::is_lowercase);
    let last_word = line
        .rsplit(|character: char| !character.is_alphanumeric())
        .find(|word| !word.is_empty())
        .map(str::to_lowercase);
    starts_lower || last_word.is_some_and(|word| is_stopword(&word))
}

fn label_paragraphs(text: &str, pieces: &[Piece], paragraphs: &[Vec<usize>]) -> Vec<Segment> {
    let span_of = |paragraph: &[usize]| {
        pieces[paragraph[0]]
            .span
            .cover(pieces[paragraph[paragraph.len() - 1]].span)
    };
    let title = pieces
        .iter()
        .position(|piece| matches!(piece.label, Some((SegmentKind::Title, _))));
    let dateline = pieces
        .iter()
        .position(|piece| matches!(piece.label, Some((SegmentKind::Dateline, _))));
    let last_article_paragraph = paragraphs.iter().rposition(|paragraph| {
        words(&text[span_of(paragraph).start..span_of(paragraph).end])
            >= ARTICLE_PARAGRAPH_MIN_WORDS
    });

    let mut kinds: Vec<(SegmentKind, &str)> = Vec::with_capacity(paragraphs.len());
    for (number, paragraph) in paragraphs.iter().enumerate() {
        let span = span_of(paragraph);
        let content = &text[span.start..span.end];
        let first_piece = paragraph[0];
        let is_first_after_title = title.is_some_and(|title| {
            first_piece > title
                && paragraphs[..number]
                    .iter()
                    .all(|earlier| earlier[0] < title)
        });
        let standfirst = is_first_after_title
            && words(content) <= STANDFIRST_MAX_WORDS
            && match dateline {
                Some(dateline) => first_piece < dateline,
                None => !ends_sentence(content) && paragraphs.len() >= number + 3,
            };
        let after_article = last_article_paragraph.is_none_or(|last| number > last);
        let kind = if standfirst {
            (
                SegmentKind::Standfirst,
                "standfirst: the summary under the headline",
            )
        } else if after_article && words(content) <= 3 && !ends_sentence(content) {
            (
                SegmentKind::Boilerplate,
                "short line after the article (site name or furniture)",
            )
        } else if words(content) <= 3 && !ends_sentence(content) && is_isolated(pieces, paragraph) {
            (SegmentKind::Metadata, "short label among page metadata")
        } else if paragraph.len() == 1
            && pieces
                .get(first_piece + 1)
                .is_some_and(|next| next.label.is_none())
            && words(content) <= HEADING_MAX_WORDS
            && !ends_sentence(content)
            && !after_article
            && content
                .chars()
                .next()
                .is_some_and(|first| first.is_uppercase() || "“‘\"«".contains(first))
        {
            (SegmentKind::Heading, "section heading")
        } else {
            (SegmentKind::Body, "body text")
        };
        kinds.push(kind);
    }

    let mut segments = Vec::new();
    let mut body: Vec<BodySentence> = Vec::new();
    let mut region = 0;
    let mut previous_last_piece: Option<usize> = None;
    for (paragraph, (kind, reason)) in paragraphs.iter().zip(kinds) {
        // A block of labelled lines between two paragraphs (page furniture,
        // a second copy's header) starts a new region of the page; a single
        // stamp or heading inside the article does not.
        if let Some(previous) = previous_last_piece
            && pieces[previous + 1..paragraph[0]].len() >= REGION_BREAK_MIN_LINES
        {
            region += 1;
        }
        previous_last_piece = Some(paragraph[paragraph.len() - 1]);
        let span = span_of(paragraph);
        if kind == SegmentKind::Body {
            for sentence in sentences(text, span) {
                body.push(BodySentence {
                    span: sentence,
                    region,
                });
            }
        } else {
            segments.push(Segment::new(span, kind, reason));
        }
    }
    let standfirsts: Vec<Span> = segments
        .iter()
        .filter(|segment| segment.kind == SegmentKind::Standfirst)
        .map(Segment::span)
        .collect();
    segments.extend(label_duplicates(text, &body, &standfirsts));
    segments
}

/// Whether the lines before and after a paragraph are both labelled (or
/// absent): a short line there belongs to the page's metadata block.
fn is_isolated(pieces: &[Piece], paragraph: &[usize]) -> bool {
    let first = paragraph[0];
    let last = paragraph[paragraph.len() - 1];
    let before = first.checked_sub(1).and_then(|index| pieces.get(index));
    let after = pieces.get(last + 1);
    before.is_none_or(|piece| piece.label.is_some())
        && after.is_none_or(|piece| piece.label.is_some())
}

#[derive(Debug, Clone, Copy)]
struct BodySentence {
    span: Span,
    region: usize,
}

/// Finds sentences that occur twice in the document, even when one copy is
/// run together and the other wrapped, and keeps the copy from the larger
/// region of the page: the fuller rendering of the article.
fn label_duplicates(text: &str, body: &[BodySentence], standfirsts: &[Span]) -> Vec<Segment> {
    let trigrams: Vec<Vec<u64>> = body
        .iter()
        .map(|sentence| trigram_set(text, sentence.span))
        .collect();
    let mut region_bytes: HashMap<usize, usize> = HashMap::new();
    for sentence in body {
        *region_bytes.entry(sentence.region).or_insert(0) += sentence.span.len();
    }
    let mut index: HashMap<u64, Vec<usize>> = HashMap::new();
    for (number, set) in trigrams.iter().enumerate() {
        for &trigram in set {
            index.entry(trigram).or_default().push(number);
        }
    }
    // Sentences with the same words are twins without looking them up.
    let mut same_words: HashMap<Vec<u64>, Vec<usize>> = HashMap::new();
    for (number, sentence) in body.iter().enumerate() {
        let words: Vec<u64> = tokens(text, sentence.span)
            .iter()
            .map(|token| token.hash)
            .collect();
        same_words.entry(words).or_default().push(number);
    }
    let mut repeats_of: Vec<&[usize]> = vec![&[]; body.len()];
    for numbers in same_words.values() {
        for &number in numbers {
            repeats_of[number] = numbers;
        }
    }
    let mut duplicate_of: Vec<Option<usize>> = vec![None; body.len()];
    for (number, set) in trigrams.iter().enumerate() {
        // A sentence already set aside as a copy can neither keep nor be
        // another twin.
        if set.len() < DUPLICATE_MIN_TOKENS - 2 || duplicate_of[number].is_some() {
            continue;
        }
        let mut twins: Vec<usize> = repeats_of[number]
            .iter()
            .copied()
            .filter(|&other| other > number)
            .collect();
        for trigram in set {
            let holders = &index[trigram];
            if holders.len() <= DUPLICATE_LOOKUP_MAX_SENTENCES {
                twins.extend(holders.iter().copied().filter(|&other| other > number));
            }
        }
        twins.sort_unstable();
        twins.dedup();
        for other in twins {
            let other_size = trigrams[other].len();
            let count = shared_sorted(set, &trigrams[other]);
            let containment = count as f64 / set.len().min(other_size).max(1) as f64;
            if containment < DUPLICATE_MIN_CONTAINMENT || other_size < DUPLICATE_MIN_TOKENS - 2 {
                continue;
            }
            let keep_later = region_bytes[&body[other].region] > region_bytes[&body[number].region];
            let (keeper, copy) = if keep_later {
                (other, number)
            } else {
                (number, other)
            };
            if duplicate_of[copy].is_none() && duplicate_of[keeper].is_none() {
                duplicate_of[copy] = Some(keeper);
            }
            if duplicate_of[number].is_some() {
                break;
            }
        }
    }
    // A copy of a passage (a scraped second rendering of the article) is
    // set aside; a sentence the article itself repeats (a pull-quote, a
    // restated claim) stays body and says what it repeats.
    let mut restated: Vec<Option<usize>> = vec![None; body.len()];
    // Sentences of each region that are not copies, kept up to date below.
    let mut originals_in_region: HashMap<usize, usize> = HashMap::new();
    for (sentence, copy) in body.iter().zip(&duplicate_of) {
        *originals_in_region.entry(sentence.region).or_insert(0) += usize::from(copy.is_none());
    }
    let mut start = 0;
    while start < body.len() {
        if duplicate_of[start].is_none() {
            start += 1;
            continue;
        }
        let end = (start..body.len())
            .find(|&index| duplicate_of[index].is_none())
            .unwrap_or(body.len());
        let whole_region = originals_in_region[&body[start].region] == 0;
        if end - start < DUPLICATE_MIN_RUN && !whole_region {
            for index in start..end {
                restated[index] = duplicate_of[index].take();
                *originals_in_region
                    .get_mut(&body[index].region)
                    .expect("counted above") += 1;
            }
        }
        start = end;
    }
    body.iter()
        .enumerate()
        .map(|(number, sentence)| {
            if let Some(original) = restated[number] {
                return Segment::new(
                    sentence.span,
                    SegmentKind::Body,
                    format!(
                        "body text; repeats {} (a pull-quote or restatement)",
                        body[original].span
                    ),
                );
            }
            if let Some(keeper) = duplicate_of[number] {
                return Segment::new(
                    sentence.span,
                    SegmentKind::Duplicate,
                    format!("duplicate of {}", body[keeper].span),
                );
            }
            {
                let repeats = standfirsts.iter().find(|standfirst| {
                    let standfirst_set = trigram_set(text, **standfirst);
                    let shared = shared_sorted(&standfirst_set, &trigrams[number]);
                    shared as f64 / standfirst_set.len().min(trigrams[number].len()).max(1) as f64
                        >= DUPLICATE_MIN_CONTAINMENT
                });
                let reason = match repeats {
                    Some(standfirst) => {
                        format!("body text; repeats the standfirst at {standfirst}")
                    }
                    None => "body text".to_owned(),
                };
                Segment::new(sentence.span, SegmentKind::Body, reason)
            }
        })
        .collect()
}

/// The distinct word trigrams of a sentence, as a sorted list.
fn trigram_set(text: &str, span: Span) -> Vec<u64> {
    let hashes: Vec<u64> = tokens(text, span).iter().map(|token| token.hash).collect();
    let mut trigrams = parallax_core::shingles(&hashes, 3);
    trigrams.sort_unstable();
    trigrams.dedup();
    trigrams
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(text: &str) -> Vec<(SegmentKind, String)> {
        let document = parallax_ingest::document_from_text("t", "t.txt", text);
        clean(&document)
            .segments
            .into_iter()
            .map(|segment| (segment.kind, text[segment.start..segment.end].to_owned()))
            .collect()
    }

    fn kinds_of(result: &[(SegmentKind, String)], kind: SegmentKind) -> Vec<&str> {
        result
            .iter()
            .filter(|(found, _)| *found == kind)
            .map(|(_, text)| text.as_str())
            .collect()
    }

    #[test]
    fn wrapped_lines_and_headings() {
        let text = "Storm Hits the Coast Overnight\n\n\
                    Thousands were left without power after the storm reached the coast late on\n\
                    Sunday, the utility said. Repairs began at dawn and crews from three states joined the effort.\n\n\
                    What comes next\n\n\
                    Forecasters expect calmer weather by Wednesday, though rivers may still rise in the valleys.\n";
        let result = cleaned(text);
        assert_eq!(
            kinds_of(&result, SegmentKind::Title),
            ["Storm Hits the Coast Overnight"]
        );
        assert_eq!(kinds_of(&result, SegmentKind::Heading), ["What comes next"]);
        assert_eq!(
            kinds_of(&result, SegmentKind::Body)[0],
            "Thousands were left without power after the storm reached the coast late on\nSunday, the utility said."
        );
    }

    #[test]
    fn run_together_copy_is_the_duplicate_of_the_wrapped_body() {
        let text = "Council Votes to Expand Bus Lanes Across the City\n\
                    https://example.org/img/bus.jpg\n\
                    The council voted on Monday to expand bus lanes, officials said.Critics warned that traffic would worsen in the centre.\n\
                    Example Daily\n\
                    news@example.org\n\
                    Example Daily\n\
                    The council voted on Monday to expand bus lanes,\n\
                    officials said.\n\
                    3 March 2024, 10:00 GMT\n\
                    Critics warned that traffic would worsen in the centre.\n\
                    Supporters said buses would run faster and carry more passengers at peak times.\n";
        let result = cleaned(text);
        let duplicates = kinds_of(&result, SegmentKind::Duplicate);
        assert_eq!(
            duplicates,
            [
                "The council voted on Monday to expand bus lanes, officials said.",
                "Critics warned that traffic would worsen in the centre."
            ]
        );
        let body = kinds_of(&result, SegmentKind::Body);
        assert_eq!(body.len(), 3);
        // A stamp line inside the wrapped copy does not split it into
        // regions smaller than the run-together copy.
        assert!(body[0].contains('\n'), "the wrapped copy is kept: {body:?}");
        assert_eq!(
            kinds_of(&result, SegmentKind::Metadata),
            [
                "https://example.org/img/bus.jpg",
                "Example Daily",
                "news@example.org",
                "Example Daily",
                "3 March 2024, 10:00 GMT"
            ]
        );
    }

    #[test]
    fn every_non_blank_byte_is_labelled_once() {
        let text = "Menu\nA Headline About the Vote Today\nSummary of the vote without a stop\n\
                    PARIS (AFP) – Lawmakers voted on Tuesday. The bill passed.\nContact: news@example.org\n\
                    news@example.org\n2024\nBack to top\n";
        let document = parallax_ingest::document_from_text("t", "t", text);
        let segments = clean(&document).segments;
        let mut covered = vec![false; text.len()];
        for segment in &segments {
            assert!(segment.start < segment.end, "{segment:?}");
            assert!(!segment.reason.is_empty());
            for byte in &mut covered[segment.start..segment.end] {
                assert!(!*byte, "overlap at {segment:?}");
                *byte = true;
            }
        }
        for (offset, byte) in text.bytes().enumerate() {
            assert!(
                covered[offset] || byte.is_ascii_whitespace(),
                "byte {offset} unlabelled"
            );
        }
    }

    #[test]
    fn a_sentence_the_article_repeats_stays_body() {
        // Issue 3: a pull-quote is reported as repeated, not deleted.
        let text = "Mayor Promises Cheaper Buses for the City\n\n\
                    The mayor said fares would fall by a third next year, officials confirmed.\n\
                    The plan needs approval from the regional council before spring.\n\
                    “Fares will fall by a third next year,” the mayor said on Tuesday evening.\n\
                    Opposition members called the promise unaffordable and demanded a full costing.\n\
                    “Fares will fall by a third next year,” the mayor said on Tuesday evening.\n\
                    The council meets again in March to discuss the budget for transport.\n";
        let document = parallax_ingest::document_from_text("t", "t.txt", text);
        let cleaned = clean(&document);
        assert!(
            cleaned
                .segments
                .iter()
                .all(|segment| segment.kind != SegmentKind::Duplicate),
            "{:?}",
            cleaned.segments
        );
        let repeat = cleaned
            .segments
            .iter()
            .rfind(|segment| segment.reason.contains("repeats"))
            .expect("the repeat is reported");
        assert_eq!(
            &text[repeat.start..repeat.end],
            "“Fares will fall by a third next year,” the mayor said on Tuesday evening."
        );
        assert_eq!(repeat.kind, SegmentKind::Body);
        assert!(repeat.reason.contains("pull-quote"), "{}", repeat.reason);
    }

    #[test]
    fn a_line_shared_by_several_pages_of_one_outlet_is_furniture() {
        // Issue 3: furniture no line rule knows, learnt from repetition
        // across documents of one outlet.
        let page = |story: &str| {
            format!(
                "Valley Courier\nYour trusted voice in the valley since 1921\n\n\
                 {story}\n\n\
                 Tips? Talk to our newsroom any time, day or night.\n\
                 Printed and distributed by Valley Courier Media Cooperative\n"
            )
        };
        let stories = [
            "The bridge on Mill Road will close for repairs from Monday, the county said.",
            "Farmers expect a record apple harvest after a warm and wet summer this year.",
            "The library will open on Sundays from next month after a public campaign.",
        ];
        let documents: Vec<Document> = stories
            .iter()
            .enumerate()
            .map(|(number, story)| {
                let mut document = parallax_ingest::document_from_text(
                    &number.to_string(),
                    "page.txt",
                    &page(story),
                );
                document.metadata.outlet = Some("Valley Courier".into());
                document
            })
            .collect();
        let furniture = Furniture::learn(&documents, 3);
        let cleaned = clean_with(&documents[1], &furniture);
        // Issue 8: counted in parts, as workers of a corpus run count
        // their shares, and added up, the lines make the same furniture.
        let part_counts = |part: &[Document]| {
            let mut counts: HashMap<FurnitureLine, usize> = HashMap::new();
            for document in part {
                for line in Furniture::lines_of(document) {
                    *counts.entry(line).or_insert(0) += 1;
                }
            }
            counts
        };
        let mut total = part_counts(&documents[..1]);
        for (line, count) in part_counts(&documents[1..]) {
            *total.entry(line).or_insert(0) += count;
        }
        let summed = Furniture::from_counts(total, 3);
        assert_eq!(summed.len(), 4);
        assert_eq!(clean_with(&documents[1], &summed), cleaned);
        let text = &documents[1].text;
        let boilerplate: Vec<(&str, &str)> = cleaned
            .segments
            .iter()
            .filter(|segment| segment.kind == SegmentKind::Boilerplate)
            .map(|segment| (&text[segment.start..segment.end], segment.reason.as_str()))
            .collect();
        let reason = "repeated in 3 Valley Courier documents (page furniture)";
        assert_eq!(
            boilerplate,
            [
                ("Valley Courier", reason),
                ("Your trusted voice in the valley since 1921", reason),
                ("Tips? Talk to our newsroom any time, day or night.", reason),
                (
                    "Printed and distributed by Valley Courier Media Cooperative",
                    reason
                ),
            ]
        );
        assert_eq!(cleaned.story_text(text), format!("{}\n", stories[1]));
        // Two pages are not enough at the default threshold, and another
        // outlet's pages do not count towards this one's.
        let two = Furniture::learn(&documents[..2], 3);
        assert!(two.is_empty());
        let mut mixed = documents.clone();
        mixed[2].metadata.outlet = Some("Hill Herald".into());
        assert!(Furniture::learn(&mixed, 3).is_empty());
        // Documents of unknown origin may be copies of one story: what they
        // share is reuse to find, not furniture.
        let mut unknown = documents.clone();
        for document in &mut unknown {
            document.metadata.outlet = None;
        }
        assert!(Furniture::learn(&unknown, 3).is_empty());
    }

    #[test]
    fn story_text_joins_wraps_and_keeps_paragraphs() {
        let text = "A Quiet Night for the Harbour Rescue Team\n\n\
                    The crew was called out twice, both times\n\
                    for boats that had run aground.\n\n\
                    Nobody was hurt.\n\nshare this story\n";
        let document = parallax_ingest::document_from_text("t", "t.txt", text);
        let story = clean(&document).story_text(text);
        assert_eq!(
            story,
            "The crew was called out twice, both times for boats that had run aground.\n\nNobody was hurt.\n"
        );
    }

    #[test]
    fn wrap_detection() {
        assert!(is_wrapped(
            "demanded that NATO stop",
            "its eastward expansion"
        ));
        assert!(is_wrapped(
            "between Russia, NATO, and the US, the",
            "Financial Times (FT) has"
        ));
        assert!(!is_wrapped(
            "Russia's Draft Accords on Security Guarantees",
            "The draft agreements"
        ));
        assert!(!is_wrapped("The talks ended.", "the next day"));
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Lines as scraped pages have them: prose, headings, URLs, dates,
        /// navigation, repeated lines, odd characters and line endings.
        fn page() -> impl Strategy<Value = String> {
            let line = prop_oneof![
                "[A-Z][a-z]{1,8}( [a-z]{1,9}){3,16}[.!?]",
                "[A-Z][a-z]{2,9}( [A-Z][a-z]{2,9}){0,6}",
                "https?://[a-z]{3,8}\\.[a-z]{2,3}/[a-z0-9/-]{0,20}",
                "20[0-9]{2}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]",
                "[a-z]{2,8}( [a-z]{2,8}){0,3}",
                "[\\PC]{0,40}",
                Just("The talks resumed in Geneva on Friday, officials said.".to_owned()),
                Just("Read more: subscribe to our newsletter".to_owned()),
            ];
            let ending = prop::sample::select(vec!["\n", "\n", "\n\n", "\r\n", "\r", " "]);
            prop::collection::vec((line, ending), 0..24).prop_map(|lines| {
                lines
                    .into_iter()
                    .map(|(line, ending)| line + ending)
                    .collect()
            })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(128))]

            #[test]
            fn segments_cover_the_text_once_on_character_boundaries(text in page()) {
                let document = parallax_ingest::document_from_text("p", "p.txt", &text);
                let cleaned = clean(&document);
                let mut previous_end = 0;
                let mut covered = vec![false; text.len()];
                for segment in &cleaned.segments {
                    prop_assert!(segment.start < segment.end, "{segment:?}");
                    prop_assert!(segment.start >= previous_end, "overlap at {segment:?}");
                    prop_assert!(text.get(segment.start..segment.end).is_some(), "{segment:?}");
                    prop_assert!(!segment.reason.is_empty());
                    for slot in &mut covered[segment.start..segment.end] {
                        *slot = true;
                    }
                    previous_end = segment.end;
                }
                for (offset, character) in text.char_indices() {
                    if !character.is_whitespace() {
                        prop_assert!(covered[offset], "byte {offset} ({character:?}) has no segment");
                    }
                }
            }
        }
    }
}
