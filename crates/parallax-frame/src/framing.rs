//! Everything parallax finds about framing in one comparison: per document
//! (attributions, speakers, entities, distinctive words, what only it
//! reports, headline and lead), per pair (the same quote in both, claims one
//! states and the other attributes, headlines and leads side by side) and
//! across all (what every outlet but one carries).

use crate::attribution::{Attribution, Quoting, attributions};
use crate::entities::{Entity, entities, mentions};
use crate::phrases::{PhraseContrast, Phrases, phrase_contrasts, phrases};
use crate::speakers::{Speaker, resolve};
use crate::terms::{Term, counted_words, distinctive_terms};
use parallax_clean::CleanDocument;
use parallax_core::UnionFind;
use parallax_core::{Change, Document, Link, LinkKind, SegmentKind, Span, tokens};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// How many distinctive words each document lists.
pub const DISTINCTIVE_TERMS: usize = 12;

/// A linked sentence counts as attributed when attributions (their
/// speaker, cue and content) cover at least this share of it: both sides
/// attributed to different speakers is a contrast too.
pub const ATTRIBUTED_SHARE: f64 = 0.5;

/// How much more of one side than of the other attributions must cover,
/// and how much of the other side must be in the writer's own voice, for a
/// linked sentence to be a contrast of attribution.
pub const OWN_VOICE_SHARE: f64 = 0.3;

/// One document to frame.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub document: &'a Document,
    pub clean: &'a CleanDocument,
}

/// The sentence links of one aligned pair, by index into the inputs.
#[derive(Debug, Clone, Copy)]
pub struct PairLinks<'a> {
    pub a: usize,
    pub b: usize,
    pub links: &'a [Link],
}

/// The framing findings of a comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Framing {
    pub documents: Vec<DocumentFraming>,
    pub pairs: Vec<PairFraming>,
    /// What all documents but one carry (with three documents or more).
    pub omissions: Vec<Omission>,
}

/// One document's framing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentFraming {
    pub id: String,
    pub attributions: Vec<Attribution>,
    /// Most statements first.
    pub speakers: Vec<Speaker>,
    /// Most mentions first.
    pub entities: Vec<Entity>,
    /// Words this document prefers over the others (weighted log-odds).
    pub distinctive_terms: Vec<Term>,
    /// Body sentences no other document links: what only it reports.
    pub unique: Vec<Span>,
    pub headline: Option<Span>,
    /// The first body sentence.
    pub lead: Option<Span>,
}

/// One pair's framing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairFraming {
    pub a: String,
    pub b: String,
    /// Statements both carry, at least one of them as a quote.
    pub quotes: Vec<SharedQuote>,
    /// Linked sentences one states in its own voice and the other
    /// attributes, or attributes to someone else.
    pub contrasts: Vec<Contrast>,
    /// Phrases both use in different voices (a speaker's, the writer's).
    pub phrases: Vec<PhraseContrast>,
    pub headlines: Option<Compared>,
    pub leads: Option<Compared>,
}

/// The same statement in two documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SharedQuote {
    /// The attributed content on each side.
    pub a: Span,
    pub b: Span,
    pub quoting_a: Quoting,
    pub quoting_b: Quoting,
    pub speaker_a: Option<String>,
    pub speaker_b: Option<String>,
    pub relation: QuoteRelation,
    /// Word-level differences, as in links.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Change>,
}

/// How two renderings of one statement differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteRelation {
    /// The same words.
    Same,
    /// A's is B's with words left out: cut short in A.
    ShortenedInA,
    ShortenedInB,
    /// Other words for the same statement (paraphrase, re-translation).
    Reworded,
}

impl QuoteRelation {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteRelation::Same => "same",
            QuoteRelation::ShortenedInA => "shortened_in_a",
            QuoteRelation::ShortenedInB => "shortened_in_b",
            QuoteRelation::Reworded => "reworded",
        }
    }

    fn mirrored(self) -> Self {
        match self {
            QuoteRelation::ShortenedInA => QuoteRelation::ShortenedInB,
            QuoteRelation::ShortenedInB => QuoteRelation::ShortenedInA,
            other => other,
        }
    }
}

