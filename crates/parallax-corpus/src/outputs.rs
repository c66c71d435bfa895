//! Stage 7, outputs, on worker 0: the reuse grouped into stories, then
//! `clusters.json` and `index.html` rendered and written into the output
//! folder being built beside the target, which then takes its place whole.

use crate::error::output_error;
use crate::pages::Page;
use crate::read::Table;
use crate::rounds::Aligned;
use crate::stories::{Reuse, stories};
use crate::{CorpusError, Job, as_number};
use parallax_report::write::StagedFolder;
use parallax_report::{CorpusDocument, Story, render_corpus_html};
use std::path::Path;

/// The file of pairs with reuse, one JSON object a line.
pub(crate) const PAIRS: &str = "pairs.jsonl";

/// Whether `path`, relative to an output folder, is one the corpus run
/// writes: only a folder of such files is replaced by a new run.
pub(crate) fn is_corpus_output(path: &Path) -> bool {
    let Some(text) = path.to_str() else {
        return false;
    };
    match text.strip_prefix("pages/") {
        Some(page) => page
            .strip_prefix("pair-")
            .and_then(|page| page.strip_suffix(".html"))
            .is_some_and(|number| {
                !number.is_empty() && number.bytes().all(|byte| byte.is_ascii_digit())
            }),
        None => matches!(text, "index.html" | "clusters.json" | PAIRS | "pages"),
    }
}

/// Starts building the output folder, refusing one that holds files the
/// run did not write.
pub(crate) fn begin(job: &Job) -> Result<StagedFolder, CorpusError> {
    Ok(StagedFolder::begin(&job.output, &is_corpus_output)?)
}

/// What the outputs say of the run.
pub(crate) struct Written {
    pub(crate) pairs: usize,
    pub(crate) stories: usize,
}

/// Groups the pairs found into stories, renders the index and the stories
/// file, writes every output into the folder being built, and puts it in
/// place of the job's output folder.
pub(crate) fn write_outputs(
    staged: StagedFolder,
    job: &Job,
    table: &Table,
    candidates: usize,
    aligned: Aligned,
    pages: &[Page],
) -> Result<Written, CorpusError> {
    let Aligned {
        found, pairs_file, ..
    } = aligned;
    let published: Vec<Option<&str>> = table
        .entries
        .iter()
        .map(|entry| entry.published.as_deref())
        .collect();
    let reuse: Vec<Reuse> = found
        .iter()
        .map(|pair| Reuse {
            a: as_number(pair.a),
            b: as_number(pair.b),
            containment_a_in_b: pair.scores.containment_a_in_b,
            containment_b_in_a: pair.scores.containment_b_in_a,
        })
        .collect();
    let stories: Vec<Story> = stories(&published, &reuse);
    let id = |number: u32| table.entries[number as usize].id.as_str();
    let named: Vec<Story<&str>> = stories.iter().map(|story| story.named(id)).collect();
    let documents: Vec<CorpusDocument> = table
        .entries
        .iter()
        .map(|entry| CorpusDocument {
            id: entry.id.clone(),
            outlet: entry.outlet.clone(),
            published: entry.published.clone(),
            title: entry.title.clone(),
        })
        .collect();
    let index_html = render_corpus_html(
        &documents,
        candidates,
        &found,
        &stories,
        &pages
            .iter()
            .map(|page| (page.position, page.file.clone()))
            .collect(),
        &job.templates,
    )?;
    let mut clusters_json = serde_json::to_vec_pretty(&named)
        .map_err(|error| output_error(Path::new("clusters.json"), std::io::Error::other(error)))?;
    clusters_json.push(b'\n');

    // Everything is rendered; now it is written, and the folder put in
    // place.
    if let Some(writer) = pairs_file {
        writer
            .into_inner()
            .map_err(std::io::IntoInnerError::into_error)
            .and_then(|file| file.sync_all())
            .map_err(|source| output_error(&job.output.join(PAIRS), source))?;
    }
    staged.write(Path::new("clusters.json"), &clusters_json)?;
    for page in pages {
        staged.write(Path::new(&page.file), page.html.as_bytes())?;
    }
    staged.write(Path::new("index.html"), index_html.as_bytes())?;
    staged.commit(&is_corpus_output)?;
    Ok(Written {
        pairs: found.len(),
        stories: named.len(),
    })
}
