//! Documents set aside on disk between stages, so a corpus costs memory
//! for its indexes, not for its text.

use parallax_clean::CleanDocument;
use parallax_core::{Document, Segment, SegmentKind, Span};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::fs::File;
use std::io::{BufWriter, Write as _};

/// Values written once, in any order, then read by key from any thread.
/// The file is anonymous: the system removes it when the store is dropped,
/// however the run ends. Documents are stored as their text followed by
/// the rest of them in JSON ([`document_bytes`]), since the model's types
/// skip empty fields when serialised and need a self-describing format to
/// read back; a cleaning beside a document in a binary form of its own
/// ([`cleaning_bytes`]); other values as the bytes their owner chose.
#[derive(Debug)]
pub(crate) struct Store {
    writer: BufWriter<File>,
    reader: Reader,
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
            reader: Reader::new(reader),
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

    /// The document stored under `key` with what was stored beside it
    /// ([`document_bytes`]).
    pub(crate) fn get_document<T: DeserializeOwned>(
        &self,
        key: u32,
    ) -> std::io::Result<(Document, T)> {
        document_from_bytes(&self.get_bytes(key)?)
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
        self.reader.read_exact_at(&mut bytes, offset)?;
        Ok(Some(bytes))
    }
}

/// The store's file, read at an offset from any thread: by positioned
/// reads where the system has them, which threads cleaning or aligning
/// side by side need not take turns for, and by seeking under a lock
/// elsewhere.
#[derive(Debug)]
struct Reader {
    #[cfg(unix)]
    file: File,
    #[cfg(not(unix))]
    file: std::sync::Mutex<File>,
}

impl Reader {
    #[cfg(unix)]
    fn new(file: File) -> Self {
        Self { file }
    }

    #[cfg(not(unix))]
    fn new(file: File) -> Self {
        Self {
            file: std::sync::Mutex::new(file),
        }
    }

    #[cfg(unix)]
    fn read_exact_at(&self, bytes: &mut [u8], offset: u64) -> std::io::Result<()> {
        std::os::unix::fs::FileExt::read_exact_at(&self.file, bytes, offset)
    }

    #[cfg(not(unix))]
    fn read_exact_at(&self, bytes: &mut [u8], offset: u64) -> std::io::Result<()> {
        use std::io::{Read as _, Seek as _, SeekFrom};
        let mut file = self
            .file
            .lock()
            .map_err(|_| std::io::Error::other("a reader of the store failed"))?;
        file.seek(SeekFrom::Start(offset))?;
        file.read_exact(bytes)
    }
}

/// A document as the stores keep it, with `beside` (its cleaning, or
/// `()`): the length of its text, the text as it is, then the rest of the
/// document and `beside` as JSON. The text is most of the bytes, and as a
/// JSON string it would be escaped on the way in and searched for escapes
/// on the way out.
pub(crate) fn document_bytes<T: Serialize>(
    document: &mut Document,
    beside: &T,
) -> serde_json::Result<Vec<u8>> {
    let text = std::mem::take(&mut document.text);
    let mut bytes = Vec::with_capacity(TEXT_LENGTH + text.len() + 1024);
    bytes.extend_from_slice(&(text.len() as u64).to_le_bytes());
    bytes.extend_from_slice(text.as_bytes());
    let written = serde_json::to_writer(&mut bytes, &(&*document, beside));
    document.text = text;
    written.map(|()| bytes)
}

/// The document and what is beside it, from the JSON [`document_bytes`]
/// wrote, with its text.
fn with_text<T: DeserializeOwned>(json: &[u8], text: &str) -> std::io::Result<(Document, T)> {
    let (mut document, beside): (Document, T) =
        serde_json::from_slice(json).map_err(std::io::Error::other)?;
    text.clone_into(&mut document.text);
    Ok((document, beside))
}

/// The little-endian number of `N` bytes at `at` of `bytes`, if they hold
/// that many.
fn number_at<const N: usize>(bytes: &[u8], at: usize) -> Option<[u8; N]> {
    bytes.get(at..at.checked_add(N)?)?.try_into().ok()
}

/// Bytes of the text's length at the start of [`document_bytes`].
const TEXT_LENGTH: usize = 8;

/// What [`document_bytes`] wrote.
fn document_from_bytes<T: DeserializeOwned>(bytes: &[u8]) -> std::io::Result<(Document, T)> {
    let (text, rest) = text_and_rest(bytes)?;
    with_text(rest, text)
}

