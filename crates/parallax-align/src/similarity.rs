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
//!
//! With a sentence model, an eighteenth feature is the cosine of the two
//! sentences' vectors, and the weights are [`MEANING_WEIGHTS`] and
//! [`MEANING_BIAS`] (`parallax eval pairs --fit --model DIR`); the two are
//! the same claim at P ≥ [`MEANING_MIN_PROBABILITY`].

use parallax_core::{Span, is_stopword};
use rust_stemmers::{Algorithm, Stemmer};
// Keys are already 64-bit hashes of words: the Fx hasher only has to
// spread them, which it does several times faster than the default SipHash.
use rustc_hash::FxHashMap as HashMap;
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

/// How many features the decision with a sentence model takes: the
/// lexical ones and the cosine of the two sentences' vectors.
pub const MEANING_FEATURE_COUNT: usize = FEATURE_COUNT + 1;

/// Weights of the lexical features and, last, of the cosine, as `parallax
/// eval pairs --fit --model DIR msrp-train.tsv` prints them for
/// all-MiniLM-L6-v2.
pub const MEANING_WEIGHTS: [f64; MEANING_FEATURE_COUNT] = [
    -0.6159, -0.2420, -0.5934, 2.3944, 2.2032, 1.1651, -0.5797, -1.6361, -1.1932, 0.4931, -0.3125,
    -0.0992, -0.0686, 3.2704, -0.8450, 3.9826, -0.6252, 3.1769,
];
/// The intercept of the decision with a sentence model.
pub const MEANING_BIAS: f64 = -7.2196;
/// The probability from which two sentences are the same claim when a
/// sentence model has a say. Higher than the lexical threshold: with the
/// model, 10-fold cross-validation on the MSRP training pairs gives the
/// same F1 at 0.5 with three points more precision, and a link a reader
/// cannot trust costs more than one left out.
pub const MEANING_MIN_PROBABILITY: f64 = 0.5;

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// What the model looks at in one sentence.
#[derive(Debug, Clone, Default)]
pub(crate) struct Profile {
    /// Six lists of hashes one after another, in one allocation where a
    /// list each cost six a sentence: the words (normalised) and their
    /// stems in order, then, sorted and each once, the stems of content
    /// words, the stems of content words that are not figures (what a
    /// shared claim must be anchored in besides the figures), the figures
    /// and the names as written.
    lists: Box<[u64]>,
    /// Where each of the six lists ends in `lists`.
    ends: [usize; 6],
    /// The sentence as written, for the character features.
    sentence: Box<str>,
    /// What only a scored pair needs, computed on first use: most
    /// sentences are never scored against anything.
    details: std::sync::OnceLock<Details>,
    negated: bool,
    /// Lower-cased content words (unstemmed) and their length in characters.
    content_lengths: Vec<(u64, usize)>,
    /// The sum of those lengths.
    content_length: usize,
}

/// The lists of [`Profile::lists`], in their order.
#[derive(Debug, Clone, Copy)]
enum List {
    Words,
    Stems,
    Content,
    Terms,
    Numbers,
    Names,
}

/// The most words a thread's gathering lists keep room for between
/// sentences: far more than a sentence of news has.
const GATHERED_KEPT: usize = 4_096;

thread_local! {
    /// The lists of a profile while they are gathered, kept from one
    /// sentence to the next so that they grow only while the first long
    /// sentences are read.
    static GATHERED: std::cell::RefCell<[Vec<u64>; 6]> = std::cell::RefCell::default();
}

#[derive(Debug, Clone, Default)]
struct Details {
    /// Hashes of the word 1- to 4-grams of the stems, each list sorted so
    /// that two sentences' shared n-grams are counted by one merge, one
    /// list after another in one allocation.
    grams: Box<[u64]>,
    /// Where the list of each length of n-gram ends in `grams`.
    grams_ends: [usize; 4],
    /// Character 3-grams of the lower-cased sentence, each packed into one
    /// number (21 bits a character), sorted.
    trigrams: Vec<u64>,
    /// The figures the sentence gives, each read whole ("2,000" is one
    /// figure, 2000; "4.5" and "4,5" are both 4.5), hashed, sorted: only a
    /// shared claim asks for them.
    figures: Vec<u64>,
}

