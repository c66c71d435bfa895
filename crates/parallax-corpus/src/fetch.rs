//! Documents on the move: the documents of a set of pairs, fetched from
//! the workers that hold them, and a pair aligned once both are at hand.

use crate::CorpusError;
use crate::error::store_error;
use crate::exchange::{Exchange, agree};
use crate::index::Pair;
use crate::read::Table;
use crate::store::Store;
use parallax_align::Side;
use parallax_clean::CleanDocument;
use parallax_core::Document;
use parallax_ingest::Input;
use parallax_report::PairResult;
use rustc_hash::FxHashMap as HashMap;

/// The documents of `pairs` this worker does not hold, fetched from the
/// workers that do.
pub(crate) fn fetch<E: Exchange>(
    exchange: &mut E,
    table: &Table,
    inputs: &[Input],
    cleaned: &Store,
    pairs: &[Pair],
) -> Result<HashMap<u32, Cleaned>, CorpusError> {
    let me = exchange.index();
    fetch_to(exchange, table, inputs, cleaned, pairs, move |_| me)
}

/// Sends the documents of `pairs` to the worker `to(pair)` names, where it
/// does not hold them already; returns those this worker was sent.
pub(crate) fn fetch_to<E: Exchange>(
    exchange: &mut E,
    table: &Table,
    inputs: &[Input],
    cleaned: &Store,
    pairs: &[Pair],
    to: impl Fn(Pair) -> usize,
) -> Result<HashMap<u32, Cleaned>, CorpusError> {
    let peers = exchange.peers();
    let holder = |number: u32| table.holder(inputs, number, peers);
    // (document, who asks), to the worker holding it.
    let mut requests: Vec<(u32, usize)> = pairs
        .iter()
        .flat_map(|&pair| {
            let asker = to(pair);
            [(pair.0, asker), (pair.1, asker)]
        })
        .filter(|&(number, asker)| holder(number) != asker)
        .collect();
    requests.sort_unstable();
    requests.dedup();
    let requests = exchange.exchange(requests, |&(number, _)| holder(number));
    let answers: Result<Vec<(usize, u32, Document, CleanDocument)>, CorpusError> = requests
        .into_iter()
        .map(|(number, asker)| {
            let (document, clean) = cleaned.get(number).map_err(store_error)?;
            Ok((asker, number, document, clean))
        })
        .collect();
    let answers = agree(exchange, answers)?;
    Ok(exchange
        .exchange(answers, |(asker, ..)| *asker)
        .into_iter()
        .map(|(_, number, document, clean)| (number, (document, clean)))
        .collect())
}

/// A document and its cleaning: sent by another worker, or from the store.
pub(crate) fn document_of(
    documents: &HashMap<u32, Cleaned>,
    cleaned: &Store,
    number: u32,
) -> Result<Cleaned, CorpusError> {
    match documents.get(&number) {
        Some(both) => Ok(both.clone()),
        None => cleaned.get(number).map_err(store_error),
    }
}

/// A document and its cleaning.
pub(crate) type Cleaned = (Document, CleanDocument);

/// A pair aligned, with its two documents. A document that is neither sent
/// nor stored here is an error, never a pair quietly left out.
/// With a sentence model, `vectors` are the two documents' vectors.
pub(crate) fn align_pair(
    documents: &HashMap<u32, Cleaned>,
    cleaned: &Store,
    (a, b): (u32, u32),
    vectors: Option<crate::meaning::PairVectors<'_>>,
) -> Result<(PairResult, Cleaned, Cleaned), CorpusError> {
    let (document_a, clean_a) = document_of(documents, cleaned, a)?;
    let (document_b, clean_b) = document_of(documents, cleaned, b)?;
    let mut side_a = Side::new(&document_a, &clean_a);
    let mut side_b = Side::new(&document_b, &clean_b);
    if let Some((vectors_a, vectors_b)) = vectors {
        side_a = side_a.with_vectors(vectors_a);
        side_b = side_b.with_vectors(vectors_b);
    }
    let pair = parallax_pipeline::compare_pair(side_a, side_b);
    Ok((pair, (document_a, clean_a), (document_b, clean_b)))
}
