//! What can go wrong reading documents, and what is set aside without
//! failing.

use std::fmt;
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
    #[error("{path}: {what}, not a document to read")]
    OwnOutput { path: String, what: String },
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
