//! Aligning and framing prepared documents into the result every output
//! is written from.

use crate::Prepared;
use parallax_align::{Reading, Side, align};
use parallax_report::{ComparisonResult, DocumentResult, PairResult};

/// Aligns one pair: what corpus mode writes a line of `pairs.jsonl` from.
#[must_use]
pub fn compare_pair(a: Side<'_>, b: Side<'_>) -> PairResult {
    PairResult::new(a.document, b.document, align(a, b))
}

/// Aligns every pair of the prepared documents and frames them: the result
/// `compare` reports and `check` holds against its golden file.
#[must_use]
pub fn compare(prepared: &Prepared) -> ComparisonResult {
    let sides = prepared.sides();
    let count = sides.len();
    let pairs: Vec<(usize, usize)> = (0..count)
        .flat_map(|a| (a + 1..count).map(move |b| (a, b)))
        .collect();
    compare_sides(&sides, &pairs)
}

/// Aligns the given pairs of `sides` (by index, the smaller first) and
/// frames them.
#[must_use]
pub fn compare_sides(sides: &[Side<'_>], pairs: &[(usize, usize)]) -> ComparisonResult {
    use rayon::prelude::*;
    // Each document is read for alignment once, however many pairs it is
    // in; with more than a little text, documents and pairs in parallel.
    let parallel = crate::prepare::worth_threads(
        pairs
            .iter()
            .map(|&(a, b)| sides[a].document.text.len() + sides[b].document.text.len()),
    );
    let read = |side: &Side<'_>| Reading::new(*side);
    let readings: Vec<Reading> = if parallel {
        sides.par_iter().map(read).collect()
    } else {
        sides.iter().map(read).collect()
    };
    let align = |&(a, b): &(usize, usize)| {
        compare_pair(
            sides[a].with_reading(&readings[a]),
            sides[b].with_reading(&readings[b]),
        )
    };
    let results: Vec<PairResult> = if parallel {
        pairs.par_iter().map(align).collect()
    } else {
        pairs.iter().map(align).collect()
    };
    let links: Vec<parallax_frame::PairLinks<'_>> = pairs
        .iter()
        .zip(&results)
        .map(|(&(a, b), pair)| parallax_frame::PairLinks {
            a,
            b,
            links: &pair.links,
        })
        .collect();
    let framing = parallax_frame::frame(sides, &links);
    let documents = sides
        .iter()
        .map(|side| DocumentResult::new(side.document, side.clean))
        .collect();
    ComparisonResult::new(documents, results).with_framing(framing)
}
