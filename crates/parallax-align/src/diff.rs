//! Word-level differences inside a link, as byte ranges of both originals.

use crate::remembered::Remembered;
use parallax_core::{Change, Span};
use similar::{Algorithm, DiffTag};
use unicode_segmentation::UnicodeSegmentation;

/// The pieces of a sentence between Unicode word boundaries (words, spaces,
/// punctuation), each as the hash of the form they are compared in: lower
/// case, and curly quotes as straight ones, since a link is verbatim "up to
/// case and quote style" and the reader should not see those as changes.
/// Hashes (64 bits) rather than strings: the diff only asks whether two
/// pieces are equal, and a sentence's pieces need no allocation each.
fn pieces(text: &str) -> (Vec<u64>, Vec<usize>) {
    let mut keys = Vec::new();
    let mut offsets = Vec::new();
    if text.is_ascii() {
        // Most sentences of English news: cut by a byte scan, and hashed
        // from a buffer on the stack where a piece is short.
        let bounds = ascii_word_bounds(text.as_bytes());
        keys.reserve_exact(bounds.len().saturating_sub(1));
        offsets.reserve_exact(bounds.len());
        for window in bounds.windows(2) {
            offsets.push(window[0]);
            // The hash of the piece in lower case, as below.
            keys.push(parallax_core::word_hash(&text[window[0]..window[1]]));
        }
        offsets.push(text.len());
        return (keys, offsets);
    }
    let mut compared = String::new();
    for (offset, piece) in text.split_word_bound_indices() {
        offsets.push(offset);
        compared.clear();
        if piece.is_ascii() {
            compared.extend(
                piece
                    .chars()
                    .map(|character| character.to_ascii_lowercase()),
            );
        } else {
            compared.extend(piece.chars().flat_map(char::to_lowercase).map(|character| {
                match character {
                    '\u{2018}' | '\u{2019}' | '\u{201b}' | '\u{2032}' => '\'',
                    '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{00ab}' | '\u{00bb}'
                    | '\u{2033}' => '"',
                    other => other,
                }
            }));
        }
        keys.push(parallax_core::hash_str(&compared));
    }
    offsets.push(text.len());
    (keys, offsets)
}

/// What a character is to the word boundary rules of Unicode's UAX #29
/// (its `Word_Break` property), for the ASCII characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WordBreak {
    CarriageReturn,
    LineFeed,
    /// Vertical tab and form feed.
    Newline,
    /// The space; a tab is `Other`.
    Space,
    Letter,
    Numeric,
    /// `:`
    MidLetter,
    /// `,` and `;`
    MidNumber,
    /// `.`
    MidNumberLetter,
    /// `'`
    SingleQuote,
    /// `_`
    ExtendNumberLetter,
    Other,
}

fn word_break(byte: u8) -> WordBreak {
    match byte {
        b'\r' => WordBreak::CarriageReturn,
        b'\n' => WordBreak::LineFeed,
        0x0b | 0x0c => WordBreak::Newline,
        b' ' => WordBreak::Space,
        b'a'..=b'z' | b'A'..=b'Z' => WordBreak::Letter,
        b'0'..=b'9' => WordBreak::Numeric,
        b':' => WordBreak::MidLetter,
        b',' | b';' => WordBreak::MidNumber,
        b'.' => WordBreak::MidNumberLetter,
        b'\'' => WordBreak::SingleQuote,
        b'_' => WordBreak::ExtendNumberLetter,
        _ => WordBreak::Other,
    }
}

