//! Reading metadata from a document's own text: headline, article URL,
//! timestamps, dateline, outlet and language.
//!
//! Each value is taken from a line shape that news pages share (a lone URL
//! line, an ISO timestamp line, a wire dateline, a headline with the site name
//! after a dash), not from any one outlet's layout.

use crate::mark;
use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat};
use parallax_core::{Document, Evidence, Found, Metadata, Provenance, Span, lines};
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// Only the top of a page is searched for a headline.
const TITLE_SEARCH_LINES: usize = 15;
const TITLE_MIN_WORDS: usize = 4;
const TITLE_MAX_WORDS: usize = 30;
/// A share of English function words this high among the tokens means the
/// text is English; real English prose sits around 0.4–0.5.
const ENGLISH_STOPWORD_SHARE: f64 = 0.25;
const ENGLISH_MIN_TOKENS: usize = 20;

static URL_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^https?://[^\s/]+[^\s]*$").expect("valid regex"));
static IMAGE_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(\.(jpe?g|png|gif|webp|svg|avif)(\?\S*)?$)|/img/").expect("valid regex")
});
static ISO_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?\s*(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT)?$")
        .expect("valid regex")
});
/// "15:28 GMT 05.01.2022 (Updated: 17:14 GMT 12.04.2023)" at the start of a
/// line: day.month.year, as European sites print it.
static STAMP_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(\d{1,2}):(\d{2}) (?:GMT|UTC) (\d{2})\.(\d{2})\.(\d{4})(?: \(Updated: (\d{1,2}):(\d{2}) (?:GMT|UTC) (\d{2})\.(\d{2})\.(\d{4})\))?",
    )
    .expect("valid regex")
});
/// A wire dateline: "MOSCOW, December 19. /TASS/.", "MOSCOW (AA) –",
/// "LONDON, Jan 5 (Reuters) -", "OSLO (Northern Wire) -", "WASHINGTON —",
/// and with the day first, as British and Russian wires write it:
/// "LONDON, 5 January (PA) -", "МОСКВА, 3 июня. /ТАСС/.".
/// An agency of several words needs the dash: "NATO (the alliance) said"
/// opens no dateline.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<place>\p{Lu}[\p{Lu}.'’-]+(?:[ -]\p{Lu}[\p{Lu}.'’-]+)*)(?:,\s*(?P<date>\p{Lu}\p{Ll}+\.?\s+\d{1,2}|\d{1,2}\s+\p{L}+\.?))?(?:\.?\s*/(?P<slashed>[\p{L}-]+)/\.?|\s*\((?P<bracketed>[\p{L}-]+)\)\s*[–—-]?|\s*\((?P<named>[\p{L}-]+(?: [\p{L}-]+){1,3})\)\s*[–—-]|\s+[–—])",
    )
    .expect("valid regex")
});
/// Navigation links printed without spaces: `EuropeFranceMiddle East`.
static GLUED_WORDS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\p{Ll}\p{Lu}\p{Ll}").expect("valid regex"));

/// Wire agencies that sign datelines with an abbreviation.
const AGENCIES: &[(&str, &str)] = &[
    ("AA", "Anadolu Agency"),
    ("AFP", "Agence France-Presse"),
    ("AP", "Associated Press"),
    ("DPA", "dpa"),
    ("IANS", "Indo-Asian News Service"),
    ("PTI", "Press Trust of India"),
    ("UPI", "United Press International"),
];

