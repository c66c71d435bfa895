//! Stage 5, alignment in rounds: the candidates of a range of documents at
//! a time, each pair on the worker that read its first document (the
//! second sent there). Worker 0 appends each round's pairs with reuse to
//! `pairs.jsonl`, in candidate order, as the round ends.

use crate::clean::Keyed;
use crate::error::{output_error, serialise_error};
use crate::exchange::{Exchange, agree};
use crate::fetch::{
    Cleaned, Runs, SharedRuns, document_of, documents_in, fetch, run_hashes, shared_runs,
};
use crate::index::Pair;
use crate::meaning::{Cost, round_vectors};
use crate::read::Table;
use crate::{CorpusError, Job, Progress, as_number};
use parallax_align::{Reading, Side};
use parallax_report::CorpusPair;
use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::{BufWriter, Write as _};
use std::path::Path;

/// The fewest words an exact shared run must have to make a pair on its
/// own, without a sentence linked by its words. Stock phrases and chance
/// overlaps ("said in a statement on Tuesday that the") run to about a
/// dozen words; twenty is a whole news sentence, so a run this long is a
/// sentence's worth of shared reporting.
pub const EVIDENCE_RUN_WORDS: usize = 20;

/// Documents whose pairs are aligned in one round: what bounds the pairs
/// (and documents sent between workers) held at once.
const ROUND_DOCUMENTS: u32 = 20_000;

/// A pair with reuse on its way to worker 0: its line of `pairs.jsonl`
/// and what the index needs of it.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Found {
    line: String,
    pair: CorpusPair,
}

/// What the rounds leave: on worker 0, the pairs with reuse in file order
/// and `pairs.jsonl` written in the output folder being built.
pub(crate) struct Aligned {
    pub(crate) found: Vec<CorpusPair>,
    /// Candidate pairs of this worker set aside for sharing too little:
    /// one exact run too short before alignment, or after it no more than
    /// one reworded sentence or runs under [`EVIDENCE_RUN_WORDS`] words.
    pub(crate) short_only: usize,
    pub(crate) pairs_file: Option<BufWriter<File>>,
    /// What the sentence model cost this worker.
    pub(crate) cost: Cost,
}

/// Aligns this worker's `candidates` round by round; worker 0 writes
/// `pairs.jsonl` into `building`, the output folder being built.
pub(crate) fn align_rounds<E: Exchange>(
    exchange: &mut E,
    job: &Job,
    table: &Table,
    keyed: &Keyed,
    candidates: &[Pair],
    building: Option<&Path>,
    progress: &dyn Progress,
) -> Result<Aligned, CorpusError> {
    let folder = job.output.join(crate::outputs::PAIRS);
    let pairs_file = building
        .map(|building| File::create(building.join(crate::outputs::PAIRS)).map(BufWriter::new))
        .transpose()
        .map_err(|source| output_error(&folder, source));
    let mut aligned = Aligned {
        found: Vec::new(),
        short_only: 0,
        pairs_file: agree(exchange, pairs_file)?,
        cost: Cost::default(),
    };
    let cleaned = &keyed.cleaned;
    progress.begin("aligning candidate pairs", Some(candidates.len() as u64));
    let rounds = as_number(table.entries.len())
        .div_ceil(ROUND_DOCUMENTS)
        .max(1);
    let mut next = 0;
    for round in 0..rounds {
        let end = candidates[next..]
            .partition_point(|pair| pair.0 < (round + 1).saturating_mul(ROUND_DOCUMENTS))
            + next;
        let these = &candidates[next..end];
        next = end;
        let documents = fetch(exchange, table, &job.inputs, cleaned, these);
        let documents = agree(exchange, documents)?;
        let runs = run_hashes(&documents, &keyed.runs, these);
        let runs = agree(exchange, runs)?;
        // A candidate proposed for one stock or chance phrase (one exact
        // run, under a sentence long, and not most of either text) is set
        // aside here, from word hashes, before the sentence model or the
        // aligner costs anything; two runs or more may be a reworded
        // passage, and none may be one reworded sentence, so those are
        // aligned.
        let set_aside = one_short_run_pairs(these, &runs);
        drop(runs);
        let kept: Vec<Pair> = these
            .iter()
            .copied()
            .filter(|pair| !set_aside.contains(pair))
            .collect();
        aligned.short_only += these.len() - kept.len();
        progress.advance((these.len() - kept.len()) as u64);
        let vectors = job
            .model
            .as_deref()
            .map(|model| round_vectors(model, &documents, cleaned, &kept, &mut aligned.cost))
            .transpose();
        let vectors = agree(exchange, vectors)?;
        // Pairs by the documents they join: each document is read from
        // the store and for alignment once in its group, however many of
        // its pairs there are.
        let found: Result<Vec<Vec<Outcome>>, CorpusError> = groups(&kept)
            .par_iter()
            .map(|group| {
                let numbers = documents_in(group);
                let loaded: HashMap<u32, Cleaned> = numbers
                    .iter()
                    .map(|&number| Ok((number, document_of(&documents, cleaned, number)?)))
                    .collect::<Result<_, CorpusError>>()?;
                let side = |number: u32| {
                    let (document, clean) = &loaded[&number];
                    let side = Side::new(document, clean);
                    match vectors.as_ref() {
                        Some(vectors) => side.with_vectors(&vectors[&number]),
                        None => side,
                    }
                };
                let readings: HashMap<u32, Reading> = numbers
                    .par_iter()
                    .map(|&number| (number, Reading::new(side(number))))
                    .collect();
                group
                    .par_iter()
                    .map(|&(a, b)| {
                        progress.advance(1);
                        let result = parallax_pipeline::compare_pair(
                            side(a).with_reading(&readings[&a]),
                            side(b).with_reading(&readings[&b]),
                        );
                        outcome((a, b), &result, &loaded[&a].0.text)
                    })
                    .collect()
            })
            .collect();
        let found: Vec<Outcome> = agree(exchange, found)?.into_iter().flatten().collect();
        aligned.short_only += found
            .iter()
            .filter(|outcome| matches!(outcome, Outcome::SetAside))
            .count();
        let found: Vec<Found> = found
            .into_iter()
            .filter_map(|outcome| match outcome {
                Outcome::Reported(found) => Some(found),
                Outcome::SetAside | Outcome::Nothing => None,
            })
            .collect();
        let mut gathered = exchange.exchange(found, |_| 0);
        let mut written = Ok(());
        if let Some(writer) = aligned.pairs_file.as_mut() {
            gathered.sort_by_key(|found| (found.pair.a, found.pair.b));
            for item in gathered {
                written = writer
                    .write_all(item.line.as_bytes())
                    .and_then(|()| writer.write_all(b"\n"))
                    .map_err(|source| output_error(&folder, source));
                if written.is_err() {
                    break;
                }
                aligned.found.push(item.pair);
            }
        }
        agree(exchange, written)?;
    }
    progress.end();
    Ok(aligned)
}

