//! Stage 2, furniture: the sentences of every worker's documents, counted
//! as they were read, summed where each sentence's hash sends it, kept
//! where enough documents hold them, and known to every worker. A process
//! alone keeps its own counts as they are.

use crate::Job;
use crate::exchange::{Exchange, spread};
use parallax_clean::{Furniture, FurnitureSentence};
use rustc_hash::FxHashMap as HashMap;

/// Learns the furniture of the whole corpus from each worker's counts of
/// its own documents' sentences.
pub(crate) fn learn<E: Exchange>(
    exchange: &mut E,
    job: &Job,
    mut local: HashMap<FurnitureSentence, usize>,
) -> Furniture {
    if job.furniture_min_documents < 2 {
        return Furniture::from_counts([], job.furniture_min_documents);
    }
    let peers = exchange.peers();
    if peers == 1 {
        // Alone, the counts are the corpus's: kept where they reach the
        // threshold, in place, with no copy of them sent anywhere.
        local.retain(|_, count| *count >= job.furniture_min_documents);
        return Furniture::from_counts(local, job.furniture_min_documents);
    }
    let mut local: Vec<(FurnitureSentence, usize)> = local.into_iter().collect();
    local.sort_unstable();
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
