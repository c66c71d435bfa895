//! The one way parallax prepares and compares reports: read → learn page
//! furniture → look for the headline again → clean → align → frame. The
//! `compare`, `clean`, `check` and `corpus` commands and every benchmark
//! in `parallax-eval` go through it, so a document is cleaned the same way
//! wherever it is measured.
//!
//! ```
//! use parallax_pipeline::{Options, compare, prepare};
//!
//! let texts = [
//!     ("wire", "The port reopened on Tuesday after a three-day strike ended. Union leaders said the deal raised wages by six percent."),
//!     ("paper", "Union leaders said the deal raised wages by six percent. The port reopened on Tuesday after a three-day strike ended."),
//! ];
//! let documents = texts
//!     .iter()
//!     .map(|(id, text)| parallax_ingest::document_from_text(id, id, text))
//!     .collect();
//! let prepared = prepare(documents, &Options::default());
//! let result = compare(&prepared);
//! assert_eq!(result.pairs.len(), 1);
//! assert_eq!(result.pairs[0].links.len(), 2);
//! ```
//!
//! - [`load`] reads paths (files, folders, feeds) and prepares what it
//!   finds; [`prepare`] takes documents already in memory. Both learn the
//!   page furniture from the documents given together.
//! - [`prepare_document`] prepares one document with furniture learnt
//!   elsewhere: corpus mode learns it in parts, across workers, and takes
//!   the body's words with it ([`prepare_document_with_body_words`]).
//! - [`Prepared::embed`] adds a sentence model's vectors of every body
//!   sentence (`parallax-embed`); alignment then weighs meaning as well as
//!   words. Without it, words alone decide.
//! - [`compare`] aligns every pair and frames them: the result every report
//!   is written from. [`compare_sides`] takes chosen pairs, [`compare_pair`]
//!   aligns one pair without framing.
//! - [`check`] holds fixture corpora to their golden results.

pub mod check;
mod compare;
mod prepare;

pub use compare::{compare, compare_pair, compare_sides};
pub use prepare::{
    Options, Prepared, body_word_hashes, embed_documents, load, prepare, prepare_document,
    prepare_document_with_body_words,
};