impl Details {
    /// The sorted hashes of the word `n`-grams of the stems, `n` from 1 to 4.
    fn grams(&self, n: usize) -> &[u64] {
        list_of(&self.grams, &self.grams_ends, n - 1)
    }
}

/// List `index` of `lists`, lists laid one after another, the first at the
/// start, each ending where `ends` says.
fn list_of<'lists>(lists: &'lists [u64], ends: &[usize], index: usize) -> &'lists [u64] {
    let start = index.checked_sub(1).map_or(0, |before| ends[before]);
    &lists[start..ends[index]]
}

/// Words stemmed on a thread before this many others are forgotten, all at
/// once: a few megabytes, and far more than the words of any one language's
/// news in common use.
const STEMS_REMEMBERED: usize = 1 << 18;

thread_local! {
    /// Stems already computed on this thread, by word hash, with whether
    /// the word is a content word. Reports repeat each other's words as
    /// much as their own, and stemming is the costliest step of reading a
    /// sentence, so the memory lasts from one pair to the next.
    static STEMS: std::cell::RefCell<HashMap<u64, (u64, bool)>> =
        std::cell::RefCell::new(HashMap::default());
}

pub(crate) fn forget_stems() {
    STEMS.with(|stems| stems.borrow_mut().clear());
}

/// The hash of the word's stem, and whether it is a content word; `word`
/// as written, `hash` its normalised form's; `stems` what the thread
/// remembers ([`STEMS`]), borrowed once for a whole sentence.
fn stem(stems: &mut HashMap<u64, (u64, bool)>, word: &str, hash: u64) -> (u64, bool) {
    if let Some(&known) = stems.get(&hash) {
        return known;
    }
    let norm = parallax_core::normalize_word(word);
    let found = (
        parallax_core::hash_str(&STEMMER.stem(&norm)),
        !is_stopword(&norm),
    );
    if stems.len() >= STEMS_REMEMBERED {
        stems.clear();
    }
    stems.insert(hash, found);
    found
}

/// What one word adds to a profile beyond its stem: whether it is a figure
/// (digits only), its length in characters and whether it negates, all of
/// its normalised form. A word of ASCII (most words of English news) is
/// told from its bytes, without the normalised form as a string.
fn word_traits(word: &str) -> (bool, usize, bool) {
    if word.is_ascii() {
        return (
            word.bytes().all(|byte| byte.is_ascii_digit()),
            word.len(),
            NEGATIONS
                .iter()
                .any(|negation| negation.eq_ignore_ascii_case(word)),
        );
    }
    let norm = parallax_core::normalize_word(word);
    (
        norm.chars().all(|character| character.is_ascii_digit()),
        norm.chars().count(),
        NEGATIONS.contains(&norm.as_str()),
    )
}

impl Profile {
    pub(crate) fn new(text: &str, span: Span) -> Self {
        let words: Vec<(Span, u64)> = parallax_core::hashed_words(text, span).collect();
        Self::from_words(text, span, &words)
    }

    /// The profile of the sentence at `span`, from its words' spans and
    /// hashes ([`parallax_core::hashed_words`]).
    pub(crate) fn from_words(text: &str, span: Span, words: &[(Span, u64)]) -> Self {
        let mut profile = Self {
            // Most of a sentence's words are content words: made as long
            // as the sentence at once, where growing it a word at a time
            // reallocated it three or four times.
            content_lengths: Vec::with_capacity(words.len()),
            ..Self::default()
        };
        GATHERED.with(|gathered| {
            let mut gathered = gathered.borrow_mut();
            for list in gathered.iter_mut() {
                list.clear();
            }
            STEMS.with(|stems| {
                let mut stems = stems.borrow_mut();
                for (position, &(word_span, word_hash)) in words.iter().enumerate() {
                    profile.add_word(
                        text,
                        position,
                        (word_span, word_hash),
                        &mut stems,
                        &mut gathered,
                    );
                }
            });
            // Sets as sorted lists: two sentences are compared by merging
            // them.
            for set in &mut gathered[List::Content as usize..] {
                set.sort_unstable();
                set.dedup();
            }
            let mut lists = Vec::with_capacity(gathered.iter().map(Vec::len).sum());
            for (list, end) in gathered.iter_mut().zip(&mut profile.ends) {
                lists.extend_from_slice(list);
                *end = lists.len();
                // A page-long run without a sentence end would otherwise
                // stay held by the thread for the rest of the run.
                if list.capacity() > GATHERED_KEPT {
                    *list = Vec::new();
                }
            }
            profile.lists = lists.into_boxed_slice();
        });
        profile.content_lengths.sort_unstable();
        profile.content_lengths.dedup_by_key(|(word, _)| *word);
        profile.content_length = profile
            .content_lengths
            .iter()
            .map(|(_, length)| length)
            .sum();
        profile.sentence = text[span.start..span.end].into();
        profile
    }