/// Reads what metadata the text itself carries, and where.
#[must_use]
pub fn sniff(text: &str) -> (Metadata, Vec<Found>) {
    let mut metadata = Metadata::default();
    let mut found = Vec::new();
    let lines = lines(text);
    let mut title_suffix = None;
    let mut timestamps: Vec<String> = Vec::new();

    for (number, &line) in lines.iter().enumerate() {
        let span = line.trim(text);
        if span.is_empty() {
            continue;
        }
        let content = &text[span.start..span.end];
        // Each pattern is tried only on lines that open as its matches do,
        // so that lines of prose never run one.
        if is_url_line(content) {
            if metadata.url.is_none() && !IMAGE_URL.is_match(content) {
                metadata.url = Some(content.to_owned());
                found.push(Found {
                    span,
                    evidence: Evidence::Url,
                    what: "article URL".to_owned(),
                });
            }
            continue;
        }
        let opens_with_digit = content.starts_with(char::is_numeric);
        if opens_with_digit && ISO_LINE.is_match(content) {
            if let Some(iso) = normalize_iso(content) {
                found.push(Found {
                    span,
                    evidence: Evidence::Timestamp,
                    what: if timestamps.is_empty() {
                        "publication time".to_owned()
                    } else {
                        "page timestamp".to_owned()
                    },
                });
                timestamps.push(iso);
            }
            continue;
        }
        if let Some(stamp) = opens_with_digit
            .then(|| STAMP_PREFIX.captures(content))
            .flatten()
        {
            let whole = stamp.get(0).expect("group 0 always participates");
            let published = day_month_year(&stamp, 1);
            let modified = day_month_year(&stamp, 6);
            if let Some(published) = published {
                timestamps.insert(0, published);
                if let Some(modified) = modified {
                    timestamps.push(modified);
                }
                found.push(Found {
                    span: Span::new(span.start, span.start + whole.end()),
                    evidence: Evidence::Timestamp,
                    what: "publication and update times".to_owned(),
                });
            }
            continue;
        }
        if metadata.place.is_none()
            && opens_like_a_dateline(content)
            && let Some(dateline) = DATELINE.captures(content)
        {
            let whole = dateline.get(0).expect("group 0 always participates");
            // A dateline opens a paragraph of prose; a lone capitalised word
            // ("NATO —" in a list) is not one.
            let rest = content[whole.end()..].trim_start();
            if rest.split_whitespace().count() >= 3 {
                metadata.place = dateline
                    .name("place")
                    .map(|place| place.as_str().to_owned());
                mark(&mut metadata, "place", Provenance::Sniffed);
                let agency = dateline
                    .name("slashed")
                    .or_else(|| dateline.name("bracketed"))
                    .or_else(|| dateline.name("named"))
                    .map(|agency| agency.as_str());
                if let Some(agency) = agency {
                    metadata.outlet = Some(expand_agency(agency));
                    mark(&mut metadata, "outlet", Provenance::Sniffed);
                }
                found.push(Found {
                    span: Span::new(span.start, span.start + whole.as_str().trim_end().len()),
                    evidence: Evidence::Dateline,
                    what: "dateline".to_owned(),
                });
                continue;
            }
        }
        if metadata.title.is_none() && number < TITLE_SEARCH_LINES && is_headline(content) {
            let (title, suffix) = match title_and_suffix(content) {
                Some((title, site)) if is_site_name(site) => {
                    (title.to_owned(), Some(site.trim().to_owned()))
                }
                _ => (content.to_owned(), None),
            };
            metadata.title = Some(title);
            mark(&mut metadata, "title", Provenance::Sniffed);
            title_suffix = suffix;
            found.push(Found {
                span,
                evidence: Evidence::Title,
                what: "headline".to_owned(),
            });
        }
    }

    if let Some(published) = timestamps.first() {
        metadata.published = Some(published.clone());
        mark(&mut metadata, "published", Provenance::Sniffed);
    }
    if let Some(modified) = timestamps
        .iter()
        .skip(1)
        .max()
        .filter(|&latest| Some(latest) != timestamps.first())
    {
        metadata.modified = Some(modified.clone());
        mark(&mut metadata, "modified", Provenance::Sniffed);
    }
    if metadata.outlet.is_none() {
        metadata.outlet = title_suffix
            .or_else(|| site_name_line(text, &lines, metadata.url.as_deref()))
            .or_else(|| metadata.url.as_deref().and_then(host_of));
        if metadata.outlet.is_some() {
            mark(&mut metadata, "outlet", Provenance::Sniffed);
        }
    }
    if metadata.author.is_none()
        && let Some(author) = byline(text, &lines, metadata.outlet.as_deref())
    {
        metadata.author = Some(author);
        mark(&mut metadata, "author", Provenance::Sniffed);
    }
    metadata.tags = tags(text, &lines);
    if !metadata.tags.is_empty() {
        mark(&mut metadata, "tags", Provenance::Sniffed);
    }
    if is_english(text) {
        metadata.language = Some("en".to_owned());
        mark(&mut metadata, "language", Provenance::Sniffed);
    }
    (metadata, found)
}

