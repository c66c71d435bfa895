//! Sentence links between two documents: candidates from shared content
//! words, each pair scored by the sentence model, then one assignment that
//! allows reordering and one-to-many links.

use crate::diff::changes;
use crate::passages;
use crate::remembered::Remembered;
use crate::scores::Scores;
use crate::sentence::{Sentence, round};
use crate::similarity;
use parallax_clean::CleanDocument;
use parallax_core::{Document, Link, LinkEvidence, LinkKind, Span, hash_str};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

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
/// Dice of the content words from which a pair of sentences is worth
/// scoring. Below it no rule links: of the 3,313 MSRP training pairs that
/// the full decision links, none has a Dice under 0.30.
pub const CANDIDATE_MIN_DICE: f64 = 0.25;
/// Share of the smaller sentence's content words inside the larger from
/// which a pair is worth scoring whatever its Dice (a trimmed copy, one
/// half of a split).
pub const CANDIDATE_MIN_CONTAINMENT: f64 = 0.5;
/// How many sentences of the other report one sentence may look up through
/// its words, rarest word first. A word found in more sentences than are
/// left of this budget ("Russia" in a long report on Russia) proposes no
/// partner by itself; it still counts when the pair is scored. This keeps
/// the cost linear in the length of the reports. 32 and 64 give the same
/// links on all 107 PAN development pairs and on 3,486 pairs of `PolNeAR`
/// articles; 32 aligns a 2,000-word pair a fifth faster.
pub const CANDIDATE_LOOKUP_BUDGET: usize = 32;
/// Identical sentences repeated on both sides are paired each with each
/// while there are at most this many pairs; beyond it, in order of
/// occurrence (the first with the first), so that text repeated thousands
/// of times is not linked as a cross product.
pub const REPEATED_PAIRS_MAX: usize = 64;
/// With a sentence model, two sentences whose vectors have at least this
/// cosine are scored whatever words they share: the same claim may be told
/// in other words. It only proposes the pair; the decision weighs the
/// cosine with the words.
pub const MEANING_CANDIDATE_MIN_COSINE: f64 = 0.6;
/// With a sentence model, two sentences the words do not link share a claim
/// when their vectors have at least this cosine, they share at least
/// [`CLAIM_MIN_ANCHORS`] anchors, and the figures they give do not
/// disagree. The cosine alone is no evidence of a shared claim in real
/// reports: in the five bundled reports on the security talks, 64 pairs of
/// sentences from different outlets reach a cosine of 0.6, of which 16
/// share a claim; most merely speak of NATO and security.
pub const CLAIM_MIN_COSINE: f64 = 0.65;
/// Anchors a shared claim needs: content words both sentences use that few
/// sentences of the two reports use ([`CLAIM_SPECIFIC_MAX_SHARE`]), and
/// figures both give. In the bundled security-talks reports, pairs above
/// the cosine with two anchors share a claim 13 times in 15 (one word:
/// 13 in 19); on the hand-marked claims set, every pair that passes is
/// marked same.
pub const CLAIM_MIN_ANCHORS: usize = 2;
/// A content word found in more than this share of the sentences of the
/// two reports (and in more than two) is the topic ("NATO", "security"),
/// not an anchor.
pub const CLAIM_SPECIFIC_MAX_SHARE: f64 = 0.15;
/// Pairs of sentences whose vectors are compared, at most: beyond it (two
/// reports of some 3,000 sentences each), only the words propose pairs.
pub const MEANING_COMPARISONS_MAX: usize = 10_000_000;

/// One document as the aligner sees it.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    pub document: &'a Document,
    pub clean: &'a CleanDocument,
    /// The vectors of the body sentences, in the order of
    /// [`CleanDocument::body`], when a sentence model was used. Vectors
    /// that do not match the sentences one for one are not used.
    pub vectors: Option<&'a [Vec<f32>]>,
    /// The document already read for alignment ([`Reading`]), when it is
    /// aligned with more than one other.
    pub reading: Option<&'a Reading>,
}

