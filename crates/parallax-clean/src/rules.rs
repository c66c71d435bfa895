//! Line rules: shapes of page furniture that recur across news sites.
//!
//! Each rule names what it found in words a reader understands; that name is
//! the segment's reason.

use parallax_core::{SegmentKind, ends_sentence};
use regex::Regex;
use std::sync::LazyLock;

macro_rules! pattern {
    ($name:ident, $source:expr) => {
        static $name: LazyLock<Regex> = LazyLock::new(|| Regex::new($source).expect("valid regex"));
    };
}

pattern!(URL, r"^https?://\S+$");
pattern!(
    IMAGE_URL_PREFIX,
    r"(?i)^https?://\S+?\.(?:jpe?g|png|gif|webp|svg|avif)"
);
pattern!(
    IMAGE_URL,
    r"(?i)(\.(jpe?g|png|gif|webp|svg|avif)(\?\S*)?$)|/img/"
);
pattern!(EMAIL, r"^[\w.+-]+@[\w-]+(\.[\w-]+)+$");
pattern!(PHONE, r"^\+?[\d\s().-]{7,20}$");
pattern!(
    DATE_STAMP,
    r"(?i)^(?:\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{4})(?:,?\s+(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm)?\s*(?:gmt|utc|[a-z]{2,4}t)?)?$"
);
// A date, optionally after a weekday, then a separator and a few words:
// "Saturday 9 March 2024 – Staff and agencies", "March 9, 2024 | By J. Doe".
pattern!(
    DATED_BYLINE,
    r"(?i)^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(?:\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4})\s*(?:[–—|·-]\s*[^.!?]{0,60})?$"
);
pattern!(
    ISO_TIMESTAMP,
    r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT)?$"
);
pattern!(YEAR, r"^(?:19|20)\d{2}$");
pattern!(LOCALE, r"^[a-z]{2}[_-][A-Za-z]{2}$");
pattern!(
    TAG_LIST,
    r"^[\p{Ll}\d][\p{Ll}\d ()&'’-]*(?:,\s*[\p{Ll}\d][\p{Ll}\d ()&'’-]*)+$"
);
pattern!(
    COOKIE,
    r"(?i)\bcookies?\b.*\b(accept|consent|opt[- ]out|experience|privacy|agree)"
);
pattern!(
    DISCLAIMER,
    r"(?i)(not (?:all|necessarily)\b.*\b(?:express|reflect)\w*\b.*\b(?:views?|opinions?)\b)|(\btranslat\w*\b.*\b(?:automatic\w*|programmatic\w*|machine)\b)|(\b(?:automatic\w*|programmatic\w*|machine)\b.*\btranslat\w*\b)"
);
pattern!(
    BACK_TO_TOP,
    r"(?i)^(?:back|go|return|scroll)\s+to\s+(?:the\s+)?top(?:\s+button)?$"
);
// The prompt alone ("Share this:") or followed by the networks' names, as a
// page's share buttons read once their icons are gone: "Share this: X
// Facebook", "Follow us on Telegram | VK".
pattern!(
    SHARE_BAR,
    r"(?i)^(?:share(?: this(?: article| story)?)?(?: on)?|follow us(?: on)?|subscribe|sign up|newsletter|read more|related(?: articles| news)?|advertisement)[:.!]?(?:\s*[,|·•/]?\s*(?:x|twitter|facebook|whatsapp|telegram|linkedin|reddit|vk|email|e-mail|messenger|pinterest|copy link|print))*$"
);

/// A rule's verdict on one whole line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub kind: SegmentKind,
    pub reason: &'static str,
}

#[allow(
    clippy::unnecessary_wraps,
    reason = "each rule in classify_line returns its verdict in one expression"
)]
const fn verdict(kind: SegmentKind, reason: &'static str) -> Option<Verdict> {
    Some(Verdict { kind, reason })
}