/// Looks for the headline again, passing over lines `skip` rejects (page
/// furniture learnt from the other documents of a run, such as a site's
/// tagline), when the headline sniffed before is such a line. A title given
/// by a manifest, the page's markup or a record is kept.
pub fn retitle(document: &mut Document, skip: impl Fn(&str) -> bool) {
    if document.metadata.title.is_some()
        && document.metadata.provenance.get("title") != Some(&Provenance::Sniffed)
    {
        return;
    }
    let text = document.text.as_str();
    let Some(current) = document
        .found
        .iter()
        .position(|found| found.evidence == Evidence::Title)
    else {
        return;
    };
    if !skip(&text[document.found[current].span.start..document.found[current].span.end]) {
        return;
    }
    document.found.remove(current);
    document.metadata.title = None;
    document.metadata.provenance.remove("title");
    let mut searched = 0;
    for line in lines(text) {
        let span = line.trim(text);
        let content = &text[span.start..span.end];
        if span.is_empty() || skip(content) {
            continue;
        }
        searched += 1;
        if searched > TITLE_SEARCH_LINES {
            break;
        }
        let holds_evidence = document.found.iter().any(|found| span.contains(found.span));
        if holds_evidence || is_url_line(content) || !is_headline(content) {
            continue;
        }
        let title = match title_and_suffix(content) {
            Some((title, site)) if is_site_name(site) => title.to_owned(),
            _ => content.to_owned(),
        };
        document.metadata.title = Some(title);
        mark(&mut document.metadata, "title", Provenance::Sniffed);
        document.found.push(Found {
            span,
            evidence: Evidence::Title,
            what: "headline (the first after the site's furniture)".to_owned(),
        });
        document.found.sort_by_key(|found| found.span.start);
        return;
    }
}

/// A site name after a headline's dash is short and capitalised; "… -
/// diplomat" is the headline's own attribution.
fn is_site_name(site: &str) -> bool {
    // Counted only as far as the bound: a line of prose is long.
    site.split_whitespace().take(7).count() <= 6 && site.starts_with(char::is_uppercase)
}

/// A headline: a handful of words, mixed case, not a sentence that ends in a
/// full stop, not navigation glued together.
fn is_headline(line: &str) -> bool {
    // Counted only as far as the bound: most lines are paragraphs.
    let words = line.split_whitespace().take(TITLE_MAX_WORDS + 1).count();
    if !(TITLE_MIN_WORDS..=TITLE_MAX_WORDS).contains(&words) {
        return false;
    }
    let trimmed = line.trim_end_matches(['"', '”', '’', '\'']);
    if trimmed.ends_with('.') || trimmed.ends_with(':') || trimmed.ends_with(',') {
        return false;
    }
    let has_lower = line.chars().any(char::is_lowercase);
    has_lower && glued_words(line) < 2 && !line.contains('@')
}

/// A line that is one URL.
fn is_url_line(line: &str) -> bool {
    line.starts_with("http") && URL_LINE.is_match(line)
}

/// Whether a line opens as a dateline's place does: a capital, then a
/// capital or a full stop, apostrophe or hyphen.
fn opens_like_a_dateline(line: &str) -> bool {
    let mut characters = line.chars();
    characters.next().is_some_and(char::is_uppercase)
        && characters
            .next()
            .is_some_and(|second| second.is_uppercase() || ".'’-".contains(second))
}

