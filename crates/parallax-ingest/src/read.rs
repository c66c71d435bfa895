//! Reading one input into documents: a text or HTML file is one document,
//! a JSON or JSON Lines corpus one per good record.

use crate::ids::make_ids_unique;
use crate::records;
use crate::{IngestError, Input, Note, decode, discover, normalize_iso, sniff};
use parallax_core::{Document, Evidence, OffsetBase, Provenance, Source, SourceFormat};
use std::io::Read as _;
use std::path::{Path, PathBuf};

/// What [`load`] and [`read`] produce: documents, and what was set aside.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Loaded {
    pub documents: Vec<Document>,
    pub notes: Vec<Note>,
}

/// Finds, reads and names every document under `paths`.
pub fn load(paths: &[PathBuf]) -> Result<Loaded, IngestError> {
    load_within(paths, crate::DEFAULT_MAX_DOCUMENT_BYTES)
}

/// [`load`], holding at most `max_bytes` of any one input at once (see
/// [`Input::max_bytes`]).
pub fn load_within(paths: &[PathBuf], max_bytes: u64) -> Result<Loaded, IngestError> {
    let mut discovery = discover(paths)?;
    discovery.limit(max_bytes);
    let mut loaded = Loaded {
        documents: Vec::new(),
        notes: discovery.notes,
    };
    for input in &discovery.inputs {
        let read = read(input)?;
        loaded.documents.extend(read.documents);
        loaded.notes.extend(read.notes);
    }
    make_ids_unique(&mut loaded.documents);
    Ok(loaded)
}

/// The file's bytes, inflated when it is gzip, and never more than
/// [`Input::max_bytes`] of them: past that the file is refused before the
/// rest is read or inflated.
fn read_bytes(input: &Input) -> Result<Vec<u8>, IngestError> {
    let path = input.display.clone();
    let unreadable = |source| IngestError::Unreadable {
        path: path.clone(),
        source,
    };
    let file = std::fs::File::open(&input.path).map_err(unreadable)?;
    let too_large = || IngestError::TooLarge {
        path: path.clone(),
        limit: input.max_bytes,
        gzip: input.gzip,
    };
    // One byte past the limit tells a file at the limit from one over it.
    let within = input.max_bytes.saturating_add(1);
    let mut bytes = Vec::new();
    if input.gzip {
        flate2::read::MultiGzDecoder::new(std::io::BufReader::new(file))
            .take(within)
            .read_to_end(&mut bytes)
            .map_err(|error| IngestError::Gzip {
                path: path.clone(),
                reason: error.to_string(),
            })?;
    } else {
        let size = file.metadata().map_err(unreadable)?.len();
        if size > input.max_bytes {
            return Err(too_large());
        }
        file.take(within)
            .read_to_end(&mut bytes)
            .map_err(unreadable)?;
    }
    if bytes.len() as u64 > input.max_bytes {
        return Err(too_large());
    }
    Ok(bytes)
}

/// The id of a document read from `path`: the file stem, without `.gz`
/// and the format's extension.
pub(crate) fn stem_of(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let stem = Path::new(name)
        .file_stem()
        .map_or_else(String::new, |stem| stem.to_string_lossy().into_owned());
    if stem.is_empty() {
        "document".to_owned()
    } else {
        stem
    }
}

/// Builds a document from text you already hold, sniffing its metadata.
#[must_use]
pub fn document_from_text(id: &str, path: &str, text: &str) -> Document {
    let (metadata, found) = sniff(text);
    Document {
        id: id.to_owned(),
        path: path.to_owned(),
        path_escaped: None,
        text: text.to_owned(),
        metadata,
        found,
        source: Source::plain_text(),
    }
}

