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
    let discovery = discover(paths)?;
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

fn read_bytes(input: &Input) -> Result<Vec<u8>, IngestError> {
    let path = input.display.clone();
    let bytes = std::fs::read(&input.path).map_err(|source| IngestError::Unreadable {
        path: path.clone(),
        source,
    })?;
    if !input.gzip {
        return Ok(bytes);
    }
    let mut inflated = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes.as_slice())
        .read_to_end(&mut inflated)
        .map_err(|error| IngestError::Gzip {
            path,
            reason: error.to_string(),
        })?;
    Ok(inflated)
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
                let reason = match notes.first() {
                    Some(first) => format!(
                        "{} skipped; the first, {}: {}",
                        notes.len(),
                        first.location,
                        first.message.trim_start_matches("record skipped: ")
                    ),
                    None => "the file holds no records".to_owned(),
                };
                return Err(IngestError::NoRecords { path, reason });
            }
            loaded.notes = notes;
            for article in articles {
                loaded
                    .documents
                    .push(record_document(&stem, &path, &article, &source));
            }
        }
    }
    if let Some(entry) = &input.manifest {
        for document in &mut loaded.documents {
            entry.apply(&mut document.metadata);
        }
    }
    Ok(loaded)
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
