//! Same-claim links between reports told in different words, scored
//! against links marked by hand.
//!
//! The set is a folder of events; each event folder holds its reports
//! (`.txt`, headline first, one sentence a paragraph) and `links.tsv`:
//! tab-separated `a file`, `a sentence begins`, `b file`, `b sentence
//! begins`, `label`, where the label is `same` (the two report a fact in
//! common and disagree on none), `conflict` (the same fact with figures or
//! outcomes that disagree: a link is wrong) or `optional` (a link counts
//! neither way). Pairs of body sentences not listed are not the same claim.
//!
//! Every link `compare` makes between two reports of an event is taken
//! with the sentences it covers. It is right when it covers a pair marked
//! `same`, does not count when it covers only `optional` pairs, and is
//! wrong otherwise. Links that touch a headline are listed apart, to read.

use crate::pairs::PairMeasures;
use crate::{EvalError, has_extension, sorted_entries};
use parallax_core::Span;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// What a marked pair of sentences is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    Same,
    Conflict,
    Optional,
}

/// A sentence of a report: its file and its line (0-based, counting
/// every line of the file).
type SentenceKey = (String, usize);

/// Two sentences of different reports, in file-name order.
type SentencePairKey = (SentenceKey, SentenceKey);

/// One event's reports, their sentences and the marked pairs.
struct Event {
    name: String,
    files: Vec<PathBuf>,
    /// Per file name: each non-empty line's byte span and text.
    lines: BTreeMap<String, Vec<(usize, Span, String)>>,
    /// Per file name: the line of its headline (its first non-empty line).
    headlines: BTreeMap<String, usize>,
    /// Marked pairs, each with its two sentences in file-name order.
    labels: BTreeMap<SentencePairKey, Label>,
}

/// A link read against the marks.
#[derive(Debug, Clone, serde::Serialize)]
pub struct JudgedLink {
    pub event: String,
    pub a_file: String,
    pub a: String,
    pub b_file: String,
    pub b: String,
    /// "same", "conflict", "optional", "unmarked" or "headline".
    pub judged: String,
    pub kind: String,
    pub score: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cosine: Option<f64>,
}

/// A pair marked `same` that no link covers.
#[derive(Debug, Clone, serde::Serialize)]
pub struct MissedPair {
    pub event: String,
    pub a_file: String,
    pub a: String,
    pub b_file: String,
    pub b: String,
}

/// The whole run.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ClaimsReport {
    pub directory: String,
    pub events: usize,
    pub reports: usize,
    /// Pairs marked `same`.
    pub marked_same: usize,
    /// Links that cover a `same` pair.
    pub right: usize,
    /// Links that cover no `same` pair and something other than
    /// `optional` pairs.
    pub wrong: usize,
    /// Links that cover only `optional` pairs.
    pub optional: usize,
    /// `same` pairs some link covers.
    pub found: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub links: Vec<JudgedLink>,
    pub missed: Vec<MissedPair>,
}

fn format_error(path: &Path, line: usize, reason: impl Into<String>) -> EvalError {
    EvalError::Format {
        path: format!("{}:{line}", path.display()),
        reason: reason.into(),
    }
}

fn read(path: &Path) -> Result<String, EvalError> {
    std::fs::read_to_string(path).map_err(|source| EvalError::Unreadable {
        path: path.display().to_string(),
        source,
    })
}

/// Each non-empty line of `text`: its number, byte span and text.
fn lines_of(text: &str) -> Vec<(usize, Span, String)> {
    let mut lines = Vec::new();
    let mut start = 0;
    for (number, line) in text.split('\n').enumerate() {
        let trimmed = line.trim_end_matches('\r');
        if !trimmed.trim().is_empty() {
            lines.push((
                number,
                Span::new(start, start + trimmed.len()),
                trimmed.to_owned(),
            ));
        }
        start += line.len() + 1;
    }
    lines
}

impl Event {
    fn read(folder: &Path) -> Result<Self, EvalError> {
        let name = folder
            .file_name()
            .map_or_else(String::new, |name| name.to_string_lossy().into_owned());
        let files = sorted_entries(folder, |path| has_extension(path, "txt"))?;
        let mut lines = BTreeMap::new();
        let mut headlines = BTreeMap::new();
        for file in &files {
            let file_name = file_name(file);
            let file_lines = lines_of(&read(file)?);
            if let Some((number, _, _)) = file_lines.first() {
                headlines.insert(file_name.clone(), *number);
            }
            lines.insert(file_name, file_lines);
        }
        let mut event = Self {
            name,
            files,
            lines,
            headlines,
            labels: BTreeMap::new(),
        };
        event.read_labels(&folder.join("links.tsv"))?;
        Ok(event)
    }

