//! Reading news documents: files and directories in, [`Document`]s out, each
//! with the metadata parallax could read from it and where it read it.
//!
//! ```no_run
//! use std::path::PathBuf;
//!
//! let documents = parallax_ingest::load(&[PathBuf::from("fixtures/security-guarantees")])?;
//! for document in &documents {
//!     println!("{} {:?}", document.id, document.metadata.outlet);
//! }
//! # Ok::<(), parallax_ingest::IngestError>(())
//! ```
//!
//! - [`load`] is what the command line uses: it finds the documents under the
//!   given paths ([`discover`]), reads each ([`read`]), and gives every one a
//!   unique id.
//! - A directory may hold a `manifest.toml` ([`Manifest`]) naming each file's
//!   outlet, language and date; what it says overrides what is sniffed.
//! - [`sniff`] alone reads metadata from a text you already hold.
//!
//! Ingest never decides what is boilerplate; it only reports what it found
//! and where ([`parallax_core::Found`]), and the cleaner labels it.

mod manifest;
mod sniff;

pub use manifest::{MANIFEST_FILE, Manifest, ManifestEntry};
pub use sniff::sniff;

use parallax_core::{Document, Provenance};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Why a path could not be read as a document. Every variant names the file.
#[derive(Debug, Error)]
pub enum IngestError {
    #[error("{path}: no such file or directory")]
    NotFound { path: String },
    #[error("{path}: cannot read: {source}")]
    Unreadable {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: the file is empty")]
    Empty { path: String },
    #[error("{path}: the file holds only whitespace")]
    Blank { path: String },
    #[error("{path}: looks like a binary file (NUL byte at offset {offset})")]
    Binary { path: String, offset: usize },
    #[error("{path}: not valid UTF-8 (invalid byte at offset {offset})")]
    InvalidUtf8 { path: String, offset: usize },
    #[error("{path}: {format} input is not supported yet; give plain text (.txt)")]
    Unsupported { path: String, format: String },
    #[error("{path}: no text documents (.txt) found in this directory")]
    NoDocuments { path: String },
    #[error("{path}: cannot walk the directory: {reason}")]
    Walk { path: String, reason: String },
    #[error("{path}: bad manifest: {reason}")]
    Manifest { path: String, reason: String },
}

/// File extensions read as plain-text documents when walking a directory.
const TEXT_EXTENSIONS: &[&str] = &["txt", "text"];
/// Extensions recognised as documents in formats this version cannot read
/// yet; naming them is kinder than skipping them silently.
const UNSUPPORTED_EXTENSIONS: &[(&str, &str)] = &[
    ("html", "HTML"),
    ("htm", "HTML"),
    ("jsonl", "JSON Lines"),
    ("warc", "WARC"),
    ("gz", "compressed"),
];

/// A document to read: where it is, how to name it, and what a manifest says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub path: PathBuf,
    /// The path as the user gave it, or as found under a directory they gave.
    pub display: String,
    pub manifest: Option<ManifestEntry>,
}

/// Finds the documents named by `paths`: files as given, directories walked
/// in sorted order (so every run sees the same order). A `manifest.toml` at
/// the top of a given directory applies to the files under it.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<Input>, IngestError> {
    let mut inputs = Vec::new();
    for path in paths {
        let display = path.display().to_string();
        let metadata = std::fs::metadata(path).map_err(|source| match source.kind() {
            std::io::ErrorKind::NotFound => IngestError::NotFound {
                path: display.clone(),
            },
            _ => IngestError::Unreadable {
                path: display.clone(),
                source,
            },
        })?;
        if metadata.is_dir() {
            inputs.extend(walk(path)?);
        } else {
            reject_unsupported(path)?;
            inputs.push(Input {
                path: path.clone(),
                display,
                manifest: None,
            });
        }
    }
    Ok(inputs)
}

