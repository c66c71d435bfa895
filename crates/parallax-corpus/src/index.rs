//! Which documents of a corpus are worth aligning: all pairs are hopeless
//! at a million documents, so candidates come from two indexes, one for
//! whole documents and one for passages.
//!
//! - [`MinHashLsh`]: documents whose word shingles are similar as wholes
//!   (MinHash signatures split into bands; two documents that agree on all
//!   rows of any band become candidates). The chance that a pair with
//!   Jaccard `s` becomes a candidate is `1 − (1 − s^r)^b` for `b` bands of
//!   `r` rows: [`LshParameters::probability`], an S-curve whose steep part
//!   sits at the chosen threshold.
//! - [`PassageIndex`]: documents that share a passage, however different
//!   they are otherwise (a wire paragraph reused inside a long article has
//!   a low whole-document Jaccard). N-grams of content words (function
//!   words skipped) are sampled the same way in every document (by their
//!   hash), and two documents that share enough sampled n-grams become
//!   candidates. An n-gram found in very many documents (page furniture,
//!   stock phrases) proposes nothing.
//!
//! Hashing is deterministic: fixed seeds, xxh3, so every process and
//! platform finds the same candidates.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use xxhash_rust::xxh3::xxh3_64_with_seed;

/// Two documents by number, the smaller first.
pub type Pair = (u32, u32);

/// An index key with the document holding it, as corpus mode gathers them
/// from every document before sorting: the key's high and low halves, then
/// the document. Twelve bytes where `(u64, u32)` takes sixteen, and sorted
/// in the same order: on 100,000 generated documents the run's peak went
/// from 504 MB to 420 MB.
pub type KeyEntry = (u32, u32, u32);

/// `key` held by `document`, as a [`KeyEntry`].
#[must_use]
#[allow(
    clippy::cast_possible_truncation,
    reason = "the key is cut into its two halves on purpose"
)]
pub fn key_entry(key: u64, document: u32) -> KeyEntry {
    ((key >> 32) as u32, key as u32, document)
}

/// The key of a [`KeyEntry`].
#[must_use]
pub fn entry_key(entry: &KeyEntry) -> u64 {
    (u64::from(entry.0) << 32) | u64::from(entry.1)
}

/// Bands and rows of a MinHash LSH index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct LshParameters {
    pub bands: usize,
    pub rows: usize,
}

impl LshParameters {
    /// The bands × rows (at most `permutations` hashes) whose S-curve best
    /// separates pairs below `threshold` from pairs above it: the one that
    /// minimises the false-positive area below the threshold plus the
    /// false-negative area above it, as datasketch chooses.
    #[must_use]
    pub fn for_threshold(threshold: f64, permutations: usize) -> Self {
        let mut best = Self { bands: 1, rows: 1 };
        let mut best_error = f64::INFINITY;
        for bands in 1..=permutations {
            for rows in 1..=permutations / bands {
                let candidate = Self { bands, rows };
                let false_positive = integrate(0.0, threshold, |s| candidate.probability(s));
                let false_negative = integrate(threshold, 1.0, |s| 1.0 - candidate.probability(s));
                let error = false_positive + false_negative;
                if error < best_error - 1e-12 {
                    best = candidate;
                    best_error = error;
                }
            }
        }
        best
    }

    /// The chance that two documents whose shingle sets have Jaccard
    /// `similarity` share at least one band.
    #[must_use]
    pub fn probability(self, similarity: f64) -> f64 {
        1.0 - (1.0 - similarity.powi(i32::try_from(self.rows).unwrap_or(i32::MAX)))
            .powi(i32::try_from(self.bands).unwrap_or(i32::MAX))
    }

    /// Hashes a signature needs.
    #[must_use]
    pub fn permutations(self) -> usize {
        self.bands * self.rows
    }
}

/// The trapezoid rule over 200 steps: enough for a smooth S-curve.
fn integrate(from: f64, to: f64, function: impl Fn(f64) -> f64) -> f64 {
    const STEPS: usize = 200;
    let width = (to - from) / STEPS as f64;
    (0..STEPS)
        .map(|step| {
            let left = from + width * step as f64;
            (function(left) + function(left + width)) * width / 2.0
        })
        .sum()
}

