//! Who said what: direct quotes and reported speech, each with its cue,
//! content and speaker mention, found by rules over words and punctuation
//! (no parser, no model).
//!
//! This module finds quotes and the frames around them; `speaker` finds
//! the speaker a cue names, `reported` the attributions without quotation
//! marks.

mod reported;
mod speaker;

use reported::reported_speech;
use speaker::{speaker_after, speaker_before, speaker_before_at};

use crate::cues::{self, is_cue_word, needs_particle};
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
    /// The kind of framing finding this is, which decides whether a report
    /// shows it by default (see [`Attribution::finding_kind`]); filled in
    /// by [`crate::frame`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<crate::FindingKind>,
}

/// How the text gives an attribution's speaker, which decides how far the
/// speaker shown can be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpeakerEvidence {
    /// A name or a noun phrase beside the cue: "Grushko said", "the
    /// ministry said", "officials said".
    Named,
    /// A pronoun beside the cue, resolved from the text before: "he said".
    Pronoun,
    /// A quote that continues an earlier one, or no speaker in the text.
    Elsewhere,
}

impl SpeakerEvidence {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerEvidence::Named => "named",
            SpeakerEvidence::Pronoun => "pronoun",
            SpeakerEvidence::Elsewhere => "elsewhere",
        }
    }
}

impl Attribution {
    /// Which kind of finding this attribution is, for the audit: a quote
    /// whose own sentence names its speaker is right far more often than
    /// reported speech or a speaker carried over from elsewhere.
    #[must_use]
    pub fn finding_kind(&self, text: &str) -> crate::FindingKind {
        // A person or an organisation by name, or a surname ("Dempsey
        // said"): not a place ("Russia said") or a description ("a
        // spokesman for Google").
        let named = self.speaker_evidence(text) == SpeakerEvidence::Named
            && self
                .source
                .and_then(|source| source.text(text))
                .is_some_and(|source| {
                    let named = crate::names::parse(source);
                    let surname = named
                        .name
                        .as_deref()
                        .is_some_and(|name| !name.contains([' ', '.']));
                    named.name.is_some()
                        && match named.kind {
                            crate::names::Kind::Person | crate::names::Kind::Organisation => true,
                            crate::names::Kind::Other => surname,
                            _ => false,
                        }
                });
        if named && self.quoting != Quoting::Indirect {
            crate::FindingKind::QuotedSpeaker
        } else {
            crate::FindingKind::Attribution
        }
    }