fn walk(directory: &Path) -> Result<Vec<Input>, IngestError> {
    let display = directory.display().to_string();
    let manifest_path = directory.join(MANIFEST_FILE);
    let manifest = if manifest_path.is_file() {
        Some(Manifest::read(&manifest_path)?)
    } else {
        None
    };
    let mut inputs = Vec::new();
    let walker = walkdir::WalkDir::new(directory)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.')
        });
    for entry in walker {
        let entry = entry.map_err(|error| IngestError::Walk {
            path: error
                .path()
                .map_or_else(|| display.clone(), |path| path.display().to_string()),
            reason: if error.loop_ancestor().is_some() {
                "symbolic link loop".to_owned()
            } else {
                error
                    .io_error()
                    .map_or_else(|| error.to_string(), ToString::to_string)
            },
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let extension = extension_of(entry.path());
        if !TEXT_EXTENSIONS.contains(&extension.as_str()) {
            continue;
        }
        let relative = entry
            .path()
            .strip_prefix(directory)
            .unwrap_or(entry.path())
            .to_path_buf();
        inputs.push(Input {
            path: entry.path().to_path_buf(),
            display: entry.path().display().to_string(),
            manifest: manifest
                .as_ref()
                .and_then(|manifest| manifest.entry(&relative).cloned()),
        });
    }
    if let Some(manifest) = &manifest {
        manifest.check_covers(&inputs, directory)?;
    }
    if inputs.is_empty() {
        return Err(IngestError::NoDocuments { path: display });
    }
    Ok(inputs)
}

fn extension_of(path: &Path) -> String {
    path.extension()
        .map(|extension| extension.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

fn reject_unsupported(path: &Path) -> Result<(), IngestError> {
    let extension = extension_of(path);
    match UNSUPPORTED_EXTENSIONS
        .iter()
        .find(|(known, _)| *known == extension)
    {
        Some((_, format)) => Err(IngestError::Unsupported {
            path: path.display().to_string(),
            format: (*format).to_owned(),
        }),
        None => Ok(()),
    }
}

/// Reads one document, refusing what is not text, and sniffs its metadata.
/// The id is the file stem; [`load`] makes ids unique across a run.
pub fn read(input: &Input) -> Result<Document, IngestError> {
    let path = input.display.clone();
    let bytes = std::fs::read(&input.path).map_err(|source| IngestError::Unreadable {
        path: path.clone(),
        source,
    })?;
    let text = decode(&path, bytes)?;
    let (mut metadata, found) = sniff(&text);
    if let Some(entry) = &input.manifest {
        entry.apply(&mut metadata);
    }
    let id = input.path.file_stem().map_or_else(
        || "document".to_owned(),
        |stem| stem.to_string_lossy().into_owned(),
    );
    Ok(Document {
        id,
        path,
        text,
        metadata,
        found,
    })
}

/// Checks that the bytes are text parallax can cite by offset: not empty, no
/// NUL bytes, valid UTF-8.
pub fn decode(path: &str, bytes: Vec<u8>) -> Result<String, IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty {
            path: path.to_owned(),
        });
    }
    if let Some(offset) = bytes.iter().position(|&byte| byte == 0) {
        return Err(IngestError::Binary {
            path: path.to_owned(),
            offset,
        });
    }
    let text = String::from_utf8(bytes).map_err(|error| IngestError::InvalidUtf8 {
        path: path.to_owned(),
        offset: error.utf8_error().valid_up_to(),
    })?;
    if text.trim().is_empty() {
        return Err(IngestError::Blank {
            path: path.to_owned(),
        });
    }
    Ok(text)
}

/// Finds, reads and names every document under `paths`.
pub fn load(paths: &[PathBuf]) -> Result<Vec<Document>, IngestError> {
    let inputs = discover(paths)?;
    let mut documents = inputs.iter().map(read).collect::<Result<Vec<_>, _>>()?;
    make_ids_unique(&mut documents);
    Ok(documents)
}

/// Two files with the same stem in different folders get `-2`, `-3`… in the
/// order they were given, so ids stay stable across runs.
fn make_ids_unique(documents: &mut [Document]) {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for document in documents {
        let count = seen.entry(document.id.clone()).or_insert(0);
        *count += 1;
        if *count > 1 {
            document.id = format!("{}-{count}", document.id);
        }
    }
}

/// Records that a metadata field came from `provenance`.
pub(crate) fn mark(metadata: &mut parallax_core::Metadata, field: &str, provenance: Provenance) {
    metadata.provenance.insert(field.to_owned(), provenance);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_refuses_what_cannot_be_cited_by_offset() {
        assert!(matches!(
            decode("f", Vec::new()),
            Err(IngestError::Empty { .. })
        ));
        assert!(matches!(
            decode("f", b" \n\t\r\n".to_vec()),
            Err(IngestError::Blank { .. })
        ));
        assert!(matches!(
            decode("f", b"ab\0cd".to_vec()),
            Err(IngestError::Binary { offset: 2, .. })
        ));
        let error = decode("dir/f.txt", b"caf\xc3".to_vec()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "dir/f.txt: not valid UTF-8 (invalid byte at offset 3)"
        );
        assert_eq!(decode("f", "Grüße\r\n".into()).unwrap(), "Grüße\r\n");
    }

    #[test]
    fn walking_is_sorted_skips_hidden_and_non_text() {
        let directory = tempfile::tempdir().unwrap();
        for name in ["b.txt", "a.txt", ".hidden.txt", "notes.csv"] {
            std::fs::write(directory.path().join(name), "Some text.").unwrap();
        }
        std::fs::create_dir(directory.path().join("sub")).unwrap();
        std::fs::write(directory.path().join("sub/c.txt"), "More text.").unwrap();
        let inputs = discover(&[directory.path().to_path_buf()]).unwrap();
        let names: Vec<String> = inputs
            .iter()
            .map(|input| {
                input
                    .path
                    .strip_prefix(directory.path())
                    .unwrap()
                    .display()
                    .to_string()
            })
            .collect();
        assert_eq!(names, ["a.txt", "b.txt", "sub/c.txt"]);
    }

    #[test]
    fn an_empty_directory_is_an_error_naming_it() {
        let directory = tempfile::tempdir().unwrap();
        std::fs::write(directory.path().join("data.csv"), "a,b").unwrap();
        let error = discover(&[directory.path().to_path_buf()]).unwrap_err();
        assert!(matches!(error, IngestError::NoDocuments { .. }), "{error}");
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
        let documents = load(&[directory.path().to_path_buf()]).unwrap();
        let ids: Vec<&str> = documents
            .iter()
            .map(|document| document.id.as_str())
            .collect();
        assert_eq!(ids, ["story", "story-2"]);
    }

    #[test]
    fn html_given_by_name_is_refused_with_the_reason() {
        let directory = tempfile::tempdir().unwrap();
        let page = directory.path().join("page.html");
        std::fs::write(&page, "<p>Hi</p>").unwrap();
        let error = discover(&[page]).unwrap_err().to_string();
        assert!(
            error.ends_with("page.html: HTML input is not supported yet; give plain text (.txt)"),
            "{error}"
        );
    }
}