/// Classifies a whole trimmed line by its shape alone, or `None` when the
/// line may be story text.
#[must_use]
pub fn classify_line(line: &str) -> Option<Verdict> {
    use SegmentKind::{Boilerplate, Metadata};
    // Each rule first asks a question of the bytes that every line it can
    // match answers yes (a cheap superset of its pattern), so that most
    // lines of prose never run a pattern, and a run over a few short
    // lines never compiles one.
    if line.starts_with("http") && URL.is_match(line) {
        return if IMAGE_URL.is_match(line) {
            verdict(Metadata, "image URL")
        } else {
            verdict(Metadata, "link URL")
        };
    }
    if line.contains('@') && EMAIL.is_match(line) {
        return verdict(Metadata, "e-mail address");
    }
    // ASCII digits are single bytes in UTF-8 and no other character's
    // bytes: counted over bytes, without decoding characters.
    if line.bytes().filter(u8::is_ascii_digit).count() >= 7 && PHONE.is_match(line) {
        return verdict(Metadata, "phone number");
    }
    let opens_with_digit = line.starts_with(char::is_numeric);
    if opens_with_digit && ISO_TIMESTAMP.is_match(line) {
        return verdict(Metadata, "timestamp");
    }
    // The numeric characters of ASCII are its digits.
    let ascii = line.is_ascii();
    let has_digit = opens_with_digit
        || if ascii {
            line.bytes().any(|byte| byte.is_ascii_digit())
        } else {
            line.contains(char::is_numeric)
        };
    // Every date stamp opens with a digit or a month's name; one that
    // opens with a letter outside ASCII may still fold to one.
    let opens_like_a_date = opens_with_digit
        || line.starts_with(|first: char| !first.is_ascii() || "jfmasondJFMASOND".contains(first));
    if has_digit && opens_like_a_date && DATE_STAMP.is_match(line) {
        return verdict(
            Metadata,
            "date stamp on a line of its own (a related article's or the page's)",
        );
    }
    if has_digit && DATED_BYLINE.is_match(line) {
        return verdict(Metadata, "date line (the page's date and byline)");
    }
    if (line.starts_with("19") || line.starts_with("20")) && YEAR.is_match(line) {
        return verdict(
            Metadata,
            "a year on a line of its own (copyright or date furniture)",
        );
    }
    if line.len() == 5 && LOCALE.is_match(line) {
        return verdict(Metadata, "locale code");
    }
    if line.contains(',') && is_tag_list(line) {
        return verdict(Metadata, "tag list");
    }
    // The words below are matched without regard to case: in a line of
    // ASCII only ASCII letters can match them, so a line without the word
    // in any ASCII case cannot; other lines go straight to the pattern.
    let held = if ascii { words_held(line) } else { u8::MAX };
    let may_hold = |word: GateWord| held & (1 << word as u8) != 0;
    if may_hold(GateWord::Cookie) && COOKIE.is_match(line) {
        return verdict(Boilerplate, "cookie banner");
    }
    if (may_hold(GateWord::Translat) || may_hold(GateWord::Not)) && DISCLAIMER.is_match(line) {
        return verdict(Boilerplate, "disclaimer about the site's editorial process");
    }
    if may_hold(GateWord::Top) && BACK_TO_TOP.is_match(line) {
        return verdict(Boilerplate, "back-to-top link");
    }
    let opens_a_prompt = !ascii
        || [
            "share",
            "follow us",
            "subscribe",
            "sign up",
            "newsletter",
            "read more",
            "related",
            "advertisement",
        ]
        .iter()
        .any(|prompt| starts_with_ignoring_ascii_case(line, prompt));
    if opens_a_prompt && SHARE_BAR.is_match(line) {
        return verdict(Boilerplate, "sharing or subscription prompt");
    }
    if !ends_sentence(line) && is_glued_navigation(line) {
        return verdict(Boilerplate, "navigation links run together");
    }
    // Four words at most, counted only that far.
    if line.split_whitespace().nth(4).is_none()
        && !line.chars().any(char::is_uppercase)
        && !ends_sentence(line)
        // Scripts without case (Chinese, Japanese, Arabic…) have no
        // lower-case labels to tell apart from prose.
        && line.chars().any(char::is_lowercase)
    {
        return verdict(Metadata, "tag (a short lower-case label)");
    }
    None
}

