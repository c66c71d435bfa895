//! Matching text: tokens with their original byte spans, normalised forms,
//! stable hashes and shingles.
//!
//! Normalisation is for matching only. The text shown to people is always the
//! original bytes, reached through each token's span.

use crate::model::Span;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;
use xxhash_rust::xxh3::xxh3_64_with_seed;

/// Fixed so that every process and platform computes the same hashes.
pub const HASH_SEED: u64 = 0x7061_7261_6c6c_6178; // "parallax"

/// The shingle length used for containment and Jaccard scores.
pub const SHINGLE_WORDS: usize = 5;

/// The byte ranges of the maximal runs of word characters in `text`: what
/// the regular expression `\w+` matches (Unicode letters, marks, digits,
/// connector punctuation and joiners), found without a regex engine because
/// every step of the pipeline reads every word.
fn word_runs(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    // Whether the character at `at`, not ASCII, is a word character, and
    // its length.
    let decode = move |at: usize| -> (bool, usize) {
        let character = text[at..].chars().next().unwrap_or_default();
        (is_word_character(character), character.len_utf8())
    };
    // Bytes below 0x80 are whole ASCII characters, and most of the text:
    // runs of them are passed over by a table, without decoding.
    std::iter::from_fn(move || {
        let start = loop {
            while at < bytes.len() && BYTE_CLASS[usize::from(bytes[at])] == ASCII_OTHER {
                at += 1;
            }
            if at >= bytes.len() {
                return None;
            }
            if bytes[at].is_ascii() {
                break at;
            }
            let (word, length) = decode(at);
            if word {
                break at;
            }
            at += length;
        };
        loop {
            while at < bytes.len() && BYTE_CLASS[usize::from(bytes[at])] == ASCII_WORD {
                at += 1;
            }
            if at >= bytes.len() || bytes[at].is_ascii() {
                break;
            }
            let (word, length) = decode(at);
            if !word {
                break;
            }
            at += length;
        }
        Some((start, at))
    })
}

const ASCII_OTHER: u8 = 0;
const ASCII_WORD: u8 = 1;
const NOT_ASCII: u8 = 2;

/// What each byte is to [`word_runs`]: an ASCII word character (`\w`:
/// letters, digits, `_`), another ASCII character, or part of a character
/// beyond ASCII.
static BYTE_CLASS: [u8; 256] = {
    let mut classes = [NOT_ASCII; 256];
    let mut byte = 0;
    while byte < 128 {
        #[allow(clippy::cast_possible_truncation, reason = "byte is below 128")]
        let character = byte as u8;
        classes[byte] = if character.is_ascii_alphanumeric() || character == b'_' {
            ASCII_WORD
        } else {
            ASCII_OTHER
        };
        byte += 1;
    }
    classes
};

fn is_word_character(character: char) -> bool {
    if character.is_ascii() {
        character.is_ascii_alphanumeric() || character == '_'
    } else {
        regex_syntax::is_word_character(character)
    }
}

/// A run of Unicode word characters, with its place in the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    /// NFKC, lower-cased.
    pub norm: String,
    pub hash: u64,
}

/// How many items two sorted lists share, each counted at most as often as
/// the list with fewer copies has it (clipped counts, as BLEU has them);
/// on lists without repeats, the size of the intersection. Sets kept as
/// sorted lists cost a third of a hash set and compare by one merge.
#[must_use]
pub fn shared_sorted(left: &[u64], right: &[u64]) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    // Without branches on the comparison, which a merge of unrelated words
    // mispredicts about half the time: equal items advance both sides.
    while i < left.len() && j < right.len() {
        let (x, y) = (left[i], right[j]);
        shared += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    shared
}

/// The words of `text` (the same runs [`tokens`] finds), as slices and
/// without collecting them: for a pass that only counts, on text of any
/// size.
pub fn words(text: &str) -> impl Iterator<Item = &str> + '_ {
    word_runs(text).map(|(start, end)| &text[start..end])
}

/// Tokens are runs of `\w` characters, not whitespace-separated strings: a
/// run-together copy ("saying.“While") and a wrapped copy of the same text
/// then yield the same tokens.
#[must_use]
pub fn tokens(text: &str, within: Span) -> Vec<Token> {
    let slice = &text[within.start..within.end];
    word_runs(slice)
        .map(|(start, end)| {
            let norm = normalize_word(&slice[start..end]);
            let hash = hash_str(&norm);
            Token {
                span: Span::new(within.start + start, within.start + end),
                norm,
                hash,
            }
        })
        .collect()
}