/// One document read for alignment: its body sentences as they are
/// compared (words, stems, content words) and the words passages are found
/// in. Aligning a document with many others, read it once with
/// [`Reading::new`] and give each [`Side`] of it
/// [`with_reading`](Side::with_reading); [`align`] reads each side
/// without one itself, to the same result.
#[derive(Debug)]
pub struct Reading {
    sentences: Vec<Sentence>,
    /// The sentences grouped by their text.
    groups: Groups,
    /// Each content word with where the groups whose sentence uses it
    /// are in `indexed`: what the other side looks its sentences up in.
    index: HashMap<u64, (usize, usize)>,
    /// The groups of each content word of `index`, in group order, one
    /// word after another: one list for all the words rather than a list
    /// each.
    indexed: Vec<usize>,
    /// The body's word shingles, sorted, each once.
    shingles: Vec<u64>,
    words: passages::PassageWords,
}

impl Reading {
    /// Reads `side` (with its vectors, if it has them) for alignment.
    #[must_use]
    pub fn new(side: Side<'_>) -> Self {
        let (sentences, words) = prepare(side);
        let groups = Groups::of(&side.document.text, &sentences);
        let first_sentences = || groups.iter().map(|members| &sentences[members[0]]);
        // Each word's groups are counted, given their place in `indexed`,
        // then written there in group order: two lookups a use, where
        // sorting the uses cost a tenth of reading a document.
        let mut index: HashMap<u64, (usize, usize)> = HashMap::default();
        // Sized once for as many words as there are uses, the most there
        // can be, not grown and rehashed on the way.
        index.reserve(
            first_sentences()
                .map(|sentence| sentence.content().len())
                .sum(),
        );
        for sentence in first_sentences() {
            for &word in sentence.content() {
                index.entry(word).or_default().1 += 1;
            }
        }
        let mut uses = 0;
        for (start, end) in index.values_mut() {
            let count = *end;
            (*start, *end) = (uses, uses);
            uses += count;
        }
        let mut indexed = vec![0; uses];
        for (group, sentence) in first_sentences().enumerate() {
            for word in sentence.content() {
                if let Some((_, end)) = index.get_mut(word) {
                    indexed[*end] = group;
                    *end += 1;
                }
            }
        }
        Self {
            shingles: crate::scores::shingles_of(&sentences),
            groups,
            index,
            indexed,
            sentences,
            words,
        }
    }

    /// The groups whose sentence uses content word `word`, in group order.
    fn groups_using(&self, word: u64) -> Option<&[usize]> {
        self.index
            .get(&word)
            .map(|&(start, end)| &self.indexed[start..end])
    }
}

impl<'a> Side<'a> {
    #[must_use]
    pub fn new(document: &'a Document, clean: &'a CleanDocument) -> Self {
        Self {
            document,
            clean,
            vectors: None,
            reading: None,
        }
    }

    /// The same side, already read for alignment: `reading` must have
    /// been read from this side (its document, cleaning and vectors).
    #[must_use]
    pub fn with_reading(self, reading: &'a Reading) -> Self {
        Self {
            reading: Some(reading),
            ..self
        }
    }

