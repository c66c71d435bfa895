//! Sentence segmentation: UAX #29 sentence boundaries, then the repairs news
//! text needs.
//!
//! UAX #29 alone breaks after abbreviations ("On Dec. | 15, Yury Ushakov…",
//! "the U.S. | President") and misses sentences glued without a space by
//! scrapers ("as saying.“While US officials"). Both are repaired here.

use crate::model::Span;
use regex::Regex;
use std::sync::LazyLock;
use unicode_segmentation::UnicodeSegmentation;

/// Abbreviations that are almost never the last word of a sentence when a
/// capitalised word or a number follows them.
const ABBREVIATIONS: &[&str] = &[
    "apr", "aug", "capt", "co", "col", "corp", "dec", "dr", "feb", "gen", "gov", "inc", "jan",
    "jr", "jul", "jun", "lt", "mar", "messrs", "mr", "mrs", "ms", "no", "nov", "oct", "prof",
    "rep", "rev", "sen", "sep", "sept", "sgt", "sr", "st", "vs",
];

/// Words that commonly open a sentence: after an initialism such as "U.S.",
/// one of these means a new sentence began; any other capitalised word is
/// more likely a continuation ("the U.S. President").
const SENTENCE_OPENERS: &[&str] = &[
    "a",
    "after",
    "and",
    "as",
    "at",
    "but",
    "for",
    "he",
    "her",
    "his",
    "however",
    "i",
    "if",
    "in",
    "it",
    "its",
    "meanwhile",
    "on",
    "our",
    "she",
    "so",
    "that",
    "the",
    "their",
    "there",
    "these",
    "they",
    "this",
    "those",
    "we",
    "what",
    "when",
    "while",
    "you",
];

/// A lower-case word, terminal punctuation and a capital letter with no space
/// between them: two sentences glued by a scraper. The empty group marks
/// where the second sentence starts (an opening quote goes with it).
static GLUED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?:\p{Ll}{2}|\p{Ll}[”’"»)\]])[.!?]+[”’»]*()[“‘«"]?\p{Lu}\p{Ll}"#)
        .expect("valid regex")
});

const OPENING_QUOTES: [char; 3] = ['“', '‘', '«'];

/// The word before the full stop that ends `previous`: the run of word
/// characters and stops after the last other character, when it is a word
/// (`Gen`) or initials (`U.S`, `J`). What the pattern
/// `(?:^|[^\w.])((?:\w\.)+\w?|\w+)\.$` captures, by a scan from the end
/// instead of an automaton compiled for Unicode's word characters.
fn last_word(previous: &str) -> Option<&str> {
    let body = previous.strip_suffix('.')?;
    let start = body
        .char_indices()
        .rev()
        .take_while(|&(_, character)| {
            character == '.' || regex_syntax::is_word_character(character)
        })
        .last()
        .map_or(body.len(), |(at, _)| at);
    let run = &body[start..];
    let characters: Vec<char> = run.chars().collect();
    let word = |index: usize| {
        characters
            .get(index)
            .is_some_and(|&character| regex_syntax::is_word_character(character))
    };
    // Initials: a word character and a stop, once or more, then perhaps
    // one more word character.
    let mut at = 0;
    while word(at) && characters.get(at + 1) == Some(&'.') {
        at += 2;
    }
    let initials = at > 0 && (at == characters.len() || (word(at) && at + 1 == characters.len()));
    let plain = !characters.is_empty() && (0..characters.len()).all(word);
    (initials || plain).then_some(run)
}

