//! The same words in other voices: a phrase two reports share (two content
//! words in a row, rare in each) that one quotes from a speaker, within
//! quotation marks, and the other states itself or gives to someone else.
//! Two shared words alone say nothing of framing; words one report marks
//! as a speaker's own and another adopts, or hands to another speaker, do:
//! "legally binding" is Putin's in one report, Putin's and Lavrov's in
//! another.

use crate::attribution::Attribution;
use parallax_core::{Span, is_stopword, tokens};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// A phrase used this often in one report is a topic word, not a framing
/// choice.
const RARE_MAX: usize = 2;

/// One use of a phrase and whose words it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Voice {
    pub span: Span,
    /// Inside an attribution's content; false in the writer's own voice.
    pub attributed: bool,
    /// Inside quotation marks: the speaker's own words, as the report
    /// marks them.
    #[serde(default)]
    pub quoted: bool,
    /// A speech word or a quotation mark elsewhere in its sentence: a use
    /// the rules did not attribute may still be someone's ("the group
    /// called the decision a clear signal"), so it is not counted as the
    /// writer's own voice.
    #[serde(default)]
    pub speech_nearby: bool,
    pub speaker: Option<String>,
}

/// A phrase both reports use, in different voices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhraseContrast {
    /// Lower-cased words.
    pub phrase: String,
    pub a: Vec<Voice>,
    pub b: Vec<Voice>,
}

impl PhraseContrast {
    #[must_use]
    pub fn mirrored(&self) -> Self {
        Self {
            phrase: self.phrase.clone(),
            a: self.b.clone(),
            b: self.a.clone(),
        }
    }
}

/// Phrase → its uses in one report's body sentences.
pub(crate) type Phrases = BTreeMap<String, Vec<Voice>>;

/// The phrases of one report, worked out once and compared with every other
/// report's.
pub(crate) fn phrases(
    text: &str,
    sentences: &[Span],
    paragraphs: &[Span],
    attributions: &[Attribution],
) -> BTreeMap<String, Vec<Voice>> {
    let quotes = crate::quotes::quotes(text, paragraphs);
    let in_quotes = |span: Span| {
        let at = quotes.partition_point(|quote| quote.inner.start <= span.start);
        at > 0 && quotes[at - 1].inner.contains(span)
    };
    let mut by_start: Vec<&Attribution> = attributions.iter().collect();
    by_start.sort_by_key(|attribution| (attribution.content.start, attribution.content.end));
    let mut found: BTreeMap<String, Vec<Voice>> = BTreeMap::new();
    for sentence in sentences {
        let words = tokens(text, *sentence);
        let slice = &text[sentence.start..sentence.end];
        let speech_nearby = slice.contains(['"', '“', '”', '«', '»'])
            || parallax_core::words(slice).any(|word| {
                word.starts_with(char::is_lowercase) && crate::cues::is_frame_cue_word(word)
            });
        for pair in words.windows(2) {
            // Lower-case content words: names and titles ("Foreign
            // Ministry") say who, not how.
            let usable = |token: &parallax_core::Token| {
                let shown = &text[token.span.start..token.span.end];
                token.norm.chars().count() >= 3
                    && shown.chars().all(char::is_lowercase)
                    && !is_stopword(&token.norm)
            };
            // Only whole words next to each other count: not "binding,
            // and", not the "led" of "US-led".
            let gap = &text[pair[0].span.end..pair[1].span.start];
            let joined = text[..pair[0].span.start].ends_with(['-', '‑']);
            if !usable(&pair[0]) || !usable(&pair[1]) || gap != " " || joined {
                continue;
            }
            let span = Span::new(pair[0].span.start, pair[1].span.end);
            let holder = holding(&by_start, span);
            found
                .entry(format!("{} {}", pair[0].norm, pair[1].norm))
                .or_default()
                .push(Voice {
                    span,
                    attributed: holder.is_some(),
                    quoted: in_quotes(span),
                    speech_nearby,
                    speaker: holder.and_then(|attribution| attribution.speaker.clone()),
                });
        }
    }
    found
}

/// The attribution whose content holds `span`, found among those starting
/// before it (contents seldom nest, so a few steps back suffice).
fn holding<'a>(by_start: &[&'a Attribution], span: Span) -> Option<&'a Attribution> {
    let end = by_start.partition_point(|attribution| attribution.content.start <= span.start);
    by_start[..end]
        .iter()
        .rev()
        .take(8)
        .find(|attribution| attribution.content.contains(span))
        .copied()
}