/// What an aligned pair comes to; `text_a` is its first document's text.
fn outcome(
    (a, b): Pair,
    result: &parallax_report::PairResult,
    text_a: &str,
) -> Result<Outcome, CorpusError> {
    match evidence(result, text_a) {
        Evidence::Reuse => {}
        Evidence::ShortRunOnly => return Ok(Outcome::SetAside),
        Evidence::None => return Ok(Outcome::Nothing),
    }
    Ok(Outcome::Reported(Found {
        line: serde_json::to_string(result).map_err(serialise_error)?,
        pair: CorpusPair {
            a: a as usize,
            b: b as usize,
            scores: result.scores,
            links: result.links.len(),
        },
    }))
}

/// The most documents one group of pairs reads at once: a bound on memory
/// however the pairs chain documents together.
const GROUP_MAX_DOCUMENTS: usize = 1_000;

/// `pairs` in groups that share documents: the pairs of each connected
/// set of documents, cut into pieces of at most [`GROUP_MAX_DOCUMENTS`]
/// documents where one is larger. A larger set is cut in breadth-first
/// order, so that each piece holds documents near each other and few are
/// read in more than one piece: chance phrases chain unrelated stories
/// into one set of thousands of documents. Cut in the order of the
/// documents' numbers, 10,000 generated documents with chance phrases took
/// 10,181 readings of 6,406 documents; cut this way, 6,981.
fn groups(pairs: &[Pair]) -> Vec<Vec<Pair>> {
    let numbers = documents_in(pairs);
    let index = |number: u32| numbers.binary_search(&number).unwrap_or(0);
    let mut union = parallax_core::UnionFind::new(numbers.len());
    for &(a, b) in pairs {
        union.join(index(a), index(b));
    }
    let mut by_root: HashMap<usize, Vec<Pair>> = HashMap::default();
    for &pair in pairs {
        by_root
            .entry(union.root(index(pair.0)))
            .or_default()
            .push(pair);
    }
    let mut components: Vec<Vec<Pair>> = by_root.into_values().collect();
    components.sort_unstable_by_key(|component| component[0]);
    let mut groups = Vec::new();
    for component in components {
        let component = if documents_in(&component).len() > GROUP_MAX_DOCUMENTS {
            in_breadth_first_order(component)
        } else {
            component
        };
        let mut group: Vec<Pair> = Vec::new();
        let mut held: HashSet<u32> = HashSet::default();
        for pair in component {
            let adds = usize::from(!held.contains(&pair.0)) + usize::from(!held.contains(&pair.1));
            if held.len() + adds > GROUP_MAX_DOCUMENTS && !group.is_empty() {
                groups.push(std::mem::take(&mut group));
                held.clear();
            }
            held.extend([pair.0, pair.1]);
            group.push(pair);
        }
        groups.push(group);
    }
    groups
}

