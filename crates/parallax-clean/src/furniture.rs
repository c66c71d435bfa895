//! Page furniture: lines that recur across documents of one outlet,
//! learnt from the documents themselves rather than from any rule.

use parallax_core::{Document, Span, tokens};
use std::collections::HashMap;

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
    pub(crate) fn documents_holding(&self, document: &Document, line: Span) -> Option<usize> {
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
pub(crate) fn group_of(document: &Document) -> Option<String> {
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
