//! Duplicates inside one document: the same sentences twice (a scraped
//! page that holds the article run together and again wrapped); the
//! better-formed copy stays body, the other points at it.

use parallax_core::{Segment, SegmentKind, Span, shared_sorted};
use rustc_hash::FxHashMap as HashMap;
use std::cell::OnceCell;

/// Sentences shorter than this are too common to call duplicates.
const DUPLICATE_MIN_TOKENS: usize = 6;
/// Share of one sentence's word trigrams found in another for the two to be
/// the same sentence twice.
const DUPLICATE_MIN_CONTAINMENT: f64 = 0.9;
/// This many duplicated sentences in a row are a copied passage; fewer are
/// the article repeating itself.
const DUPLICATE_MIN_RUN: usize = 3;
/// In a copied passage, each copy's original is at most this many
/// sentences after the previous copy's original (the copy may skip one).
const DUPLICATE_MAX_STEP: usize = 2;
/// A word 3-gram found in more sentences than this ("at the top of")
/// proposes no twins by itself; twins still share it when compared. Exact
/// repeats are paired directly. This keeps text that repeats itself
/// thousands of times from costing the square of its length.
const DUPLICATE_LOOKUP_MAX_SENTENCES: usize = 32;

#[derive(Debug, Clone, Copy)]
pub(crate) struct BodySentence {
    pub(crate) span: Span,
    pub(crate) region: usize,
}

