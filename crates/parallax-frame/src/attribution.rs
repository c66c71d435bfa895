//! Who said what: direct quotes and reported speech, each with its cue,
//! content and speaker mention, found by rules over words and punctuation
//! (no parser, no model).

use crate::cues::{ADVERBIAL_OPENERS, SPEAKER_PRONOUNS, is_cue_word, needs_particle};
use crate::quotes::{Quote, quotes};
use parallax_core::Span;
use serde::Serialize;

/// How much of the content the outlet gives in the speaker's own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
            quoted: quotes
                .iter()
                .any(|quote| quote.inner.start <= span.start && span.end <= quote.inner.end),
        });
        previous_end = start + word.len();
    }
    words
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
        let tail = Span::new(quote.span.end, sentences[last].end.max(quote.span.end));
        let head_words = parallax_core::words(&text[head.start..head.end]).count();
        let tail_words = parallax_core::words(&text[tail.start..tail.end]).count();
        let after = frame_after(text, tail, &quotes);
        let before = frame_before(text, head, &quotes);
        // A short quote inside a longer sentence of the writer's own is a
        // partial quote, read with the sentence's reported speech below.
        let stands_alone = inner_words >= 3
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
    found.sort_by_key(|attribution| (attribution.content.start, attribution.content.end));
    found
}

/// The cue and speaker in the words right after a quote: `,” he said`,
/// `”, said the diplomat, stressing…`, `,” Grushko told reporters`.
fn frame_after(text: &str, tail: Span, quotes: &[Quote]) -> Option<(Span, Option<Span>)> {
    let words = words_of(text, tail, quotes);
    // The frame must open the tail: at most six words before the cue.
    let cue_at = words
        .iter()
        .take(7)
        .position(|word| !word.quoted && is_cue_word(&word.lower))?;
    if words[..cue_at].iter().any(|word| word.quoted) {
        return None;
    }
    let cue = cue_span(&words, cue_at);
    if cue_at > 0 {
        // `he said`, `Grushko told reporters`: the speaker is what precedes.
        let source = Span::new(words[0].span.start, words[cue_at - 1].span.end);
        return Some((cue, Some(source)));
    }
    Some((cue, speaker_after(&words, cue_at)))
}

