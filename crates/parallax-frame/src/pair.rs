//! The framing of one pair: the same quote in both, claims one states and
//! the other attributes, headlines and leads side by side.

use crate::attribution::{Attribution, Quoting};
use crate::model::{
    Compared, Contrast, ContrastKind, DocumentFraming, PairFraming, QuoteRelation, SharedQuote,
};
use crate::phrases::{Phrases, phrase_contrasts};
use parallax_align::Side;
use parallax_core::{Link, LinkKind, Span, tokens};
use std::collections::HashMap;

/// A linked sentence counts as attributed when attributions (their
/// speaker, cue and content) cover at least this share of it: both sides
/// attributed to different speakers is a contrast too.
pub const ATTRIBUTED_SHARE: f64 = 0.5;

pub(crate) fn frame_pair(
    (input_a, framing_a, phrases_a): (Side<'_>, &DocumentFraming, &Phrases),
    (input_b, framing_b, phrases_b): (Side<'_>, &DocumentFraming, &Phrases),
    links: &[Link],
) -> PairFraming {
    let (text_a, text_b) = (&input_a.document.text, &input_b.document.text);
    let compared = |a: Option<Span>, b: Option<Span>| {
        let (a, b) = (a?, b?);
        // Headlines of one event share its key words by construction, so
        // the words' "same content" decision calls headlines that say
        // different things paraphrases (both headline pairs it linked in
        // the bundled reports on the security talks were wrong): only a
        // copy, word for word or nearly, links two headlines.
        let linked =
            parallax_align::link_sentences(&text_a[a.start..a.end], &text_b[b.start..b.end])
                .filter(|(kind, _)| matches!(kind, LinkKind::Verbatim | LinkKind::Near));
        Some(Compared {
            a,
            b,
            kind: linked.map(|(kind, _)| kind),
            score: linked.map_or(0.0, |(_, score)| score),
            changes: if linked.is_some() {
                parallax_align::changes(text_a, a, text_b, b)
            } else {
                Vec::new()
            },
        })
    };
    PairFraming {
        a: framing_a.id.clone(),
        b: framing_b.id.clone(),
        quotes: shared_quotes(
            text_a,
            &framing_a.attributions,
            text_b,
            &framing_b.attributions,
        ),
        contrasts: contrasts((text_a, framing_a), (text_b, framing_b), links),
        phrases: phrase_contrasts(text_a, phrases_a, phrases_b),
        headlines: compared(framing_a.headline, framing_b.headline),
        leads: leads(framing_a.lead, framing_b.lead, links),
    }
}

/// The two leads as the alignment decided: linked when it linked them to
/// each other (with a sentence model, as a shared claim too), not when it
/// did not. Deciding again here, without the two reports around them,
/// would call leads that share a claim in other words different.
fn leads(a: Option<Span>, b: Option<Span>, links: &[Link]) -> Option<Compared> {
    let (a, b) = (a?, b?);
    let link = links.iter().find(|link| link.a == a && link.b == b);
    Some(Compared {
        a,
        b,
        kind: link.map(|link| link.kind),
        score: link.map_or(0.0, |link| link.score),
        changes: link.map(|link| link.changes.clone()).unwrap_or_default(),
    })
}

/// The normalised words of a span.
fn word_keys(text: &str, span: Span) -> Vec<String> {
    tokens(text, span)
        .into_iter()
        .map(|token| token.norm)
        .collect()
}

/// Whether `short` is `long` with words left out (in order).
fn is_shortened(short: &[String], long: &[String]) -> bool {
    if short.len() >= long.len() || short.len() < 3 {
        return false;
    }
    let mut remaining = long.iter();
    short
        .iter()
        .all(|word| remaining.any(|other| other == word))
}

/// A word in more statements than this proposes no pairs: it says
/// nothing about which statement is which, and would make the work grow
/// with the square of the statements.
const QUOTE_LOOKUP_MAX: usize = 64;

/// Pairs of statements worth comparing: the same words, or at least two
/// content words in common and a third of the shorter's. Rare words are
/// looked up, so the work grows with the statements, not their square.
fn quote_candidates(keys_a: &[Vec<String>], keys_b: &[Vec<String>]) -> Vec<(usize, usize)> {
    let content_a: Vec<Vec<&str>> = keys_a.iter().map(|keys| content_words(keys)).collect();
    let content_b: Vec<Vec<&str>> = keys_b.iter().map(|keys| content_words(keys)).collect();
    let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
    for (index, words) in content_b.iter().enumerate() {
        for word in words {
            postings.entry(word).or_default().push(index);
        }
    }
    let mut same: HashMap<&[String], Vec<usize>> = HashMap::new();
    for (index, keys) in keys_b.iter().enumerate() {
        same.entry(keys.as_slice()).or_default().push(index);
    }
    let mut pairs = Vec::new();
    for (index_a, words) in content_a.iter().enumerate() {
        let mut shared: HashMap<usize, usize> = HashMap::new();
        if let Some(identical) = same.get(keys_a[index_a].as_slice()) {
            for &index_b in identical.iter().take(QUOTE_LOOKUP_MAX) {
                shared.insert(index_b, usize::MAX);
            }
        }
        for word in words {
            let Some(holders) = postings.get(word) else {
                continue;
            };
            if holders.len() > QUOTE_LOOKUP_MAX {
                continue;
            }
            for &index_b in holders {
                let count = shared.entry(index_b).or_insert(0);
                *count = count.saturating_add(1);
            }
        }
        for (index_b, count) in shared {
            let shorter = words.len().min(content_b[index_b].len());
            if count == usize::MAX || (count >= 2 && count * 3 >= shorter) {
                pairs.push((index_a, index_b));
            }
        }
    }
    pairs.sort_unstable();
    pairs
}

/// The distinct words of a statement that are not stop words, sorted.
fn content_words(keys: &[String]) -> Vec<&str> {
    let mut words: Vec<&str> = keys
        .iter()
        .map(String::as_str)
        .filter(|word| !parallax_core::is_stopword(word))
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

fn shared_quotes(
    text_a: &str,
    attributions_a: &[Attribution],
    text_b: &str,
    attributions_b: &[Attribution],
) -> Vec<SharedQuote> {
    let mut candidates: Vec<(f64, usize, usize, QuoteRelation)> = Vec::new();
    let keys_a: Vec<Vec<String>> = attributions_a
        .iter()
        .map(|attribution| word_keys(text_a, attribution.content))
        .collect();
    let keys_b: Vec<Vec<String>> = attributions_b
        .iter()
        .map(|attribution| word_keys(text_b, attribution.content))
        .collect();
    for (index_a, index_b) in quote_candidates(&keys_a, &keys_b) {
        let (a, b) = (&attributions_a[index_a], &attributions_b[index_b]);
        {
            if a.quoting == Quoting::Indirect && b.quoting == Quoting::Indirect {
                continue;
            }
            let (words_a, words_b) = (&keys_a[index_a], &keys_b[index_b]);
            let relation = if words_a == words_b && !words_a.is_empty() {
                Some((1.0, QuoteRelation::Same))
            } else if is_shortened(words_a, words_b) {
                Some((
                    words_a.len() as f64 / words_b.len() as f64,
                    QuoteRelation::ShortenedInA,
                ))
            } else if is_shortened(words_b, words_a) {
                Some((
                    words_b.len() as f64 / words_a.len() as f64,
                    QuoteRelation::ShortenedInB,
                ))
            } else {
                parallax_align::link_sentences(
                    &text_a[a.content.start..a.content.end],
                    &text_b[b.content.start..b.content.end],
                )
                .map(|(_, score)| (score, QuoteRelation::Reworded))
            };
            if let Some((score, relation)) = relation {
                candidates.push((score, index_a, index_b, relation));
            }
        }
    }
    // Best first, each statement in at most one pair; ties by position on
    // both sides together, so comparing B with A gives the mirror.
    candidates.sort_by(|x, y| {
        y.0.total_cmp(&x.0).then_with(|| {
            let key = |&(_, a, b, _): &(f64, usize, usize, QuoteRelation)| {
                let (a, b) = (
                    attributions_a[a].content.start,
                    attributions_b[b].content.start,
                );
                (a.min(b), a.max(b))
            };
            key(x).cmp(&key(y))
        })
    });
    let mut used_a = vec![false; attributions_a.len()];
    let mut used_b = vec![false; attributions_b.len()];
    let mut found = Vec::new();
    for (_, index_a, index_b, relation) in candidates {
        if used_a[index_a] || used_b[index_b] {
            continue;
        }
        used_a[index_a] = true;
        used_b[index_b] = true;
        let (a, b) = (&attributions_a[index_a], &attributions_b[index_b]);
        found.push(SharedQuote {
            a: a.content,
            b: b.content,
            quoting_a: a.quoting,
            quoting_b: b.quoting,
            speaker_a: a.speaker.clone(),
            speaker_b: b.speaker.clone(),
            relation,
            changes: if relation == QuoteRelation::Same {
                Vec::new()
            } else {
                parallax_align::changes(text_a, a.content, text_b, b.content)
            },
        });
    }
    found.sort_by_key(|quote| (quote.a.start, quote.b.start));
    found
}

/// Attributions by the span they cover (speaker, cue and content
/// together), sorted by start, for finding those that touch a sentence
/// without scanning them all.
struct Covers<'a> {
    covers: Vec<(Span, &'a Attribution)>,
    longest: usize,
}

impl<'a> Covers<'a> {
    fn new(attributions: &'a [Attribution]) -> Self {
        let mut covers: Vec<(Span, &Attribution)> = attributions
            .iter()
            .map(|attribution| {
                let cover = [attribution.cue, attribution.source]
                    .into_iter()
                    .flatten()
                    .fold(attribution.content, Span::cover);
                (cover, attribution)
            })
            .collect();
        covers.sort_by_key(|(cover, _)| (cover.start, cover.end));
        let longest = covers
            .iter()
            .map(|(cover, _)| cover.len())
            .max()
            .unwrap_or(0);
        Self { covers, longest }
    }

    /// The attributions whose cover overlaps `span`.
    fn touching(&self, span: Span) -> impl Iterator<Item = &'a Attribution> + '_ {
        let end = self
            .covers
            .partition_point(|(cover, _)| cover.start < span.end);
        let begin = self
            .covers
            .partition_point(|(cover, _)| cover.start + self.longest <= span.start);
        self.covers[begin..end]
            .iter()
            .filter(move |(cover, _)| cover.end > span.start)
            .map(|(_, attribution)| *attribution)
    }
}

/// The share of `sentence` that attributions cover (speaker, cue and
/// content), and the speaker of the one covering most.
fn attributed(sentence: Span, covers: &Covers<'_>) -> (f64, Option<String>) {
    let mut covered = vec![false; sentence.len()];
    let mut best: Option<(usize, &Attribution)> = None;
    for attribution in covers.touching(sentence) {
        let mut overlap = 0;
        for span in [
            Some(attribution.content),
            attribution.cue,
            attribution.source,
        ]
        .into_iter()
        .flatten()
        {
            let start = span.start.max(sentence.start);
            let end = span.end.min(sentence.end);
            if start < end {
                covered[start - sentence.start..end - sentence.start].fill(true);
                overlap += end - start;
            }
        }
        if overlap > 0 && best.is_none_or(|(most, _)| overlap > most) {
            best = Some((overlap, attribution));
        }
    }
    let share = covered.iter().filter(|byte| **byte).count() as f64 / sentence.len().max(1) as f64;
    (
        (share * 1000.0).round() / 1000.0,
        best.and_then(|(_, attribution)| attribution.speaker.clone()),
    )
}

fn contrasts(
    (text_a, framing_a): (&str, &DocumentFraming),
    (text_b, framing_b): (&str, &DocumentFraming),
    links: &[Link],
) -> Vec<Contrast> {
    let (covers_a, covers_b) = (
        Covers::new(&framing_a.attributions),
        Covers::new(&framing_b.attributions),
    );
    let mut found = Vec::new();
    for link in links {
        let (share_a, speaker_a) = attributed(link.a, &covers_a);
        let (share_b, speaker_b) = attributed(link.b, &covers_b);
        // One side attributes the claim and the other states it in its
        // own voice, with no attribution anywhere in its sentence: "The
        // guarantees will need to be legally binding because, Putin said,
        // …" still gives the claim to Putin (issue 17).
        let kind = match (share_a >= ATTRIBUTED_SHARE, share_b >= ATTRIBUTED_SHARE) {
            (true, false) if share_b == 0.0 && own_voice(text_b, link.b) => {
                Some(ContrastKind::AttributedInAOnly)
            }
            (false, true) if share_a == 0.0 && own_voice(text_a, link.a) => {
                Some(ContrastKind::AttributedInBOnly)
            }
            // Given to two speakers only when both are named and the names
            // differ: "the foreign minister" may be the "Ilya Sorin" of
            // the other report.
            (true, true) => match (&speaker_a, &speaker_b) {
                (Some(a), Some(b)) if is_named(a) && is_named(b) && !same_speaker(a, b) => {
                    Some(ContrastKind::DifferentSpeakers)
                }
                _ => None,
            },
            _ => None,
        };
        if let Some(kind) = kind {
            found.push(Contrast {
                a: link.a,
                b: link.b,
                kind,
                attributed_a: share_a,
                attributed_b: share_b,
                speaker_a,
                speaker_b,
            });
        }
    }
    found
}

/// Whether a sentence is wholly in the writer's own voice: no speech
/// word at all (not even one the rules do not read as speech, such as
/// "called the decision a clear signal"), no quotation marks.
fn own_voice(text: &str, sentence: Span) -> bool {
    let words = &text[sentence.start..sentence.end];
    !words.contains(['“', '”', '"', '«', '»'])
        && !parallax_core::words(words)
            .any(|word| crate::cues::is_cue_word(&word.to_lowercase()) || word == "according")
}

/// Whether a speaker is given by name ("Ilya Sorin", "NATO") or as an
/// institution ("the council"), not described by a role that the other
/// report may name ("the foreign minister", "a UN spokesman").
fn is_named(speaker: &str) -> bool {
    let head = speaker.split_whitespace().last().unwrap_or_default();
    (speaker.starts_with(char::is_uppercase)
        && !["The ", "A ", "An "]
            .iter()
            .any(|article| speaker.starts_with(article)))
        || (crate::names::is_organisation_word(head) && !crate::names::is_title_word(head))
}

/// Whether two speaker names are one person's: the same up to
/// transliteration, or one the other's surname ("Putin", "Vladimir Putin").
fn same_speaker(a: &str, b: &str) -> bool {
    let (a, b) = (crate::names::name_key(a), crate::names::name_key(b));
    a == b || a.ends_with(&format!(" {b}")) || b.ends_with(&format!(" {a}"))
}
