//! Reading and cleaning: documents in, documents with their cleaning out.

use parallax_align::Side;
use parallax_clean::{CleanDocument, Furniture, Units, clean_with_body_words, clean_with_units};
use parallax_core::Document;
use parallax_ingest::{IngestError, Note};
use rayon::prelude::*;
use std::path::PathBuf;

/// How documents are prepared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// A sentence found in this many documents of one outlet is page furniture;
    /// below 2 turns the rule off.
    pub furniture_min_documents: usize,
    /// The most bytes reading may hold at once for one input, after
    /// decompression (see [`parallax_ingest::Input::max_bytes`]).
    pub max_document_bytes: u64,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            furniture_min_documents: Furniture::DEFAULT_MIN_DOCUMENTS,
            max_document_bytes: parallax_ingest::DEFAULT_MAX_DOCUMENT_BYTES,
        }
    }
}

/// Documents read and cleaned, in reading order, with what reading set
/// aside.
#[derive(Debug, Clone, Default)]
pub struct Prepared {
    pub documents: Vec<Document>,
    /// `cleaned[i]` is the cleaning of `documents[i]`.
    pub cleaned: Vec<CleanDocument>,
    /// Files skipped and records set aside while reading.
    pub notes: Vec<Note>,
    /// With a sentence model ([`Prepared::embed`]): `vectors[i]` holds the
    /// vector of each body sentence of `documents[i]`; empty without one.
    pub vectors: Vec<Vec<Vec<f32>>>,
}

impl Prepared {
    /// Each document with its cleaning (and its sentences' vectors, when
    /// they were embedded), as the aligner and the framer take them.
    #[must_use]
    pub fn sides(&self) -> Vec<Side<'_>> {
        self.documents
            .iter()
            .zip(&self.cleaned)
            .enumerate()
            .map(|(number, (document, clean))| {
                let side = Side::new(document, clean);
                match self.vectors.get(number) {
                    Some(vectors) => side.with_vectors(vectors),
                    None => side,
                }
            })
            .collect()
    }

    /// Embeds every body sentence of every document with `model`, once,
    /// so that alignment can weigh meaning as well as words.
    pub fn embed(
        &mut self,
        model: &parallax_embed::Model,
    ) -> Result<(), parallax_embed::EmbedError> {
        let documents: Vec<(&Document, &CleanDocument)> =
            self.documents.iter().zip(&self.cleaned).collect();
        self.vectors = embed_documents(model, &documents)?;
        Ok(())
    }
}

/// The vectors of each document's body sentences, in the order of
/// [`CleanDocument::body`], as [`Side::with_vectors`] takes them. One call
/// for all documents: batches of like length fill better.
pub fn embed_documents(
    model: &parallax_embed::Model,
    documents: &[(&Document, &CleanDocument)],
) -> Result<Vec<Vec<Vec<f32>>>, parallax_embed::EmbedError> {
    let sentences: Vec<Vec<&str>> = documents
        .iter()
        .map(|(document, clean)| {
            clean
                .body()
                .map(|span| &document.text[span.start..span.end])
                .collect()
        })
        .collect();
    let all: Vec<&str> = sentences.iter().flatten().copied().collect();
    let mut vectors = model.embed(&all)?.into_iter();
    Ok(sentences
        .iter()
        .map(|document| vectors.by_ref().take(document.len()).collect())
        .collect())
}

/// Finds, reads and names every document under `paths`
/// ([`parallax_ingest::load`]), then [`prepare`]s them.
pub fn load(paths: &[PathBuf], options: &Options) -> Result<Prepared, IngestError> {
    let loaded = parallax_ingest::load_within(paths, options.max_document_bytes)?;
    let mut prepared = prepare(loaded.documents, options);
    prepared.notes = loaded.notes;
    Ok(prepared)
}

/// Text below this many bytes is prepared on the calling thread: starting
/// the threads costs more than a few short reports take.
const THREADS_MIN_BYTES: usize = 256 * 1024;

/// Whether work on texts of these sizes is worth spreading over threads.
#[must_use]
pub(crate) fn worth_threads(sizes: impl Iterator<Item = usize>) -> bool {
    sizes.sum::<usize>() >= THREADS_MIN_BYTES
}

/// Learns the page furniture the documents share, then prepares each one
/// ([`prepare_document`]) in parallel, keeping their order.
#[must_use]
pub fn prepare(mut documents: Vec<Document>, options: &Options) -> Prepared {
    let (furniture, units) =
        Furniture::learn_keeping_units(&documents, options.furniture_min_documents);
    let cleaned = if worth_threads(documents.iter().map(|document| document.text.len())) {
        documents
            .par_iter_mut()
            .zip(&units)
            .map(|(document, units)| prepare_document(document, &furniture, units.as_ref()))
            .collect()
    } else {
        documents
            .iter_mut()
            .zip(&units)
            .map(|(document, units)| prepare_document(document, &furniture, units.as_ref()))
            .collect()
    };
    Prepared {
        documents,
        cleaned,
        notes: Vec::new(),
        vectors: Vec::new(),
    }
}

/// Prepares one document with furniture learnt from the documents it came
/// with: the headline is looked for again when the one sniffed is a line
/// of furniture (a site's tagline), and the document is cleaned. Corpus
/// mode, which learns furniture in parts, calls this for each document.
/// `units` are the document's sentences as furniture read them when it
/// was learnt, where they were kept; `None` reads them again.
#[must_use]
pub fn prepare_document(
    document: &mut Document,
    furniture: &Furniture,
    units: Option<&Units>,
) -> CleanDocument {
    retitle(document, furniture);
    clean_with_units(document, furniture, units)
}

/// [`prepare_document`], with the hashes of the body's words in order, as
/// [`body_word_hashes`] gives them: cleaning hashed them already, and
/// corpus mode indexes them.
#[must_use]
pub fn prepare_document_with_body_words(
    document: &mut Document,
    furniture: &Furniture,
    units: Option<&Units>,
) -> (CleanDocument, Vec<u64>) {
    retitle(document, furniture);
    clean_with_body_words(document, furniture, units)
}

/// Looks for the headline again when the one sniffed is a line of
/// `furniture`.
fn retitle(document: &mut Document, furniture: &Furniture) {
    let is_furniture = furniture.line_test(document);
    parallax_ingest::retitle(document, is_furniture);
}

/// The hashes of the words of a prepared document's body, in order: what
/// corpus mode indexes.
#[must_use]
pub fn body_word_hashes(side: Side<'_>) -> Vec<u64> {
    side.clean
        .body()
        .flat_map(|span| parallax_core::hashed_words(&side.document.text, span))
        .map(|(_, hash)| hash)
        .collect()
}
