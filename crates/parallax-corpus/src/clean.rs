//! Stage 3, cleaning and keying: each worker prepares its documents as
//! `compare` does, in parallel batches, keeps them on disk with their
//! cleaning, and keeps each one's candidate index keys.

use crate::error::{serialise_error, store_error};
use crate::exchange::{Exchange, agree};
use crate::fetch::Runs;
use crate::index::{CorpusIndex, KeyEntry, key_entry};
use crate::read::{BATCH, Share, Table};
use crate::store::Store;
use crate::{CorpusError, Progress, as_number};
use parallax_align::Side;
use parallax_clean::{Furniture, Units};
use parallax_core::Document;
use rayon::prelude::*;

/// This worker's documents prepared: on disk with their cleaning, by
/// number, and their index keys as (key, document number).
pub(crate) struct Keyed {
    pub(crate) cleaned: Store,
    /// Each document's [`Runs`], as [`Runs::to_bytes`] writes them: what
    /// a candidate is checked with before alignment, read back without
    /// reading the document. A corpus full of chance phrases has many
    /// candidates for each document, in several rounds; reading and
    /// hashing the document again for each round made that check twice
    /// the cost of aligning the pairs it kept (100,000 generated documents
    /// with chance phrases).
    pub(crate) runs: Store,
    pub(crate) bands: Vec<KeyEntry>,
    pub(crate) passages: Vec<KeyEntry>,
}

/// Prepares every document of this worker's `share` with the corpus's
/// furniture, under the id the table gives it.
pub(crate) fn clean_and_key<E: Exchange>(
    exchange: &mut E,
    share: &Share,
    table: &Table,
    furniture: &Furniture,
    progress: &dyn Progress,
) -> Result<Keyed, CorpusError> {
    let index = CorpusIndex::new();
    let stores = Store::two().map_err(store_error);
    let (cleaned, runs) = agree(exchange, stores)?;
    let mut keyed = Keyed {
        cleaned,
        runs,
        bands: Vec::new(),
        passages: Vec::new(),
    };
    let own = &share.own;
    progress.begin("cleaning documents", Some(own.len() as u64));
    let cleaning = (|| -> Result<(), CorpusError> {
        for start in (0..own.len()).step_by(BATCH) {
            let end = (start + BATCH).min(own.len());
            let batch: Vec<(u32, Vec<u8>, Vec<u8>, crate::index::DocumentKeys)> = (start..end)
                .into_par_iter()
                .map(|key| {
                    let mut document: Document =
                        share.raw.get(as_number(key)).map_err(store_error)?;
                    let number = table.number_of[&own[key]];
                    document.id.clone_from(&table.entries[number as usize].id);
                    let units = share
                        .units
                        .find_bytes(as_number(key))
                        .map_err(store_error)?
                        .and_then(|bytes| Units::from_bytes(&bytes));
                    let clean = parallax_pipeline::prepare_document(
                        &mut document,
                        furniture,
                        units.as_ref(),
                    );
                    let words = parallax_pipeline::body_word_hashes(Side::new(&document, &clean));
                    let bytes =
                        serde_json::to_vec(&(&document, &clean)).map_err(serialise_error)?;
                    let runs = Runs::new(&words).to_bytes();
                    progress.advance(1);
                    Ok((number, bytes, runs, index.keys(&words)))
                })
                .collect::<Result<_, CorpusError>>()?;
            for (number, bytes, runs, keys) in batch {
                keyed
                    .bands
                    .extend(keys.bands.into_iter().map(|key| key_entry(key, number)));
                keyed
                    .passages
                    .extend(keys.passages.into_iter().map(|key| key_entry(key, number)));
                keyed
                    .cleaned
                    .put_bytes(number, &bytes)
                    .map_err(store_error)?;
                keyed.runs.put_bytes(number, &runs).map_err(store_error)?;
            }
        }
        keyed.cleaned.flush().map_err(store_error)?;
        keyed.runs.flush().map_err(store_error)
    })();
    progress.end();
    agree(exchange, cleaning)?;
    Ok(keyed)
}
