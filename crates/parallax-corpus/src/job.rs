//! The job: what to run, what it reports, and [`run`], which goes through
//! the stages in order on every worker.

use crate::exchange::Exchange;
use crate::meaning::Cost;
use crate::{CorpusError, Progress, candidates, clean, furniture, outputs, pages, read, rounds};
use parallax_clean::Furniture;
use parallax_ingest::{Input, Note};
use parallax_report::Templates;
use parallax_report::write::StagedFolder;
use std::path::PathBuf;

/// What to run: the inputs (every worker is given them all, and reads its
/// share) and where worker 0 writes.
#[derive(Debug, Clone)]
pub struct Job {
    pub inputs: Vec<Input>,
    pub output: PathBuf,
    /// As `compare --furniture-min-documents`: a line in this many
    /// documents of one outlet is furniture; 0 turns it off.
    pub furniture_min_documents: usize,
    /// A page for every pair with reuse, not only the top [`PAGES`](crate::PAGES).
    pub all_pages: bool,
    /// What the index and the pair pages are rendered from.
    pub templates: Templates,
    /// A sentence model, as `compare --model`: every document of a
    /// candidate pair is embedded once and its sentences are linked on
    /// their meaning as well as their words. Without it, words alone.
    pub model: Option<std::sync::Arc<parallax_embed::Model>>,
}

impl Job {
    #[must_use]
    pub fn new(inputs: Vec<Input>, output: PathBuf, templates: Templates) -> Self {
        Self {
            inputs,
            output,
            furniture_min_documents: Furniture::DEFAULT_MIN_DOCUMENTS,
            all_pages: false,
            templates,
            model: None,
        }
    }
}

impl Job {
    /// A fingerprint of what the processes of a distributed run must share
    /// for their shares to make one output: every input (its path as given,
    /// format, size on disk, manifest entry and size limit) and every
    /// option that changes what is written. Processes given different ones
    /// would each read a share of a different corpus.
    #[must_use]
    pub fn fingerprint(&self) -> u64 {
        use std::fmt::Write as _;
        let mut described = String::new();
        for input in &self.inputs {
            let size = std::fs::metadata(&input.path).map_or(0, |metadata| metadata.len());
            let _ = writeln!(
                described,
                "{}\t{:?}\t{}\t{size}\t{:?}\t{}",
                input.display, input.format, input.gzip, input.manifest, input.max_bytes
            );
        }
        let _ = write!(
            described,
            "furniture {}\tall pages {}\tmodel {}",
            self.furniture_min_documents,
            self.all_pages,
            self.model.is_some()
        );
        parallax_core::hash_str(&described)
    }
}

/// What worker 0 reports of a finished run.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Bad records set aside, from every worker, in input order.
    pub notes: Vec<Note>,
    pub documents: usize,
    pub candidates: usize,
    pub pairs: usize,
    /// Candidate pairs set aside for sharing only an exact run shorter
    /// than [`EVIDENCE_RUN_WORDS`](crate::EVIDENCE_RUN_WORDS) words.
    pub short_only: usize,
    pub stories: usize,
    /// With a sentence model, what it cost: documents and sentences
    /// embedded, and the time spent embedding (summed over workers).
    pub embedded: Option<Embedded>,
    /// Each stage's wall-clock time on worker 0, in order: where a run's
    /// time goes.
    pub stages: Vec<(&'static str, std::time::Duration)>,
}

/// Wall-clock time per stage, each stage timed from the end of the last.
struct Stopwatch {
    last: std::time::Instant,
    stages: Vec<(&'static str, std::time::Duration)>,
}

impl Stopwatch {
    fn start() -> Self {
        Self {
            last: std::time::Instant::now(),
            stages: Vec::new(),
        }
    }

    fn lap(&mut self, stage: &'static str) {
        let now = std::time::Instant::now();
        self.stages.push((stage, now - self.last));
        self.last = now;
    }
}

/// What the sentence model cost a corpus run.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Embedded {
    pub documents: usize,
    pub sentences: usize,
    pub seconds: f64,
}

/// Runs the corpus job as one of `exchange.peers()` workers. Worker 0
/// writes the files and returns the summary; the others return `None`.
pub fn run<E: Exchange>(
    exchange: &mut E,
    job: &Job,
    progress: &dyn Progress,
) -> Result<Option<Summary>, CorpusError> {
    // The output folder is checked and its replacement begun before any
    // reading, so a folder that cannot be written fails at once.
    let staged = if exchange.index() == 0 {
        outputs::begin(job).map(Some)
    } else {
        Ok(None)
    };
    let staged = crate::exchange::agree(exchange, staged)?;
    let mut stopwatch = Stopwatch::start();
    let mut share = read::read_share(exchange, job, progress)?;
    let notes = read::gather_notes(exchange, std::mem::take(&mut share.notes));
    let table = read::number(
        exchange,
        std::mem::take(&mut share.entries),
        &job.inputs,
        &notes,
    )?;
    let notes: Vec<Note> = notes.into_iter().map(|(_, note)| note).collect();
    stopwatch.lap("read");
    let furniture = furniture::learn(exchange, job, std::mem::take(&mut share.furniture));
    stopwatch.lap("furniture");
    let mut keyed = clean::clean_and_key(exchange, share, &table, &furniture, progress)?;
    stopwatch.lap("clean");
    let candidates = candidates::candidates(
        exchange,
        &table,
        &job.inputs,
        std::mem::take(&mut keyed.bands),
        std::mem::take(&mut keyed.passages),
    );
    let candidate_count: usize = exchange
        .exchange(vec![candidates.len()], |_| 0)
        .into_iter()
        .sum();
    stopwatch.lap("candidates");
    let aligned = rounds::align_rounds(
        exchange,
        job,
        &table,
        &keyed,
        &candidates,
        staged.as_ref().map(StagedFolder::path),
        progress,
    )?;
    // Every worker's alignment cost, summed on worker 0, which adds the
    // cost of its pages.
    let short_only: usize = exchange
        .exchange(vec![aligned.short_only], |_| 0)
        .into_iter()
        .sum();
    let mut cost = exchange
        .exchange(vec![aligned.cost], |_| 0)
        .into_iter()
        .fold(Cost::default(), Cost::add);
    stopwatch.lap("align");
    let Some(pages) = pages::render_pages(
        exchange,
        job,
        &table,
        &keyed.cleaned,
        &aligned.found,
        progress,
        &mut cost,
    )?
    else {
        return Ok(None);
    };
    let embedded = job.model.as_ref().map(|_| Embedded {
        documents: cost.documents,
        sentences: cost.sentences,
        seconds: cost.time.as_secs_f64(),
    });
    let Some(staged) = staged else {
        return Ok(None);
    };
    stopwatch.lap("pages");
    let written = outputs::write_outputs(staged, job, &table, candidate_count, aligned, &pages)?;
    stopwatch.lap("outputs");
    Ok(Some(Summary {
        notes,
        documents: table.entries.len(),
        candidates: candidate_count,
        pairs: written.pairs,
        short_only,
        stories: written.stories,
        embedded,
        stages: stopwatch.stages,
    }))
}
