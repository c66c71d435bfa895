//! The templates reports are rendered from, and what can go wrong when
//! rendering them.

use parallax_core::Span;
use thiserror::Error;

/// The minijinja sources of the HTML pages. The `parallax` binary embeds
/// its own (its `templates/` folder) and passes them in, so the pages'
/// look belongs to the program that ships them and this crate reads no
/// file; a test or another tool may pass templates of its own that use
/// the same context.
#[derive(Debug, Clone, Copy)]
pub struct Templates {
    /// The side-by-side report of a comparison ([`crate::render_html`]).
    pub report: &'static str,
    /// The index page of a corpus run ([`crate::render_corpus_html`]).
    pub corpus: &'static str,
}

/// Why a page or table could not be rendered.
#[derive(Debug, Error)]
pub enum RenderError {
    #[error("the report needs the text of {expected} documents but was given {given}")]
    MissingText { expected: usize, given: usize },
    #[error("{document}: a finding at {span} is outside the text or not on character boundaries")]
    BadSpan { document: String, span: Span },
    #[error("rendering the report template failed: {0}")]
    Template(#[from] minijinja::Error),
    #[error("writing the score table: {0}")]
    Table(#[from] csv::Error),
}
