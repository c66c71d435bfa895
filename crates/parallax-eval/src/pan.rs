//! The PAN text-alignment task: find the passages of a suspicious document
//! reused from a source document. The measures are those of Potthast et
//! al., "An Evaluation Framework for Plagiarism Detection" (COLING 2010):
//! macro-averaged character precision and recall over all cases and
//! detections of the corpus, granularity, and plagdet.
//!
//! A case or a detection is a pair of character ranges, one in the
//! suspicious document and one in the source. A detection detects a case
//! when both ranges overlap and they concern the same two documents.
//! With `s ⊓ r` the characters of `s` inside `r` when `r` detects `s`:
//! - precision = mean over detections r of |⋃_s (s ⊓ r)| ÷ |r|
//! - recall = mean over cases s of |⋃_r (s ⊓ r)| ÷ |s|
//! - granularity = mean over detected cases of the number of detections
//!   that detect each
//! - plagdet = F1 ÷ log2(1 + granularity)

use crate::EvalError;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// One reuse: characters of the suspicious document and of the source.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Reuse {
    pub suspicious: String,
    pub source: String,
    pub suspicious_range: Range<usize>,
    pub source_range: Range<usize>,
    /// For a gold case, the obfuscation PAN says it applied ("none" when
    /// the passage was copied as it is).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub obfuscation: Option<String>,
}

impl Reuse {
    fn size(&self) -> usize {
        self.suspicious_range.len() + self.source_range.len()
    }

    fn detects(&self, case: &Reuse) -> bool {
        self.suspicious == case.suspicious
            && self.source == case.source
            && overlap(&self.suspicious_range, &case.suspicious_range) > 0
            && overlap(&self.source_range, &case.source_range) > 0
    }
}

fn overlap(left: &Range<usize>, right: &Range<usize>) -> usize {
    left.end
        .min(right.end)
        .saturating_sub(left.start.max(right.start))
}

/// Characters of `of` covered by the union of `by`.
fn covered(of: &Range<usize>, by: &[Range<usize>]) -> usize {
    let mut pieces: Vec<Range<usize>> = by
        .iter()
        .map(|range| range.start.max(of.start)..range.end.min(of.end))
        .filter(|range| range.start < range.end)
        .collect();
    pieces.sort_by_key(|range| range.start);
    let mut total = 0;
    let mut reach = of.start;
    for piece in pieces {
        let start = piece.start.max(reach);
        if piece.end > start {
            total += piece.end - start;
            reach = piece.end;
        }
    }
    total
}

/// The PAN measures of a set of detections against the gold cases.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct PanMeasures {
    pub cases: usize,
    pub detections: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub granularity: f64,
    pub plagdet: f64,
}

impl PanMeasures {
    #[must_use]
    pub fn compute(cases: &[Reuse], detections: &[Reuse]) -> Self {
        let part = |of: &Reuse, others: &[&Reuse]| {
            let suspicious: Vec<Range<usize>> = others
                .iter()
                .map(|other| other.suspicious_range.clone())
                .collect();
            let source: Vec<Range<usize>> = others
                .iter()
                .map(|other| other.source_range.clone())
                .collect();
            covered(&of.suspicious_range, &suspicious) + covered(&of.source_range, &source)
        };
        let precision = if detections.is_empty() {
            0.0
        } else {
            detections
                .iter()
                .map(|detection| {
                    let found: Vec<&Reuse> = cases
                        .iter()
                        .filter(|case| detection.detects(case))
                        .collect();
                    part(detection, &found) as f64 / detection.size().max(1) as f64
                })
                .sum::<f64>()
                / detections.len() as f64
        };
        let mut detected: usize = 0;
        let mut detections_of_detected = 0;
        let recall = if cases.is_empty() {
            0.0
        } else {
            cases
                .iter()
                .map(|case| {
                    let found: Vec<&Reuse> = detections
                        .iter()
                        .filter(|detection| detection.detects(case))
                        .collect();
                    if !found.is_empty() {
                        detected += 1;
                        detections_of_detected += found.len();
                    }
                    part(case, &found) as f64 / case.size().max(1) as f64
                })
                .sum::<f64>()
                / cases.len() as f64
        };
        let granularity = if detected == 0 {
            1.0
        } else {
            detections_of_detected as f64 / detected as f64
        };
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Self {
            cases: cases.len(),
            detections: detections.len(),
            precision,
            recall,
            f1,
            granularity,
            plagdet: f1 / (1.0 + granularity).log2(),
        }
    }
}

