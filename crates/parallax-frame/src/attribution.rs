//! Who said what: direct quotes and reported speech, each with its cue,
//! content and speaker mention, found by rules over words and punctuation
//! (no parser, no model).

use crate::cues::{ADVERBIAL_OPENERS, SPEAKER_PRONOUNS, is_cue_word, needs_particle};
use crate::quotes::{Quote, quotes};
use parallax_core::Span;
use serde::{Deserialize, Serialize};

/// How much of the content the outlet gives in the speaker's own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quoting {
    /// Between quotation marks.
    Direct,
    /// Reported speech that quotes some of the words ("called it a
    /// “fundamental difference”").
    Partial,
    /// Reported speech: "X said that …", "according to X, …".
    Indirect,
}

impl Quoting {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Quoting::Direct => "direct",
            Quoting::Partial => "partial",
            Quoting::Indirect => "indirect",
        }
    }
}

/// One attributed statement in a document. Spans are byte ranges of the
/// document's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribution {
    /// What is attributed: the quoted words, or the reported clause.
    pub content: Span,
    /// The speech verb or phrase ("said", "according to").
    pub cue: Option<Span>,
    /// Where the speaker is named in the text ("he", "the diplomat",
    /// "Deputy Foreign Minister Alexander Grushko"); none when the text
    /// does not say.
    pub source: Option<Span>,
    pub quoting: Quoting,
    /// Who passed the statement on, when the text says so: "the Financial
    /// Times has cited unnamed European sources as saying" has the sources
    /// as source and the newspaper as `via`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<Span>,
    /// Who the source is, resolved across "he", "the diplomat" and
    /// surnames (see [`crate::resolve`]); filled in by [`crate::frame`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// The speaker's quote was found in an earlier sentence and this one
    /// continues it (`“…,” he said. “…”`).
    pub continued: bool,
}

/// A word of a sentence with the punctuation before it.
#[derive(Debug, Clone)]
struct Word<'a> {
    span: Span,
    text: &'a str,
    lower: String,
    /// Non-space characters between the previous word and this one.
    before: &'a str,
    quoted: bool,
}

/// Whether `span` lies inside a quote. Quotes come in document order and
/// do not overlap, so the one that could hold it is found by bisection.
fn inside_quote(quotes: &[Quote], span: Span) -> bool {
    let after = quotes.partition_point(|quote| quote.inner.start <= span.start);
    after > 0 && {
        let quote = &quotes[after - 1];
        span.end <= quote.inner.end
    }
}

fn words_of<'a>(text: &'a str, sentence: Span, quotes: &[Quote]) -> Vec<Word<'a>> {
    let slice = &text[sentence.start..sentence.end];
    let mut words = Vec::new();
    let mut previous_end = 0;
    for word in parallax_core::words(slice) {
        let start = word.as_ptr() as usize - slice.as_ptr() as usize;
        let span = Span::new(sentence.start + start, sentence.start + start + word.len());
        words.push(Word {
            span,
            text: word,
            lower: word.to_lowercase(),
            before: slice[previous_end..start].trim(),
            quoted: inside_quote(quotes, span),
        });
        previous_end = start + word.len();
    }
    words
}

