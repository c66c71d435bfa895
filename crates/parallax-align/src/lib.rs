//! Aligning two cleaned reports: which sentences of A report what sentences
//! of B report, how closely, and how much of each the other reuses.
//!
//! ```
//! use parallax_align::{align, Side};
//! use parallax_core::{Document, LinkKind};
//!
//! fn side(id: &str, text: &str) -> (Document, parallax_clean::CleanDocument) {
//!     let document = parallax_ingest::document_from_text(id, id, text);
//!     let cleaned = parallax_clean::clean(&document);
//!     (document, cleaned)
//! }
//! let (a, a_clean) = side("a", "The talks ended on Friday in Geneva. Both sides said they would meet again soon.");
//! let (b, b_clean) = side("b", "Both sides said they would meet again soon. The talks ended on Friday in Geneva.");
//! let alignment = align(Side::new(&a, &a_clean), Side::new(&b, &b_clean));
//! // Swapped sentences are still found: alignment does not assume order.
//! assert_eq!(alignment.links.len(), 2);
//! assert!(alignment.links.iter().all(|link| link.kind == LinkKind::Verbatim));
//! assert_eq!(alignment.scores.coverage_a, 1.0);
//! ```
//!
//! Links are sentence to sentence (one-to-many when a sentence was split).
//! Passages are the largest shared blocks: exact word runs found by seed
//! and extend (across sentence boundaries) merged with the sentence links
//! across gaps of a few words. [`Scores`] documents each measure's formula.
//! `align(a, b)` and `align(b, a)` give the same links, mirrored.

mod diff;
mod passages;
mod scores;
pub mod similarity;

pub use scores::{SCORE_LEGEND, Scores};

use parallax_clean::CleanDocument;
use parallax_core::{Document, Link, LinkKind, Span, hash_str, tokens};
use std::collections::{HashMap, HashSet};

/// Word edit similarity from which two sentences are near copies.
pub const NEAR_MIN_EDIT_SIMILARITY: f64 = 0.7;
/// Fewer shared content words than this is coincidence, not reuse.
pub const MIN_SHARED_CONTENT_WORDS: usize = 3;
/// Share of the shorter sentence's words found, in order, in the longer
/// one for the shorter to be a trimmed copy of the longer.
pub const TRIMMED_MIN_CONTAINMENT: f64 = 0.9;
/// Content words a trimmed copy must keep: a short phrase inside a long
/// sentence is not a copy of it.
pub const TRIMMED_MIN_SHARED_CONTENT_WORDS: usize = 5;
/// A sentence this short is not linked, however exactly it matches.
pub const LINK_MIN_WORDS: usize = 5;
/// Share of the smaller sentence's content words found in the larger one
/// for a second link (a sentence split in two, or two merged into one).
pub const SPLIT_MIN_CONTAINMENT: f64 = 0.8;

/// One document as the aligner sees it.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    pub document: &'a Document,
    pub clean: &'a CleanDocument,
}

impl<'a> Side<'a> {
    #[must_use]
    pub fn new(document: &'a Document, clean: &'a CleanDocument) -> Self {
        Self { document, clean }
    }

    /// Orders sides by content, so that aligning (A, B) and (B, A) runs the
    /// same computation and symmetry holds by construction.
    fn canonical_key(&self) -> (u64, &str) {
        (hash_str(&self.document.text), self.document.id.as_str())
    }
}

/// Everything the aligner found for one pair.
#[derive(Debug, Clone, PartialEq)]
pub struct Alignment {
    /// Sentence links, sorted by their span in A.
    pub links: Vec<Link>,
    /// Maximal runs of links adjacent on both sides, merged.
    pub passages: Vec<Link>,
    pub scores: Scores,
}

impl Alignment {
    fn mirrored(&self) -> Self {
        let mut links: Vec<Link> = self.links.iter().map(Link::mirrored).collect();
        links.sort_by_key(|link| (link.a, link.b));
        let mut passages: Vec<Link> = self.passages.iter().map(Link::mirrored).collect();
        passages.sort_by_key(|passage| (passage.a, passage.b));
        Self {
            links,
            passages,
            scores: self.scores.mirrored(),
        }
    }
}

