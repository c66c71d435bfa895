//! Stage 7, outputs, on worker 0: the reuse grouped into stories, then
//! `clusters.json` and `index.html` rendered, and only then everything
//! written, `pairs.jsonl` moved into place last of the data files.

use crate::error::output_error;
use crate::pages::Page;
use crate::read::Table;
use crate::rounds::Aligned;
use crate::stories::{Reuse, stories};
use crate::{CorpusError, Job, as_number};
use parallax_report::{CorpusDocument, Story, render_corpus_html};
use std::path::Path;

/// What the outputs say of the run.
pub(crate) struct Written {
    pub(crate) pairs: usize,
    pub(crate) stories: usize,
}

/// Groups the pairs found into stories, renders the index and the stories
/// file, and writes every output into the job's folder.
pub(crate) fn write_outputs(
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

    // Everything is rendered; now it is written.
    let write = |path: &Path, bytes: &[u8]| {
        std::fs::write(path, bytes).map_err(|source| output_error(path, source))
    };
    let pages_folder = job.output.join("pages");
    std::fs::create_dir_all(&pages_folder).map_err(|source| output_error(&pages_folder, source))?;
    if let Some(writer) = pairs_file {
        let target = job.output.join("pairs.jsonl");
        writer
            .into_inner()
            .map_err(std::io::IntoInnerError::into_error)
            .and_then(|file| file.persist(&target).map_err(|error| error.error))
            .map_err(|source| output_error(&target, source))?;
    }
    write(&job.output.join("clusters.json"), &clusters_json)?;
    for page in pages {
        write(&job.output.join(&page.file), page.html.as_bytes())?;
    }
    write(&job.output.join("index.html"), index_html.as_bytes())?;
    Ok(Written {
        pairs: found.len(),
        stories: named.len(),
    })
}
