//! Stage 5, alignment in rounds: the candidates of a range of documents at
//! a time, each pair on the worker that read its first document (the
//! second sent there). Worker 0 appends each round's pairs with reuse to
//! `pairs.jsonl`, in candidate order, as the round ends.

use crate::error::{output_error, serialise_error};
use crate::exchange::{Exchange, agree};
use crate::fetch::{align_pair, fetch};
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
        let vectors = job
            .model
            .as_deref()
            .map(|model| round_vectors(model, &documents, cleaned, these, &mut aligned.cost))
            .transpose();
        let vectors = agree(exchange, vectors)?;
        let found: Result<Vec<Option<Found>>, CorpusError> = these
            .par_iter()
            .map(|&(a, b)| {
                let pair_vectors = vectors.as_ref().map(|vectors| (&vectors[&a], &vectors[&b]));
                let (result, ..) = align_pair(&documents, cleaned, (a, b), pair_vectors)?;
                progress.advance(1);
                // Corpus mode reports reuse: a pair whose only links are
                // shared claims (told in other words, with a sentence
                // model) reused no text.
                let reused = !result.passages.is_empty()
                    || result
                        .links
                        .iter()
                        .any(|link| link.kind != parallax_core::LinkKind::Claim);
                if !reused {
                    return Ok(None);
                }
                Ok(Some(Found {
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
        let found: Vec<Found> = agree(exchange, found)?.into_iter().flatten().collect();
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