/// A body sentence prepared for matching.
#[derive(Debug)]
struct Sentence {
    span: Span,
    /// Word hashes (NFKC, lower case), for verbatim and edit comparisons.
    words: Vec<u64>,
    /// Stems, content words, numbers and names, for the sentence model.
    profile: similarity::Profile,
}

impl Sentence {
    fn new(text: &str, span: Span) -> Self {
        Self {
            span,
            words: tokens(text, span).iter().map(|token| token.hash).collect(),
            profile: similarity::Profile::new(text, span),
        }
    }

    /// Stems of the content words: what candidate pairs must share.
    fn content(&self) -> &HashSet<u64> {
        &self.profile.content
    }
}

fn prepare(side: Side<'_>) -> Vec<Sentence> {
    side.clean
        .body()
        .map(|span| Sentence::new(&side.document.text, span))
        .collect()
}

/// Whether two sentences on their own would be linked, of what kind and
/// with what score: the decision [`align`] makes for every candidate pair
/// (a split's second partner aside, which needs a first link).
#[must_use]
pub fn link_sentences(a: &str, b: &str) -> Option<(LinkKind, f64)> {
    let a = Sentence::new(a, Span::new(0, a.len()));
    let b = Sentence::new(b, Span::new(0, b.len()));
    let shared = a.profile.shared(&b.profile);
    if shared
        < MIN_SHARED_CONTENT_WORDS
            .min(a.content().len())
            .min(b.content().len())
            .max(1)
    {
        return None;
    }
    score_pair(0, &a, 0, &b, shared)
        .filter(|candidate| candidate.score > 0.0)
        .map(|candidate| (candidate.kind, round(candidate.score)))
}

/// Aligns two cleaned documents.
#[must_use]
pub fn align(a: Side<'_>, b: Side<'_>) -> Alignment {
    if a.canonical_key() > b.canonical_key() {
        return align_ordered(b, a).mirrored();
    }
    align_ordered(a, b)
}

#[derive(Debug, Clone, Copy)]
struct Candidate {
    a: usize,
    b: usize,
    kind: LinkKind,
    score: f64,
    /// Shared content words ÷ those of the smaller sentence.
    containment: f64,
    /// Shared content words ÷ those of A's sentence, and of B's.
    a_inside: f64,
    b_inside: f64,
}

fn align_ordered(a: Side<'_>, b: Side<'_>) -> Alignment {
    let a_sentences = prepare(a);
    let b_sentences = prepare(b);
    let candidates = candidates(&a_sentences, &b_sentences);
    let pairs = assign(&candidates, a_sentences.len(), b_sentences.len());
    let links: Vec<Link> = pairs
        .iter()
        .map(|candidate| {
            let a_span = a_sentences[candidate.a].span;
            let b_span = b_sentences[candidate.b].span;
            Link {
                a: a_span,
                b: b_span,
                kind: candidate.kind,
                score: round(candidate.score),
                changes: diff::changes(&a.document.text, a_span, &b.document.text, b_span),
            }
        })
        .collect();
    let passages = passages::passages(&a.document.text, a.clean, &b.document.text, b.clean, &links);
    let scores = Scores::compute(&a_sentences, &b_sentences, &links);
    Alignment {
        links,
        passages,
        scores,
    }
}

/// Sentence pairs that share enough content words to be worth scoring,
/// found through an index of B's content words instead of comparing every
/// pair.
fn candidates(a_sentences: &[Sentence], b_sentences: &[Sentence]) -> Vec<Candidate> {
    let mut index: HashMap<u64, Vec<usize>> = HashMap::new();
    for (number, sentence) in b_sentences.iter().enumerate() {
        for &word in sentence.content() {
            index.entry(word).or_default().push(number);
        }
    }
    let mut found = Vec::new();
    for (a_number, a_sentence) in a_sentences.iter().enumerate() {
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for word in a_sentence.content() {
            for &b_number in index.get(word).map_or(&[][..], Vec::as_slice) {
                *shared.entry(b_number).or_insert(0) += 1;
            }
        }
        for (b_number, shared_count) in shared {
            let b_sentence = &b_sentences[b_number];
            if shared_count
                < MIN_SHARED_CONTENT_WORDS
                    .min(a_sentence.content().len())
                    .min(b_sentence.content().len())
                    .max(1)
            {
                continue;
            }
            if let Some(candidate) =
                score_pair(a_number, a_sentence, b_number, b_sentence, shared_count)
            {
                found.push(candidate);
            }
        }
    }
    found
}

