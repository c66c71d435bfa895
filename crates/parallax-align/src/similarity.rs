//! Whether two sentences say the same thing: a logistic model over lexical
//! features that any reader can recompute.
//!
//! Words are runs of `\w`, lower-cased and reduced to their Snowball
//! (Porter 2) stem, so "talks" meets "talk" and "called" meets "calls".
//! Content words are the words that are not English function words.
//! The features, each in [0, 1] but the last two:
//!
//! | # | feature |
//! |---|---|
//! | 0 | Dice of the content-word sets |
//! | 1, 2 | the smaller and the larger containment: shared content words ÷ one side's |
//! | 3 | 2 × words in a longest common subsequence ÷ words of both |
//! | 4 | shorter ÷ longer length in words |
//! | 5–8 | word 1- to 4-gram precision, averaged over both directions (counts clipped, as BLEU does) |
//! | 9 | Jaccard of the numbers (1 when neither has any) |
//! | 10 | Jaccard of the capitalised words after the first (names; 1 when neither has any) |
//! | 11, 12 | the smaller and the larger count of content words only one side has |
//! | 13 | the smaller of the two word-unigram precisions |
//! | 14 | 1 when one sentence is negated ("not", "no", "never", "n't") and the other is not |
//! | 15 | Dice of the character 3-grams (lower case, runs of spaces as one) |
//! | 16 | Dice of the content words weighted by their length in characters (unstemmed) |
//!
//! P(same content) = 1 ÷ (1 + e^−(w·x + b)), with the weights in
//! [`MODEL_WEIGHTS`] and [`MODEL_BIAS`] fitted by `parallax eval pairs
//! --fit` on the MSRP training pairs (L2-regularised logistic regression,
//! Newton's method). Two sentences are the same claim at P ≥
//! [`SAME_CONTENT_MIN_PROBABILITY`].

use parallax_core::{Span, is_stopword, tokens};
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// How many features [`features`] gives.
pub const FEATURE_COUNT: usize = 17;

/// The probability from which two sentences are taken to say the same
/// thing. Chosen by 10-fold cross-validation on the MSRP training pairs;
/// a little below one half because a missed link costs a reader more than
/// a weak one shown with its score.
pub const SAME_CONTENT_MIN_PROBABILITY: f64 = 0.42;

/// Words that negate a claim; "n't" is split by `\w+` into "n" and "t".
const NEGATIONS: &[&str] = &["never", "no", "not", "t"];

/// Weights of the features, in the order of the module's table, as
/// `parallax eval pairs --fit msrp-train.tsv` prints them.
pub const MODEL_WEIGHTS: [f64; FEATURE_COUNT] = [
    -0.2216, 0.2564, -0.4957, 2.7006, 2.1054, 1.4909, -0.6562, -1.8900, -1.2413, 0.4518, -0.2243,
    -0.1015, -0.0568, 3.4928, -0.9364, 4.3243, -0.3161,
];
/// The model's intercept.
pub const MODEL_BIAS: f64 = -6.1662;

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// What the model looks at in one sentence.
#[derive(Debug, Clone, Default)]
pub(crate) struct Profile {
    /// Stems, in order.
    pub stems: Vec<u64>,
    /// Stems of content words.
    pub content: HashSet<u64>,
    numbers: HashSet<u64>,
    names: HashSet<u64>,
    negated: bool,
    /// Lower-cased content words (unstemmed) and their length in characters.
    content_lengths: HashMap<u64, usize>,
    /// Character 3-grams of the lower-cased sentence, with counts.
    trigrams: HashMap<u64, usize>,
    trigram_count: usize,
}

impl Profile {
    pub(crate) fn new(text: &str, span: Span) -> Self {
        let words = tokens(text, span);
        let mut profile = Self::default();
        for (position, token) in words.iter().enumerate() {
            let stem = STEMMER.stem(&token.norm);
            let hash = parallax_core::hash_str(&stem);
            profile.stems.push(hash);
            if !is_stopword(&token.norm) {
                profile.content.insert(hash);
                profile
                    .content_lengths
                    .insert(token.hash, token.norm.chars().count());
            }
            if NEGATIONS.contains(&token.norm.as_str()) {
                profile.negated = true;
            }
            if token
                .norm
                .chars()
                .all(|character| character.is_ascii_digit())
            {
                profile.numbers.insert(token.hash);
            } else if position > 0
                && text[token.span.start..]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
            {
                profile.names.insert(token.hash);
            }
        }
        let mut characters: Vec<char> = Vec::new();
        for character in text[span.start..span.end]
            .chars()
            .flat_map(char::to_lowercase)
        {
            let character = if character.is_whitespace() {
                ' '
            } else {
                character
            };
            if character == ' ' && characters.last() == Some(&' ') {
                continue;
            }
            characters.push(character);
        }
        let mut buffer = [0_u8; 12];
        for window in characters.windows(3) {
            for (slot, character) in buffer.chunks_exact_mut(4).zip(window) {
                slot.copy_from_slice(&u32::from(*character).to_le_bytes());
            }
            *profile
                .trigrams
                .entry(xxhash_rust::xxh3::xxh3_64(&buffer))
                .or_insert(0) += 1;
            profile.trigram_count += 1;
        }
        profile
    }

