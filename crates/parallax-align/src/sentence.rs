//! A sentence as the aligner compares it, and how its scores are rounded.

use crate::similarity;
use parallax_core::Span;

/// A body sentence prepared for matching.
#[derive(Debug)]
pub(crate) struct Sentence {
    pub(crate) span: Span,
    /// Words (their hashes, NFKC, lower case, for verbatim and edit
    /// comparisons), stems, content words, numbers and names, for the
    /// sentence model.
    pub(crate) profile: similarity::Profile,
    /// The sentence's vector, of unit length, when a sentence model was
    /// used.
    pub(crate) vector: Option<Vec<f32>>,
}

impl Sentence {
    pub(crate) fn new(text: &str, span: Span) -> Self {
        let words: Vec<(Span, u64)> = parallax_core::hashed_words(text, span).collect();
        Self::from_words(text, span, &words)
    }

    /// The sentence at `span` from its words' spans and hashes
    /// ([`parallax_core::hashed_words`]).
    pub(crate) fn from_words(text: &str, span: Span, words: &[(Span, u64)]) -> Self {
        Self {
            span,
            profile: similarity::Profile::from_words(text, span, words),
            vector: None,
        }
    }

    /// The cosine of two sentences' vectors, when both have one.
    pub(crate) fn cosine(&self, other: &Self) -> Option<f64> {
        let (a, b) = (self.vector.as_deref()?, other.vector.as_deref()?);
        let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
        Some(f64::from(dot))
    }

    /// Hashes of the words (NFKC, lower case), in order.
    pub(crate) fn words(&self) -> &[u64] {
        self.profile.words()
    }

    /// Stems of the content words: what candidate pairs must share.
    pub(crate) fn content(&self) -> &[u64] {
        self.profile.content()
    }
}

/// Scores are reported to four decimals: finer differences are noise, and
/// golden files stay stable.
pub(crate) fn round(value: f64) -> f64 {
    (value * 10_000.0).round() / 10_000.0
}