    /// The same side with its body sentences' vectors.
    #[must_use]
    pub fn with_vectors(self, vectors: &'a [Vec<f32>]) -> Self {
        Self {
            vectors: Some(vectors),
            ..self
        }
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

/// The body sentences of `side`, and the words of all it keeps, read in
/// one pass over its words.
fn prepare(side: Side<'_>) -> (Vec<Sentence>, passages::PassageWords) {
    let text = &side.document.text;
    // Each body segment is one sentence.
    let mut sentences: Vec<Sentence> = Vec::with_capacity(side.clean.body().count());
    let words = passages::PassageWords::new(text, side.clean, |span, words| {
        sentences.push(Sentence::from_words(text, span, words));
    });
    if let Some(vectors) = side.vectors
        && vectors.len() == sentences.len()
    {
        for (sentence, vector) in sentences.iter_mut().zip(vectors) {
            sentence.vector = Some(vector.clone());
        }
    }
    (sentences, words)
}

/// Whether two sentences on their own would be linked, of what kind and
/// with what score: the decision [`align`] makes for every candidate pair
/// (a split's second partner aside, which needs a first link).
#[must_use]
pub fn link_sentences(a: &str, b: &str) -> Option<(LinkKind, f64)> {
    link_sentences_with(a, b, None)
}

/// [`link_sentences`] with the two sentences' vectors from a sentence
/// model, as [`align`] decides when its sides have vectors.
#[must_use]
pub fn link_sentences_with(
    a: &str,
    b: &str,
    vectors: Option<(&[f32], &[f32])>,
) -> Option<(LinkKind, f64)> {
    let mut a = Sentence::new(a, Span::new(0, a.len()));
    let mut b = Sentence::new(b, Span::new(0, b.len()));
    if let Some((a_vector, b_vector)) = vectors {
        a.vector = Some(a_vector.to_vec());
        b.vector = Some(b_vector.to_vec());
    }
    let shared = shared_if_worth_scoring(&a, &b)?;
    // Without the two reports around them, no word can be told apart from
    // the topic: a shared claim needs them.
    score_pair(0, &a, 0, &b, shared, None)
        .filter(|candidate| candidate.score > 0.0)
        .map(|candidate| (candidate.kind, round(candidate.score)))
}

/// The content words two sentences share, when the pair is worth scoring
/// by its words or, with a sentence model, by its vectors.
fn shared_if_worth_scoring(a: &Sentence, b: &Sentence) -> Option<usize> {
    worth_scoring(a, b).or_else(|| {
        a.cosine(b)
            .filter(|&cosine| cosine >= MEANING_CANDIDATE_MIN_COSINE)
            .map(|_| a.profile.shared(&b.profile))
    })
}

/// The content words two sentences share, when they share enough for any
/// rule to link them.
fn worth_scoring(a: &Sentence, b: &Sentence) -> Option<usize> {
    let shared = a.profile.shared(&b.profile);
    enough_shared(shared, a.content().len(), b.content().len()).then_some(shared)
}

/// Whether two sentences of `a_content` and `b_content` content words that
/// share `shared` of them are worth scoring. The more they share, the more
/// they are: a bound above on `shared` that is not enough rules a pair out
/// without counting.
fn enough_shared(shared: usize, a_content: usize, b_content: usize) -> bool {
    if shared
        < MIN_SHARED_CONTENT_WORDS
            .min(a_content)
            .min(b_content)
            .max(1)
    {
        return false;
    }
    let dice = 2.0 * shared as f64 / (a_content + b_content).max(1) as f64;
    let containment = shared as f64 / a_content.min(b_content).max(1) as f64;
    dice >= CANDIDATE_MIN_DICE || containment >= CANDIDATE_MIN_CONTAINMENT
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
    /// What made the link, when a sentence model was used.
    evidence: Option<LinkEvidence>,
    cosine: Option<f64>,
    /// Shared content words ÷ those of the smaller sentence.
    containment: f64,
    /// Shared content words ÷ those of A's sentence, and of B's.
    a_inside: f64,
    b_inside: f64,
}

fn align_ordered(a: Side<'_>, b: Side<'_>) -> Alignment {
    let (a_owned, b_owned);
    let a_reading = if let Some(reading) = a.reading {
        reading
    } else {
        a_owned = Reading::new(a);
        &a_owned
    };
    let b_reading = if let Some(reading) = b.reading {
        reading
    } else {
        b_owned = Reading::new(b);
        &b_owned
    };
    let (a_sentences, b_sentences) = (&a_reading.sentences, &b_reading.sentences);
    let candidates = candidates(a_reading, b_reading);
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
                // Told in other words, a shared claim's word differences
                // would mark the very words that carry the claim as missing.
                changes: if candidate.kind == LinkKind::Claim {
                    Vec::new()
                } else {
                    changes(&a.document.text, a_span, &b.document.text, b_span)
                },
                evidence: candidate.evidence,
                cosine: candidate.cosine.map(round),
            }
        })
        .collect();
    let passages = passages::passages(
        (&a.document.text, a.clean, &a_reading.words),
        (&b.document.text, b.clean, &b_reading.words),
        &links,
    );
    let scores = Scores::compute(
        (a_sentences, &a_reading.shingles),
        (b_sentences, &b_reading.shingles),
        &links,
    );
    Alignment {
        links,
        passages,
        scores,
    }
}