/// A well-mixed 64-bit hash of `value` under `seed` (the finaliser of
/// splitmix64).
fn mix(value: u64, seed: u64) -> u64 {
    let mut z = value ^ seed;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The seed of the one permutation, the same in every run.
const MINHASH_SEED: u64 = 0x6d69_6e68_6173_6821; // "minhash!"

/// Documents indexed by MinHash signatures of their shingle hashes.
#[derive(Debug)]
pub struct MinHashLsh {
    parameters: LshParameters,
    /// (band key, document), one entry per band of every document: a flat
    /// list sorted when candidates are asked for, twelve bytes an entry
    /// where a map of vectors costs several times that.
    entries: Vec<(u64, u32)>,
}

impl MinHashLsh {
    #[must_use]
    pub fn new(parameters: LshParameters) -> Self {
        Self {
            parameters,
            entries: Vec::new(),
        }
    }

    /// The MinHash signature of a set of shingle hashes, by one
    /// permutation hashing: each shingle is hashed once and falls into one
    /// of the signature's bins, which keeps its smallest value (Li, Owen &
    /// Zhang 2012); bins no shingle fell into are filled from the others
    /// (below). One hash per shingle instead of one per shingle and
    /// permutation.
    #[must_use]
    pub fn signature(&self, shingles: &[u64]) -> Vec<u64> {
        let bins = self.parameters.permutations();
        let mut signature = vec![u64::MAX; bins];
        for &shingle in shingles {
            let hash = mix(shingle, MINHASH_SEED);
            // The high half picks the bin (without a division), the low
            // half is the value.
            let bin = usize::try_from(((hash >> 32) * bins as u64) >> 32).unwrap_or(0);
            let value = hash & 0xffff_ffff;
            if value < signature[bin] {
                signature[bin] = value;
            }
        }
        if signature.iter().all(|value| *value == u64::MAX) {
            return signature;
        }
        // An empty bin takes the value of the first filled bin in a
        // sequence of bins drawn for it alone, the same sequence in every
        // document ("optimal densification", Shrivastava 2017). Borrowing
        // from the next bin instead makes neighbouring empty bins agree
        // together, and short documents, with many empty bins, would pass
        // for similar far too often.
        let filled = signature.clone();
        for (bin, value) in signature.iter_mut().enumerate() {
            if *value != u64::MAX {
                continue;
            }
            for attempt in 0_u64.. {
                let draw = mix(
                    bin as u64,
                    MINHASH_SEED ^ attempt.wrapping_mul(0x9e37_79b9_7f4a_7c15),
                );
                let other = usize::try_from(((draw >> 32) * bins as u64) >> 32).unwrap_or(0);
                if filled[other] != u64::MAX {
                    *value = filled[other];
                    break;
                }
            }
        }
        signature
    }

    /// The key of each band of a document's signature, band by band: two
    /// documents that share a key agree on every row of that band. A
    /// document without shingles has no keys.
    #[must_use]
    pub fn band_keys(&self, shingles: &[u64]) -> Vec<u64> {
        if shingles.is_empty() {
            return Vec::new();
        }
        let signature = self.signature(shingles);
        signature
            .chunks(self.parameters.rows)
            .enumerate()
            .map(|(band, rows)| {
                let mut bytes = Vec::with_capacity(rows.len() * 8);
                for value in rows {
                    bytes.extend_from_slice(&value.to_le_bytes());
                }
                xxh3_64_with_seed(&bytes, band as u64)
            })
            .collect()
    }

    /// Adds a document by its shingle hashes. A document without shingles
    /// is not indexed.
    pub fn insert(&mut self, document: u32, shingles: &[u64]) {
        for key in self.band_keys(shingles) {
            self.entries.push((key, document));
        }
    }

    /// Pairs that share a band, each once, smaller document number first.
    /// A bucket of more than `bucket_cap` documents (many copies of one
    /// text) links each document to the next instead of to every other:
    /// they stay connected without a quadratic number of pairs.
    #[must_use]
    pub fn candidates(&mut self, bucket_cap: usize) -> Vec<(u32, u32)> {
        self.entries.sort_unstable();
        let mut pairs: HashSet<(u32, u32)> = HashSet::default();
        for group in self.entries.chunk_by(|left, right| left.0 == right.0) {
            let members: Vec<u32> = group.iter().map(|(_, document)| *document).collect();
            bucket_pairs(&members, bucket_cap, |pair| {
                pairs.insert(pair);
            });
        }
        let mut pairs: Vec<(u32, u32)> = pairs.into_iter().collect();
        pairs.sort_unstable();
        pairs
    }
}

/// The pairs one LSH bucket proposes, given its documents in ascending
/// order: each with each, or, beyond `bucket_cap` documents (many copies of
/// one text), each with the next, so they stay connected without a
/// quadratic number of pairs. A document listed twice counts once.
pub fn bucket_pairs(members: &[u32], bucket_cap: usize, mut pair: impl FnMut(Pair)) {
    let mut members = members.to_vec();
    members.dedup();
    if members.len() <= bucket_cap {
        for (index, &first) in members.iter().enumerate() {
            for &second in &members[index + 1..] {
                pair((first, second));
            }
        }
    } else {
        for window in members.windows(2) {
            pair((window[0], window[1]));
        }
    }
}

/// The pairs one sampled n-gram proposes, given the documents that hold it
/// in ascending order: none when more than `posting_cap` hold it (page
/// furniture, a stock phrase), else each with each. A pair becomes a
/// candidate once enough n-grams propose it.
pub fn posting_pairs(documents: &[u32], posting_cap: usize, mut pair: impl FnMut(Pair)) {
    if documents.len() < 2 || documents.len() > posting_cap {
        return;
    }
    for (index, &first) in documents.iter().enumerate() {
        for &second in &documents[index + 1..] {
            if first != second {
                pair((first.min(second), first.max(second)));
            }
        }
    }
}

/// Documents indexed by sampled n-grams of content words, for
/// passage-level reuse.
///
/// Function words are skipped because they carry little of what makes a
/// passage its own, and a retelling changes them as freely as the rest: an
/// n-gram of six content words spans about ten words of news (four in ten
/// words of the PolNeAR articles are function words), as specific as a
/// word 8-gram or more, but survives a paraphrase that replaces a third of
/// the words twice as often ((2/3)⁶ against (2/3)⁸).
#[derive(Debug)]
pub struct PassageIndex {
    ngram: usize,
    sample: u64,
    /// (sampled n-gram, document), flat and sorted when candidates are
    /// asked for, as in [`MinHashLsh`].
    entries: Vec<(u64, u32)>,
}

impl PassageIndex {
    /// `ngram`-grams of content words, one in `sample` kept (chosen by
    /// hash, so the same ones in every document).
    #[must_use]
    pub fn new(ngram: usize, sample: u64) -> Self {
        Self {
            ngram: ngram.max(1),
            sample: sample.max(1),
            entries: Vec::new(),
        }
    }

    /// The sampled n-grams of a document, by the hashes of its words in
    /// order ([`parallax_core::word_hash`]): sorted, each once.
    #[must_use]
    pub fn keys(&self, word_hashes: &[u64]) -> Vec<u64> {
        let content: Vec<u64> = word_hashes
            .iter()
            .copied()
            .filter(|hash| !parallax_core::is_stopword_hash(*hash))
            .collect();
        if content.len() < self.ngram {
            return Vec::new();
        }
        let mut kept: Vec<u64> = parallax_core::shingles(&content, self.ngram)
            .into_iter()
            .filter(|hash| mix(*hash, 0x7061_7373_6167_6573).is_multiple_of(self.sample)) // "passages"
            .collect();
        kept.sort_unstable();
        kept.dedup();
        kept
    }

    /// Adds a document by the hashes of its words, in order.
    pub fn insert(&mut self, document: u32, word_hashes: &[u64]) {
        let keys = self.keys(word_hashes);
        self.entries
            .extend(keys.into_iter().map(|hash| (hash, document)));
    }

    /// Pairs that share at least `min_shared` sampled n-grams. An n-gram in
    /// more than `posting_cap` documents is furniture or a stock phrase and
    /// proposes nothing.
    #[must_use]
    pub fn candidates(&mut self, min_shared: u32, posting_cap: usize) -> Vec<(u32, u32)> {
        self.entries.sort_unstable();
        let mut shared: HashMap<(u32, u32), u32> = HashMap::default();
        for group in self.entries.chunk_by(|left, right| left.0 == right.0) {
            let documents: Vec<u32> = group.iter().map(|(_, document)| *document).collect();
            posting_pairs(&documents, posting_cap, |pair| {
                *shared.entry(pair).or_insert(0) += 1;
            });
        }
        let mut pairs: Vec<(u32, u32)> = shared
            .into_iter()
            .filter(|(_, count)| *count >= min_shared)
            .map(|(pair, _)| pair)
            .collect();
        pairs.sort_unstable();
        pairs
    }
}

/// One document's keys in a [`CorpusIndex`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentKeys {
    /// One per band, in band order.
    pub bands: Vec<u64>,
    /// Sorted, each once.
    pub passages: Vec<u64>,
}