/// The pairs of one connected set of documents, ordered by the later of
/// their two documents in a breadth-first walk from the first document
/// (neighbours in the order of their numbers): a pair's documents are then
/// close to each other in the order, and a piece cut from it holds a
/// stretch of the walk.
fn in_breadth_first_order(mut pairs: Vec<Pair>) -> Vec<Pair> {
    let numbers = documents_in(&pairs);
    let index = |number: u32| numbers.binary_search(&number).unwrap_or(0);
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); numbers.len()];
    for &(a, b) in &pairs {
        let (a, b) = (index(a), index(b));
        neighbours[a].push(b);
        neighbours[b].push(a);
    }
    let mut order = vec![usize::MAX; numbers.len()];
    let mut queue = std::collections::VecDeque::new();
    let mut visited = 0;
    // Every document is reached from the first, since the set is
    // connected; the loop over all of them only guards against a set that
    // is not.
    for start in 0..numbers.len() {
        if order[start] != usize::MAX {
            continue;
        }
        order[start] = visited;
        visited += 1;
        queue.push_back(start);
        while let Some(document) = queue.pop_front() {
            neighbours[document].sort_unstable();
            for &next in &neighbours[document] {
                if order[next] == usize::MAX {
                    order[next] = visited;
                    visited += 1;
                    queue.push_back(next);
                }
            }
        }
    }
    pairs.sort_unstable_by_key(|&(a, b)| {
        let (a, b) = (order[index(a)], order[index(b)]);
        (a.max(b), a.min(b))
    });
    pairs
}

/// What became of an aligned candidate.
enum Outcome {
    Reported(Found),
    /// Set aside for sharing too little to be reuse, and counted.
    SetAside,
    /// Nothing shared by its words.
    Nothing,
}

/// The pairs of `pairs` whose bodies, by their [`run_hashes`], share
/// exactly one exact run, under [`EVIDENCE_RUN_WORDS`] words and under half
/// of either body. Pairs are taken by their second document, whose runs
/// are made a set once for all its pairs rather than once a pair.
fn one_short_run_pairs(pairs: &[Pair], runs: &HashMap<u32, Runs>) -> HashSet<Pair> {
    let mut by_second = pairs.to_vec();
    by_second.sort_unstable_by_key(|&(a, b)| (b, a));
    let mut groups: Vec<&[Pair]> = Vec::new();
    let mut rest = by_second.as_slice();
    while let Some(&(_, second)) = rest.first() {
        let end = rest.partition_point(|&(_, other)| other == second);
        groups.push(&rest[..end]);
        rest = &rest[end..];
    }
    groups
        .par_iter()
        .flat_map_iter(|group| {
            let second = &runs[&group[0].1];
            let held = second.set();
            group
                .iter()
                .copied()
                .filter(move |&(a, _)| {
                    let first = &runs[&a];
                    one_short_run(shared_runs(first, &held), first, second)
                })
                .collect::<Vec<Pair>>()
        })
        .collect()
}

/// Whether what two bodies share is exactly one exact run, under
/// [`EVIDENCE_RUN_WORDS`] words and under half of either body.
fn one_short_run(shared: SharedRuns, first: &Runs, second: &Runs) -> bool {
    matches!(
        shared,
        SharedRuns { words, runs: 1 }
            if words < EVIDENCE_RUN_WORDS
                && 2 * words < first.body_words().min(second.body_words())
    )
}

/// What an aligned pair shares, as corpus mode reports it.
#[derive(Debug, PartialEq, Eq)]
enum Evidence {
    /// A sentence linked verbatim or nearly so, two or more sentences
    /// linked by their words, or an exact run of [`EVIDENCE_RUN_WORDS`]
    /// words or more.
    Reuse,
    /// Less: one reworded sentence, or exact runs shorter than that. Such
    /// a pair is as often two different sentences around one stock phrase
    /// as it is reuse.
    ShortRunOnly,
    /// Nothing, or only claims a sentence model linked by meaning, which
    /// is the same fact, not the same text.
    None,
}