/// A PAN text-alignment corpus: `pairs`, `susp/`, `src/`, `gold/`.
#[derive(Debug, Clone)]
pub struct PanCorpus {
    pub directory: PathBuf,
    /// (suspicious file name, source file name), in the order of `pairs`.
    pub pairs: Vec<(String, String)>,
    pub cases: Vec<Reuse>,
}

impl PanCorpus {
    pub fn read(directory: &Path) -> Result<Self, EvalError> {
        let pairs_path = directory.join("pairs");
        let pairs_text = read_text(&pairs_path)?;
        let mut pairs = Vec::new();
        for (number, line) in pairs_text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let mut names = line.split_whitespace();
            match (names.next(), names.next(), names.next()) {
                (Some(suspicious), Some(source), None) => {
                    pairs.push((suspicious.to_owned(), source.to_owned()));
                }
                _ => {
                    return Err(EvalError::Format {
                        path: format!("{}:{}", pairs_path.display(), number + 1),
                        reason: "expected two file names".to_owned(),
                    });
                }
            }
        }
        let mut cases = Vec::new();
        for (suspicious, source) in &pairs {
            let gold = directory.join("gold").join(format!(
                "{}-{}.xml",
                suspicious.trim_end_matches(".txt"),
                source.trim_end_matches(".txt")
            ));
            cases.extend(read_gold(&gold, suspicious)?);
        }
        Ok(Self {
            directory: directory.to_path_buf(),
            pairs,
            cases,
        })
    }

    #[must_use]
    pub fn suspicious_path(&self, name: &str) -> PathBuf {
        self.directory.join("susp").join(name)
    }

    #[must_use]
    pub fn source_path(&self, name: &str) -> PathBuf {
        self.directory.join("src").join(name)
    }
}

fn read_text(path: &Path) -> Result<String, EvalError> {
    std::fs::read_to_string(path).map_err(|source| EvalError::Unreadable {
        path: path.display().to_string(),
        source,
    })
}

/// The plagiarism cases of one gold file: `<feature name="plagiarism"
/// this_offset this_length source_reference source_offset source_length/>`.
fn read_gold(path: &Path, suspicious: &str) -> Result<Vec<Reuse>, EvalError> {
    use quick_xml::events::Event;
    let text = read_text(path)?;
    let display = path.display().to_string();
    let bad = |reason: String| EvalError::Format {
        path: display.clone(),
        reason,
    };
    let mut reader = quick_xml::Reader::from_str(&text);
    let mut cases = Vec::new();
    loop {
        let event = reader
            .read_event()
            .map_err(|error| bad(format!("not valid XML: {error}")))?;
        let element = match &event {
            Event::Empty(element) | Event::Start(element) => element,
            Event::Eof => break,
            _ => continue,
        };
        if element.name().as_ref() != "feature" {
            continue;
        }
        let mut name = None;
        let mut numbers = [None; 4];
        let mut source = None;
        let mut obfuscation = None;
        for attribute in element.attributes() {
            let attribute = attribute.map_err(|error| bad(format!("bad attribute: {error}")))?;
            let value = attribute
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|error| bad(format!("bad attribute value: {error}")))?
                .into_owned();
            let slot = match attribute.key.as_ref() {
                "name" => {
                    name = Some(value);
                    continue;
                }
                "source_reference" => {
                    source = Some(value);
                    continue;
                }
                "obfuscation" => {
                    obfuscation = Some(value);
                    continue;
                }
                "this_offset" => 0,
                "this_length" => 1,
                "source_offset" => 2,
                "source_length" => 3,
                _ => continue,
            };
            numbers[slot] = Some(
                value
                    .parse::<usize>()
                    .map_err(|_| bad(format!("not a number: {value:?}")))?,
            );
        }
        if name.as_deref() != Some("plagiarism") {
            continue;
        }
        let [
            Some(this_offset),
            Some(this_length),
            Some(source_offset),
            Some(source_length),
        ] = numbers
        else {
            return Err(bad(
                "a plagiarism feature without its offsets and lengths".to_owned()
            ));
        };
        cases.push(Reuse {
            suspicious: suspicious.to_owned(),
            source: source.ok_or_else(|| bad("no source_reference".to_owned()))?,
            suspicious_range: this_offset..this_offset + this_length,
            source_range: source_offset..source_offset + source_length,
            obfuscation,
        });
    }
    Ok(cases)
}