/// The text [`document_bytes`] wrote first, and the bytes after it.
fn text_and_rest(bytes: &[u8]) -> std::io::Result<(&str, &[u8])> {
    let broken = || std::io::Error::other("a stored document is cut short");
    let length = number_at::<TEXT_LENGTH>(bytes, 0)
        .map(u64::from_le_bytes)
        .and_then(|length| usize::try_from(length).ok())
        .ok_or_else(broken)?;
    let end = TEXT_LENGTH.checked_add(length).ok_or_else(broken)?;
    let text = bytes.get(TEXT_LENGTH..end).ok_or_else(broken)?;
    let text = std::str::from_utf8(text).map_err(std::io::Error::other)?;
    Ok((text, &bytes[end..]))
}

/// Documents with their cleaning, by number. Cleaning leaves a
/// document's text as it was read, so the text stays where reading stored
/// it ([`document_bytes`]) and only the rest is written again: written
/// whole, the text was a third of the bytes a run wrote to disk.
#[derive(Debug)]
pub(crate) struct Cleanings {
    /// The store reading wrote, by the reading's own keys.
    read: Store,
    /// By document number: the reading's key of the document, then the
    /// document but its text and its cleaning, as [`cleaning_bytes`]
    /// writes them.
    cleanings: Store,
}

impl Cleanings {
    /// `cleanings`, by document number as [`cleaning_bytes`] writes them,
    /// with `read`, the store of the texts they name.
    pub(crate) fn new(read: Store, cleanings: Store) -> Self {
        Self { read, cleanings }
    }

    /// Document `number` with its cleaning.
    pub(crate) fn get_document(&self, number: u32) -> std::io::Result<(Document, CleanDocument)> {
        let bytes = self.cleanings.get_bytes(number)?;
        let key = number_at(&bytes, 0)
            .map(u32::from_le_bytes)
            .ok_or_else(cut_short)?;
        let length = number_at(&bytes, 4)
            .map(u64::from_le_bytes)
            .ok_or_else(cut_short)?;
        let json_end = number_at(&bytes, 12)
            .map(u64::from_le_bytes)
            .and_then(|json_length| usize::try_from(json_length).ok())
            .and_then(|json_length| CLEANING_HEAD.checked_add(json_length))
            .ok_or_else(cut_short)?;
        let json = bytes.get(CLEANING_HEAD..json_end).ok_or_else(cut_short)?;
        let read = self.read.get_bytes(key)?;
        let (text, _) = text_and_rest(&read)?;
        if text.len() as u64 != length {
            return Err(std::io::Error::other(
                "a stored cleaning is not of the text read",
            ));
        }
        let mut document: Document = serde_json::from_slice(json).map_err(std::io::Error::other)?;
        text.clone_into(&mut document.text);
        let clean = read_cleaning(&bytes[json_end..])?;
        Ok((document, clean))
    }
}

fn cut_short() -> std::io::Error {
    std::io::Error::other("a stored cleaning is cut short")
}

/// Bytes at the start of [`cleaning_bytes`]: the reading's key, the
/// text's length and the length of the document's JSON.
const CLEANING_HEAD: usize = 20;

/// A document read under `key` of the reading's store, as [`Cleanings`]
/// keep it with its cleaning: the key and the length of the text (which
/// must be the text read, and is checked by its length when read back),
/// the document but its text as JSON (its length first), then the
/// cleaning as [`write_cleaning`] writes it.
pub(crate) fn cleaning_bytes(
    key: u32,
    document: &mut Document,
    clean: &CleanDocument,
) -> serde_json::Result<Vec<u8>> {
    let text = std::mem::take(&mut document.text);
    let mut bytes = Vec::with_capacity(CLEANING_HEAD + 1024);
    bytes.extend_from_slice(&key.to_le_bytes());
    bytes.extend_from_slice(&(text.len() as u64).to_le_bytes());
    bytes.extend_from_slice(&[0; 8]);
    let written = serde_json::to_writer(&mut bytes, &*document);
    document.text = text;
    written?;
    let json_length = (bytes.len() - CLEANING_HEAD) as u64;
    bytes[12..CLEANING_HEAD].copy_from_slice(&json_length.to_le_bytes());
    write_cleaning(clean, &mut bytes);
    Ok(bytes)
}