/// Finds sentences that occur twice in the document, even when one copy is
/// run together and the other wrapped, and keeps the copy from the larger
/// region of the page: the fuller rendering of the article. Each sentence
/// of `body` comes out as one segment, in order, with the hashes of its
/// words ([`parallax_core::hashed_words`]).
pub(crate) fn label_duplicates(
    text: &str,
    body: &[BodySentence],
    standfirsts: &[Span],
) -> Vec<(Segment, Vec<u64>)> {
    let words: Vec<Vec<u64>> = body
        .iter()
        .map(|sentence| word_hashes(text, sentence.span))
        .collect();
    // Each sentence's word trigrams, in order, hashed once for finding
    // twins and for comparing them.
    let shingled: Vec<Vec<u64>> = words
        .iter()
        .map(|words| parallax_core::shingles(words, 3))
        .collect();
    // Each sentence's set of trigrams, made when it is first needed: most
    // sentences of a page share no rare trigram with another, and only
    // the few that do are compared.
    let trigram_sets: Vec<OnceCell<Vec<u64>>> = vec![OnceCell::new(); body.len()];
    let trigrams = |number: usize| -> &[u64] {
        trigram_sets[number].get_or_init(|| sorted_set(shingled[number].clone()))
    };
    let mut region_bytes: HashMap<usize, usize> = HashMap::default();
    for sentence in body {
        *region_bytes.entry(sentence.region).or_insert(0) += sentence.span.len();
    }
    let shared_with = later_sharing_a_rare_trigram(&shingled);
    // Sentences with the same words are twins without looking them up.
    let mut same_words: HashMap<&[u64], Vec<usize>> = HashMap::default();
    for (number, words) in words.iter().enumerate() {
        same_words.entry(words).or_default().push(number);
    }
    let mut repeats_of: Vec<&[usize]> = vec![&[]; body.len()];
    for numbers in same_words.values() {
        for &number in numbers {
            repeats_of[number] = numbers;
        }
    }
    let mut duplicate_of: Vec<Option<usize>> = vec![None; body.len()];
    for number in 0..body.len() {
        // A sentence already set aside as a copy can neither keep nor be
        // another twin.
        if duplicate_of[number].is_some() {
            continue;
        }
        let mut twins: Vec<usize> = repeats_of[number]
            .iter()
            .copied()
            .filter(|&other| other > number)
            .collect();
        twins.extend(&shared_with[number]);
        if twins.is_empty() {
            continue;
        }
        let set = trigrams(number);
        if set.len() < DUPLICATE_MIN_TOKENS - 2 {
            continue;
        }
        twins.sort_unstable();
        twins.dedup();
        for other in twins {
            let other_size = trigrams(other).len();
            let count = shared_sorted(set, trigrams(other));
            let containment = count as f64 / set.len().min(other_size).max(1) as f64;
            if containment < DUPLICATE_MIN_CONTAINMENT || other_size < DUPLICATE_MIN_TOKENS - 2 {
                continue;
            }
            let keep_later = region_bytes[&body[other].region] > region_bytes[&body[number].region];
            let (keeper, copy) = if keep_later {
                (other, number)
            } else {
                (number, other)
            };
            if duplicate_of[copy].is_none() && duplicate_of[keeper].is_none() {
                duplicate_of[copy] = Some(keeper);
            }
            if duplicate_of[number].is_some() {
                break;
            }
        }
    }
    // A copy of a passage (a scraped second rendering of the article) is
    // set aside; a sentence the article itself repeats (a pull-quote, a
    // restated claim) stays body and says what it repeats.
    let mut restated: Vec<Option<usize>> = vec![None; body.len()];
    // Sentences of each region that are not copies, kept up to date below.
    let mut originals_in_region: HashMap<usize, usize> = HashMap::default();
    for (sentence, copy) in body.iter().zip(&duplicate_of) {
        *originals_in_region.entry(sentence.region).or_insert(0) += usize::from(copy.is_none());
    }
    let mut start = 0;
    while start < body.len() {
        if duplicate_of[start].is_none() {
            start += 1;
            continue;
        }
        // A copied passage copies the article in order: each copy's
        // original follows the one before (a sentence or two on). A list
        // that repeats its items (a meal plan's "Plan B" repeating Plan
        // A's dishes) points back and forth, and stays body.
        let end = (start + 1..body.len())
            .find(
                |&index| match (duplicate_of[index - 1], duplicate_of[index]) {
                    (Some(before), Some(original)) => {
                        original <= before || original > before + DUPLICATE_MAX_STEP
                    }
                    _ => true,
                },
            )
            .unwrap_or(body.len());
        let whole_region = originals_in_region[&body[start].region] == 0;
        if end - start < DUPLICATE_MIN_RUN && !whole_region {
            for index in start..end {
                restated[index] = duplicate_of[index].take();
                *originals_in_region
                    .get_mut(&body[index].region)
                    .expect("counted above") += 1;
            }
        }
        start = end;
    }
    let standfirst_sets: Vec<(Span, Vec<u64>)> = standfirsts
        .iter()
        .map(|&standfirst| (standfirst, trigram_set(&word_hashes(text, standfirst))))
        .collect();
    let segments = body.iter().enumerate().map(|(number, sentence)| {
        if let Some(original) = restated[number] {
            return Segment::new(
                sentence.span,
                SegmentKind::Body,
                format!(
                    "body text; repeats {} (a pull-quote or restatement)",
                    body[original].span
                ),
            );
        }
        if let Some(keeper) = duplicate_of[number] {
            return Segment::new(
                sentence.span,
                SegmentKind::Duplicate,
                format!("duplicate of {}", body[keeper].span),
            );
        }
        let repeats = standfirst_sets.iter().find(|(_, standfirst_set)| {
            let shared = shared_sorted(standfirst_set, trigrams(number));
            shared as f64 / standfirst_set.len().min(trigrams(number).len()).max(1) as f64
                >= DUPLICATE_MIN_CONTAINMENT
        });
        let reason = match repeats {
            Some((standfirst, _)) => format!("body text; repeats the standfirst at {standfirst}"),
            None => "body text".to_owned(),
        };
        Segment::new(sentence.span, SegmentKind::Body, reason)
    });
    segments.zip(words).collect()
}

