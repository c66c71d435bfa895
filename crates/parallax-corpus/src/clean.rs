//! Stage 3, cleaning and keying: each worker prepares its documents as
//! `compare` does, in parallel batches, keeps them on disk with their
//! cleaning, and keeps each one's candidate index keys.

use crate::error::{serialise_error, store_error};
use crate::exchange::{Exchange, agree};
use crate::fetch::Runs;
use crate::index::{CorpusIndex, KeyEntry, key_entry};
use crate::overlap::Overlap;
use crate::read::{BATCH, Share, Table};
use crate::store::{Cleanings, Store, cleaning_bytes};
use crate::{CorpusError, Progress, as_number};
use parallax_clean::{Furniture, Units};
use rayon::prelude::*;

/// One document prepared: its number, its bytes and runs for the stores,
/// and its index keys.
type Prepared = (u32, Vec<u8>, Vec<u8>, crate::index::DocumentKeys);

/// This worker's documents prepared: on disk with their cleaning, by
/// number, and their index keys as (key, document number).
pub(crate) struct Keyed {
    pub(crate) cleaned: Cleanings,
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
/// furniture, under the id the table gives it. The documents' texts stay
/// in the share's store, which the cleanings keep.
pub(crate) fn clean_and_key<E: Exchange>(
    exchange: &mut E,
    share: Share,
    table: &Table,
    furniture: &Furniture,
    progress: &dyn Progress,
) -> Result<Keyed, CorpusError> {
    let index = CorpusIndex::new();
    let Share {
        raw, units, own, ..
    } = share;
    let stores = Store::two().map_err(store_error);
    let (mut cleanings, mut runs) = agree(exchange, stores)?;
    let gathered = KeyFile::new()
        .and_then(|bands| Ok((bands, KeyFile::new()?)))
        .map_err(store_error);
    let (mut bands, mut passages) = agree(exchange, gathered)?;
    progress.begin("cleaning documents", Some(own.len() as u64));
    let cleaning = (|| -> Result<(Vec<KeyEntry>, Vec<KeyEntry>), CorpusError> {
        // A batch is prepared while the one before is written to disk.
        let mut overlap = Overlap::new();
        let mut keep = |batch: Vec<Prepared>| -> Result<(), CorpusError> {
            for (number, bytes, document_runs, keys) in batch {
                bands
                    .extend(keys.bands.into_iter().map(|key| key_entry(key, number)))
                    .map_err(store_error)?;
                passages
                    .extend(keys.passages.into_iter().map(|key| key_entry(key, number)))
                    .map_err(store_error)?;
                cleanings.put_bytes(number, &bytes).map_err(store_error)?;
                runs.put_bytes(number, &document_runs)
                    .map_err(store_error)?;
            }
            Ok(())
        };
        for start in (0..own.len()).step_by(BATCH) {
            let end = (start + BATCH).min(own.len());
            let prepare = || -> Result<Vec<Prepared>, CorpusError> {
                (start..end)
                    .into_par_iter()
                    .map(|key| {
                        let (mut document, ()) =
                            raw.get_document(as_number(key)).map_err(store_error)?;
                        let number = table.number_of[&own[key]];
                        document.id.clone_from(&table.entries[number as usize].id);
                        let units = units
                            .find_bytes(as_number(key))
                            .map_err(store_error)?
                            .and_then(|bytes| Units::from_bytes(&bytes));
                        let (clean, words) = parallax_pipeline::prepare_document_with_body_words(
                            &mut document,
                            furniture,
                            units.as_ref(),
                        );
                        let bytes = cleaning_bytes(as_number(key), &mut document, &clean)
                            .map_err(serialise_error)?;
                        let runs = Runs::new(&words).to_bytes();
                        progress.advance(1);
                        Ok((number, bytes, runs, index.keys(&words)))
                    })
                    .collect()
            };
            overlap.next(prepare, |batch| batch.and_then(&mut keep))?;
        }
        overlap.finish(|batch| batch.and_then(&mut keep))?;
        cleanings.flush().map_err(store_error)?;
        runs.flush().map_err(store_error)?;
        Ok((
            bands.entries().map_err(store_error)?,
            passages.entries().map_err(store_error)?,
        ))
    })();
    progress.end();
    let (bands, passages) = agree(exchange, cleaning)?;
    Ok(Keyed {
        cleaned: Cleanings::new(raw, cleanings),
        runs,
        bands,
        passages,
    })
}

/// Index keys gathered on disk, then read back into one list of the exact
/// length. A list grown in memory copies itself into one twice as large,
/// and pieces joined at the end are freed later than they are copied: at
/// 100,000 generated documents either way the 200 MB of passage keys were
/// held twice at the end of cleaning, the run's peak memory.
struct KeyFile {
    writer: std::io::BufWriter<std::fs::File>,
    count: usize,
}

impl KeyFile {
    /// Bytes of one entry on disk: three numbers of four bytes.
    const ENTRY: usize = 12;

    fn new() -> std::io::Result<Self> {
        Ok(Self {
            writer: std::io::BufWriter::with_capacity(1 << 20, tempfile::tempfile()?),
            count: 0,
        })
    }

    fn extend(&mut self, entries: impl IntoIterator<Item = KeyEntry>) -> std::io::Result<()> {
        use std::io::Write as _;
        for (high, low, document) in entries {
            let mut bytes = [0_u8; Self::ENTRY];
            bytes[..4].copy_from_slice(&high.to_le_bytes());
            bytes[4..8].copy_from_slice(&low.to_le_bytes());
            bytes[8..].copy_from_slice(&document.to_le_bytes());
            self.writer.write_all(&bytes)?;
            self.count += 1;
        }
        Ok(())
    }

    /// The entries in the order they were added.
    fn entries(self) -> std::io::Result<Vec<KeyEntry>> {
        use std::io::{Read as _, Seek as _};
        let mut file = self
            .writer
            .into_inner()
            .map_err(std::io::IntoInnerError::into_error)?;
        file.rewind()?;
        let mut reader = std::io::BufReader::with_capacity(1 << 20, file);
        let mut entries = Vec::with_capacity(self.count);
        let number = |bytes: &[u8]| u32::from_le_bytes(bytes.try_into().unwrap_or_default());
        let mut bytes = [0_u8; Self::ENTRY];
        for _ in 0..self.count {
            reader.read_exact(&mut bytes)?;
            entries.push((
                number(&bytes[..4]),
                number(&bytes[4..8]),
                number(&bytes[8..]),
            ));
        }
        Ok(entries)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_come_back_from_disk_in_the_order_added() {
        let entries: Vec<KeyEntry> = (0..100_000_u32)
            .map(|number| (number.wrapping_mul(2_654_435_761), number / 3, number % 7))
            .collect();
        let mut file = KeyFile::new().unwrap();
        file.extend(entries[..10].iter().copied()).unwrap();
        file.extend(entries[10..].iter().copied()).unwrap();
        let back = file.entries().unwrap();
        assert_eq!(back.capacity(), entries.len());
        assert_eq!(back, entries);
        assert!(KeyFile::new().unwrap().entries().unwrap().is_empty());
    }
}
