//! Corpus mode: many documents at once, read as a stream. Candidate pairs
//! come from the corpus indexes ([`index`]), only they are aligned, the
//! reuse found is grouped into stories ([`stories`]), and the run is written
//! as files: `pairs.jsonl`, `clusters.json`, `index.html` and pages for the
//! top pairs.
//!
//! ```no_run
//! use parallax_corpus::{Alone, Job, Silent, Templates};
//! use std::path::PathBuf;
//!
//! let inputs = parallax_ingest::discover(&[PathBuf::from("feed.jsonl")])?.inputs;
//! // The binary passes the templates it ships; any with the same context do.
//! let templates = Templates { report: "{{ pairs|length }} pairs", corpus: "{{ documents }}" };
//! let job = Job::new(inputs, PathBuf::from("out"), templates);
//! let summary = parallax_corpus::run(&mut Alone, &job, &Silent)?;
//! if let Some(summary) = summary {
//!     eprintln!("{} stories", summary.stories);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! - One process: pass [`Alone`]. Documents are cleaned and aligned on
//!   rayon's threads.
//! - Several workers (threads, processes, hosts): pass an [`Exchange`] that
//!   moves data between them; `parallax-dist` has one on timely dataflow.
//!   Every worker runs the same job on its share of the input, and worker 0
//!   writes what a single process would have written, byte for byte.
//!
//! Memory is bounded by the indexes, not the text: documents wait on disk
//! (in the system's temporary folder) between reading, cleaning and
//! aligning, and pairs are written as they are found.
//!
//! The job ([`run`], in `job`) goes through its stages in order, one module
//! each: `read` (reading and numbering), `furniture`, `clean` (cleaning and
//! index keys), `candidates`, `rounds` (alignment in rounds, `pairs.jsonl`),
//! `pages` and `outputs` (stories, `clusters.json`, `index.html`). Workers
//! share data through an [`Exchange`] (`exchange`); documents wait in a
//! `store` and travel between workers through `fetch`.

mod candidates;
mod clean;
mod error;
mod exchange;
mod fetch;
mod furniture;
pub mod index;
mod job;
mod meaning;
mod outputs;
mod overlap;
mod pages;
mod progress;
mod read;
mod rounds;
mod store;
pub mod stories;

pub use error::CorpusError;
pub use exchange::{Alone, Exchange};
pub use job::{Embedded, Job, Summary, run};
pub use parallax_report::Templates;
pub use progress::{Progress, Silent};
pub use rounds::EVIDENCE_RUN_WORDS;

/// Pairs given a page of their own unless every pair is asked for.
pub const PAGES: usize = 50;
/// Up to this many documents, every pair is aligned, not only the
/// candidates the indexes propose.
pub const ALL_PAIRS_UP_TO: usize = 100;

/// A count or position as a document number.
fn as_number(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}
