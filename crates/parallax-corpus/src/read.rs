//! Stage 1, reading and numbering: each worker reads its share of the
//! inputs, in parallel batches, into a store on disk; then every worker
//! learns every document's number, id, outlet and date, numbered and named
//! as one process reading in order would.

use crate::error::{serialise_error, store_error};
use crate::exchange::{Exchange, agree};
use crate::overlap::Overlap;
use crate::store::{Store, document_bytes};
use crate::{CorpusError, Job, Progress, as_number};
use parallax_clean::{Furniture, FurnitureSentence};
use parallax_core::SourceFormat;
use parallax_ingest::{Input, Note, Place, Streamed, Unit};
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};

/// Units parsed, and documents sent to the store, in one batch.
pub(crate) const BATCH: usize = 2_048;

/// One document as every worker knows it: enough to number it, name it and
/// date it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Entry {
    pub(crate) place: Place,
    pub(crate) id: String,
    /// The outlet its metadata names, if any.
    pub(crate) outlet: Option<String>,
    pub(crate) published: Option<String>,
    /// Its headline, for the index page.
    pub(crate) title: Option<String>,
}

/// Every document of the run, in reading order: a document's number is
/// its position.
#[derive(Debug)]
pub(crate) struct Table {
    pub(crate) entries: Vec<Entry>,
    pub(crate) number_of: HashMap<Place, u32>,
}

impl Table {
    /// The worker that read document `number`.
    pub(crate) fn holder(&self, inputs: &[Input], number: u32, peers: usize) -> usize {
        owner(inputs, self.entries[number as usize].place, peers)
    }
}

/// What this worker read: its documents on disk, and in memory their
/// places, the furniture sentences counted over them, their entries and
/// what was set aside.
pub(crate) struct Share {
    pub(crate) raw: Store,
    /// The furniture units of each document that has them
    /// ([`Units::to_bytes`]), read once for learning furniture and again
    /// for setting it aside: reading them took about a twentieth of a run.
    pub(crate) units: Store,
    pub(crate) own: Vec<Place>,
    /// The furniture sentences of this worker's documents, each once per
    /// document that holds it, to be counted when all are read
    /// ([`crate::furniture::learn`]): a list grows at less cost than a map
    /// of counts, and takes less memory while most sentences are held by
    /// one document.
    pub(crate) furniture: Vec<FurnitureSentence>,
    pub(crate) entries: Vec<Entry>,
    pub(crate) notes: Vec<(Place, Note)>,
}

/// A unit read and made ready to keep.
enum Prepared {
    Document {
        entry: Entry,
        lines: Vec<FurnitureSentence>,
        bytes: Vec<u8>,
        units: Option<Vec<u8>>,
    },
    Note(Place, Note),
}

/// The worker that reads the document at `place`: a JSON Lines file is
/// shared out line by line, any other input whole.
pub(crate) fn owner(inputs: &[Input], place: Place, peers: usize) -> usize {
    let shared_by_line = inputs
        .get(place.0 as usize)
        .is_some_and(|input| input.format == SourceFormat::Jsonl);
    let unit = if shared_by_line { place.1 } else { place.0 };
    unit as usize % peers
}

/// A unit parsed: its documents with their entries and furniture lines,
/// serialised for the store, and its notes.
fn prepare(unit: Unit, job: &Job) -> Result<Vec<Prepared>, CorpusError> {
    unit.read()?
        .into_iter()
        .map(|streamed| match streamed {
            Streamed::Note(place, note) => Ok(Prepared::Note(place, note)),
            Streamed::Document(place, mut document) => {
                let (lines, units) = if job.furniture_min_documents >= 2 {
                    Furniture::sentences_and_units_of(&document)
                } else {
                    (Vec::new(), None)
                };
                let bytes = document_bytes(&mut document, &()).map_err(serialise_error)?;
                Ok(Prepared::Document {
                    entry: Entry {
                        place,
                        id: document.id.clone(),
                        outlet: document.metadata.outlet.clone(),
                        published: document.metadata.published.clone(),
                        title: document.metadata.title.clone(),
                    },
                    lines,
                    bytes,
                    units: units.map(|units| units.to_bytes()),
                })
            }
        })
        .collect()
}

/// `units` parsed in parallel, in order.
fn parse(units: Vec<Unit>, job: &Job) -> Vec<Result<Vec<Prepared>, CorpusError>> {
    units
        .into_par_iter()
        .map(|unit| prepare(unit, job))
        .collect()
}

impl Share {
    /// Parses the batches of units `received` (one while the one before is
    /// kept) and keeps them, until the sender hangs up; the first failure
    /// is returned, marked in `failed` at once, and the batches after it
    /// are passed over. The stores are flushed at the end.
    fn keep_batches(
        &mut self,
        received: std::sync::mpsc::Receiver<Vec<Unit>>,
        job: &Job,
        failed: &std::sync::atomic::AtomicBool,
    ) -> Result<(), CorpusError> {
        let mut overlap = Overlap::new();
        let mut kept = Ok(());
        for units in received {
            if kept.is_ok() {
                kept = overlap.next(|| parse(units, job), |parsed| self.keep(parsed));
                if kept.is_err() {
                    failed.store(true, std::sync::atomic::Ordering::Relaxed);
                }
            }
        }
        kept.and_then(|()| overlap.finish(|parsed| self.keep(parsed)))
            .and_then(|()| {
                self.raw
                    .flush()
                    .and_then(|()| self.units.flush())
                    .map_err(store_error)
            })
    }

