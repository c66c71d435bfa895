//! Page furniture: sentences that recur across documents of one outlet,
//! learnt from the documents themselves rather than from any rule.
//!
//! The unit is the sentence, not the line, so that a standing note that
//! shares its line with the story ("… said on Tuesday. Updated 12:04 ET —
//! Editor's note: …") is found; and numbers, times and the names of months
//! and days are masked, so that the note's time does not make each copy a
//! different sentence. What is repeated is not always furniture: an outlet
//! that runs one wire story three times repeats every sentence of it. A
//! repeated sentence is set aside only when the run of repeated sentences
//! around it is short (under two sentences or under
//! [`Furniture::CONTENT_MIN_WORDS`] words), or when the outlet is large
//! enough to tell and carries the run on at least half its pages.
//!
//! An outlet of one or two documents cannot teach its own furniture, so
//! one more count is kept across all outlets: a sentence with numbers or
//! dates in it whose form is held by many documents, each filling it in
//! its own way (a time stamp, a desk number), is a form, not a sentence one
//! report took from another.

use crate::paragraphs::is_wrapped;
use parallax_core::{Document, Span, ends_sentence};
use rustc_hash::FxHashMap as HashMap;

/// Sentences that recur across documents of one outlet: page furniture
/// learnt from the documents themselves rather than from any rule.
///
/// [`learn`](Self::learn) counts a corpus held in memory. A corpus read as
/// a stream, or split between machines, is counted in parts: each
/// document's [`sentences_of`](Self::sentences_of), summed however the
/// parts are spread, then [`from_counts`](Self::from_counts).
#[derive(Debug, Clone, Default)]
pub struct Furniture {
    /// (outlet group, sentence template) → number of documents holding it,
    /// and (outlet group, [`DOCUMENT`]) → the outlet's documents; hashes,
    /// so that counting a million documents' sentences costs sixteen bytes
    /// a sentence, not a copy of the outlet's name.
    counts: HashMap<FurnitureSentence, usize>,
    min_documents: usize,
}

/// A sentence of one outlet's documents: the outlet group's hash and the
/// sentence template's fingerprint.
pub type FurnitureSentence = (u64, u64);

/// The fingerprint that stands for "a document of this outlet": counted
/// like a sentence, so that each outlet's size adds up with the counts.
const DOCUMENT: u64 = 0;

/// The group under which a sentence's form (its template) is counted
/// across every outlet, for sentences with numbers or dates in them.
const FORMS: u64 = 1;

/// The group under which such a sentence's exact words are counted across
/// every outlet: how often the form is filled in just this way.
const FILLINGS: u64 = 2;

/// A form is a form filled in, not a sentence passed from one report to
/// another, when this many documents across the corpus hold it...
const FORM_MIN_DOCUMENTS: usize = 10;

/// ...and each way of filling it in is held by at most this share of them
/// (one in five). A wire sentence reprinted twenty times is held twenty
/// times in the same words; a time stamp that changes with every story
/// ("Updated 12:04 ET — Editor's note: …") is held once or twice in each.
const FORM_MAX_FILLING_SHARE: usize = 5;

/// How a part set aside as furniture is held: by how many documents, and
/// whether those are documents of its own outlet or a form filled in
/// across outlets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Held {
    pub(crate) documents: usize,
    pub(crate) across_outlets: bool,
}

/// An outlet needs this many documents before a long run it repeats can
/// be told from a story it ran several times: with fewer, "on half its
/// pages" is two or three pages.
const STANDING_MIN_DOCUMENTS: usize = 10;

/// A sentence this short is furniture only when it fills its paragraph
/// with other furniture: "He said." recurs by chance inside stories.
const INLINE_MIN_WORDS: usize = 4;

impl Furniture {
    /// The threshold used unless a run asks for another: a sentence in
    /// three documents of one outlet may be furniture. Two would take a
    /// story an outlet ran twice (an update) for its own page furniture.
    pub const DEFAULT_MIN_DOCUMENTS: usize = 3;

