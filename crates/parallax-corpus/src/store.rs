//! Documents set aside on disk between stages, so a corpus costs memory
//! for its indexes, not for its text.

use serde::de::DeserializeOwned;
use std::fs::File;
use std::io::{BufWriter, Read as _, Seek as _, SeekFrom, Write as _};
use std::sync::Mutex;

/// Values written once, in any order, then read by key from any thread.
/// The file is anonymous: the system removes it when the store is dropped,
/// however the run ends. Documents are stored as JSON, since the model's
/// types skip empty fields when serialised and need a self-describing
/// format to read back; other values as the bytes their owner chose.
#[derive(Debug)]
pub(crate) struct Store {
    writer: BufWriter<File>,
    reader: Mutex<File>,
    length: u64,
    /// Key → (offset, length).
    spans: rustc_hash::FxHashMap<u32, (u64, u64)>,
}

impl Store {
    pub(crate) fn new() -> std::io::Result<Self> {
        let file = tempfile::tempfile()?;
        let reader = file.try_clone()?;
        Ok(Self {
            writer: BufWriter::with_capacity(1 << 20, file),
            reader: Mutex::new(reader),
            length: 0,
            spans: rustc_hash::FxHashMap::default(),
        })
    }

    /// Two stores, for values kept side by side under the same keys.
    pub(crate) fn two() -> std::io::Result<(Self, Self)> {
        Ok((Self::new()?, Self::new()?))
    }

    /// Stores a value the caller serialised as JSON (in parallel, where
    /// the store's writing is one at a time).
    pub(crate) fn put_bytes(&mut self, key: u32, bytes: &[u8]) -> std::io::Result<()> {
        self.writer.write_all(bytes)?;
        self.spans.insert(key, (self.length, bytes.len() as u64));
        self.length += bytes.len() as u64;
        Ok(())
    }

    /// Makes everything put so far readable.
    pub(crate) fn flush(&mut self) -> std::io::Result<()> {
        self.writer.flush()
    }

    pub(crate) fn get<T: DeserializeOwned>(&self, key: u32) -> std::io::Result<T> {
        serde_json::from_slice(&self.get_bytes(key)?).map_err(std::io::Error::other)
    }

    /// The bytes stored under `key`, as put.
    pub(crate) fn get_bytes(&self, key: u32) -> std::io::Result<Vec<u8>> {
        self.find_bytes(key)?
            .ok_or_else(|| std::io::Error::other(format!("no document {key} was stored")))
    }

    /// The bytes stored under `key`, if any were.
    pub(crate) fn find_bytes(&self, key: u32) -> std::io::Result<Option<Vec<u8>>> {
        let Some(&(offset, length)) = self.spans.get(&key) else {
            return Ok(None);
        };
        let mut bytes = vec![0; usize::try_from(length).map_err(std::io::Error::other)?];
        {
            let mut reader = self
                .reader
                .lock()
                .map_err(|_| std::io::Error::other("a reader of the store failed"))?;
            reader.seek(SeekFrom::Start(offset))?;
            reader.read_exact(&mut bytes)?;
        }
        Ok(Some(bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_come_back_by_key_whatever_the_order_written() {
        let mut store = Store::new().unwrap();
        let put = |store: &mut Store, key: u32, value: &(&str, Vec<u32>)| {
            store
                .put_bytes(key, &serde_json::to_vec(value).unwrap())
                .unwrap();
        };
        put(&mut store, 7, &("seven", vec![7]));
        put(&mut store, 2, &("two", vec![2, 2]));
        store.flush().unwrap();
        assert_eq!(
            store.get::<(String, Vec<u32>)>(2).unwrap(),
            ("two".to_owned(), vec![2, 2])
        );
        assert_eq!(
            store.get::<(String, Vec<u32>)>(7).unwrap(),
            ("seven".to_owned(), vec![7])
        );
        assert!(store.get::<(String, Vec<u32>)>(3).is_err());
    }
}
