//! Stage 6, pages: the side-by-side report of the pairs a reader is
//! likeliest to open (the most reuse first, or every pair when asked),
//! rendered on worker 0 with the documents fetched from wherever they live.

use crate::exchange::{Exchange, agree};
use crate::fetch::{Cleaned, document_of, fetch_to};
use crate::index::Pair;
use crate::meaning::{Cost, PairVectors, round_vectors};
use crate::read::Table;
use crate::store::Cleanings;
use crate::{CorpusError, Job, PAGES, Progress, as_number};
use parallax_align::Side;
use parallax_report::{CorpusPair, render_html_within};
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

/// A pair's page: its position among the pairs found, its file (relative to
/// the output folder) and its HTML.
pub(crate) struct Page {
    pub(crate) position: usize,
    pub(crate) file: String,
    pub(crate) html: String,
}

/// Renders the pages; `None` on every worker but 0, which ranks the pairs
/// and renders. With a sentence model, what embedding the pages' documents
/// cost is added to `cost`.
pub(crate) fn render_pages<E: Exchange>(
    exchange: &mut E,
    job: &Job,
    table: &Table,
    cleaned: &Cleanings,
    found: &[CorpusPair],
    progress: &dyn Progress,
    cost: &mut Cost,
) -> Result<Option<Vec<Page>>, CorpusError> {
    let mut ranked = parallax_report::rank_by_reuse(found);
    ranked.truncate(if job.all_pages { found.len() } else { PAGES });
    let to_page: Vec<(u32, (u32, u32))> = exchange.broadcast(
        ranked
            .iter()
            .map(|&position| {
                let pair = &found[position];
                (as_number(position), (as_number(pair.a), as_number(pair.b)))
            })
            .collect(),
    );
    let mut page_pairs: Vec<Pair> = to_page.iter().map(|(_, pair)| *pair).collect();
    page_pairs.sort_unstable();
    let documents = fetch_to(exchange, table, &job.inputs, cleaned, &page_pairs, |_| 0);
    let documents = agree(exchange, documents)?;
    if exchange.index() != 0 {
        return Ok(None);
    }
    // Each document embedded on its own, as for alignment: the page shows
    // the links the pair was found with.
    let vectors = job
        .model
        .as_deref()
        .map(|model| round_vectors(model, &documents, cleaned, &page_pairs, cost))
        .transpose()?;
    progress.begin("writing pair pages", Some(to_page.len() as u64));
    let pages = to_page
        .par_iter()
        .map(|&(position, (a, b))| {
            let pair_vectors = vectors.as_ref().map(|vectors| (&vectors[&a], &vectors[&b]));
            let html = render_page(&documents, cleaned, (a, b), pair_vectors, job)?;
            progress.advance(1);
            Ok(Page {
                position: position as usize,
                file: format!("pages/pair-{position}.html"),
                html,
            })
        })
        .collect::<Result<_, CorpusError>>()?;
    progress.end();
    Ok(Some(pages))
}

/// The page of one pair: the pair aligned again (alignment is
/// deterministic, so it is the pair written to `pairs.jsonl`) and framed.
fn render_page(
    documents: &HashMap<u32, Cleaned>,
    cleaned: &Cleanings,
    (a, b): (u32, u32),
    vectors: Option<PairVectors<'_>>,
    job: &Job,
) -> Result<String, CorpusError> {
    let (document_a, clean_a) = document_of(documents, cleaned, a)?;
    let (document_b, clean_b) = document_of(documents, cleaned, b)?;
    let mut sides = [
        Side::new(&document_a, &clean_a),
        Side::new(&document_b, &clean_b),
    ];
    if let Some((vectors_a, vectors_b)) = vectors {
        sides[0] = sides[0].with_vectors(vectors_a);
        sides[1] = sides[1].with_vectors(vectors_b);
    }
    let result = parallax_pipeline::compare_sides(&sides, &[(0, 1)]);
    Ok(render_html_within(
        &result,
        &[&document_a.text, &document_b.text],
        &job.templates,
        Some("../index.html"),
    )?)
}
