//! `parallax corpus`: many documents at once. Candidate pairs come from
//! parallax-align's indexes, only they are aligned (in parallel), and the
//! reuse found is grouped into stories. The work is the libraries'; this
//! reads, schedules and writes.

use crate::output::write_output_with;
use crate::{InputOptions, UsageError, load_and_clean};
use parallax_align::candidates::{CorpusIndex, Reuse, clusters};
use parallax_align::{Side, align};
use parallax_report::{
    ComparisonResult, CorpusDocument, CorpusStory, DocumentResult, PairResult, render_corpus_html,
    render_html,
};

/// Pairs given a page of their own unless every pair is asked for.
const PAGES: usize = 50;
use indicatif::{ParallelProgressIterator, ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::path::Path;

/// A progress bar with counts and time left, drawn on standard error when
/// it is a terminal and not at all when it is not (a pipe, CI). It uses no
/// colour, so `NO_COLOR` needs nothing of it.
fn progress(length: usize, what: &str) -> ProgressBar {
    let target = ProgressDrawTarget::stderr();
    let bar = ProgressBar::with_draw_target(Some(length as u64), target);
    if let Ok(style) =
        ProgressStyle::with_template("{msg:<26} {wide_bar} {human_pos}/{human_len} ({eta} left)")
    {
        bar.set_style(style);
    }
    bar.set_message(what.to_owned());
    bar
}

/// One story as `clusters.json` has it: document ids, not numbers.
#[derive(Debug, serde::Serialize)]
struct StoryRecord<'a> {
    documents: Vec<&'a str>,
    earliest: Option<&'a str>,
    copies: Vec<CopyRecord<'a>>,
}

#[derive(Debug, serde::Serialize)]
struct CopyRecord<'a> {
    from: &'a str,
    to: &'a str,
}