/// Byte offsets to character offsets, as PAN counts.
#[must_use]
pub fn character_offset(text: &str, byte: usize) -> usize {
    text[..byte.min(text.len())].chars().count()
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::float_cmp,
        reason = "the expected values are exact fractions computed by hand"
    )]
    use super::*;

    fn reuse(suspicious: Range<usize>, source: Range<usize>) -> Reuse {
        Reuse {
            suspicious: "s.txt".into(),
            source: "r.txt".into(),
            suspicious_range: suspicious,
            source_range: source,
            obfuscation: None,
        }
    }

    #[test]
    fn exact_detection_is_perfect() {
        let case = reuse(100..200, 0..100);
        let measures =
            PanMeasures::compute(std::slice::from_ref(&case), std::slice::from_ref(&case));
        assert_eq!(measures.precision, 1.0);
        assert_eq!(measures.recall, 1.0);
        assert_eq!(measures.granularity, 1.0);
        assert_eq!(measures.plagdet, 1.0);
    }

    #[test]
    fn split_and_overlong_detections() {
        // Case: 100 + 100 characters. Two detections cover its first and
        // second halves, the second running 50 characters past its end on
        // both sides.
        let case = reuse(100..200, 0..100);
        let first = reuse(100..150, 0..50);
        let second = reuse(150..250, 50..150);
        let measures = PanMeasures::compute(&[case], &[first, second]);
        // Precision: first 100/100; second 100/200 → mean 0.75.
        assert_eq!(measures.precision, 0.75);
        assert_eq!(measures.recall, 1.0);
        assert_eq!(measures.granularity, 2.0);
        let f1 = 2.0 * 0.75 / 1.75;
        assert_eq!(measures.plagdet, f1 / 3.0_f64.log2());
    }

    #[test]
    fn detections_must_overlap_on_both_sides_and_in_the_same_pair() {
        let case = reuse(100..200, 0..100);
        let wrong_source = reuse(100..200, 500..600);
        let mut other_pair = case.clone();
        other_pair.source = "other.txt".into();
        let measures = PanMeasures::compute(&[case], &[wrong_source, other_pair]);
        assert_eq!(measures.precision, 0.0);
        assert_eq!(measures.recall, 0.0);
        assert_eq!(measures.plagdet, 0.0);
        // No detection at all.
        let none = PanMeasures::compute(&[reuse(0..10, 0..10)], &[]);
        assert_eq!(
            (none.precision, none.recall, none.granularity),
            (0.0, 0.0, 1.0)
        );
    }

    #[test]
    fn union_of_overlapping_detections_counts_each_character_once() {
        assert_eq!(covered(&(0..100), &[10..30, 20..40, 90..150]), 40);
    }

    #[test]
    fn gold_ranges_with_a_slip_or_two_are_the_same_passage() {
        let source = "The Attorneys General of both states filed the motion on Monday, \
            asking the court to set aside the ruling before the end of the year.";
        let slipped = source.replace("Attorneys", "Attomeys");
        assert!(same_passage(&slipped, source));
        assert!(same_passage(&source.replace(' ', "  "), source));
        let other = source.replace("Monday", "Friday").replace("end", "start");
        assert!(!same_passage(&other, source));
    }

    #[test]
    fn reads_the_corpus_layout() {
        let directory = tempfile::tempdir().unwrap();
        let root = directory.path();
        for folder in ["susp", "src", "gold"] {
            std::fs::create_dir(root.join(folder)).unwrap();
        }
        std::fs::write(root.join("pairs"), "suspicious-1.txt source-9.txt\n").unwrap();
        std::fs::write(
            root.join("gold/suspicious-1-source-9.xml"),
            r#"<document reference="suspicious-1.txt">
<feature name="plagiarism" obfuscation="none" source_length="20" source_offset="5" source_reference="source-9.txt" this_length="20" this_offset="40" type="artificial" />
<feature name="about" language="en" />
</document>"#,
        )
        .unwrap();
        let corpus = PanCorpus::read(root).unwrap();
        assert_eq!(
            corpus.pairs,
            [("suspicious-1.txt".to_owned(), "source-9.txt".to_owned())]
        );
        assert_eq!(
            corpus.cases,
            [Reuse {
                suspicious: "suspicious-1.txt".into(),
                source: "source-9.txt".into(),
                suspicious_range: 40..60,
                source_range: 5..25,
                obfuscation: Some("none".into()),
            }]
        );
        // Gold check: the first 20 characters of the source are copied at
        // character 40 of the suspicious document (one "é" before them,
        // counted as one character, as PAN counts); a second case points
        // its suspicious range at other text.
        std::fs::write(
            root.join("src/source-9.txt"),
            "Lead The port reopened on Tuesday. Later text.",
        )
        .unwrap();
        let mut suspicious = "é".to_owned();
        suspicious.push_str(&"x".repeat(34));
        suspicious.push_str(" ok: The port reopened on Tuesday. More of its own words.");
        std::fs::write(root.join("susp/suspicious-1.txt"), &suspicious).unwrap();
        let mut corpus = PanCorpus::read(root).unwrap();
        let (check, fits) = check_gold(&corpus).unwrap();
        assert_eq!((check.unobfuscated, check.fitting), (1, 1), "{check:?}");
        assert_eq!(fits, [true]);
        corpus.cases.push(Reuse {
            suspicious_range: 0..20,
            ..corpus.cases[0].clone()
        });
        let (check, fits) = check_gold(&corpus).unwrap();
        assert_eq!((check.unobfuscated, check.fitting), (2, 1));
        assert_eq!(fits, [true, false]);
        assert_eq!(check.examples[0].source_start, "The port reopened on");
        assert!(check.examples[0].suspicious_start.starts_with("éxxx"));

        std::fs::write(root.join("pairs"), "only-one-name.txt\n").unwrap();
        assert!(
            PanCorpus::read(root)
                .unwrap_err()
                .to_string()
                .contains("pairs:1")
        );
    }
}