/// The two indexes as corpus mode sets them up: whole-document MinHash
/// LSH over word 5-grams at Jaccard 0.5 with 128 values, and passages of
/// content-word 6-grams sampled one in two, two shared, a 6-gram in over
/// 32 documents ignored.
#[derive(Debug)]
pub struct CorpusIndex {
    pub lsh: MinHashLsh,
    pub passages: PassageIndex,
}

impl CorpusIndex {
    pub const LSH_THRESHOLD: f64 = 0.5;
    pub const PERMUTATIONS: usize = 128;
    /// Documents of one LSH bucket paired each with each, beyond which
    /// they are chained.
    pub const BUCKET_CAP: usize = 64;
    /// Content words in a passage n-gram, and one in how many n-grams is
    /// kept. Against word 8-grams kept one in four (issue 21), on 10,000
    /// generated documents: paraphrases proposed 0.953 against 0.869, and
    /// 7 % more candidates. A verbatim passage keeps about as many sampled
    /// n-grams per word as before (0.29 in real news with 42 % function
    /// words, against 0.25), so a quoted paragraph is found as surely.
    pub const PASSAGE_WORDS: usize = 6;
    pub const PASSAGE_SAMPLE: u64 = 2;
    pub const PASSAGE_MIN_SHARED: u32 = 2;
    pub const PASSAGE_POSTING_CAP: usize = 32;

