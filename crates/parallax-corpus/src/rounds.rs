//! Stage 5, alignment in rounds: the candidates of a range of documents at
//! a time, each pair on the worker that read its first document (the
//! second sent there). Worker 0 appends each round's pairs with reuse to
//! `pairs.jsonl`, in candidate order, as the round ends.

use crate::error::{output_error, serialise_error};
use crate::exchange::{Exchange, agree};
use crate::fetch::{Runs, SharedRuns, align_pair, documents_of, fetch, run_hashes, shared_runs};
use crate::index::Pair;
use crate::meaning::{Cost, round_vectors};
use crate::read::Table;
use crate::store::Store;
use crate::{CorpusError, Job, Progress, as_number};
use parallax_report::CorpusPair;
use rayon::prelude::*;
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
    cleaned: &Store,
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
        let runs = run_hashes(&documents, cleaned, these);
        let runs = agree(exchange, runs)?;
        // A candidate proposed for one stock or chance phrase (one exact
        // run, under a sentence long, and not most of either text) is set
        // aside here, from word hashes, before the sentence model or the
        // aligner costs anything; two runs or more may be a reworded
        // passage, and none may be one reworded sentence, so those are
        // aligned.
        let kept: Vec<Pair> = these
            .par_iter()
            .copied()
            .filter(|&(a, b)| !one_short_run(&runs[&a], &runs[&b]))
            .collect();
        drop(runs);
        aligned.short_only += these.len() - kept.len();
        progress.advance((these.len() - kept.len()) as u64);
        let vectors = job
            .model
            .as_deref()
            .map(|model| round_vectors(model, &documents, cleaned, &kept, &mut aligned.cost))
            .transpose();
        let vectors = agree(exchange, vectors)?;
        let found: Result<Vec<Outcome>, CorpusError> = kept
            .par_iter()
            .map(|&(a, b)| {
                let pair_vectors = vectors.as_ref().map(|vectors| (&vectors[&a], &vectors[&b]));
                progress.advance(1);
                let (first, second) = documents_of(&documents, cleaned, (a, b))?;
                let result = align_pair(&first, &second, pair_vectors);
                match evidence(&result, &first.0.text) {
                    Evidence::Reuse => {}
                    Evidence::ShortRunOnly => return Ok(Outcome::SetAside),
                    Evidence::None => return Ok(Outcome::Nothing),
                }
                Ok(Outcome::Reported(Found {
                    line: serde_json::to_string(&result).map_err(serialise_error)?,
                    pair: CorpusPair {
                        a: a as usize,
                        b: b as usize,
                        scores: result.scores,
                        links: result.links.len(),
                    },
                }))
            })
            .collect();
        let found = agree(exchange, found)?;
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

/// What became of an aligned candidate.
enum Outcome {
    Reported(Found),
    /// Set aside for sharing too little to be reuse, and counted.
    SetAside,
    /// Nothing shared by its words.
    Nothing,
}

/// Whether two bodies, by their [`run_hashes`], share exactly one exact
/// run, under [`EVIDENCE_RUN_WORDS`] words and under half of either body.
fn one_short_run(first: &Runs, second: &Runs) -> bool {
    matches!(
        shared_runs(first, second),
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
            parallax_align::Side::new(&first, &clean_first),
            parallax_align::Side::new(&second, &clean_second),
        );
        evidence(&result, &first.text)
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
