//! Overlap scores, each with the formula a reader can check.

use crate::sentence::{Sentence, round};
use parallax_core::{Link, LinkKind, SHINGLE_WORDS, Span, shingles};
use serde::{Deserialize, Serialize};

/// How much of A and B the other reuses. Every value is in [0, 1]. Only body
/// text counts: boilerplate, metadata, duplicates, headlines and
/// standfirsts are left out.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Scores {
    /// Share of the one-number summary: `(linked_a + linked_b) / (body_a + body_b)`.
    pub similarity: f64,
    pub containment_a_in_b: f64,
    pub containment_b_in_a: f64,
    pub jaccard: f64,
    pub coverage_a: f64,
    pub coverage_b: f64,
    pub verbatim_share_a: f64,
    pub verbatim_share_b: f64,
}

/// Each score's name and formula, for the README and the report's legend.
pub const SCORE_LEGEND: &[(&str, &str)] = &[
    (
        "similarity",
        "(linked body bytes of A + linked body bytes of B) ÷ (body bytes of A + body bytes of B): the share of all body text that the other report also carries; symmetric",
    ),
    (
        "containment_a_in_b",
        "|S(A) ∩ S(B)| ÷ |S(A)|, where S(X) is the set of word 5-gram shingles of X's body: how much of A's wording appears in B",
    ),
    (
        "containment_b_in_a",
        "|S(A) ∩ S(B)| ÷ |S(B)|: how much of B's wording appears in A",
    ),
    (
        "jaccard",
        "|S(A) ∩ S(B)| ÷ |S(A) ∪ S(B)|: shared wording relative to all wording of both",
    ),
    (
        "coverage_a",
        "bytes of A's body sentences linked to B (verbatim, near, paraphrase or shared claim) ÷ body bytes of A",
    ),
    (
        "coverage_b",
        "bytes of B's body sentences linked to A ÷ body bytes of B",
    ),
    (
        "verbatim_share_a",
        "bytes of A's body sentences in verbatim links ÷ body bytes of A",
    ),
    (
        "verbatim_share_b",
        "bytes of B's body sentences in verbatim links ÷ body bytes of B",
    ),
];

/// Each score's name in plain words, as reports show it to people; the
/// JSON and CSV keep the field names.
pub const SCORE_TITLES: &[(&str, &str)] = &[
    ("similarity", "Shared text, both ways"),
    ("containment_a_in_b", "A's wording found in B"),
    ("containment_b_in_a", "B's wording found in A"),
    ("jaccard", "Wording in common"),
    ("coverage_a", "A linked to B"),
    ("coverage_b", "B linked to A"),
    ("verbatim_share_a", "A word for word in B"),
    ("verbatim_share_b", "B word for word in A"),
];

/// The plain name of the score called `name` in the JSON result, or the
/// name itself when it has none.
#[must_use]
pub fn score_title(name: &str) -> &str {
    SCORE_TITLES
        .iter()
        .find(|(field, _)| *field == name)
        .map_or(name, |(_, title)| title)
}

/// A share as reports print it: a whole percentage, "<1%" for a share
/// too small to round up to one, "0%" only for none.
#[must_use]
pub fn percent(share: f64) -> String {
    if share <= 0.0 {
        "0%".to_owned()
    } else if share < 0.005 {
        "<1%".to_owned()
    } else {
        format!("{}%", (share * 100.0).round())
    }
}

/// The scores' names, in the order of the JSON result.
pub const SCORE_NAMES: [&str; 8] = [
    "similarity",
    "containment_a_in_b",
    "containment_b_in_a",
    "jaccard",
    "coverage_a",
    "coverage_b",
    "verbatim_share_a",
    "verbatim_share_b",
];