/// The evidence a pair has; `text_a` is the text A's spans index.
fn evidence(result: &parallax_report::PairResult, text_a: &str) -> Evidence {
    use parallax_core::LinkKind;
    let mut worded = result
        .links
        .iter()
        .filter(|link| link.kind != LinkKind::Claim);
    let close =
        |link: &&parallax_core::Link| matches!(link.kind, LinkKind::Verbatim | LinkKind::Near);
    if worded.clone().any(|link| close(&link)) || worded.nth(1).is_some() {
        return Evidence::Reuse;
    }
    let long = result.passages.iter().any(|passage| {
        passage
            .a
            .text(text_a)
            .is_some_and(|passage| parallax_core::words(passage).count() >= EVIDENCE_RUN_WORDS)
    });
    if long {
        Evidence::Reuse
    } else if result.passages.is_empty()
        && result.links.iter().all(|link| link.kind == LinkKind::Claim)
    {
        Evidence::None
    } else {
        Evidence::ShortRunOnly
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The evidence `a` and `b` share, aligned as corpus mode aligns them.
    fn evidence_between(a: &str, b: &str) -> Evidence {
        let first = parallax_ingest::document_from_text("a", "a.txt", a);
        let second = parallax_ingest::document_from_text("b", "b.txt", b);
        let (clean_first, clean_second) = (
            parallax_clean::clean(&first),
            parallax_clean::clean(&second),
        );
        let result = parallax_pipeline::compare_pair(
            Side::new(&first, &clean_first),
            Side::new(&second, &clean_second),
        );
        evidence(&result, &first.text)
    }

    /// Issue 21: pairs are aligned in groups that read each document once;
    /// every pair is in exactly one group, pairs that share a document
    /// share a group, and a chain longer than a group allows is cut.
    #[test]
    fn groups_hold_every_pair_once_and_join_pairs_that_share_documents() {
        let pairs: Vec<Pair> = vec![(1, 2), (1, 9), (3, 4), (2, 7), (5, 6), (4, 8)];
        let found = groups(&pairs);
        let mut all: Vec<Pair> = found.iter().flatten().copied().collect();
        all.sort_unstable();
        let mut expected = pairs.clone();
        expected.sort_unstable();
        assert_eq!(all, expected);
        assert_eq!(
            found,
            [
                vec![(1, 2), (1, 9), (2, 7)],
                vec![(3, 4), (4, 8)],
                vec![(5, 6)]
            ]
        );
        let chain: Vec<Pair> = (0..2_500).map(|number| (number, number + 1)).collect();
        let cut = groups(&chain);
        assert_eq!(cut.iter().map(Vec::len).sum::<usize>(), chain.len());
        assert!(cut.len() >= 3);
        assert!(
            cut.iter()
                .all(|group| documents_in(group).len() <= GROUP_MAX_DOCUMENTS)
        );
    }

    /// Issue 20: a large connected set whose documents' numbers are
    /// scattered along it (a chain visiting 3,001 documents in a shuffled
    /// order) is cut so that few documents are read in two pieces; cut in
    /// the order of the numbers, most were.
    #[test]
    fn a_large_set_is_cut_into_pieces_of_neighbouring_documents() {
        const DOCUMENTS: u32 = 3_001;
        // A permutation of 0..3001 (3,001 is prime).
        let visit = |step: u32| (step * 1_237) % DOCUMENTS;
        let mut chain: Vec<Pair> = (0..DOCUMENTS - 1)
            .map(|step| {
                let (a, b) = (visit(step), visit(step + 1));
                (a.min(b), a.max(b))
            })
            .collect();
        // As candidates come: in the order of their documents' numbers.
        chain.sort_unstable();
        let cut = groups(&chain);
        assert_eq!(cut.iter().map(Vec::len).sum::<usize>(), chain.len());
        assert!(
            cut.iter()
                .all(|group| documents_in(group).len() <= GROUP_MAX_DOCUMENTS)
        );
        let readings: usize = cut.iter().map(|group| documents_in(group).len()).sum();
        assert!(
            readings <= DOCUMENTS as usize + cut.len(),
            "{readings} readings of {DOCUMENTS} documents in {} pieces",
            cut.len()
        );
    }

    /// Issue 20: a stock phrase inside two different sentences made a
    /// pair; a sentence shared whole, or a long run, still does.
    #[test]
    fn a_pair_needs_more_than_a_stock_phrase() {
        assert_eq!(
            evidence_between(
                "The harbour board met on Monday. Ferry crews, who did not immediately respond to \
                 requests for comment on the plan, said the strike at the northern terminal would \
                 go on.",
                "Bakers in the valley want a new oven. The mayor, who did not immediately respond to \
                 requests for comment on the plan, is on holiday in Spain with her family."
            ),
            Evidence::ShortRunOnly
        );
        assert_eq!(
            evidence_between(
                "The harbour board met on Monday. Ferry crews said the strike at the northern \
                 terminal would go on until Friday.",
                "Bakers in the valley want a new oven. Ferry crews said the strike at the northern \
                 terminal would go on until Friday."
            ),
            Evidence::Reuse
        );
        assert_eq!(
            evidence_between(
                "The harbour board met on Monday.",
                "Bakers in the valley want a new oven."
            ),
            Evidence::None
        );
    }
}
