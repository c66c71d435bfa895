//! The shared ground of parallax: the data model every stage passes on, and
//! the text primitives that keep every finding tied to the original bytes.
//!
//! - [`model`]: [`Document`], [`Span`], [`Segment`] with its [`SegmentKind`]
//!   and reason, [`Link`] with its [`LinkKind`].
//! - [`text`]: tokens (runs of `\w`, NFKC and lower case, each with its
//!   original [`Span`]), [`normalize`] with an offset map back to the
//!   original bytes, stable xxh3 hashes and word shingles.
//! - [`sentences`]: UAX #29 sentences with repairs for abbreviations,
//!   initials and sentences glued without a space.
//! - [`union_find`]: disjoint sets, for stories of documents and claims of
//!   sentences.
//!
//! ```
//! use parallax_core::{sentences, tokens, Span};
//!
//! let text = "MOSCOW. Talks begin on Dec. 15 in Geneva.“We are ready,” he said.";
//! let whole = Span::new(0, text.len());
//! let found: Vec<&str> = sentences(text, whole)
//!     .into_iter()
//!     .map(|span| span.text(text).unwrap())
//!     .collect();
//! assert_eq!(found, ["MOSCOW.", "Talks begin on Dec. 15 in Geneva.", "“We are ready,” he said."]);
//!
//! // Tokens fold case and quote style but remember where they came from.
//! let words = tokens(text, whole);
//! assert_eq!(words[0].norm, "moscow");
//! assert_eq!(words[0].span.text(text), Some("MOSCOW"));
//! ```
//!
//! Use [`tokens`] when you need hashes or per-word spans (alignment,
//! shingles); use [`normalize`] when you need one matching string with a way
//! back to the original (substring search, seed-and-extend).

pub mod model;
pub mod sentences;
pub mod text;
pub mod union_find;

pub use model::{
    Change, Document, Evidence, Found, Link, LinkEvidence, LinkKind, Metadata, OffsetBase,
    Provenance, Segment, SegmentKind, Source, SourceFormat, Span, bytes_by_kind,
};
pub use sentences::{ends_sentence, sentences};
pub use text::{
    HASH_SEED, MONTHS, Normalized, SHINGLE_WORDS, Token, WEEKDAYS, count_stopwords, hash_sequence,
    hash_str, hashed_words, is_stopword, is_stopword_as_written, is_stopword_hash, lines,
    normalize, normalize_word, shared_sorted, shingles, tokens, word_hash, word_room, words,
};
pub use union_find::UnionFind;
