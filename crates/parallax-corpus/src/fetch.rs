//! Documents on the move: the documents of a set of pairs, fetched from
//! the workers that hold them, and a pair aligned once both are at hand.

use crate::CorpusError;
use crate::error::store_error;
use crate::exchange::{Exchange, agree};
use crate::index::Pair;
use crate::read::Table;
use crate::store::{Cleanings, Store};
use parallax_align::Side;
use parallax_clean::CleanDocument;
use parallax_core::Document;
use parallax_ingest::Input;
use rustc_hash::FxHashMap as HashMap;

/// The documents of `pairs` this worker does not hold, fetched from the
/// workers that do.
pub(crate) fn fetch<E: Exchange>(
    exchange: &mut E,
    table: &Table,
    inputs: &[Input],
    cleaned: &Cleanings,
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
    cleaned: &Cleanings,
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
            let (document, clean) = cleaned.get_document(number).map_err(store_error)?;
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
    cleaned: &Cleanings,
    number: u32,
) -> Result<Cleaned, CorpusError> {
    match documents.get(&number) {
        Some(both) => Ok(both.clone()),
        None => cleaned.get_document(number).map_err(store_error),
    }
}

/// A document and its cleaning.
pub(crate) type Cleaned = (Document, CleanDocument);

/// The documents of `pairs`, by number, each once.
pub(crate) fn documents_in(pairs: &[Pair]) -> Vec<u32> {
    let mut numbers: Vec<u32> = pairs.iter().flat_map(|&(a, b)| [a, b]).collect();
    numbers.sort_unstable();
    numbers.dedup();
    numbers
}

/// The runs of [`RUN_WORDS`] words of each document of `pairs`: what
/// [`shared_runs`] compares, once a document however many pairs it is in;
/// from `runs`, the store of this worker's documents' runs, or from the
/// document where another worker sent it.
pub(crate) fn run_hashes(
    documents: &HashMap<u32, Cleaned>,
    runs: &Store,
    pairs: &[Pair],
) -> Result<HashMap<u32, Runs>, CorpusError> {
    use rayon::prelude::*;
    documents_in(pairs)
        .into_par_iter()
        .map(|number| {
            let runs = match documents.get(&number) {
                Some((document, clean)) => Runs::new(&parallax_pipeline::body_word_hashes(
                    Side::new(document, clean),
                )),
                None => Runs::from_bytes(&runs.get_bytes(number).map_err(store_error)?),
            };
            Ok((number, runs))
        })
        .collect()
}

/// The hashes of a body's runs of [`RUN_WORDS`] words, in order: all a
/// round keeps of each of its documents before alignment, so it is kept
/// once (a sorted copy or a bitmap beside it doubled a round's memory on a
/// corpus whose candidates reach most documents).
#[derive(Debug, Clone, Default)]
pub(crate) struct Runs {
    in_order: Vec<u64>,
}

impl Runs {
    pub(crate) fn new(word_hashes: &[u64]) -> Self {
        Self {
            in_order: word_hashes.windows(RUN_WORDS).map(run_hash).collect(),
        }
    }

    /// The runs as little-endian bytes, eight a run, for a [`Store`].
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        self.in_order
            .iter()
            .flat_map(|run| run.to_le_bytes())
            .collect()
    }

    /// The runs [`to_bytes`](Self::to_bytes) wrote.
    pub(crate) fn from_bytes(bytes: &[u8]) -> Self {
        Self {
            in_order: bytes
                .chunks_exact(8)
                .map(|run| u64::from_le_bytes(run.try_into().unwrap_or_default()))
                .collect(),
        }
    }

    /// The runs as a set, to look another body's runs up in.
    pub(crate) fn set(&self) -> rustc_hash::FxHashSet<u64> {
        self.in_order.iter().copied().collect()
    }

    /// The words of the body: one run starts at each word but the last
    /// few.
    pub(crate) fn body_words(&self) -> usize {
        if self.in_order.is_empty() {
            0
        } else {
            self.in_order.len() + RUN_WORDS - 1
        }
    }
}