/// Who a set of uses gives the phrase to: speakers' names, and "" for the
/// writer's own voice; none when an attributed use has no known speaker or
/// an unattributed one sits beside speech.
fn voices(uses: &[Voice]) -> Option<BTreeSet<String>> {
    uses.iter()
        .map(|voice| match (voice.attributed, &voice.speaker) {
            (false, _) if voice.speech_nearby => None,
            (false, _) => Some(String::new()),
            (true, Some(speaker)) => Some(crate::names::name_key(speaker)),
            (true, None) => None,
        })
        .collect()
}

/// The phrases two reports share in different voices, in A's order.
pub(crate) fn phrase_contrasts(
    text_a: &str,
    in_a: &Phrases,
    in_b: &Phrases,
) -> Vec<PhraseContrast> {
    let mut found: Vec<PhraseContrast> = Vec::new();
    for (phrase, uses_a) in in_a {
        let Some(uses_b) = in_b.get(phrase) else {
            continue;
        };
        if uses_a.len() > RARE_MAX || uses_b.len() > RARE_MAX {
            continue;
        }
        let (Some(voices_a), Some(voices_b)) = (voices(uses_a), voices(uses_b)) else {
            continue;
        };
        let quoted = uses_a
            .iter()
            .chain(uses_b)
            .any(|voice| voice.attributed && voice.quoted);
        if voices_a != voices_b && quoted {
            found.push(PhraseContrast {
                phrase: phrase.clone(),
                a: uses_a.clone(),
                b: uses_b.clone(),
            });
        }
    }
    found.sort_by_key(|contrast| (contrast.a[0].span.start, contrast.b[0].span.start));
    // Overlapping phrases in both reports are one longer phrase: "needs
    // legally" and "legally binding" are "needs legally binding".
    let mut kept: Vec<PhraseContrast> = Vec::new();
    for contrast in found {
        if let Some(previous) = kept.last_mut()
            && previous.a[0].span.end > contrast.a[0].span.start
            && previous.b[0].span.end > contrast.b[0].span.start
        {
            previous.a[0].span = previous.a[0].span.cover(contrast.a[0].span);
            previous.b[0].span = previous.b[0].span.cover(contrast.b[0].span);
            previous.phrase =
                text_a[previous.a[0].span.start..previous.a[0].span.end].to_lowercase();
            continue;
        }
        kept.push(contrast);
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribution::attributions;

    fn framed(text: &str) -> (Vec<Span>, Vec<Attribution>) {
        let paragraphs = [Span::new(0, text.len())];
        let sentences = parallax_core::sentences(text, paragraphs[0]);
        let mut found = attributions(text, &sentences, &paragraphs);
        let mentions = crate::mentions(text, &sentences);
        let (resolved, speakers) = crate::resolve(text, &found, &mentions);
        for (attribution, speaker) in found.iter_mut().zip(resolved) {
            attribution.speaker = speaker.map(|index| speakers[index].name.clone());
        }
        (sentences, found)
    }

    #[test]
    fn one_report_gives_the_words_to_the_mayor_the_other_states_them() {
        let a = "Mayor Ines Carvalho said the piers were “structurally unsound”. The bridge closed on Monday.";
        let b = "The bridge, whose piers are structurally unsound, closed on Monday. Buses use the north road.";
        let (sentences_a, attributions_a) = framed(a);
        let (sentences_b, attributions_b) = framed(b);
        let (in_a, in_b) = (
            phrases(a, &sentences_a, &[Span::new(0, a.len())], &attributions_a),
            phrases(b, &sentences_b, &[Span::new(0, b.len())], &attributions_b),
        );
        let found = phrase_contrasts(a, &in_a, &in_b);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].phrase, "structurally unsound");
        assert_eq!(found[0].a[0].speaker.as_deref(), Some("Ines Carvalho"));
        assert!(!found[0].b[0].attributed);
        // The same voice on both sides is no contrast.
        let none = phrase_contrasts(a, &in_a, &in_a);
        assert_eq!(none, []);
        // Nor are two shared words the mayor is only reported to have used.
        let reported =
            "Mayor Ines Carvalho said the piers were structurally unsound. The bridge closed.";
        let (sentences_r, attributions_r) = framed(reported);
        let in_r = phrases(
            reported,
            &sentences_r,
            &[Span::new(0, reported.len())],
            &attributions_r,
        );
        assert_eq!(phrase_contrasts(reported, &in_r, &in_b), []);
    }
}
