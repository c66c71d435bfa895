//! Reading news documents: files and directories in, [`Document`]s out, each
//! with the metadata parallax could read from it and where it read it.
//!
//! ```no_run
//! use std::path::PathBuf;
//!
//! let loaded = parallax_ingest::load(&[PathBuf::from("fixtures/security-guarantees")])?;
//! for document in &loaded.documents {
//!     println!("{} {:?} {:?}", document.id, document.metadata.outlet, document.source.format);
//! }
//! for note in &loaded.notes {
//!     eprintln!("{note}"); // skipped files and bad records
//! }
//! # Ok::<(), parallax_ingest::IngestError>(())
//! ```
//!
//! - [`load`] is what the command line uses: it finds the documents under the
//!   given paths ([`discover`]), reads each ([`read`]), and gives every one a
//!   unique id.
//! - Formats, by extension: `.txt`/`.text` (UTF-8, UTF-8 or UTF-16 with a
//!   byte-order mark, legacy encodings such as Windows-1252 detected),
//!   `.html`/`.htm` (the article is extracted; see `parallax-html`),
//!   `.jsonl`/`.ndjson` and `.json` (one article per record), each optionally
//!   gzip-compressed (`page.html.gz`). [`Document::source`] says which, and
//!   what the offsets count.
//! - A directory may hold a `manifest.toml` ([`Manifest`]) naming each file's
//!   outlet, language and date; what it says overrides what is sniffed.
//! - [`sniff`] alone reads metadata from a text you already hold;
//!   [`document_from_text`] builds a whole [`Document`] from one.
//!
//! Ingest never decides what is boilerplate; it only reports what it found
//! and where ([`parallax_core::Found`]), and the cleaner labels it.

mod decode;
mod manifest;
mod records;
mod sniff;

pub use decode::{Decoded, decode};
pub use manifest::{MANIFEST_FILE, Manifest, ManifestEntry};
pub use sniff::{normalize_iso, retitle, sniff};

use parallax_core::{Document, Evidence, OffsetBase, Provenance, Source, SourceFormat};
use std::collections::BTreeMap;
use std::fmt;
use std::io::Read as _;
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
    #[error("{path}: not valid {encoding} text")]
    Malformed {
        path: String,
        encoding: &'static str,
    },
    #[error("{path}: not a valid gzip file: {reason}")]
    Gzip { path: String, reason: String },
    #[error("{path}: {reason}")]
    Html { path: String, reason: String },
    #[error("{path}: {reason}")]
    Json { path: String, reason: String },
    #[error("{path}: no readable article records ({reason})")]
    NoRecords { path: String, reason: String },
    #[error("{path}: {format} input is not supported yet; give text, HTML, JSON Lines or JSON")]
    Unsupported { path: String, format: String },
    #[error("{path}: no documents (.txt, .html, .jsonl, .json) found in this directory")]
    NoDocuments { path: String },
    #[error("{path}: cannot read: {reason}")]
    Walk { path: String, reason: String },
    #[error("{path}: bad manifest: {reason}")]
    Manifest { path: String, reason: String },
}

/// Something ingest set aside without failing: a file skipped while walking
/// a directory, or a bad record of a corpus. The command line shows notes on
/// stderr (files skipped while walking only with `--verbose`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The file, with `:line` or `[position]` for a record.
    pub location: String,
    pub message: String,
    /// Whether a user always needs to hear it (a lost record), or only when
    /// asking for detail (a hidden file skipped).
    pub important: bool,
}

impl Note {
    pub(crate) fn new(location: String, message: String) -> Self {
        Self {
            location,
            message,
            important: true,
        }
    }
}

impl fmt::Display for Note {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}: {}", self.location, self.message)
    }
}

/// Extensions parallax reads, and as what.
const FORMATS: &[(&str, SourceFormat)] = &[
    ("txt", SourceFormat::Text),
    ("text", SourceFormat::Text),
    ("html", SourceFormat::Html),
    ("htm", SourceFormat::Html),
    ("xhtml", SourceFormat::Html),
    ("jsonl", SourceFormat::Jsonl),
    ("ndjson", SourceFormat::Jsonl),
    ("json", SourceFormat::Json),
];
/// Extensions recognised as documents in formats this version cannot read
/// yet; naming them is kinder than skipping them silently.
const UNSUPPORTED_EXTENSIONS: &[(&str, &str)] = &[("warc", "WARC")];
/// Files in a corpus directory that belong to parallax itself.
const RESERVED_NAMES: &[(&str, &str)] = &[
    (MANIFEST_FILE, "the folder's manifest"),
    ("expected.json", "a golden result of `parallax check`"),
    ("check.toml", "settings of `parallax check`"),
];