    /// Adds the word at `position` of the sentence, written at `span` of
    /// `text`, with the hash of its normalised form, to the lists being
    /// `gathered`.
    fn add_word(
        &mut self,
        text: &str,
        position: usize,
        (span, word_hash): (Span, u64),
        stems: &mut HashMap<u64, (u64, bool)>,
        gathered: &mut [Vec<u64>; 6],
    ) {
        let word = &text[span.start..span.end];
        let (hash, content) = stem(stems, word, word_hash);
        gathered[List::Words as usize].push(word_hash);
        gathered[List::Stems as usize].push(hash);
        let (figure, length, negation) = word_traits(word);
        if content && !figure {
            gathered[List::Terms as usize].push(hash);
        }
        if content {
            gathered[List::Content as usize].push(hash);
            self.content_lengths.push((word_hash, length));
        }
        if negation {
            self.negated = true;
        }
        if figure {
            gathered[List::Numbers as usize].push(word_hash);
        } else if position > 0 && word.chars().next().is_some_and(char::is_uppercase) {
            gathered[List::Names as usize].push(word_hash);
        }
    }

    fn list(&self, list: List) -> &[u64] {
        list_of(&self.lists, &self.ends, list as usize)
    }

    /// Hashes of the words (normalised), in order.
    pub(crate) fn words(&self) -> &[u64] {
        self.list(List::Words)
    }

    /// Stems, in order.
    pub(crate) fn stems(&self) -> &[u64] {
        self.list(List::Stems)
    }

    /// Stems of content words, sorted, each once.
    pub(crate) fn content(&self) -> &[u64] {
        self.list(List::Content)
    }

    /// Stems of the content words that are not figures, sorted, each once:
    /// what a shared claim must be anchored in besides the figures.
    pub(crate) fn terms(&self) -> &[u64] {
        self.list(List::Terms)
    }

    /// The sentence as written.
    pub(crate) fn sentence(&self) -> &str {
        &self.sentence
    }

    fn details(&self) -> &Details {
        self.details.get_or_init(|| {
            let mut details = Details::default();
            let stems = self.stems();
            let mut grams: Vec<u64> =
                Vec::with_capacity((0..4).map(|n| stems.len().saturating_sub(n)).sum());
            for (n, end) in details.grams_ends.iter_mut().enumerate() {
                let start = grams.len();
                if n == 0 {
                    grams.extend_from_slice(stems);
                } else {
                    grams.extend(stems.windows(n + 1).map(parallax_core::hash_sequence));
                }
                grams[start..].sort_unstable();
                *end = grams.len();
            }
            details.grams = grams.into_boxed_slice();
            details.trigrams = character_trigrams(&self.sentence);
            details.trigrams.sort_unstable();
            details.figures = figures(&self.sentence);
            details
        })
    }

    /// Whether both sentences give figures and none of them is the same:
    /// on one fact that is a disagreement ("3,870 deaths" against "3,670
    /// women will die"), and on different facts no link is due either.
    pub(crate) fn figures_disagree(&self, other: &Self) -> bool {
        let (mine, theirs) = (&self.details().figures, &other.details().figures);
        !mine.is_empty() && !theirs.is_empty() && parallax_core::shared_sorted(mine, theirs) == 0
    }