/// Reads the documents of one input: one for a text or HTML file, one per
/// good record of a JSON corpus (bad records become notes). Ids are file
/// stems (record ids or `stem:line` for records); [`load`] makes them
/// unique across a run.
pub fn read(input: &Input) -> Result<Loaded, IngestError> {
    let path = input.display.clone();
    let bytes = read_bytes(input)?;
    let declared = match input.format {
        SourceFormat::Html => parallax_html::declared_encoding(&bytes),
        _ => None,
    };
    let decoded = decode(&path, &bytes, declared)?;
    let source = Source {
        format: input.format,
        encoding: decoded.encoding.name().to_owned(),
        byte_order_mark: decoded.byte_order_mark,
        gzip: input.gzip,
        record: None,
        offsets: if decoded.is_file_bytes() && !input.gzip {
            OffsetBase::File
        } else {
            OffsetBase::DecodedText
        },
    };
    let stem = stem_of(&input.path);
    let mut loaded = Loaded::default();
    match input.format {
        SourceFormat::Text => {
            let mut document = document_from_text(&stem, &path, &decoded.text);
            document.source = source;
            loaded.documents.push(document);
        }
        SourceFormat::Html => {
            let page =
                parallax_html::extract(&decoded.text, None).map_err(|error| IngestError::Html {
                    path: path.clone(),
                    reason: error.to_string(),
                })?;
            let mut document = document_from_text(&stem, &path, &page.text);
            if page
                .found
                .iter()
                .any(|found| found.evidence == Evidence::Title)
            {
                document
                    .found
                    .retain(|found| found.evidence != Evidence::Title);
                document.found.extend(page.found);
                document.found.sort_by_key(|found| found.span.start);
            }
            let mut markup = page.metadata;
            // Pages write dates in every ISO 8601 variant; keep one form.
            for date in [&mut markup.published, &mut markup.modified] {
                if let Some(value) = date.as_deref() {
                    *date = normalize_iso(value).or_else(|| Some(value.to_owned()));
                }
            }
            document.metadata.overlay(&markup);
            document.source = Source {
                offsets: OffsetBase::ExtractedText,
                ..source
            };
            loaded.documents.push(document);
        }
        SourceFormat::Jsonl | SourceFormat::Json => {
            let (articles, notes) = if input.format == SourceFormat::Jsonl {
                records::json_lines(&path, &decoded.text)
            } else {
                records::json(&path, &decoded.text).map_err(|reason| IngestError::Json {
                    path: path.clone(),
                    reason,
                })?
            };
            if articles.is_empty() {
                return Err(IngestError::no_records(path, &notes));
            }
            loaded.notes = notes;
            for article in articles {
                loaded
                    .documents
                    .push(record_document(&stem, &path, &article, &source));
            }
        }
    }
    let path_escaped = escaped_path(&input.path);
    for document in &mut loaded.documents {
        if let Some(entry) = &input.manifest {
            entry.apply(&mut document.metadata);
        }
        document.path_escaped.clone_from(&path_escaped);
    }
    Ok(loaded)
}

/// A path whose bytes are not all UTF-8, written losslessly: valid text as
/// it is, each byte of an invalid sequence as `\xHH`, a backslash as `\\`.
/// `None` for a path that is UTF-8, which its display form already keeps.
#[cfg(unix)]
pub(crate) fn escaped_path(path: &Path) -> Option<String> {
    use std::fmt::Write as _;
    use std::os::unix::ffi::OsStrExt as _;
    let bytes = path.as_os_str().as_bytes();
    if std::str::from_utf8(bytes).is_ok() {
        return None;
    }
    let mut escaped = String::new();
    for chunk in bytes.utf8_chunks() {
        escaped.push_str(&chunk.valid().replace('\\', "\\\\"));
        for byte in chunk.invalid() {
            let _ = write!(escaped, "\\x{byte:02X}");
        }
    }
    Some(escaped)
}

/// Elsewhere a path that is not Unicode cannot be named here; its display
/// form is all there is.
#[cfg(not(unix))]
pub(crate) fn escaped_path(_path: &Path) -> Option<String> {
    None
}

