//! A document with every part labelled, and what can be read from it.

use parallax_core::{Segment, SegmentKind, Span};
use std::collections::BTreeMap;

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