    /// What anchors a shared claim in both sentences: the content words
    /// both have that are in `specific` (words few sentences of the two
    /// reports use, not the topic's), and the figures both give.
    pub(crate) fn anchors(&self, other: &Self, specific: &rustc_hash::FxHashSet<u64>) -> usize {
        let mut shared = 0;
        let (mut left, mut right) = (
            self.terms().iter().peekable(),
            other.terms().iter().peekable(),
        );
        while let (Some(&&x), Some(&&y)) = (left.peek(), right.peek()) {
            match x.cmp(&y) {
                std::cmp::Ordering::Less => {
                    left.next();
                }
                std::cmp::Ordering::Greater => {
                    right.next();
                }
                std::cmp::Ordering::Equal => {
                    shared += usize::from(specific.contains(&x));
                    left.next();
                    right.next();
                }
            }
        }
        shared + parallax_core::shared_sorted(&self.details().figures, &other.details().figures)
    }

    /// Content words both sentences have.
    pub(crate) fn shared(&self, other: &Self) -> usize {
        parallax_core::shared_sorted(self.content(), other.content())
    }
}

/// The character 3-grams of `sentence` lower-cased, with each run of white
/// space as one space, each packed into one number (21 bits a character),
/// in order. An ASCII sentence (most of English news) is lowered byte by
/// byte: its bytes are its characters, and `char::to_lowercase` of each
/// was most of the cost.
fn character_trigrams(sentence: &str) -> Vec<u64> {
    if sentence.is_ascii() {
        trigrams_of(
            sentence
                .bytes()
                .map(|byte| char::from(byte.to_ascii_lowercase())),
            sentence.len(),
        )
    } else {
        trigrams_of(
            sentence.chars().flat_map(char::to_lowercase),
            sentence.len(),
        )
    }
}

/// The packed 3-grams of `characters` (lower case already), each run of
/// white space as one space; `expected` is about how many characters
/// there are, to size the list once.
fn trigrams_of(characters: impl Iterator<Item = char>, expected: usize) -> Vec<u64> {
    let mut kept: Vec<u32> = Vec::with_capacity(expected);
    for character in characters {
        let character = if character.is_whitespace() {
            ' '
        } else {
            character
        };
        if character == ' ' && kept.last() == Some(&u32::from(' ')) {
            continue;
        }
        kept.push(u32::from(character));
    }
    kept.windows(3)
        .map(|window| {
            window.iter().fold(0_u64, |packed, &character| {
                (packed << 21) | u64::from(character)
            })
        })
        .collect()
}

/// Jaccard of two sets given as sorted lists without repeats.
fn jaccard_or_one(left: &[u64], right: &[u64]) -> f64 {
    let shared = parallax_core::shared_sorted(left, right);
    let union = left.len() + right.len() - shared;
    if union == 0 {
        1.0
    } else {
        shared as f64 / union as f64
    }
}

/// The lengths of the words both lists have, from the first list (the
/// same word has the same length on both sides).
fn shared_length(left: &[(u64, usize)], right: &[(u64, usize)]) -> usize {
    let (mut i, mut j, mut total) = (0, 0, 0);
    while i < left.len() && j < right.len() {
        match left[i].0.cmp(&right[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                total += left[i].1;
                i += 1;
                j += 1;
            }
        }
    }
    total
}

/// Word n-gram precision both ways: the share of A's n-grams found in B,
/// and of B's in A (1 ≤ n ≤ 4).
fn ngram_precisions(a: &Profile, b: &Profile, n: usize) -> (f64, f64) {
    let (a_grams, b_grams) = (a.details().grams(n), b.details().grams(n));
    if a_grams.is_empty() || b_grams.is_empty() {
        return (0.0, 0.0);
    }
    let shared = parallax_core::shared_sorted(a_grams, b_grams) as f64;
    (shared / a_grams.len() as f64, shared / b_grams.len() as f64)
}

pub(crate) fn common_subsequence_ratio(left: &[u64], right: &[u64]) -> f64 {
    if left.is_empty() && right.is_empty() {
        return 1.0;
    }
    // Bit-parallel longest common subsequence: a few machine words per
    // word of the other sentence, where a diff would explore edit paths.
    let matched =
        rapidfuzz::distance::lcs_seq::similarity(left.iter().copied(), right.iter().copied());
    2.0 * matched as f64 / (left.len() + right.len()) as f64
}