    /// A run of repeated sentences of two sentences or more and this many
    /// words (counting whole sentences only, not menus or bylines) is the
    /// article's text, which the outlet ran more than once: a wire story's
    /// paragraph is longer, an editor's note or a copyright line shorter.
    pub const CONTENT_MIN_WORDS: usize = 40;

    /// Counts, per outlet, the documents each sentence template appears
    /// in. A document with no known outlet is grouped by its URL's host,
    /// and with neither takes no part. `min_documents` below 2 learns
    /// nothing.
    #[must_use]
    pub fn learn(documents: &[Document], min_documents: usize) -> Self {
        Self::learn_keeping_units(documents, min_documents).0
    }

    /// [`learn`](Self::learn), and each document's units as it read them
    /// (`None` where it read none), for
    /// [`clean_with_units`](crate::clean_with_units), which would
    /// otherwise read them again.
    #[must_use]
    pub fn learn_keeping_units(
        documents: &[Document],
        min_documents: usize,
    ) -> (Self, Vec<Option<Units>>) {
        let mut counts: HashMap<FurnitureSentence, usize> = HashMap::default();
        let mut kept = Vec::with_capacity(documents.len());
        for document in documents {
            if min_documents < 2 {
                kept.push(None);
                continue;
            }
            let (sentences, units) = Self::sentences_and_units_of(document);
            for sentence in sentences {
                *counts.entry(sentence).or_insert(0) += 1;
            }
            kept.push(units);
        }
        (Self::from_counts(counts, min_documents), kept)
    }

    /// The distinct sentence templates of a document as furniture counts
    /// them, and one mark for the document itself: none for a document
    /// whose outlet and URL are both unknown.
    #[must_use]
    pub fn sentences_of(document: &Document) -> Vec<FurnitureSentence> {
        Self::sentences_and_units_of(document).0
    }

    /// [`sentences_of`](Self::sentences_of), and the document's sentences
    /// as furniture reads them when it read them: for
    /// [`clean_with_units`](crate::clean_with_units), which would
    /// otherwise read them again.
    #[must_use]
    pub fn sentences_and_units_of(document: &Document) -> (Vec<FurnitureSentence>, Option<Units>) {
        let Some(group) = group_of(document) else {
            return (Vec::new(), None);
        };
        let group = parallax_core::hash_str(&group);
        let units = units(&document.text);
        let mut sentences: Vec<FurnitureSentence> = units
            .iter()
            .filter_map(|unit| unit.template)
            .chain([DOCUMENT])
            .map(|template| (group, template))
            .collect();
        for unit in &units {
            if let (Some(template), Some(filling)) = (unit.template, unit.filling) {
                sentences.extend([(FORMS, template), (FILLINGS, filling)]);
            }
        }
        sentences.sort_unstable();
        sentences.dedup();
        (sentences, Some(Units(units)))
    }

    /// Furniture from the number of documents holding each sentence,
    /// however they were counted: the sentences held by at least
    /// `min_documents`. `min_documents` below 2 learns nothing.
    #[must_use]
    pub fn from_counts(
        counts: impl IntoIterator<Item = (FurnitureSentence, usize)>,
        min_documents: usize,
    ) -> Self {
        let counts = if min_documents >= 2 {
            counts
                .into_iter()
                .filter(|(_, count)| *count >= min_documents)
                .collect()
        } else {
            HashMap::default()
        };
        Self {
            counts,
            min_documents,
        }
    }

