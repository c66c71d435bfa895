//! Stage 4, candidates: the pairs worth aligning. Up to
//! [`ALL_PAIRS_UP_TO`](crate::ALL_PAIRS_UP_TO) documents, every pair; beyond,
//! the pairs the corpus indexes propose, found across workers.

use crate::exchange::{Exchange, spread};
use crate::index::{CorpusIndex, KeyEntry, Pair, bucket_pairs, entry_key, posting_pairs};
use crate::read::Table;
use crate::{ALL_PAIRS_UP_TO, as_number};
use parallax_ingest::Input;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

/// This worker's candidate pairs, each on the worker that read its first
/// document, sorted.
pub(crate) fn candidates<E: Exchange>(
    exchange: &mut E,
    table: &Table,
    inputs: &[Input],
    bands: Vec<KeyEntry>,
    passages: Vec<KeyEntry>,
) -> Vec<Pair> {
    let count = table.entries.len();
    // A small corpus is aligned pair by pair, as `compare` aligns it: the
    // indexes find reuse of a paragraph or more, and a shared sentence or
    // two between a handful of reports is worth the few seconds.
    if count <= ALL_PAIRS_UP_TO {
        let (me, peers) = (exchange.index(), exchange.peers());
        return (0..count)
            .filter(|&a| table.holder(inputs, as_number(a), peers) == me)
            .flat_map(|a| (a + 1..count).map(move |b| (as_number(a), as_number(b))))
            .collect();
    }
    find_candidates(exchange, table, inputs, bands, passages)
}

/// Candidate pairs from every worker's index keys. Keys go to the worker
/// their hash names, so each bucket and each posting is seen whole, once;
/// the pairs they propose go to the worker their own hash names, which
/// adds up the evidence, so each candidate is found once. Returns this
/// worker's candidates, each on the worker that read its first document,
/// sorted.
fn find_candidates<E: Exchange>(
    exchange: &mut E,
    table: &Table,
    inputs: &[Input],
    bands: Vec<KeyEntry>,
    passages: Vec<KeyEntry>,
) -> Vec<Pair> {
    let peers = exchange.peers();
    // (pair) → (shares a band, sampled n-grams shared), in one map for
    // each thread, each holding the pairs its shard names: filled on every
    // thread at once, where one map filled a pair at a time left a core
    // idle for most of the stage at a million documents.
    let mut shards: Vec<HashMap<Pair, (bool, u32)>> =
        vec![HashMap::default(); rayon::current_num_threads().max(1)];
    let mut bands = exchange.exchange(bands, |entry| spread(entry_key(entry), peers));
    bands.par_sort_unstable();
    fill_shards(
        &mut shards,
        &bands,
        |members, pair| bucket_pairs(members, CorpusIndex::BUCKET_CAP, pair),
        |evidence| evidence.0 = true,
    );
    drop(bands);
    let mut passages = exchange.exchange(passages, |entry| spread(entry_key(entry), peers));
    passages.par_sort_unstable();
    fill_shards(
        &mut shards,
        &passages,
        |members, pair| posting_pairs(members, CorpusIndex::PASSAGE_POSTING_CAP, pair),
        |evidence| evidence.1 += 1,
    );
    drop(passages);
    // Each pair is in one shard only.
    let mut evidence: Vec<(Pair, (bool, u32))> = shards.into_iter().flatten().collect();
    evidence.par_sort_unstable();
    let received = exchange.exchange(evidence, |(pair, _)| spread(packed(*pair), peers));
    let mut totals: HashMap<Pair, (bool, u32)> = HashMap::default();
    for (pair, (whole, shared)) in received {
        let total = totals.entry(pair).or_default();
        total.0 |= whole;
        total.1 += shared;
    }
    let mut candidates: Vec<Pair> = totals
        .into_iter()
        .filter(|(_, (whole, shared))| *whole || *shared >= CorpusIndex::PASSAGE_MIN_SHARED)
        .map(|(pair, _)| pair)
        .collect();
    candidates.sort_unstable();
    let mut candidates = exchange.exchange(candidates, |pair| table.holder(inputs, pair.0, peers));
    candidates.sort_unstable();
    candidates
}

/// The evidence each group of `entries` with one key gives, in the shard
/// of `shards` each pair belongs to: every shard on a thread of its own,
/// each going through all the groups and keeping its own pairs.
/// `propose` names the pairs of a group, given its documents in order;
/// `add` adds one such pair's evidence to what its shard holds.
fn fill_shards(
    shards: &mut [HashMap<Pair, (bool, u32)>],
    entries: &[KeyEntry],
    propose: impl Fn(&[u32], &mut dyn FnMut(Pair)) + Sync,
    add: impl Fn(&mut (bool, u32)) + Sync,
) {
    let count = shards.len();
    shards
        .par_iter_mut()
        .enumerate()
        .for_each(|(shard, evidence)| {
            let mut members: Vec<u32> = Vec::new();
            for group in entries.chunk_by(|left, right| entry_key(left) == entry_key(right)) {
                if group.len() < 2 {
                    continue;
                }
                members.clear();
                members.extend(group.iter().map(|&(_, _, document)| document));
                propose(&members, &mut |pair| {
                    if shard_of(pair, count) == shard {
                        add(evidence.entry(pair).or_default());
                    }
                });
            }
        });
}