/// Room for the words of `bytes` of text in a list that should seldom
/// grow: one word every five bytes, the fewest a word and the space after
/// it take on average in English news (five to six).
#[must_use]
pub fn word_room(bytes: usize) -> usize {
    bytes / 5 + 1
}

/// The words of `within` as [`tokens`] finds them, each with its span and
/// the hash of its normalised form, without a string for each: a word of
/// ASCII (most words of English news) is lower-cased on the stack. The
/// hashes are [`Token::hash`]'s.
pub fn hashed_words(text: &str, within: Span) -> impl Iterator<Item = (Span, u64)> + '_ {
    let slice = &text[within.start..within.end];
    word_runs(slice).map(move |(start, end)| {
        let span = Span::new(within.start + start, within.start + end);
        (span, word_hash(&slice[start..end]))
    })
}

/// The hash of a word's normalised form: `hash_str(&normalize_word(word))`.
#[must_use]
pub fn word_hash(word: &str) -> u64 {
    const ON_THE_STACK: usize = 64;
    if word.len() <= ON_THE_STACK {
        // Copied, lowered and checked for ASCII in one pass: most words
        // are short, and a call to copy them cost as much as the rest.
        let mut lowered = [0_u8; ON_THE_STACK];
        let mut beyond_ascii = 0;
        for (slot, byte) in lowered.iter_mut().zip(word.bytes()) {
            beyond_ascii |= byte;
            *slot = byte.to_ascii_lowercase();
        }
        if beyond_ascii.is_ascii() {
            return xxh3_64_with_seed(&lowered[..word.len()], HASH_SEED);
        }
    }
    hash_str(&normalize_word(word))
}

/// NFKC and lower case: "ＮＡＴＯ" and "nato" match.
#[must_use]
pub fn normalize_word(word: &str) -> String {
    // NFKC leaves ASCII as it is, and most words of English news are ASCII.
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    word.nfkc().flat_map(char::to_lowercase).collect()
}

#[must_use]
pub fn hash_str(text: &str) -> u64 {
    xxh3_64_with_seed(text.as_bytes(), HASH_SEED)
}

/// Text normalised for matching, with the original byte offset of every
/// normalised byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    /// Lower-cased NFKC words joined by single spaces; punctuation and
    /// quote style are gone.
    pub text: String,
    /// `origin[i]` is the byte in the original text that produced byte `i`.
    pub origin: Vec<usize>,
}

impl Normalized {
    /// The original span behind a range of normalised bytes.
    #[must_use]
    pub fn original_span(&self, original: &str, start: usize, end: usize) -> Span {
        let first = self.origin[start];
        let last = self.origin[end - 1];
        // Extend to the end of the character that produced the last byte.
        let char_len = original[last..].chars().next().map_or(0, char::len_utf8);
        Span::new(first, last + char_len)
    }
}

/// Normalises `within` for matching and keeps the way back to original bytes.
#[must_use]
pub fn normalize(text: &str, within: Span) -> Normalized {
    let mut normalized = String::new();
    let mut origin = Vec::new();
    let slice = &text[within.start..within.end];
    for (start, end) in word_runs(slice) {
        if !normalized.is_empty() {
            normalized.push(' ');
            origin.push(within.start + start);
        }
        for (offset, grapheme) in slice[start..end].grapheme_indices(true) {
            let folded: String = grapheme.nfkc().flat_map(char::to_lowercase).collect();
            origin.extend(std::iter::repeat_n(
                within.start + start + offset,
                folded.len(),
            ));
            normalized.push_str(&folded);
        }
    }
    Normalized {
        text: normalized,
        origin,
    }
}

/// Hashes of every `n` consecutive tokens. Fewer than `n` tokens give one
/// shingle of all of them, so short texts still compare.
#[must_use]
pub fn shingles(token_hashes: &[u64], n: usize) -> Vec<u64> {
    if token_hashes.is_empty() {
        return Vec::new();
    }
    let n = n.clamp(1, token_hashes.len());
    token_hashes.windows(n).map(hash_sequence).collect()
}