    /// Content words both sentences have.
    pub(crate) fn shared(&self, other: &Self) -> usize {
        self.content.intersection(&other.content).count()
    }
}

fn jaccard_or_one(left: &HashSet<u64>, right: &HashSet<u64>) -> f64 {
    let union = left.union(right).count();
    if union == 0 {
        1.0
    } else {
        left.intersection(right).count() as f64 / union as f64
    }
}

/// Share of `left`'s n-grams found in `right`, each counted at most as often
/// as `right` has it.
fn ngram_precision(left: &[u64], right: &[u64], n: usize) -> f64 {
    if left.len() < n || right.len() < n {
        return 0.0;
    }
    let mut available: HashMap<&[u64], usize> = HashMap::new();
    for gram in right.windows(n) {
        *available.entry(gram).or_insert(0) += 1;
    }
    let mut found = 0_usize;
    for gram in left.windows(n) {
        if let Some(count) = available.get_mut(gram)
            && *count > 0
        {
            *count -= 1;
            found += 1;
        }
    }
    found as f64 / (left.len() - n + 1) as f64
}

fn common_subsequence_ratio(left: &[u64], right: &[u64]) -> f64 {
    if left.is_empty() && right.is_empty() {
        return 1.0;
    }
    let matched: usize = similar::capture_diff_slices(similar::Algorithm::Myers, left, right)
        .iter()
        .map(|operation| match operation {
            similar::DiffOp::Equal { len, .. } => *len,
            _ => 0,
        })
        .sum();
    2.0 * matched as f64 / (left.len() + right.len()) as f64
}

/// Share of the shorter sentence's words (stems) that appear, in order, in
/// the longer one.
pub(crate) fn ordered_containment(a: &Profile, b: &Profile) -> f64 {
    let shorter = a.stems.len().min(b.stems.len());
    if shorter == 0 {
        return 0.0;
    }
    let ratio = common_subsequence_ratio(&a.stems, &b.stems);
    // ratio = 2·matched ÷ (|a| + |b|)
    ratio * (a.stems.len() + b.stems.len()) as f64 / 2.0 / shorter as f64
}

/// The model's features for a pair of sentences.
pub(crate) fn features(a: &Profile, b: &Profile) -> [f64; FEATURE_COUNT] {
    let shared = a.shared(b) as f64;
    let (a_content, b_content) = (a.content.len() as f64, b.content.len() as f64);
    let containment_a = shared / a_content.max(1.0);
    let containment_b = shared / b_content.max(1.0);
    let (a_length, b_length) = (a.stems.len() as f64, b.stems.len() as f64);
    let precision = |n| {
        f64::midpoint(
            ngram_precision(&a.stems, &b.stems, n),
            ngram_precision(&b.stems, &a.stems, n),
        )
    };
    let only_a = a_content - shared;
    let only_b = b_content - shared;
    let shared_trigrams: usize = a
        .trigrams
        .iter()
        .map(|(trigram, count)| (*count).min(b.trigrams.get(trigram).copied().unwrap_or(0)))
        .sum();
    let length_of = |profile: &Profile| profile.content_lengths.values().sum::<usize>() as f64;
    let shared_length: usize = a
        .content_lengths
        .iter()
        .filter(|(word, _)| b.content_lengths.contains_key(*word))
        .map(|(_, length)| *length)
        .sum();
    [
        2.0 * shared / (a_content + b_content).max(1.0),
        containment_a.min(containment_b),
        containment_a.max(containment_b),
        common_subsequence_ratio(&a.stems, &b.stems),
        a_length.min(b_length) / a_length.max(b_length).max(1.0),
        precision(1),
        precision(2),
        precision(3),
        precision(4),
        jaccard_or_one(&a.numbers, &b.numbers),
        jaccard_or_one(&a.names, &b.names),
        only_a.min(only_b),
        only_a.max(only_b),
        ngram_precision(&a.stems, &b.stems, 1).min(ngram_precision(&b.stems, &a.stems, 1)),
        f64::from(u8::from(a.negated != b.negated)),
        2.0 * shared_trigrams as f64 / (a.trigram_count + b.trigram_count).max(1) as f64,
        2.0 * shared_length as f64 / (length_of(a) + length_of(b)).max(1.0),
    ]
}

/// P(same content) under weights `weights` and intercept `bias`.
#[must_use]
pub fn probability(
    features: &[f64; FEATURE_COUNT],
    weights: &[f64; FEATURE_COUNT],
    bias: f64,
) -> f64 {
    let z: f64 = bias
        + features
            .iter()
            .zip(weights)
            .map(|(feature, weight)| feature * weight)
            .sum::<f64>();
    1.0 / (1.0 + (-z).exp())
}

/// The features of two sentences given as text: for fitting and checking
/// the model on sentence pairs.
#[must_use]
pub fn sentence_features(a: &str, b: &str) -> [f64; FEATURE_COUNT] {
    features(
        &Profile::new(a, Span::new(0, a.len())),
        &Profile::new(b, Span::new(0, b.len())),
    )
}
