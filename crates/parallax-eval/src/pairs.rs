//! Sentence pairs in the format of the Microsoft Research Paraphrase Corpus
//! (tab-separated: Quality, #1 ID, #2 ID, #1 String, #2 String; a header
//! line; Quality 1 when the two sentences say the same thing). parallax
//! predicts 1 when it would link the two sentences
//! ([`parallax_align::link_sentences`]).

use crate::EvalError;
use std::path::Path;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentencePair {
    /// Line number in the file.
    pub line: usize,
    pub same_content: bool,
    pub first: String,
    pub second: String,
}

/// Reads the pairs. The header line (starting with "Quality") is skipped.
pub fn read_pairs(path: &Path) -> Result<Vec<SentencePair>, EvalError> {
    let display = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Unreadable {
        path: display.clone(),
        source,
    })?;
    let mut pairs = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line_number = index + 1;
        let line = line.trim_start_matches('\u{feff}');
        if line.trim().is_empty() || (index == 0 && line.starts_with("Quality")) {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let bad = |reason: &str| EvalError::Format {
            path: format!("{display}:{line_number}"),
            reason: reason.to_owned(),
        };
        if fields.len() != 5 {
            return Err(bad("expected 5 tab-separated fields"));
        }
        let same_content = match fields[0].trim() {
            "1" => true,
            "0" => false,
            _ => return Err(bad("Quality must be 0 or 1")),
        };
        pairs.push(SentencePair {
            line: line_number,
            same_content,
            first: fields[3].to_owned(),
            second: fields[4].to_owned(),
        });
    }
    Ok(pairs)
}

/// Binary classification measures, positive = same content.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct PairMeasures {
    pub pairs: usize,
    pub true_positives: usize,
    pub false_positives: usize,
    pub true_negatives: usize,
    pub false_negatives: usize,
    pub accuracy: f64,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl PairMeasures {
    /// From (gold, predicted) labels.
    #[must_use]
    pub fn compute(labels: impl IntoIterator<Item = (bool, bool)>) -> Self {
        let (mut true_positives, mut false_positives, mut true_negatives, mut false_negatives) =
            (0, 0, 0, 0);
        for (gold, predicted) in labels {
            match (gold, predicted) {
                (true, true) => true_positives += 1,
                (false, true) => false_positives += 1,
                (false, false) => true_negatives += 1,
                (true, false) => false_negatives += 1,
            }
        }
        let pairs = true_positives + false_positives + true_negatives + false_negatives;
        let ratio = |part: usize, whole: usize| {
            if whole == 0 {
                0.0
            } else {
                part as f64 / whole as f64
            }
        };
        let precision = ratio(true_positives, true_positives + false_positives);
        let recall = ratio(true_positives, true_positives + false_negatives);
        Self {
            pairs,
            true_positives,
            false_positives,
            true_negatives,
            false_negatives,
            accuracy: ratio(true_positives + true_negatives, pairs),
            precision,
            recall,
            f1: if precision + recall > 0.0 {
                2.0 * precision * recall / (precision + recall)
            } else {
                0.0
            },
        }
    }
}

/// A whole run over a file of sentence pairs.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PairsReport {
    pub file: String,
    pub measures: PairMeasures,
    /// The share of pairs labelled 1: the accuracy of always answering 1.
    pub positive_share: f64,
}

/// Reads the pairs, predicts each and measures the predictions.
pub fn run(path: &Path) -> Result<PairsReport, EvalError> {
    let pairs = read_pairs(path)?;
    let predictions = predict(&pairs);
    let positives = pairs.iter().filter(|pair| pair.same_content).count();
    Ok(PairsReport {
        file: path.display().to_string(),
        measures: PairMeasures::compute(
            pairs
                .iter()
                .zip(predictions)
                .map(|(pair, predicted)| (pair.same_content, predicted)),
        ),
        positive_share: if pairs.is_empty() {
            0.0
        } else {
            positives as f64 / pairs.len() as f64
        },
    })
}

/// parallax's prediction for each pair, in order.
#[must_use]
pub fn predict(pairs: &[SentencePair]) -> Vec<bool> {
    pairs
        .iter()
        .map(|pair| parallax_align::link_sentences(&pair.first, &pair.second).is_some())
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::float_cmp,
        reason = "the expected values are exact fractions computed by hand"
    )]
    use super::*;

    #[test]
    fn measures_from_a_confusion_table() {
        // 3 true positives, 1 false positive, 1 true negative, 1 false negative.
        let measures = PairMeasures::compute([
            (true, true),
            (true, true),
            (true, true),
            (false, true),
            (false, false),
            (true, false),
        ]);
        assert_eq!(measures.accuracy, 4.0 / 6.0);
        assert_eq!(measures.precision, 3.0 / 4.0);
        assert_eq!(measures.recall, 3.0 / 4.0);
        assert_eq!(measures.f1, 0.75);
    }

    #[test]
    fn reads_the_msrp_layout() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("pairs.tsv");
        std::fs::write(
            &path,
            "Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\n\
             1\t11\t12\tThe talks ended on Friday .\tTalks ended Friday .\n\
             0\t13\t14\tA \"quoted\" word .\tSomething else entirely .\n",
        )
        .unwrap();
        let pairs = read_pairs(&path).unwrap();
        assert_eq!(pairs.len(), 2);
        assert!(pairs[0].same_content && !pairs[1].same_content);
        assert_eq!(pairs[1].first, "A \"quoted\" word .");
        assert_eq!(pairs[1].line, 3);
        std::fs::write(&path, "1\tonly\tthree\n").unwrap();
        assert_eq!(
            read_pairs(&path).unwrap_err().to_string(),
            format!("{}:1: expected 5 tab-separated fields", path.display())
        );
    }

    #[test]
    fn predictions_follow_the_aligner() {
        let pairs = [
            SentencePair {
                line: 2,
                same_content: true,
                first: "The proposals were handed over to a US representative at a meeting on December 15.".into(),
                second: "These documents were handed over to the US side at a meeting on December 15.".into(),
            },
            SentencePair {
                line: 3,
                same_content: false,
                first: "Shares of the company fell 3 percent in early trading.".into(),
                second: "The festival drew record crowds despite the rain.".into(),
            },
        ];
        assert_eq!(predict(&pairs), [true, false]);
    }
}