    /// The parts of `document` that are its outlet's furniture, each with
    /// the number of the outlet's documents holding it (the fewest, when
    /// a part is several sentences), or a form filled in across outlets.
    /// `kept` are the document's units, where they were read before.
    pub(crate) fn set_aside(&self, document: &Document, kept: Option<&Units>) -> Vec<(Span, Held)> {
        if self.counts.is_empty() {
            return Vec::new();
        }
        let Some(group) = group_of(document).map(|group| parallax_core::hash_str(&group)) else {
            return Vec::new();
        };
        let outlet_documents = self.counts.get(&(group, DOCUMENT)).copied().unwrap_or(0);
        let units: std::borrow::Cow<'_, [Unit]> = kept.map_or_else(
            || std::borrow::Cow::Owned(units(&document.text)),
            |kept| std::borrow::Cow::Borrowed(kept.0.as_slice()),
        );
        let forms: Vec<Option<usize>> = units.iter().map(|unit| self.form_held(unit)).collect();
        // A form filled in across outlets counts as held by all its
        // documents, more than any run of the outlet's own text: inside a
        // story the outlet ran again it is judged on its own.
        let holding: Vec<Option<usize>> = units
            .iter()
            .zip(&forms)
            .map(|(unit, form)| {
                form.or_else(|| {
                    unit.template
                        .and_then(|template| self.counts.get(&(group, template)).copied())
                })
            })
            .collect();
        let mut furniture = vec![false; units.len()];
        let mut runs: Vec<std::ops::Range<usize>> = Vec::new();
        let mut start = 0;
        while start < units.len() {
            let end = (start..units.len())
                .find(|&index| holding[index].is_none())
                .unwrap_or(units.len());
            if end > start {
                runs.push(start..end);
            }
            start = end + 1;
        }
        while let Some(run) = runs.pop() {
            let counts: Vec<usize> = holding[run.clone()].iter().flatten().copied().collect();
            let sentence_words: usize = units[run.clone()]
                .iter()
                .filter(|unit| unit.sentence)
                .map(|unit| unit.words)
                .sum();
            let content = run.len() >= 2 && sentence_words >= Self::CONTENT_MIN_WORDS;
            let standing = outlet_documents >= STANDING_MIN_DOCUMENTS
                && counts.iter().all(|&count| 2 * count >= outlet_documents);
            if !content || standing {
                furniture[run].fill(true);
                continue;
            }
            // Text the outlet ran again, with furniture that more of its
            // pages carry inside it or at either end (a footer under the
            // story, a standing note after its first paragraph): those parts
            // are judged on their own.
            let fewest = counts.iter().copied().min().unwrap_or(0);
            let mut index = 0;
            while index < counts.len() {
                let end = (index..counts.len())
                    .find(|&at| (counts[at] == fewest) != (counts[index] == fewest))
                    .unwrap_or(counts.len());
                if counts[index] > fewest {
                    runs.push(run.start + index..run.start + end);
                }
                index = end;
            }
        }
        // A short sentence in a paragraph with text that is not furniture
        // stays with that text.
        let blocks = units.last().map_or(0, |unit| unit.block + 1);
        let mut block_has_text = vec![false; blocks];
        for (unit, is_furniture) in units.iter().zip(&furniture) {
            block_has_text[unit.block] |= !is_furniture;
        }
        for (unit, is_furniture) in units.iter().zip(furniture.iter_mut()) {
            if unit.words < INLINE_MIN_WORDS && block_has_text[unit.block] {
                *is_furniture = false;
            }
        }
        units
            .iter()
            .zip(holding)
            .zip(forms)
            .zip(furniture)
            .filter(|(_, is_furniture)| *is_furniture)
            .filter_map(|(((unit, count), form), _)| {
                let held = Held {
                    documents: count?,
                    across_outlets: form.is_some(),
                };
                Some((unit.span, held))
            })
            .collect()
    }

    /// The documents across the corpus holding `unit`'s form, when that
    /// form is one filled in many ways ([`FORM_MIN_DOCUMENTS`],
    /// [`FORM_MAX_FILLING_SHARE`]).
    fn form_held(&self, unit: &Unit) -> Option<usize> {
        let filling = unit.filling?;
        let documents = *self.counts.get(&(FORMS, unit.template?))?;
        // Fillings held by fewer than the threshold were not kept: they
        // are held by at most one fewer.
        let this_filling = self
            .counts
            .get(&(FILLINGS, filling))
            .copied()
            .unwrap_or(self.min_documents.saturating_sub(1));
        (documents >= FORM_MIN_DOCUMENTS && documents >= FORM_MAX_FILLING_SHARE * this_filling)
            .then_some(documents)
    }

    /// A test of whether a line (its text) is furniture for `document`'s
    /// outlet, every sentence of it repeated: for passing such lines over
    /// when looking for a headline.
    pub fn line_test(&self, document: &Document) -> impl Fn(&str) -> bool + '_ {
        let group = group_of(document).map(|group| parallax_core::hash_str(&group));
        move |line: &str| {
            let Some(group) = group else {
                return false;
            };
            let units = units(line);
            !units.is_empty()
                && units.iter().all(|unit| {
                    unit.template
                        .is_some_and(|template| self.counts.contains_key(&(group, template)))
                })
        }
    }

    /// How many distinct sentences were learnt as furniture.
    #[must_use]
    pub fn len(&self) -> usize {
        self.counts
            .iter()
            .filter(|&(&(group, template), &documents)| match group {
                FILLINGS => false,
                FORMS => documents >= FORM_MIN_DOCUMENTS,
                _ => template != DOCUMENT,
            })
            .count()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The threshold it was learnt with.
    #[must_use]
    pub fn min_documents(&self) -> usize {
        self.min_documents
    }
}