/// One number for a run of words, from their hashes. Runs are only ever
/// compared with each other, so they need not be the shingles the index
/// hashes: each word is folded in by a step that is one to one for any
/// value the run held before, so two runs that differ in one word never
/// share a number, at a third of the cost of hashing the run's bytes.
fn run_hash(run: &[u64]) -> u64 {
    run.iter().fold(0, |hash, &word| {
        (hash.rotate_left(29) ^ word).wrapping_mul(0x9e37_79b9_7f4a_7c15)
    })
}

/// What two bodies share in runs of [`RUN_WORDS`] words or more, before
/// any alignment: the first body's words inside such runs, and how many
/// separate runs hold them. The second body comes as its [`Runs::set`],
/// built once for all the pairs it is in.
pub(crate) fn shared_runs(first: &Runs, held: &rustc_hash::FxHashSet<u64>) -> SharedRuns {
    let mut shared = SharedRuns::default();
    let mut covered_until = 0;
    let mut previous: Option<usize> = None;
    for (start, run) in first.in_order.iter().enumerate() {
        if held.contains(run) {
            shared.words += start + RUN_WORDS - covered_until.max(start);
            covered_until = start + RUN_WORDS;
            if previous != start.checked_sub(1) || previous.is_none() {
                shared.runs += 1;
            }
            previous = Some(start);
        }
    }
    shared
}

/// What [`shared_runs`] counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct SharedRuns {
    pub(crate) words: usize,
    pub(crate) runs: usize,
}

/// The shortest run [`shared_runs`] counts: a run this long is hardly
/// ever shared by chance, outside furniture and stock phrases.
pub(crate) const RUN_WORDS: usize = 8;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_come_back_from_their_bytes() {
        // A body of fewer words than a run has no runs to count words by.
        for (words, counted) in [(0, 0), (7, 0), (8, 8), (40, 40)] {
            let hashes: Vec<u64> = (0..words)
                .map(|word: u64| word.wrapping_mul(0x9e37_79b9_7f4a_7c15))
                .collect();
            let runs = Runs::new(&hashes);
            let again = Runs::from_bytes(&runs.to_bytes());
            assert_eq!(again.in_order, runs.in_order);
            assert_eq!(again.body_words(), counted);
        }
    }

    #[test]
    fn runs_that_differ_in_one_word_differ() {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..10_000 {
            let run: Vec<u64> = (0..RUN_WORDS).map(|_| next()).collect();
            let mut other = run.clone();
            let at = usize::try_from(next() % RUN_WORDS as u64).unwrap();
            other[at] ^= 1 << (next() % 64);
            assert_ne!(run_hash(&run), run_hash(&other));
        }
        // Order counts: the same words in another order are another run.
        let words: Vec<u64> = (1..=8).collect();
        let mut reversed = words.clone();
        reversed.reverse();
        assert_ne!(run_hash(&words), run_hash(&reversed));
    }

    #[test]
    fn shared_runs_count_each_word_once() {
        let runs = |words: &[u64]| Runs::new(words);
        let first: Vec<u64> = (0..40).collect();
        // Words 5 to 24 again (twenty), inside other words, and an 8-word
        // run (30 to 37) elsewhere: 28 words, overlapping runs counted once.
        let mut second: Vec<u64> = (100..110).collect();
        second.extend(5..25);
        second.extend(200..205);
        second.extend(30..38);
        assert_eq!(
            shared_runs(&runs(&first), &runs(&second).set()),
            SharedRuns { words: 28, runs: 2 }
        );
        // Seven words in a row are not a run.
        let short: Vec<u64> = (0..7).chain(300..320).collect();
        assert_eq!(
            shared_runs(&runs(&first), &runs(&short).set()),
            SharedRuns::default()
        );
    }
}
