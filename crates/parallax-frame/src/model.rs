//! What framing finds, as the JSON result carries it: per document, per
//! pair, and across all documents.

use crate::attribution::{Attribution, Quoting};
use crate::audit::{Basis, FindingKind};
use crate::entities::Entity;
use crate::phrases::PhraseContrast;
use crate::speakers::Speaker;
use crate::terms::Term;
use parallax_core::{Change, Link, LinkKind, Span};
use serde::{Deserialize, Serialize};

/// The sentence links of one aligned pair, by index into the inputs.
#[derive(Debug, Clone, Copy)]
pub struct PairLinks<'a> {
    pub a: usize,
    pub b: usize,
    pub links: &'a [Link],
}

/// The framing findings of a comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Framing {
    pub documents: Vec<DocumentFraming>,
    pub pairs: Vec<PairFraming>,
    /// What all documents but one carry (with three documents or more).
    pub omissions: Vec<Omission>,
    /// Every speaker of every document as one identity per person, with
    /// the ways the reports name them; each document's speakers point here
    /// by `person`.
    #[serde(default)]
    pub people: Vec<crate::people::Person>,
    /// Per kind of finding, how often its findings were right when read
    /// by hand, and whether a reader sees them by default: the rest are
    /// uncertain.
    #[serde(default)]
    pub audit: Vec<KindAudit>,
}

/// One kind of finding, as the hand audit judged it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KindAudit {
    pub kind: FindingKind,
    pub basis: Basis,
    pub judged: usize,
    pub right: usize,
    pub precision: f64,
    pub shown_by_default: bool,
}

impl KindAudit {
    /// Every kind, as [`crate::AUDITED`] records it.
    #[must_use]
    pub fn all() -> Vec<Self> {
        FindingKind::ALL
            .into_iter()
            .map(|kind| {
                let audit = kind.audit();
                Self {
                    kind,
                    basis: audit.basis,
                    judged: audit.judged,
                    right: audit.right,
                    precision: (audit.precision() * 1000.0).round() / 1000.0,
                    shown_by_default: audit.passes(),
                }
            })
            .collect()
    }
}

/// One document's framing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentFraming {
    pub id: String,
    pub attributions: Vec<Attribution>,
    /// Most statements first.
    pub speakers: Vec<Speaker>,
    /// Most mentions first.
    pub entities: Vec<Entity>,
    /// Words this document prefers over the others (weighted log-odds).
    pub distinctive_terms: Vec<Term>,
    /// Body sentences no other document links: what only it reports.
    pub unique: Vec<Span>,
    pub headline: Option<Span>,
    /// The first body sentence.
    pub lead: Option<Span>,
}

/// One pair's framing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairFraming {
    pub a: String,
    pub b: String,
    /// Statements both carry, at least one of them as a quote.
    pub quotes: Vec<SharedQuote>,
    /// Linked sentences one states in its own voice and the other
    /// attributes, or attributes to someone else.
    pub contrasts: Vec<Contrast>,
    /// Phrases both use in different voices (a speaker's, the writer's).
    pub phrases: Vec<PhraseContrast>,
    pub headlines: Option<Compared>,
    pub leads: Option<Compared>,
}

/// The same statement in two documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SharedQuote {
    /// The attributed content on each side.
    pub a: Span,
    pub b: Span,
    pub quoting_a: Quoting,
    pub quoting_b: Quoting,
    pub speaker_a: Option<String>,
    pub speaker_b: Option<String>,
    pub relation: QuoteRelation,
    /// Word-level differences, as in links.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Change>,
}

/// How two renderings of one statement differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteRelation {
    /// The same words.
    Same,
    /// A's is B's with words left out: cut short in A.
    ShortenedInA,
    ShortenedInB,
    /// Other words for the same statement (paraphrase, re-translation).
    Reworded,
}

impl QuoteRelation {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteRelation::Same => "same",
            QuoteRelation::ShortenedInA => "shortened_in_a",
            QuoteRelation::ShortenedInB => "shortened_in_b",
            QuoteRelation::Reworded => "reworded",
        }
    }

    fn mirrored(self) -> Self {
        match self {
            QuoteRelation::ShortenedInA => QuoteRelation::ShortenedInB,
            QuoteRelation::ShortenedInB => QuoteRelation::ShortenedInA,
            other => other,
        }
    }
}

/// A claim two documents frame differently.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contrast {
    /// The linked sentences.
    pub a: Span,
    pub b: Span,
    pub kind: ContrastKind,
    /// Share of each sentence covered by attributions.
    pub attributed_a: f64,
    pub attributed_b: f64,
    pub speaker_a: Option<String>,
    pub speaker_b: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContrastKind {
    /// A attributes the claim; B states it in its own voice.
    AttributedInAOnly,
    AttributedInBOnly,
    /// Both attribute it, to different speakers.
    DifferentSpeakers,
}

impl ContrastKind {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ContrastKind::AttributedInAOnly => "attributed_in_a_only",
            ContrastKind::AttributedInBOnly => "attributed_in_b_only",
            ContrastKind::DifferentSpeakers => "different_speakers",
        }
    }
}

/// Two headlines or two leads compared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Compared {
    pub a: Span,
    pub b: Span,
    /// How parallax would link them; none when they do not say the same.
    pub kind: Option<LinkKind>,
    pub score: f64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Change>,
}

/// Content all documents but one carry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Omission {
    pub omitted_by: String,
    /// Where each other document carries it.
    pub carried: Vec<DocumentSpan>,
}

/// A span of one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentSpan {
    pub document: String,
    pub span: Span,
}

impl PairFraming {
    /// The same findings seen from B's side.
    #[must_use]
    pub fn mirrored(&self) -> Self {
        Self {
            a: self.b.clone(),
            b: self.a.clone(),
            quotes: self
                .quotes
                .iter()
                .map(|quote| SharedQuote {
                    a: quote.b,
                    b: quote.a,
                    quoting_a: quote.quoting_b,
                    quoting_b: quote.quoting_a,
                    speaker_a: quote.speaker_b.clone(),
                    speaker_b: quote.speaker_a.clone(),
                    relation: quote.relation.mirrored(),
                    changes: quote
                        .changes
                        .iter()
                        .map(|change| change.mirrored())
                        .collect(),
                })
                .collect(),
            contrasts: self
                .contrasts
                .iter()
                .map(|contrast| Contrast {
                    a: contrast.b,
                    b: contrast.a,
                    kind: match contrast.kind {
                        ContrastKind::AttributedInAOnly => ContrastKind::AttributedInBOnly,
                        ContrastKind::AttributedInBOnly => ContrastKind::AttributedInAOnly,
                        ContrastKind::DifferentSpeakers => ContrastKind::DifferentSpeakers,
                    },
                    attributed_a: contrast.attributed_b,
                    attributed_b: contrast.attributed_a,
                    speaker_a: contrast.speaker_b.clone(),
                    speaker_b: contrast.speaker_a.clone(),
                })
                .collect(),
            phrases: self.phrases.iter().map(PhraseContrast::mirrored).collect(),
            headlines: self.headlines.as_ref().map(Compared::mirrored),
            leads: self.leads.as_ref().map(Compared::mirrored),
        }
    }
}

impl Compared {
    fn mirrored(&self) -> Self {
        Self {
            a: self.b,
            b: self.a,
            kind: self.kind,
            score: self.score,
            changes: self
                .changes
                .iter()
                .map(|change| change.mirrored())
                .collect(),
        }
    }
}