/// A whole run over a PAN corpus.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PanReport {
    pub corpus: String,
    pub pairs: usize,
    pub measures: PanMeasures,
    /// Whether the gold offsets fit the texts.
    pub gold_check: GoldCheck,
    /// The measures on the pairs whose every case passes the gold check
    /// (pairs without cases included).
    pub measures_where_gold_fits: PanMeasures,
    /// Whether corpus mode's candidate generation would have proposed the
    /// corpus's pairs, had it been given all its documents at once.
    pub candidates: CandidateReport,
    /// What parallax found, for looking into the measures.
    pub detections: Vec<Reuse>,
}

/// Candidate pairs among all the corpus's documents, against its pairs.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CandidateReport {
    pub documents: usize,
    /// Every pair of documents: what all-pairs comparison would align.
    pub all_pairs: usize,
    /// The corpus's pairs with at least one case of reuse.
    pub gold_pairs: usize,
    pub lsh_parameters: parallax_corpus::index::LshParameters,
    /// Whole-document MinHash LSH over word 5-grams at Jaccard 0.5.
    pub whole_document: CandidateMeasure,
    /// Sampled content-word 6-grams shared by two documents.
    pub passages: CandidateMeasure,
    /// Either index.
    pub either: CandidateMeasure,
}

#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct CandidateMeasure {
    pub candidates: usize,
    pub gold_found: usize,
    pub recall: f64,
}

