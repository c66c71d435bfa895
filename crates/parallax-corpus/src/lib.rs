//! Corpus mode: many documents at once, read as a stream. Candidate pairs
//! come from parallax-align's indexes, only they are aligned, the reuse
//! found is grouped into stories, and the run is written as files:
//! `pairs.jsonl`, `clusters.json`, `index.html` and pages for the top pairs.
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

pub mod index;
mod store;
pub mod stories;

use index::{CorpusIndex, DocumentKeys, Pair, bucket_pairs, posting_pairs};
use parallax_align::Side;
use parallax_clean::{CleanDocument, Furniture, FurnitureLine};
use parallax_core::{Document, SourceFormat};
use parallax_ingest::{Input, Note, Place, Streamed};
pub use parallax_report::Templates;
use parallax_report::{
    CorpusDocument, CorpusPair, PairResult, Story, render_corpus_html, render_html,
};
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use store::Store;
use stories::{Reuse, stories};
use thiserror::Error;

/// Pairs given a page of their own unless every pair is asked for.
pub const PAGES: usize = 50;
/// Up to this many documents, every pair is aligned, not only the
/// candidates the indexes propose.
pub const ALL_PAIRS_UP_TO: usize = 100;
/// Documents whose pairs are aligned in one round: what bounds the pairs
/// (and documents sent between workers) held at once.
const ROUND_DOCUMENTS: u32 = 20_000;
/// Documents cleaned, and sent to the store, in one batch.
const BATCH: usize = 2_048;

/// Why a corpus run failed. Every variant names the file or the stage.
#[derive(Debug, Error)]
pub enum CorpusError {
    #[error(transparent)]
    Ingest(#[from] parallax_ingest::IngestError),
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("temporary store: {0}")]
    Store(#[source] std::io::Error),
    #[error(transparent)]
    Render(#[from] parallax_report::RenderError),
    /// Nothing readable; with what was skipped, when anything was.
    #[error("no document could be read{0}")]
    NoDocuments(String),
    /// Another worker failed; its message.
    #[error("{0}")]
    Worker(String),
}

/// Moves data between the workers of one job. Every worker calls the same
/// methods in the same order (the job is the same program on each).
pub trait Exchange {
    /// This worker's number, from 0.
    fn index(&self) -> usize;
    /// How many workers there are.
    fn peers(&self) -> usize;
    /// Sends each item to the worker `route` names and returns what this
    /// worker was sent: the items of worker 0 first, then worker 1's and
    /// so on, each worker's in the order it sent them.
    fn exchange<T, R>(&mut self, items: Vec<T>, route: R) -> Vec<T>
    where
        T: Serialize + DeserializeOwned + Send + Clone + 'static,
        R: Fn(&T) -> usize;

    /// Every worker gets every worker's items, in worker order.
    fn broadcast<T>(&mut self, items: Vec<T>) -> Vec<T>
    where
        T: Serialize + DeserializeOwned + Send + Clone + 'static,
    {
        let peers = self.peers();
        if peers == 1 {
            return items;
        }
        let copies: Vec<(usize, T)> = (0..peers)
            .flat_map(|worker| items.iter().map(move |item| (worker, item.clone())))
            .collect();
        self.exchange(copies, |(worker, _)| *worker)
            .into_iter()
            .map(|(_, item)| item)
            .collect()
    }
}

/// The only worker: nothing moves.
#[derive(Debug, Clone, Copy, Default)]
pub struct Alone;

impl Exchange for Alone {
    fn index(&self) -> usize {
        0
    }
    fn peers(&self) -> usize {
        1
    }
    fn exchange<T, R>(&mut self, items: Vec<T>, _route: R) -> Vec<T>
    where
        T: Serialize + DeserializeOwned + Send + Clone + 'static,
        R: Fn(&T) -> usize,
    {
        items
    }
}

/// Where a run reports how far it is: the caller draws it (or not).
pub trait Progress: Sync {
    /// A stage begins; `total` is `None` when it is not known ahead.
    fn begin(&self, stage: &str, total: Option<u64>);
    /// A stage counted in bytes begins.
    fn begin_bytes(&self, stage: &str, total: u64) {
        self.begin(stage, Some(total));
    }
    fn advance(&self, by: u64);
    fn end(&self);
}

/// No progress shown.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Progress for Silent {
    fn begin(&self, _: &str, _: Option<u64>) {}
    fn advance(&self, _: u64) {}
    fn end(&self) {}
}

/// What to run: the inputs (every worker is given them all, and reads its
/// share) and where worker 0 writes.
#[derive(Debug, Clone)]
pub struct Job {
    pub inputs: Vec<Input>,
    pub output: PathBuf,
    /// As `compare --furniture-min-documents`: a line in this many
    /// documents of one outlet is furniture; 0 turns it off.
    pub furniture_min_documents: usize,
    /// A page for every pair with reuse, not only the top [`PAGES`].
    pub all_pages: bool,
    /// What the index and the pair pages are rendered from.
    pub templates: Templates,
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
        }
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
    pub stories: usize,
}

