//! The first pass: each line (or the part of it before or after a prefix
//! such as a dateline) labelled by the line rules, the evidence ingest
//! found and the page's furniture, or left for the paragraphs pass.

use crate::Furniture;
use crate::furniture::{Held, Units, group_of};
use crate::rules::{classify_line, glued_image_url};
use parallax_core::{Document, Evidence, SegmentKind, Span, ends_sentence};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Short lines repeated this often on one page are page furniture.
const FURNITURE_MIN_REPEATS: usize = 2;
const FURNITURE_MAX_WORDS: usize = 6;

/// A trimmed piece of a line: a whole line, or the part of it before or
/// after a prefix such as a dateline.
#[derive(Debug, Clone)]
pub(crate) struct Piece {
    pub(crate) span: Span,
    pub(crate) line: usize,
    pub(crate) label: Option<(SegmentKind, String)>,
}

pub(crate) fn split_lines(
    document: &Document,
    furniture: &Furniture,
    units: Option<&Units>,
) -> Vec<Piece> {
    let text = document.text.as_str();
    let set_aside = furniture.set_aside(document, units);
    let source = document
        .metadata
        .outlet
        .clone()
        .or_else(|| group_of(document))
        .unwrap_or_default();
    let mut pieces = Vec::new();
    for (line_number, line) in parallax_core::lines(text).into_iter().enumerate() {
        let line = line.trim(text);
        if line.is_empty() {
            continue;
        }
        let mut rest = line;
        let line_is_furniture = matches!(
            furniture_parts(text, line, &set_aside).as_slice(),
            [(_, Some(_))]
        );
        // Evidence ingest found on this line: the whole line, or a prefix.
        // A "headline" that every page of the outlet carries is the site's
        // tagline, not this story's headline.
        if let Some(found) = document.found.iter().find(|found| {
            found.span.start == line.start
                && line.contains(found.span)
                && !(found.evidence == Evidence::Title && line_is_furniture)
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
        if let Some(verdict) = classify_line(&text[rest.start..rest.end]) {
            pieces.push(Piece {
                span: rest,
                line: line_number,
                label: Some((verdict.kind, verdict.reason.to_owned())),
            });
            continue;
        }
        for (span, held) in furniture_parts(text, rest, &set_aside) {
            let label = held.map(|held| {
                let documents = held.documents;
                let reason = if held.across_outlets {
                    format!(
                        "a form filled in differently in {documents} documents across outlets \
                         (page furniture)"
                    )
                } else {
                    format!("repeated in {documents} {source} documents (page furniture)")
                };
                (SegmentKind::Boilerplate, reason)
            });
            pieces.push(Piece {
                span,
                line: line_number,
                label,
            });
        }
    }
    pieces
}

/// `span` cut where the furniture set aside starts and stops: its parts in
/// order, each with how it is held if it is furniture. Neighbouring
/// sentences of furniture held alike make one part.
fn furniture_parts(
    text: &str,
    span: Span,
    set_aside: &[(Span, Held)],
) -> Vec<(Span, Option<Held>)> {
    let mut parts: Vec<(Span, Option<Held>)> = Vec::new();
    let mut at = span.start;
    // The parts set aside are in text order and do not overlap: those that
    // can meet `span` start at the first that ends after it starts.
    let first = set_aside.partition_point(|(aside, _)| aside.end <= span.start);
    for &(aside, held) in &set_aside[first..] {
        if aside.start >= span.end {
            break;
        }
        let (start, end) = (aside.start.max(span.start), aside.end.min(span.end));
        if start >= end {
            continue;
        }
        let overlap = Span::new(start, end).trim(text);
        if overlap.is_empty() {
            continue;
        }
        let before = Span::new(at, overlap.start).trim(text);
        if !before.is_empty() {
            parts.push((before, None));
        }
        match parts.last_mut() {
            Some((previous, Some(fewest)))
                if before.is_empty() && fewest.across_outlets == held.across_outlets =>
            {
                *previous = previous.cover(overlap);
                fewest.documents = fewest.documents.min(held.documents);
            }
            _ => parts.push((overlap, Some(held))),
        }
        at = overlap.end;
    }
    let after = Span::new(at, span.end).trim(text);
    if !after.is_empty() {
        parts.push((after, None));
    }
    parts
}

/// Whether `text` has at most `most` words: what white space separates,
/// except that Chinese, Japanese and Korean run their words together, so
/// each of their characters counts as one (as Unicode's word boundaries
/// split them). A Japanese paragraph is then as long in words as its
/// English translation is, give or take, instead of one word. Counted only
/// as far as needed: the rules ask it of whole paragraphs to find short
/// ones.
pub(crate) fn at_most_words(text: &str, most: usize) -> bool {
    let mut total = 0;
    for count in word_counts(text) {
        total += count;
        if total > most {
            return false;
        }
    }
    true
}

/// How many words each piece between white space counts for.
fn word_counts(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.split_whitespace().map(|token| {
        if token.is_ascii() {
            1
        } else {
            token
                .chars()
                .filter(|&character| is_cjk(character))
                .count()
                .max(1)
        }
    })
}

/// Han ideographs, kana and Hangul: scripts written without spaces.
fn is_cjk(character: char) -> bool {
    matches!(
        u32::from(character),
        0x3040..=0x30FF // Hiragana, Katakana
            | 0x3400..=0x4DBF // CJK Extension A
            | 0x4E00..=0x9FFF // CJK Unified Ideographs
            | 0xAC00..=0xD7AF // Hangul syllables
            | 0xF900..=0xFAFF // CJK Compatibility Ideographs
            | 0x20000..=0x2FA1F // CJK Extensions B and later
    )
}

/// Repeats of the headline, and short lines that recur on the page (site
/// name, author, publisher), are furniture. A recurring short line counts
/// only when one of its occurrences sits beside a line the line rules
/// already set aside (an URL, an e-mail address, a date): a list that
/// repeats "Meal 1"/"Meal 2" headings inside an article is not furniture.
pub(crate) fn label_repeats(text: &str, pieces: &mut [Piece]) {
    let title = pieces
        .iter()
        .find(|piece| matches!(piece.label, Some((SegmentKind::Title, _))))
        .map(|piece| piece.span);
    let mut counts: HashMap<&str, usize> = HashMap::default();
    let mut beside_furniture: HashSet<&str> = HashSet::default();
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
            && at_most_words(content, FURNITURE_MAX_WORDS)
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
pub(crate) fn label_navigation_above_title(text: &str, pieces: &mut [Piece]) {
    let Some(title_index) = pieces
        .iter()
        .position(|piece| matches!(piece.label, Some((SegmentKind::Title, _))))
    else {
        return;
    };
    for piece in &mut pieces[..title_index] {
        let content = &text[piece.span.start..piece.span.end];
        if piece.label.is_none() && at_most_words(content, 3) && !ends_sentence(content) {
            piece.label = Some((
                SegmentKind::Boilerplate,
                "site navigation above the headline".to_owned(),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{at_most_words, word_counts};

    fn words(text: &str) -> usize {
        word_counts(text).sum()
    }

    #[test]
    fn words_count_each_character_of_scripts_written_without_spaces() {
        assert_eq!(words("The port reopened on Tuesday."), 5);
        assert_eq!(words("| BY:"), 2);
        // "Also, in addition," in Japanese: seven kana and ideographs, not
        // one word that a rule for short lines would set aside.
        assert_eq!(words("また、その他にも、"), 7);
        assert_eq!(words("商品の改造 が"), 6);
        assert_eq!(words("서울 시청"), 4);
        for text in [
            "",
            "The port reopened on Tuesday.",
            "また、その他にも、",
            "서울 시청",
        ] {
            for most in 0..10 {
                assert_eq!(
                    at_most_words(text, most),
                    words(text) <= most,
                    "{text} {most}"
                );
            }
        }
    }
}