/// Indexes every document of the corpus as `parallax corpus` does and
/// measures which of the corpus's pairs each index proposes.
pub fn candidates(corpus: &PanCorpus) -> Result<CandidateReport, EvalError> {
    use parallax_corpus::index::CorpusIndex;
    let mut names: Vec<PathBuf> = Vec::new();
    for folder in ["susp", "src"] {
        let directory = corpus.directory.join(folder);
        names.extend(crate::sorted_entries(&directory, |path| {
            crate::has_extension(path, "txt")
        })?);
    }
    let mut indexes = CorpusIndex::new();
    let prepared = crate::read_and_prepare(&names)?;
    for (number, side) in prepared.sides().into_iter().enumerate() {
        let number = u32::try_from(number).unwrap_or(u32::MAX);
        indexes.insert(number, &parallax_pipeline::body_word_hashes(side));
    }
    let index: std::collections::HashMap<&PathBuf, u32> = names
        .iter()
        .enumerate()
        .map(|(number, path)| (path, u32::try_from(number).unwrap_or(u32::MAX)))
        .collect();
    // The pairs with at least one case of reuse; a listed pair without
    // one is a negative.
    let gold: std::collections::HashSet<(u32, u32)> = corpus
        .cases
        .iter()
        .filter_map(|case| {
            let a = *index.get(&corpus.suspicious_path(&case.suspicious))?;
            let b = *index.get(&corpus.source_path(&case.source))?;
            Some((a.min(b), a.max(b)))
        })
        .collect();
    let measure = |pairs: &[(u32, u32)]| {
        let gold_found = pairs.iter().filter(|pair| gold.contains(pair)).count();
        CandidateMeasure {
            candidates: pairs.len(),
            gold_found,
            recall: if gold.is_empty() {
                0.0
            } else {
                gold_found as f64 / gold.len() as f64
            },
        }
    };
    let (whole, shared) = indexes.candidates();
    let mut either: Vec<(u32, u32)> = whole.iter().chain(&shared).copied().collect();
    either.sort_unstable();
    either.dedup();
    Ok(CandidateReport {
        documents: names.len(),
        all_pairs: names.len() * names.len().saturating_sub(1) / 2,
        gold_pairs: gold.len(),
        lsh_parameters: indexes.lsh_parameters(),
        whole_document: measure(&whole),
        passages: measure(&shared),
        either: measure(&either),
    })
}