/// One document as every worker knows it: enough to number it, name it and
/// date it.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    place: Place,
    id: String,
    outlet: String,
    published: Option<String>,
}

/// What the reading stage keeps: documents on disk, and in memory their
/// places, furniture lines and entries.
struct Reading {
    raw: Store,
    own: Vec<(Place, Vec<FurnitureLine>)>,
    entries: Vec<Entry>,
    notes: Vec<(Place, Note)>,
    failure: Option<CorpusError>,
}

/// A unit read and made ready to keep.
enum Prepared {
    Document {
        entry: Entry,
        lines: Vec<FurnitureLine>,
        bytes: Vec<u8>,
    },
    Note(Place, Note),
}

impl Reading {
    /// Parses `units` in parallel and keeps them in order. The first
    /// failure is kept and ends the reading.
    fn add(&mut self, units: Vec<parallax_ingest::Unit>, job: &Job) {
        if self.failure.is_some() {
            return;
        }
        let prepared: Vec<Result<Vec<Prepared>, CorpusError>> = units
            .into_par_iter()
            .map(|unit| {
                let streamed = unit.read()?;
                streamed
                    .into_iter()
                    .map(|streamed| match streamed {
                        Streamed::Note(place, note) => Ok(Prepared::Note(place, note)),
                        Streamed::Document(place, document) => {
                            let lines = if job.furniture_min_documents >= 2 {
                                Furniture::lines_of(&document)
                            } else {
                                Vec::new()
                            };
                            let bytes = serde_json::to_vec(&*document)
                                .map_err(|error| store_error(std::io::Error::other(error)))?;
                            Ok(Prepared::Document {
                                entry: Entry {
                                    place,
                                    id: document.id.clone(),
                                    outlet: document
                                        .metadata
                                        .outlet
                                        .clone()
                                        .unwrap_or_else(|| document.id.clone()),
                                    published: document.metadata.published.clone(),
                                },
                                lines,
                                bytes,
                            })
                        }
                    })
                    .collect()
            })
            .collect();
        for unit in prepared {
            let unit = match unit {
                Ok(unit) => unit,
                Err(error) => {
                    self.failure = Some(error);
                    return;
                }
            };
            for prepared in unit {
                match prepared {
                    Prepared::Note(place, note) => self.notes.push((place, note)),
                    Prepared::Document {
                        entry,
                        lines,
                        bytes,
                    } => {
                        if let Err(error) = self.raw.put_bytes(as_number(self.own.len()), &bytes) {
                            self.failure = Some(store_error(error));
                            return;
                        }
                        self.own.push((entry.place, lines));
                        self.entries.push(entry);
                    }
                }
            }
        }
    }
}

