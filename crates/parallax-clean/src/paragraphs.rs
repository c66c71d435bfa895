//! The second pass: unlabelled lines joined into paragraphs (hard wraps
//! repaired), and each paragraph labelled as headline, standfirst,
//! heading, body sentences or furniture by where it sits and how it reads.

use crate::duplicates::{BodySentence, label_duplicates};
use crate::lines::{Piece, at_most_words};
use parallax_core::{Segment, SegmentKind, Span, ends_sentence, is_stopword, sentences};

/// A standfirst is a sentence or two; longer paragraphs are body.
const STANDFIRST_MAX_WORDS: usize = 60;
const HEADING_MAX_WORDS: usize = 12;
/// A paragraph this long is article text; short lines after the last one are
/// furniture.
const ARTICLE_PARAGRAPH_MIN_WORDS: usize = 12;
/// This many labelled lines in a row separate two regions of a page (the
/// article and a scraped second copy of it).
const REGION_BREAK_MIN_LINES: usize = 2;

/// Groups unlabelled pieces into paragraphs, joining a line that stops
/// mid-sentence with the line that continues it ("a role in / the upcoming
/// talks"). Returns index ranges into `pieces`.
pub(crate) fn join_wrapped_lines(text: &str, pieces: &[Piece]) -> Vec<Vec<usize>> {
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
pub(crate) fn is_wrapped(line: &str, next: &str) -> bool {
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

/// The segments of `paragraphs`, and the words of those that are body
/// sentences: each body sentence's span with the hashes of its words
/// ([`parallax_core::hashed_words`]), in order.
pub(crate) fn label_paragraphs(
    text: &str,
    pieces: &[Piece],
    paragraphs: &[Vec<usize>],
) -> (Vec<Segment>, Vec<(Span, Vec<u64>)>) {
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
        !at_most_words(
            &text[span_of(paragraph).start..span_of(paragraph).end],
            ARTICLE_PARAGRAPH_MIN_WORDS - 1,
        )
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
            && at_most_words(content, STANDFIRST_MAX_WORDS)
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
        } else if after_article && at_most_words(content, 3) && !ends_sentence(content) {
            (
                SegmentKind::Boilerplate,
                "short line after the article (site name or furniture)",
            )
        } else if at_most_words(content, 3)
            && !ends_sentence(content)
            && is_isolated(pieces, paragraph)
        {
            (SegmentKind::Metadata, "short label among page metadata")
        } else if paragraph.len() == 1
            && pieces
                .get(first_piece + 1)
                .is_some_and(|next| next.label.is_none())
            && at_most_words(content, HEADING_MAX_WORDS)
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
    let mut body_words = Vec::with_capacity(body.len());
    for (segment, words) in label_duplicates(text, &body, &standfirsts) {
        if segment.kind == SegmentKind::Body {
            body_words.push((segment.span(), words));
        }
        segments.push(segment);
    }
    (segments, body_words)
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

#[cfg(test)]
mod tests {
    use super::*;

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