/// A cleaning as the store keeps it: the distinct reasons (how many, then
/// each as its length and its UTF-8), the segments (how many, then each as
/// its start, end, kind and the number of its reason), the paragraphs (how
/// many, then each as its start and end); little-endian numbers of eight
/// bytes, but a kind, one byte (its place in [`SegmentKind::ALL`]). As JSON
/// a cleaning was most of the bytes of the store and of the time spent
/// reading it back, though most segments give the same few reasons.
fn write_cleaning(clean: &CleanDocument, bytes: &mut Vec<u8>) {
    // Every field is named, so that one added to either type is added here.
    let CleanDocument {
        segments,
        paragraphs,
    } = clean;
    let mut number_of: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
    let mut reasons: Vec<&str> = Vec::new();
    let numbered: Vec<usize> = segments
        .iter()
        .map(|segment| {
            *number_of.entry(&segment.reason).or_insert_with(|| {
                reasons.push(&segment.reason);
                reasons.len() - 1
            })
        })
        .collect();
    put_number(bytes, reasons.len());
    for reason in &reasons {
        put_number(bytes, reason.len());
        bytes.extend_from_slice(reason.as_bytes());
    }
    put_number(bytes, segments.len());
    for (segment, reason) in segments.iter().zip(numbered) {
        let Segment {
            start,
            end,
            kind,
            reason: _,
        } = segment;
        put_number(bytes, *start);
        put_number(bytes, *end);
        let place = SegmentKind::ALL
            .iter()
            .position(|known| known == kind)
            .unwrap_or_default();
        bytes.push(u8::try_from(place).unwrap_or_default());
        put_number(bytes, reason);
    }
    put_number(bytes, paragraphs.len());
    for paragraph in paragraphs {
        put_number(bytes, paragraph.start);
        put_number(bytes, paragraph.end);
    }
}

fn put_number(bytes: &mut Vec<u8>, number: usize) {
    bytes.extend_from_slice(&(number as u64).to_le_bytes());
}

/// The cleaning [`write_cleaning`] wrote at the start of `bytes`.
fn read_cleaning(bytes: &[u8]) -> std::io::Result<CleanDocument> {
    let mut cursor = Cursor { bytes };
    let reasons = (0..cursor.number()?)
        .map(|_| {
            let length = cursor.number()?;
            std::str::from_utf8(cursor.take(length)?)
                .map(str::to_owned)
                .map_err(std::io::Error::other)
        })
        .collect::<std::io::Result<Vec<String>>>()?;
    let segments = (0..cursor.number()?)
        .map(|_| {
            let (start, end) = (cursor.number()?, cursor.number()?);
            let kind = cursor.take(1)?[0];
            let kind = *SegmentKind::ALL
                .get(usize::from(kind))
                .ok_or_else(|| std::io::Error::other("a stored cleaning names no kind"))?;
            let reason = reasons
                .get(cursor.number()?)
                .ok_or_else(|| std::io::Error::other("a stored cleaning names no reason"))?;
            Ok(Segment::new(Span::new(start, end), kind, reason.clone()))
        })
        .collect::<std::io::Result<Vec<Segment>>>()?;
    let paragraphs = (0..cursor.number()?)
        .map(|_| Ok(Span::new(cursor.number()?, cursor.number()?)))
        .collect::<std::io::Result<Vec<Span>>>()?;
    Ok(CleanDocument {
        segments,
        paragraphs,
    })
}

/// The bytes of a stored cleaning not yet read.
struct Cursor<'bytes> {
    bytes: &'bytes [u8],
}

