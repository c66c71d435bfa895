//! Sentence pairs in the format of the Microsoft Research Paraphrase Corpus
//! (tab-separated: Quality, #1 ID, #2 ID, #1 String, #2 String; a header
//! line; Quality 1 when the two sentences say the same thing). parallax
//! predicts 1 when it would link the two sentences
//! ([`parallax_align::link_sentences`]) as verbatim, near or paraphrase; a
//! shared claim (one fact in common, each saying more) is not "the same
//! content" the pairs are labelled for.

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
    /// The sentence matcher's decision on each pair.
    pub measures: PairMeasures,
    /// The same pairs as two one-sentence documents through `compare`'s
    /// pipeline (reading, cleaning, alignment): linked or not.
    pub through_compare: PairMeasures,
    /// The share of pairs labelled 1: the accuracy of always answering 1.
    pub positive_share: f64,
}

/// Each sentence's vector from a sentence model, for every pair: the
/// first's and the second's.
pub type PairVectors = Vec<(Vec<f32>, Vec<f32>)>;

/// Embeds both sentences of every pair with `model`.
pub fn embed_pairs(
    pairs: &[SentencePair],
    model: &parallax_embed::Model,
) -> Result<PairVectors, EvalError> {
    let sentences: Vec<&str> = pairs
        .iter()
        .flat_map(|pair| [pair.first.as_str(), pair.second.as_str()])
        .collect();
    let mut vectors = model.embed(&sentences)?.into_iter();
    Ok(pairs
        .iter()
        .map(|_| {
            let first = vectors.next().unwrap_or_default();
            let second = vectors.next().unwrap_or_default();
            (first, second)
        })
        .collect())
}

/// Reads the pairs, predicts each and measures the predictions: with the
/// sentence model's vectors when `model` is given.
pub fn run(path: &Path, model: Option<&parallax_embed::Model>) -> Result<PairsReport, EvalError> {
    let pairs = read_pairs(path)?;
    let vectors = model.map(|model| embed_pairs(&pairs, model)).transpose()?;
    let measure = |predictions: Vec<bool>| {
        PairMeasures::compute(
            pairs
                .iter()
                .zip(predictions)
                .map(|(pair, predicted)| (pair.same_content, predicted)),
        )
    };
    let positives = pairs.iter().filter(|pair| pair.same_content).count();
    Ok(PairsReport {
        file: path.display().to_string(),
        measures: measure(predict(&pairs, vectors.as_deref())),
        through_compare: measure(predict_through_compare(&pairs, vectors.as_deref())),
        positive_share: if pairs.is_empty() {
            0.0
        } else {
            positives as f64 / pairs.len() as f64
        },
    })
}

/// parallax's prediction for each pair, in order.
#[must_use]
pub fn predict(pairs: &[SentencePair], vectors: Option<&[(Vec<f32>, Vec<f32>)]>) -> Vec<bool> {
    pairs
        .iter()
        .enumerate()
        .map(|(index, pair)| {
            let vectors = vectors
                .and_then(|vectors| vectors.get(index))
                .map(|(first, second)| (first.as_slice(), second.as_slice()));
            // A shared claim is not "the same content", which is what the
            // pairs are labelled for.
            parallax_align::link_sentences_with(&pair.first, &pair.second, vectors)
                .is_some_and(|(kind, _)| kind != parallax_core::LinkKind::Claim)
        })
        .collect()
}