#[allow(
    clippy::print_stderr,
    reason = "what was written is a log line for the terminal, not output"
)]
pub fn run(
    input: &InputOptions,
    verbose: bool,
    output: &Path,
    threads: Option<usize>,
    all_pages: bool,
) -> anyhow::Result<()> {
    if let Some(threads) = threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads.max(1))
            .build_global()
            .map_err(|error| UsageError(format!("--threads: {error}")))?;
    }
    let (documents, cleaned) = load_and_clean(input, verbose)?;
    let words: Vec<Vec<u64>> = documents
        .par_iter()
        .zip(&cleaned)
        .map(|(document, clean)| {
            clean
                .body()
                .flat_map(|span| parallax_core::tokens(&document.text, span))
                .map(|token| token.hash)
                .collect()
        })
        .collect();
    let mut index = CorpusIndex::new();
    let indexing = progress(words.len(), "indexing documents");
    for (number, words) in words.iter().enumerate() {
        index.insert(u32::try_from(number).unwrap_or(u32::MAX), words);
        indexing.inc(1);
    }
    indexing.finish_and_clear();
    let (mut candidates, shared) = index.candidates();
    candidates.extend(shared);
    candidates.sort_unstable();
    candidates.dedup();
    // Aligned in parallel; collected in candidate order, so the output is
    // the same whatever the number of threads.
    let pairs: Vec<PairResult> = candidates
        .par_iter()
        .progress_with(progress(candidates.len(), "aligning candidate pairs"))
        .map(|&(a, b)| {
            let (a, b) = (a as usize, b as usize);
            let alignment = align(
                Side::new(&documents[a], &cleaned[a]),
                Side::new(&documents[b], &cleaned[b]),
            );
            PairResult::new(&documents[a], &documents[b], alignment)
        })
        .filter(|pair| !pair.links.is_empty() || !pair.passages.is_empty())
        .collect();
    let number_of: std::collections::HashMap<&str, u32> = documents
        .iter()
        .enumerate()
        .map(|(number, document)| {
            (
                document.id.as_str(),
                u32::try_from(number).unwrap_or(u32::MAX),
            )
        })
        .collect();
    let reuse: Vec<Reuse> = pairs
        .iter()
        .map(|pair| Reuse {
            a: number_of[pair.a.as_str()],
            b: number_of[pair.b.as_str()],
            containment_a_in_b: pair.scores.containment_a_in_b,
            containment_b_in_a: pair.scores.containment_b_in_a,
        })
        .collect();
    let published: Vec<Option<&str>> = documents
        .iter()
        .map(|document| document.metadata.published.as_deref())
        .collect();
    let stories = clusters(&published, &reuse);
    let id = |number: u32| documents[number as usize].id.as_str();
    let records: Vec<StoryRecord<'_>> = stories
        .iter()
        .map(|story| StoryRecord {
            documents: story.documents.iter().map(|&number| id(number)).collect(),
            earliest: story.earliest.map(id),
            copies: story
                .copies
                .iter()
                .map(|&(from, to)| CopyRecord {
                    from: id(from),
                    to: id(to),
                })
                .collect(),
        })
        .collect();

    // Pages for the pairs a reader is likeliest to open: the most reuse
    // first, or every pair when asked.
    let mut ranked = parallax_report::most_similar_first(&pairs);
    ranked.truncate(if all_pages { pairs.len() } else { PAGES });
    let pages: Vec<(usize, String, String)> = ranked
        .par_iter()
        .progress_with(progress(ranked.len(), "writing pair pages"))
        .map(|&index| {
            let pair = &pairs[index];
            let (a, b) = (
                number_of[pair.a.as_str()] as usize,
                number_of[pair.b.as_str()] as usize,
            );
            let inputs = [
                parallax_frame::Input {
                    document: &documents[a],
                    clean: &cleaned[a],
                },
                parallax_frame::Input {
                    document: &documents[b],
                    clean: &cleaned[b],
                },
            ];
            let framing = parallax_frame::frame(
                &inputs,
                &[parallax_frame::PairLinks {
                    a: 0,
                    b: 1,
                    links: &pair.links,
                }],
            );
            let result = ComparisonResult::new(
                vec![
                    DocumentResult::new(&documents[a], &cleaned[a]),
                    DocumentResult::new(&documents[b], &cleaned[b]),
                ],
                vec![pair.clone()],
            )
            .with_framing(framing);
            let html = render_html(&result, &[&documents[a].text, &documents[b].text])?;
            Ok((index, format!("pages/pair-{index}.html"), html))
        })
        .collect::<Result<_, parallax_report::HtmlError>>()?;
    let corpus_documents: Vec<CorpusDocument> = documents
        .iter()
        .map(|document| CorpusDocument {
            id: document.id.clone(),
            outlet: document
                .metadata
                .outlet
                .clone()
                .unwrap_or_else(|| document.id.clone()),
            published: document.metadata.published.clone(),
        })
        .collect();
    let corpus_stories: Vec<CorpusStory> = stories
        .iter()
        .map(|story| CorpusStory {
            documents: story
                .documents
                .iter()
                .map(|&number| number as usize)
                .collect(),
            earliest: story.earliest.map(|number| number as usize),
            copies: story.copies.len(),
        })
        .collect();
    let index_html = render_corpus_html(
        &corpus_documents,
        candidates.len(),
        &pairs,
        &corpus_stories,
        &pages
            .iter()
            .map(|(index, file, _)| (*index, file.clone()))
            .collect(),
    )?;
    // Everything is rendered before anything is written.
    std::fs::create_dir_all(output)
        .map_err(|error| UsageError(format!("{}: cannot create: {error}", output.display())))?;
    write_output_with(&output.join("pairs.jsonl"), |out| {
        for pair in &pairs {
            serde_json::to_writer(&mut *out, pair)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    })?;
    write_output_with(&output.join("clusters.json"), |out| {
        serde_json::to_writer_pretty(&mut *out, &records)?;
        writeln!(out)
    })?;
    std::fs::create_dir_all(output.join("pages")).map_err(|error| {
        UsageError(format!(
            "{}: cannot create: {error}",
            output.join("pages").display()
        ))
    })?;
    for (_, file, html) in &pages {
        crate::output::write_output(&output.join(file), html)?;
    }
    crate::output::write_output(&output.join("index.html"), &index_html)?;
    eprintln!(
        "parallax: {} documents, {} candidate pairs, {} with reuse, {} stories; written to {}",
        documents.len(),
        candidates.len(),
        pairs.len(),
        records.len(),
        output.display()
    );
    Ok(())
}
