//! Reading news documents: files and directories in,
//! [`Document`](parallax_core::Document)s out, each
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
//!   gzip-compressed (`page.html.gz`). A document's `source` says which, and
//!   what the offsets count.
//! - A directory may hold a `manifest.toml` ([`Manifest`]) naming each file's
//!   outlet, language and date; what it says overrides what is sniffed.
//! - [`sniff`] alone reads metadata from a text you already hold;
//!   [`document_from_text`] builds a whole document from one.
//! - [`stream`] goes through a corpus too large to hold, unit by unit, for
//!   corpus mode; [`unique_ids`] names its documents as [`load`] does.
//!
//! Modules: `discover` (paths, walks, manifests), `read` (one input into
//! documents), `stream`, `records` (JSON and JSON Lines articles),
//! `decode` (encodings), `sniff` (metadata from the text), `manifest`,
//! `ids`, `error`.
//!
//! Ingest never decides what is boilerplate; it only reports what it found
//! and where ([`parallax_core::Found`]), and the cleaner labels it.

mod decode;
mod discover;
mod error;
mod ids;
mod manifest;
mod outputs;
mod read;
mod records;
mod sniff;
mod stream;

pub use decode::{Decoded, decode};
pub use discover::{DEFAULT_MAX_DOCUMENT_BYTES, Discovery, Input, discover};
pub use error::{IngestError, Note, human_size};
pub use ids::unique_ids;
pub use manifest::{MANIFEST_FILE, Manifest, ManifestEntry};
pub use read::{Loaded, document_from_text, load, load_within, read};
pub use sniff::{normalize_iso, retitle, sniff};
pub use stream::{Place, Streamed, Unit, input_size, stream};

pub(crate) use read::mark;