    /// Keeps the units of one batch, parsed; the first failure ends the
    /// reading.
    fn keep(&mut self, parsed: Vec<Result<Vec<Prepared>, CorpusError>>) -> Result<(), CorpusError> {
        for unit in parsed {
            for prepared in unit? {
                match prepared {
                    Prepared::Note(place, note) => self.notes.push((place, note)),
                    Prepared::Document {
                        entry,
                        lines,
                        bytes,
                        units,
                    } => {
                        let key = as_number(self.own.len());
                        self.raw.put_bytes(key, &bytes).map_err(store_error)?;
                        if let Some(units) = units {
                            self.units.put_bytes(key, &units).map_err(store_error)?;
                        }
                        self.furniture.extend(lines);
                        self.own.push(entry.place);
                        self.entries.push(entry);
                    }
                }
            }
        }
        Ok(())
    }
}

/// Reads this worker's share: the stream finds units, batches of them are
/// parsed in parallel, and the documents wait on disk.
pub(crate) fn read_share<E: Exchange>(
    exchange: &mut E,
    job: &Job,
    progress: &dyn Progress,
) -> Result<Share, CorpusError> {
    let (me, peers) = (exchange.index(), exchange.peers());
    progress.begin_bytes(
        "reading documents",
        parallax_ingest::input_size(&job.inputs),
    );
    let stores = Store::two().map_err(store_error);
    let (raw, units) = agree(exchange, stores)?;
    let mut share = Share {
        raw,
        units,
        own: Vec::new(),
        furniture: Vec::new(),
        entries: Vec::new(),
        notes: Vec::new(),
    };
    // Units are found on this thread while, on rayon's, the batch before
    // is parsed and the one before that stored. Found between batches, as
    // they were, they left both cores idle for about a seventh of reading.
    let failed = std::sync::atomic::AtomicBool::new(false);
    let read = std::thread::scope(|scope| {
        let (batches, received) = std::sync::mpsc::sync_channel::<Vec<Unit>>(1);
        let keeper = scope.spawn(|| share.keep_batches(received, job, &failed));
        let mut pending: Vec<Unit> = Vec::new();
        let streamed = parallax_ingest::stream(
            &job.inputs,
            |place| owner(&job.inputs, place, peers) == me,
            |unit| {
                progress.advance(unit.read_bytes());
                // After a failure the rest of the input is only passed
                // over, not held.
                if failed.load(std::sync::atomic::Ordering::Relaxed) {
                    return;
                }
                pending.push(unit);
                if pending.len() >= BATCH {
                    // The keeper takes every batch until it ends, and ends
                    // only once this side has hung up.
                    let _ = batches.send(std::mem::take(&mut pending));
                }
            },
        );
        if streamed.is_ok() {
            let _ = batches.send(pending);
        }
        drop(batches);
        let kept = keeper
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        streamed.map_err(CorpusError::from).and(kept)
    });
    progress.end();
    agree(exchange, read)?;
    Ok(share)
}

/// What was set aside, wherever it was read, gathered on worker 0 in
/// reading order.
pub(crate) fn gather_notes<E: Exchange>(
    exchange: &mut E,
    notes: Vec<(Place, Note)>,
) -> Vec<(Place, Note)> {
    let mut notes: Vec<(Place, String, String, bool)> = exchange.exchange(
        notes
            .into_iter()
            .map(|(place, note)| (place, note.location, note.message, note.important))
            .collect(),
        |_| 0,
    );
    notes.sort_by_key(|(place, ..)| *place);
    notes
        .into_iter()
        .map(|(place, location, message, important)| {
            (
                place,
                Note {
                    location,
                    message,
                    important,
                },
            )
        })
        .collect()
}

/// Numbers every document as one process reading in order would, and makes
/// ids unique the same way. A run without one document is an error, and so
/// is an input none of whose records could be read, as in `compare`; on
/// worker 0, which holds the notes, the error says what was skipped.
pub(crate) fn number<E: Exchange>(
    exchange: &mut E,
    entries: Vec<Entry>,
    inputs: &[Input],
    notes: &[(Place, Note)],
) -> Result<Table, CorpusError> {
    let mut entries: Vec<Entry> = exchange.broadcast(entries);
    if entries.is_empty() {
        let detail = match notes.iter().find(|(_, note)| note.important) {
            Some((_, note)) => format!(
                ": {} skipped; the first, {}: {}",
                notes.len(),
                note.location,
                note.message.trim_start_matches("record skipped: ")
            ),
            None => String::new(),
        };
        return Err(CorpusError::NoDocuments(detail));
    }
    let mut read_from = vec![false; inputs.len()];
    for entry in &entries {
        if let Some(read) = read_from.get_mut(entry.place.0 as usize) {
            *read = true;
        }
    }
    if let Some(empty) = read_from.iter().position(|read| !read) {
        let set_aside: Vec<Note> = notes
            .iter()
            .filter(|((input, _), _)| *input as usize == empty)
            .map(|(_, note)| note.clone())
            .collect();
        return Err(parallax_ingest::IngestError::no_records(
            inputs[empty].display.clone(),
            &set_aside,
        )
        .into());
    }
    entries.sort_by_key(|entry| entry.place);
    parallax_ingest::unique_ids(entries.iter_mut().map(|entry| &mut entry.id));
    let number_of = entries
        .iter()
        .enumerate()
        .map(|(number, entry)| (entry.place, as_number(number)))
        .collect();
    Ok(Table { entries, number_of })
}