/// Splits one paragraph into sentence spans. Line breaks inside the paragraph
/// are treated as spaces, so a hard-wrapped paragraph yields whole sentences
/// whose spans cross the line breaks. Spans are trimmed of whitespace.
///
/// # Panics
///
/// When `paragraph` is out of range or not on character boundaries of `text`.
#[must_use]
pub fn sentences(text: &str, paragraph: Span) -> Vec<Span> {
    let slice = &text[paragraph.start..paragraph.end];
    // Line breaks as spaces: the same byte length, so offsets are
    // unchanged. Both are single bytes that no other character's UTF-8
    // holds, so they are replaced byte for byte.
    let flattened: std::borrow::Cow<'_, str> =
        if memchr::memchr2(b'\n', b'\r', slice.as_bytes()).is_some() {
            slice.replace(['\n', '\r'], " ").into()
        } else {
            // Most paragraphs are one line: nothing to replace, nor copy.
            slice.into()
        };
    let mut pieces: Vec<Span> = Vec::new();
    // The first letter at or after a place, found once for all the cuts of
    // one run without letters.
    let mut next_letter: Option<(usize, char)> = None;
    for (chunk_start, chunk) in bounded_chunks(&flattened) {
        if next_letter.is_none_or(|(at, _)| at < chunk_start) {
            next_letter = flattened[chunk_start..]
                .char_indices()
                .find(|(_, character)| character.is_alphabetic())
                .map(|(at, character)| (chunk_start + at, character));
        }
        // A cut joins what it cut back together unless the segmenter would
        // have ended a sentence there: after a stop, before a word that
        // does not begin in lower case.
        let after_stop = flattened[..chunk_start]
            .trim_end()
            .ends_with(['.', '!', '?']);
        let lower_next = next_letter.is_some_and(|(_, letter)| letter.is_lowercase());
        let cut_mid_sentence = chunk_start > 0 && (!after_stop || lower_next);
        for (index, (offset, sentence)) in sentence_bounds(chunk).into_iter().enumerate() {
            let offset = chunk_start + offset;
            if index == 0
                && cut_mid_sentence
                && let Some(previous) = pieces.last_mut()
            {
                previous.end = offset + sentence.len();
                continue;
            }
            split_glued(&mut pieces, offset, sentence);
        }
    }
    // UAX #29 counts an opening quote as closing the previous sentence
    // ("saying.“|While"); hand it to the sentence it opens.
    for index in 1..pieces.len() {
        let previous = pieces[index - 1];
        let trimmed = flattened[previous.start..previous.end].trim_end();
        if let Some(quote) = trimmed
            .chars()
            .next_back()
            .filter(|quote| OPENING_QUOTES.contains(quote))
        {
            let boundary = previous.start + trimmed.len() - quote.len_utf8();
            if boundary > previous.start {
                pieces[index - 1].end = boundary;
                pieces[index].start = boundary;
            }
        }
    }
    let pieces: Vec<Span> = pieces
        .into_iter()
        .map(|piece| piece.trim(&flattened))
        .filter(|piece| !piece.is_empty())
        .collect();

    let mut merged: Vec<Span> = Vec::with_capacity(pieces.len());
    for piece in pieces {
        if let Some(previous) = merged.last_mut()
            && (continues_after(
                &flattened[previous.start..previous.end],
                &flattened[piece.start..piece.end],
            ) || opens_a_token(&flattened, *previous, piece)
                || !flattened[piece.start..piece.end].contains(char::is_alphanumeric))
        {
            *previous = previous.cover(piece);
            continue;
        }
        merged.push(piece);
    }
    merged
        .into_iter()
        .map(|span| Span::new(paragraph.start + span.start, paragraph.start + span.end))
        .collect()
}

/// `text` cut at UAX #29 sentence boundaries, each piece with its offset:
/// what `split_sentence_bound_indices` gives. Text that is all ASCII, as
/// most news text's paragraphs are, is cut by [`ascii_sentence_bounds`]
/// without looking each character up in Unicode's tables, which was most
/// of the time sentence cutting took.
fn sentence_bounds(text: &str) -> Vec<(usize, &str)> {
    if text.is_ascii() {
        ascii_sentence_bounds(text)
    } else {
        text.split_sentence_bound_indices().collect()
    }
}