fn score_pair(
    a_number: usize,
    a: &Sentence,
    b_number: usize,
    b: &Sentence,
    shared: usize,
) -> Option<Candidate> {
    // "4.", "Read more." or "He declined." match everywhere: too short to
    // say that one report took anything from the other.
    if a.words.len().min(b.words.len()) < LINK_MIN_WORDS {
        return None;
    }
    let containment = shared as f64 / a.content().len().min(b.content().len()).max(1) as f64;
    let (kind, score) = if a.words == b.words {
        (LinkKind::Verbatim, 1.0)
    } else {
        let distance = strsim::generic_levenshtein(&a.words, &b.words);
        let edit_similarity =
            1.0 - distance as f64 / a.words.len().max(b.words.len()).max(1) as f64;
        let same_content = similarity::probability(
            &similarity::features(&a.profile, &b.profile),
            &similarity::MODEL_WEIGHTS,
            similarity::MODEL_BIAS,
        );
        // The shorter sentence, word for word and in order, inside the
        // longer one: a trimmed copy (a clause dropped or added).
        let trimmed = similarity::ordered_containment(&a.profile, &b.profile);
        if edit_similarity >= NEAR_MIN_EDIT_SIMILARITY
            && same_content >= similarity::SAME_CONTENT_MIN_PROBABILITY
        {
            (LinkKind::Near, edit_similarity)
        } else if trimmed >= TRIMMED_MIN_CONTAINMENT && shared >= TRIMMED_MIN_SHARED_CONTENT_WORDS {
            (
                LinkKind::Near,
                trimmed * same_content.max(edit_similarity).max(0.5),
            )
        } else if same_content >= similarity::SAME_CONTENT_MIN_PROBABILITY {
            (LinkKind::Paraphrase, same_content)
        } else if containment >= SPLIT_MIN_CONTAINMENT && shared >= MIN_SHARED_CONTENT_WORDS {
            // Only eligible as the second partner of a split sentence.
            (LinkKind::Paraphrase, 0.0)
        } else {
            return None;
        }
    };
    Some(Candidate {
        a: a_number,
        b: b_number,
        kind,
        score,
        containment,
        a_inside: shared as f64 / a.content().len().max(1) as f64,
        b_inside: shared as f64 / b.content().len().max(1) as f64,
    })
}

