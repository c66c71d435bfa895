//! Why a corpus run fails.

use thiserror::Error;

/// Why a corpus run failed. Every variant names the file or the stage.
#[derive(Debug, Error)]
pub enum CorpusError {
    #[error(transparent)]
    Ingest(#[from] parallax_ingest::IngestError),
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// The temporary folder documents wait in: named, with what is wrong
    /// in words (an operating system message can carry a temporary file's
    /// own path, which means nothing to a reader).
    #[error("temporary folder {folder}: {reason}")]
    Store {
        folder: String,
        reason: String,
        kind: std::io::ErrorKind,
    },
    #[error(transparent)]
    Render(#[from] parallax_report::RenderError),
    /// The output folder cannot be built or put in place.
    #[error(transparent)]
    Output(#[from] parallax_report::write::WriteError),
    /// The sentence model failed on a document.
    #[error(transparent)]
    Model(#[from] parallax_embed::EmbedError),
    /// Nothing readable; with what was skipped, when anything was.
    #[error("no document could be read{0}")]
    NoDocuments(String),
    /// Another worker failed; its message.
    #[error("{0}")]
    Worker(String),
}

/// A failure of the temporary stores documents wait in.
#[allow(
    clippy::needless_pass_by_value,
    reason = "called as `.map_err(store_error)`, which hands the error over"
)]
pub(crate) fn store_error(error: std::io::Error) -> CorpusError {
    let kind = error.kind();
    let reason = match kind {
        std::io::ErrorKind::NotFound => "it does not exist".to_owned(),
        std::io::ErrorKind::Other => error.to_string(),
        _ => kind.to_string(),
    };
    CorpusError::Store {
        folder: std::env::temp_dir().display().to_string(),
        reason,
        kind,
    }
}

impl CorpusError {
    /// Whether the user can fix what went wrong where documents wait: a
    /// missing, full or read-only temporary folder is theirs to fix; any
    /// other failure of the store is not.
    #[must_use]
    pub fn is_temporary_folder(&self) -> bool {
        matches!(
            self,
            Self::Store {
                kind: std::io::ErrorKind::NotFound
                    | std::io::ErrorKind::PermissionDenied
                    | std::io::ErrorKind::StorageFull
                    | std::io::ErrorKind::QuotaExceeded
                    | std::io::ErrorKind::ReadOnlyFilesystem,
                ..
            }
        )
    }
}

/// A value that could not be serialised for the store or an output.
pub(crate) fn serialise_error(error: serde_json::Error) -> CorpusError {
    store_error(std::io::Error::other(error))
}

/// A file or folder of the output that could not be written.
pub(crate) fn output_error(path: &std::path::Path, source: std::io::Error) -> CorpusError {
    CorpusError::Io {
        path: path.display().to_string(),
        source,
    }
}