    #[must_use]
    pub fn new() -> Self {
        Self {
            lsh: MinHashLsh::new(LshParameters::for_threshold(
                Self::LSH_THRESHOLD,
                Self::PERMUTATIONS,
            )),
            passages: PassageIndex::new(Self::PASSAGE_WORDS, Self::PASSAGE_SAMPLE),
        }
    }

    /// Adds a document by the hashes of its body words, in order.
    pub fn insert(&mut self, document: u32, word_hashes: &[u64]) {
        self.lsh.insert(
            document,
            &parallax_core::shingles(word_hashes, parallax_core::SHINGLE_WORDS),
        );
        self.passages.insert(document, word_hashes);
    }

    /// What [`insert`](Self::insert) would add for a document, for an
    /// index split across machines: its band keys and its sampled
    /// n-grams. Pairs come from them with [`bucket_pairs`] and
    /// [`posting_pairs`] under this index's caps.
    #[must_use]
    pub fn keys(&self, word_hashes: &[u64]) -> DocumentKeys {
        DocumentKeys {
            bands: self.lsh.band_keys(&parallax_core::shingles(
                word_hashes,
                parallax_core::SHINGLE_WORDS,
            )),
            passages: self.passages.keys(word_hashes),
        }
    }

    /// The candidates of each index: whole documents, passages. Each
    /// index's entries are sorted in place, not copied.
    #[must_use]
    pub fn candidates(&mut self) -> (Vec<Pair>, Vec<Pair>) {
        (
            self.lsh.candidates(Self::BUCKET_CAP),
            self.passages
                .candidates(Self::PASSAGE_MIN_SHARED, Self::PASSAGE_POSTING_CAP),
        )
    }

    #[must_use]
    pub fn lsh_parameters(&self) -> LshParameters {
        self.lsh.parameters
    }
}

impl Default for CorpusIndex {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<u64> {
        parallax_core::words(text)
            .map(|word| parallax_core::hash_str(&word.to_lowercase()))
            .collect()
    }

    fn shingled(text: &str) -> Vec<u64> {
        parallax_core::shingles(&words(text), 5)
    }