impl<'bytes> Cursor<'bytes> {
    /// The next `count` bytes.
    fn take(&mut self, count: usize) -> std::io::Result<&'bytes [u8]> {
        if count > self.bytes.len() {
            return Err(cut_short());
        }
        let (taken, rest) = self.bytes.split_at(count);
        self.bytes = rest;
        Ok(taken)
    }

    /// The next number.
    fn number(&mut self) -> std::io::Result<usize> {
        let number = u64::from_le_bytes(self.take(8)?.try_into().map_err(std::io::Error::other)?);
        usize::try_from(number).map_err(std::io::Error::other)
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
        let get = |key: u32| -> Option<(String, Vec<u32>)> {
            serde_json::from_slice(&store.find_bytes(key).unwrap()?).ok()
        };
        assert_eq!(get(2), Some(("two".to_owned(), vec![2, 2])));
        assert_eq!(get(7), Some(("seven".to_owned(), vec![7])));
        assert_eq!(get(3), None);
        assert!(store.get_bytes(3).is_err());
    }

    #[test]
    fn documents_come_back_with_what_was_stored_beside_them() {
        let mut document = parallax_ingest::document_from_text(
            "d",
            "d.txt",
            "Headline\n\n\"Quoted\" text\\ with \u{1} and ünïcode.\r\n",
        );
        document.metadata.outlet = Some("Outlet".to_owned());
        let before = document.clone();
        let bytes = document_bytes(&mut document, &vec![1_u32, 2]).unwrap();
        assert_eq!(document, before);
        let (back, beside) = document_from_bytes::<Vec<u32>>(&bytes).unwrap();
        assert_eq!(back, before);
        assert_eq!(beside, [1, 2]);
        let mut store = Store::new().unwrap();
        store.put_bytes(4, &bytes).unwrap();
        store.flush().unwrap();
        assert_eq!(store.get_document::<Vec<u32>>(4).unwrap().0, before);
        // Cut short anywhere, it is an error, not a panic.
        for end in 0..bytes.len() {
            assert!(document_from_bytes::<Vec<u32>>(&bytes[..end]).is_err());
        }
    }

    /// A cleaning with segments of several kinds, reasons repeated and
    /// not, one beyond ASCII, and paragraphs.
    fn cleaning(number: u32) -> CleanDocument {
        CleanDocument {
            segments: vec![
                Segment::new(Span::new(0, 8), SegmentKind::Title, "headline"),
                Segment::new(Span::new(10, 20), SegmentKind::Body, "body text"),
                Segment::new(Span::new(21, 30), SegmentKind::Body, "body text"),
                Segment::new(
                    Span::new(31, 40),
                    SegmentKind::Boilerplate,
                    format!("seen in {number} pages of « Outlet »"),
                ),
                Segment::new(Span::new(41, 50), SegmentKind::Duplicate, "body text"),
            ],
            paragraphs: vec![Span::new(10, 30), Span::new(41, 50)],
        }
    }

    #[test]
    fn cleanings_come_back_with_the_text_reading_stored() {
        let mut read = Store::new().unwrap();
        let mut documents = Vec::new();
        for (key, text) in ["First text.\n", "Second, \"quoted\" ünïcode.\r\n"]
            .into_iter()
            .enumerate()
        {
            let mut document = parallax_ingest::document_from_text("d", "d.txt", text);
            let key = u32::try_from(key).unwrap();
            read.put_bytes(key, &document_bytes(&mut document, &()).unwrap())
                .unwrap();
            documents.push(document);
        }
        read.flush().unwrap();
        let mut cleanings = Store::new().unwrap();
        // Numbered in another order than read, and retitled.
        for (number, key) in [(7_u32, 1_u32), (3, 0)] {
            let document = &mut documents[key as usize];
            document.metadata.title = Some(format!("Title {number}"));
            let before = document.clone();
            let bytes = cleaning_bytes(key, document, &cleaning(number)).unwrap();
            assert_eq!(*document, before);
            assert!(!bytes.windows(5).any(|window| window == b"text."));
            cleanings.put_bytes(number, &bytes).unwrap();
        }
        cleanings.flush().unwrap();
        let cleanings = Cleanings::new(read, cleanings);
        for (number, key) in [(7_u32, 1_usize), (3, 0)] {
            let (document, clean) = cleanings.get_document(number).unwrap();
            assert_eq!(document, documents[key]);
            assert_eq!(clean, cleaning(number));
        }
        assert!(cleanings.get_document(1).is_err());
    }

    /// Issue 21: a cleaning is kept in a binary form; it comes back as it
    /// was, each reason written once, and cut short anywhere it is an
    /// error, not a panic.
    #[test]
    fn a_cleaning_comes_back_from_its_bytes() {
        let clean = cleaning(4);
        let mut bytes = Vec::new();
        write_cleaning(&clean, &mut bytes);
        assert_eq!(read_cleaning(&bytes).unwrap(), clean);
        let written = |reason: &str| {
            bytes
                .windows(reason.len())
                .filter(|window| *window == reason.as_bytes())
                .count()
        };
        assert_eq!((written("body text"), written("headline")), (1, 1));
        for end in 0..bytes.len() {
            assert!(read_cleaning(&bytes[..end]).is_err(), "{end}");
        }
        let empty = CleanDocument {
            segments: Vec::new(),
            paragraphs: Vec::new(),
        };
        let mut bytes = Vec::new();
        write_cleaning(&empty, &mut bytes);
        assert_eq!(read_cleaning(&bytes).unwrap(), empty);
        // A count far beyond the bytes that follow ends at the first thing
        // missing.
        let mut huge = Vec::new();
        put_number(&mut huge, usize::MAX / 2);
        assert!(read_cleaning(&huge).is_err());
    }
}