/// A pair as one number, the first document in the high half.
fn packed((first, second): Pair) -> u64 {
    (u64::from(first) << 32) | u64::from(second)
}

/// The shard of `count` a pair's evidence is kept in.
fn shard_of(pair: Pair, count: usize) -> usize {
    // Fibonacci hashing of the pair as one number: the documents' numbers
    // run in order, and their low bits alone would give the shards
    // unequal shares.
    let mixed = packed(pair).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    usize::try_from((mixed >> 32) % count as u64).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Alone;
    use crate::index::key_entry;
    use crate::read::Entry;
    use rustc_hash::FxHashMap as HashMap;
    use std::path::PathBuf;

    /// Word hashes of a text that no other seed repeats.
    fn words(seed: u64, count: u64) -> Vec<u64> {
        (0..count)
            .map(|index| xxhash_rust::xxh3::xxh3_64_with_seed(&index.to_le_bytes(), seed) % 5_000)
            .collect()
    }

    /// Issue 21: evidence kept in shards filled side by side is the
    /// evidence one map keeps, each pair in one shard.
    #[test]
    fn shards_hold_what_one_map_holds() {
        // 97 keys held by about 31 documents each, of 211.
        let mut entries: Vec<KeyEntry> = (0..3_000_u32)
            .map(|index| key_entry(u64::from(index % 97), index % 211))
            .collect();
        entries.sort_unstable();
        let evidence = |count: usize| {
            let mut shards: Vec<HashMap<Pair, (bool, u32)>> = vec![HashMap::default(); count];
            fill_shards(
                &mut shards,
                &entries,
                |members, pair| posting_pairs(members, 64, pair),
                |evidence| evidence.1 += 1,
            );
            let sizes: Vec<usize> = shards.iter().map(HashMap::len).collect();
            let mut all: Vec<(Pair, (bool, u32))> = shards.into_iter().flatten().collect();
            all.sort_unstable();
            (all, sizes)
        };
        let (one, _) = evidence(1);
        let (three, sizes) = evidence(3);
        assert!(one.len() > 1_000, "{}", one.len());
        assert_eq!(one, three);
        assert!(sizes.iter().all(|&size| size > one.len() / 5), "{sizes:?}");
    }

    #[test]
    fn candidates_by_exchanged_keys_are_the_index_own() {
        // Sources, near copies, copies of a paragraph inside other text,
        // and strangers.
        let mut documents: Vec<Vec<u64>> = Vec::new();
        for source in 0..12 {
            let text = words(source, 300);
            documents.push(text.clone());
            let mut copy = text.clone();
            copy.truncate(260);
            documents.push(copy);
            let mut host = words(100 + source, 400);
            host.splice(200..200, text[..60].iter().copied());
            documents.push(host);
            documents.push(words(200 + source, 250));
        }
        // Eighty copies of one text: a bucket over the cap.
        let crowd = words(999, 200);
        documents.extend(std::iter::repeat_n(crowd, 80));

        let mut index = CorpusIndex::new();
        let (mut bands, mut passages) = (Vec::new(), Vec::new());
        for (number, text) in documents.iter().enumerate() {
            let number = as_number(number);
            index.insert(number, text);
            let keys = index.keys(text);
            bands.extend(keys.bands.into_iter().map(|key| key_entry(key, number)));
            passages.extend(keys.passages.into_iter().map(|key| key_entry(key, number)));
        }
        let (mut expected, shared) = index.candidates();
        expected.extend(shared);
        expected.sort_unstable();
        expected.dedup();

        let entries: Vec<Entry> = (0..documents.len())
            .map(|number| Entry {
                place: (0, as_number(number + 1)),
                id: number.to_string(),
                outlet: None,
                published: None,
                title: None,
            })
            .collect();
        let table = Table {
            entries,
            number_of: HashMap::default(),
        };
        let inputs = parallax_ingest::discover(&[PathBuf::from("Cargo.toml")])
            .unwrap()
            .inputs;
        let found = find_candidates(&mut Alone, &table, &inputs, bands, passages);
        assert_eq!(found, expected);
        // Each near copy and each reused paragraph is proposed.
        for source in 0..12_u32 {
            assert!(found.contains(&(source * 4, source * 4 + 1)));
            assert!(found.contains(&(source * 4, source * 4 + 2)));
        }
        // The crowd is chained, not paired each with each.
        let crowd_pairs = found.iter().filter(|pair| pair.0 >= 48).count();
        assert!((79..=79 * 3).contains(&crowd_pairs), "{crowd_pairs}");
    }
}
