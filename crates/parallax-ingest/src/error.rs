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
    #[error(
        "{path}: {} than {}, the most one document may hold (raise it with --max-document-size)",
        if *gzip { "inflates to more" } else { "larger" },
        human_size(*limit)
    )]
    TooLarge {
        path: String,
        limit: u64,
        gzip: bool,
    },
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

impl IngestError {
    /// A corpus file none of whose records could be read, with the
    /// records it set aside (`notes`) summed up.
    #[must_use]
    pub fn no_records(path: String, notes: &[Note]) -> Self {
        let reason = match notes.first() {
            Some(first) => format!(
                "{} skipped; the first, {}: {}",
                notes.len(),
                first.location,
                first.message.trim_start_matches("record skipped: ")
            ),
            None => "the file holds no records".to_owned(),
        };
        Self::NoRecords { path, reason }
    }
}

/// A size in bytes as people write it: `64 MiB`, `1.5 GiB`, `300 bytes`.
#[must_use]
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let mut size = bytes as f64 / 1024.0;
    let mut unit = 0;
    while size >= 1024.0 && unit + 1 < UNITS.len() {
        size /= 1024.0;
        unit += 1;
    }
    let shown = format!("{size:.1}");
    let shown = shown.strip_suffix(".0").unwrap_or(&shown);
    format!("{shown} {}", UNITS[unit])
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
