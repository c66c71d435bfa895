//! Measuring parallax against data nobody on the project wrote.
//!
//! ```
//! use parallax_eval::extraction::{PageScore, Summary};
//!
//! let gold = "The port reopened on Saturday after a strike ended with a pay deal.";
//! let exact = PageScore::compare(gold, gold);
//! let half = PageScore::compare(gold, "The port reopened on Saturday after a strike. Share this story on social media now please");
//! let summary = Summary::of(&[exact, half]);
//! assert_eq!(summary.pages, 2);
//! assert!(summary.precision < 1.0 && summary.recall < 1.0);
//! ```
//!
//! - [`extraction`]: the article-extraction-benchmark's metric (word 4-gram
//!   shingles, per-page normalised counts, means over pages) and its data
//!   layout (`html/<key>.html.gz`, `ground-truth.json`).
//! - [`pan`]: PAN text alignment (`pairs`, `susp/`, `src/`, `gold/*.xml`):
//!   character precision and recall, granularity, plagdet.
//! - [`pairs`]: sentence pairs in the MSRP format: accuracy, precision,
//!   recall and F1 of "would parallax link these two sentences".
//! - [`claims`]: same-claim links between whole reports against links
//!   marked by hand (`links.tsv` per event): precision and recall, with
//!   every link judged and every missed pair, to read.
//! - [`framing`]: every framing finding of same-event reports against
//!   judgements made by reading them (`framing.tsv` per event): precision
//!   per kind of finding, and the findings nobody judged yet.
//! - [`attribution`]: quotes and reported speech against PolNeAR's brat
//!   standoff annotations: content precision, recall and F1 (direct quotes
//!   and the rest apart) and speaker accuracy.
//! - [`embedding`]: a sentence model's vectors against the reference
//!   implementation's, with its load time and speed.
//! - [`synthetic`]: a generated corpus with planted reuse and its ground
//!   truth, and the recall of corpus mode's candidate generation on it.
//!
//! Each module reads its data, prepares it through `parallax-pipeline` as
//! `compare` does, and scores the result; the command line only prints.

pub mod attribution;
pub mod claims;
pub mod embedding;
pub mod extraction;
pub mod framing;
pub mod pairs;
pub mod pan;
pub mod synthetic;

use parallax_core::{Document, SourceFormat};
use std::path::Path;
use thiserror::Error;

/// Reads one benchmark file as `compare` reads a plain-text document.
fn read_document(path: &Path) -> Result<Document, EvalError> {
    let input = parallax_ingest::Input::new(path.to_path_buf(), SourceFormat::Text, false);
    let mut loaded = parallax_ingest::read(&input)?;
    loaded.documents.pop().ok_or_else(|| EvalError::Format {
        path: path.display().to_string(),
        reason: "no document".to_owned(),
    })
}

/// Reads benchmark files as plain-text documents and prepares them
/// together, as `compare` prepares the documents it is given.
fn read_and_prepare(
    paths: &[std::path::PathBuf],
) -> Result<parallax_pipeline::Prepared, EvalError> {
    let documents = paths
        .iter()
        .map(|path| read_document(path))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(parallax_pipeline::prepare(
        documents,
        &parallax_pipeline::Options::default(),
    ))
}

/// Why benchmark data could not be read. Every variant names the file.
#[derive(Debug, Error)]
pub enum EvalError {
    #[error("{path}: cannot read: {source}")]
    Unreadable {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {reason}")]
    Format { path: String, reason: String },
    #[error(transparent)]
    Document(#[from] parallax_ingest::IngestError),
    #[error(transparent)]
    Model(#[from] parallax_embed::EmbedError),
}

/// The entries of `directory` that `keep` accepts, sorted by path: what
/// each data set's folders hold, in an order that does not depend on the
/// file system.
pub(crate) fn sorted_entries(
    directory: &Path,
    keep: impl Fn(&Path) -> bool,
) -> Result<Vec<std::path::PathBuf>, EvalError> {
    let mut entries: Vec<std::path::PathBuf> = std::fs::read_dir(directory)
        .map_err(|source| EvalError::Unreadable {
            path: directory.display().to_string(),
            source,
        })?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| keep(path))
        .collect();
    entries.sort();
    Ok(entries)
}

/// Whether `path` ends in `.extension`.
pub(crate) fn has_extension(path: &Path, extension: &str) -> bool {
    path.extension().is_some_and(|found| found == extension)
}