/// A headline split at the dash before a site name ("Key points … – RT
/// Russia & Former Soviet Union"): the headline and the site name, split
/// at the first dash or bar with white space on both sides after which no
/// dash but a hyphen, and no bar, follows. What the pattern
/// `^(?P<title>.+?)\s+[–—|-]\s+(?P<site>[^–—|]+)$` captures, found by one
/// scan of the line: run on every headline, the pattern's backtracking
/// cost more than the rest of reading the headline.
fn title_and_suffix(line: &str) -> Option<(&str, &str)> {
    // The site name holds no dash or bar: the separator is the last of
    // them, or a hyphen after it.
    let last_dash = line.rfind(['–', '—', '|']);
    let first_character = line.chars().next()?.len_utf8();
    for (at, separator) in line.char_indices() {
        if !matches!(separator, '–' | '—' | '|' | '-') {
            continue;
        }
        let allowed = match last_dash {
            Some(last) => at > last || (at == last && separator != '-'),
            None => true,
        };
        if !allowed {
            continue;
        }
        // White space before the separator, after a headline of at least
        // one character.
        let before = &line[..at];
        let title_end = before
            .trim_end_matches(char::is_whitespace)
            .len()
            .max(first_character);
        if title_end >= at {
            continue;
        }
        // White space after it, then at least one more character: the
        // site name is what follows the white space, or its last
        // character when nothing does.
        let after = &line[at + separator.len_utf8()..];
        if !after.starts_with(char::is_whitespace) || after.chars().nth(1).is_none() {
            continue;
        }
        let name = after.trim_start_matches(char::is_whitespace);
        let site = if name.is_empty() {
            let last = after.chars().next_back()?;
            &after[after.len() - last.len_utf8()..]
        } else {
            name
        };
        return Some((&line[..title_end], site));
    }
    None
}

/// How many times a lower-case letter, a capital and a lower-case letter
/// follow each other (`EuropeFranceMiddle`), counted by the pattern only
/// when a lower-case letter is followed by a capital at all.
fn glued_words(line: &str) -> usize {
    let mut characters = line.chars().peekable();
    let mut joint = false;
    while let Some(character) = characters.next() {
        if character.is_lowercase() && characters.peek().is_some_and(|next| next.is_uppercase()) {
            joint = true;
            break;
        }
    }
    if joint {
        GLUED_WORDS.find_iter(line).count()
    } else {
        0
    }
}

fn expand_agency(agency: &str) -> String {
    AGENCIES
        .iter()
        .find(|(abbreviation, _)| abbreviation.eq_ignore_ascii_case(agency))
        .map_or_else(|| agency.to_owned(), |(_, name)| (*name).to_owned())
}

/// A short line repeated on the page that names the site its URL is on
/// ("Sputnik International" on sputnikglobe.com).
fn site_name_line(text: &str, lines: &[Span], url: Option<&str>) -> Option<String> {
    let host = url.and_then(host_of)?.to_lowercase();
    let mut candidates: Vec<&str> = lines
        .iter()
        .map(|line| line.trim(text))
        .filter_map(|span| span.text(text))
        .filter(|line| (1..=4).contains(&line.split_whitespace().take(5).count()))
        .collect();
    candidates.sort_unstable();
    candidates
        .chunk_by(|left, right| left == right)
        .filter(|group| group.len() >= 2)
        .map(|group| group[0])
        .find(|line| {
            line.split_whitespace().any(|word| {
                let word = word.to_lowercase();
                word.chars().count() >= 4 && host.contains(&word)
            })
        })
        .map(str::to_owned)
}