/// A document to read: where it is, how to name it, what format it is in,
/// and what a manifest says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub path: PathBuf,
    /// The path as the user gave it, or as found under a directory they gave.
    pub display: String,
    pub format: SourceFormat,
    pub gzip: bool,
    pub manifest: Option<ManifestEntry>,
}

/// What [`discover`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Discovery {
    pub inputs: Vec<Input>,
    pub notes: Vec<Note>,
}

/// What [`load`] and [`read`] produce: documents, and what was set aside.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Loaded {
    pub documents: Vec<Document>,
    pub notes: Vec<Note>,
}

/// The format of a path, from its extension; `.gz` is looked through.
fn format_of(path: &Path) -> Result<Option<(SourceFormat, bool)>, IngestError> {
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let (name, gzip) = match name.strip_suffix(".gz") {
        Some(inner) => (inner.to_owned(), true),
        None => (name, false),
    };
    let extension = Path::new(&name)
        .extension()
        .map(|extension| extension.to_string_lossy().into_owned())
        .unwrap_or_default();
    if let Some((_, format)) = UNSUPPORTED_EXTENSIONS
        .iter()
        .find(|(known, _)| *known == extension)
    {
        return Err(IngestError::Unsupported {
            path: path.display().to_string(),
            format: (*format).to_owned(),
        });
    }
    Ok(FORMATS
        .iter()
        .find(|(known, _)| *known == extension)
        .map(|(_, format)| (*format, gzip)))
}

/// Finds the documents named by `paths`: files as given (an unknown
/// extension is read as text), directories walked in sorted order (so every
/// run sees the same order). A `manifest.toml` at the top of a given
/// directory applies to the files under it.
pub fn discover(paths: &[PathBuf]) -> Result<Discovery, IngestError> {
    let mut discovery = Discovery::default();
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
            walk(path, &mut discovery)?;
        } else {
            let (format, gzip) = format_of(path)?.unwrap_or((SourceFormat::Text, false));
            discovery.inputs.push(Input {
                path: path.clone(),
                display,
                format,
                gzip,
                manifest: None,
            });
        }
    }
    Ok(discovery)
}