/// Sentences with the same text, numbered in order of their first
/// sentence: a repeated pull-quote or stock line is looked up and scored
/// once. The members of every group are in one list, where a list each
/// cost an allocation a sentence.
#[derive(Debug)]
struct Groups {
    /// Where each group's members start in `members`, and the length of
    /// `members` last.
    starts: Vec<usize>,
    /// The sentences of each group in order, one group after another.
    members: Vec<usize>,
}

impl Groups {
    fn of(text: &str, sentences: &[Sentence]) -> Self {
        let mut by_text: HashMap<&str, usize> =
            HashMap::with_capacity_and_hasher(sentences.len(), rustc_hash::FxBuildHasher);
        let mut sizes: Vec<usize> = Vec::new();
        let group_of: Vec<usize> = sentences
            .iter()
            .map(|sentence| {
                let key = &text[sentence.span.start..sentence.span.end];
                let group = *by_text.entry(key).or_insert_with(|| {
                    sizes.push(0);
                    sizes.len() - 1
                });
                sizes[group] += 1;
                group
            })
            .collect();
        let mut starts = Vec::with_capacity(sizes.len() + 1);
        let mut start = 0;
        for size in &sizes {
            starts.push(start);
            start += size;
        }
        starts.push(start);
        // Each group's next free place, from its start.
        let mut next = sizes;
        next.copy_from_slice(&starts[..starts.len() - 1]);
        let mut members = vec![0; sentences.len()];
        for (number, group) in group_of.into_iter().enumerate() {
            members[next[group]] = number;
            next[group] += 1;
        }
        Self { starts, members }
    }

    fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// The sentences of `group`, in order.
    fn members(&self, group: usize) -> &[usize] {
        &self.members[self.starts[group]..self.starts[group + 1]]
    }

    fn iter(&self) -> impl Iterator<Item = &[usize]> {
        self.starts
            .windows(2)
            .map(|bounds| &self.members[bounds[0]..bounds[1]])
    }
}

/// The pairs of groups (A's, B's) already looked at: both sides propose
/// most pairs, and each is checked once. A bit for each possible pair
/// while there are few enough of them, a set beyond.
enum Seen {
    Bits { words: Vec<u64>, b_groups: usize },
    Set(HashSet<(usize, usize)>),
}

/// The most pairs of groups [`Seen`] keeps a bit for: 2 MiB of bits.
const SEEN_BITS_MAX: usize = 1 << 24;

impl Seen {
    fn new(a_groups: usize, b_groups: usize) -> Self {
        match a_groups.checked_mul(b_groups) {
            Some(pairs) if pairs <= SEEN_BITS_MAX => Self::Bits {
                words: vec![0; pairs.div_ceil(64)],
                b_groups,
            },
            _ => Self::Set(HashSet::default()),
        }
    }

    /// Marks `pair` as seen; false when it was seen before.
    fn insert(&mut self, pair: (usize, usize)) -> bool {
        match self {
            Self::Bits { words, b_groups } => {
                let bit = pair.0 * *b_groups + pair.1;
                let (word, mask) = (&mut words[bit / 64], 1_u64 << (bit % 64));
                let new = *word & mask == 0;
                *word |= mask;
                new
            }
            Self::Set(set) => set.insert(pair),
        }
    }
}