/// "By Jane Doe" on a line of its own.
static BY_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:by)\s+(?P<name>\p{Lu}[\p{L}.'’-]+(?:\s+(?:(?:van|von|der|den|de|da|del|di|du|la|le|al|bin|ibn|dos)\s+)*\p{Lu}[\p{L}.'’-]+){1,3})$")
        .expect("valid regex")
});
/// A person's name: two to four capitalised words ("Jean-Luc", "O’Neill",
/// `McDonald`).
static NAME_LINE: LazyLock<Regex> = LazyLock::new(|| {
    let word = r"\p{Lu}(?:\p{Ll}+(?:\p{Lu}\p{Ll}+)?(?:-\p{Lu}\p{Ll}+)?|['’]\p{Lu}\p{Ll}+)";
    Regex::new(&format!(r"^{word}(?:\s+{word}){{1,3}}$")).expect("valid regex")
});
/// Words in the names of organisations and sites, never of people.
const ORGANISATION_WORDS: &[&str] = &[
    "agency",
    "associated",
    "broadcasting",
    "channel",
    "chronicle",
    "courier",
    "daily",
    "express",
    "gazette",
    "global",
    "group",
    "guardian",
    "herald",
    "international",
    "journal",
    "magazine",
    "media",
    "mirror",
    "network",
    "news",
    "observer",
    "online",
    "post",
    "press",
    "radio",
    "review",
    "service",
    "standard",
    "telegraph",
    "times",
    "today",
    "tribune",
    "world",
];

/// The author: a "By Jane Doe" line, or else a person's name on a line of
/// its own that the page repeats (byline and author card). The second rule
/// needs the outlet's name to be known: a site name repeated in the header
/// and footer looks just like a person's name.
fn byline(text: &str, lines: &[Span], outlet: Option<&str>) -> Option<String> {
    let contents: Vec<&str> = lines
        .iter()
        .filter_map(|line| line.trim(text).text(text))
        .filter(|line| !line.is_empty())
        .collect();
    if let Some(name) = contents.iter().find_map(|line| {
        let opens_with_by = line
            .as_bytes()
            .get(..2)
            .is_some_and(|first| first.eq_ignore_ascii_case(b"by"));
        opens_with_by
            .then(|| BY_LINE.captures(line))
            .flatten()
            .map(|captures| captures["name"].to_owned())
    }) {
        return Some(name);
    }
    let outlet = outlet?;
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for line in &contents {
        *counts.entry(line).or_insert(0) += 1;
    }
    contents
        .iter()
        .find(|line| {
            counts[*line] >= 2
                && line.starts_with(char::is_uppercase)
                && (2..=4).contains(&line.split_whitespace().take(5).count())
                && NAME_LINE.is_match(line)
                && **line != outlet
                && !line
                    .split_whitespace()
                    .any(|word| ORGANISATION_WORDS.contains(&word.to_lowercase().as_str()))
        })
        .map(|line| (*line).to_owned())
}

/// A line that lists tags: at least three short, lower-case items separated
/// by commas ("russia, us, nato, talks on security guarantees, eu").
fn tag_list(line: &str) -> Option<Vec<&str>> {
    let items: Vec<&str> = line.split(',').map(str::trim).collect();
    (items.len() >= 3 && items.iter().all(|item| is_tag(item))).then_some(items)
}

fn is_tag(item: &str) -> bool {
    let words = item.split_whitespace().take(5).count();
    (1..=4).contains(&words)
        && !item.chars().any(char::is_uppercase)
        && item.chars().any(char::is_alphabetic)
        && item
            .chars()
            .all(|character| character.is_alphanumeric() || " -()&'’".contains(character))
}

/// The page's tags: items of tag-list lines, and runs of at least three
/// lines that each hold one short lower-case label. In page order, each
/// once.
fn tags(text: &str, lines: &[Span]) -> Vec<String> {
    let contents: Vec<&str> = lines
        .iter()
        .filter_map(|line| line.trim(text).text(text))
        .filter(|line| !line.is_empty())
        .collect();
    let mut found: Vec<String> = Vec::new();
    let mut add = |tag: &str| {
        if !found.iter().any(|known| known == tag) {
            found.push(tag.to_owned());
        }
    };
    let mut index = 0;
    while index < contents.len() {
        if let Some(items) = tag_list(contents[index]) {
            items.into_iter().for_each(&mut add);
            index += 1;
            continue;
        }
        let run = contents[index..]
            .iter()
            .take_while(|line| is_tag(line) && !line.contains(','))
            .count();
        if run >= 3 {
            contents[index..index + run].iter().for_each(|tag| add(tag));
            index += run;
        } else {
            index += 1;
        }
    }
    found
}

fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_owned())
}

