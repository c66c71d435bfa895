//! Aligning two cleaned reports: which sentences of A report what sentences
//! of B report, how closely, and how much of each the other reuses.
//!
//! ```
//! use parallax_align::{align, Side};
//! use parallax_core::{Document, LinkKind};
//!
//! fn side(id: &str, text: &str) -> (Document, parallax_clean::CleanDocument) {
//!     let document = parallax_ingest::document_from_text(id, id, text);
//!     let cleaned = parallax_clean::clean(&document);
//!     (document, cleaned)
//! }
//! let (a, a_clean) = side("a", "The talks ended on Friday in Geneva. Both sides said they would meet again soon.");
//! let (b, b_clean) = side("b", "Both sides said they would meet again soon. The talks ended on Friday in Geneva.");
//! let alignment = align(Side::new(&a, &a_clean), Side::new(&b, &b_clean));
//! // Swapped sentences are still found: alignment does not assume order.
//! assert_eq!(alignment.links.len(), 2);
//! assert!(alignment.links.iter().all(|link| link.kind == LinkKind::Verbatim));
//! assert_eq!(alignment.scores.coverage_a, 1.0);
//! ```
//!
//! Aligning one document with many others, read it once and lend the
//! reading to every pair; the result is the same as reading it each time:
//!
//! ```
//! # use parallax_align::{align, Reading, Side};
//! # fn side(id: &str, text: &str) -> (parallax_core::Document, parallax_clean::CleanDocument) {
//! #     let document = parallax_ingest::document_from_text(id, id, text);
//! #     let cleaned = parallax_clean::clean(&document);
//! #     (document, cleaned)
//! # }
//! let (a, a_clean) = side("a", "The talks ended on Friday in Geneva. Both sides said they would meet again soon.");
//! let (b, b_clean) = side("b", "The talks ended on Friday in Geneva, officials said.");
//! let reading = Reading::new(Side::new(&a, &a_clean));
//! let lent = align(Side::new(&a, &a_clean).with_reading(&reading), Side::new(&b, &b_clean));
//! assert_eq!(lent, align(Side::new(&a, &a_clean), Side::new(&b, &b_clean)));
//! ```
//!
//! Links are sentence to sentence (one-to-many when a sentence was split).
//! Passages are the largest shared blocks: exact word runs found by seed
//! and extend (across sentence boundaries) merged with the sentence links
//! across gaps of a few words. [`Scores`] documents each measure's formula.
//! `align(a, b)` and `align(b, a)` give the same links, mirrored.
//!
//! Modules: `links` (candidates, scoring and assignment of sentence links;
//! `sentence` is a sentence as they compare it),
//! [`similarity`] (the sentence model and its features), `passages` (seed
//! and extend, merged blocks), `scores`, `diff` (word-level changes inside
//! a link).

mod diff;
mod links;
mod passages;
mod remembered;
mod scores;
mod sentence;
pub mod similarity;

pub use diff::changes;
pub use links::{
    Alignment, CANDIDATE_LOOKUP_BUDGET, CANDIDATE_MIN_CONTAINMENT, CANDIDATE_MIN_DICE,
    LINK_MIN_WORDS, MEANING_CANDIDATE_MIN_COSINE, MEANING_COMPARISONS_MAX,
    MIN_SHARED_CONTENT_WORDS, NEAR_MIN_EDIT_SIMILARITY, REPEATED_PAIRS_MAX, Reading,
    SPLIT_MIN_CONTAINMENT, Side, TRIMMED_MIN_CONTAINMENT, TRIMMED_MIN_SHARED_CONTENT_WORDS, align,
    link_sentences, link_sentences_with,
};
pub use scores::{SCORE_LEGEND, SCORE_NAMES, SCORE_TITLES, Scores, percent, score_title};

/// Forgets what alignment remembers on the calling thread from one pair to
/// the next (words' stems, the scores and changes of sentence pairs
/// already scored and diffed),
/// so that the next pair costs what a first pair costs: for benchmarks.
/// Results never depend on it.
pub fn forget_remembered() {
    similarity::forget_stems();
    diff::forget_changes();
    links::forget_scores();
}
