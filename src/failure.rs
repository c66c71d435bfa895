//! Why a command failed, and the exit status that tells a script: 2 for
//! what the user can fix (bad input, bad options, an output that cannot be
//! written), 1 for anything else, 0 when the reader of standard output went
//! away (`parallax … | head`).

use parallax_corpus::CorpusError;
use parallax_eval::EvalError;
use parallax_ingest::IngestError;
use parallax_pipeline::check::CheckError;
use parallax_report::RenderError;
use parallax_report::write::WriteError;
use std::error::Error as _;
use std::process::ExitCode;

#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// Options that do not go together, or a value out of range.
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Ingest(#[from] IngestError),
    #[error(transparent)]
    Check(#[from] CheckError),
    #[error(transparent)]
    Eval(#[from] EvalError),
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    /// The sentence model: a folder that is not one, or a run that failed.
    #[error(transparent)]
    Model(#[from] parallax_embed::EmbedError),
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error("serialising the result")]
    Serialise(#[from] serde_json::Error),
    /// Another process of a distributed run stopped, or the network failed.
    #[error("the distributed run failed: {0}; no output was written")]
    Distributed(String),
    /// Writing to standard output or the terminal: a full disk behind a
    /// redirection, a closed pipe.
    #[error("standard output: {0}")]
    Output(#[from] std::io::Error),
}

impl Failure {
    /// The exit status this failure calls for.
    fn exit_status(&self) -> u8 {
        match self {
            Self::Output(error) if error.kind() == std::io::ErrorKind::BrokenPipe => 0,
            // A full disk behind a redirection is the user's to fix, as
            // any output is.
            Self::Usage(_)
            | Self::Ingest(_)
            | Self::Check(_)
            | Self::Eval(_)
            | Self::Write(_)
            | Self::Output(_) => 2,
            Self::Model(error) | Self::Corpus(CorpusError::Model(error)) => match error {
                parallax_embed::EmbedError::Read { .. }
                | parallax_embed::EmbedError::Invalid { .. } => 2,
                parallax_embed::EmbedError::Run(_) => 1,
            },
            Self::Corpus(error) => match error {
                // Bad input, unwritable output, or a worker's input error
                // met by another.
                CorpusError::Ingest(_)
                | CorpusError::Io { .. }
                | CorpusError::Output(_)
                | CorpusError::Worker(_)
                | CorpusError::NoDocuments(_) => 2,
                CorpusError::Store { .. } if error.is_temporary_folder() => 2,
                CorpusError::Store { .. } | CorpusError::Render(_) | CorpusError::Model(_) => 1,
            },
            Self::Render(_) | Self::Serialise(_) | Self::Distributed(_) => 1,
        }
    }

    /// Writes the failure as one line on standard error (nothing for a
    /// reader that went away) and returns the exit status.
    pub fn report(&self) -> ExitCode {
        let status = self.exit_status();
        if status != 0 {
            // One line: the failure and its causes, most specific last. A
            // library error may already say its cause; it is not repeated.
            let mut message = self.to_string();
            let mut cause = self.source();
            while let Some(error) = cause {
                let text = error.to_string();
                if !message.contains(&text) {
                    message.push_str(": ");
                    message.push_str(&text);
                }
                cause = error.source();
            }
            write_error_line(&message);
        }
        ExitCode::from(status)
    }
}

#[allow(
    clippy::print_stderr,
    reason = "the binary reports its own errors on standard error"
)]
fn write_error_line(message: &str) {
    eprintln!("parallax: error: {}", crate::output::printable(message));
}
