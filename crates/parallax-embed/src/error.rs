//! Why a model could not be loaded or run.

use std::path::Path;
use thiserror::Error;

/// Why a model could not be loaded or run. Loading errors name the file.
#[derive(Debug, Error)]
pub enum EmbedError {
    #[error("{path}: cannot read: {reason}")]
    Read { path: String, reason: String },
    #[error("{path}: not a usable model file: {reason}")]
    Invalid { path: String, reason: String },
    #[error("running the sentence model: {0}")]
    Run(String),
}

impl EmbedError {
    pub(crate) fn read(path: &Path, reason: &impl std::fmt::Display) -> Self {
        Self::Read {
            path: path.display().to_string(),
            reason: reason.to_string(),
        }
    }

    pub(crate) fn invalid(path: &Path, reason: &impl std::fmt::Display) -> Self {
        Self::Invalid {
            path: path.display().to_string(),
            reason: reason.to_string(),
        }
    }
}