/// A speech verb of the writer's, not a quoted one and not a capitalised
/// noun ("the United States").
fn is_cue(word: &Word<'_>) -> bool {
    !word.quoted && word.text.starts_with(char::is_lowercase) && is_cue_word(&word.lower)
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Finds the attributions of one document from its body sentences (in
/// order) and the paragraphs they form.
#[must_use]
pub fn attributions(text: &str, sentences: &[Span], paragraphs: &[Span]) -> Vec<Attribution> {
    let quotes = quotes(text, paragraphs);
    let paragraph_of = |span: Span| {
        paragraphs
            .iter()
            .position(|paragraph| paragraph.start <= span.start && span.start < paragraph.end)
    };
    let mut found: Vec<Attribution> = Vec::new();
    let mut covered: Vec<bool> = vec![false; sentences.len()];

    // Direct quotes first: a quote may cross sentences, and its frame sits
    // before its opening mark or after its closing one.
    let mut previous_direct: Option<(usize, Option<Span>, Option<usize>)> = None;
    for quote in &quotes {
        let Some(first) = sentences
            .iter()
            .position(|sentence| sentence.end > quote.inner.start)
        else {
            continue;
        };
        let last = sentences
            .iter()
            .rposition(|sentence| sentence.start < quote.inner.end)
            .unwrap_or(first)
            .max(first);
        if sentences[first].start >= quote.inner.end {
            continue;
        }
        let inner_words = parallax_core::words(&text[quote.inner.start..quote.inner.end]).count();
        let head = Span::new(
            sentences[first].start.min(quote.span.start),
            quote.span.start,
        );
        let mut last = last;
        // `“You winning?” she said.` is split after the question mark; the
        // frame is the next sentence when it opens in lower case.
        if text[quote.span.end..sentences[last].end.max(quote.span.end)]
            .trim()
            .is_empty()
            && let Some(next) = sentences.get(last + 1)
            && paragraph_of(*next) == paragraph_of(quote.span)
            && text[next.start..next.end]
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
        {
            last += 1;
        }
        let tail = Span::new(quote.span.end, sentences[last].end.max(quote.span.end));
        let head_words = parallax_core::words(&text[head.start..head.end]).count();
        let tail_words = parallax_core::words(&text[tail.start..tail.end]).count();
        // A quote closes its clause when its last word carries the
        // punctuation (`…,” he said`) or the punctuation follows it
        // (`…”, said the diplomat`); "a “frank” conversation" runs on.
        let inner_text = &text[quote.inner.start..quote.inner.end];
        let tail_text = text[tail.start..tail.end].trim_start();
        let ends_clause = inner_text.ends_with(|c: char| ",.!?…;:".contains(c))
            || tail_text.is_empty()
            || tail_text.starts_with(|c: char| ",.;:!?—–-)".contains(c));
        let head_text = text[head.start..head.end].trim_end();
        let after = if ends_clause {
            frame_after(text, tail, &quotes)
        } else {
            None
        };
        let before = frame_before(text, head, &quotes);
        let starts_clause = before.is_some()
            || head_text.is_empty()
            || head_text.ends_with(|c: char| ":,—–-(".contains(c));
        // A short quote inside a longer sentence of the writer's own is a
        // partial quote, read with the sentence's reported speech below.
        let stands_alone = inner_words >= 3
            && ends_clause
            && starts_clause
            && (head_words <= 12 || before.is_some())
            && (tail_words <= 12 || after.is_some());
        if !stands_alone {
            continue;
        }
        let frame = after.or(before);
        let paragraph = paragraph_of(quote.span);
        let (cue, source, continued) = match frame {
            Some((cue, source)) => (Some(cue), source, false),
            None => match previous_direct {
                // A quote with no frame of its own that follows a framed
                // one in the same or the next paragraph continues it.
                Some((_, source, Some(previous_paragraph)))
                    if paragraph.is_some_and(|paragraph| paragraph <= previous_paragraph + 1) =>
                {
                    (None, source, true)
                }
                _ => (
                    colon_frame(text, sentences, first, &quotes).map(|(cue, _)| cue),
                    colon_frame(text, sentences, first, &quotes).and_then(|(_, source)| source),
                    false,
                ),
            },
        };
        if frame.is_some() || continued || cue.is_some() {
            previous_direct = Some((found.len(), source, paragraph));
        }
        found.push(Attribution {
            content: quote.inner,
            cue,
            source,
            quoting: Quoting::Direct,
            via: None,
            speaker: None,
            continued,
        });
        for flag in &mut covered[first..=last] {
            *flag = true;
        }
    }

    for (number, sentence) in sentences.iter().enumerate() {
        if covered[number] {
            continue;
        }
        let words = words_of(text, *sentence, &quotes);
        if let Some(mut attribution) = reported_speech(text, *sentence, &words) {
            let quoted_words = words
                .iter()
                .filter(|word| attribution.content.contains(word.span) && word.quoted)
                .count();
            if quoted_words > 0 {
                attribution.quoting = Quoting::Partial;
            }
            found.push(attribution);
        }
    }
    for attribution in &mut found {
        attribution.source = attribution.source.map(|span| close_bracket(text, span));
        attribution.via = attribution.via.map(|span| close_bracket(text, span));
    }
    found.sort_by_key(|attribution| (attribution.content.start, attribution.content.end));
    found
}

/// A name that opens a bracket ends with it: "the Financial Times (FT)",
/// "Sen. David Perdue (R-Ga.)". Spans end at a word, before the bracket.
fn close_bracket(text: &str, span: Span) -> Span {
    let inside = &text[span.start..span.end];
    if inside.matches('(').count() <= inside.matches(')').count() {
        return span;
    }
    let after = &text[span.end..];
    match after.find(')') {
        Some(offset) if offset <= 2 && !after[..offset].contains(char::is_whitespace) => {
            Span::new(span.start, span.end + offset + 1)
        }
        _ => span,
    }
}

/// The cue and speaker in the words right after a quote: `,” he said`,
/// `”, said the diplomat, stressing…`, `,” Grushko told reporters`.
fn frame_after(text: &str, tail: Span, quotes: &[Quote]) -> Option<(Span, Option<Span>)> {
    let words = words_of(text, tail, quotes);
    // The frame must open the tail: the cue first, or a speaker (with its
    // appositives) and then the cue.
    let cue_at = words.iter().take(40).position(is_cue)?;
    if words[..cue_at].iter().any(|word| word.quoted) {
        return None;
    }
    let cue = cue_span(&words, cue_at);
    if cue_at > 0 {
        // `he said`, `Grushko told reporters`: the speaker is what precedes.
        let (start, source) = speaker_before_at(&words, cue_at)?;
        return (start == 0).then_some((cue, Some(source)));
    }
    Some((cue, speaker_after(&words, cue_at)))
}

/// The cue and speaker in the words right before a quote: `Grushko said:
/// “`, `He told TASS, “`, `According to the diplomat, “`.
fn frame_before(text: &str, head: Span, quotes: &[Quote]) -> Option<(Span, Option<Span>)> {
    let words = words_of(text, head, quotes);
    let closing = text[head.start..head.end].trim_end();
    let ends_with_cue = words
        .last()
        .is_some_and(|word| word.span.end == head.start + closing.len() && is_cue(word));
    if !(closing.ends_with(':')
        || closing.ends_with(',')
        || closing.ends_with("that")
        || ends_with_cue)
    {
        return None;
    }
    let cue_at = words.iter().rposition(is_cue)?;
    if words.len() - cue_at > 6 {
        return None;
    }
    let cue = cue_span(&words, cue_at);
    let source = speaker_before(&words, cue_at).or_else(|| speaker_after(&words, cue_at));
    Some((cue, source))
}

/// A sentence ending in a colon with a cue (`Grushko said:`) introduces the
/// quote that follows it.
fn colon_frame(
    text: &str,
    sentences: &[Span],
    first: usize,
    quotes: &[Quote],
) -> Option<(Span, Option<Span>)> {
    let previous = *sentences.get(first.checked_sub(1)?)?;
    if !text[previous.start..previous.end].trim_end().ends_with(':') {
        return None;
    }
    frame_before(text, previous, quotes)
}

fn cue_span(words: &[Word<'_>], at: usize) -> Span {
    let mut span = words[at].span;
    if let Some(particle) = needs_particle(&words[at].lower)
        && words.get(at + 1).is_some_and(|next| next.lower == particle)
    {
        span = span.cover(words[at + 1].span);
    }
    span
}

/// Whether the punctuation before a word ends a clause: a comma, a dash or
/// a quotation mark does; an apostrophe ("Russia's"), a hyphen, an
/// abbreviation's full stop or brackets ("Perdue (R-Ga.) said") do not.
fn opens_clause(word: &Word<'_>) -> bool {
    !word.before.is_empty() && !word.before.chars().all(|c| ".-'’()[]".contains(c))
}

/// The speaker named before a cue, with where it starts (an index into
/// `words`). Tried in turn:
/// - the clause right before the cue, if it reads as a speaker
///   (`Russian Deputy Foreign Minister Alexander Grushko said`);
/// - a name followed by appositives (`Richard Revesz, director of the
///   Institute…, said`; `Donna Rawlings, 59, of Ashton, who watched…,
///   said`);
/// - the capitalised words or pronoun right before the cue, when the
///   clause is longer (`In a meeting with the board Trump said`).
fn speaker_before_at(words: &[Word<'_>], cue_at: usize) -> Option<(usize, Span)> {
    let mut end = cue_at;
    while end > 0 && SKIPPED_BEFORE_CUE.contains(&words[end - 1].lower.as_str()) {
        end -= 1;
    }
    if end == 0 || words[..end].iter().any(|word| word.quoted) && words[end - 1].quoted {
        return None;
    }
    // Clause starts, nearest first.
    let mut starts = Vec::new();
    let mut at = end;
    while at > 0 && end - at < 40 && starts.len() < 6 {
        at -= 1;
        if words[at].quoted {
            at += 1;
            starts.push(at);
            break;
        }
        if at == 0 || opens_clause(&words[at]) {
            starts.push(at);
        }
    }
    let span_of = |start: usize| Span::new(words[start].span.start, words[end - 1].span.end);
    let trimmed = |mut start: usize| {
        while start < end && SKIPPED_CLAUSE_OPENERS.contains(&words[start].lower.as_str()) {
            start += 1;
        }
        start
    };
    // "Vladimir Chizhov, Russia's permanent representative to the EU,
    // said": a name, then a clause that describes them.
    if let [nearest, name_start, ..] = starts[..] {
        let name = &words[name_start..nearest];
        let description = &words[nearest..end];
        if !name.is_empty()
            && name.len() <= 6
            && name.iter().all(|word| is_capitalised(word.text))
            && description
                .iter()
                .any(|word| !is_capitalised(word.text) && crate::names::is_title_word(word.text))
            // "Earlier, spokeswoman Maria Zakharova said": the clause
            // names its speaker itself.
            && crate::names::parse(&text_of(words, nearest, end)).name.is_none()
        {
            let start = trimmed(name_start);
            return Some((start, span_of(start)));
        }
    }
    if let Some(&nearest) = starts.first() {
        let start = trimmed(nearest);
        if start < end && end - start <= 10 && plausible_speaker(&words[start..end]) {
            return Some((start, span_of(start)));
        }
    }
    // A name and its appositives: the first clause names someone, the
    // later ones describe them.
    for &start in starts.iter().skip(1) {
        let start = trimmed(start);
        let clause_end = starts
            .iter()
            .copied()
            .filter(|&other| other > start)
            .min()
            .unwrap_or(end);
        let name = &words[start..clause_end];
        if !name.is_empty()
            && name.len() <= 6
            && name
                .iter()
                .all(|word| is_capitalised(word.text) || CONNECTORS.contains(&word.lower.as_str()))
            && is_capitalised(name[0].text)
        {
            return Some((start, span_of(start)));
        }
    }
    // The capitalised run or pronoun just before the cue.
    let mut start = end;
    while start > 0
        && !words[start - 1].quoted
        && !crate::names::is_never_a_name(words[start - 1].text)
        && (is_capitalised(words[start - 1].text)
            || (start < end && CONNECTORS.contains(&words[start - 1].lower.as_str())))
    {
        start -= 1;
    }
    while start < end && CONNECTORS.contains(&words[start].lower.as_str()) {
        start += 1;
    }
    // "diverted through Easterby, adding": a name after a preposition is
    // not the subject.
    let after_preposition = start > 0
        && [
            "through", "in", "on", "at", "to", "from", "with", "of", "by", "for", "into", "near",
        ]
        .contains(&words[start - 1].lower.as_str());
    if start < end && start > 0 && !after_preposition {
        return Some((start, span_of(start)));
    }
    if SPEAKER_PRONOUNS.contains(&words[end - 1].lower.as_str()) {
        return Some((end - 1, words[end - 1].span));
    }
    None
}

/// The words `start..end` joined by spaces.
fn text_of(words: &[Word<'_>], start: usize, end: usize) -> String {
    words[start..end]
        .iter()
        .map(|word| word.text)
        .collect::<Vec<_>>()
        .join(" ")
}

fn speaker_before(words: &[Word<'_>], cue_at: usize) -> Option<Span> {
    speaker_before_at(words, cue_at).map(|(_, span)| span)
}

/// Lower-case words inside names: "Secretary of State", "bin Salman".
const CONNECTORS: &[&str] = &[
    "of", "de", "da", "van", "von", "bin", "al", "la", "le", "del", "for",
];

/// Whether words before a cue can be who spoke: a name, a pronoun or a
/// noun phrase opened by a determiner ("the port authority"), and not a
/// clause ("an accusation that Moscow has always denied") or a lone
/// determiner ("The claims came…").
fn plausible_speaker(phrase: &[Word<'_>]) -> bool {
    let first = phrase[0].lower.as_str();
    if phrase.iter().any(|word| {
        ["that", "which", "who", "whom", "whose", "what"].contains(&word.lower.as_str())
    }) {
        return false;
    }
    if DETERMINERS.contains(&first) {
        return phrase.len() > 1;
    }
    if SPEAKER_PRONOUNS.contains(&first) {
        return phrase.len() == 1;
    }
    is_capitalised(phrase[0].text) || GROUP_NOUNS.contains(&first) || role_then_name(phrase)
}

/// "rescue coordinator Per Aasen", "hospital spokeswoman Ingrid Sand":
/// a few words of role, then a name.
fn role_then_name(phrase: &[Word<'_>]) -> bool {
    let name_start = phrase
        .iter()
        .rposition(|word| !is_capitalised(word.text))
        .map_or(0, |position| position + 1);
    name_start > 0
        && name_start < phrase.len()
        && phrase.len() <= 6
        && !crate::names::is_never_a_name(phrase[phrase.len() - 1].text)
        && phrase[..name_start].iter().all(|word| {
            word.text.chars().all(char::is_alphabetic)
                && !NOT_IN_ROLES.contains(&word.lower.as_str())
        })
}

/// Words a role before a name never holds: "held in Brussels", "met
/// Grushko".
const NOT_IN_ROLES: &[&str] = &[
    "in", "on", "at", "to", "by", "with", "from", "after", "before", "during", "and", "or", "but",
    "is", "was", "were", "are", "be", "been", "has", "had", "have", "met", "held", "told", "asked",
    "not", "also", "when", "while", "if", "as", "than",
];

/// Words that open a noun phrase.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "our", "some", "many", "several", "one", "two",
    "three", "both", "this", "these", "those", "another", "other", "most",
];

/// Plural nouns that speak without a determiner: "officials said".
const GROUP_NOUNS: &[&str] = &[
    "officials",
    "sources",
    "experts",
    "critics",
    "analysts",
    "witnesses",
    "residents",
    "police",
    "investigators",
    "diplomats",
    "observers",
    "authorities",
    "lawmakers",
    "democrats",
    "republicans",
    "voters",
    "aides",
    "advisers",
    "advisors",
];

/// The speaker named after a cue (`said Grushko`, `said the diplomat,
/// stressing…`): up to a comma, a full stop or a time phrase.
fn speaker_after(words: &[Word<'_>], cue_at: usize) -> Option<Span> {
    let mut at = cue_at + 1;
    if needs_particle(&words[cue_at].lower).is_some() {
        at += 1;
    }
    let start = at;
    while at < words.len()
        && at - start < 10
        && !words[at].quoted
        && (at == start || words[at].before.is_empty())
        && !ADVERBIAL_OPENERS.contains(&words[at].lower.as_str())
        && !["that", "who", "which", "to", "about"].contains(&words[at].lower.as_str())
    {
        at += 1;
    }
    (at > start).then(|| Span::new(words[start].span.start, words[at - 1].span.end))
}

/// Words between a speaker and the cue that are not part of the speaker.
const SKIPPED_BEFORE_CUE: &[&str] = &[
    "also",
    "has",
    "had",
    "have",
    "was",
    "were",
    "is",
    "then",
    "later",
    "previously",
    "earlier",
    "further",
    "again",
    "reportedly",
    "recently",
    "once",
    "repeatedly",
    "publicly",
    "would",
    "will",
    "never",
    "not",
    "did",
    "does",
    "do",
    "to",
    "went",
    "on",
    "continued",
    "already",
    "even",
    "often",
    "clearly",
    "firmly",
    "flatly",
    "strongly",
    "explicitly",
];

/// Words that join a clause to the one before it.
const CONJUNCTIONS: &[&str] = &[
    "because", "but", "and", "as", "since", "although", "though", "while", "so", "or", "whereas",
    "if", "when", "unless",
];

/// Words that open a clause before its subject.
const SKIPPED_CLAUSE_OPENERS: &[&str] = &[
    "and",
    "but",
    "so",
    "yet",
    "however",
    "meanwhile",
    "if",
    "when",
    "although",
    "though",
    "because",
    "while",
    "as",
    "since",
    "unless",
    "after",
    "before",
    "once",
    "whether",
    "until",
    "where",
];

/// Reported speech in one sentence: "According to X, …", "…, X said.",
/// "X said (that) …".
fn reported_speech(text: &str, sentence: Span, words: &[Word<'_>]) -> Option<Attribution> {
    if words.len() < 4 {
        return None;
    }
    if let Some(found) = according_to(text, sentence, words) {
        return Some(found);
    }
    if let Some(found) = cited_as_saying(text, sentence, words) {
        return Some(found);
    }
    for cue_at in 0..words.len() {
        let word = &words[cue_at];
        if !is_cue(word) || cue_at > 45 {
            continue;
        }
        // "…, adding about eleven kilometres": a participle after a comma
        // belongs to the clause before, and is speech only as "saying",
        // "telling" or "adding that".
        if word.lower.ends_with("ing")
            && opens_clause(word)
            && !["saying", "telling"].contains(&word.lower.as_str())
            && words
                .get(cue_at + 1)
                .is_none_or(|next| next.lower != "that")
        {
            continue;
        }
        let cue = cue_span(words, cue_at);
        let after_cue = words
            .iter()
            .position(|other| other.span.start >= cue.end)
            .unwrap_or(words.len());
        let before = speaker_before_at(words, cue_at);
        // `…, said Grushko.`: the cue opens a clause and the speaker
        // follows, unless the sentence opened with the speaker and its
        // appositives (`Revesz, director of…, said the states…`).
        if cue_at >= 3
            && opens_clause(word)
            && before.is_none_or(|(start, _)| start > 0)
            && let Some(source) = speaker_after(words, cue_at)
            && plausible_after(words, after_cue, source)
        {
            let content = Span::new(sentence.start, word.span.start);
            return Some(finish(text, content, Some(cue), Some(source)));
        }
        let Some((start, source)) = before else {
            continue;
        };
        // `…, X said.` or `…, X said on Friday, as …`: the speaker opens a
        // clause after the content, and the frame ends the sentence or its
        // clause soon after the cue, with no "that".
        let frame_closes = words[after_cue..]
            .iter()
            .take(7)
            .position(|other| opens_clause(other) || other.lower == "that")
            .map_or(words.len() - after_cue <= 6, |offset| {
                words[after_cue + offset].lower != "that"
            });
        let resumes_later = words[after_cue..]
            .iter()
            .position(|other| opens_clause(other))
            .is_some_and(|offset| words.len() - (after_cue + offset) >= 3);
        if (start >= 3 || (start >= 1 && resumes_later))
            && opens_clause(&words[start])
            && frame_closes
        {
            // A frame inside the sentence: "A, X said, B". After a
            // conjunction ("legally binding because, Putin said, the West
            // …") the speaker is given the clause that follows; otherwise
            // ("The guarantees, Lavrov said, will not …") the sentence.
            let resumes = words[after_cue..]
                .iter()
                .position(|other| opens_clause(other))
                .map(|offset| after_cue + offset)
                .filter(|&at| words.len() - at >= 3);
            let content = match resumes {
                Some(at) if CONJUNCTIONS.contains(&words[start - 1].lower.as_str()) => {
                    Span::new(words[at].span.start, sentence.end)
                }
                Some(_) => sentence,
                None => Span::new(sentence.start, words[start].span.start),
            };
            return Some(finish(text, content, Some(cue), Some(source)));
        }
        // `X said (that) C`: the content follows. Skip what sits between
        // the cue and the content: "told reporters", "said on Wednesday",
        // "said in a statement", up to "that", a colon or a comma.
        let mut content_at = after_cue;
        if let Some(offset) = words[content_at..].iter().take(8).position(|other| {
            other.lower == "that" || other.before.contains(':') || other.before.contains(',')
        }) {
            content_at += offset;
            if words[content_at].lower == "that" {
                content_at += 1;
            }
        }
        if words.len().saturating_sub(content_at) < 3 {
            continue;
        }
        let content = Span::new(words[content_at].span.start, sentence.end);
        return Some(finish(text, content, Some(cue), Some(source)));
    }
    None
}

/// Whether a speaker after a clause-opening cue ends the sentence or its
/// clause (`…, said the port authority.`).
fn plausible_after(words: &[Word<'_>], after_cue: usize, source: Span) -> bool {
    let Some(first) = words.get(after_cue) else {
        return false;
    };
    let phrase: Vec<Word<'_>> = words[after_cue..]
        .iter()
        .take_while(|word| word.span.end <= source.end)
        .cloned()
        .collect();
    // The speaker ends the sentence or its clause: "…, said the port
    // authority." or "…, said Reyes, the union's secretary."
    let next = words.iter().position(|word| word.span.start >= source.end);
    let ends_clause = next.is_none_or(|index| {
        opens_clause(&words[index]) || ADVERBIAL_OPENERS.contains(&words[index].lower.as_str())
    });
    !phrase.is_empty()
        && phrase.len() <= 8
        && ends_clause
        && first.span.start == source.start
        && plausible_speaker(&phrase)
}

/// "C, the FT has cited unnamed sources as saying." and "The FT quoted an
/// official as saying that C.": the source spoke, the outlet passed it on.
fn cited_as_saying(text: &str, sentence: Span, words: &[Word<'_>]) -> Option<Attribution> {
    let cited = words.iter().position(|word| {
        ["cited", "quoted", "citing", "quoting", "cites", "quotes"].contains(&word.lower.as_str())
            && !word.quoted
            && word.text.starts_with(char::is_lowercase)
    })?;
    let as_at = (cited + 2..words.len().min(cited + 14)).find(|&index| {
        words[index].lower == "as"
            && words.get(index + 1).is_some_and(|next| {
                ["saying", "says", "said", "stating"].contains(&next.lower.as_str())
            })
    })?;
    let source = Span::new(words[cited + 1].span.start, words[as_at - 1].span.end);
    let cue = words[as_at].span.cover(words[as_at + 1].span);
    let via = speaker_before_at(words, cited);
    let clause_start = via.map_or(cited, |(start, _)| start);
    let content = if clause_start >= 3 && opens_clause(&words[clause_start]) {
        Span::new(sentence.start, words[clause_start].span.start)
    } else {
        let mut content_at = as_at + 2;
        if words
            .get(content_at)
            .is_some_and(|word| word.lower == "that")
        {
            content_at += 1;
        }
        Span::new(words.get(content_at)?.span.start, sentence.end)
    };
    let mut found = finish(text, content, Some(cue), Some(source));
    found.via = via.map(|(_, span)| span);
    Some(found)
}

/// "According to X, C." and "C, according to X."
fn according_to(text: &str, sentence: Span, words: &[Word<'_>]) -> Option<Attribution> {
    let at = words.windows(2).position(|pair| {
        pair[0].lower == "according" && pair[1].lower == "to" && !pair[0].quoted
    })?;
    let cue = words[at].span.cover(words[at + 1].span);
    let mut end = at + 2;
    while end < words.len() && (end == at + 2 || !opens_clause(&words[end])) {
        end += 1;
    }
    let source =
        (end > at + 2).then(|| Span::new(words[at + 2].span.start, words[end - 1].span.end));
    let content = if at == 0 || !opens_clause(&words[at]) && at <= 1 {
        (end < words.len()).then(|| Span::new(words[end].span.start, sentence.end))
    } else {
        Some(Span::new(sentence.start, words[at].span.start))
    }?;
    Some(finish(text, content, Some(cue), source))
}

/// Trims the content of the sentence's closing punctuation and spaces.
fn finish(text: &str, content: Span, cue: Option<Span>, source: Option<Span>) -> Attribution {
    let slice = &text[content.start..content.end];
    let trimmed = slice.trim_end_matches(|c: char| c.is_whitespace() || ".,;:!?".contains(c));
    let trimmed_start = trimmed.trim_start();
    let start = content.start + (trimmed.len() - trimmed_start.len());
    Attribution {
        content: Span::new(start, content.start + trimmed.len()),
        cue,
        source,
        quoting: Quoting::Indirect,
        via: None,
        speaker: None,
        continued: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (content, cue, source, quoting) of each attribution in `text`, one
    /// paragraph a line.
    fn found(text: &str) -> Vec<(String, String, String, &'static str)> {
        let (paragraphs, sentences) = crate::paragraphs_and_sentences(text);
        let show = |span: Option<Span>| {
            span.map_or(String::new(), |span| text[span.start..span.end].to_owned())
        };
        attributions(text, &sentences, &paragraphs)
            .into_iter()
            .map(|attribution| {
                (
                    show(Some(attribution.content)),
                    show(attribution.cue),
                    show(attribution.source),
                    attribution.quoting.as_str(),
                )
            })
            .collect()
    }

    fn row(
        content: &str,
        cue: &str,
        source: &str,
        quoting: &'static str,
    ) -> (String, String, String, &'static str) {
        (
            content.to_owned(),
            cue.to_owned(),
            source.to_owned(),
            quoting,
        )
    }

    #[test]
    fn a_direct_quote_with_the_speaker_after_it() {
        assert_eq!(
            found("“We will not accept a pay cut,” said union secretary Tomás Reyes."),
            [row(
                "We will not accept a pay cut,",
                "said",
                "union secretary Tomás Reyes",
                "direct"
            )]
        );
        assert_eq!(
            found("“The bridge is not safe,” she told reporters on Monday."),
            [row("The bridge is not safe,", "told", "she", "direct")]
        );
    }

    #[test]
    fn a_role_before_the_name() {
        assert_eq!(
            found("“The current is strong,” rescue coordinator Per Aasen told reporters."),
            [row(
                "The current is strong,",
                "told",
                "rescue coordinator Per Aasen",
                "direct"
            )]
        );
        assert_eq!(
            found("All four were taken to hospital, hospital spokeswoman Ingrid Sand said."),
            [row(
                "All four were taken to hospital",
                "said",
                "hospital spokeswoman Ingrid Sand",
                "indirect"
            )]
        );
        // A clause that ends in a name is not a role.
        assert_eq!(
            found("The meeting held in Brussels revealed deep differences."),
            []
        );
    }

    #[test]
    fn a_direct_quote_introduced_by_a_colon() {
        assert_eq!(
            found("The mayor said: “Nobody will be left without a bus.”"),
            [row(
                "Nobody will be left without a bus.",
                "said",
                "The mayor",
                "direct"
            )]
        );
    }

    #[test]
    fn a_quote_continued_after_its_frame() {
        let text =
            "“The water rose fast,” the captain said. “We had ten minutes to get everyone out.”";
        assert_eq!(
            found(text),
            [
                row("The water rose fast,", "said", "the captain", "direct"),
                row(
                    "We had ten minutes to get everyone out.",
                    "",
                    "the captain",
                    "direct"
                ),
            ]
        );
    }

    #[test]
    fn reported_speech_of_three_shapes() {
        assert_eq!(
            found(
                "The port authority said on Friday that the backlog would clear within ten days."
            ),
            [row(
                "the backlog would clear within ten days",
                "said",
                "The port authority",
                "indirect"
            )]
        );
        assert_eq!(
            found("The backlog should clear within ten days, the port authority said."),
            [row(
                "The backlog should clear within ten days",
                "said",
                "the port authority",
                "indirect"
            )]
        );
        assert_eq!(
            found("According to the union, members voted by a large majority to accept."),
            [row(
                "members voted by a large majority to accept",
                "According to",
                "the union",
                "indirect"
            )]
        );
    }

    #[test]
    fn a_statement_passed_on_names_who_passed_it() {
        let text = "The council wants a say in the talks, the Daily Courier has cited two officials as saying.";
        let paragraphs = [Span::new(0, text.len())];
        let sentences = parallax_core::sentences(text, paragraphs[0]);
        let found = attributions(text, &sentences, &paragraphs);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].content.text(text),
            Some("The council wants a say in the talks")
        );
        assert_eq!(
            found[0].source.and_then(|span| span.text(text)),
            Some("two officials")
        );
        assert_eq!(
            found[0].via.and_then(|span| span.text(text)),
            Some("the Daily Courier")
        );
    }

    #[test]
    fn a_frame_inside_the_sentence() {
        assert_eq!(
            found("The bridge will stay shut because, the mayor said, the piers are unsafe."),
            [row("the piers are unsafe", "said", "the mayor", "indirect")]
        );
        assert_eq!(
            found("The repairs, the mayor said, will take until the end of August."),
            [row(
                "The repairs, the mayor said, will take until the end of August",
                "said",
                "the mayor",
                "indirect"
            )]
        );
    }

    #[test]
    fn a_partial_quote_inside_reported_speech() {
        assert_eq!(
            found("The minister said the plan was “a trap” for the smaller towns."),
            [row(
                "the plan was “a trap” for the smaller towns",
                "said",
                "The minister",
                "partial"
            )]
        );
    }

    #[test]
    fn a_sentence_in_the_writers_own_voice_has_none() {
        assert_eq!(
            found("The bridge closed on Monday for repairs that will last until August."),
            []
        );
        assert_eq!(found("Ships began unloading within hours of the vote."), []);
        assert_eq!(
            found(
                "Traffic will be diverted through Easterby, adding eleven kilometres to the trip."
            ),
            []
        );
    }
}