/// One hash for a sequence of hashes (words, a shingle's tokens): the hash
/// of their little-endian bytes one after another. On a little-endian
/// machine those bytes are the sequence as it lies in memory, so it is
/// hashed where it is: copying each window to a buffer first was a third
/// of the cost of a shingle.
#[cfg(target_endian = "little")]
#[must_use]
pub fn hash_sequence(hashes: &[u64]) -> u64 {
    xxh3_64_with_seed(bytemuck::cast_slice(hashes), HASH_SEED)
}

/// One hash for a sequence of hashes: the hash of their little-endian
/// bytes one after another.
#[cfg(not(target_endian = "little"))]
#[must_use]
pub fn hash_sequence(hashes: &[u64]) -> u64 {
    let bytes: Vec<u8> = hashes.iter().flat_map(|hash| hash.to_le_bytes()).collect();
    xxh3_64_with_seed(&bytes, HASH_SEED)
}

/// English function words: they carry little of a sentence's claim, so they
/// are left out where content words decide (paraphrase, distinctive terms),
/// and a line that ends in one cannot end a sentence (hard-wrap repair).
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "me",
    "more",
    "most",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "s",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "t",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

/// The names of the months and their short forms, lower-case: words that
/// date a text rather than say anything of it.
pub const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// The days of the week, lower-case.
pub const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Whether a normalised (lower-case) word is an English function word.
#[must_use]
pub fn is_stopword(norm: &str) -> bool {
    STOPWORDS.binary_search(&norm).is_ok()
}

/// The hashes of [`STOPWORDS`]: sorted, and as a filter of 4,096 bits
/// set by each hash's low twelve bits, which tells most other words apart
/// (about 97 in 100) without a search.
struct StopwordHashes {
    sorted: Vec<u64>,
    filter: [u64; 64],
    /// Each function word's bytes packed into one number
    /// ([`packed_ascii`]), in an open-addressed table of
    /// [`PACKED_SLOTS`] slots (a quarter full), 0 where empty: a word is
    /// told by one multiplication and a comparison or two.
    packed: Vec<u128>,
}

const PACKED_SLOTS: usize = 512;

/// The first slot of [`StopwordHashes::packed`] to look in for `packed`.
fn packed_slot(packed: u128) -> usize {
    #[allow(
        clippy::cast_possible_truncation,
        reason = "the two halves are folded into one on purpose"
    )]
    let folded = (packed as u64) ^ ((packed >> 64) as u64).rotate_left(29);
    let mixed = folded.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - PACKED_SLOTS.trailing_zeros());
    usize::try_from(mixed).unwrap_or(0)
}

fn packed_contains(table: &[u128], packed: u128) -> bool {
    let mut slot = packed_slot(packed);
    loop {
        match table[slot] {
            0 => return false,
            held if held == packed => return true,
            _ => slot = (slot + 1) % PACKED_SLOTS,
        }
    }
}

/// An ASCII word of at most [`LONGEST_STOPWORD`] bytes, lower-cased, as
/// one number: two such words are equal when their numbers are.
fn packed_ascii(word: &[u8]) -> u128 {
    let mut bytes = [0_u8; 16];
    bytes[..word.len()].copy_from_slice(word);
    bytes.make_ascii_lowercase();
    u128::from_le_bytes(bytes)
}

static STOPWORD_HASHES: std::sync::LazyLock<StopwordHashes> = std::sync::LazyLock::new(|| {
    let mut sorted: Vec<u64> = STOPWORDS.iter().map(|word| hash_str(word)).collect();
    sorted.sort_unstable();
    let mut filter = [0_u64; 64];
    for hash in &sorted {
        filter[filter_slot(*hash)] |= filter_bit(*hash);
    }
    let mut packed = vec![0_u128; PACKED_SLOTS];
    for word in STOPWORDS {
        let word = packed_ascii(word.as_bytes());
        let mut slot = packed_slot(word);
        while packed[slot] != 0 {
            slot = (slot + 1) % PACKED_SLOTS;
        }
        packed[slot] = word;
    }
    StopwordHashes {
        sorted,
        filter,
        packed,
    }
});

#[allow(
    clippy::cast_possible_truncation,
    reason = "six bits of the hash, masked"
)]
fn filter_slot(hash: u64) -> usize {
    ((hash >> 6) & 63) as usize
}

fn filter_bit(hash: u64) -> u64 {
    1 << (hash & 63)
}

