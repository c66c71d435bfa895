//! Sentence embeddings in-process, as a second opinion on "do these two
//! sentences make the same claim": a sentence-transformers model (a BERT
//! encoder such as all-MiniLM-L6-v2, its WordPiece tokenizer, mean pooling)
//! read from a local folder and run on the CPU with candle. Nothing is
//! fetched: the folder is one `make model` unpacks, or any other with the
//! same files.
//!
//! ```no_run
//! use parallax_embed::{Model, cosine};
//! use std::path::Path;
//!
//! let model = Model::load(Path::new("all-MiniLM-L6-v2"))?;
//! let vectors = model.embed(&[
//!     "The proposals were handed over to a US representative on December 15.",
//!     "Russia gave its draft agreements to the US side in mid-December.",
//! ])?;
//! assert_eq!(vectors[0].len(), model.dimension());
//! let similarity = cosine(&vectors[0], &vectors[1]);
//! # let _ = similarity;
//! # Ok::<(), parallax_embed::EmbedError>(())
//! ```
//!
//! Embed every sentence of a document once and keep the vectors: a
//! document is compared with many others, and the encoder is the costly
//! part. Without a model parallax works as before, on lexical evidence
//! alone; this crate is only loaded when one is asked for.
//!
//! Modules: `model` (loading, tokenising, the encoder, pooling) and
//! `error`.

mod error;
mod model;
#[cfg(any(test, feature = "testing"))]
pub mod testing;

pub use error::EmbedError;
pub use model::Model;

/// The cosine of two vectors; their dot product when both are of unit
/// length, as [`Model::embed`] gives them.
#[must_use]
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let norm = |vector: &[f32]| vector.iter().map(|x| x * x).sum::<f32>().sqrt();
    let denominator = norm(a) * norm(b);
    if denominator == 0.0 {
        0.0
    } else {
        dot / denominator
    }
}

#[cfg(test)]
mod tests;
