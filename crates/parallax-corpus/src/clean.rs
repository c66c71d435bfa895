//! Stage 3, cleaning and keying: each worker prepares its documents as
//! `compare` does, in parallel batches, keeps them on disk with their
//! cleaning, and keeps each one's candidate index keys.

use crate::error::{serialise_error, store_error};
use crate::exchange::{Exchange, agree};
use crate::index::{CorpusIndex, KeyEntry, key_entry};
use crate::read::{BATCH, Share, Table};
use crate::store::Store;
use crate::{CorpusError, Progress, as_number};
use parallax_align::Side;
use parallax_clean::Furniture;
use parallax_core::Document;
use rayon::prelude::*;

/// This worker's documents prepared: on disk with their cleaning, by
/// number, and their index keys as (key, document number).
pub(crate) struct Keyed {
    pub(crate) cleaned: Store,
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
    let store = Store::new().map_err(store_error);
    let mut keyed = Keyed {
        cleaned: agree(exchange, store)?,
        bands: Vec::new(),
        passages: Vec::new(),
    };
    let own = &share.own;
    progress.begin("cleaning documents", Some(own.len() as u64));
    let cleaning = (|| -> Result<(), CorpusError> {
        for start in (0..own.len()).step_by(BATCH) {
            let end = (start + BATCH).min(own.len());
            let batch: Vec<(u32, Vec<u8>, crate::index::DocumentKeys)> = (start..end)
                .into_par_iter()
                .map(|key| {
                    let mut document: Document =
                        share.raw.get(as_number(key)).map_err(store_error)?;
                    let number = table.number_of[&own[key]];
                    document.id.clone_from(&table.entries[number as usize].id);
                    let clean = parallax_pipeline::prepare_document(&mut document, furniture);
                    let words = parallax_pipeline::body_word_hashes(Side::new(&document, &clean));
                    let bytes =
                        serde_json::to_vec(&(&document, &clean)).map_err(serialise_error)?;
                    progress.advance(1);
                    Ok((number, bytes, index.keys(&words)))
                })
                .collect::<Result<_, CorpusError>>()?;
            for (number, bytes, keys) in batch {
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
            }
        }
        keyed.cleaned.flush().map_err(store_error)
    })();
    progress.end();
    agree(exchange, cleaning)?;
    Ok(keyed)
}
