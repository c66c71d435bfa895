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

/// Words that count: lower-cased body words of three letters or more, not
/// stop words or numbers.
#[must_use]
pub fn counted_words(text: &str) -> Vec<String> {
    parallax_core::words(text)
        .map(str::to_lowercase)
        .filter(|word| {
            word.chars().count() >= 3
                && !word.chars().all(|c| c.is_ascii_digit())
                && !parallax_core::is_stopword(word)
        })
        .collect()
}

/// For each document (its counted words), the words it prefers most over
/// the others: at most `limit`, z-score first, only those with z > 0.
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
                .filter(|term| term.z > 0.0)
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
        let documents = [
            words(
                "The regime rejected the proposal. The regime said talks were over. Talks ended.",
            ),
            words(
                "The government rejected the proposal. The government said talks were over. Talks ended.",
            ),
            words("The government turned down the proposal and talks ended on Friday."),
        ];
        let terms = distinctive_terms(&documents, 3);
        assert_eq!(terms[0][0].word, "regime");
        assert_eq!(terms[0][0].count, 2);
        assert!(
            terms[0]
                .iter()
                .all(|term| term.word != "talks" || term.z < terms[0][0].z)
        );
        // Words shared evenly are not distinctive of anyone.
        assert!(terms[1].iter().all(|term| term.word != "proposal"));
    }
}