/// Where the pieces of an ASCII text start, and its length at the end:
/// the boundaries `split_word_bound_indices` finds, by UAX #29's rules as
/// they apply to ASCII (no extenders, joiners, Hebrew, Katakana or
/// regional indicators), without a table lookup per character.
fn ascii_word_bounds(bytes: &[u8]) -> Vec<usize> {
    use WordBreak::{
        CarriageReturn, ExtendNumberLetter, Letter, LineFeed, MidLetter, MidNumber,
        MidNumberLetter, Newline, Numeric, SingleQuote, Space,
    };
    // Each byte's class looked up once, not once for each of the four
    // boundaries that look at it.
    let classes: Vec<WordBreak> = bytes.iter().map(|&byte| word_break(byte)).collect();
    let class = |index: Option<usize>| index.and_then(|index| classes.get(index)).copied();
    // At most a bound after every byte: sized once, not grown.
    let mut bounds = Vec::with_capacity(bytes.len() + 1);
    bounds.push(0);
    for index in 1..bytes.len() {
        let (before, after) = (classes[index - 1], classes[index]);
        let earlier = class(index.checked_sub(2));
        let later = class(Some(index + 1));
        let mid_letter =
            |class: WordBreak| matches!(class, MidLetter | MidNumberLetter | SingleQuote);
        let mid_number =
            |class: WordBreak| matches!(class, MidNumber | MidNumberLetter | SingleQuote);
        let joined = match (before, after) {
            // WB3, WB3d, WB5, WB8, WB9, WB10, WB13a, WB13b.
            (CarriageReturn, LineFeed)
            | (Space, Space)
            | (Letter | Numeric | ExtendNumberLetter, Letter | Numeric | ExtendNumberLetter) => {
                true
            }
            // WB3a, WB3b.
            (CarriageReturn | LineFeed | Newline, _) | (_, CarriageReturn | LineFeed | Newline) => {
                false
            }
            // WB6 and WB12: a letter or digit before a middle mark that
            // another of its kind follows.
            (Letter, middle) if mid_letter(middle) => later == Some(Letter),
            (Numeric, middle) if mid_number(middle) => later == Some(Numeric),
            // WB7 and WB11.
            (middle, Letter) if mid_letter(middle) => earlier == Some(Letter),
            (middle, Numeric) if mid_number(middle) => earlier == Some(Numeric),
            _ => false,
        };
        if !joined {
            bounds.push(index);
        }
    }
    bounds.push(bytes.len());
    if bytes.is_empty() {
        bounds.truncate(1);
    }
    bounds
}

/// The stretches where two linked spans differ. Runs of deleted and inserted
/// words between two equal stretches become one change; whitespace-only
/// differences (a line break against a space) are not changes, nor are
/// case and quote style. The diff is `similar`'s (patience, with its
/// semantic cleanup).
#[must_use]
pub fn changes(a_text: &str, a_span: Span, b_text: &str, b_span: Span) -> Vec<Change> {
    let old = &a_text[a_span.start..a_span.end];
    let new = &b_text[b_span.start..b_span.end];
    // Most links of copied text are the same bytes: nothing to diff.
    if old == new {
        return Vec::new();
    }
    let shift = |span: Span, by: usize| Span::new(span.start + by, span.end + by);
    remembered_changes(old, new)
        .into_iter()
        .map(|change| Change {
            a: change.a.map(|span| shift(span, a_span.start)),
            b: change.b.map(|span| shift(span, b_span.start)),
        })
        .collect()
}

/// Sentence pairs diffed on a thread before they are all forgotten: a few
/// megabytes at most.
const CHANGES_REMEMBERED: usize = 1 << 14;

thread_local! {
    /// The changes of sentence pairs already diffed on this thread: each
    /// time a story's copies meet the same two sentences, they differ the
    /// same way.
    static CHANGES: std::cell::RefCell<Remembered<(), Vec<Change>>> =
        std::cell::RefCell::new(Remembered::new(CHANGES_REMEMBERED));
}

pub(crate) fn forget_changes() {
    CHANGES.with(|remembered| remembered.borrow_mut().forget());
}

/// [`sentence_changes`] of `old` against `new`, from memory when this
/// thread diffed the very same two sentences before.
fn remembered_changes(old: &str, new: &str) -> Vec<Change> {
    CHANGES.with(|remembered| {
        remembered
            .borrow_mut()
            .get_or_work(old, new, (), || sentence_changes(old, new))
    })
}