/// The UAX #29 sentence boundaries of ASCII `text`. In ASCII the rules
/// come down to these: a boundary follows a line break (CR LF as one),
/// and one may follow a sentence stop (`.`, `!`, `?`) with the closing
/// marks and spaces after it (rules 9 to 11 of UAX #29), unless
/// - a digit follows the full stop at once (rule 6);
/// - a letter precedes the full stop and a capital follows it at once
///   (rule 7);
/// - after a full stop, the first letter past any other marks and digits
///   is lower case (rule 8);
/// - a comma, hyphen, colon, semicolon or another stop follows (rule 8a).
fn ascii_sentence_bounds(text: &str) -> Vec<(usize, &str)> {
    let bytes = text.as_bytes();
    let length = bytes.len();
    let is_stop = |byte: u8| matches!(byte, b'.' | b'!' | b'?');
    let is_close =
        |byte: u8| matches!(byte, b'"' | b'\'' | b'(' | b')' | b'[' | b']' | b'{' | b'}');
    let is_space = |byte: u8| matches!(byte, b' ' | b'\t' | 0x0b | 0x0c);
    let is_line_break = |byte: u8| matches!(byte, b'\r' | b'\n');
    let is_continuation = |byte: u8| matches!(byte, b',' | b'-' | b':' | b';');
    let mut bounds = vec![0];
    let mut at = 0;
    while at < length {
        // Only line breaks and stops end sentences: the bytes between are
        // passed over by a vectorised search, not one at a time.
        let next_stop =
            memchr::memchr3(b'.', b'!', b'?', &bytes[at..]).map_or(length, |found| at + found);
        if let Some(found) = memchr::memchr2(b'\r', b'\n', &bytes[at..next_stop]) {
            at += found;
            at += if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
            bounds.push(at);
            continue;
        }
        at = next_stop;
        if at == length {
            break;
        }
        let byte = bytes[at];
        let stop = at;
        let mut end = stop + 1;
        while end < length && is_close(bytes[end]) {
            end += 1;
        }
        while end < length && is_space(bytes[end]) {
            end += 1;
        }
        if end < length && is_line_break(bytes[end]) {
            end += if bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
            bounds.push(end);
            at = end;
            continue;
        }
        at = end;
        if end == length {
            break;
        }
        let next = bytes[end];
        let full_stop = byte == b'.';
        let joined = if full_stop && end == stop + 1 {
            next.is_ascii_digit()
                || (next.is_ascii_uppercase() && stop > 0 && bytes[stop - 1].is_ascii_alphabetic())
        } else {
            false
        };
        let lower_follows = full_stop
            && bytes[end..]
                .iter()
                .find(|&&byte| byte.is_ascii_alphabetic() || is_stop(byte) || is_line_break(byte))
                .is_some_and(u8::is_ascii_lowercase);
        if !(joined || lower_follows || is_continuation(next) || is_stop(next)) {
            bounds.push(end);
        }
    }
    if bounds.last() != Some(&length) {
        bounds.push(length);
    }
    bounds
        .windows(2)
        .filter(|pair| pair[0] < pair[1])
        .map(|pair| (pair[0], &text[pair[0]..pair[1]]))
        .collect()
}

/// Adds the sentence at `offset`, split before an opening quote glued to
/// the stop before it.
fn split_glued(pieces: &mut Vec<Span>, offset: usize, sentence: &str) {
    let mut start = offset;
    // Every glued joint has a stop with no space after it; most sentences
    // have none, and are not searched.
    let bytes = sentence.as_bytes();
    let stop_before_text = memchr::memchr3_iter(b'.', b'!', b'?', bytes).any(|at| {
        bytes
            .get(at + 1)
            .is_some_and(|next| !next.is_ascii_whitespace())
    });
    if !stop_before_text {
        pieces.push(Span::new(offset, offset + sentence.len()));
        return;
    }
    for glued in GLUED.captures_iter(sentence) {
        let split = offset + glued.get(1).expect("group 1 always participates").start();
        pieces.push(Span::new(start, split));
        start = split;
    }
    pieces.push(Span::new(start, offset + sentence.len()));
}

/// Characters without a letter among them after which a text is cut
/// before sentence segmentation. UAX #29 looks past a full stop through
/// every following character that is not a letter to decide whether a
/// lower-case word continues the sentence, so a long run of them (30 KB of
/// spaces left where a page's markup was) costs time growing with its
/// square. No sentence holds such a run; a cut inside one bounds the look.
const NON_LETTER_RUN: usize = 64;

/// `text` in chunks, each with its offset, that hold no run of more than
/// [`NON_LETTER_RUN`] characters without a letter.
fn bounded_chunks(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut cuts = if text.is_ascii() {
        // Most paragraphs: every byte a character, told without decoding.
        letterless_run_ends(
            text.bytes()
                .enumerate()
                .map(|(at, byte)| (byte.is_ascii_alphabetic(), at + 1)),
        )
    } else {
        letterless_run_ends(
            text.char_indices()
                .map(|(at, character)| (character.is_alphabetic(), at + character.len_utf8())),
        )
    };
    cuts.insert(0, 0);
    cuts.push(text.len());
    cuts.dedup();
    (1..cuts.len()).map(move |index| (cuts[index - 1], &text[cuts[index - 1]..cuts[index]]))
}

/// Where each run of [`NON_LETTER_RUN`] characters without a letter ends,
/// from each character's letterhood and end offset.
fn letterless_run_ends(characters: impl Iterator<Item = (bool, usize)>) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut run = 0;
    for (letter, end) in characters {
        if letter {
            run = 0;
        } else {
            run += 1;
            if run == NON_LETTER_RUN {
                ends.push(end);
                run = 0;
            }
        }
    }
    ends
}

/// Whether the stop that ends `previous` opens a word of `next` instead of
/// ending a sentence: a space before it and none after, as in a ticker
/// ("the Nasdaq Composite Index .IXIC rose") or a file type (".pdf").
fn opens_a_token(text: &str, previous: Span, next: Span) -> bool {
    let before = &text[previous.start..previous.end];
    previous.end == next.start
        && before.ends_with('.')
        && before[..before.len() - 1].ends_with(char::is_whitespace)
        && text[next.start..].starts_with(char::is_alphanumeric)
}