/// The document of one corpus record.
pub(crate) fn record_document(
    stem: &str,
    path: &str,
    article: &records::Article,
    source: &Source,
) -> Document {
    let id = article
        .id
        .clone()
        .unwrap_or_else(|| format!("{stem}:{}", article.position));
    let mut document = document_from_text(&id, path, &article.text);
    document.metadata.overlay(&article.metadata);
    document.source = Source {
        record: Some(article.position),
        offsets: OffsetBase::RecordText,
        ..source.clone()
    };
    document
}

/// Records that a metadata field came from `provenance`.
pub(crate) fn mark(metadata: &mut parallax_core::Metadata, field: &str, provenance: Provenance) {
    metadata.provenance.insert(field.to_owned(), provenance);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_path_that_is_not_utf8_is_escaped_losslessly() {
        use std::os::unix::ffi::OsStrExt as _;
        let path = |bytes: &[u8]| Path::new(std::ffi::OsStr::from_bytes(bytes)).to_path_buf();
        assert_eq!(escaped_path(&path("plain/über.txt".as_bytes())), None);
        assert_eq!(
            escaped_path(&path(b"a\\b/\xff\xc3.txt")).as_deref(),
            Some("a\\\\b/\\xFF\\xC3.txt")
        );
    }

    #[test]
    fn same_stems_get_distinct_ids() {
        let directory = tempfile::tempdir().unwrap();
        for folder in ["x", "y"] {
            std::fs::create_dir(directory.path().join(folder)).unwrap();
            std::fs::write(
                directory.path().join(folder).join("story.txt"),
                "Text here.",
            )
            .unwrap();
        }
        let documents = load(&[directory.path().to_path_buf()]).unwrap().documents;
        let ids: Vec<&str> = documents
            .iter()
            .map(|document| document.id.as_str())
            .collect();
        assert_eq!(ids, ["story", "story-2"]);
    }

    #[test]
    fn offsets_say_what_they_count() {
        let directory = tempfile::tempdir().unwrap();
        let plain = directory.path().join("plain.txt");
        std::fs::write(&plain, "Plain text.").unwrap();
        let marked = directory.path().join("marked.txt");
        std::fs::write(&marked, b"\xEF\xBB\xBFMarked text.").unwrap();
        let packed = directory.path().join("packed.txt.gz");
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut encoder, b"Packed text.").unwrap();
        std::fs::write(&packed, encoder.finish().unwrap()).unwrap();
        let loaded = load(&[plain, marked, packed]).unwrap();
        let sources: Vec<(&str, &str, OffsetBase, bool, bool)> = loaded
            .documents
            .iter()
            .map(|document| {
                (
                    document.text.as_str(),
                    document.source.encoding.as_str(),
                    document.source.offsets,
                    document.source.byte_order_mark,
                    document.source.gzip,
                )
            })
            .collect();
        assert_eq!(
            sources,
            [
                ("Plain text.", "UTF-8", OffsetBase::File, false, false),
                (
                    "Marked text.",
                    "UTF-8",
                    OffsetBase::DecodedText,
                    true,
                    false
                ),
                (
                    "Packed text.",
                    "UTF-8",
                    OffsetBase::DecodedText,
                    false,
                    true
                ),
            ]
        );
    }

    #[test]
    fn a_corpus_without_one_good_record_is_an_error_that_says_why() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("feed.jsonl");
        std::fs::write(&path, "{\"text\": 5}\n{\"title\": \"x\"}\n").unwrap();
        let error = load(&[path])
            .unwrap_err()
            .to_string()
            .replace(&format!("{}/", directory.path().display()), "");
        assert_eq!(
            error,
            "feed.jsonl: no readable article records (2 skipped; the first, \
             feed.jsonl:1: \"text\" is not a string)"
        );
    }

    #[test]
    fn a_corrupt_gzip_file_is_named() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("page.html.gz");
        std::fs::write(&path, b"\x1f\x8bnot really gzip").unwrap();
        let error = load(&[path]).unwrap_err().to_string();
        assert!(
            error.contains("page.html.gz: not a valid gzip file"),
            "{error}"
        );
    }
}