/// Whether `compare` links the two sentences of each pair, each written as
/// a document of its own and prepared as `compare` prepares its inputs.
#[must_use]
pub fn predict_through_compare(
    pairs: &[SentencePair],
    vectors: Option<&[(Vec<f32>, Vec<f32>)]>,
) -> Vec<bool> {
    pairs
        .iter()
        .enumerate()
        .map(|(index, pair)| {
            let documents = vec![
                parallax_ingest::document_from_text("first", "first.txt", &pair.first),
                parallax_ingest::document_from_text("second", "second.txt", &pair.second),
            ];
            let mut prepared =
                parallax_pipeline::prepare(documents, &parallax_pipeline::Options::default());
            // Each document is one sentence (or the pair's split of it):
            // its vector is the sentence's when cleaning kept it whole.
            if let Some((first, second)) = vectors.and_then(|vectors| vectors.get(index)) {
                let whole = |number: usize| prepared.cleaned[number].body().count() == 1;
                if whole(0) && whole(1) {
                    prepared.vectors = vec![vec![first.clone()], vec![second.clone()]];
                }
            }
            let sides = prepared.sides();
            parallax_pipeline::compare_pair(sides[0], sides[1])
                .links
                .iter()
                .any(|link| link.kind != parallax_core::LinkKind::Claim)
        })
        .collect()
}

/// A logistic model: weights of the sentence features (the lexical ones,
/// and with a sentence model the cosine last), an intercept and the
/// probability from which it says "same content".
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Model {
    pub weights: Vec<f64>,
    pub bias: f64,
    pub threshold: f64,
}

impl Model {
    #[must_use]
    pub fn predicts(&self, features: &[f64]) -> bool {
        let z: f64 = self.bias
            + features
                .iter()
                .zip(&self.weights)
                .map(|(feature, weight)| feature * weight)
                .sum::<f64>();
        1.0 / (1.0 + (-z).exp()) >= self.threshold
    }
}

/// Cross-validation folds: fold k holds the pairs whose position is k
/// modulo this.
const FOLDS: usize = 10;

/// The strength of the L2 penalty on the weights (not the intercept), as
/// in the common default of logistic regression (C = 1).
const L2_PENALTY: f64 = 1.0;
const NEWTON_STEPS: usize = 40;

/// Fits an L2-regularised logistic regression by Newton's method. The
/// result depends only on the examples and their order.
#[must_use]
pub fn fit(examples: &[(Vec<f64>, bool)], threshold: f64) -> Model {
    let count = examples.first().map_or(0, |(features, _)| features.len());
    let size = count + 1;
    let mut theta = vec![0.0_f64; size];
    for _ in 0..NEWTON_STEPS {
        let mut gradient = vec![0.0_f64; size];
        let mut hessian = vec![vec![0.0_f64; size]; size];
        for (features, label) in examples {
            let mut row = features.clone();
            row.push(1.0);
            let z: f64 = row.iter().zip(&theta).map(|(x, t)| x * t).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            let error = f64::from(u8::from(*label)) - p;
            let weight = p * (1.0 - p);
            for i in 0..size {
                gradient[i] += error * row[i];
                for j in 0..size {
                    hessian[i][j] += weight * row[i] * row[j];
                }
            }
        }
        for i in 0..count {
            gradient[i] -= L2_PENALTY * theta[i];
            hessian[i][i] += L2_PENALTY;
        }
        let Some(step) = solve(hessian, gradient) else {
            break;
        };
        for (value, change) in theta.iter_mut().zip(step) {
            *value += change;
        }
    }
    let bias = theta.pop().unwrap_or(0.0);
    Model {
        weights: theta,
        bias,
        threshold,
    }
}

/// Solves `matrix · x = vector` by Gaussian elimination with partial
/// pivoting; `None` when the matrix is singular.
fn solve(mut matrix: Vec<Vec<f64>>, mut vector: Vec<f64>) -> Option<Vec<f64>> {
    let size = vector.len();
    for column in 0..size {
        let pivot = (column..size).max_by(|&left, &right| {
            matrix[left][column]
                .abs()
                .total_cmp(&matrix[right][column].abs())
        })?;
        if matrix[pivot][column].abs() < 1e-12 {
            return None;
        }
        matrix.swap(column, pivot);
        vector.swap(column, pivot);
        let pivot_row = matrix[column].clone();
        for row in column + 1..size {
            let factor = matrix[row][column] / pivot_row[column];
            for (cell, pivot_cell) in matrix[row][column..].iter_mut().zip(&pivot_row[column..]) {
                *cell -= factor * pivot_cell;
            }
            vector[row] -= factor * vector[column];
        }
    }
    let mut solution = vec![0.0; size];
    for row in (0..size).rev() {
        let known: f64 = (row + 1..size).map(|k| matrix[row][k] * solution[k]).sum();
        solution[row] = (vector[row] - known) / matrix[row][row];
    }
    Some(solution)
}