/// A sentence still unlinked whose content is spread over consecutive
/// sentences of the other side, each largely inside it, was split in two
/// (or more): it is linked to every part. Parts must be unlinked too.
fn split_groups(
    candidates: &[Candidate],
    a_links: &mut [usize],
    b_links: &mut [usize],
    chosen: &mut Vec<Candidate>,
) {
    for whole_is_a in [true, false] {
        // Parts of each whole, by the whole's number.
        let mut parts: std::collections::BTreeMap<usize, Vec<Candidate>> =
            std::collections::BTreeMap::new();
        for candidate in candidates {
            let (whole, part, part_inside) = if whole_is_a {
                (candidate.a, candidate.b, candidate.b_inside)
            } else {
                (candidate.b, candidate.a, candidate.a_inside)
            };
            let (whole_links, part_links) = if whole_is_a {
                (&*a_links, &*b_links)
            } else {
                (&*b_links, &*a_links)
            };
            if part_inside >= SPLIT_MIN_CONTAINMENT
                && whole_links[whole] == 0
                && part_links[part] == 0
            {
                parts.entry(whole).or_default().push(*candidate);
            }
        }
        for (_, mut group) in parts {
            let part_of =
                |candidate: &Candidate| if whole_is_a { candidate.b } else { candidate.a };
            group.sort_by_key(part_of);
            group.dedup_by_key(|candidate| part_of(candidate));
            // The longest run of consecutive parts.
            let mut best: &[Candidate] = &[];
            let mut start = 0;
            for end in 1..=group.len() {
                if end == group.len() || part_of(&group[end]) != part_of(&group[end - 1]) + 1 {
                    if end - start > best.len() {
                        best = &group[start..end];
                    }
                    start = end;
                }
            }
            let free = best
                .iter()
                .all(|candidate| a_links[candidate.a] == 0 && b_links[candidate.b] == 0);
            if best.len() < 2 || !free {
                continue;
            }
            for candidate in best {
                a_links[candidate.a] += 1;
                b_links[candidate.b] += 1;
                chosen.push(Candidate {
                    kind: LinkKind::Paraphrase,
                    score: if whole_is_a {
                        candidate.b_inside
                    } else {
                        candidate.a_inside
                    },
                    ..*candidate
                });
            }
        }
    }
}

/// Picks links globally, best first, each sentence once; then lets a
/// sentence take a second partner it largely contains (a split or merge).
/// Order in the documents plays no part, so moved paragraphs are found.
fn assign(candidates: &[Candidate], a_count: usize, b_count: usize) -> Vec<Candidate> {
    let mut ranked: Vec<Candidate> = candidates.to_vec();
    ranked.sort_by(|left, right| {
        right
            .score
            .total_cmp(&left.score)
            .then(left.kind.cmp(&right.kind))
            .then(left.a.cmp(&right.a))
            .then(left.b.cmp(&right.b))
    });
    let mut a_links = vec![0_usize; a_count];
    let mut b_links = vec![0_usize; b_count];
    // A sentence matched word for word is accounted for: it cannot also be
    // one half of a split (a repeated sentence would otherwise pair with
    // every copy).
    let mut a_verbatim = vec![false; a_count];
    let mut b_verbatim = vec![false; b_count];
    let mut chosen = Vec::new();
    for candidate in ranked.iter().filter(|candidate| candidate.score > 0.0) {
        if a_links[candidate.a] == 0 && b_links[candidate.b] == 0 {
            a_links[candidate.a] += 1;
            b_links[candidate.b] += 1;
            let verbatim = candidate.kind == LinkKind::Verbatim;
            a_verbatim[candidate.a] = verbatim;
            b_verbatim[candidate.b] = verbatim;
            chosen.push(*candidate);
        }
    }
    let mut by_containment: Vec<Candidate> = ranked
        .iter()
        .filter(|candidate| candidate.containment >= SPLIT_MIN_CONTAINMENT)
        .copied()
        .collect();
    by_containment.sort_by(|left, right| {
        right
            .containment
            .total_cmp(&left.containment)
            .then(left.a.cmp(&right.a))
            .then(left.b.cmp(&right.b))
    });
    for candidate in by_containment {
        // One side free, the other linked once: the free sentence is the
        // other half of a split.
        let free_a =
            a_links[candidate.a] == 0 && b_links[candidate.b] == 1 && !b_verbatim[candidate.b];
        let free_b =
            b_links[candidate.b] == 0 && a_links[candidate.a] == 1 && !a_verbatim[candidate.a];
        if free_a || free_b {
            a_links[candidate.a] += 1;
            b_links[candidate.b] += 1;
            chosen.push(Candidate {
                kind: LinkKind::Paraphrase,
                score: candidate.containment,
                ..candidate
            });
        }
    }
    split_groups(&ranked, &mut a_links, &mut b_links, &mut chosen);
    chosen.sort_by_key(|candidate| (candidate.a, candidate.b));
    chosen
}

/// Scores are reported to four decimals: finer differences are noise, and
/// golden files stay stable.
fn round(value: f64) -> f64 {
    (value * 10_000.0).round() / 10_000.0
}

#[cfg(test)]
mod tests;