/// The changes between two different sentences, in their own offsets.
fn sentence_changes(old: &str, new: &str) -> Vec<Change> {
    let (old_keys, old_offsets) = pieces(old);
    let (new_keys, new_offsets) = pieces(new);
    let operations = similar::capture_diff_slices(Algorithm::Patience, &old_keys, &new_keys);
    let mut result = Vec::new();
    let mut pending: Option<(usize, usize, usize, usize)> = None;
    let mut flush = |pending: &mut Option<(usize, usize, usize, usize)>| {
        if let Some((old_start, old_end, new_start, new_end)) = pending.take() {
            let a = Span::new(old_start, old_end).trim(old);
            let b = Span::new(new_start, new_end).trim(new);
            if !a.is_empty() || !b.is_empty() {
                result.push(Change {
                    a: (!a.is_empty()).then_some(a),
                    b: (!b.is_empty()).then_some(b),
                });
            }
        }
    };
    for op in &operations {
        if op.tag() == DiffTag::Equal {
            // Only a space between two changed words: one change, not two.
            let range = op.old_range();
            let only_space = old[old_offsets[range.start]..old_offsets[range.end]]
                .trim()
                .is_empty();
            if !(only_space && pending.is_some()) {
                flush(&mut pending);
            }
            continue;
        }
        let old_range = op.old_range();
        let new_range = op.new_range();
        let (old_start, old_end) = (old_offsets[old_range.start], old_offsets[old_range.end]);
        let (new_start, new_end) = (new_offsets[new_range.start], new_offsets[new_range.end]);
        pending = Some(match pending {
            Some((first_old, _, first_new, _)) => (first_old, old_end, first_new, new_end),
            None => (old_start, old_end, new_start, new_end),
        });
    }
    flush(&mut pending);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(a: &str, b: &str) -> Vec<(Option<&'static str>, Option<&'static str>)> {
        let a: &'static str = Box::leak(a.to_owned().into_boxed_str());
        let b: &'static str = Box::leak(b.to_owned().into_boxed_str());
        changes(a, Span::new(0, a.len()), b, Span::new(0, b.len()))
            .into_iter()
            .map(|change| {
                (
                    change.a.map(|span| &a[span.start..span.end]),
                    change.b.map(|span| &b[span.start..span.end]),
                )
            })
            .collect()
    }

    #[test]
    fn replaced_inserted_and_deleted_words() {
        assert_eq!(
            shown(
                "These documents were handed over to the US side on December 15.",
                "The proposals were handed over to a US representative on December 15."
            ),
            [
                (Some("These documents"), Some("The proposals")),
                (Some("the"), Some("a")),
                (Some("side"), Some("representative"))
            ]
        );
        assert_eq!(
            shown("Talks resumed today.", "Talks resumed in Geneva today."),
            [(None, Some("in Geneva"))]
        );
    }

    #[test]
    fn case_and_quote_style_are_not_changes() {
        assert!(
            shown(
                "at the Russian foreign ministry",
                "at the Russian Foreign Ministry"
            )
            .is_empty()
        );
        assert!(
            shown(
                "the West\u{2019}s \u{201c}guarantees\u{201d}",
                "the West's \"guarantees\""
            )
            .is_empty()
        );
        assert_eq!(
            shown("Earlier, Putin called", "Putin earlier called"),
            [(Some("Earlier,"), None), (None, Some("earlier"))]
        );
    }

    #[test]
    fn ascii_text_is_cut_into_pieces_as_unicode_tables_cut_it() {
        // Every ASCII character between the characters the rules look at
        // (issue 21), then random strings weighted towards them.
        let near = ["a", "Z", "7", ".", ",", ";", ":", "'", "_", " ", "\r", "\n"];
        let mut texts: Vec<String> = Vec::new();
        for byte in 0_u8..128 {
            let character = char::from(byte).to_string();
            for left in near {
                for right in near {
                    texts.push(format!("{left}{character}{right}"));
                    texts.push(format!("{left}{left}{character}{right}{right}"));
                }
            }
        }
        let alphabet: Vec<char> = near
            .concat()
            .chars()
            .chain(['"', '-', '\t', '\x0b', '\x0c', '(', '$', '%'])
            .collect();
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..100_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let length = usize::try_from(state % 11).unwrap_or(0);
            let text: String = (0..length)
                .map(|position| {
                    let draw = usize::try_from((state >> (5 * position)) % 64).unwrap_or(0);
                    alphabet[draw % alphabet.len()]
                })
                .collect();
            texts.push(text);
        }
        for text in texts {
            let mut expected: Vec<usize> = text
                .split_word_bound_indices()
                .map(|(offset, _)| offset)
                .collect();
            expected.push(text.len());
            if text.is_empty() {
                expected = vec![0];
            }
            assert_eq!(ascii_word_bounds(text.as_bytes()), expected, "{text:?}");
        }
    }

    #[test]
    fn line_breaks_are_not_changes() {
        assert!(shown("a role in\nthe talks", "a role in the talks").is_empty());
    }
}