/// A copied passage ("obfuscation none") has the same words at its two
/// gold ranges. When it does not, the offsets were computed on other
/// versions of the texts (a re-encoded or re-extracted copy of the
/// corpus), and no detector can score well against them.
#[derive(Debug, Clone, serde::Serialize)]
pub struct GoldCheck {
    /// Cases marked `obfuscation="none"`.
    pub unobfuscated: usize,
    /// Those whose two ranges hold the same words (case and punctuation
    /// aside), or text at least [`GOLD_MIN_SIMILARITY`] alike as characters.
    pub fitting: usize,
    /// The first few that do not, with the start of each range's text.
    pub examples: Vec<GoldMismatch>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct GoldMismatch {
    pub suspicious: String,
    pub source: String,
    pub suspicious_start: String,
    pub source_start: String,
}

/// How many mismatches the report quotes.
const GOLD_EXAMPLES: usize = 3;

/// Character similarity (1 − Levenshtein distance ÷ the longer length, on
/// lower-cased text with runs of spaces folded) from which two gold ranges
/// hold the same passage: the corrected corpus keeps OCR-like slips on one
/// side ("Attomeys" for "Attorneys").
pub const GOLD_MIN_SIMILARITY: f64 = 0.98;

/// Whether two gold ranges hold the same passage: the same words, or the
/// same characters but for a few slips.
fn same_passage(suspicious: &str, source: &str) -> bool {
    if words(suspicious) == words(source) {
        return true;
    }
    let folded = |text: &str| -> Vec<char> {
        text.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
            .chars()
            .collect()
    };
    rapidfuzz::distance::levenshtein::normalized_similarity(folded(suspicious), folded(source))
        >= GOLD_MIN_SIMILARITY
}

fn character_slice(text: &str, range: &Range<usize>) -> String {
    text.chars()
        .skip(range.start)
        .take(range.end.saturating_sub(range.start))
        .collect()
}

fn words(text: &str) -> Vec<String> {
    text.split(|character: char| !character.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Checks every unobfuscated case; returns the check and, for each case,
/// whether it fits (obfuscated cases count as fitting: their texts differ
/// by design).
fn check_gold(corpus: &PanCorpus) -> Result<(GoldCheck, Vec<bool>), EvalError> {
    let mut texts: std::collections::HashMap<PathBuf, String> = std::collections::HashMap::new();
    let mut text_of = |path: PathBuf| -> Result<String, EvalError> {
        if let Some(text) = texts.get(&path) {
            return Ok(text.clone());
        }
        let text = read_text(&path)?;
        texts.insert(path, text.clone());
        Ok(text)
    };
    let mut check = GoldCheck {
        unobfuscated: 0,
        fitting: 0,
        examples: Vec::new(),
    };
    let mut fits = Vec::with_capacity(corpus.cases.len());
    for case in &corpus.cases {
        if case.obfuscation.as_deref() != Some("none") {
            fits.push(true);
            continue;
        }
        check.unobfuscated += 1;
        let suspicious = character_slice(
            &text_of(corpus.suspicious_path(&case.suspicious))?,
            &case.suspicious_range,
        );
        let source = character_slice(
            &text_of(corpus.source_path(&case.source))?,
            &case.source_range,
        );
        let fit = same_passage(&suspicious, &source);
        fits.push(fit);
        if fit {
            check.fitting += 1;
        } else if check.examples.len() < GOLD_EXAMPLES {
            let start = |text: &str| -> String {
                text.split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .chars()
                    .take(60)
                    .collect()
            };
            check.examples.push(GoldMismatch {
                suspicious: case.suspicious.clone(),
                source: case.source.clone(),
                suspicious_start: start(&suspicious),
                source_start: start(&source),
            });
        }
    }
    Ok((check, fits))
}

/// Reads the corpus, runs parallax on it and measures the detections.
pub fn run(
    directory: &Path,
    model: Option<&parallax_embed::Model>,
) -> Result<PanReport, EvalError> {
    let corpus = PanCorpus::read(directory)?;
    let detections = detect(&corpus, model)?;
    let (gold_check, fits) = check_gold(&corpus)?;
    let unfit_pairs: std::collections::HashSet<(&str, &str)> = corpus
        .cases
        .iter()
        .zip(&fits)
        .filter(|(_, fit)| !**fit)
        .map(|(case, _)| (case.suspicious.as_str(), case.source.as_str()))
        .collect();
    let fits_pair =
        |reuse: &&Reuse| !unfit_pairs.contains(&(reuse.suspicious.as_str(), reuse.source.as_str()));
    let fitting_cases: Vec<Reuse> = corpus.cases.iter().filter(fits_pair).cloned().collect();
    let fitting_detections: Vec<Reuse> = detections.iter().filter(fits_pair).cloned().collect();
    Ok(PanReport {
        corpus: directory.display().to_string(),
        pairs: corpus.pairs.len(),
        measures: PanMeasures::compute(&corpus.cases, &detections),
        gold_check,
        measures_where_gold_fits: PanMeasures::compute(&fitting_cases, &fitting_detections),
        candidates: candidates(&corpus)?,
        detections,
    })
}

/// Runs parallax on every pair of the corpus: each document read and
/// cleaned as `compare` would, each pair aligned, and every passage
/// reported as a detection (in characters, as PAN counts).
pub fn detect(
    corpus: &PanCorpus,
    model: Option<&parallax_embed::Model>,
) -> Result<Vec<Reuse>, EvalError> {
    let mut paths: Vec<PathBuf> = corpus
        .pairs
        .iter()
        .flat_map(|(suspicious, source)| {
            [
                corpus.suspicious_path(suspicious),
                corpus.source_path(source),
            ]
        })
        .collect();
    paths.sort();
    paths.dedup();
    let mut prepared = crate::read_and_prepare(&paths)?;
    if let Some(model) = model {
        prepared.embed(model)?;
    }
    let sides = prepared.sides();
    let side_of = |path: &PathBuf| sides[paths.binary_search(path).unwrap_or_default()];
    let mut detections = Vec::new();
    for (suspicious, source) in &corpus.pairs {
        let (suspicious_side, source_side) = (
            side_of(&corpus.suspicious_path(suspicious)),
            side_of(&corpus.source_path(source)),
        );
        let alignment = parallax_align::align(suspicious_side, source_side);
        let (suspicious_document, source_document) =
            (suspicious_side.document, source_side.document);
        for passage in alignment.passages {
            let chars = |text: &str, start: usize, end: usize| {
                character_offset(text, start)..character_offset(text, end)
            };
            detections.push(Reuse {
                suspicious: suspicious.clone(),
                source: source.clone(),
                suspicious_range: chars(&suspicious_document.text, passage.a.start, passage.a.end),
                obfuscation: None,
                source_range: chars(&source_document.text, passage.b.start, passage.b.end),
            });
        }
    }
    Ok(detections)
}