/// A pair with reuse on its way to worker 0: its line of `pairs.jsonl`
/// and what the index needs of it.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Found {
    line: String,
    pair: CorpusPair,
}

/// The worker that reads the document at `place`: a JSON Lines file is
/// shared out line by line, any other input whole.
fn owner(inputs: &[Input], place: Place, peers: usize) -> usize {
    let shared_by_line = inputs
        .get(place.0 as usize)
        .is_some_and(|input| input.format == SourceFormat::Jsonl);
    let unit = if shared_by_line { place.1 } else { place.0 };
    unit as usize % peers
}

fn store_error(error: std::io::Error) -> CorpusError {
    CorpusError::Store(error)
}

/// Whether every worker got this far: a failure anywhere becomes the same
/// error everywhere, so no worker waits for one that has stopped.
fn agree<E: Exchange, T>(
    exchange: &mut E,
    result: Result<T, CorpusError>,
) -> Result<T, CorpusError> {
    let failure = result.as_ref().err().map(ToString::to_string);
    let failures: Vec<Option<String>> = exchange.broadcast(vec![failure]);
    match result {
        Err(error) => Err(error),
        Ok(value) => match failures.into_iter().flatten().next() {
            Some(message) => Err(CorpusError::Worker(message)),
            None => Ok(value),
        },
    }
}