    fn read_labels(&mut self, path: &Path) -> Result<(), EvalError> {
        for (index, line) in read(path)?.lines().enumerate() {
            let number = index + 1;
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let [a_file, a_begins, b_file, b_begins, label] = fields[..] else {
                return Err(format_error(
                    path,
                    number,
                    "expected 5 tab-separated fields",
                ));
            };
            let label = match label.trim() {
                "same" => Label::Same,
                "conflict" => Label::Conflict,
                "optional" => Label::Optional,
                other => {
                    return Err(format_error(
                        path,
                        number,
                        format!("unknown label {other:?} (same, conflict or optional)"),
                    ));
                }
            };
            let a = self.find(path, number, a_file, a_begins)?;
            let b = self.find(path, number, b_file, b_begins)?;
            if a.0 == b.0 {
                return Err(format_error(path, number, "both sentences are in one file"));
            }
            self.labels.insert(ordered(a, b), label);
        }
        Ok(())
    }

    /// The one line of `file` that begins with `begins`.
    fn find(
        &self,
        path: &Path,
        number: usize,
        file: &str,
        begins: &str,
    ) -> Result<SentenceKey, EvalError> {
        let lines = self
            .lines
            .get(file)
            .ok_or_else(|| format_error(path, number, format!("no report {file}")))?;
        let matching: Vec<usize> = lines
            .iter()
            .filter(|(_, _, text)| text.starts_with(begins))
            .map(|(line, _, _)| *line)
            .collect();
        match matching[..] {
            [line] => Ok((file.to_owned(), line)),
            [] => Err(format_error(
                path,
                number,
                format!("no sentence of {file} begins {begins:?}"),
            )),
            _ => Err(format_error(
                path,
                number,
                format!("several sentences of {file} begin {begins:?}"),
            )),
        }
    }

    /// The lines of `file` that `span` overlaps.
    fn covered(&self, file: &str, span: Span) -> Vec<usize> {
        self.lines.get(file).map_or_else(Vec::new, |lines| {
            lines
                .iter()
                .filter(|(_, line, _)| line.start < span.end && span.start < line.end)
                .map(|(number, _, _)| *number)
                .collect()
        })
    }

    fn text(&self, key: &SentenceKey) -> String {
        self.lines
            .get(&key.0)
            .and_then(|lines| lines.iter().find(|(number, _, _)| *number == key.1))
            .map(|(_, _, text)| text.clone())
            .unwrap_or_default()
    }