    /// How the text gives this attribution's speaker.
    #[must_use]
    pub fn speaker_evidence(&self, text: &str) -> SpeakerEvidence {
        match self.source.and_then(|source| source.text(text)) {
            _ if self.continued => SpeakerEvidence::Elsewhere,
            None => SpeakerEvidence::Elsewhere,
            Some(source)
                if cues::SPEAKER_PRONOUNS.contains(&source.trim().to_lowercase().as_str()) =>
            {
                SpeakerEvidence::Pronoun
            }
            Some(_) => SpeakerEvidence::Named,
        }
    }
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

/// A cue in the words right after a quote, where a few more verbs report
/// speech (see [`cues::is_frame_cue_word`]).
fn is_frame_cue(word: &Word<'_>) -> bool {
    !word.quoted
        && word.text.starts_with(char::is_lowercase)
        && cues::is_frame_cue_word(&word.lower)
}

/// Whether the cue at `cue_at` reports someone speaking. It does not when
/// it is passive ("residents were told", "lenders are expected"), denied
/// ("has not said whether", "declined to say"), a noun ("rejected claims
/// by", "his comments") or naming in the writer's words ("called the
/// decision a signal"): then whoever the words before it name did not say
/// what follows.
fn speaks(words: &[Word<'_>], cue_at: usize) -> bool {
    let cue = words[cue_at].lower.as_str();
    // The words before the cue in its clause, nearest first.
    let mut before: Vec<&str> = Vec::new();
    let mut at = cue_at;
    while at > 0 && before.len() < 3 && !opens_clause(&words[at]) {
        at -= 1;
        before.push(words[at].lower.as_str());
    }
    // Adverbs may sit between the auxiliary and the cue: "is widely
    // expected", "has repeatedly said".
    let nearest_verb_word = before
        .iter()
        .copied()
        .find(|word| !word.ends_with("ly") && !["also", "already", "now", "still"].contains(word));
    let participle = cue.ends_with("ed")
        || [
            "told", "said", "thought", "found", "felt", "written", "shown", "known",
        ]
        .contains(&cue);
    if participle && nearest_verb_word.is_some_and(|word| cues::BE_FORMS.contains(&word)) {
        return false;
    }
    // "when asked to do so by police", "unless told otherwise": a
    // participle after a subordinator is passive, with no speaker.
    if participle
        && cue_at >= 1
        && [
            "when", "if", "unless", "once", "until", "as", "than", "where", "whenever",
        ]
        .contains(&words[cue_at - 1].lower.as_str())
    {
        return false;
    }
    if before.iter().any(|word| cues::NEGATIONS.contains(word)) {
        return false;
    }
    // "would then have claimed": what someone might have said.
    if before
        .first()
        .is_some_and(|word| ["have", "has"].contains(word))
        && before
            .iter()
            .any(|word| ["would", "could", "might", "should"].contains(word))
    {
        return false;
    }
    // "the only two Arab states": a noun after a capitalised adjective
    // and a determiner or a number.
    if cues::NOUN_FORMS.contains(&cue)
        && cue_at >= 2
        && is_capitalised(words[cue_at - 1].text)
        && cues::BEFORE_NOUNS.contains(&words[cue_at - 2].lower.as_str())
    {
        return false;
    }
    if before.first() == Some(&"to")
        && before
            .get(1)
            .is_some_and(|word| cues::REFUSALS.contains(word))
    {
        return false;
    }
    // "began taking calls from listeners": the object of a verb in -ing.
    if cues::NOUN_FORMS.contains(&cue)
        && before.first().is_none_or(|word| {
            cues::BEFORE_NOUNS.contains(word)
                || (word.ends_with("ed") && words[cue_at - 1].text.starts_with(char::is_lowercase))
                || (word.ends_with("ing") && !is_cue_word(word))
        })
    {
        return false;
    }
    // "called it “a fair settlement …”" quotes the speaker's own words:
    // that naming is what they said.
    if ["called", "calls", "call"].contains(&cue)
        && words
            .get(cue_at + 1)
            .is_none_or(|next| !cues::CALLED_PARTICLES.contains(&next.lower.as_str()))
        && !words[cue_at + 1..].iter().take(4).any(|word| word.quoted)
    {
        return false;
    }
    true
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Finds the attributions of one document from its body sentences (in
/// order) and the paragraphs they form.
#[must_use]
pub fn attributions(text: &str, sentences: &[Span], paragraphs: &[Span]) -> Vec<Attribution> {
    let quotes = quotes(text, paragraphs);
    // Paragraphs come in order and do not overlap: the one holding a span
    // is found by bisection.
    let paragraph_of = |span: Span| {
        let at = paragraphs.partition_point(|paragraph| paragraph.start <= span.start);
        at.checked_sub(1)
            .filter(|&at| span.start < paragraphs[at].end)
    };
    let mut found: Vec<Attribution> = Vec::new();
    let mut covered: Vec<bool> = vec![false; sentences.len()];

    // Direct quotes first: a quote may cross sentences, and its frame sits
    // before its opening mark or after its closing one.
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
        // `“You winning?” she said.` and `“Why?” Graham asked.` are split
        // after the question mark; the frame is the next sentence when it
        // opens in lower case or is no more than a frame.
        if text[quote.span.end..sentences[last].end.max(quote.span.end)]
            .trim()
            .is_empty()
            && let Some(next) = sentences.get(last + 1)
            && paragraph_of(*next) == paragraph_of(quote.span)
            && (text[next.start..next.end]
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
                || is_bare_frame(text, *next, &quotes)
                || signature(text, *next).is_some())
        {
            last += 1;
        }
        let tail = Span::new(quote.span.end, sentences[last].end.max(quote.span.end));
        let head_words = parallax_core::words(&text[head.start..head.end]).count();
        let tail_words = parallax_core::words(&text[tail.start..tail.end]).count();
        // A quote closes its clause when its last word carries the
        // punctuation (`…,” he said`) or the punctuation follows it
        // (`…”, said the diplomat`); "a “frank” conversation" runs on.
        // A quote inside the quote may close with it: `…the vote,'"`.
        let inner_text = text[quote.inner.start..quote.inner.end].trim_end_matches(['\'', '’']);
        let tail_text = text[tail.start..tail.end].trim_start();
        let ends_clause = inner_text.ends_with(|c: char| ",.!?…;:".contains(c))
            || tail_text.is_empty()
            || tail_text.starts_with(|c: char| ",.;:!?―—–-)".contains(c));
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
        // A quote of a word or two is a scare quote or a title, unless a
        // frame introduces it and it ends as an utterance does: `chanted
        // "What curfew?"`.
        let utterance = before.is_some() && inner_text.ends_with(['?', '!', '.']);
        let stands_alone = (inner_words >= 3 || (inner_words >= 1 && utterance))
            && ends_clause
            && starts_clause
            && (head_words <= 12 || before.is_some())
            // `Protesters chanted "What curfew?" and kept going until …`:
            // after a frame before the quote, the writer's words may run on.
            && (tail_words <= 12 || after.is_some() || before.is_some());
        if !stands_alone {
            continue;
        }
        // A frame that names its speaker wins: `In a statement, Peabody
        // said: “…,” adding that…`.
        let frame = match (after, before) {
            (Some((_, None)), Some((_, Some(_)))) => before,
            _ => after.or(before),
        }
        .or_else(|| signature(text, tail))
        .or_else(|| colon_frame(text, sentences, paragraphs, quote.span, &quotes));
        // A transcript's turn: `"PENCE: Well, look, …`.
        let turn = if frame.is_none() {
            transcript_turn(text, quote.inner)
        } else {
            None
        };
        let content = turn.map_or(quote.inner, |(_, _, content)| content);
        let frame = frame.or(turn.map(|(cue, source, _)| (cue, Some(source))));
        let (cue, source, continued) = match frame {
            Some((cue, source)) => (Some(cue), source, false),
            // A quote with no words of the writer's around it may continue
            // the attribution before it; which one is settled below, once
            // reported speech is found too. A frame the rules cannot read
            // is not a continuation.
            None => (None, None, head_words == 0 && tail_words == 0),
        };
        found.push(Attribution {
            content,
            cue,
            source,
            quoting: Quoting::Direct,
            via: None,
            speaker: None,
            continued,
            kind: None,
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
    // A continued quote keeps the speaker of the attribution right before
    // it, in its paragraph or the one before: `…, says Paul Rieckhoff. “We
    // often compare it…”`.
    for index in 0..found.len() {
        if !found[index].continued {
            continue;
        }
        let paragraph = paragraph_of(found[index].content);
        let previous = index.checked_sub(1).map(|previous| &found[previous]);
        let source = previous
            .filter(|previous| {
                paragraph_of(previous.content)
                    .zip(paragraph)
                    .is_some_and(|(before, this)| this <= before + 1)
            })
            .and_then(|previous| previous.source);
        found[index].source = source;
        found[index].continued = source.is_some();
    }
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
    // "…, one of the states suing the EPA, said": a cue word used as a
    // noun on the way is passed over.
    let cue_at =
        (0..words.len().min(40)).find(|&at| is_frame_cue(&words[at]) && speaks(&words, at))?;
    if words[..cue_at].iter().any(|word| word.quoted) {
        return None;
    }
    let cue = cue_span(&words, cue_at);
    if cue_at > 0 {
        // `he said`, `Grushko told reporters`: the speaker is what precedes.
        let (start, source) = speaker_before_at(&words, cue_at)?;
        // One lower-case word of description may precede the speaker's
        // span: `,” panel Chairman Rep. Jason Chaffetz said`.
        let described = start == 1 && words[0].text.starts_with(char::is_lowercase);
        return (start == 0 || described).then_some((cue, Some(source)));
    }
    Some((cue, speaker_after(&words, cue_at)))
}

/// A sentence that is only a frame: `Graham asked.`, `Clinton said on
/// Monday.` — a speaker, a cue and at most a few words after it.
fn is_bare_frame(text: &str, sentence: Span, quotes: &[Quote]) -> bool {
    let words = words_of(text, sentence, quotes);
    let Some(cue_at) = words.iter().position(is_frame_cue) else {
        return false;
    };
    cue_at > 0
        && words.len() - cue_at <= 4
        && !words.iter().any(|word| word.quoted)
        && speaker_before_at(&words, cue_at).is_some_and(|(start, _)| start == 0)
}

/// A speaker's turn in a transcript: a name in capitals and a colon
/// opening the quote (`PENCE: Well, look, …`). Gives the colon, the name
/// and what follows.
fn transcript_turn(text: &str, inner: Span) -> Option<(Span, Span, Span)> {
    let slice = &text[inner.start..inner.end];
    let colon = slice.find(':')?;
    let name = &slice[..colon];
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    let is_name = (2..=30).contains(&letters)
        && name.split_whitespace().count() <= 3
        && name
            .chars()
            .all(|c| c.is_uppercase() || c == ' ' || c == '.' || c == '-' || c == '\'');
    let content = Span::new(inner.start + colon + 1, inner.end).trim(text);
    (is_name && !content.is_empty()).then(|| {
        (
            Span::new(inner.start + colon, inner.start + colon + 1),
            Span::new(inner.start, inner.start + name.trim_end().len()),
            content,
        )
    })
}

/// A quote signed after a dash, as readers' comments and epigraphs are:
/// `“…unlike him.” ― Carla Sanchez.` The dash stands for the cue.
fn signature(text: &str, tail: Span) -> Option<(Span, Option<Span>)> {
    let slice = &text[tail.start..tail.end];
    let after_space = slice.len() - slice.trim_start().len();
    let dash = slice[after_space..]
        .chars()
        .next()
        .filter(|c| "―—–".contains(*c))?;
    let name_start = tail.start + after_space + dash.len_utf8();
    // The signature ends where the next quote opens.
    let name_end = text[name_start..tail.end]
        .find(['“', '"', '”'])
        .map_or(tail.end, |at| name_start + at);
    let name = Span::new(name_start, name_end).trim(text);
    let name_text = text[name.start..name.end].trim_end_matches('.');
    let words: Vec<&str> = name_text.split_whitespace().collect();
    let is_name = (1..=5).contains(&words.len())
        && words
            .iter()
            .all(|word| word.starts_with(char::is_uppercase) && !word.contains(','));
    is_name.then(|| {
        (
            Span::new(name_start - dash.len_utf8(), name_start),
            Some(Span::new(name.start, name.start + name_text.len())),
        )
    })
}

/// The cue and speaker in the words right before a quote: `Grushko said:
/// “`, `He told TASS, “`, `According to the diplomat, “`.
fn frame_before(text: &str, head: Span, quotes: &[Quote]) -> Option<(Span, Option<Span>)> {
    let words = words_of(text, head, quotes);
    let closing = text[head.start..head.end].trim_end();
    // `chanted “What curfew?”`, `tweeting, “Notice …”`: a verb that
    // reports speech only next to a quote opens this one.
    let ends_with_frame_cue = words
        .last()
        .is_some_and(|word| text[word.span.end..head.end].trim().len() <= 1 && is_frame_cue(word));
    let ends_with_cue = words.last().is_some_and(|word| {
        word.span.end == head.start + closing.len() && (is_cue(word) || ends_with_frame_cue)
    });
    if !(closing.ends_with(':')
        || closing.ends_with(',')
        || closing.ends_with("that")
        || ends_with_cue)
    {
        return None;
    }
    // `According to the diplomat, “…”`: the source is all that follows.
    if let Some(at) = words
        .windows(2)
        .position(|pair| pair[0].lower == "according" && pair[1].lower == "to")
        && closing.ends_with(',')
        && words.len() > at + 2
        && words.len() - at <= 10
        && words[at + 2..]
            .iter()
            .skip(1)
            .all(|word| !opens_clause(word))
    {
        let cue = words[at].span.cover(words[at + 1].span);
        let source = Span::new(words[at + 2].span.start, words[words.len() - 1].span.end);
        return Some((cue, Some(source)));
    }
    let cue_at = if ends_with_frame_cue {
        words.len() - 1
    } else {
        words.iter().rposition(is_cue)?
    };
    // "HP is called “feather duvet lung”" names; nobody speaks.
    if words.len() - cue_at > 6 || !speaks(&words, cue_at) {
        return None;
    }
    let cue = cue_span(&words, cue_at);
    let participle = words[cue_at].lower.ends_with("ing") && opens_clause(&words[cue_at]);
    let source = if participle {
        // `Trump walked onto the stage, chanting “…”`: the participle's
        // subject is the main clause's.
        speaker::participle_subject(&words, cue_at).map(|(_, span)| span)
    } else {
        speaker_before(&words, cue_at).or_else(|| speaker_after(&words, cue_at))
    };
    Some((cue, source))
}

/// A sentence ending in a colon with a cue (`Grushko said:`) introduces the
/// quote that follows it, in its paragraph or as the paragraph before it
/// (`The New York Times reports:`, which cleaning may not count as a
/// sentence of the story).
fn colon_frame(
    text: &str,
    sentences: &[Span],
    paragraphs: &[Span],
    quote: Span,
    quotes: &[Quote],
) -> Option<(Span, Option<Span>)> {
    // Both come in order: the last one ending before the quote, by
    // bisection.
    let previous_sentence =
        sentences[..sentences.partition_point(|sentence| sentence.end <= quote.start)].last();
    let previous_paragraph =
        paragraphs[..paragraphs.partition_point(|paragraph| paragraph.end <= quote.start)].last();
    // The nearer of the two, so nothing stands between it and the quote.
    let previous = match (previous_sentence, previous_paragraph) {
        (Some(sentence), Some(paragraph)) if paragraph.end > sentence.end => *paragraph,
        (Some(sentence), _) => *sentence,
        (None, paragraph) => *paragraph?,
    };
    if !text[previous.end..quote.start].trim().is_empty()
        || !text[previous.start..previous.end].trim_end().ends_with(':')
    {
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

/// The words `start..end` joined by spaces.
fn text_of(words: &[Word<'_>], start: usize, end: usize) -> String {
    words[start..end]
        .iter()
        .map(|word| word.text)
        .collect::<Vec<_>>()
        .join(" ")
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
        kind: None,
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

    /// Issue 17: speakers that are a noun phrase in lower case, a name set
    /// off by commas, the subject of a participle, a chain of appositives.
    #[test]
    fn speakers_in_the_shapes_news_copy_gives_them() {
        assert_eq!(
            found(
                "The bridge will stay shut until spring, city engineers said on Tuesday, as traffic backed up."
            ),
            [row(
                "The bridge will stay shut until spring",
                "said",
                "city engineers",
                "indirect"
            )]
        );
        assert_eq!(
            found(
                "In a letter, the union's lawyer, Maria Okafor, said the dismissals broke the contract."
            ),
            [row(
                "the dismissals broke the contract",
                "said",
                "Maria Okafor",
                "indirect"
            )]
        );
        assert_eq!(
            found(
                "A county judge refused a request to release the records of the Smith estate, saying the court had no role in the dispute."
            ),
            [row(
                "the court had no role in the dispute",
                "saying",
                "A county judge",
                "indirect"
            )]
        );
        assert_eq!(
            found(
                "“Prices will fall,” Okafor said, adding later, “but not this year, and not for everyone.”"
            ),
            [
                row("Prices will fall,", "said", "Okafor", "direct"),
                row(
                    "but not this year, and not for everyone.",
                    "adding",
                    "Okafor",
                    "direct"
                )
            ]
        );
        assert_eq!(
            found(
                "“The levy is unlawful,” Ana Ruiz, the state's treasurer, one of the officials named in the suit, said on Friday."
            ),
            [row(
                "The levy is unlawful,",
                "said",
                "Ana Ruiz, the state's treasurer, one of the officials named in the suit",
                "direct"
            )]
        );
    }

    /// Issue 17: archive quotation marks, a title's full stop, a verb that
    /// reports speech only next to a quote, and words that only look like
    /// cues.
    #[test]
    fn quotes_and_cues_that_are_easy_to_misread() {
        assert_eq!(
            found("''Nothing has changed since the vote,'' said Mr. Lindqvist."),
            [row(
                "Nothing has changed since the vote,",
                "said",
                "Mr. Lindqvist",
                "direct"
            )]
        );
        assert_eq!(
            found(
                "Marchers outside the hall chanted “Not one more!” and kept on walking past the town hall until well after two in the morning."
            ),
            [row(
                "Not one more!",
                "chanted",
                "Marchers outside the hall",
                "direct"
            )]
        );
        assert_eq!(
            found("Okafor said the crew left the site when asked to do so by the inspectors."),
            [row(
                "the crew left the site when asked to do so by the inspectors",
                "said",
                "Okafor",
                "indirect"
            )]
        );
        assert_eq!(
            found("By noon the mayor began taking calls from residents."),
            []
        );
        assert_eq!(
            found("In her 2003 memoir, Living Proof, Alvarez noted the diagnosis."),
            []
        );
        // "hastily called" describes the meeting; nobody called anything.
        let following = found(
            "Following a hastily called, late meeting, the council issued a statement calling the test \"a clear violation\" of the rules.",
        );
        assert!(
            following
                .iter()
                .all(|(_, cue, source, _)| cue != "called" && !source.starts_with("Following")),
            "{following:?}"
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
    fn frames_split_off_signed_or_set_in_the_paragraph_before() {
        // The sentence splitter cuts after the question mark; the frame is
        // the short sentence that follows.
        assert_eq!(
            found("“Who will pay for the repairs?” Okafor asked. The council did not answer."),
            [row(
                "Who will pay for the repairs?",
                "asked",
                "Okafor",
                "direct"
            )]
        );
        // A reader's comment signed after a dash.
        assert_eq!(
            found("“The new timetable leaves us stranded every evening.” ― Lena Brandt"),
            [row(
                "The new timetable leaves us stranded every evening.",
                "―",
                "Lena Brandt",
                "direct"
            )]
        );
        // A colon frame standing as its own paragraph.
        assert_eq!(
            found(
                "The regional daily reports:\n\n“The mill will close its second line by spring.”"
            ),
            [row(
                "The mill will close its second line by spring.",
                "reports",
                "The regional daily",
                "direct"
            )]
        );
        // A quote that ends on a quote of its own still ends its clause.
        assert_eq!(
            found("“He told us, ‘the plant stays open,’” said shop steward Ana Ruiz."),
            [row(
                "He told us, ‘the plant stays open,’",
                "said",
                "shop steward Ana Ruiz",
                "direct"
            )]
        );
    }

    #[test]
    fn a_frame_between_commas_names_the_speaker_of_what_comes_before() {
        // The cue at the start belongs to what is reported, not to the
        // writer: the frame set off by commas says who reports it.
        let rows = found(
            "The ministry insists that the ferry was seaworthy, she stressed, adding that the inquiry would say more.",
        );
        assert_eq!(
            rows,
            [row(
                "The ministry insists that the ferry was seaworthy",
                "stressed",
                "she",
                "indirect"
            )]
        );
        let rows = found(
            "Fares would rise by a tenth, the operator said, compared with a fifth last year.",
        );
        assert_eq!(rows[0].2, "the operator");
        assert!(rows[0].0.ends_with("a fifth last year"));
    }

    #[test]
    fn what_a_paper_passes_on_and_what_is_not_speech() {
        // The paper passes on what the speaker said.
        let rows = found("Trucks “carry most of it,” she said, according to the Valley Herald.");
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].2, "she");
        // Naming, a noun after a capitalised adjective, a might-have-said.
        assert!(found("In birds the illness is called “pigeon fancier's lung.”").is_empty());
        assert!(found("The only two Baltic states to object were Latvia and Estonia.").is_empty());
        assert!(found("The lawyer, a friend of the Mayor, would then have claimed that the fund was empty.").is_empty());
        // A hyphen joins a name after the cue.
        let rows = found("“Sleep is a tool for long flights,” explains project lead Jana Ngo-Anh.");
        assert_eq!(rows[0].2, "project lead Jana Ngo-Anh");
    }

    #[test]
    fn turns_of_a_transcript() {
        let text = "Part of the interview follows:\n\n\"HOST: Will the mine reopen this year?\n\n\"OKAFOR: Not before the inspectors sign off.\"";
        let rows = found(text);
        assert_eq!(
            rows,
            [
                row("Will the mine reopen this year?", ":", "HOST", "direct"),
                row(
                    "Not before the inspectors sign off.",
                    ":",
                    "OKAFOR",
                    "direct"
                ),
            ]
        );
    }

    #[test]
    fn speakers_with_an_appositive_an_affiliation_or_an_adverbial() {
        assert_eq!(
            found(
                "“The vote is scheduled for Thursday,” Maria Olsen, a spokeswoman for the union, said."
            ),
            [row(
                "The vote is scheduled for Thursday,",
                "said",
                "Maria Olsen, a spokeswoman for the union",
                "direct"
            )]
        );
        assert_eq!(
            found("“We have the votes,” Sen. Tom Hale, R-Neb., said Tuesday."),
            [row(
                "We have the votes,",
                "said",
                "Sen. Tom Hale, R-Neb",
                "direct"
            )]
        );
        assert_eq!(
            found("The mayor, at a news conference, said, “The curfew ends tonight at midnight.”"),
            [row(
                "The curfew ends tonight at midnight.",
                "said",
                "The mayor",
                "direct"
            )]
        );
        assert_eq!(
            found("According to the harbour master, “the channel stays closed until Friday.”"),
            [row(
                "the channel stays closed until Friday.",
                "According to",
                "the harbour master",
                "direct"
            )]
        );
        // A frame that names its speaker wins over a cue without one.
        assert_eq!(
            found(
                "In a statement, the insurer said: “Claims will be paid in full,” adding that staff were ready."
            ),
            [row(
                "Claims will be paid in full,",
                "said",
                "the insurer",
                "direct"
            )]
        );
        // Some verbs are cues only right after a quote.
        assert_eq!(
            found("“No child will be turned away,” the letter reads."),
            [row(
                "No child will be turned away,",
                "reads",
                "the letter",
                "direct"
            )]
        );
        assert!(found("The strike continued into a third week.").is_empty());
    }

    #[test]
    fn a_continued_quote_follows_the_attribution_right_before_it() {
        // The attribution before may be reported speech with a partial quote.
        let text = "Repairs are “far behind schedule,” says engineer Ruth Amadi. “We lost a month to the floods.”";
        let rows = found(text);
        assert_eq!(
            rows[1],
            row(
                "We lost a month to the floods.",
                "",
                "engineer Ruth Amadi",
                "direct"
            )
        );
        // A frame the rules cannot read is not taken for a continuation.
        let text = "“The pumps failed first,” the captain said.\n\n“The levee held until noon,” the old warden whispered to us.";
        let rows = found(text);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].2, "");
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

    /// Issue 17: the rules that tell speech from what only looks like it,
    /// each on a sentence of its own.
    #[test]
    fn passives_denials_nouns_and_naming_are_not_speech() {
        for sentence in [
            "Residents were told to keep their windows closed until further notice.",
            "Mortgage lenders are expected to pass on the increase within weeks.",
            "Meridia has not said whether it would attend the talks in Geneva.",
            "The ministry declined to say how many troops had been moved there.",
            "Meridia on Monday rejected claims by the minister that its forces had fired first.",
            "Digital Rights Watch called the decision a clear signal to the whole industry.",
            "The 48-hour rail strike called for Friday will cost the economy dearly.",
            // The cue first, with only an adverb before it: nothing names a
            // speaker (and nothing may index before the first word).
            "Reportedly said that the talks would resume next week in Geneva.",
        ] {
            assert_eq!(found(sentence), [], "{sentence}");
        }
        // Quoted words make naming speech; "called for" is a call.
        assert_eq!(
            found("Union secretary Tomás Reyes called it “a fair settlement for our members”.")[0]
                .2,
            "Union secretary Tomás Reyes"
        );
        assert_eq!(
            found("The opposition called for new elections within three months.")[0].2,
            "The opposition"
        );
    }

    /// Issue 17: a speaker is a noun phrase, found past a clause that is
    /// not one.
    #[test]
    fn speakers_are_noun_phrases_not_clauses() {
        let rows = |sentence: &str| {
            found(sentence)
                .into_iter()
                .map(|(_, cue, source, _)| (source, cue))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            rows(
                "The company has halted production and says it is working with the investigation."
            ),
            [("The company".to_owned(), "says".to_owned())]
        );
        assert_eq!(
            rows(
                "Prime Minister Tomas Arvel visited the city on Monday and promised state aid to rebuild homes."
            ),
            [(
                "Prime Minister Tomas Arvel".to_owned(),
                "promised".to_owned()
            )]
        );
        assert_eq!(
            rows("Thursday's walk-ins were the third time AROS said it had set up such an event."),
            [("AROS".to_owned(), "said".to_owned())]
        );
        assert_eq!(
            rows(
                "Clinton had told police officials that she did not want the escort, the source added."
            ),
            [("the source".to_owned(), "added".to_owned())]
        );
        // Content starts at the pronoun, not at a later "that".
        assert_eq!(
            found("Transport Minister Ola Fenner said he was disappointed that no deal had been reached.")[0].0,
            "he was disappointed that no deal had been reached"
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
