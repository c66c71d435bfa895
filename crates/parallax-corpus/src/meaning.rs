//! With a sentence model (`corpus --model`): the vectors of the documents
//! of a round's pairs, and what computing them cost. Each document is
//! embedded on its own, so that a pair's page, aligned again, sees the
//! vectors its line of `pairs.jsonl` was aligned with.

use crate::CorpusError;
use crate::fetch::{Cleaned, document_of};
use crate::index::Pair;
use crate::store::Cleanings;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};
use std::time::{Duration, Instant};

/// Each document's body-sentence vectors, by document number.
pub(crate) type Vectors = HashMap<u32, Vec<Vec<f32>>>;

/// The vectors of a pair's two documents.
pub(crate) type PairVectors<'v> = (&'v Vec<Vec<f32>>, &'v Vec<Vec<f32>>);

/// What the sentence model cost: documents and sentences embedded (a
/// document embedded for alignment and again for its page counts twice),
/// and the time spent embedding.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
pub(crate) struct Cost {
    pub(crate) documents: usize,
    pub(crate) sentences: usize,
    pub(crate) time: Duration,
}

impl Cost {
    pub(crate) fn add(self, other: Self) -> Self {
        Self {
            documents: self.documents + other.documents,
            sentences: self.sentences + other.sentences,
            time: self.time + other.time,
        }
    }
}

/// The vectors of one document: embedded on its own, so that they are the
/// same whichever other documents a round holds.
fn document_vectors(
    model: &parallax_embed::Model,
    (document, clean): &Cleaned,
) -> Result<Vec<Vec<f32>>, CorpusError> {
    let mut vectors = parallax_pipeline::embed_documents(model, &[(document, clean)])?;
    Ok(vectors.pop().unwrap_or_default())
}

/// The vectors of every document of `pairs`, each once, adding to `cost`.
pub(crate) fn round_vectors(
    model: &parallax_embed::Model,
    documents: &HashMap<u32, Cleaned>,
    cleaned: &Cleanings,
    pairs: &[Pair],
    cost: &mut Cost,
) -> Result<Vectors, CorpusError> {
    let started = Instant::now();
    let vectors: Vectors = crate::fetch::documents_in(pairs)
        .par_iter()
        .map(|&number| {
            let both = document_of(documents, cleaned, number)?;
            Ok((number, document_vectors(model, &both)?))
        })
        .collect::<Result<_, CorpusError>>()?;
    cost.documents += vectors.len();
    cost.sentences += vectors.values().map(Vec::len).sum::<usize>();
    cost.time += started.elapsed();
    Ok(vectors)
}