/// A document's sentences as furniture reads them, kept between learning
/// furniture and setting it aside, and as bytes in between.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Units(Vec<Unit>);

impl Units {
    /// Bytes a unit takes in [`to_bytes`](Self::to_bytes).
    const BYTES: usize = 8 * 6 + 1;

    /// The units as bytes, [`BYTES`](Self::BYTES) each.
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(self.0.len() * Self::BYTES);
        for unit in &self.0 {
            for value in [
                unit.span.start as u64,
                unit.span.end as u64,
                unit.template.unwrap_or(0),
                unit.filling.unwrap_or(0),
                unit.words as u64,
                unit.block as u64,
            ] {
                bytes.extend_from_slice(&value.to_le_bytes());
            }
            bytes.push(
                u8::from(unit.template.is_some())
                    | u8::from(unit.filling.is_some()) << 1
                    | u8::from(unit.sentence) << 2,
            );
        }
        bytes
    }

    /// The units [`to_bytes`](Self::to_bytes) wrote; `None` for bytes it
    /// could not have written.
    #[must_use]
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        if !bytes.len().is_multiple_of(Self::BYTES) {
            return None;
        }
        bytes
            .chunks_exact(Self::BYTES)
            .map(|unit| {
                let value = |index: usize| {
                    let start = index * 8;
                    unit.get(start..start + 8)
                        .and_then(|bytes| bytes.try_into().ok())
                        .map(u64::from_le_bytes)
                };
                let number =
                    |index: usize| value(index).and_then(|value| usize::try_from(value).ok());
                let flags = unit[Self::BYTES - 1];
                Some(Unit {
                    span: Span::new(number(0)?, number(1)?),
                    template: (flags & 1 != 0).then_some(value(2)?),
                    filling: (flags & 2 != 0).then_some(value(3)?),
                    words: number(4)?,
                    sentence: flags & 4 != 0,
                    block: number(5)?,
                })
            })
            .collect::<Option<Vec<Unit>>>()
            .map(Self)
    }
}

/// A sentence of a document, as furniture sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Unit {
    span: Span,
    /// The hash of its words with numbers, months and days masked; `None`
    /// for a sentence without words.
    template: Option<u64>,
    /// The hash of its words as they are, when some were masked in its
    /// template: how this copy fills the form in.
    filling: Option<u64>,
    words: usize,
    /// Whether it ends as a sentence does, rather than a menu or a byline.
    sentence: bool,
    /// The paragraph it is in: lines joined where a hard wrap split them.
    block: usize,
}