impl Scores {
    /// The score called `name` in the JSON result.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<f64> {
        self.named()
            .into_iter()
            .find(|(field, _)| *field == name)
            .map(|(_, value)| value)
    }

    /// Every score with its name ([`SCORE_NAMES`]), in the order of the
    /// JSON result: for tables and checks that go over all of them.
    #[must_use]
    pub fn named(&self) -> [(&'static str, f64); 8] {
        let values = [
            self.similarity,
            self.containment_a_in_b,
            self.containment_b_in_a,
            self.jaccard,
            self.coverage_a,
            self.coverage_b,
            self.verbatim_share_a,
            self.verbatim_share_b,
        ];
        std::array::from_fn(|index| (SCORE_NAMES[index], values[index]))
    }

    /// The scores of two bodies, each given as its sentences and its
    /// shingles ([`shingles_of`]), and the links between them.
    pub(crate) fn compute(
        (a_sentences, a_shingles): (&[Sentence], &[u64]),
        (b_sentences, b_shingles): (&[Sentence], &[u64]),
        links: &[Link],
    ) -> Self {
        let shared = parallax_core::shared_sorted(a_shingles, b_shingles);
        let union = a_shingles.len() + b_shingles.len() - shared;
        let a_body: usize = a_sentences.iter().map(|sentence| sentence.span.len()).sum();
        let b_body: usize = b_sentences.iter().map(|sentence| sentence.span.len()).sum();
        let linked_a = linked_bytes(links.iter().map(|link| link.a));
        let linked_b = linked_bytes(links.iter().map(|link| link.b));
        let verbatim = links.iter().filter(|link| link.kind == LinkKind::Verbatim);
        let verbatim_a = linked_bytes(verbatim.clone().map(|link| link.a));
        let verbatim_b = linked_bytes(verbatim.map(|link| link.b));
        Self {
            similarity: ratio(linked_a + linked_b, a_body + b_body),
            containment_a_in_b: ratio(shared, a_shingles.len()),
            containment_b_in_a: ratio(shared, b_shingles.len()),
            jaccard: ratio(shared, union),
            coverage_a: ratio(linked_a, a_body),
            coverage_b: ratio(linked_b, b_body),
            verbatim_share_a: ratio(verbatim_a, a_body),
            verbatim_share_b: ratio(verbatim_b, b_body),
        }
    }

    /// The same scores seen from B's side.
    #[must_use]
    pub fn mirrored(self) -> Self {
        Self {
            similarity: self.similarity,
            containment_a_in_b: self.containment_b_in_a,
            containment_b_in_a: self.containment_a_in_b,
            jaccard: self.jaccard,
            coverage_a: self.coverage_b,
            coverage_b: self.coverage_a,
            verbatim_share_a: self.verbatim_share_b,
            verbatim_share_b: self.verbatim_share_a,
        }
    }
}

/// Shingles over the body as one run of words, so that reuse across a
/// sentence boundary counts: sorted, each once, so that two bodies'
/// shingles are compared in one merge.
pub(crate) fn shingles_of(sentences: &[Sentence]) -> Vec<u64> {
    let words: Vec<u64> = sentences
        .iter()
        .flat_map(|sentence| sentence.words().iter().copied())
        .collect();
    let mut shingles = shingles(&words, SHINGLE_WORDS);
    shingles.sort_unstable();
    shingles.dedup();
    shingles
}

/// Bytes covered by a set of spans, each byte once (a sentence linked to two
/// partners counts once).
fn linked_bytes(spans: impl Iterator<Item = Span>) -> usize {
    let mut spans: Vec<Span> = spans.collect();
    spans.sort();
    let mut total = 0;
    let mut reached = 0;
    for span in spans {
        let start = span.start.max(reached);
        if span.end > start {
            total += span.end - start;
        }
        reached = reached.max(span.end);
    }
    total
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        round(part as f64 / whole as f64)
    }
}

#[cfg(test)]
#[allow(
    clippy::float_cmp,
    reason = "scores are rounded to four decimals, so equality is exact"
)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_spans_count_once() {
        let spans = [Span::new(0, 10), Span::new(5, 15), Span::new(20, 25)];
        assert_eq!(linked_bytes(spans.into_iter()), 20);
    }

    #[test]
    fn empty_bodies_score_zero() {
        assert_eq!(ratio(0, 0), 0.0);
        assert_eq!(ratio(1, 3), 0.3333);
    }

    #[test]
    fn legend_names_every_field() {
        let value = serde_json::to_value(Scores {
            similarity: 0.0,
            containment_a_in_b: 0.0,
            containment_b_in_a: 0.0,
            jaccard: 0.0,
            coverage_a: 0.0,
            coverage_b: 0.0,
            verbatim_share_a: 0.0,
            verbatim_share_b: 0.0,
        })
        .unwrap();
        let fields: Vec<&String> = value.as_object().unwrap().keys().collect();
        let legend: Vec<&str> = SCORE_LEGEND.iter().map(|(name, _)| *name).collect();
        assert_eq!(fields.len(), legend.len());
        for field in fields {
            assert!(legend.contains(&field.as_str()), "{field} has no formula");
        }
    }
}

#[cfg(test)]
mod named_tests {
    use super::*;

    #[test]
    fn every_score_has_a_plain_name_and_one_format() {
        for name in SCORE_NAMES {
            assert_ne!(score_title(name), name, "{name} has no plain name");
        }
        assert_eq!(
            [0.0, 0.0049, 0.005, 0.138, 1.0].map(percent),
            ["0%", "<1%", "1%", "14%", "100%"]
        );
    }

    #[test]
    fn each_score_is_named_as_in_the_json() {
        let scores = Scores {
            similarity: 0.1,
            containment_a_in_b: 0.2,
            containment_b_in_a: 0.3,
            jaccard: 0.4,
            coverage_a: 0.5,
            coverage_b: 0.6,
            verbatim_share_a: 0.7,
            verbatim_share_b: 0.8,
        };
        let json = serde_json::to_value(scores).unwrap();
        for (name, value) in scores.named() {
            assert_eq!(json[name].as_f64(), Some(value), "{name}");
        }
        assert_eq!(json.as_object().unwrap().len(), SCORE_NAMES.len());
    }
}