/// Each sentence's possible twins, by each sentence's word trigrams: the
/// later sentences that share one of its trigrams held by a few sentences
/// ([`DUPLICATE_LOOKUP_MAX_SENTENCES`]).
fn later_sharing_a_rare_trigram(trigrams: &[Vec<u64>]) -> Vec<Vec<usize>> {
    // Nearly every trigram of a page is held by one sentence: each is
    // looked up once by its first holder, and only the trigrams a second
    // sentence holds too are gathered, with their holders, in one sorted
    // list. Sorting every trigram with its sentence was most of this
    // pass's cost, and a list per trigram more still.
    let mut first_holder: HashMap<u64, (usize, bool)> = HashMap::with_capacity_and_hasher(
        trigrams.iter().map(Vec::len).sum(),
        rustc_hash::FxBuildHasher,
    );
    let mut holding: Vec<(u64, usize)> = Vec::new();
    for (number, sentence) in trigrams.iter().enumerate() {
        for &trigram in sentence {
            let (first, gathered) = first_holder.entry(trigram).or_insert((number, false));
            if *first != number {
                if !*gathered {
                    holding.push((trigram, *first));
                    *gathered = true;
                }
                holding.push((trigram, number));
            }
        }
    }
    holding.sort_unstable();
    holding.dedup();
    // Each sentence's possible twins: the later sentences that share one
    // of its trigrams held by a few sentences, found in one pass over the
    // trigrams rather than by looking each one up.
    let mut shared_with: Vec<Vec<usize>> = vec![Vec::new(); trigrams.len()];
    for holders in holding.chunk_by(|left, right| left.0 == right.0) {
        if holders.len() > DUPLICATE_LOOKUP_MAX_SENTENCES {
            continue;
        }
        for (index, &(_, number)) in holders.iter().enumerate() {
            shared_with[number].extend(holders[index + 1..].iter().map(|&(_, other)| other));
        }
    }
    shared_with
}

/// The hashes of the words of a sentence.
fn word_hashes(text: &str, span: Span) -> Vec<u64> {
    // Grown from nothing, the list was copied three or four times a
    // sentence.
    let mut hashes = Vec::with_capacity(parallax_core::word_room(span.len()));
    hashes.extend(parallax_core::hashed_words(text, span).map(|(_, hash)| hash));
    hashes
}

/// The distinct word trigrams of a sentence, from its word hashes, as a
/// sorted list.
fn trigram_set(words: &[u64]) -> Vec<u64> {
    sorted_set(parallax_core::shingles(words, 3))
}

/// `values` sorted, each once.
fn sorted_set(mut values: Vec<u64>) -> Vec<u64> {
    values.sort_unstable();
    values.dedup();
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Twins as sorting every trigram with its sentence finds them: each
    /// trigram held by two to [`DUPLICATE_LOOKUP_MAX_SENTENCES`] sentences
    /// makes each of them a twin of those after it.
    fn later_sharing_by_sorting_all(trigrams: &[Vec<u64>]) -> Vec<Vec<usize>> {
        let mut holding: Vec<(u64, usize)> = trigrams
            .iter()
            .enumerate()
            .flat_map(|(number, trigrams)| trigrams.iter().map(move |&trigram| (trigram, number)))
            .collect();
        holding.sort_unstable();
        holding.dedup();
        let mut shared_with: Vec<Vec<usize>> = vec![Vec::new(); trigrams.len()];
        for holders in holding.chunk_by(|left, right| left.0 == right.0) {
            if (2..=DUPLICATE_LOOKUP_MAX_SENTENCES).contains(&holders.len()) {
                for (index, &(_, number)) in holders.iter().enumerate() {
                    shared_with[number]
                        .extend(holders[index + 1..].iter().map(|&(_, other)| other));
                }
            }
        }
        shared_with
    }

    #[test]
    fn twins_are_found_as_by_sorting_every_trigram() {
        // Sentences of trigrams drawn from a few values, so that trigrams
        // repeat inside a sentence, across a few sentences and across more
        // than the lookup allows.
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = |below: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % below
        };
        for round in 0..200 {
            let sentences = 1 + usize::try_from(next(60)).unwrap();
            let values = 1 + next(if round % 2 == 0 { 40 } else { 4_000 });
            let trigrams: Vec<Vec<u64>> = (0..sentences)
                .map(|_| (0..next(30)).map(|_| next(values)).collect())
                .collect();
            assert_eq!(
                later_sharing_a_rare_trigram(&trigrams),
                later_sharing_by_sorting_all(&trigrams),
                "round {round}"
            );
        }
    }
}
