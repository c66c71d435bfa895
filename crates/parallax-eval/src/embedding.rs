//! A sentence model against the vectors sentence-transformers gives for the
//! same sentences: how alike they are (cosine), how fast the model loads
//! and how many sentences a second it embeds.

use crate::EvalError;
use parallax_embed::{Model, cosine};
use std::path::Path;

/// One sentence and the vector the reference implementation gave it.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Reference {
    pub sentence: String,
    pub vector: Vec<f32>,
}

/// What the check measured.
#[derive(Debug, Clone, serde::Serialize)]
pub struct EmbeddingReport {
    pub model: String,
    pub sentences: usize,
    /// The lowest and the median cosine between parallax's vector and the
    /// reference's for the same sentence.
    pub lowest_cosine: f64,
    pub median_cosine: f64,
    /// The sentence with the lowest cosine.
    pub worst: String,
    pub load_milliseconds: f64,
    /// Sentences embedded a second, all of them in one call (median of
    /// three runs).
    pub sentences_per_second: f64,
}

/// Reads `REFERENCE.jsonl` (one `{"sentence", "vector"}` a line).
pub fn read_references(path: &Path) -> Result<Vec<Reference>, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Unreadable {
        path: path.display().to_string(),
        source,
    })?;
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(number, line)| {
            serde_json::from_str(line).map_err(|error| EvalError::Format {
                path: format!("{}:{}", path.display(), number + 1),
                reason: error.to_string(),
            })
        })
        .collect()
}

/// Loads the model in `folder` and holds its vectors against the
/// references.
pub fn run(folder: &Path, references: &Path) -> Result<EmbeddingReport, EvalError> {
    let references = read_references(references)?;
    let clock = std::time::Instant::now();
    let model = Model::load(folder)?;
    let load_milliseconds = clock.elapsed().as_secs_f64() * 1000.0;
    let sentences: Vec<&str> = references
        .iter()
        .map(|reference| reference.sentence.as_str())
        .collect();
    let mut timings = Vec::new();
    let mut vectors = Vec::new();
    for _ in 0..3 {
        let clock = std::time::Instant::now();
        vectors = model.embed(&sentences)?;
        timings.push(clock.elapsed().as_secs_f64());
    }
    timings.sort_by(f64::total_cmp);
    let mut cosines: Vec<(f64, usize)> = vectors
        .iter()
        .zip(&references)
        .enumerate()
        .map(|(index, (vector, reference))| (f64::from(cosine(vector, &reference.vector)), index))
        .collect();
    cosines.sort_by(|left, right| left.0.total_cmp(&right.0));
    let (lowest, worst) = cosines.first().copied().unwrap_or((0.0, 0));
    Ok(EmbeddingReport {
        model: folder.display().to_string(),
        sentences: references.len(),
        lowest_cosine: lowest,
        median_cosine: cosines.get(cosines.len() / 2).map_or(0.0, |found| found.0),
        worst: references
            .get(worst)
            .map(|reference| reference.sentence.clone())
            .unwrap_or_default(),
        load_milliseconds: (load_milliseconds * 10.0).round() / 10.0,
        sentences_per_second: (references.len() as f64 / timings[1].max(1e-9)).round(),
    })
}