/// The cue and speaker in the words right before a quote: `Grushko said:
/// “`, `He told TASS, “`, `According to the diplomat, “`.
fn frame_before(text: &str, head: Span, quotes: &[Quote]) -> Option<(Span, Option<Span>)> {
    let words = words_of(text, head, quotes);
    let closing = text[head.start..head.end].trim_end();
    if !(closing.ends_with(':') || closing.ends_with(',') || closing.ends_with("that")) {
        return None;
    }
    let cue_at = words
        .iter()
        .rposition(|word| !word.quoted && is_cue_word(&word.lower))?;
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

/// The speaker named before a cue: the words back to the start of the
/// clause (`Russian Deputy Foreign Minister Alexander Grushko said`), at
/// most ten, without adverbs such as "also".
fn speaker_before(words: &[Word<'_>], cue_at: usize) -> Option<Span> {
    if cue_at == 0 {
        return None;
    }
    let mut start = cue_at;
    while start > 0 {
        let word = &words[start - 1];
        if word.quoted || cue_at - start >= 10 {
            break;
        }
        start -= 1;
        // A comma or other punctuation before this word opens the clause.
        if !word.before.is_empty() && !word.before.chars().all(|c| c == '.' || c == '-') {
            break;
        }
    }
    let mut end = cue_at;
    while end > start && SKIPPED_BEFORE_CUE.contains(&words[end - 1].lower.as_str()) {
        end -= 1;
    }
    while start < end && SKIPPED_CLAUSE_OPENERS.contains(&words[start].lower.as_str()) {
        start += 1;
    }
    if start == end {
        return None;
    }
    let phrase = &words[start..end];
    let plausible = phrase.iter().any(|word| is_capitalised(word.text))
        || SPEAKER_PRONOUNS.contains(&phrase[0].lower.as_str())
        || [
            "the",
            "a",
            "an",
            "his",
            "her",
            "their",
            "its",
            "some",
            "many",
            "officials",
            "sources",
            "experts",
            "critics",
            "analysts",
        ]
        .contains(&phrase[0].lower.as_str());
    plausible.then(|| Span::new(phrase[0].span.start, phrase[phrase.len() - 1].span.end))
}

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
    "had",
    "never",
    "not",
    "did",
    "does",
    "do",
];

/// Words that open a clause before its subject.
const SKIPPED_CLAUSE_OPENERS: &[&str] = &["and", "but", "so", "yet", "however", "meanwhile"];

/// Reported speech in one sentence: "According to X, …", "…, X said.",
/// "X said (that) …".
fn reported_speech(text: &str, sentence: Span, words: &[Word<'_>]) -> Option<Attribution> {
    if words.len() < 4 {
        return None;
    }
    let last = words.len() - 1;
    // According to X, C. / C, according to X.
    if let Some(at) = words
        .windows(2)
        .position(|pair| pair[0].lower == "according" && pair[1].lower == "to" && !pair[0].quoted)
    {
        let cue = words[at].span.cover(words[at + 1].span);
        let mut end = at + 2;
        while end < words.len() && (end == at + 2 || words[end].before.is_empty()) {
            end += 1;
        }
        let source =
            (end > at + 2).then(|| Span::new(words[at + 2].span.start, words[end - 1].span.end));
        let content = if at == 0 || words[at].before.is_empty() && at <= 1 {
            (end <= last).then(|| Span::new(words[end].span.start, sentence.end))
        } else {
            Some(Span::new(sentence.start, words[at].span.start))
        }?;
        return Some(finish(text, content, Some(cue), source));
    }
    // C, X said. / C, said X. — the frame is the last clause.
    let last_comma = (1..=last)
        .rev()
        .find(|&index| words[index].before.contains(','));
    if let Some(clause) = last_comma
        && last - clause < 10
        && let Some(cue_offset) = words[clause..]
            .iter()
            .position(|word| is_cue_word(&word.lower) && !word.quoted)
    {
        let cue_at = clause + cue_offset;
        let source = if cue_at > clause {
            speaker_before(words, cue_at)
        } else {
            speaker_after(words, cue_at)
        };
        if source.is_some() && clause >= 3 {
            let content = Span::new(sentence.start, words[clause].span.start);
            return Some(finish(text, content, Some(cue_span(words, cue_at)), source));
        }
    }
    // X said (that) C. — the speaker opens the sentence or its main clause.
    for cue_at in 1..words.len().saturating_sub(3) {
        let word = &words[cue_at];
        if word.quoted || !is_cue_word(&word.lower) || cue_at > 14 {
            continue;
        }
        let Some(source) = speaker_before(words, cue_at) else {
            continue;
        };
        let mut content_at = cue_at + 1;
        if needs_particle(&word.lower).is_some() {
            content_at += 1;
        }
        // "told reporters", "told TASS", "said on Wednesday", "said in a
        // statement": skip to "that", a colon or a comma.
        let rest = &words[content_at..];
        if let Some(that) = rest.iter().take(8).position(|word| {
            word.lower == "that" || word.before.contains(':') || word.before.contains(',')
        }) {
            content_at += that;
            if words[content_at].lower == "that" {
                content_at += 1;
            }
        }
        if words.len() - content_at < 3 {
            return None;
        }
        let content = Span::new(words[content_at].span.start, sentence.end);
        return Some(finish(
            text,
            content,
            Some(cue_span(words, cue_at)),
            Some(source),
        ));
    }
    None
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
        continued: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (content, cue, source, quoting) of each attribution in `text`, one
    /// paragraph a line.
    fn found(text: &str) -> Vec<(String, String, String, &'static str)> {
        let paragraphs: Vec<Span> = parallax_core::lines(text)
            .into_iter()
            .filter(|line| !line.text(text).unwrap_or("").trim().is_empty())
            .collect();
        let sentences: Vec<Span> = paragraphs
            .iter()
            .flat_map(|paragraph| parallax_core::sentences(text, *paragraph))
            .collect();
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
    }
}