/// What `--fit` reports: the model fitted on all pairs, how it does on
/// them, and a 10-fold cross-validation estimate of how it does on pairs
/// it was not fitted on.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FitReport {
    pub model: Model,
    /// Whether the cosine of a sentence model's vectors was the last
    /// feature.
    pub with_meaning: bool,
    pub training: PairMeasures,
    pub cross_validated: PairMeasures,
}

/// Fits the sentence model on the pairs of `path`: on the lexical
/// features, and with `model` on them and the cosine of its vectors.
pub fn fit_file(
    path: &Path,
    model: Option<&parallax_embed::Model>,
) -> Result<FitReport, EvalError> {
    use parallax_align::similarity;
    let pairs = read_pairs(path)?;
    let vectors = model.map(|model| embed_pairs(&pairs, model)).transpose()?;
    let examples: Vec<(Vec<f64>, bool)> = pairs
        .iter()
        .enumerate()
        .map(|(index, pair)| {
            let mut features = similarity::sentence_features(&pair.first, &pair.second).to_vec();
            if let Some(vectors) = &vectors {
                let (first, second) = &vectors[index];
                features.push(f64::from(parallax_embed::cosine(first, second)));
            }
            (features, pair.same_content)
        })
        .collect();
    let threshold = if vectors.is_some() {
        similarity::MEANING_MIN_PROBABILITY
    } else {
        similarity::SAME_CONTENT_MIN_PROBABILITY
    };
    let fitted = fit(&examples, threshold);
    let training = PairMeasures::compute(
        examples
            .iter()
            .map(|(features, label)| (*label, fitted.predicts(features))),
    );
    let mut labels = Vec::with_capacity(examples.len());
    for fold in 0..FOLDS {
        let training_part: Vec<(Vec<f64>, bool)> = examples
            .iter()
            .enumerate()
            .filter(|(position, _)| position % FOLDS != fold)
            .map(|(_, example)| example.clone())
            .collect();
        let fold_model = fit(&training_part, threshold);
        labels.extend(
            examples
                .iter()
                .enumerate()
                .filter(|(position, _)| position % FOLDS == fold)
                .map(|(_, (features, label))| (*label, fold_model.predicts(features))),
        );
    }
    Ok(FitReport {
        model: fitted,
        with_meaning: vectors.is_some(),
        training,
        cross_validated: PairMeasures::compute(labels),
    })
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
        assert_eq!(predict(&pairs, None), [true, false]);
    }

    #[test]
    fn fitting_recovers_a_separating_direction() {
        // Label 1 exactly when the first feature is above one half: the fit
        // must put a large positive weight on it and predict every example.
        let examples: Vec<(Vec<f64>, bool)> = (0..200)
            .map(|step| {
                let mut features = vec![0.5; 17];
                features[0] = f64::from(step) / 200.0;
                features[1] = f64::from(step % 7) / 7.0;
                let label = features[0] > 0.5;
                (features, label)
            })
            .collect();
        let model = fit(&examples, 0.5);
        assert!(model.weights[0] > 5.0, "{model:?}");
        assert!(model.weights[0] > 5.0 * model.weights[1].abs());
        let wrong = examples
            .iter()
            .filter(|(features, label)| model.predicts(features) != *label)
            .count();
        assert!(wrong <= 4, "{wrong} of 200 wrong");
    }

    #[test]
    fn solves_linear_systems() {
        let solution = solve(vec![vec![2.0, 1.0], vec![1.0, 3.0]], vec![3.0, 5.0]).unwrap();
        assert!((solution[0] - 0.8).abs() < 1e-12 && (solution[1] - 1.4).abs() < 1e-12);
        assert!(solve(vec![vec![1.0, 2.0], vec![2.0, 4.0]], vec![1.0, 2.0]).is_none());
    }
}