/// A claim two documents frame differently.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contrast {
    /// The linked sentences.
    pub a: Span,
    pub b: Span,
    pub kind: ContrastKind,
    /// Share of each sentence covered by attributions.
    pub attributed_a: f64,
    pub attributed_b: f64,
    pub speaker_a: Option<String>,
    pub speaker_b: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContrastKind {
    /// A attributes the claim; B states it in its own voice.
    AttributedInAOnly,
    AttributedInBOnly,
    /// Both attribute it, to different speakers.
    DifferentSpeakers,
}

impl ContrastKind {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ContrastKind::AttributedInAOnly => "attributed_in_a_only",
            ContrastKind::AttributedInBOnly => "attributed_in_b_only",
            ContrastKind::DifferentSpeakers => "different_speakers",
        }
    }
}

/// Two headlines or two leads compared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Compared {
    pub a: Span,
    pub b: Span,
    /// How parallax would link them; none when they do not say the same.
    pub kind: Option<LinkKind>,
    pub score: f64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Change>,
}

/// Content all documents but one carry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Omission {
    pub omitted_by: String,
    /// Where each other document carries it.
    pub carried: Vec<Place>,
}

/// A span of one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub document: String,
    pub span: Span,
}

/// Frames every document and pair.
#[must_use]
pub fn frame(inputs: &[Input<'_>], pairs: &[PairLinks<'_>]) -> Framing {
    let sentences: Vec<Vec<Span>> = inputs
        .iter()
        .map(|input| input.clean.body().collect())
        .collect();
    let mut documents: Vec<DocumentFraming> = inputs
        .iter()
        .zip(&sentences)
        .map(|(input, sentences)| frame_document(*input, sentences))
        .collect();
    let words: Vec<Vec<String>> = inputs
        .iter()
        .zip(&sentences)
        .map(|(input, sentences)| {
            sentences
                .iter()
                .flat_map(|span| counted_words(&input.document.text[span.start..span.end]))
                .collect()
        })
        .collect();
    for (document, terms) in documents
        .iter_mut()
        .zip(distinctive_terms(&words, DISTINCTIVE_TERMS))
    {
        document.distinctive_terms = terms;
    }

    // Sentences joined by links across all pairs: a claim and the
    // documents that carry it.
    let offsets: Vec<usize> = sentences
        .iter()
        .scan(0, |total, list| {
            let start = *total;
            *total += list.len();
            Some(start)
        })
        .collect();
    let total = sentences.iter().map(Vec::len).sum();
    let mut claims = UnionFind::new(total);
    let mut linked = vec![false; total];
    for pair in pairs {
        for link in pair.links {
            let (Some(a), Some(b)) = (
                sentence_at(&sentences[pair.a], link.a),
                sentence_at(&sentences[pair.b], link.b),
            ) else {
                continue;
            };
            let (a, b) = (offsets[pair.a] + a, offsets[pair.b] + b);
            claims.join(a, b);
            linked[a] = true;
            linked[b] = true;
        }
    }
    for (index, document) in documents.iter_mut().enumerate() {
        document.unique = sentences[index]
            .iter()
            .enumerate()
            .filter(|(number, _)| !linked[offsets[index] + number])
            .map(|(_, span)| *span)
            .collect();
    }
    let omissions = omissions(inputs, &sentences, &offsets, &mut claims);

    let phrase_maps: Vec<Phrases> = inputs
        .iter()
        .zip(&sentences)
        .zip(&documents)
        .map(|((input, sentences), document)| {
            phrases(&input.document.text, sentences, &document.attributions)
        })
        .collect();
    let pairs = pairs
        .iter()
        .map(|pair| {
            frame_pair(
                (inputs[pair.a], &documents[pair.a], &phrase_maps[pair.a]),
                (inputs[pair.b], &documents[pair.b], &phrase_maps[pair.b]),
                pair.links,
            )
        })
        .collect();
    Framing {
        documents,
        pairs,
        omissions,
    }
}

fn frame_document(input: Input<'_>, sentences: &[Span]) -> DocumentFraming {
    let text = &input.document.text;
    let mut found = attributions(text, sentences, &input.clean.paragraphs);
    let names = mentions(text, sentences);
    let (resolved, mut speakers) = resolve(text, &found, &names);
    for (attribution, speaker) in found.iter_mut().zip(&resolved) {
        attribution.speaker = speaker.map(|index| speakers[index].name.clone());
    }
    speakers.sort_by(|a, b| {
        b.attributions
            .cmp(&a.attributions)
            .then(a.first.start.cmp(&b.first.start))
    });
    let headline = input
        .clean
        .segments
        .iter()
        .find(|segment| segment.kind == SegmentKind::Title)
        .map(parallax_core::Segment::span);
    let mut entities = entities(text, sentences, &names);
    count_descriptions(text, &found, &mut entities);
    DocumentFraming {
        id: input.document.id.clone(),
        attributions: found,
        speakers,
        entities,
        distinctive_terms: Vec::new(),
        unique: Vec::new(),
        headline,
        lead: sentences.first().copied(),
    }
}