/// Counted word by word, not over a token list: a list costs about twelve
/// times the text, and this runs on every document whatever its size.
fn is_english(text: &str) -> bool {
    let (total, stopwords) = parallax_core::count_stopwords(text);
    total >= ENGLISH_MIN_TOKENS && stopwords as f64 / total as f64 >= ENGLISH_STOPWORD_SHARE
}

fn day_month_year(captures: &regex::Captures<'_>, first: usize) -> Option<String> {
    let number = |index: usize| captures.get(first + index)?.as_str().parse::<u32>().ok();
    let year = i32::try_from(number(4)?).ok()?;
    let date = NaiveDate::from_ymd_opt(year, number(3)?, number(2)?)?;
    let time = date.and_hms_opt(number(0)?, number(1)?, 0)?;
    Some(time.and_utc().to_rfc3339_opts(SecondsFormat::Secs, true))
}

/// Normalises an ISO 8601 date or date-time to one form: a date stays a date;
/// a date-time with an offset becomes UTC with a `Z`; a date-time without an
/// offset stays local (no offset is invented).
#[must_use]
pub fn normalize_iso(value: &str) -> Option<String> {
    let value = value.trim();
    if let Ok(date) = NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        return Some(date.format("%Y-%m-%d").to_string());
    }
    let zoned = value
        .replace(" UTC", "Z")
        .replace(" GMT", "Z")
        .replace("UTC", "Z")
        .replace("GMT", "Z");
    for format in [
        "%Y-%m-%dT%H:%M%#z",
        "%Y-%m-%dT%H:%M:%S%.f%#z",
        "%Y-%m-%d %H:%M%#z",
        "%Y-%m-%d %H:%M:%S%.f%#z",
    ] {
        if let Ok(time) = DateTime::parse_from_str(&zoned.replace('Z', "+0000"), format) {
            return Some(time.to_utc().to_rfc3339_opts(SecondsFormat::Secs, true));
        }
    }
    for format in [
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
    ] {
        if let Ok(time) = NaiveDateTime::parse_from_str(value, format) {
            return Some(time.format("%Y-%m-%dT%H:%M:%S").to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scan splits a headline where the pattern it replaces did, on
    /// real headlines and on lines made of the characters that matter:
    /// dashes, bars, hyphens, white space of several kinds and letters.
    #[test]
    fn headlines_split_as_the_pattern_splits_them() {
        fn split_by<'line>(pattern: &Regex, line: &'line str) -> Option<(&'line str, &'line str)> {
            pattern.captures(line).map(|parts| {
                (
                    parts.name("title").map_or("", |title| title.as_str()),
                    parts.name("site").map_or("", |site| site.as_str()),
                )
            })
        }
        let pattern =
            Regex::new(r"^(?P<title>.+?)\s+[–—|-]\s+(?P<site>[^–—|]+)$").expect("valid regex");
        for line in [
            "Key points of the draft – RT Russia & Former Soviet Union",
            "Russia wants guarantees - diplomat - TASS",
            "Talks | World | Example News",
            "Talks – and then more talks",
            "Well-known author dies at 90",
            "A - ",
            " - B",
            "-",
            "",
            "Title \u{2003}—\u{a0} Site",
        ] {
            assert_eq!(title_and_suffix(line), split_by(&pattern, line), "{line:?}");
        }
        let alphabet = [
            'a', 'B', ' ', ' ', '\t', '\u{a0}', '-', '–', '—', '|', 'é', '.',
        ];
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = |below: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            usize::try_from(state % below as u64).unwrap()
        };
        let mut split = 0;
        for _ in 0..200_000 {
            let length = next(12);
            let line: String = (0..length)
                .map(|_| alphabet[next(alphabet.len())])
                .collect();
            let expected = split_by(&pattern, &line);
            split += usize::from(expected.is_some());
            assert_eq!(title_and_suffix(&line), expected, "{line:?}");
        }
        // The lines tried include many the pattern splits.
        assert!(split > 5_000, "{split}");
    }

    #[test]
    fn iso_forms_normalise() {
        assert_eq!(
            normalize_iso("2022-01-05T15:28+0000").as_deref(),
            Some("2022-01-05T15:28:00Z")
        );
        assert_eq!(
            normalize_iso("2022-01-05T18:28:10+03:00").as_deref(),
            Some("2022-01-05T15:28:10Z")
        );
        assert_eq!(normalize_iso("2021-12-19").as_deref(), Some("2021-12-19"));
        assert_eq!(
            normalize_iso("2021-12-19 08:00").as_deref(),
            Some("2021-12-19T08:00:00")
        );
        assert_eq!(normalize_iso("2021-13-19"), None);
        assert_eq!(normalize_iso("yesterday"), None);
    }

    #[test]
    fn wire_datelines_of_several_agencies() {
        let cases = [
            (
                "MOSCOW, December 19. /TASS/. The United States said more.",
                "MOSCOW",
                Some("TASS"),
                "MOSCOW, December 19. /TASS/.",
            ),
            (
                "MOSCOW (AA) – Russia announced on Monday that talks start.",
                "MOSCOW",
                Some("Anadolu Agency"),
                "MOSCOW (AA) –",
            ),
            (
                "LONDON, Jan 5 (Reuters) - Britain said on Wednesday it would.",
                "LONDON",
                Some("Reuters"),
                "LONDON, Jan 5 (Reuters) -",
            ),
            (
                "NEW YORK — The city council voted on Tuesday to ban it.",
                "NEW YORK",
                None,
                "NEW YORK —",
            ),
            (
                "OSLO, March 14 (Northern Wire) - Four kayakers were pulled out.",
                "OSLO",
                Some("Northern Wire"),
                "OSLO, March 14 (Northern Wire) -",
            ),
            (
                "МОСКВА, 3 июня. /ТАСС/. Старый мост закрыли на ремонт в понедельник.",
                "МОСКВА",
                Some("ТАСС"),
                "МОСКВА, 3 июня. /ТАСС/.",
            ),
            (
                "CARDIFF, 5 January (PA) - Rail services resumed on Friday after the storm.",
                "CARDIFF",
                Some("PA"),
                "CARDIFF, 5 January (PA) -",
            ),
        ];
        for (line, place, outlet, prefix) in cases {
            let (metadata, found) = sniff(line);
            assert_eq!(metadata.place.as_deref(), Some(place), "{line}");
            assert_eq!(metadata.outlet.as_deref(), outlet, "{line}");
            let dateline = found
                .iter()
                .find(|item| item.evidence == Evidence::Dateline)
                .unwrap();
            assert_eq!(dateline.span.text(line), Some(prefix));
        }
    }

    #[test]
    fn a_capitalised_word_alone_is_no_dateline() {
        let (metadata, _) = sniff("NATO — members\nEU — members");
        assert_eq!(metadata.place, None);
        // Several words in brackets without a dash are an aside, not an
        // agency.
        let (metadata, _) = sniff("NATO (the alliance) said on Friday it would answer in writing.");
        assert_eq!(metadata.place, None);
    }

    #[test]
    fn scraped_page_header() {
        let page = "https://news.example.org/2024/05/01/story-123.html\n\
                    Floods Close Schools Across the Northern Region\n\
                    Example News\n\
                    2024-05-01T08:30+0200\n\
                    2024-05-02T10:00+0000\n\
                    https://cdn.example.org/img/123.jpg\n\
                    Example News\n\
                    Schools in the north were closed on Wednesday after heavy rain flooded roads and the \
                    authorities warned that more rain was on the way for the rest of the week.\n";
        let (metadata, found) = sniff(page);
        assert_eq!(
            metadata.url.as_deref(),
            Some("https://news.example.org/2024/05/01/story-123.html")
        );
        assert_eq!(
            metadata.title.as_deref(),
            Some("Floods Close Schools Across the Northern Region")
        );
        assert_eq!(metadata.published.as_deref(), Some("2024-05-01T06:30:00Z"));
        assert_eq!(metadata.modified.as_deref(), Some("2024-05-02T10:00:00Z"));
        assert_eq!(metadata.outlet.as_deref(), Some("Example News"));
        assert_eq!(metadata.language.as_deref(), Some("en"));
        let kinds: Vec<Evidence> = found.iter().map(|item| item.evidence).collect();
        assert_eq!(
            kinds,
            [
                Evidence::Url,
                Evidence::Title,
                Evidence::Timestamp,
                Evidence::Timestamp
            ]
        );
    }

    #[test]
    fn title_suffix_names_the_site() {
        let (metadata, _) = sniff(
            "Menu\n\nVoters head to the polls in a tight race | The Daily Example\n\nBody text.",
        );
        assert_eq!(
            metadata.title.as_deref(),
            Some("Voters head to the polls in a tight race")
        );
        assert_eq!(metadata.outlet.as_deref(), Some("The Daily Example"));
        let (metadata, _) = sniff("Talks will go on into the spring - minister\n\nBody text.");
        assert_eq!(
            metadata.title.as_deref(),
            Some("Talks will go on into the spring - minister")
        );
        assert_eq!(metadata.outlet, None);
    }

    #[test]
    fn day_month_year_stamp_with_update() {
        let (metadata, found) = sniff(
            "09:05 GMT 28.02.2023 (Updated: 11:40 GMT 01.03.2023) The minister said on Tuesday that it rained.",
        );
        assert_eq!(metadata.published.as_deref(), Some("2023-02-28T09:05:00Z"));
        assert_eq!(metadata.modified.as_deref(), Some("2023-03-01T11:40:00Z"));
        assert_eq!(found[0].span, Span::new(0, 52));
    }

    #[test]
    fn navigation_and_sentences_are_not_headlines() {
        assert!(!is_headline("All news"));
        assert!(!is_headline("HomeWorldBusinessSport Tech Culture"));
        assert!(!is_headline(
            "The minister said the talks would go on for another week."
        ));
        assert!(is_headline(
            "Russia says talks with US on security guarantees to start after Jan. 9"
        ));
    }

    #[test]
    fn author_from_a_byline_or_a_repeated_name() {
        let page =
            "Flood Defences Hold in the North\nBy Maria van der Berg\nRain fell for three days.\n";
        assert_eq!(sniff(page).0.author.as_deref(), Some("Maria van der Berg"));
        let page = "Flood Defences Hold in the North\nBy Maria Berg\nRain fell for three days.\n";
        assert_eq!(sniff(page).0.author.as_deref(), Some("Maria Berg"));
        let card = "https://www.coastalnews.example/2024/strike-ends\n\
                    Harbour Workers End Their Strike Today\nCoastal Daily\nJohn O’Neill\n\
                    The strike ended on Friday after talks.\nCoastal Daily\nJohn O’Neill\n";
        let (metadata, _) = sniff(card);
        assert_eq!(metadata.author.as_deref(), Some("John O’Neill"));
        assert_eq!(
            metadata.provenance.get("author"),
            Some(&Provenance::Sniffed)
        );
        assert_eq!(metadata.outlet.as_deref(), Some("Coastal Daily"));
        // Without a known outlet, a repeated capitalised pair may be the
        // site's own name: no guess.
        let site = "Harbour Workers End Their Strike Today\nHarbour Bell\nThe strike ended.\nHarbour Bell\n";
        assert_eq!(sniff(site).0.author, None);
    }

    #[test]
    fn tags_from_lists_and_runs_of_labels() {
        let page = "Harbour Workers End Their Strike Today\nThe strike ended on Friday.\n\
                    labour\nports\nwages and pay\nThe union said so.\n\
                    ports, strikes, european union (eu)\nsingle\n";
        assert_eq!(
            sniff(page).0.tags,
            [
                "labour",
                "ports",
                "wages and pay",
                "strikes",
                "european union (eu)"
            ]
        );
        // Two short lines are not a tag run; a sentence is not a tag list.
        let prose = "A Headline For This Small Story\nlabour\nports\nwe came, we saw, we left.\n";
        assert!(sniff(prose).0.tags.is_empty());
    }
}
