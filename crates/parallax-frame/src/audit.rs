//! Which framing findings a reader sees by default: only the kinds that
//! were right at least [`MIN_PRECISION`] of the time when their findings
//! on reports nobody tuned the rules on were read and judged by hand. The
//! rest stay in the results, marked uncertain, for a reader who asks.
//!
//! The figures in [`AUDITED`] are those `parallax eval framing` recomputes
//! from the judgements kept with the audit sets; a test of the binary
//! checks that they agree, so a kind cannot be shown by default on a claim
//! the judgements do not back.

use serde::{Deserialize, Serialize};

/// A kind of framing finding, as the report shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// A quote, whole or in part, given to a speaker the quote's own
    /// sentence names: `“…,” Lavrov said`. See
    /// [`crate::Attribution::finding_kind`].
    QuotedSpeaker,
    /// Any other statement given to a speaker: reported speech, and quotes
    /// whose speaker is a pronoun, a description or named in an earlier
    /// sentence.
    Attribution,
    /// A word one report prefers over the others.
    PreferredWord,
    /// A person, organisation or place a report names, with its type.
    Entity,
    /// A sentence no other report links: "only in" one report.
    OnlyIn,
    /// What all reports but one carry: "left out by" that one.
    LeftOut,
    /// The same statement carried by both reports of a pair.
    SharedQuote,
    /// A linked claim one report attributes and the other states, or gives
    /// to another speaker.
    Contrast,
    /// A phrase both reports use, in different voices.
    Phrase,
    /// Two headlines that say the same.
    HeadlinesLinked,
    /// Two headlines that do not say the same.
    HeadlinesDifferent,
    /// Two leads that report a claim in common.
    LeadsLinked,
    /// Two leads that do not.
    LeadsDifferent,
}

impl FindingKind {
    pub const ALL: [FindingKind; 13] = [
        FindingKind::QuotedSpeaker,
        FindingKind::Attribution,
        FindingKind::PreferredWord,
        FindingKind::Entity,
        FindingKind::OnlyIn,
        FindingKind::LeftOut,
        FindingKind::SharedQuote,
        FindingKind::Contrast,
        FindingKind::Phrase,
        FindingKind::HeadlinesLinked,
        FindingKind::HeadlinesDifferent,
        FindingKind::LeadsLinked,
        FindingKind::LeadsDifferent,
    ];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::QuotedSpeaker => "quoted_speaker",
            FindingKind::Attribution => "attribution",
            FindingKind::PreferredWord => "preferred_word",
            FindingKind::Entity => "entity",
            FindingKind::OnlyIn => "only_in",
            FindingKind::LeftOut => "left_out",
            FindingKind::SharedQuote => "shared_quote",
            FindingKind::Contrast => "contrast",
            FindingKind::Phrase => "phrase",
            FindingKind::HeadlinesLinked => "headlines_linked",
            FindingKind::HeadlinesDifferent => "headlines_different",
            FindingKind::LeadsLinked => "leads_linked",
            FindingKind::LeadsDifferent => "leads_different",
        }
    }

    /// The kind named `name` (as [`FindingKind::as_str`] writes it).
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == name)
    }

    /// What the hand audit found for this kind.
    #[must_use]
    pub fn audit(self) -> Audit {
        AUDITED
            .iter()
            .find(|audit| audit.kind == self)
            .copied()
            .unwrap_or(Audit {
                kind: self,
                judged: 0,
                right: 0,
                basis: Basis::HandJudged,
            })
    }

    /// Whether a reader sees findings of this kind without asking.
    #[must_use]
    pub fn shown_by_default(self) -> bool {
        self.audit().passes()
    }
}

/// A kind is shown by default only when at least this share of its
/// findings were right.
pub const MIN_PRECISION: f64 = 0.9;

/// Fewer judged findings than this say too little about a kind's
/// precision to show it by default, however many of them were right.
pub const MIN_JUDGED: usize = 10;

/// How many findings of one kind were judged, and how many of them were
/// right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Audit {
    pub kind: FindingKind,
    pub judged: usize,
    pub right: usize,
    pub basis: Basis,
}

/// What a kind's figures were measured on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Findings on the same-event reports in `evaluation/events`, each
    /// read and judged by hand (`parallax eval framing`).
    HandJudged,
    /// Attributions against PolNeAR's gold annotation of real US news
    /// (`parallax eval attribution`): right when the content matches a gold
    /// one and the speaker span overlaps its gold speaker. The rules were
    /// refined on the hand-judged reports, so those no longer measure them
    /// fairly.
    PolnearGold,
    /// Findings on real news pages (the article pages of the public
    /// evaluation data, which are not kept here), read and judged by hand.
    /// Used where the rules were refined on the hand-judged reports, so
    /// those no longer measure them fairly; the figure is recorded, not
    /// recomputed.
    NewsPages,
}

impl Audit {
    /// Right ÷ judged; 0 when none was judged.
    #[must_use]
    pub fn precision(self) -> f64 {
        if self.judged == 0 {
            0.0
        } else {
            self.right as f64 / self.judged as f64
        }
    }

    /// Whether the kind is shown by default.
    #[must_use]
    pub fn passes(self) -> bool {
        self.judged >= MIN_JUDGED && self.precision() >= MIN_PRECISION
    }
}

/// The audit, per kind. `parallax eval framing evaluation/events`
/// recomputes the hand-judged figures from the judgements kept there;
/// `parallax eval attribution` on PolNeAR's dev half the others (its "by
/// kind of framing finding" rows).
pub const AUDITED: &[Audit] = &[
    audit(FindingKind::QuotedSpeaker, 361, 349, Basis::PolnearGold),
    audit(FindingKind::Attribution, 858, 767, Basis::PolnearGold),
    audit(FindingKind::Entity, 89, 56, Basis::NewsPages),
    audit(FindingKind::OnlyIn, 92, 12, Basis::HandJudged),
    audit(FindingKind::LeftOut, 10, 6, Basis::HandJudged),
    audit(FindingKind::SharedQuote, 1, 0, Basis::HandJudged),
    audit(FindingKind::Contrast, 1, 0, Basis::HandJudged),
    audit(FindingKind::HeadlinesDifferent, 18, 11, Basis::HandJudged),
    audit(FindingKind::LeadsDifferent, 18, 2, Basis::HandJudged),
];

const fn audit(kind: FindingKind, judged: usize, right: usize, basis: Basis) -> Audit {
    Audit {
        kind,
        judged,
        right,
        basis,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_unaudited_kinds_are_not_shown() {
        for kind in FindingKind::ALL {
            assert_eq!(FindingKind::from_name(kind.as_str()), Some(kind));
        }
        let unaudited = audit(FindingKind::Phrase, 0, 0, Basis::HandJudged);
        assert!(!unaudited.passes());
        let few = Audit {
            judged: 5,
            right: 5,
            ..unaudited
        };
        assert!(!few.passes(), "five right of five is too few to trust");
        let enough = Audit {
            judged: 20,
            right: 18,
            ..unaudited
        };
        assert!(enough.passes());
        assert!(
            !Audit {
                right: 17,
                ..enough
            }
            .passes()
        );
    }
}
