//! A sentence as the aligner compares it, and how its scores are rounded.

use crate::similarity;
use parallax_core::{Span, tokens};

/// A body sentence prepared for matching.
#[derive(Debug)]
pub(crate) struct Sentence {
    pub(crate) span: Span,
    /// Word hashes (NFKC, lower case), for verbatim and edit comparisons.
    pub(crate) words: Vec<u64>,
    /// Stems, content words, numbers and names, for the sentence model.
    pub(crate) profile: similarity::Profile,
}

impl Sentence {
    pub(crate) fn new(text: &str, span: Span, stems: &mut similarity::StemCache) -> Self {
        let words = tokens(text, span);
        Self {
            span,
            profile: similarity::Profile::from_tokens(text, span, &words, stems),
            words: words.iter().map(|token| token.hash).collect(),
        }
    }

    /// Stems of the content words: what candidate pairs must share.
    pub(crate) fn content(&self) -> &[u64] {
        &self.profile.content
    }
}

/// Scores are reported to four decimals: finer differences are noise, and
/// golden files stay stable.
pub(crate) fn round(value: f64) -> f64 {
    (value * 10_000.0).round() / 10_000.0
}