/// Pairs of groups (A's, B's) that `from` proposes, worth scoring: each
/// group of `from` looks up the groups of `to` that share its content
/// words, rarest word first, within [`CANDIDATE_LOOKUP_BUDGET`], and each
/// pair not `seen` before that passes [`worth_scoring`] is added to
/// `pairs` with the content words its sentences share. `mirrored` says
/// that `from` is B.
///
/// A group found in k of the lists looked up shares k content words with
/// the sentence looking, and perhaps some of the words whose lists the
/// budget left out, but no more: when no list was left out, k is the count
/// itself, and when k and all those left out are too few, the pair is
/// ruled out. Only the others need the two sentences' words merged.
fn propose(
    from: &Reading,
    to: &Reading,
    seen: &mut Seen,
    pairs: &mut Vec<((usize, usize), usize)>,
    mirrored: bool,
) {
    // How many of the lists looked up hold each group of `to`, and the
    // groups counted so far: counted in place rather than sorted, since a
    // sentence looks up a handful of lists and the pairs are sorted once
    // they are all found.
    let mut found_in: Vec<u32> = vec![0; to.groups.len()];
    let mut proposed: Vec<usize> = Vec::new();
    let mut lists: Vec<(u64, &[usize])> = Vec::new();
    for (from_group, members) in from.groups.iter().enumerate() {
        let sentence = &from.sentences[members[0]];
        lists.clear();
        lists.extend(
            sentence
                .content()
                .iter()
                .filter_map(|&word| to.groups_using(word).map(|list| (word, list))),
        );
        lists.sort_unstable_by_key(|(word, list)| (list.len(), *word));
        let mut looked_up = 0;
        let mut used = 0;
        proposed.clear();
        for &(_, list) in &lists {
            looked_up += list.len();
            if looked_up > CANDIDATE_LOOKUP_BUDGET {
                break;
            }
            used += 1;
            for &to_group in list {
                if found_in[to_group] == 0 {
                    proposed.push(to_group);
                }
                found_in[to_group] += 1;
            }
        }
        let left_out = lists.len() - used;
        for &to_group in &proposed {
            let found = found_in[to_group] as usize;
            found_in[to_group] = 0;
            let pair = if mirrored {
                (to_group, from_group)
            } else {
                (from_group, to_group)
            };
            if !seen.insert(pair) {
                continue;
            }
            let other = &to.sentences[to.groups.members(to_group)[0]];
            let (from_content, to_content) = (sentence.content().len(), other.content().len());
            // The words two sentences share are counted alike both ways.
            let shared = if left_out == 0 {
                enough_shared(found, from_content, to_content).then_some(found)
            } else if enough_shared(found + left_out, from_content, to_content) {
                worth_scoring(sentence, other)
            } else {
                None
            };
            if let Some(shared) = shared {
                pairs.push((pair, shared));
            }
        }
    }
}

/// Pairs of groups whose sentences' vectors are close
/// ([`MEANING_CANDIDATE_MIN_COSINE`]), when both sides have vectors: the
/// same claim in words the index of content words cannot see. Each comes
/// with the content words its sentences share, in the order of the pairs.
fn propose_by_meaning(
    a: (&[Sentence], &Groups),
    b: (&[Sentence], &Groups),
) -> Vec<((usize, usize), usize)> {
    let mut found = Vec::new();
    if a.1.len().saturating_mul(b.1.len()) > MEANING_COMPARISONS_MAX {
        return found;
    }
    for (a_group, a_members) in a.1.iter().enumerate() {
        let a_sentence = &a.0[a_members[0]];
        if a_sentence.vector.is_none() {
            return found;
        }
        for (b_group, b_members) in b.1.iter().enumerate() {
            let b_sentence = &b.0[b_members[0]];
            if a_sentence
                .cosine(b_sentence)
                .is_some_and(|cosine| cosine >= MEANING_CANDIDATE_MIN_COSINE)
            {
                found.push((
                    (a_group, b_group),
                    a_sentence.profile.shared(&b_sentence.profile),
                ));
            }
        }
    }
    found
}

/// The pairs of groups (A's, B's) either side proposes that are worth
/// scoring, each once, with the content words its sentences share.
fn proposed_pairs(a: &Reading, b: &Reading) -> Vec<((usize, usize), usize)> {
    let mut seen = Seen::new(a.groups.len(), b.groups.len());
    let mut pairs = Vec::new();
    propose(a, b, &mut seen, &mut pairs, false);
    propose(b, a, &mut seen, &mut pairs, true);
    pairs
}