/// "The diplomat said…": a description the speaker resolution traced to a
/// named person is one more mention of them, and one of their aliases.
fn count_descriptions(text: &str, attributions: &[Attribution], entities: &mut [Entity]) {
    for attribution in attributions {
        let (Some(speaker), Some(source)) = (&attribution.speaker, attribution.source) else {
            continue;
        };
        let mention = text[source.start..source.end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let named = crate::names::parse(&mention);
        if named.name.is_some() || named.kind == crate::Kind::Pronoun {
            continue;
        }
        let Some(entity) = entities.iter_mut().find(|entity| entity.name == *speaker) else {
            continue;
        };
        entity.count += 1;
        let alias = mention.to_lowercase();
        if !entity
            .aliases
            .iter()
            .any(|known| known.eq_ignore_ascii_case(&alias))
        {
            entity.aliases.push(alias);
        }
    }
    entities.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(a.first.start.cmp(&b.first.start))
    });
}

/// The index of the sentence that holds `span`'s start.
fn sentence_at(sentences: &[Span], span: Span) -> Option<usize> {
    let index = sentences.partition_point(|sentence| sentence.end <= span.start);
    (index < sentences.len() && sentences[index].start <= span.start).then_some(index)
}

fn omissions(
    inputs: &[Input<'_>],
    sentences: &[Vec<Span>],
    offsets: &[usize],
    claims: &mut UnionFind,
) -> Vec<Omission> {
    let count = inputs.len();
    if count < 3 {
        return Vec::new();
    }
    // Claim root → where each document carries it.
    let mut carried: std::collections::BTreeMap<usize, Vec<(usize, Span)>> =
        std::collections::BTreeMap::new();
    for (document, list) in sentences.iter().enumerate() {
        for (number, span) in list.iter().enumerate() {
            carried
                .entry(claims.root(offsets[document] + number))
                .or_default()
                .push((document, *span));
        }
    }
    let mut found: Vec<(usize, Omission)> = Vec::new();
    for places in carried.values() {
        let mut documents: Vec<usize> = places.iter().map(|(document, _)| *document).collect();
        documents.dedup();
        documents.sort_unstable();
        documents.dedup();
        if documents.len() != count - 1 {
            continue;
        }
        let Some(missing) = (0..count).find(|document| !documents.contains(document)) else {
            continue;
        };
        let first = places
            .iter()
            .map(|(document, span)| (offsets[*document], span.start))
            .min()
            .unwrap_or_default();
        found.push((
            first.0 + first.1,
            Omission {
                omitted_by: inputs[missing].document.id.clone(),
                carried: places
                    .iter()
                    .map(|(document, span)| Place {
                        document: inputs[*document].document.id.clone(),
                        span: *span,
                    })
                    .collect(),
            },
        ));
    }
    found.sort_by_key(|(order, _)| *order);
    found.into_iter().map(|(_, omission)| omission).collect()
}

fn frame_pair(
    (input_a, framing_a, phrases_a): (Input<'_>, &DocumentFraming, &Phrases),
    (input_b, framing_b, phrases_b): (Input<'_>, &DocumentFraming, &Phrases),
    links: &[Link],
) -> PairFraming {
    let (text_a, text_b) = (&input_a.document.text, &input_b.document.text);
    let compared = |a: Option<Span>, b: Option<Span>| {
        let (a, b) = (a?, b?);
        let linked =
            parallax_align::link_sentences(&text_a[a.start..a.end], &text_b[b.start..b.end]);
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
        contrasts: contrasts(framing_a, framing_b, links),
        phrases: phrase_contrasts(text_a, phrases_a, phrases_b),
        headlines: compared(framing_a.headline, framing_b.headline),
        leads: compared(framing_a.lead, framing_b.lead),
    }
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
    framing_a: &DocumentFraming,
    framing_b: &DocumentFraming,
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
        // One side attributes the claim and the other states a good part
        // of it in its own voice ("The guarantees will need to be legally
        // binding because, Putin said, …" against "He stressed that Russia
        // needs legally binding guarantees because …").
        let kind = match (share_a >= ATTRIBUTED_SHARE, share_b >= ATTRIBUTED_SHARE) {
            _ if share_a - share_b >= OWN_VOICE_SHARE && 1.0 - share_b >= OWN_VOICE_SHARE => {
                Some(ContrastKind::AttributedInAOnly)
            }
            _ if share_b - share_a >= OWN_VOICE_SHARE && 1.0 - share_a >= OWN_VOICE_SHARE => {
                Some(ContrastKind::AttributedInBOnly)
            }
            (true, true) => match (&speaker_a, &speaker_b) {
                (Some(a), Some(b)) if !same_speaker(a, b) => Some(ContrastKind::DifferentSpeakers),
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

/// Whether two speaker names are one person's: the same up to
/// transliteration, or one the other's surname ("Putin", "Vladimir Putin").
fn same_speaker(a: &str, b: &str) -> bool {
    let (a, b) = (crate::names::name_key(a), crate::names::name_key(b));
    a == b || a.ends_with(&format!(" {b}")) || b.ends_with(&format!(" {a}"))
}

impl PairFraming {
    /// The same findings seen from B's side.
    #[must_use]
    pub fn mirrored(&self) -> Self {
        Self {
            a: self.b.clone(),
            b: self.a.clone(),
            quotes: self
                .quotes
                .iter()
                .map(|quote| SharedQuote {
                    a: quote.b,
                    b: quote.a,
                    quoting_a: quote.quoting_b,
                    quoting_b: quote.quoting_a,
                    speaker_a: quote.speaker_b.clone(),
                    speaker_b: quote.speaker_a.clone(),
                    relation: quote.relation.mirrored(),
                    changes: quote
                        .changes
                        .iter()
                        .map(|change| change.mirrored())
                        .collect(),
                })
                .collect(),
            contrasts: self
                .contrasts
                .iter()
                .map(|contrast| Contrast {
                    a: contrast.b,
                    b: contrast.a,
                    kind: match contrast.kind {
                        ContrastKind::AttributedInAOnly => ContrastKind::AttributedInBOnly,
                        ContrastKind::AttributedInBOnly => ContrastKind::AttributedInAOnly,
                        ContrastKind::DifferentSpeakers => ContrastKind::DifferentSpeakers,
                    },
                    attributed_a: contrast.attributed_b,
                    attributed_b: contrast.attributed_a,
                    speaker_a: contrast.speaker_b.clone(),
                    speaker_b: contrast.speaker_a.clone(),
                })
                .collect(),
            phrases: self.phrases.iter().map(PhraseContrast::mirrored).collect(),
            headlines: self.headlines.as_ref().map(Compared::mirrored),
            leads: self.leads.as_ref().map(Compared::mirrored),
        }
    }
}

impl Compared {
    fn mirrored(&self) -> Self {
        Self {
            a: self.b,
            b: self.a,
            kind: self.kind,
            score: self.score,
            changes: self
                .changes
                .iter()
                .map(|change| change.mirrored())
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parallax_align::{Side, align};

    /// Three reports of one event, written for this test: a wire story,
    /// a rewrite that cuts a quote short and states a claim in its own
    /// voice, and a short item that leaves the mayor's warning out.
    const WIRE: &str = "The old bridge over the Tarn will close on Monday for repairs, the council said.\n\n\
        “The piers are no longer safe and we cannot wait for another winter,” Mayor Ines Carvalho said.\n\n\
        Carvalho said the works would cost 4 million euros.\n\n\
        Buses will run via the north road until the end of August.\n";
    const REWRITE: &str = "The old bridge over the Tarn will close on Monday for repairs.\n\n\
        “The piers are no longer safe,” Mayor Ines Carvalho said.\n\n\
        The works will cost 4 million euros, the council said.\n\n\
        Buses will run via the north road until the end of August.\n";
    const BRIEF: &str = "The old bridge over the Tarn closes on Monday for repairs, the council said.\n\n\
        Buses will use the north road until the end of August.\n\n\
        Anglers say the river is full of trout this spring.\n";

    fn framed() -> Framing {
        framed_pairs(&[(0, 1), (0, 2), (1, 2)])
    }

    fn framed_pairs(order: &[(usize, usize)]) -> Framing {
        let documents: Vec<Document> = [("wire", WIRE), ("rewrite", REWRITE), ("brief", BRIEF)]
            .iter()
            .map(|(id, text)| parallax_ingest::document_from_text(id, &format!("{id}.txt"), text))
            .collect();
        let cleaned: Vec<CleanDocument> = documents.iter().map(parallax_clean::clean).collect();
        let alignments: Vec<((usize, usize), parallax_align::Alignment)> = order
            .iter()
            .map(|&(a, b)| {
                (
                    (a, b),
                    align(
                        Side::new(&documents[a], &cleaned[a]),
                        Side::new(&documents[b], &cleaned[b]),
                    ),
                )
            })
            .collect();
        let inputs: Vec<Input<'_>> = documents
            .iter()
            .zip(&cleaned)
            .map(|(document, clean)| Input { document, clean })
            .collect();
        let pairs: Vec<PairLinks<'_>> = alignments
            .iter()
            .map(|((a, b), alignment)| PairLinks {
                a: *a,
                b: *b,
                links: &alignment.links,
            })
            .collect();
        frame(&inputs, &pairs)
    }

    #[test]
    fn a_quote_cut_short_in_a_rewrite() {
        let framing = framed();
        let pair = &framing.pairs[0];
        let quote = pair
            .quotes
            .iter()
            .find(|quote| quote.quoting_a == Quoting::Direct)
            .expect("the mayor's quote in both");
        assert_eq!(quote.relation, QuoteRelation::ShortenedInB);
        assert_eq!(quote.speaker_a.as_deref(), Some("Ines Carvalho"));
        assert_eq!(quote.speaker_b.as_deref(), Some("Ines Carvalho"));
        assert_eq!(quote.b.text(REWRITE), Some("The piers are no longer safe,"));
    }

    #[test]
    fn a_claim_one_report_attributes_and_the_other_states() {
        let framing = framed();
        let pair = &framing.pairs[0];
        // The wire gives the closure to the council; the rewrite states it.
        let closure = pair
            .contrasts
            .iter()
            .find(|contrast| {
                contrast
                    .a
                    .text(WIRE)
                    .is_some_and(|text| text.contains("close on Monday"))
            })
            .expect("the closure is a contrast");
        assert_eq!(closure.kind, ContrastKind::AttributedInAOnly);
        // The cost: the wire gives it to Carvalho, the rewrite to the council.
        let cost = pair
            .contrasts
            .iter()
            .find(|contrast| {
                contrast
                    .a
                    .text(WIRE)
                    .is_some_and(|text| text.contains("4 million"))
            })
            .expect("the cost is a contrast");
        assert_eq!(cost.kind, ContrastKind::DifferentSpeakers);
        assert_eq!(cost.speaker_a.as_deref(), Some("Ines Carvalho"));
        assert_eq!(cost.speaker_b.as_deref(), Some("the council"));
    }

    #[test]
    fn what_one_report_alone_carries_and_what_one_leaves_out() {
        let framing = framed();
        let brief = &framing.documents[2];
        assert_eq!(
            brief
                .unique
                .iter()
                .map(|span| span.text(BRIEF).unwrap())
                .collect::<Vec<_>>(),
            ["Anglers say the river is full of trout this spring."]
        );
        let left_out: Vec<&Omission> = framing
            .omissions
            .iter()
            .filter(|omission| omission.omitted_by == "brief")
            .collect();
        assert!(
            left_out.iter().any(
                |omission| omission.carried.iter().any(|place| place.document == "wire"
                    && place
                        .span
                        .text(WIRE)
                        .is_some_and(|text| text.contains("piers")))
            ),
            "{left_out:?}"
        );
        assert!(
            framing
                .omissions
                .iter()
                .all(|omission| omission.omitted_by != "wire" || omission.carried.len() == 2)
        );
    }

    #[test]
    fn comparing_the_other_way_gives_the_mirror() {
        let forward = framed_pairs(&[(0, 1), (0, 2), (1, 2)]);
        let backward = framed_pairs(&[(1, 0), (2, 0), (2, 1)]);
        for (forward, backward) in forward.pairs.iter().zip(&backward.pairs) {
            assert_eq!(&forward.mirrored(), backward);
        }
        assert_eq!(forward.omissions, backward.omissions);
    }
}
