//! Stage 2, furniture: the lines of every worker's documents counted where
//! each line's hash sends it, kept where enough documents of one outlet hold
//! them, and known to every worker.

use crate::Job;
use crate::exchange::{Exchange, spread};
use parallax_clean::{Furniture, FurnitureSentence};
use parallax_ingest::Place;
use rustc_hash::FxHashMap as HashMap;

/// Learns the furniture of the whole corpus from each worker's documents'
/// lines (taken out of `own`, which no longer needs them).
pub(crate) fn learn<E: Exchange>(
    exchange: &mut E,
    job: &Job,
    own: &mut [(Place, Vec<FurnitureSentence>)],
) -> Furniture {
    if job.furniture_min_documents < 2 {
        return Furniture::from_counts([], job.furniture_min_documents);
    }
    let peers = exchange.peers();
    let mut local: HashMap<FurnitureSentence, usize> = HashMap::default();
    for (_, lines) in own.iter_mut() {
        for line in std::mem::take(lines) {
            *local.entry(line).or_insert(0) += 1;
        }
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