fn walk(directory: &Path, discovery: &mut Discovery) -> Result<(), IngestError> {
    let display = directory.display().to_string();
    let manifest_path = directory.join(MANIFEST_FILE);
    let manifest = if manifest_path.is_file() {
        Some(Manifest::read(&manifest_path)?)
    } else {
        None
    };
    let mut inputs = Vec::new();
    let skip = |discovery: &mut Discovery, path: &Path, why: &str| {
        discovery.notes.push(Note {
            location: path.display().to_string(),
            message: format!("skipped: {why}"),
            important: false,
        });
    };
    let walker = walkdir::WalkDir::new(directory)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    let mut walker = walker;
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(entry) => entry,
            // A link back to a folder the walk is already inside holds
            // nothing the walk will not read anyway: it is noted, not fatal.
            Err(error) if error.loop_ancestor().is_some() => {
                let ancestor = error.loop_ancestor().unwrap_or(directory);
                discovery.notes.push(Note {
                    location: error
                        .path()
                        .map_or_else(|| display.clone(), |path| path.display().to_string()),
                    message: format!("skipped: symbolic link loop back to {}", ancestor.display()),
                    important: true,
                });
                continue;
            }
            Err(error) => {
                let path = error.path();
                let dangling = path
                    .and_then(|path| std::fs::read_link(path).ok())
                    .filter(|_| path.is_some_and(|path| !path.exists()));
                return Err(IngestError::Walk {
                    path: path.map_or_else(|| display.clone(), |path| path.display().to_string()),
                    reason: match dangling {
                        Some(target) => format!(
                            "a symbolic link to {}, which does not exist",
                            target.display()
                        ),
                        None => error
                            .io_error()
                            .map_or_else(|| error.to_string(), ToString::to_string),
                    },
                });
            }
        };
        let name = entry.file_name().to_string_lossy();
        if entry.depth() > 0 && name.starts_with('.') {
            skip(discovery, entry.path(), "hidden");
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        if let Some((_, what)) = RESERVED_NAMES
            .iter()
            .find(|(reserved, _)| *reserved == name)
        {
            skip(discovery, entry.path(), what);
            continue;
        }
        let Some((format, gzip)) = format_of(entry.path())? else {
            skip(discovery, entry.path(), "not a known document format");
            continue;
        };
        let relative = entry
            .path()
            .strip_prefix(directory)
            .unwrap_or(entry.path())
            .to_path_buf();
        inputs.push(Input {
            path: entry.path().to_path_buf(),
            display: entry.path().display().to_string(),
            format,
            gzip,
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
    discovery.inputs.extend(inputs);
    Ok(())
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
fn stem_of(path: &Path) -> String {
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
fn record_document(
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

/// Where a document sits in a run: the number of its input (in
/// [`Discovery::inputs`]) and its record's position in that input (0 for a
/// file that is one document). Sorting by place gives the order [`load`]
/// reads in.
pub type Place = (u32, u32);

/// What reading a [`Unit`] gives, in reading order.
#[derive(Debug)]
pub enum Streamed {
    Document(Place, Box<Document>),
    Note(Place, Note),
}

/// A piece of input [`stream`] found but has not parsed: one line of a JSON
/// Lines file, or one whole file. [`Unit::read`] parses it and needs
/// nothing else from the stream, so units can be read on other threads
/// while the stream goes on.
#[derive(Debug)]
pub struct Unit {
    place: Place,
    kind: UnitKind,
    /// Bytes of input files read since the unit before.
    read_bytes: u64,
}

/// The bytes of input files `stream` will go through: their sizes on disk.
#[must_use]
pub fn input_size(inputs: &[Input]) -> u64 {
    inputs.iter().map(file_size).sum()
}

/// An input's size on disk; 0 when it cannot be read (reading it will say
/// why).
fn file_size(input: &Input) -> u64 {
    std::fs::metadata(&input.path).map_or(0, |metadata| metadata.len())
}

/// A file that counts the bytes read from it.
struct Counting {
    file: std::fs::File,
    count: std::rc::Rc<std::cell::Cell<u64>>,
}

impl std::io::Read for Counting {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        let read = self.file.read(buffer)?;
        self.count.set(self.count.get() + read as u64);
        Ok(read)
    }
}

#[derive(Debug)]
enum UnitKind {
    Line {
        bytes: Vec<u8>,
        context: std::sync::Arc<LineContext>,
    },
    File(Box<Input>),
    Read(Vec<Streamed>),
}

/// What every line of one JSON Lines file shares.
#[derive(Debug)]
struct LineContext {
    stem: String,
    path: String,
    source: Source,
    manifest: Option<ManifestEntry>,
}

impl Unit {
    #[must_use]
    pub fn place(&self) -> Place {
        self.place
    }

    /// The bytes of input files [`stream`] read since it handed over the
    /// unit before, skipped lines included: summed over the units, about
    /// [`input_size`], for a progress bar.
    #[must_use]
    pub fn read_bytes(&self) -> u64 {
        self.read_bytes
    }

    /// Parses the unit: a line gives one document or one note (a bad
    /// record), a file whatever [`read`] gives.
    pub fn read(self) -> Result<Vec<Streamed>, IngestError> {
        let (number, position) = self.place;
        match self.kind {
            UnitKind::Read(read) => Ok(read),
            UnitKind::File(input) => {
                let loaded = read(&input)?;
                let mut read: Vec<Streamed> = loaded
                    .notes
                    .into_iter()
                    .map(|note| Streamed::Note((number, 0), note))
                    .collect();
                read.extend(loaded.documents.into_iter().map(|document| {
                    Streamed::Document((number, position_of(&document)), Box::new(document))
                }));
                Ok(read)
            }
            UnitKind::Line { bytes, context } => {
                let record = std::str::from_utf8(&bytes)
                    .map_err(|error| {
                        format!(
                            "not UTF-8 (JSON Lines are UTF-8) at byte {}",
                            error.valid_up_to()
                        )
                    })
                    .and_then(|text| records::json_line(text, position as usize));
                Ok(vec![match record {
                    Ok(article) => {
                        let mut document = record_document(
                            &context.stem,
                            &context.path,
                            &article,
                            &context.source,
                        );
                        if let Some(entry) = &context.manifest {
                            entry.apply(&mut document.metadata);
                        }
                        Streamed::Document(self.place, Box::new(document))
                    }
                    Err(reason) => Streamed::Note(
                        self.place,
                        Note::new(
                            format!("{}:{position}", context.path),
                            format!("record skipped: {reason}"),
                        ),
                    ),
                }])
            }
        }
    }
}

/// A document's position in its input: its record's, or 0 for a file that
/// is one document.
fn position_of(document: &Document) -> u32 {
    document
        .source
        .record
        .map_or(0, |record| u32::try_from(record).unwrap_or(u32::MAX))
}

/// Goes through `inputs` in order without holding a corpus in memory, and
/// hands each unit `take` accepts to `visit`, unparsed (see [`Unit`]). A
/// JSON Lines file (plain or gzip) is read line by line and shared out by
/// line, so several readers can split one file between them; any other
/// input is one unit, shared out whole, at position 0. Ids are as [`read`]
/// gives them; make them unique across the run with [`unique_ids`].
///
/// A JSON Lines file is read as UTF-8, as JSON requires (a line that is
/// not is a bad record), unless it opens with a UTF-16 byte-order mark.
pub fn stream(
    inputs: &[Input],
    take: impl Fn(Place) -> bool,
    mut visit: impl FnMut(Unit),
) -> Result<(), IngestError> {
    for (number, input) in inputs.iter().enumerate() {
        let number = u32::try_from(number).unwrap_or(u32::MAX);
        if input.format == SourceFormat::Jsonl {
            stream_json_lines(number, input, &take, &mut visit)?;
        } else if take((number, 0)) {
            visit(Unit {
                place: (number, 0),
                kind: UnitKind::File(Box::new(input.clone())),
                read_bytes: file_size(input),
            });
        }
    }
    Ok(())
}

fn stream_json_lines(
    number: u32,
    input: &Input,
    take: &impl Fn(Place) -> bool,
    visit: &mut impl FnMut(Unit),
) -> Result<(), IngestError> {
    use std::io::BufRead as _;
    let path = input.display.clone();
    let unreadable = |source: std::io::Error| IngestError::Unreadable {
        path: path.clone(),
        source,
    };
    let count = std::rc::Rc::new(std::cell::Cell::new(0_u64));
    let file = Counting {
        file: std::fs::File::open(&input.path).map_err(unreadable)?,
        count: std::rc::Rc::clone(&count),
    };
    let mut handed = 0;
    let mut reader: Box<dyn std::io::BufRead> = if input.gzip {
        Box::new(std::io::BufReader::new(flate2::read::MultiGzDecoder::new(
            file,
        )))
    } else {
        Box::new(std::io::BufReader::with_capacity(1 << 20, file))
    };
    let start = reader.fill_buf().map_err(unreadable)?;
    if start.starts_with(b"\xff\xfe") || start.starts_with(b"\xfe\xff") {
        // UTF-16 cannot be split into lines as bytes: read it whole.
        drop(reader);
        return stream_whole(number, input, take, visit);
    }
    let byte_order_mark = start.starts_with(b"\xef\xbb\xbf");
    if byte_order_mark {
        reader.consume(3);
    }
    let context = std::sync::Arc::new(LineContext {
        stem: stem_of(&input.path),
        path: path.clone(),
        source: Source {
            format: input.format,
            encoding: "UTF-8".to_owned(),
            byte_order_mark,
            gzip: input.gzip,
            record: None,
            offsets: OffsetBase::RecordText,
        },
        manifest: input.manifest.clone(),
    });
    let mut bytes = usize::from(byte_order_mark) * 3;
    for position in 1_u32.. {
        let mut line = Vec::new();
        let read = reader.read_until(b'\n', &mut line).map_err(|error| {
            if input.gzip {
                IngestError::Gzip {
                    path: path.clone(),
                    reason: error.to_string(),
                }
            } else {
                unreadable(error)
            }
        })?;
        if read == 0 {
            break;
        }
        bytes += read;
        if !take((number, position)) || line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        visit(Unit {
            place: (number, position),
            kind: UnitKind::Line {
                bytes: line,
                context: std::sync::Arc::clone(&context),
            },
            read_bytes: count.get() - handed,
        });
        handed = count.get();
    }
    if bytes == 0 {
        return Err(IngestError::Empty { path });
    }
    Ok(())
}

/// A JSON Lines file that cannot be split by bytes, read whole; its lines
/// are still shared out by position.
fn stream_whole(
    number: u32,
    input: &Input,
    take: &impl Fn(Place) -> bool,
    visit: &mut impl FnMut(Unit),
) -> Result<(), IngestError> {
    let loaded = read(input)?;
    let mut read_bytes = file_size(input);
    for note in loaded.notes {
        let position = note
            .location
            .rsplit(':')
            .next()
            .and_then(|position| position.parse().ok())
            .unwrap_or(0);
        if take((number, position)) {
            visit(Unit {
                place: (number, position),
                kind: UnitKind::Read(vec![Streamed::Note((number, position), note)]),
                read_bytes: std::mem::take(&mut read_bytes),
            });
        }
    }
    for document in loaded.documents {
        let position = position_of(&document);
        if take((number, position)) {
            visit(Unit {
                place: (number, position),
                kind: UnitKind::Read(vec![Streamed::Document(
                    (number, position),
                    Box::new(document),
                )]),
                read_bytes: std::mem::take(&mut read_bytes),
            });
        }
    }
    Ok(())
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

/// Two files with the same stem in different folders get `-2`, `-3`… in the
/// order they were given, so ids stay stable across runs.
fn make_ids_unique(documents: &mut [Document]) {
    unique_ids(documents.iter_mut().map(|document| &mut document.id));
}

/// Makes ids unique in the order given, as [`load`] does: the second
/// `story` becomes `story-2`, the third `story-3`.
pub fn unique_ids<'a>(ids: impl IntoIterator<Item = &'a mut String>) {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for id in ids {
        let count = seen.entry(id.clone()).or_insert(0);
        *count += 1;
        if *count > 1 {
            *id = format!("{id}-{count}");
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
    fn walking_is_sorted_skips_hidden_and_non_text() {
        let directory = tempfile::tempdir().unwrap();
        for name in ["b.txt", "a.txt", ".hidden.txt", "notes.csv"] {
            std::fs::write(directory.path().join(name), "Some text.").unwrap();
        }
        std::fs::create_dir(directory.path().join("sub")).unwrap();
        std::fs::write(directory.path().join("sub/c.txt"), "More text.").unwrap();
        let discovery = discover(&[directory.path().to_path_buf()]).unwrap();
        let names: Vec<String> = discovery
            .inputs
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
        let notes: Vec<String> = discovery
            .notes
            .iter()
            .map(|note| note.message.clone())
            .collect();
        assert_eq!(
            notes,
            ["skipped: hidden", "skipped: not a known document format"]
        );
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
        let documents = load(&[directory.path().to_path_buf()]).unwrap().documents;
        let ids: Vec<&str> = documents
            .iter()
            .map(|document| document.id.as_str())
            .collect();
        assert_eq!(ids, ["story", "story-2"]);
    }

    #[test]
    fn formats_come_from_the_extension_through_gzip() {
        let format = |name: &str| format_of(Path::new(name)).unwrap();
        assert_eq!(format("a/story.TXT"), Some((SourceFormat::Text, false)));
        assert_eq!(format("page.html.gz"), Some((SourceFormat::Html, true)));
        assert_eq!(format("feed.jsonl"), Some((SourceFormat::Jsonl, false)));
        assert_eq!(format("notes.csv"), None);
        assert_eq!(
            format_of(Path::new("crawl.warc.gz"))
                .unwrap_err()
                .to_string(),
            "crawl.warc.gz: WARC input is not supported yet; give text, HTML, JSON Lines or JSON"
        );
        assert_eq!(stem_of(Path::new("x/page.html.gz")), "page");
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

    /// Everything `stream` hands over for `paths`, read, with the units'
    /// places.
    fn streamed(paths: &[PathBuf], take: impl Fn(Place) -> bool) -> Vec<(Place, String)> {
        let inputs = discover(paths).unwrap().inputs;
        let mut units = Vec::new();
        stream(&inputs, take, |unit| units.push(unit)).unwrap();
        units
            .into_iter()
            .flat_map(|unit| unit.read().unwrap())
            .map(|streamed| match streamed {
                Streamed::Document(place, document) => (place, format!("document {}", document.id)),
                Streamed::Note(place, note) => (place, format!("note {note}")),
            })
            .collect()
    }

    #[test]
    fn streaming_reads_what_load_reads_and_shares_lines_out() {
        let directory = tempfile::tempdir().unwrap();
        let feed = directory.path().join("feed.jsonl");
        std::fs::write(
            &feed,
            "\u{feff}{\"id\": \"a\", \"text\": \"First story.\"}\n\n{\"text\": 3}\n{\"text\": \"Third line.\", \"outlet\": \"Wire\"}\n",
        )
        .unwrap();
        let page = directory.path().join("page.txt");
        std::fs::write(&page, "A page of its own.").unwrap();
        let paths = [feed.clone(), page];
        let all = streamed(&paths, |_| true);
        let feed_display = feed.display().to_string();
        assert_eq!(
            all,
            [
                ((0, 1), "document a".to_owned()),
                (
                    (0, 3),
                    format!("note {feed_display}:3: record skipped: \"text\" is not a string")
                ),
                ((0, 4), "document feed:4".to_owned()),
                ((1, 0), "document page".to_owned()),
            ]
        );
        // The documents are those `load` reads, metadata and all.
        let loaded = load(&paths).unwrap();
        let inputs = discover(&paths).unwrap().inputs;
        let mut documents = Vec::new();
        stream(
            &inputs,
            |_| true,
            |unit| {
                for streamed in unit.read().unwrap() {
                    if let Streamed::Document(_, document) = streamed {
                        documents.push(*document);
                    }
                }
            },
        )
        .unwrap();
        assert_eq!(documents, loaded.documents);
        assert!(documents[0].source.byte_order_mark);
        // The bytes the units report add up to the inputs' size.
        let mut read_bytes = 0;
        stream(&inputs, |_| true, |unit| read_bytes += unit.read_bytes()).unwrap();
        assert_eq!(read_bytes, input_size(&inputs));
        assert!(read_bytes > 0);
        // Two readers split the lines of the feed and take the page whole.
        let even = streamed(&paths, |(_, position)| position % 2 == 0);
        let odd = streamed(&paths, |(_, position)| position % 2 == 1);
        assert_eq!(even.len() + odd.len(), all.len());
        assert!(even.iter().any(|(place, _)| *place == (1, 0)));
        assert!(odd.iter().all(|(place, _)| place.1 % 2 == 1));
    }

    #[test]
    fn streaming_reads_gzip_and_utf16_feeds() {
        use std::io::Write as _;
        let directory = tempfile::tempdir().unwrap();
        let gzip = directory.path().join("feed.jsonl.gz");
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder
            .write_all(b"{\"text\": \"One.\"}\n{\"text\": \"Two.\"}\n")
            .unwrap();
        std::fs::write(&gzip, encoder.finish().unwrap()).unwrap();
        let utf16 = directory.path().join("wide.jsonl");
        let mut bytes = vec![0xff, 0xfe];
        for unit in "{\"text\": \"Wide.\"}\n".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        std::fs::write(&utf16, bytes).unwrap();
        let all = streamed(&[gzip, utf16], |_| true);
        assert_eq!(
            all,
            [
                ((0, 1), "document feed:1".to_owned()),
                ((0, 2), "document feed:2".to_owned()),
                ((1, 1), "document wide:1".to_owned()),
            ]
        );
        let empty = directory.path().join("empty.jsonl");
        std::fs::write(&empty, "").unwrap();
        let inputs = discover(&[empty]).unwrap().inputs;
        let error = stream(&inputs, |_| true, |_| {}).unwrap_err().to_string();
        assert!(error.ends_with("empty.jsonl: the file is empty"), "{error}");
    }

    #[test]
    fn unique_ids_number_repeats_in_order() {
        let mut ids: Vec<String> = ["story", "other", "story", "story"]
            .iter()
            .map(|id| (*id).to_owned())
            .collect();
        unique_ids(ids.iter_mut());
        assert_eq!(ids, ["story", "other", "story-2", "story-3"]);
    }
}