/// Whether `next` continues the sentence `previous`, which UAX #29 ended at
/// an abbreviation or an initial.
fn continues_after(previous: &str, next: &str) -> bool {
    let Some(word) = last_word(previous) else {
        return false;
    };
    let next_word: String = next
        .trim_start_matches(|character: char| !character.is_alphanumeric())
        .chars()
        .take_while(|character| character.is_alphanumeric())
        .collect();
    let next_starts_with_digit =
        next_word.starts_with(|character: char| character.is_ascii_digit());
    let lower = word.to_lowercase();
    if ABBREVIATIONS.binary_search(&lower.as_str()).is_ok() {
        return true;
    }
    let is_initialism =
        word.contains('.') || (word.chars().count() == 1 && word.chars().all(char::is_uppercase));
    if is_initialism {
        let opener = SENTENCE_OPENERS
            .binary_search(&next_word.to_lowercase().as_str())
            .is_ok();
        return next_starts_with_digit || !opener;
    }
    false
}

/// Whether a line ends the way a sentence does (a stop, or a stop inside a
/// closing quote or bracket).
#[must_use]
pub fn ends_sentence(line: &str) -> bool {
    let trimmed = line.trim_end_matches(['"', '”', '’', '\'', ')', ']', '»', '」', '』', '）']);
    trimmed.ends_with(['.', '!', '?', '…', '。', '！', '？'])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cuts the crate's UAX #29 segmenter makes, for comparison.
    fn by_the_tables(text: &str) -> Vec<(usize, &str)> {
        text.split_sentence_bound_indices().collect()
    }

    #[test]
    fn ascii_text_is_cut_as_unicode_tables_cut_it() {
        // Every ASCII character in each place where a class changes the
        // outcome: before and after a stop, after its closing marks and
        // spaces, and where rule SB8 looks for a lower-case letter.
        let contexts = [
            "Ab{}Cd",
            "ab.{}Cd",
            "ab.{}cd",
            "ab. {}Cd",
            "ab. {}cd",
            "A.{}B",
            "a.{}b",
            "x?{}y",
            "x!{} Y",
            "x.){} Y",
            "x. ){}y",
            "x. 1{}2 y",
            "{}. Next",
            "end.{}",
            "Q. {}",
            "U.S.{}Army",
            "a.\"{}\" b",
            "Hi.{}\r\nYo",
        ];
        for byte in 0_u8..128 {
            let character = char::from(byte).to_string();
            for context in contexts {
                let text = context.replace("{}", &character);
                assert_eq!(
                    ascii_sentence_bounds(&text),
                    by_the_tables(&text),
                    "{text:?}"
                );
            }
        }
        // Random text over the characters that matter, with the others
        // standing in for each class.
        let alphabet: Vec<char> = "aaazzAAZZ0 9...!!??  \"\"')(][,-:;\r\n\t\u{b}\u{c}x_#%"
            .chars()
            .collect();
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut draw = |limit: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            usize::try_from(state % limit as u64).unwrap()
        };
        for _ in 0..300_000 {
            let length = draw(24);
            let text: String = (0..length)
                .map(|_| alphabet[draw(alphabet.len())])
                .collect();
            assert_eq!(
                ascii_sentence_bounds(&text),
                by_the_tables(&text),
                "{text:?}"
            );
        }
    }

    /// Issue 21: the scan that replaced the pattern captures what the
    /// pattern captured, on words, initials, numbers, other scripts and
    /// the shapes that match neither.
    #[test]
    fn the_last_word_is_what_the_pattern_captured() {
        let pattern = Regex::new(r"(?:^|[^\w.])((?:\w\.)+\w?|\w+)\.$").unwrap();
        let cases = [
            "Gen.",
            "He met Gen.",
            "the U.S.",
            "the U.S",
            "U.S.A.",
            "in Washington D.C.",
            "J.",
            "by J. R.",
            "x .",
            ".",
            "",
            "no stop",
            "a..b.",
            "ab.c.",
            "(Reuters.",
            "see p. 4.",
            "No. 5.",
            "version 2.0.",
            "Москва г.",
            "в 2021 г.",
            "東京.",
            "café.",
            "cafe\u{301}.",
            "snake_case.",
            "x\u{200d}y.",
            "“Mr.",
            "it’s.",
            "e.g.",
            "the e.g.",
            "ends with space. ",
            "A.B.C",
            "3.",
            "1.5.",
            "a.b.c.d.",
        ];
        for case in cases {
            let expected = pattern
                .captures(case)
                .and_then(|captures| captures.get(1))
                .map(|found| found.as_str());
            assert_eq!(last_word(case), expected, "{case:?}");
        }
    }

    fn split(text: &str) -> Vec<&str> {
        sentences(text, Span::new(0, text.len()))
            .into_iter()
            .map(|span| &text[span.start..span.end])
            .collect()
    }

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        assert!(ABBREVIATIONS.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(SENTENCE_OPENERS.windows(2).all(|pair| pair[0] < pair[1]));
    }

    /// Issue 16: a stop that opens a token is not the end of a sentence,
    /// and punctuation left alone after a break belongs to the sentence
    /// before it.
    #[test]
    fn tickers_and_stray_quotes_stay_in_their_sentence() {
        assert_eq!(
            split("The Nasdaq Composite Index .IXIC dipped 8.59 points . It closed lower ."),
            [
                "The Nasdaq Composite Index .IXIC dipped 8.59 points .",
                "It closed lower ."
            ]
        );
        assert_eq!(
            split("She told Murray , \" the air is going down fast ! \""),
            ["She told Murray , \" the air is going down fast ! \""]
        );
    }

    /// Issue 19: a full stop before 30,000 spaces (markup taken out of a
    /// page) took seconds to segment, growing with the square of the run;
    /// the sentences are the same as with a short run.
    #[test]
    fn a_long_run_without_letters_is_segmented_in_linear_time() {
        let long = format!(
            "Talks resumed. {}and went on. Then {}9. Done.",
            " ".repeat(30_000),
            "7 ".repeat(20_000)
        );
        let short = "Talks resumed. and went on. Then 9. Done.";
        let words = |text: &str| -> Vec<String> {
            split(text)
                .iter()
                .map(|sentence| sentence.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect()
        };
        let long_words = words(&long);
        assert_eq!(
            words(short),
            ["Talks resumed. and went on.", "Then 9.", "Done."]
        );
        assert_eq!(long_words.len(), 3);
        assert_eq!(long_words[0], "Talks resumed. and went on.");
        assert!(long_words[1].starts_with("Then 7 7 7") && long_words[1].ends_with("7 9."));
        assert_eq!(long_words[2], "Done.");
    }

    #[test]
    fn plain_sentences() {
        assert_eq!(
            split("The talks began. They ended late! Did they agree?"),
            ["The talks began.", "They ended late!", "Did they agree?"]
        );
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        assert_eq!(
            split("On Dec. 15, Yury Ushakov spoke. Mr. Smith and J. R. Jones agreed."),
            [
                "On Dec. 15, Yury Ushakov spoke.",
                "Mr. Smith and J. R. Jones agreed."
            ]
        );
        assert_eq!(
            split("He met the U.S. President Joe Biden. The U.N. agreed."),
            ["He met the U.S. President Joe Biden.", "The U.N. agreed."]
        );
    }

    #[test]
    fn an_initialism_can_still_end_a_sentence() {
        assert_eq!(
            split("Talks were held in the U.S. The next round is in Geneva."),
            [
                "Talks were held in the U.S.",
                "The next round is in Geneva."
            ]
        );
    }

    #[test]
    fn decimals_and_addresses_stay_whole() {
        assert_eq!(
            split("Prices rose 2.5 percent, said example.com on Friday. Then fell."),
            [
                "Prices rose 2.5 percent, said example.com on Friday.",
                "Then fell."
            ]
        );
    }

    #[test]
    fn glued_sentences_are_split_before_the_opening_quote() {
        assert_eq!(
            split("sources as saying.“While US officials stayed, he said.Meanwhile it rained."),
            [
                "sources as saying.",
                "“While US officials stayed, he said.",
                "Meanwhile it rained."
            ]
        );
    }

    #[test]
    fn closing_quote_stays_with_its_sentence() {
        assert_eq!(
            split("“It’s very dangerous.”Grushko left. “Yes,” he said."),
            ["“It’s very dangerous.”", "Grushko left.", "“Yes,” he said."]
        );
    }

    #[test]
    fn wrapped_lines_form_one_sentence_with_original_offsets() {
        let text = "x\nThe EU wants a role in\nthe upcoming talks. Next one.";
        let spans = sentences(text, Span::new(2, text.len()));
        assert_eq!(spans.len(), 2);
        assert_eq!(
            &text[spans[0].start..spans[0].end],
            "The EU wants a role in\nthe upcoming talks."
        );
        assert_eq!(&text[spans[1].start..spans[1].end], "Next one.");
    }
}