/// The sentences of `text`, paragraph by paragraph, a paragraph being
/// lines joined where one stops mid-sentence and the next continues it.
fn units(text: &str) -> Vec<Unit> {
    let mut blocks: Vec<Span> = Vec::new();
    let mut previous_line: Option<usize> = None;
    for (number, line) in parallax_core::lines(text).into_iter().enumerate() {
        let line = line.trim(text);
        if line.is_empty() {
            continue;
        }
        match blocks.last_mut() {
            Some(block)
                if previous_line == Some(number.wrapping_sub(1))
                    && is_wrapped(&text[block.start..block.end], &text[line.start..line.end]) =>
            {
                *block = block.cover(line);
            }
            _ => blocks.push(line),
        }
        previous_line = Some(number);
    }
    let mut units = Vec::new();
    // The hashes of the sentence's normalised words: as written, and with
    // numbers and dates masked. One buffer each for the whole text.
    let (mut exact, mut template): (Vec<u64>, Vec<u64>) = (Vec::new(), Vec::new());
    for (block_number, block) in blocks.into_iter().enumerate() {
        for span in plain_sentences(text, block) {
            exact.clear();
            template.clear();
            let mut any_masked = false;
            for word in parallax_core::words(&text[span.start..span.end]) {
                let (hash, masked) = word_and_mask(word);
                any_masked |= masked;
                exact.push(hash);
                template.push(if masked { *MASK } else { hash });
            }
            let words = exact.len();
            units.push(Unit {
                span,
                template: (words > 0).then(|| parallax_core::hash_sequence(&template)),
                filling: any_masked.then(|| parallax_core::hash_sequence(&exact)),
                words,
                sentence: ends_sentence(&text[span.start..span.end]),
                block: block_number,
            });
        }
    }
    units
}

/// `block` cut after every full stop, question or exclamation mark that
/// white space and a capital letter, digit or quotation mark follow. Unlike
/// the sentences the story is cut into, no abbreviation holds a cut back:
/// an outlet's note after "… on Mar." is the same note after "… on Monday.",
/// and a sentence cut short at "Dr." is cut short in every copy alike.
fn plain_sentences(text: &str, block: Span) -> Vec<Span> {
    let slice = &text[block.start..block.end];
    let mut spans = Vec::new();
    let mut start = 0;
    let bytes = slice.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        // Every stop begins with one of these bytes ('…' with 0xE2, '。'
        // with 0xE3, '！' and '？' with 0xEF), which in UTF-8 only ever
        // begin a character: the rest of the text is skipped byte by byte.
        if !matches!(bytes[index], b'.' | b'!' | b'?' | 0xE2 | 0xE3 | 0xEF) {
            index += 1;
            continue;
        }
        let character = slice[index..].chars().next().unwrap_or_default();
        let mut end = index + character.len_utf8();
        index = end;
        let wide_stop = matches!(character, '。' | '！' | '？');
        if !(wide_stop || matches!(character, '.' | '!' | '?' | '…')) {
            continue;
        }
        while let Some(closing) = slice[end..].chars().next() {
            if !matches!(closing, '"' | '”' | '’' | '\'' | ')' | '»') {
                break;
            }
            end += closing.len_utf8();
        }
        index = end;
        let rest = &slice[end..];
        let after_space = rest.trim_start();
        let spaced = after_space.len() < rest.len();
        let next_starts = after_space.chars().next().is_some_and(|next| {
            next.is_uppercase() || next.is_numeric() || matches!(next, '"' | '“' | '‘' | '«')
        });
        if wide_stop || (spaced && next_starts) {
            spans.push(Span::new(block.start + start, block.start + end).trim(text));
            start = end;
        }
    }
    spans.push(Span::new(block.start + start, block.end).trim(text));
    spans.retain(|span| !span.is_empty());
    spans
}

