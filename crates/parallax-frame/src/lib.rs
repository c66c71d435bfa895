//! How reports of one event frame it: whose words each outlet carries,
//! what it states in its own voice and what it attributes, who appears,
//! which words it prefers, and what it leaves out.
//!
//! Everything here is rules and counts over the cleaned body, so every
//! finding cites byte offsets of the document's text.
//!
//! ```
//! use parallax_core::Span;
//! let text = "“The bridge is not safe,” the engineer said. The council said it would reopen in May.";
//! let sentences = parallax_core::sentences(text, Span::new(0, text.len()));
//! let found = parallax_frame::attributions(text, &sentences, &[Span::new(0, text.len())]);
//! assert_eq!(found.len(), 2);
//! assert_eq!(found[0].source.and_then(|span| span.text(text)), Some("the engineer"));
//! assert_eq!(found[1].content.text(text), Some("it would reopen in May"));
//! ```
//!
//! - [`frame`] is the whole job for a comparison: give it the cleaned
//!   documents and each aligned pair's sentence links, and it returns the
//!   [`Framing`] that `compare` writes under `framing` in its JSON.
//! - [`attributions`] finds quotes and reported speech in one document;
//!   [`resolve`] then names their speakers ("he", "the diplomat") from the
//!   document's [`mentions`].
//! - [`quotes()`] pairs quotation marks only, for callers that need the raw
//!   quotes (tolerant of unclosed and mis-typed marks).
//! - [`distinctive_terms`] is the weighted log-odds ratio on any word
//!   lists, for corpora beyond one comparison.
//!
//! - [`FindingKind`] names each kind of finding; only kinds whose findings
//!   were right at least [`MIN_PRECISION`] of the time when read by hand
//!   ([`AUDITED`]) are shown to a reader by default.
//!
//! Modules: `framing` ([`frame`]) puts together `document` (one document's
//! framing), `pair` (one pair's) and `omissions` (across all); `model`
//! holds what they find. Underneath: `quotes`, `attribution` (with its
//! `speaker` and `reported` parts), `cues` (the words that introduce
//! speech), `speakers` ([`resolve`]), `entities`, [`names`], `phrases` and
//! `terms`.

mod attribution;
mod audit;
mod cues;
mod document;
mod entities;
mod framing;
mod model;
pub mod names;
mod omissions;
mod pair;
mod people;
mod phrases;
mod quotes;
mod speakers;
mod terms;

pub use attribution::{Attribution, Quoting, SpeakerEvidence, attributions};
pub use audit::{AUDITED, Audit, Basis, FindingKind, MIN_JUDGED, MIN_PRECISION};
pub use cues::is_cue_word;
pub use entities::{Entity, Mention, entities, mentions};
pub use framing::{DISTINCTIVE_TERMS, frame};
pub use model::{
    Compared, Contrast, ContrastKind, DocumentFraming, DocumentSpan, Framing, KindAudit, Omission,
    PairFraming, PairLinks, QuoteRelation, SharedQuote,
};
pub use names::Kind;
pub use pair::ATTRIBUTED_SHARE;
pub use people::{Person, people};
pub use phrases::{PhraseContrast, Voice};
pub use quotes::{Quote, quotes};
pub use speakers::{Speaker, resolve};
pub use terms::{Term, counted_words, distinctive_terms, log_odds_z};

/// Test texts are written one paragraph a line: their paragraphs (blank
/// lines skipped) and sentences.
#[cfg(test)]
pub(crate) fn paragraphs_and_sentences(
    text: &str,
) -> (Vec<parallax_core::Span>, Vec<parallax_core::Span>) {
    let paragraphs: Vec<parallax_core::Span> = parallax_core::lines(text)
        .into_iter()
        .filter(|line| !line.text(text).unwrap_or("").trim().is_empty())
        .collect();
    let sentences = paragraphs
        .iter()
        .flat_map(|paragraph| parallax_core::sentences(text, *paragraph))
        .collect();
    (paragraphs, sentences)
}