/// [`is_stopword`] by the word's hash ([`word_hash`], [`Token::hash`]):
/// for a pass over every word of a text that needs no string of it.
#[must_use]
pub fn is_stopword_hash(hash: u64) -> bool {
    let hashes = &*STOPWORD_HASHES;
    hashes.filter[filter_slot(hash)] & filter_bit(hash) != 0
        && hashes.sorted.binary_search(&hash).is_ok()
}

/// The longest of [`STOPWORDS`], in bytes.
const LONGEST_STOPWORD: usize = {
    let mut longest = 0;
    let mut index = 0;
    while index < STOPWORDS.len() {
        if STOPWORDS[index].len() > longest {
            longest = STOPWORDS[index].len();
        }
        index += 1;
    }
    longest
};

// Every function word fits the sixteen bytes of `packed_ascii`, and the
// table of them has empty slots to end a search.
const _: () = assert!(LONGEST_STOPWORD <= 16 && STOPWORDS.len() < PACKED_SLOTS / 2);

/// [`is_stopword`] of a word as written (any case, any Unicode form). An
/// ASCII word, most of the words of a text, is told from its bytes
/// without hashing it.
#[must_use]
pub fn is_stopword_as_written(word: &str) -> bool {
    is_stopword_in(&STOPWORD_HASHES.packed, word)
}

/// [`is_stopword_as_written`], with the table of packed function words
/// ([`StopwordHashes::packed`]) found by the caller, once for many words.
#[inline]
fn is_stopword_in(packed: &[u128], word: &str) -> bool {
    if word.is_ascii() {
        return !word.is_empty()
            && word.len() <= LONGEST_STOPWORD
            && packed_contains(packed, packed_ascii(word.as_bytes()));
    }
    is_stopword_hash(word_hash(word))
}

/// How many words `text` has ([`words`]), and how many of them are
/// function words ([`is_stopword_as_written`]): what tells English text
/// from other text, counted in one pass with the table of function words
/// found once, not once a word.
#[must_use]
pub fn count_stopwords(text: &str) -> (usize, usize) {
    let packed = &STOPWORD_HASHES.packed;
    let (mut total, mut stopwords) = (0, 0);
    for word in words(text) {
        total += 1;
        stopwords += usize::from(is_stopword_in(packed, word));
    }
    (total, stopwords)
}