/// Short forms of the days and relative days, which change from one copy
/// of a dated line to the next as the months and days do
/// ([`parallax_core::MONTHS`], [`parallax_core::WEEKDAYS`]).
const OTHER_DATE_WORDS: &[&str] = &[
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thurs",
    "fri",
    "sat",
    "sun",
    "today",
    "yesterday",
];

/// A word as a template holds it: numbers and date words become one mark.
/// Months, weekdays and [`OTHER_DATE_WORDS`] in one set: every word of
/// every sentence is looked up.
static DATE_WORDS: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
    std::sync::LazyLock::new(|| {
        parallax_core::MONTHS
            .iter()
            .chain(parallax_core::WEEKDAYS)
            .chain(OTHER_DATE_WORDS)
            .copied()
            .collect()
    });

/// The hash of a word's normalised form ([`parallax_core::word_hash`]),
/// and whether a template masks it: a number or a date word.
fn word_and_mask(word: &str) -> (u64, bool) {
    if word.is_ascii() {
        let hash = parallax_core::word_hash(word);
        let masked = word.bytes().any(|byte| byte.is_ascii_digit()) || DATE_HASHES.contains(&hash);
        return (hash, masked);
    }
    let norm = parallax_core::normalize_word(word);
    let masked = norm.chars().any(char::is_numeric) || DATE_WORDS.contains(norm.as_str());
    (parallax_core::hash_str(&norm), masked)
}

/// What a masked word is in a template: the hash of a mark no word can be.
static MASK: std::sync::LazyLock<u64> = std::sync::LazyLock::new(|| parallax_core::hash_str("#"));

/// The hashes of [`DATE_WORDS`], for ASCII words looked up by their hash.
static DATE_HASHES: std::sync::LazyLock<rustc_hash::FxHashSet<u64>> =
    std::sync::LazyLock::new(|| {
        DATE_WORDS
            .iter()
            .map(|word| parallax_core::hash_str(word))
            .collect()
    });

/// The outlet a document's furniture is shared with: its outlet, or its
/// URL's host. `None` when neither is known: documents of unknown origin
/// may be copies of one wire story, and their shared lines are the very
/// reuse a comparison looks for, not furniture.
pub(crate) fn group_of(document: &Document) -> Option<String> {
    document
        .metadata
        .outlet
        .as_deref()
        .map(str::to_lowercase)
        .or_else(|| {
            let url = document.metadata.url.as_deref()?;
            let host = url.split_once("://")?.1.split('/').next()?;
            Some(host.trim_start_matches("www.").to_lowercase())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_mask_numbers_and_dates_but_not_words() {
        let template = |text: &str| units(text)[0].template;
        assert_eq!(
            template("Updated 12:04 ET on Monday, Dec. 3"),
            template("Updated 9:41 ET on Friday, Jan. 17")
        );
        assert_ne!(
            template("Updated 12:04 ET on Monday"),
            template("Corrected 12:04 ET on Monday")
        );
    }

    #[test]
    fn sentences_are_cut_at_every_stop_before_a_capital() {
        let text = "Talks resume on Mar. Updated 12:04 ET. Dr. Lee said “Yes.” 3 left!? ok。次";
        let spans: Vec<&str> = plain_sentences(text, Span::new(0, text.len()))
            .into_iter()
            .map(|span| &text[span.start..span.end])
            .collect();
        assert_eq!(
            spans,
            [
                "Talks resume on Mar.",
                "Updated 12:04 ET.",
                "Dr.",
                "Lee said “Yes.”",
                "3 left!? ok。",
                "次"
            ]
        );
    }

    #[test]
    fn sentences_follow_hard_wraps_but_not_paragraph_breaks() {
        let text = "Editor's note: the mayor regularly\nmisstates the budget.\n\nNext paragraph.";
        let spans: Vec<&str> = units(text)
            .iter()
            .map(|unit| &text[unit.span.start..unit.span.end])
            .collect();
        assert_eq!(
            spans,
            [
                "Editor's note: the mayor regularly\nmisstates the budget.",
                "Next paragraph."
            ]
        );
    }
}