/// Whether `line` opens with `prefix` (ASCII) in any mix of ASCII case.
fn starts_with_ignoring_ascii_case(line: &str, prefix: &str) -> bool {
    line.as_bytes()
        .get(..prefix.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// Words some patterns cannot match without, in the order of
/// [`GATE_WORD_TEXTS`].
#[derive(Debug, Clone, Copy)]
enum GateWord {
    Cookie,
    Translat,
    Not,
    Top,
}

/// The words of [`GateWord`], in its order, as a lower-cased line holds
/// them.
const GATE_WORD_TEXTS: [&str; 4] = ["cookie", "translat", "not", "top"];

/// A searcher for each of [`GATE_WORD_TEXTS`], made once.
static GATE_WORDS: LazyLock<[memchr::memmem::Finder<'static>; 4]> =
    LazyLock::new(|| GATE_WORD_TEXTS.map(memchr::memmem::Finder::new));

/// Which [`GateWord`]s `line` holds in any mix of ASCII case, one bit
/// each. Each word is looked for in the line lower-cased, by a search that
/// reads many bytes at a time: an automaton stepping through every line of
/// prose byte by byte took about a percent of a corpus run.
fn words_held(line: &str) -> u8 {
    let lowered = line.to_ascii_lowercase();
    GATE_WORDS
        .iter()
        .enumerate()
        .fold(0, |held, (bit, finder)| {
            if finder.find(lowered.as_bytes()).is_some() {
                held | 1 << bit
            } else {
                held
            }
        })
}

/// Navigation links printed without spaces: at least two joints, and at
/// least one joint per four words (a sentence that names a `MacBook` twice
/// is not navigation).
fn is_glued_navigation(line: &str) -> bool {
    let joints = glued_word_joints(line);
    joints >= 2 && joints * 4 >= line.split_whitespace().count()
}

/// How many times a capitalised word runs straight into the next one
/// (`EuropeFranceMiddle East` has two joints). Only words that start with a
/// capital count, so camel-case brands ("iPhone", "eBay") and text in
/// scripts without case never do.
fn glued_word_joints(line: &str) -> usize {
    line.split_whitespace()
        .filter(|word| word.starts_with(char::is_uppercase))
        .map(|word| {
            // A word of ASCII is looked at byte by byte: its bytes are its
            // characters, and its only cased ones are ASCII letters.
            if word.is_ascii() {
                return word
                    .as_bytes()
                    .windows(3)
                    .filter(|window| {
                        window[0].is_ascii_lowercase()
                            && window[1].is_ascii_uppercase()
                            && window[2].is_ascii_lowercase()
                    })
                    .count();
            }
            let characters: Vec<char> = word.chars().collect();
            characters
                .windows(3)
                .filter(|window| {
                    window[0].is_lowercase() && window[1].is_uppercase() && window[2].is_lowercase()
                })
                .count()
        })
        .sum()
}

/// The length of an image URL glued to the text after it
/// ("…/photo.jpgSputnik International"), if the line starts with one.
#[must_use]
pub fn glued_image_url(line: &str) -> Option<usize> {
    if !starts_with_ignoring_ascii_case(line, "http") {
        return None;
    }
    IMAGE_URL_PREFIX
        .find(line)
        .map(|found| found.end())
        .filter(|&end| end < line.len())
}

/// The most words one tag has ("talks on security guarantees").
const TAG_MAX_WORDS: usize = 4;

/// Whether a line is a list of tags: lower-case items separated by commas,
/// none longer than [`TAG_MAX_WORDS`] ("elections, germany, bundestag"). A
/// wrapped line of prose in lower case has the same shape but a longer
/// item somewhere ("the modern trombone, which is still largely built to
/// the same principles") and is not one. A line of prose that is nothing
/// but a list of short nouns still passes for tags.
fn is_tag_list(line: &str) -> bool {
    // Tags open in lower case or with a digit and hold no capital.
    line.starts_with(|first: char| first.is_lowercase() || first.is_numeric())
        && !line.contains(char::is_uppercase)
        && TAG_LIST.is_match(line)
        && line
            .split(',')
            .all(|item| item.split_whitespace().count() <= TAG_MAX_WORDS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(line: &str) -> Option<&'static str> {
        classify_line(line).map(|verdict| verdict.reason)
    }

    #[test]
    fn gate_words_are_found_in_any_case_even_where_they_overlap() {
        // Issue 21: each bit as a plain search of the lower-cased line
        // sets it, on words that share letters ("noTOP", "cookienot").
        for line in [
            "Accept COOKIES to continue",
            "Translated by our newsroom; this is not an endorsement",
            "noTOP",
            "cookienot",
            "Back to Top",
            "A line of prose about nothing in particular.",
            "",
            "TRANSLATION",
        ] {
            let lowered = line.to_lowercase();
            let expected = GATE_WORD_TEXTS
                .iter()
                .enumerate()
                .filter(|(_, word)| lowered.contains(*word))
                .fold(0_u8, |held, (bit, _)| held | 1 << bit);
            assert_eq!(words_held(line), expected, "{line:?}");
        }
    }

    #[test]
    fn furniture_from_many_sites() {
        assert_eq!(
            reason("https://example.com/news/2024/story.html"),
            Some("link URL")
        );
        assert_eq!(
            reason("https://cdn.example.com/img/1.jpg?w=800"),
            Some("image URL")
        );
        assert_eq!(reason("newsdesk@example.co.uk"), Some("e-mail address"));
        assert_eq!(reason("+1 (202) 555-0143"), Some("phone number"));
        assert_eq!(reason("2024-03-01T10:00:00Z"), Some("timestamp"));
        assert!(
            reason("3 March 2024, 14:05 GMT")
                .unwrap()
                .starts_with("date stamp")
        );
        assert!(
            reason("March 3, 2024 at 2:05 pm EST")
                .unwrap()
                .starts_with("date stamp")
        );
        assert_eq!(reason("fr_FR"), Some("locale code"));
        assert_eq!(reason("elections, germany, bundestag"), Some("tag list"));
        for tags in [
            "restaurant, value, great service, best reuben around, good drinks",
            "russia, us, nato, talks on security guarantees, eu",
        ] {
            assert_eq!(reason(tags), Some("tag list"), "{tags}");
        }
        // Issue 16: lines of wrapped prose in lower case are not tag lists.
        for prose in [
            "the modern contrabass trombone, which is still largely constructed according to",
            "baritone, with a narrower, more bore, has a lighter, brighter sound than a euphonium",
        ] {
            assert_eq!(reason(prose), None, "{prose}");
        }
        assert_eq!(
            reason("We use cookies to give you the best experience. Accept all"),
            Some("cookie banner")
        );
        assert_eq!(reason("Back to top"), Some("back-to-top link"));
        assert_eq!(
            reason("HomeWorldBusinessSport"),
            Some("navigation links run together")
        );
        assert_eq!(reason("climate"), Some("tag (a short lower-case label)"));
        for dated in [
            "Saturday 9 March 2024 – Staff and agencies",
            "March 9, 2024 | By Jane Doe",
            "Tue, 12 Nov 2019",
        ] {
            assert_eq!(
                reason(dated),
                Some("date line (the page's date and byline)"),
                "{dated}"
            );
        }
        // A sentence that opens with a date is story text.
        assert_eq!(
            reason("9 March 2024 - the day the strike ended. Nobody expected it."),
            None
        );
        // Scripts without case have no lower-case labels, and a camel-case
        // brand is not navigation.
        assert_eq!(reason("商標権侵害と判断される場合があります"), None);
        assert_eq!(
            reason("The new iPhone and the older iPhone sold well in Europe this spring"),
            None
        );
        assert_eq!(
            reason(
                "Opinions expressed by contributors do not necessarily reflect the views of this outlet."
            ),
            Some("disclaimer about the site's editorial process")
        );
        for share in [
            "Share this: X Facebook",
            "Share this article: WhatsApp, Telegram, Email",
            "Follow us on Telegram | VK",
            "Share",
        ] {
            assert_eq!(
                reason(share),
                Some("sharing or subscription prompt"),
                "{share}"
            );
        }
        // Prose that names a network is story text.
        assert_eq!(reason("Share prices fell on Facebook news."), None);
        assert_eq!(reason("Follow us on the road to Geneva."), None);
    }

    #[test]
    fn story_text_passes() {
        for line in [
            "The minister said talks would resume in March 2024.",
            "Fundamental differences",
            "MOSCOW, December 19. /TASS/. The talks began.",
            "“It’s very dangerous,” he said.",
            "iPhone sales rose.",
            "2,500 people attended.",
        ] {
            assert_eq!(classify_line(line), None, "{line}");
        }
    }

    /// Issue 21: a word of ASCII is looked at byte by byte; it has the
    /// joints it has looked at character by character.
    #[test]
    fn glued_words_are_counted_alike_in_ascii_and_beyond() {
        assert_eq!(glued_word_joints("HomeWorldBusinessSport"), 3);
        assert_eq!(glued_word_joints("EuropeFranceMiddle East"), 2);
        assert_eq!(glued_word_joints("iPhone eBay McDonald"), 1);
        // The same words with one letter beyond ASCII take the other path.
        assert_eq!(glued_word_joints("HomeWörldBusinessSport"), 3);
        assert_eq!(glued_word_joints("ÉuropeFranceMiddle East"), 2);
        assert_eq!(glued_word_joints("ÀbcDef"), 1);
    }

    #[test]
    fn glued_image_urls_are_cut_at_the_extension() {
        assert_eq!(glued_image_url("https://x.org/a/b.jpgSite Name"), Some(21));
        assert_eq!(glued_image_url("https://x.org/a/b.jpg"), None);
    }
}
