//! Words an outlet prefers: the weighted log-odds ratio with an informative
//! Dirichlet prior of Monroe, Colaresi & Quinn (2008, "Fightin' Words"),
//! one document against the others of the comparison.
//!
//! For word w, document i (counts `y_i`, total `n_i`) and the other
//! documents j (`y_j`, `n_j`), with the prior taken from all documents
//! together (`α_w` = the word's count in all of them, `α_0` = their total):
//!
//! ```text
//! δ_w = ln((y_i + α_w) / (n_i + α_0 − y_i − α_w)) − ln((y_j + α_w) / (n_j + α_0 − y_j − α_w))
//! σ²_w ≈ 1 / (y_i + α_w) + 1 / (y_j + α_w),   z_w = δ_w / σ_w
//! ```

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One word's standing in one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Term {
    pub word: String,
    /// Times the document uses it.
    pub count: usize,
    /// Times the other documents use it.
    pub others: usize,
    /// The z-score of the weighted log-odds ratio (document against the
    /// others); above 1.96 the preference is unlikely to be chance.
    pub z: f64,
}

/// A preference is shown only when its z-score reaches this: above 1.96 a
/// difference this large is unlikely to be chance (two-sided, 5%).
pub const SIGNIFICANT_Z: f64 = 1.96;

/// A word a report uses fewer times than this is not a preference, however
/// its z-score comes out: two uses say nothing about an outlet's choice.
pub const PREFERRED_MIN_COUNT: usize = 3;

/// Words that count: lower-cased body words of three letters or more, not
/// stop words or numbers. A contraction ("didn't", "we'll") is a function
/// word, not "didn" and "t"; a possessive counts as its noun ("Russia's"
/// as "russia"); a name keeps its apostrophe ("O'Brien").
#[must_use]
pub fn counted_words(text: &str) -> Vec<String> {
    let runs: Vec<(usize, &str)> = parallax_core::words(text)
        .map(|word| (word.as_ptr() as usize - text.as_ptr() as usize, word))
        .collect();
    let mut counted = Vec::new();
    let mut index = 0;
    while index < runs.len() {
        let (start, word) = runs[index];
        let end = start + word.len();
        let mut whole = word.to_lowercase();
        let mut contraction = false;
        // "didn" ' "t": an apostrophe between two runs joins them.
        if let Some(&(next_start, next)) = runs.get(index + 1)
            && matches!(&text[end..next_start], "'" | "’")
        {
            let suffix = next.to_lowercase();
            contraction = matches!(suffix.as_str(), "t" | "ll" | "re" | "ve" | "d" | "m");
            if suffix != "s" {
                whole.push('\'');
                whole.push_str(&suffix);
            }
            index += 1;
        }
        index += 1;
        if !contraction
            && whole.chars().count() >= 3
            && !whole.chars().all(|c| c.is_ascii_digit())
            && !parallax_core::is_stopword(&whole)
        {
            counted.push(whole);
        }
    }
    counted
}

/// For each document (its counted words), the words it prefers most over
/// the others: at most `limit`, z-score first, only those that reach
/// [`SIGNIFICANT_Z`] and [`PREFERRED_MIN_COUNT`].
#[must_use]
pub fn distinctive_terms(documents: &[Vec<String>], limit: usize) -> Vec<Vec<Term>> {
    let counts: Vec<BTreeMap<&str, usize>> = documents
        .iter()
        .map(|words| {
            let mut counts = BTreeMap::new();
            for word in words {
                *counts.entry(word.as_str()).or_insert(0) += 1;
            }
            counts
        })
        .collect();
    let mut all: BTreeMap<&str, usize> = BTreeMap::new();
    for document in &counts {
        for (word, count) in document {
            *all.entry(word).or_insert(0) += count;
        }
    }
    let total: usize = all.values().sum();
    counts
        .iter()
        .map(|own| {
            let own_total: usize = own.values().sum();
            let other_total = total - own_total;
            if documents.len() < 2 || own_total == 0 || other_total == 0 {
                return Vec::new();
            }
            let mut terms: Vec<Term> = own
                .iter()
                .map(|(word, &count)| {
                    let prior = all[word] as f64;
                    let others = all[word] - count;
                    let z = log_odds_z(
                        count as f64,
                        own_total as f64,
                        others as f64,
                        other_total as f64,
                        prior,
                        total as f64,
                    );
                    Term {
                        word: (*word).to_owned(),
                        count,
                        others,
                        z: (z * 1000.0).round() / 1000.0,
                    }
                })
                .filter(|term| term.z >= SIGNIFICANT_Z && term.count >= PREFERRED_MIN_COUNT)
                .collect();
            terms.sort_by(|a, b| b.z.total_cmp(&a.z).then_with(|| a.word.cmp(&b.word)));
            terms.truncate(limit);
            terms
        })
        .collect()
}

/// The z-score of the weighted log-odds ratio for one word.
#[must_use]
pub fn log_odds_z(
    own: f64,
    own_total: f64,
    others: f64,
    other_total: f64,
    prior: f64,
    prior_total: f64,
) -> f64 {
    let own_odds = (own + prior) / (own_total + prior_total - own - prior);
    let other_odds = (others + prior) / (other_total + prior_total - others - prior);
    let delta = own_odds.ln() - other_odds.ln();
    let variance = 1.0 / (own + prior) + 1.0 / (others + prior);
    delta / variance.sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_formula_by_hand() {
        // y_i = 4 of n_i = 100, y_j = 1 of n_j = 100, α_w = 5, α_0 = 200:
        // δ = ln(9 / 291) − ln(6 / 294) = −3.4761 + 3.8918 = 0.4157;
        // σ² = 1/9 + 1/6 = 0.2778, σ = 0.5270; z = 0.7888.
        let z = log_odds_z(4.0, 100.0, 1.0, 100.0, 5.0, 200.0);
        assert!((z - 0.7888).abs() < 1e-3, "{z}");
    }

    #[test]
    fn a_word_one_outlet_repeats_stands_out() {
        let words = |text: &str| counted_words(text);
        let regime = "The regime rejected the proposal. The regime said talks were over. \
                      The regime closed the border. The regime arrested the envoy. \
                      The regime blamed the opposition. Talks ended.";
        let government = "The government rejected the proposal. The government said talks \
                          were over. The government closed the border. Officials arrested \
                          the envoy and blamed the opposition. Talks ended.";
        // Twice each: five uses in a report of 17 words are not yet
        // significant against two reports that never use the word (z 1.85).
        let twice = |text: &str| words(&format!("{text} {text}"));
        let documents = [
            twice(regime),
            twice(government),
            twice(&government.replace("said talks were over", "ended the talks")),
        ];
        let terms = distinctive_terms(&documents, 3);
        assert_eq!(terms[0].len(), 1, "{:?}", terms[0]);
        assert_eq!(terms[0][0].word, "regime");
        assert_eq!(terms[0][0].count, 10);
        assert!(terms[0][0].z >= SIGNIFICANT_Z);
        // Words shared evenly are not distinctive of anyone, and a word
        // used once or twice is no preference whatever its z.
        assert!(terms[1].is_empty() && terms[2].is_empty(), "{terms:?}");
    }

    #[test]
    fn contractions_stay_whole_and_possessives_count_as_their_noun() {
        assert_eq!(
            counted_words("They didn't say. Russia's envoy won’t come, O'Brien said."),
            ["say", "russia", "envoy", "come", "o'brien", "said"]
        );
    }
}