/// Sentence pairs worth scoring, scored. They are found through an index of
/// content words, in both directions, instead of comparing every pair, so
/// the cost grows with the length of the reports, not with its square.
fn candidates(a: &Reading, b: &Reading) -> Vec<Candidate> {
    let (a_sentences, b_sentences) = (&a.sentences, &b.sentences);
    let (a_groups, b_groups) = (&a.groups, &b.groups);
    let mut pairs = proposed_pairs(a, b);
    // A pair close in meaning is scored whatever the words it shares; the
    // words shared are counted alike both ways, so a pair found both ways
    // is kept once.
    let by_meaning = propose_by_meaning((a_sentences, a_groups), (b_sentences, b_groups));
    pairs.extend(by_meaning);
    pairs.sort_unstable();
    pairs.dedup_by_key(|(pair, _)| *pair);
    let specific = specific_words(a_sentences, b_sentences);
    let mut found = Vec::new();
    for ((a_group, b_group), shared) in pairs {
        let (a_members, b_members) = (a_groups.members(a_group), b_groups.members(b_group));
        let (a_sentence, b_sentence) = (&a_sentences[a_members[0]], &b_sentences[b_members[0]]);
        let Some(scored) = remembered_score(a_sentence, b_sentence, shared, &specific) else {
            continue;
        };
        if a_members.len() * b_members.len() <= REPEATED_PAIRS_MAX {
            for &a_number in a_members {
                for &b_number in b_members {
                    found.push(Candidate {
                        a: a_number,
                        b: b_number,
                        ..scored
                    });
                }
            }
        } else {
            for (&a_number, &b_number) in a_members.iter().zip(b_members) {
                found.push(Candidate {
                    a: a_number,
                    b: b_number,
                    ..scored
                });
            }
        }
    }
    found
}

/// The content words (not figures) that at most
/// [`CLAIM_SPECIFIC_MAX_SHARE`] of the sentences of both reports use, and
/// only with a sentence model, since only shared claims need them.
fn specific_words(a: &[Sentence], b: &[Sentence]) -> HashSet<u64> {
    let mut specific = HashSet::default();
    if a.first().is_none_or(|sentence| sentence.vector.is_none()) {
        return specific;
    }
    let mut sentences_using: HashMap<u64, usize> = HashMap::default();
    for sentence in a.iter().chain(b) {
        for &term in sentence.profile.terms() {
            *sentences_using.entry(term).or_default() += 1;
        }
    }
    // A word both sentences of a pair use is in two sentences at least: in
    // short reports that alone does not make it the topic.
    let most = (CLAIM_SPECIFIC_MAX_SHARE * (a.len() + b.len()) as f64).max(2.0);
    specific.extend(
        sentences_using
            .into_iter()
            .filter(|&(_, count)| count as f64 <= most)
            .map(|(term, _)| term),
    );
    specific
}

/// Sentence pairs scored on a thread before they are all forgotten: a
/// few megabytes at most.
const SCORES_REMEMBERED: usize = 1 << 14;

thread_local! {
    /// Sentence pairs already scored on this thread without a sentence
    /// model, with the content words they share: without vectors a pair's
    /// score depends on its two sentences alone, and copies of one story
    /// meet the same two sentences pair after pair.
    static SCORES: std::cell::RefCell<Remembered<usize, Option<Candidate>>> =
        std::cell::RefCell::new(Remembered::new(SCORES_REMEMBERED));
}

pub(crate) fn forget_scores() {
    SCORES.with(|remembered| remembered.borrow_mut().forget());
}

/// [`score_pair`] of two sentences, from memory when this thread scored
/// the very same two sentences before and neither has a vector.
fn remembered_score(
    a: &Sentence,
    b: &Sentence,
    shared: usize,
    specific: &HashSet<u64>,
) -> Option<Candidate> {
    let score = || score_pair(0, a, 0, b, shared, Some(specific));
    if a.vector.is_some() || b.vector.is_some() {
        return score();
    }
    SCORES.with(|remembered| {
        remembered.borrow_mut().get_or_work(
            a.profile.sentence(),
            b.profile.sentence(),
            shared,
            score,
        )
    })
}