/// Share of the shorter sentence's words (stems) that appear, in order, in
/// the longer one, from the common-subsequence ratio of their stems.
pub(crate) fn ordered_containment_from(a: &Profile, b: &Profile, ratio: f64) -> f64 {
    let shorter = a.stems().len().min(b.stems().len());
    if shorter == 0 {
        return 0.0;
    }
    // ratio = 2·matched ÷ (|a| + |b|)
    ratio * (a.stems().len() + b.stems().len()) as f64 / 2.0 / shorter as f64
}

/// The figures of `sentence`, each read whole and hashed, sorted and
/// without repeats. A comma followed by three digits and no more separates
/// thousands; any other comma or point between digits is a decimal point.
fn figures(sentence: &str) -> Vec<u64> {
    let bytes = sentence.as_bytes();
    let mut found = Vec::new();
    let mut index = 0;
    while index < bytes.len() {
        if !bytes[index].is_ascii_digit() {
            index += 1;
            continue;
        }
        let mut figure = String::new();
        while index < bytes.len() {
            let byte = bytes[index];
            if byte.is_ascii_digit() {
                figure.push(char::from(byte));
                index += 1;
                continue;
            }
            let digits_after = bytes[index + 1..]
                .iter()
                .take_while(|byte| byte.is_ascii_digit())
                .count();
            if (byte != b',' && byte != b'.') || digits_after == 0 {
                break;
            }
            if byte == b',' && digits_after == 3 {
                // Thousands: "2,000" is 2000.
            } else {
                figure.push('.');
            }
            index += 1;
        }
        found.push(parallax_core::hash_str(&figure));
    }
    found.sort_unstable();
    found.dedup();
    found
}

/// The model's features for a pair of sentences.
pub(crate) fn features(a: &Profile, b: &Profile) -> [f64; FEATURE_COUNT] {
    features_with(a, b, common_subsequence_ratio(a.stems(), b.stems()))
}

/// [`features`], given the common-subsequence ratio of the stems (the
/// costliest feature, which the aligner also needs on its own).
pub(crate) fn features_with(a: &Profile, b: &Profile, subsequence: f64) -> [f64; FEATURE_COUNT] {
    let shared = a.shared(b) as f64;
    let (a_content, b_content) = (a.content().len() as f64, b.content().len() as f64);
    let containment_a = shared / a_content.max(1.0);
    let containment_b = shared / b_content.max(1.0);
    let (a_length, b_length) = (a.stems().len() as f64, b.stems().len() as f64);
    let unigram = ngram_precisions(a, b, 1);
    let precision = |n| {
        let (a_in_b, b_in_a) = ngram_precisions(a, b, n);
        f64::midpoint(a_in_b, b_in_a)
    };
    let only_a = a_content - shared;
    let only_b = b_content - shared;
    let (a_trigrams, b_trigrams) = (&a.details().trigrams, &b.details().trigrams);
    let shared_trigrams = parallax_core::shared_sorted(a_trigrams, b_trigrams);
    let shared_length = shared_length(&a.content_lengths, &b.content_lengths);
    [
        2.0 * shared / (a_content + b_content).max(1.0),
        containment_a.min(containment_b),
        containment_a.max(containment_b),
        subsequence,
        a_length.min(b_length) / a_length.max(b_length).max(1.0),
        f64::midpoint(unigram.0, unigram.1),
        precision(2),
        precision(3),
        precision(4),
        jaccard_or_one(a.list(List::Numbers), b.list(List::Numbers)),
        jaccard_or_one(a.list(List::Names), b.list(List::Names)),
        only_a.min(only_b),
        only_a.max(only_b),
        unigram.0.min(unigram.1),
        f64::from(u8::from(a.negated != b.negated)),
        2.0 * shared_trigrams as f64 / (a_trigrams.len() + b_trigrams.len()).max(1) as f64,
        2.0 * shared_length as f64 / (a.content_length + b.content_length).max(1) as f64,
    ]
}

/// The lexical features and the cosine of the two sentences' vectors: what
/// the decision with a sentence model takes.
#[must_use]
pub fn with_cosine(features: &[f64; FEATURE_COUNT], cosine: f64) -> [f64; MEANING_FEATURE_COUNT] {
    let mut all = [0.0; MEANING_FEATURE_COUNT];
    all[..FEATURE_COUNT].copy_from_slice(features);
    all[FEATURE_COUNT] = cosine;
    all
}

