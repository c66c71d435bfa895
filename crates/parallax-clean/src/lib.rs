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
//! let (metadata, found) = parallax_ingest::sniff(text);
//! let document = Document { id: "a".into(), path: "a.txt".into(), text: text.into(), metadata, found };
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

pub mod rules;

use parallax_core::{
    Document, Evidence, Segment, SegmentKind, Span, is_stopword, sentences, tokens,
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

/// A document with every part labelled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanDocument {
    /// Sorted by start, not overlapping; together they cover every non-blank
    /// byte of the document.
    pub segments: Vec<Segment>,
}

impl CleanDocument {
    /// The body sentences, in document order: what alignment compares.
    pub fn body(&self) -> impl Iterator<Item = Span> + '_ {
        self.segments
            .iter()
            .filter(|segment| segment.kind == SegmentKind::Body)
            .map(Segment::span)
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

/// Labels every part of `document`.
#[must_use]
pub fn clean(document: &Document) -> CleanDocument {
    let text = document.text.as_str();
    let mut pieces = split_lines(document);
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
    CleanDocument { segments }
}

fn split_lines(document: &Document) -> Vec<Piece> {
    let text = document.text.as_str();
    let mut pieces = Vec::new();
    for (line_number, line) in parallax_core::lines(text).into_iter().enumerate() {
        let line = line.trim(text);
        if line.is_empty() {
            continue;
        }
        let mut rest = line;
        // Evidence ingest found on this line: the whole line, or a prefix.
        if let Some(found) = document
            .found
            .iter()
            .find(|found| found.span.start == line.start && line.contains(found.span))
        {
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
            .map(|verdict| (verdict.kind, verdict.reason.to_owned()));
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
/// name, author, publisher), are furniture.
fn label_repeats(text: &str, pieces: &mut [Piece]) {
    let title = pieces
        .iter()
        .find(|piece| matches!(piece.label, Some((SegmentKind::Title, _))))
        .map(|piece| piece.span);
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for piece in pieces.iter().filter(|piece| piece.label.is_none()) {
        *counts
            .entry(&text[piece.span.start..piece.span.end])
            .or_insert(0) += 1;
    }
    for piece in pieces.iter_mut().filter(|piece| piece.label.is_none()) {
        let content = &text[piece.span.start..piece.span.end];
        if let Some(title) = title
            && content == &text[title.start..title.end]
        {
            piece.label = Some((
                SegmentKind::Duplicate,
                format!("repeat of the headline at {title}"),
            ));
            continue;
        }
        let count = counts[content];
        if count >= FURNITURE_MIN_REPEATS
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
    let trigrams: Vec<HashSet<u64>> = body
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
    let mut duplicate_of: Vec<Option<usize>> = vec![None; body.len()];
    for (number, set) in trigrams.iter().enumerate() {
        if set.len() < DUPLICATE_MIN_TOKENS - 2 {
            continue;
        }
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for trigram in set {
            for &other in &index[trigram] {
                if other != number {
                    *shared.entry(other).or_insert(0) += 1;
                }
            }
        }
        let mut twins: Vec<(usize, usize)> = shared.into_iter().collect();
        twins.sort_unstable();
        for (other, count) in twins {
            let other_size = trigrams[other].len();
            let containment = count as f64 / set.len().min(other_size).max(1) as f64;
            if other < number
                || containment < DUPLICATE_MIN_CONTAINMENT
                || other_size < DUPLICATE_MIN_TOKENS - 2
            {
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
        }
    }
    body.iter()
        .enumerate()
        .map(|(number, sentence)| {
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
                    let shared = standfirst_set.intersection(&trigrams[number]).count();
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

fn trigram_set(text: &str, span: Span) -> HashSet<u64> {
    let hashes: Vec<u64> = tokens(text, span).iter().map(|token| token.hash).collect();
    parallax_core::shingles(&hashes, 3).into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(text: &str) -> Vec<(SegmentKind, String)> {
        let (metadata, found) = parallax_ingest::sniff(text);
        let document = Document {
            id: "t".into(),
            path: "t.txt".into(),
            text: text.into(),
            metadata,
            found,
        };
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
        let (metadata, found) = parallax_ingest::sniff(text);
        let document = Document {
            id: "t".into(),
            path: "t".into(),
            text: text.into(),
            metadata,
            found,
        };
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
}