/// The lines of `text`, as spans without their terminators. `\n`, `\r\n`
/// and a lone `\r` all end a line, so files from any platform split alike.
#[must_use]
pub fn lines(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut start = 0;
    for index in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        // The `\n` of a `\r\n` ended its line at the `\r`.
        if index < start {
            continue;
        }
        spans.push(Span::new(start, index));
        start = index + 1;
        if bytes[index] == b'\r' && bytes.get(index + 1) == Some(&b'\n') {
            start += 1;
        }
    }
    if start < bytes.len() {
        spans.push(Span::new(start, bytes.len()));
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_runs_are_what_the_word_regex_matches() {
        let word = regex::Regex::new(r"\w+").unwrap();
        for text in [
            "Plain ASCII, with snake_case and 2022-01-05.",
            "«Кремль» заявил: переговоры — 10 января.",
            "東京で会談が行われた。NATO側は、",
            "café naïve e\u{301}cole\u{200d}x Ω≈ ＮＡＴＯ",
            "وزير الخارجية قال ١٢٣ ",
            "emoji 👍🏽 and 👩\u{200d}👩 then words",
            "",
            "   ",
            "tail",
        ] {
            let expected: Vec<(usize, usize)> = word
                .find_iter(text)
                .map(|found| (found.start(), found.end()))
                .collect();
            assert_eq!(word_runs(text).collect::<Vec<_>>(), expected, "{text}");
        }
        // Random strings over characters at each kind of boundary: ASCII
        // word and other bytes, letters and marks beyond ASCII, joiners,
        // dashes, ideographs and emoji.
        let alphabet = [
            "a", "Z", "_", "5", " ", ".", "-", "'", "\n", "é", "\u{301}", "—", "東", "👍",
            "\u{200d}", "ı", "١",
        ];
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..20_000 {
            let mut text = String::new();
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            for step in 0..(state % 12) {
                let draw = usize::try_from((state >> (4 * step % 60)) % 1024).unwrap_or(0);
                text.push_str(alphabet[draw % alphabet.len()]);
            }
            let expected: Vec<(usize, usize)> = word
                .find_iter(&text)
                .map(|found| (found.start(), found.end()))
                .collect();
            assert_eq!(word_runs(&text).collect::<Vec<_>>(), expected, "{text:?}");
        }
    }

    #[test]
    fn hashed_words_are_the_tokens_hashes() {
        for text in [
            "Plain ASCII, with snake_case and 2022-01-05.",
            "«Кремль» заявил: переговоры — 10 января.",
            "ＮＡＴＯ and NATO and nato",
            "café naïve e\u{301}cole",
            "averyveryveryveryveryveryveryveryveryveryveryveryveryverylongwordofmorethan64bytes",
        ] {
            let whole = Span::new(0, text.len());
            let expected: Vec<(Span, u64)> = tokens(text, whole)
                .into_iter()
                .map(|token| (token.span, token.hash))
                .collect();
            assert_eq!(
                hashed_words(text, whole).collect::<Vec<_>>(),
                expected,
                "{text}"
            );
        }
    }

    #[test]
    fn lines_split_on_every_line_ending() {
        let text = "a\r\nb\rc\n\nd";
        let found: Vec<&str> = lines(text)
            .into_iter()
            .map(|span| span.text(text).unwrap())
            .collect();
        assert_eq!(found, ["a", "b", "c", "", "d"]);
        assert!(lines("").is_empty());
        assert_eq!(lines("x\n").len(), 1);
        // Against a byte-by-byte reading, on every string of up to eight
        // characters over "a", "\r" and "\n".
        let by_bytes = |text: &str| {
            let bytes = text.as_bytes();
            let (mut spans, mut start, mut index) = (Vec::new(), 0, 0);
            while index < bytes.len() {
                if matches!(bytes[index], b'\n' | b'\r') {
                    spans.push(Span::new(start, index));
                    if bytes[index] == b'\r' && bytes.get(index + 1) == Some(&b'\n') {
                        index += 1;
                    }
                    start = index + 1;
                }
                index += 1;
            }
            if start < bytes.len() {
                spans.push(Span::new(start, bytes.len()));
            }
            spans
        };
        let mut texts = vec![String::new()];
        for _ in 0..8 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|text| ["a", "\r", "\n"].map(|next| format!("{text}{next}")))
                .collect();
            for text in &longer {
                assert_eq!(lines(text), by_bytes(text), "{text:?}");
            }
            texts = longer;
        }
    }

    fn norms(text: &str) -> Vec<String> {
        tokens(text, Span::new(0, text.len()))
            .into_iter()
            .map(|token| token.norm)
            .collect()
    }

    #[test]
    fn run_together_and_wrapped_copies_tokenise_alike() {
        let glued = "as saying.“While US officials";
        let wrapped = "as saying.\n“While US\nofficials";
        assert_eq!(norms(glued), norms(wrapped));
        assert_eq!(norms(glued), ["as", "saying", "while", "us", "officials"]);
    }

    #[test]
    fn tokens_keep_original_spans() {
        let text = "Russia’s «NATO» talks";
        for token in tokens(text, Span::new(0, text.len())) {
            assert_eq!(
                normalize_word(token.span.text(text).unwrap()),
                token.norm,
                "{token:?}"
            );
        }
    }

    /// However a word is read (copied to the stack or normalised as a
    /// string), its hash is that of its normalised form.
    #[test]
    fn a_word_hash_is_the_hash_of_the_normalised_word() {
        let characters = [
            'a', 'Z', 'q', 'M', '0', '_', '@', '[', '`', '{', 'é', 'Ｎ', 'ß',
        ];
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..100_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let length = usize::try_from(state % 70).unwrap();
            // Mostly ASCII, sometimes not.
            let beyond_ascii = state.is_multiple_of(7);
            let word: String = (0..length)
                .map(|at| {
                    let draw =
                        usize::try_from(state.rotate_left(u32::try_from(at).unwrap() * 5) % 13)
                            .unwrap();
                    let character = characters[draw];
                    if beyond_ascii || character.is_ascii() {
                        character
                    } else {
                        'x'
                    }
                })
                .collect();
            assert_eq!(
                word_hash(&word),
                hash_str(&normalize_word(&word)),
                "{word:?}"
            );
        }
    }

    #[test]
    fn full_width_and_case_fold() {
        assert_eq!(normalize_word("ＮＡＴＯ"), "nato");
        assert_eq!(normalize_word("Straße"), "straße");
        assert_eq!(hash_str("nato"), hash_str(&normalize_word("NATO")));
    }

    #[test]
    fn normalized_maps_back_to_original_bytes() {
        let text = "The “Moment” of TRUTH—now.";
        let normalized = normalize(text, Span::new(0, text.len()));
        assert_eq!(normalized.text, "the moment of truth now");
        assert_eq!(normalized.origin.len(), normalized.text.len());
        let start = normalized.text.find("moment of truth").unwrap();
        let span = normalized.original_span(text, start, start + "moment of truth".len());
        assert_eq!(span.text(text), Some("Moment” of TRUTH"));
    }

    #[test]
    fn shingles_of_short_and_long_runs() {
        assert!(shingles(&[], 5).is_empty());
        assert_eq!(shingles(&[1, 2], 5).len(), 1);
        assert_eq!(shingles(&[1, 2, 3, 4, 5, 6], 5).len(), 2);
        // Order matters inside a shingle.
        assert_ne!(shingles(&[1, 2], 2), shingles(&[2, 1], 2));
    }

    /// A shingle is the hash of its words' hashes written out as
    /// little-endian bytes one after another, however it is computed:
    /// stored indexes and their candidates depend on these values.
    #[test]
    fn a_shingle_hashes_its_words_little_endian_bytes() {
        let hashes: Vec<u64> = (0..40_u64)
            .map(|number| number.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (number << 56))
            .collect();
        for n in [1, 3, 5, 6, 8, 16, 17, 40] {
            let expected: Vec<u64> = hashes
                .windows(n)
                .map(|window| {
                    let bytes: Vec<u8> =
                        window.iter().flat_map(|hash| hash.to_le_bytes()).collect();
                    xxh3_64_with_seed(&bytes, HASH_SEED)
                })
                .collect();
            assert_eq!(shingles(&hashes, n), expected, "n = {n}");
        }
    }

    #[test]
    fn stopword_list_is_sorted_for_binary_search() {
        assert!(STOPWORDS.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(is_stopword("the"));
        assert!(!is_stopword("nato"));
        for word in STOPWORDS {
            assert!(is_stopword_hash(word_hash(word)), "{word}");
        }
        assert!(is_stopword_hash(word_hash("The")));
        assert!(!is_stopword_hash(word_hash("nato")));
        for word in ["The", "THEMSELVES", "ｔｈｅ", "ｔｈｅｍｓｅｌｖｅｓ"] {
            assert!(is_stopword_as_written(word), "{word}");
        }
        for word in STOPWORDS {
            assert!(is_stopword_as_written(word), "{word}");
            assert!(is_stopword_as_written(&word.to_uppercase()), "{word}");
        }
        // Against the list itself, on random words over the letters of
        // "the", "them", "of", "a", "is" and "was" in both cases.
        let letters = b"thEmofaisWA";
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..200_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let length = usize::try_from(state % 5).unwrap_or(0) + 1;
            let word: String = (0..length)
                .map(|at| {
                    let draw = usize::try_from((state >> (8 * at + 8)) % 64).unwrap_or(0);
                    char::from(letters[draw % letters.len()])
                })
                .collect();
            assert_eq!(
                is_stopword_as_written(&word),
                is_stopword(&word.to_lowercase()),
                "{word}"
            );
        }
        for word in ["nato", "themselvesx", "ｎａｔｏ", "", "th", "thee"] {
            assert!(!is_stopword_as_written(word), "{word}");
        }
        // The filter lets every function word through, and turns most
        // other words away before the search.
        let turned_away = (0..10_000_u64)
            .filter(|number| {
                let hash = hash_str(&format!("w{number}"));
                STOPWORD_HASHES.filter[filter_slot(hash)] & filter_bit(hash) == 0
            })
            .count();
        assert!(turned_away > 9_000, "{turned_away}");
    }

    #[test]
    fn stopwords_are_counted_as_each_word_would_be_told() {
        for text in [
            "The talks, THE Talks and ｔｈｅ talks: of them all, none.",
            "«Кремль» заявил: the переговоры — 10 января.",
            "emoji 👍🏽 and themselves, snake_case_words and 2022-01-05",
            "",
            "   ",
        ] {
            let expected = (
                words(text).count(),
                words(text)
                    .filter(|word| is_stopword_as_written(word))
                    .count(),
            );
            assert_eq!(count_stopwords(text), expected, "{text}");
        }
        assert_eq!(
            count_stopwords("The talks, THE Talks and ｔｈｅ talks"),
            (7, 4)
        );
    }
}