fn as_number(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// A well-mixed hash of a key, to spread keys over workers evenly.
fn spread(key: u64, peers: usize) -> usize {
    usize::try_from(xxhash_rust::xxh3::xxh3_64(&key.to_le_bytes()) % peers as u64).unwrap_or(0)
}

/// Runs the corpus job as one of `exchange.peers()` workers. Worker 0
/// writes the files and returns the summary; the others return `None`.
pub fn run<E: Exchange>(
    exchange: &mut E,
    job: &Job,
    progress: &dyn Progress,
) -> Result<Option<Summary>, CorpusError> {
    let (me, peers) = (exchange.index(), exchange.peers());

    // Read this worker's share: the stream finds units, batches of them
    // are parsed in parallel, and the documents wait on disk.
    progress.begin_bytes(
        "reading documents",
        parallax_ingest::input_size(&job.inputs),
    );
    let mut reading = Reading {
        raw: {
            let store = Store::new().map_err(store_error);
            agree(exchange, store)?
        },
        own: Vec::new(),
        entries: Vec::new(),
        notes: Vec::new(),
        failure: None,
    };
    let mut pending: Vec<parallax_ingest::Unit> = Vec::new();
    let read = parallax_ingest::stream(
        &job.inputs,
        |place| owner(&job.inputs, place, peers) == me,
        |unit| {
            progress.advance(unit.read_bytes());
            pending.push(unit);
            if pending.len() >= BATCH {
                reading.add(std::mem::take(&mut pending), job);
            }
        },
    )
    .map_err(CorpusError::from)
    .and_then(|()| {
        reading.add(pending, job);
        reading.failure.take().map_or(Ok(()), Err)
    })
    .and_then(|()| reading.raw.flush().map_err(store_error));
    progress.end();
    agree(exchange, read)?;
    let Reading {
        raw,
        mut own,
        entries,
        notes,
        ..
    } = reading;
    // What was set aside, wherever it was read, is reported by worker 0 in
    // reading order.
    let mut notes: Vec<(Place, String, String, bool)> = exchange.exchange(
        notes
            .into_iter()
            .map(|(place, note)| (place, note.location, note.message, note.important))
            .collect(),
        |_| 0,
    );
    notes.sort_by_key(|(place, ..)| *place);

    // Number every document as one process reading in order would, and
    // make ids unique the same way.
    let mut table: Vec<Entry> = exchange.broadcast(entries);
    if table.is_empty() {
        let detail = match notes.iter().find(|(.., important)| *important) {
            Some((_, location, message, _)) => format!(
                ": {} skipped; the first, {location}: {}",
                notes.len(),
                message.trim_start_matches("record skipped: ")
            ),
            None => String::new(),
        };
        return Err(CorpusError::NoDocuments(detail));
    }
    table.sort_by_key(|entry| entry.place);
    parallax_ingest::unique_ids(table.iter_mut().map(|entry| &mut entry.id));
    let number_of: HashMap<Place, u32> = table
        .iter()
        .enumerate()
        .map(|(number, entry)| (entry.place, as_number(number)))
        .collect();

    let furniture = learn_furniture(exchange, job, &mut own);

    // Clean this worker's documents in batches; keep their index keys.
    let index = CorpusIndex::new();
    let store = Store::new().map_err(store_error);
    let mut cleaned = agree(exchange, store)?;
    let mut bands: Vec<(u64, u32)> = Vec::new();
    let mut passages: Vec<(u64, u32)> = Vec::new();
    progress.begin("cleaning documents", Some(own.len() as u64));
    let cleaning = (|| -> Result<(), CorpusError> {
        for start in (0..own.len()).step_by(BATCH) {
            let end = (start + BATCH).min(own.len());
            let batch: Vec<(u32, Vec<u8>, DocumentKeys)> = (start..end)
                .into_par_iter()
                .map(|key| {
                    let mut document: Document = raw.get(as_number(key)).map_err(store_error)?;
                    let number = number_of[&own[key].0];
                    document.id.clone_from(&table[number as usize].id);
                    let clean = parallax_pipeline::prepare_document(&mut document, &furniture);
                    let words = parallax_pipeline::body_word_hashes(Side::new(&document, &clean));
                    let bytes = serde_json::to_vec(&(&document, &clean))
                        .map_err(|error| store_error(std::io::Error::other(error)))?;
                    progress.advance(1);
                    Ok((number, bytes, index.keys(&words)))
                })
                .collect::<Result<_, CorpusError>>()?;
            for (number, bytes, keys) in batch {
                bands.extend(keys.bands.into_iter().map(|key| (key, number)));
                passages.extend(keys.passages.into_iter().map(|key| (key, number)));
                cleaned.put_bytes(number, &bytes).map_err(store_error)?;
            }
        }
        cleaned.flush().map_err(store_error)
    })();
    progress.end();
    agree(exchange, cleaning)?;
    drop(raw);
    drop(own);

    // A small corpus is aligned pair by pair, as `compare` aligns it: the
    // indexes find reuse of a paragraph or more, and a shared sentence or
    // two between a handful of reports is worth the few seconds.
    let candidates = if table.len() <= ALL_PAIRS_UP_TO {
        let holder = |number: usize| owner(&job.inputs, table[number].place, peers);
        (0..table.len())
            .filter(|&a| holder(a) == me)
            .flat_map(|a| (a + 1..table.len()).map(move |b| (as_number(a), as_number(b))))
            .collect()
    } else {
        find_candidates(exchange, &table, &job.inputs, bands, passages)
    };
    let candidate_count: usize = exchange
        .exchange(vec![candidates.len()], |_| 0)
        .into_iter()
        .sum();

    // Align, a range of documents at a time; worker 0 writes the pairs in
    // candidate order as each round ends.
    let out_parent = parallax_report::write::folder_of(&job.output);
    let pairs_file = if me == 0 {
        parallax_report::write::replacement_file(&job.output.join("pairs.jsonl"))
            .tempfile_in(&out_parent)
            .map(|file| Some(std::io::BufWriter::new(file)))
            .map_err(|source| CorpusError::Io {
                path: out_parent.display().to_string(),
                source,
            })
    } else {
        Ok(None)
    };
    let mut pairs_file = agree(exchange, pairs_file)?;
    let mut found: Vec<CorpusPair> = Vec::new();
    progress.begin("aligning candidate pairs", Some(candidates.len() as u64));
    let rounds = as_number(table.len()).div_ceil(ROUND_DOCUMENTS).max(1);
    let mut next = 0;
    for round in 0..rounds {
        let end = candidates[next..]
            .partition_point(|pair| pair.0 < (round + 1).saturating_mul(ROUND_DOCUMENTS))
            + next;
        let these = &candidates[next..end];
        next = end;
        let documents = fetch(exchange, &table, &job.inputs, &cleaned, these);
        let documents = agree(exchange, documents)?;
        let aligned: Result<Vec<Option<Found>>, CorpusError> = these
            .par_iter()
            .map(|&(a, b)| {
                let (result, ..) = align_pair(&documents, &cleaned, a, b)?;
                progress.advance(1);
                if result.links.is_empty() && result.passages.is_empty() {
                    return Ok(None);
                }
                Ok(Some(Found {
                    line: serde_json::to_string(&result)
                        .map_err(|error| store_error(std::io::Error::other(error)))?,
                    pair: CorpusPair {
                        a: a as usize,
                        b: b as usize,
                        scores: result.scores,
                        links: result.links.len(),
                    },
                }))
            })
            .collect();
        let aligned: Vec<Found> = agree(exchange, aligned)?.into_iter().flatten().collect();
        let mut gathered = exchange.exchange(aligned, |_| 0);
        let mut written = Ok(());
        if let Some(writer) = pairs_file.as_mut() {
            gathered.sort_by_key(|found| (found.pair.a, found.pair.b));
            for item in gathered {
                written = writer
                    .write_all(item.line.as_bytes())
                    .and_then(|()| writer.write_all(b"\n"))
                    .map_err(|source| CorpusError::Io {
                        path: out_parent.display().to_string(),
                        source,
                    });
                if written.is_err() {
                    break;
                }
                found.push(item.pair);
            }
        }
        agree(exchange, written)?;
    }
    progress.end();

    // Pages for the pairs a reader is likeliest to open: the most reuse
    // first, or every pair when asked. Worker 0 ranks; the documents come
    // from wherever they live.
    let similarities: Vec<f64> = found.iter().map(|pair| pair.scores.similarity).collect();
    let mut ranked = parallax_report::rank_by_similarity(&similarities);
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
    let documents = fetch_to(exchange, &table, &job.inputs, &cleaned, &page_pairs, |_| 0);
    let documents = agree(exchange, documents)?;
    if me != 0 {
        return Ok(None);
    }
    progress.begin("writing pair pages", Some(to_page.len() as u64));
    let pages: Vec<(usize, String, String)> = to_page
        .par_iter()
        .map(|&(position, (a, b))| {
            let page = render_page(&documents, &cleaned, a, b, &job.templates);
            progress.advance(1);
            page.map(|html| {
                (
                    position as usize,
                    format!("pages/pair-{position}.html"),
                    html,
                )
            })
        })
        .collect::<Result<_, CorpusError>>()?;
    progress.end();

    let published: Vec<Option<&str>> = table
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
    let id = |number: u32| table[number as usize].id.as_str();
    let records: Vec<Story<&str>> = stories.iter().map(|story| story.named(id)).collect();
    let corpus_documents: Vec<CorpusDocument> = table
        .iter()
        .map(|entry| CorpusDocument {
            id: entry.id.clone(),
            outlet: entry.outlet.clone(),
            published: entry.published.clone(),
        })
        .collect();
    let index_html = render_corpus_html(
        &corpus_documents,
        candidate_count,
        &found,
        &stories,
        &pages
            .iter()
            .map(|(position, file, _)| (*position, file.clone()))
            .collect(),
        &job.templates,
    )?;
    let mut clusters_json =
        serde_json::to_vec_pretty(&records).map_err(|error| CorpusError::Io {
            path: "clusters.json".to_owned(),
            source: std::io::Error::other(error),
        })?;
    clusters_json.push(b'\n');

    // Everything is rendered; now it is written.
    let write = |path: &Path, bytes: &[u8]| {
        std::fs::write(path, bytes).map_err(|source| CorpusError::Io {
            path: path.display().to_string(),
            source,
        })
    };
    let create = |path: &Path| {
        std::fs::create_dir_all(path).map_err(|source| CorpusError::Io {
            path: path.display().to_string(),
            source,
        })
    };
    create(&job.output.join("pages"))?;
    if let Some(writer) = pairs_file {
        let target = job.output.join("pairs.jsonl");
        writer
            .into_inner()
            .map_err(std::io::IntoInnerError::into_error)
            .and_then(|file| file.persist(&target).map_err(|error| error.error))
            .map_err(|source| CorpusError::Io {
                path: target.display().to_string(),
                source,
            })?;
    }
    write(&job.output.join("clusters.json"), &clusters_json)?;
    for (_, file, html) in &pages {
        write(&job.output.join(file), html.as_bytes())?;
    }
    write(&job.output.join("index.html"), index_html.as_bytes())?;
    Ok(Some(Summary {
        notes: notes
            .into_iter()
            .map(|(_, location, message, important)| Note {
                location,
                message,
                important,
            })
            .collect(),
        documents: table.len(),
        candidates: candidate_count,
        pairs: found.len(),
        stories: records.len(),
    }))
}

/// Furniture from the lines of every worker's documents: counted where
/// each line's hash sends it, kept where enough documents hold it, and
/// known to every worker.
fn learn_furniture<E: Exchange>(
    exchange: &mut E,
    job: &Job,
    own: &mut [(Place, Vec<FurnitureLine>)],
) -> Furniture {
    if job.furniture_min_documents < 2 {
        return Furniture::from_counts([], job.furniture_min_documents);
    }
    let peers = exchange.peers();
    let mut local: HashMap<FurnitureLine, usize> = HashMap::default();
    for (_, lines) in own.iter_mut() {
        for line in std::mem::take(lines) {
            *local.entry(line).or_insert(0) += 1;
        }
    }
    let mut local: Vec<(FurnitureLine, usize)> = local.into_iter().collect();
    local.sort_unstable();
    let received = exchange.exchange(local, |((_, fingerprint), _)| spread(*fingerprint, peers));
    let mut totals: HashMap<FurnitureLine, usize> = HashMap::default();
    for (line, count) in received {
        *totals.entry(line).or_insert(0) += count;
    }
    let mut kept: Vec<(FurnitureLine, usize)> = totals
        .into_iter()
        .filter(|(_, count)| *count >= job.furniture_min_documents)
        .collect();
    kept.sort_unstable();
    Furniture::from_counts(exchange.broadcast(kept), job.furniture_min_documents)
}

/// Candidate pairs from every worker's index keys. Keys go to the worker
/// their hash names, so each bucket and each posting is seen whole, once;
/// the pairs they propose go to the worker their own hash names, which
/// adds up the evidence, so each candidate is found once. Returns this
/// worker's candidates, each on the worker that read its first document,
/// sorted.
fn find_candidates<E: Exchange>(
    exchange: &mut E,
    table: &[Entry],
    inputs: &[Input],
    bands: Vec<(u64, u32)>,
    passages: Vec<(u64, u32)>,
) -> Vec<Pair> {
    let peers = exchange.peers();
    // (pair) → (shares a band, sampled n-grams shared)
    let mut evidence: HashMap<Pair, (bool, u32)> = HashMap::default();
    let mut bands = exchange.exchange(bands, |(key, _)| spread(*key, peers));
    bands.sort_unstable();
    for group in bands.chunk_by(|left, right| left.0 == right.0) {
        let members: Vec<u32> = group.iter().map(|(_, document)| *document).collect();
        bucket_pairs(&members, CorpusIndex::BUCKET_CAP, |pair| {
            evidence.entry(pair).or_default().0 = true;
        });
    }
    drop(bands);
    let mut passages = exchange.exchange(passages, |(key, _)| spread(*key, peers));
    passages.sort_unstable();
    for group in passages.chunk_by(|left, right| left.0 == right.0) {
        let members: Vec<u32> = group.iter().map(|(_, document)| *document).collect();
        posting_pairs(&members, CorpusIndex::PASSAGE_POSTING_CAP, |pair| {
            evidence.entry(pair).or_default().1 += 1;
        });
    }
    drop(passages);
    let mut evidence: Vec<(Pair, (bool, u32))> = evidence.into_iter().collect();
    evidence.sort_unstable();
    let pair_key = |pair: Pair| (u64::from(pair.0) << 32) | u64::from(pair.1);
    let received = exchange.exchange(evidence, |(pair, _)| spread(pair_key(*pair), peers));
    let mut totals: HashMap<Pair, (bool, u32)> = HashMap::default();
    for (pair, (whole, shared)) in received {
        let total = totals.entry(pair).or_default();
        total.0 |= whole;
        total.1 += shared;
    }
    let mut candidates: Vec<Pair> = totals
        .into_iter()
        .filter(|(_, (whole, shared))| *whole || *shared >= CorpusIndex::PASSAGE_MIN_SHARED)
        .map(|(pair, _)| pair)
        .collect();
    candidates.sort_unstable();
    let mut candidates = exchange.exchange(candidates, |pair| {
        owner(inputs, table[pair.0 as usize].place, peers)
    });
    candidates.sort_unstable();
    candidates
}

/// The documents of `pairs` this worker does not hold, fetched from the
/// workers that do.
fn fetch<E: Exchange>(
    exchange: &mut E,
    table: &[Entry],
    inputs: &[Input],
    cleaned: &Store,
    pairs: &[Pair],
) -> Result<HashMap<u32, Cleaned>, CorpusError> {
    let me = exchange.index();
    fetch_to(exchange, table, inputs, cleaned, pairs, move |_| me)
}

/// Sends the documents of `pairs` to the worker `to(pair)` names, where it
/// does not hold them already; returns those this worker was sent.
fn fetch_to<E: Exchange>(
    exchange: &mut E,
    table: &[Entry],
    inputs: &[Input],
    cleaned: &Store,
    pairs: &[Pair],
    to: impl Fn(Pair) -> usize,
) -> Result<HashMap<u32, Cleaned>, CorpusError> {
    let peers = exchange.peers();
    let holder = |number: u32| owner(inputs, table[number as usize].place, peers);
    // (document, who asks), to the worker holding it.
    let mut requests: Vec<(u32, usize)> = pairs
        .iter()
        .flat_map(|&pair| {
            let asker = to(pair);
            [(pair.0, asker), (pair.1, asker)]
        })
        .filter(|&(number, asker)| holder(number) != asker)
        .collect();
    requests.sort_unstable();
    requests.dedup();
    let requests = exchange.exchange(requests, |&(number, _)| holder(number));
    let answers: Result<Vec<(usize, u32, Document, CleanDocument)>, CorpusError> = requests
        .into_iter()
        .map(|(number, asker)| {
            let (document, clean) = cleaned.get(number).map_err(store_error)?;
            Ok((asker, number, document, clean))
        })
        .collect();
    let answers = agree(exchange, answers)?;
    Ok(exchange
        .exchange(answers, |(asker, ..)| *asker)
        .into_iter()
        .map(|(_, number, document, clean)| (number, (document, clean)))
        .collect())
}

/// A document and its cleaning: sent by another worker, or from the store.
fn document_of(
    documents: &HashMap<u32, Cleaned>,
    cleaned: &Store,
    number: u32,
) -> Result<Cleaned, CorpusError> {
    match documents.get(&number) {
        Some(both) => Ok(both.clone()),
        None => cleaned.get(number).map_err(store_error),
    }
}

/// A document and its cleaning.
type Cleaned = (Document, CleanDocument);

/// A pair aligned, with its two documents. A document that is neither sent
/// nor stored here is an error, never a pair quietly left out.
fn align_pair(
    documents: &HashMap<u32, Cleaned>,
    cleaned: &Store,
    a: u32,
    b: u32,
) -> Result<(PairResult, Cleaned, Cleaned), CorpusError> {
    let (document_a, clean_a) = document_of(documents, cleaned, a)?;
    let (document_b, clean_b) = document_of(documents, cleaned, b)?;
    let pair = parallax_pipeline::compare_pair(
        Side::new(&document_a, &clean_a),
        Side::new(&document_b, &clean_b),
    );
    Ok((pair, (document_a, clean_a), (document_b, clean_b)))
}

/// The page of one pair: the pair aligned again (alignment is
/// deterministic, so it is the pair written to `pairs.jsonl`) and framed.
fn render_page(
    documents: &HashMap<u32, Cleaned>,
    cleaned: &Store,
    a: u32,
    b: u32,
    templates: &Templates,
) -> Result<String, CorpusError> {
    let (document_a, clean_a) = document_of(documents, cleaned, a)?;
    let (document_b, clean_b) = document_of(documents, cleaned, b)?;
    let sides = [
        Side::new(&document_a, &clean_a),
        Side::new(&document_b, &clean_b),
    ];
    let result = parallax_pipeline::compare_sides(&sides, &[(0, 1)]);
    Ok(render_html(
        &result,
        &[&document_a.text, &document_b.text],
        templates,
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Word hashes of a text that no other seed repeats.
    fn words(seed: u64, count: u64) -> Vec<u64> {
        (0..count)
            .map(|index| xxhash_rust::xxh3::xxh3_64_with_seed(&index.to_le_bytes(), seed) % 5_000)
            .collect()
    }

    #[test]
    fn candidates_by_exchanged_keys_are_the_index_own() {
        // Sources, near copies, copies of a paragraph inside other text,
        // and strangers.
        let mut documents: Vec<Vec<u64>> = Vec::new();
        for source in 0..12 {
            let text = words(source, 300);
            documents.push(text.clone());
            let mut copy = text.clone();
            copy.truncate(260);
            documents.push(copy);
            let mut host = words(100 + source, 400);
            host.splice(200..200, text[..60].iter().copied());
            documents.push(host);
            documents.push(words(200 + source, 250));
        }
        // Eighty copies of one text: a bucket over the cap.
        let crowd = words(999, 200);
        documents.extend(std::iter::repeat_n(crowd, 80));

        let mut index = CorpusIndex::new();
        let (mut bands, mut passages) = (Vec::new(), Vec::new());
        for (number, text) in documents.iter().enumerate() {
            let number = as_number(number);
            index.insert(number, text);
            let keys = index.keys(text);
            bands.extend(keys.bands.into_iter().map(|key| (key, number)));
            passages.extend(keys.passages.into_iter().map(|key| (key, number)));
        }
        let (mut expected, shared) = index.candidates();
        expected.extend(shared);
        expected.sort_unstable();
        expected.dedup();

        let table: Vec<Entry> = (0..documents.len())
            .map(|number| Entry {
                place: (0, as_number(number + 1)),
                id: number.to_string(),
                outlet: String::new(),
                published: None,
            })
            .collect();
        let inputs = parallax_ingest::discover(&[PathBuf::from("Cargo.toml")])
            .unwrap()
            .inputs;
        let found = find_candidates(&mut Alone, &table, &inputs, bands, passages);
        assert_eq!(found, expected);
        // Each near copy and each reused paragraph is proposed.
        for source in 0..12_u32 {
            assert!(found.contains(&(source * 4, source * 4 + 1)));
            assert!(found.contains(&(source * 4, source * 4 + 2)));
        }
        // The crowd is chained, not paired each with each.
        let crowd_pairs = found.iter().filter(|pair| pair.0 >= 48).count();
        assert!((79..=79 * 3).contains(&crowd_pairs), "{crowd_pairs}");
    }
}
