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
    #[error("temporary store: {0}")]
    Store(#[source] std::io::Error),
    #[error(transparent)]
    Render(#[from] parallax_report::RenderError),
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
pub(crate) fn store_error(error: std::io::Error) -> CorpusError {
    CorpusError::Store(error)
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