fn score_pair(
    a_number: usize,
    a: &Sentence,
    b_number: usize,
    b: &Sentence,
    shared: usize,
    specific: Option<&HashSet<u64>>,
) -> Option<Candidate> {
    // "4.", "Read more." or "He declined." match everywhere: too short to
    // say that one report took anything from the other.
    if a.words().len().min(b.words().len()) < LINK_MIN_WORDS {
        return None;
    }
    let containment = shared as f64 / a.content().len().min(b.content().len()).max(1) as f64;
    let cosine = a.cosine(b);
    let (kind, score, evidence) = if a.words() == b.words() {
        (LinkKind::Verbatim, 1.0, cosine.map(|_| LinkEvidence::Words))
    } else {
        let distance = rapidfuzz::distance::levenshtein::distance(
            a.words().iter().copied(),
            b.words().iter().copied(),
        );
        let edit_similarity =
            1.0 - distance as f64 / a.words().len().max(b.words().len()).max(1) as f64;
        let subsequence =
            similarity::common_subsequence_ratio(a.profile.stems(), b.profile.stems());
        let features = similarity::features_with(&a.profile, &b.profile, subsequence);
        let same_content = similarity::probability(
            &features,
            &similarity::MODEL_WEIGHTS,
            similarity::MODEL_BIAS,
        );
        let lexical = same_content >= similarity::SAME_CONTENT_MIN_PROBABILITY;
        // With a sentence model, the decision on meaning takes the vectors'
        // cosine with the words; without one, the words decide.
        let meaning = cosine.map(|cosine| {
            similarity::probability(
                &similarity::with_cosine(&features, cosine),
                &similarity::MEANING_WEIGHTS,
                similarity::MEANING_BIAS,
            )
        });
        let meant = meaning.map(|meaning| meaning >= similarity::MEANING_MIN_PROBABILITY);
        let evidence = |words: bool| match (words, meant) {
            (_, None) => None,
            (true, Some(true)) => Some(LinkEvidence::Both),
            (true, Some(false)) => Some(LinkEvidence::Words),
            (false, _) => Some(LinkEvidence::Meaning),
        };
        // The shorter sentence, word for word and in order, inside the
        // longer one: a trimmed copy (a clause dropped or added).
        let trimmed = similarity::ordered_containment_from(&a.profile, &b.profile, subsequence);
        if edit_similarity >= NEAR_MIN_EDIT_SIMILARITY && lexical {
            (LinkKind::Near, edit_similarity, evidence(true))
        } else if trimmed >= TRIMMED_MIN_CONTAINMENT && shared >= TRIMMED_MIN_SHARED_CONTENT_WORDS {
            (
                LinkKind::Near,
                trimmed * same_content.max(edit_similarity).max(0.5),
                evidence(true),
            )
        } else if let (Some(meaning), Some(true)) = (meaning, meant) {
            (LinkKind::Paraphrase, meaning, evidence(lexical))
        } else if meaning.is_none() && lexical {
            (LinkKind::Paraphrase, same_content, None)
        } else if let (Some(cosine), Some(specific)) = (cosine, specific)
            && cosine >= CLAIM_MIN_COSINE
            && !a.profile.figures_disagree(&b.profile)
            && a.profile.anchors(&b.profile, specific) >= CLAIM_MIN_ANCHORS
        {
            // Not the same content, but a fact in common: each sentence
            // may say more than the other.
            (LinkKind::Claim, cosine, evidence(false))
        } else if containment >= SPLIT_MIN_CONTAINMENT && shared >= MIN_SHARED_CONTENT_WORDS {
            // Only eligible as the second partner of a split sentence.
            (LinkKind::Paraphrase, 0.0, evidence(true))
        } else {
            return None;
        }
    };
    Some(Candidate {
        a: a_number,
        b: b_number,
        kind,
        score,
        evidence,
        cosine,
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
                    kind: part_kind(candidate.kind),
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

/// The kind of a link to one part of a split (or merged) sentence: near
/// when the part is copied into the whole with a few words changed (a
/// verbatim part is still a part), paraphrase otherwise.
fn part_kind(kind: LinkKind) -> LinkKind {
    if kind <= LinkKind::Near {
        LinkKind::Near
    } else {
        LinkKind::Paraphrase
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
                kind: part_kind(candidate.kind),
                score: candidate.containment,
                ..candidate
            });
        }
    }
    split_groups(&ranked, &mut a_links, &mut b_links, &mut chosen);
    chosen.sort_by_key(|candidate| (candidate.a, candidate.b));
    chosen
}

#[cfg(test)]
mod tests;
