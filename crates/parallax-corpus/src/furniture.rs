//! Stage 2, furniture: the sentences of every worker's documents, counted
//! as they were read, summed where each sentence's hash sends it, kept
//! where enough documents hold them, and known to every worker. A process
//! alone keeps its own counts as they are.

use crate::Job;
use crate::exchange::{Exchange, spread};
use parallax_clean::{Furniture, FurnitureSentence};
use rayon::slice::ParallelSliceMut;
use rustc_hash::FxHashMap as HashMap;

/// Learns the furniture of the whole corpus from each worker's
/// furniture sentences, each listed once per document that holds it.
pub(crate) fn learn<E: Exchange>(
    exchange: &mut E,
    job: &Job,
    mut local: Vec<FurnitureSentence>,
) -> Furniture {
    if job.furniture_min_documents < 2 {
        return Furniture::from_counts([], job.furniture_min_documents);
    }
    local.par_sort_unstable();
    let peers = exchange.peers();
    if peers == 1 {
        // Alone, the counts are the corpus's: kept where they reach the
        // threshold, with no list of every count made first.
        return Furniture::from_counts(
            counted(&local).filter(|(_, count)| *count >= job.furniture_min_documents),
            job.furniture_min_documents,
        );
    }
    let local: Vec<(FurnitureSentence, usize)> = counted(&local).collect();
    let received = exchange.exchange(local, |((_, fingerprint), _)| spread(*fingerprint, peers));
    let mut totals: HashMap<FurnitureSentence, usize> = HashMap::default();
    for (line, count) in received {
        *totals.entry(line).or_insert(0) += count;
    }
    let mut kept: Vec<(FurnitureSentence, usize)> = totals
        .into_iter()
        .filter(|(_, count)| *count >= job.furniture_min_documents)
        .collect();
    kept.sort_unstable();
    Furniture::from_counts(exchange.broadcast(kept), job.furniture_min_documents)
}

/// Each sentence of `sorted` (sorted) with the number of times it is
/// listed.
fn counted(sorted: &[FurnitureSentence]) -> impl Iterator<Item = (FurnitureSentence, usize)> + '_ {
    sorted
        .chunk_by(|left, right| left == right)
        .map(|same| (same[0], same.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_sentences_are_counted_once_each() {
        let mut sentences = vec![(2, 7), (1, 9), (2, 7), (1, 3), (2, 7)];
        sentences.sort_unstable();
        assert_eq!(
            counted(&sentences).collect::<Vec<_>>(),
            [((1, 3), 1), ((1, 9), 1), ((2, 7), 3)]
        );
        assert_eq!(counted(&[]).count(), 0);
    }
}