    fn is_headline(&self, key: &SentenceKey) -> bool {
        self.headlines.get(&key.0) == Some(&key.1)
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(String::new, |name| name.to_string_lossy().into_owned())
}

fn ordered(a: SentenceKey, b: SentenceKey) -> SentencePairKey {
    if a <= b { (a, b) } else { (b, a) }
}

/// Judges every link `compare` makes in every event of `directory`: with
/// the sentence model's vectors when `model` is given.
pub fn run(
    directory: &Path,
    model: Option<&parallax_embed::Model>,
) -> Result<ClaimsReport, EvalError> {
    let folders = sorted_entries(directory, |path| path.join("links.tsv").is_file())?;
    if folders.is_empty() {
        return Err(EvalError::Format {
            path: directory.display().to_string(),
            reason: "no event folder with a links.tsv".to_owned(),
        });
    }
    let mut links = Vec::new();
    let mut missed = Vec::new();
    let mut reports = 0;
    let mut marked_same = 0;
    for folder in &folders {
        let event = Event::read(folder)?;
        reports += event.files.len();
        marked_same += event
            .labels
            .values()
            .filter(|label| **label == Label::Same)
            .count();
        let (judged, found) = judge_event(&event, model)?;
        links.extend(judged);
        for (pair, label) in &event.labels {
            if *label == Label::Same && !found.contains(pair) {
                missed.push(MissedPair {
                    event: event.name.clone(),
                    a_file: pair.0.0.clone(),
                    a: event.text(&pair.0),
                    b_file: pair.1.0.clone(),
                    b: event.text(&pair.1),
                });
            }
        }
    }
    let count = |judged: &str| links.iter().filter(|link| link.judged == judged).count();
    let right = count("same");
    let wrong = count("conflict") + count("unmarked");
    let found = marked_same - missed.len();
    let measures = PairMeasures::compute(
        std::iter::repeat_n((true, true), right)
            .chain(std::iter::repeat_n((false, true), wrong))
            .chain(std::iter::repeat_n((true, false), missed.len())),
    );
    Ok(ClaimsReport {
        directory: directory.display().to_string(),
        events: folders.len(),
        reports,
        marked_same,
        right,
        wrong,
        optional: count("optional"),
        found,
        precision: measures.precision,
        recall: if marked_same == 0 {
            0.0
        } else {
            found as f64 / marked_same as f64
        },
        f1: measures.f1,
        links,
        missed,
    })
}

/// Compares every pair of the event's reports and judges each link; also
/// gives the `same` pairs some link covers.
fn judge_event(
    event: &Event,
    model: Option<&parallax_embed::Model>,
) -> Result<(Vec<JudgedLink>, BTreeSet<SentencePairKey>), EvalError> {
    let mut prepared =
        parallax_pipeline::load(&event.files, &parallax_pipeline::Options::default())?;
    if let Some(model) = model {
        prepared.embed(model)?;
    }
    let names: Vec<String> = event.files.iter().map(|path| file_name(path)).collect();
    let sides = prepared.sides();
    let mut judged = Vec::new();
    let mut found = BTreeSet::new();
    for first in 0..sides.len() {
        for second in first + 1..sides.len() {
            let result = parallax_pipeline::compare_pair(sides[first], sides[second]);
            let (a_file, b_file) = (&names[first], &names[second]);
            for link in &result.links {
                let a_lines = event.covered(a_file, link.a);
                let b_lines = event.covered(b_file, link.b);
                let mut pairs = Vec::new();
                for &a_line in &a_lines {
                    for &b_line in &b_lines {
                        pairs.push(ordered((a_file.clone(), a_line), (b_file.clone(), b_line)));
                    }
                }
                let touches_headline = pairs
                    .iter()
                    .any(|(one, other)| event.is_headline(one) || event.is_headline(other));
                let labels: Vec<Option<Label>> = pairs
                    .iter()
                    .map(|pair| event.labels.get(pair).copied())
                    .collect();
                let verdict = if touches_headline {
                    "headline"
                } else if labels.contains(&Some(Label::Same)) {
                    "same"
                } else if !labels.is_empty()
                    && labels.iter().all(|label| *label == Some(Label::Optional))
                {
                    "optional"
                } else if labels.contains(&Some(Label::Conflict)) {
                    "conflict"
                } else {
                    "unmarked"
                };
                for (pair, label) in pairs.iter().zip(&labels) {
                    if *label == Some(Label::Same) {
                        found.insert(pair.clone());
                    }
                }
                let text = |file: &str, span: Span| {
                    let number = names.iter().position(|name| name == file).unwrap_or(0);
                    prepared.documents[number]
                        .text
                        .get(span.start..span.end)
                        .unwrap_or_default()
                        .to_owned()
                };
                judged.push(JudgedLink {
                    event: event.name.clone(),
                    a_file: a_file.clone(),
                    a: text(a_file, link.a),
                    b_file: b_file.clone(),
                    b: text(b_file, link.b),
                    judged: verdict.to_owned(),
                    kind: format!("{:?}", link.kind).to_lowercase(),
                    score: link.score,
                    evidence: link
                        .evidence
                        .map(|evidence| format!("{evidence:?}").to_lowercase()),
                    cosine: link.cosine,
                });
            }
        }
    }
    Ok((judged, found))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event_folder(root: &Path, labels: &str) -> PathBuf {
        let folder = root.join("event");
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(
            folder.join("one.txt"),
            "Storm closes port\n\nA storm closed the port of Kelby on Monday, the harbour master said.\n\nFerries will not sail until Wednesday.\n",
        )
        .unwrap();
        std::fs::write(
            folder.join("two.txt"),
            "Kelby port shut\n\nA storm closed the port of Kelby on Monday, the harbour master said.\n\nThe town's mayor asked residents to stay indoors.\n",
        )
        .unwrap();
        std::fs::write(folder.join("links.tsv"), labels).unwrap();
        folder
    }

    #[test]
    fn a_copied_sentence_marked_same_is_a_right_link() {
        let root = tempfile::tempdir().unwrap();
        event_folder(
            root.path(),
            "one.txt\tA storm closed\ttwo.txt\tA storm closed\tsame\n",
        );
        let report = run(root.path(), None).unwrap();
        assert_eq!(
            (report.marked_same, report.found, report.right, report.wrong),
            (1, 1, 1, 0)
        );
        assert!((report.precision - 1.0).abs() < 1e-9);
    }

    #[test]
    fn a_link_between_unmarked_sentences_is_wrong_and_a_marked_pair_unlinked_is_missed() {
        let root = tempfile::tempdir().unwrap();
        // Marked the other way round on purpose: the copied pair is left
        // unmarked, and a pair that shares nothing is marked same.
        event_folder(
            root.path(),
            "one.txt\tFerries will\ttwo.txt\tThe town's mayor\tsame\n",
        );
        let report = run(root.path(), None).unwrap();
        assert_eq!((report.right, report.wrong, report.found), (0, 1, 0));
        assert_eq!(report.missed.len(), 1);
        assert_eq!(report.links[0].judged, "unmarked");
    }

    #[test]
    fn a_label_naming_no_sentence_is_one_clear_error() {
        let root = tempfile::tempdir().unwrap();
        event_folder(root.path(), "one.txt\tNo such\ttwo.txt\tA storm\tsame\n");
        let error = run(root.path(), None).unwrap_err().to_string();
        assert!(
            error.ends_with("links.tsv:1: no sentence of one.txt begins \"No such\""),
            "{error}"
        );
    }
}