/// P(same content) under weights `weights` and intercept `bias`.
#[must_use]
pub fn probability<const N: usize>(features: &[f64; N], weights: &[f64; N], bias: f64) -> f64 {
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn ascii_character_trigrams_are_those_read_character_by_character(
            sentence in "[\\x00-\\x7f]{0,80}",
        ) {
            prop_assert_eq!(
                character_trigrams(&sentence),
                trigrams_of(sentence.chars().flat_map(char::to_lowercase), 0)
            );
        }
    }

    #[test]
    fn character_trigrams_lower_case_and_join_white_space() {
        let packed = |text: &str| trigrams_of(text.chars(), 0)[0];
        assert_eq!(
            character_trigrams("Ab \t\r\nC"),
            [packed("ab "), packed("b c")]
        );
        assert_eq!(character_trigrams("Éa  B"), [packed("éa "), packed("a b")]);
    }

    #[test]
    fn figures_are_read_whole() {
        let hashes = |values: &[&str]| {
            let mut hashes: Vec<u64> = values
                .iter()
                .map(|value| parallax_core::hash_str(value))
                .collect();
            hashes.sort_unstable();
            hashes
        };
        assert_eq!(
            figures("fined 40,000 euros in 2019"),
            hashes(&["40000", "2019"])
        );
        assert_eq!(
            figures("a rate of 4.5% (4,5 in Estoria), 1,5 or 1,500"),
            hashes(&["4.5", "1.5", "1500"])
        );
        assert_eq!(
            figures("On Dec. 15, and again on the 15th."),
            hashes(&["15"])
        );
        assert_eq!(figures("No figures here."), hashes(&[]));
    }

    #[test]
    fn figures_disagree_only_when_both_give_some_and_share_none() {
        let profile = |sentence: &str| Profile::new(sentence, Span::new(0, sentence.len()));
        let deaths = profile("It is estimated that 3,870 deaths will occur this year.");
        assert!(deaths.figures_disagree(&profile("An estimated 3,670 women will die.")));
        assert!(
            !deaths.figures_disagree(&profile("Some 3,870 people are expected to die this year."))
        );
        assert!(!deaths.figures_disagree(&profile("Thousands are expected to die this year.")));
        // "000" of 40,000 and of 25,000 is not a figure both give.
        assert!(profile("fined 40,000 euros").figures_disagree(&profile("fined 25,000 euros")));
    }

    /// Issue 21: a sentence's lists come out of one allocation in their
    /// parts, the same for a sentence read after a page-long one, and
    /// the page-long one leaves no room held by the thread.
    #[test]
    fn a_profile_holds_its_lists_and_a_long_one_leaves_nothing_held() {
        let profile = |sentence: &str| Profile::new(sentence, Span::new(0, sentence.len()));
        let check = |found: &Profile| {
            let hash = parallax_core::word_hash;
            assert_eq!(
                found.words(),
                [
                    "Leaders", "of", "NATO", "met", "in", "Vilnius", "on", "11", "July"
                ]
                .map(hash)
            );
            assert_eq!(found.stems().len(), 9);
            assert!(found.content().is_sorted() && !found.content().is_empty());
            assert!(
                found.terms().len() < found.content().len(),
                "11 is a figure"
            );
            let names = ["NATO", "Vilnius", "July"].map(hash);
            let mut expected = names.to_vec();
            expected.sort_unstable();
            assert_eq!(found.list(List::Names), expected);
            assert_eq!(found.list(List::Numbers), [hash("11")]);
        };
        let sentence = "Leaders of NATO met in Vilnius on 11 July";
        check(&profile(sentence));
        let long = "word ".repeat(10 * GATHERED_KEPT);
        assert_eq!(profile(&long).words().len(), 10 * GATHERED_KEPT);
        GATHERED.with(|gathered| {
            assert!(
                gathered
                    .borrow()
                    .iter()
                    .all(|list| list.capacity() <= GATHERED_KEPT)
            );
        });
        check(&profile(sentence));
    }
}