    /// A text of `count` words that no other call repeats.
    fn filler(seed: u64, count: usize) -> String {
        (0..count)
            .map(|index| {
                let hash = xxh3_64_with_seed(&(index as u64).to_le_bytes(), seed);
                format!("w{:x}", hash % 1_000_000)
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn the_s_curve_is_steep_at_the_threshold() {
        let parameters = LshParameters::for_threshold(0.5, 128);
        assert!(parameters.permutations() <= 128);
        assert!(parameters.probability(0.3) < 0.2, "{parameters:?}");
        assert!(parameters.probability(0.7) > 0.9, "{parameters:?}");
        // Monotone.
        let mut previous = 0.0;
        for step in 0..=20 {
            let value = parameters.probability(f64::from(step) / 20.0);
            assert!(value >= previous);
            previous = value;
        }
    }

    #[test]
    fn signatures_agree_about_as_often_as_the_sets_overlap() {
        let index = MinHashLsh::new(LshParameters { bands: 32, rows: 4 });
        // 600 shared shingles and 200 of each side's own: Jaccard 0.6.
        let hashes = |seed: u64, count: u64| -> Vec<u64> {
            (0..count)
                .map(|value| xxh3_64_with_seed(&value.to_le_bytes(), seed))
                .collect()
        };
        let shared = hashes(1, 600);
        let mut a = shared.clone();
        a.extend(hashes(2, 200));
        let mut b = shared;
        b.extend(hashes(3, 200));
        let (sa, sb) = (index.signature(&a), index.signature(&b));
        let agree = sa.iter().zip(&sb).filter(|(x, y)| x == y).count();
        let estimate = agree as f64 / sa.len() as f64;
        assert!((estimate - 0.6).abs() < 0.12, "{estimate}");
        // A set with one shingle fills every bin.
        assert!(
            index
                .signature(&[42])
                .iter()
                .all(|value| *value != u64::MAX)
        );
    }

    #[test]
    fn near_copies_are_candidates_and_strangers_are_not() {
        let base = filler(1, 400);
        let mut edited: Vec<&str> = base.split(' ').collect();
        edited.truncate(380);
        let edited = edited.join(" ");
        let stranger = filler(2, 400);
        let mut index = MinHashLsh::new(LshParameters::for_threshold(0.5, 128));
        index.insert(0, &shingled(&base));
        index.insert(1, &shingled(&edited));
        index.insert(2, &shingled(&stranger));
        assert_eq!(index.candidates(64), [(0, 1)]);
    }

    #[test]
    fn a_shared_paragraph_inside_different_documents() {
        let paragraph = filler(3, 60);
        let first = format!("{} {} {}", filler(4, 800), paragraph, filler(5, 800));
        let second = format!("{} {}", filler(6, 500), paragraph);
        let unrelated = filler(7, 1000);
        // Whole-document MinHash cannot see it: the Jaccard is tiny.
        let mut lsh = MinHashLsh::new(LshParameters::for_threshold(0.5, 128));
        for (number, text) in [&first, &second, &unrelated].into_iter().enumerate() {
            lsh.insert(u32::try_from(number).unwrap(), &shingled(text));
        }
        assert_eq!(lsh.candidates(64), []);
        let mut passages = PassageIndex::new(6, 2);
        for (number, text) in [&first, &second, &unrelated].into_iter().enumerate() {
            passages.insert(u32::try_from(number).unwrap(), &words(text));
        }
        assert_eq!(passages.candidates(2, 32), [(0, 1)]);
    }

    #[test]
    fn a_passage_retold_with_other_function_words_is_still_proposed() {
        // Issue 21: a retelling changes "the" to "a" and "of" to "for" as
        // freely as it changes the rest. Here every third word of the
        // passage is a function word and each of them is changed, so the
        // two share no run of three words, let alone a word 8-gram; their
        // content words are the same, in the same order.
        let content: Vec<String> = filler(10, 80).split(' ').map(str::to_string).collect();
        let told = |function_words: [&str; 2]| {
            content
                .chunks(2)
                .enumerate()
                .map(|(index, pair)| format!("{} {}", function_words[index % 2], pair.join(" ")))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let first = format!("{} {}", filler(11, 300), told(["the", "of"]));
        let second = format!("{} {}", told(["a", "for"]), filler(12, 300));
        let unrelated = format!(
            "{} {}",
            filler(13, 300),
            told(["the", "of"]).replace('w', "v")
        );
        let mut passages = PassageIndex::new(6, 2);
        for (number, text) in [&first, &second, &unrelated].into_iter().enumerate() {
            passages.insert(u32::try_from(number).unwrap(), &words(text));
        }
        assert_eq!(passages.candidates(2, 32), [(0, 1)]);
        // The function words alone propose nothing.
        let only_function_words =
            |seed: u64| format!("{} {}", filler(seed, 200), ["the of a for"; 20].join(" "));
        let mut passages = PassageIndex::new(6, 2);
        for number in 0..3_u32 {
            passages.insert(number, &words(&only_function_words(20 + u64::from(number))));
        }
        assert_eq!(passages.candidates(2, 32), []);
    }

    #[test]
    fn furniture_in_every_document_proposes_nothing() {
        let furniture = filler(8, 40);
        let mut passages = PassageIndex::new(6, 2);
        for number in 0..50_u32 {
            let text = format!("{} {}", filler(100 + u64::from(number), 300), furniture);
            passages.insert(number, &words(&text));
        }
        assert_eq!(passages.candidates(2, 32), []);
    }

    #[test]
    fn a_big_bucket_stays_connected_without_every_pair() {
        let text = filler(9, 200);
        let mut lsh = MinHashLsh::new(LshParameters::for_threshold(0.5, 128));
        for number in 0..100_u32 {
            lsh.insert(number, &shingled(&text));
        }
        let pairs = lsh.candidates(10);
        assert_eq!(pairs.len(), 99);
        assert!(pairs.iter().all(|(first, second)| second - first == 1));
    }
}
