//! Framing findings against judgements made by reading them.
//!
//! An audit set is a folder of events; each event folder holds its reports
//! (`.txt`) and `framing.tsv`, one judged finding a line: tab-separated
//! `kind`, `a file`, `a text`, `b file`, `b text`, `verdict`, `note`. The
//! kind is a [`FindingKind`] name; the texts are how the finding begins on
//! each side (what [`Finding`] gives, cut to [`KEY_CHARACTERS`]
//! characters), `-` where a kind has no second side; the verdict is
//! `right` or `wrong`. Lines starting with `#` are comments.
//!
//! Each event's reports are compared as `compare` compares them, every
//! finding is listed by kind, and each is looked up among the judgements.
//! Precision per kind is right ÷ judged; findings nobody judged yet are
//! listed apart, ready to be judged, and count for nothing.

use crate::{EvalError, has_extension, sorted_entries};
use parallax_core::Span;
use parallax_frame::{Audit, FindingKind, Quoting};
use std::collections::BTreeMap;
use std::path::Path;

/// A finding's texts are matched on their first this many characters
/// (whitespace collapsed): enough to tell findings of one event apart.
pub const KEY_CHARACTERS: usize = 80;

/// The name of an event folder's judgements.
pub const JUDGEMENTS: &str = "framing.tsv";

/// One finding as a reader sees it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Finding {
    pub kind: FindingKind,
    pub event: String,
    pub a_file: String,
    /// What the finding says on A's side: the sentence, the quoted
    /// content, the word or the name.
    pub a_text: String,
    /// B's file, or `-` for a finding about one report.
    pub b_file: String,
    /// B's side, or what qualifies A's: a speaker, an entity's type.
    pub b_text: String,
    /// `right`, `wrong`, or empty when nobody judged it.
    pub verdict: String,
}

impl Finding {
    /// The finding as a line of `framing.tsv`, with `verdict` as given.
    #[must_use]
    pub fn tsv_line(&self, verdict: &str) -> String {
        [
            self.kind.as_str(),
            &self.a_file,
            &key(&self.a_text),
            &self.b_file,
            &key(&self.b_text),
            verdict,
        ]
        .join("\t")
    }
}

/// Per kind: found, judged, right.
#[derive(Debug, Clone, serde::Serialize)]
pub struct KindMeasure {
    pub kind: FindingKind,
    pub found: usize,
    pub judged: usize,
    pub right: usize,
    pub precision: f64,
    /// What the program uses to decide what a reader sees by default.
    pub recorded: Audit,
    pub shown_by_default: bool,
}

/// The whole run.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FramingReport {
    pub directory: String,
    pub events: usize,
    pub reports: usize,
    pub kinds: Vec<KindMeasure>,
    pub findings: Vec<Finding>,
}

impl FramingReport {
    /// Findings nobody judged yet.
    pub fn unjudged(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|finding| finding.verdict.is_empty())
    }
}

/// Whitespace collapsed, tabs and line breaks gone, cut to
/// [`KEY_CHARACTERS`] characters.
fn key(text: &str) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let key: String = joined.chars().take(KEY_CHARACTERS).collect();
    // Cut after a space, the key would end in one that reading the line
    // back drops.
    let key = key.trim_end();
    if key.is_empty() {
        "-".to_owned()
    } else {
        key.to_owned()
    }
}

/// One judgement: the finding's key and its verdict.
type Judgement = ((FindingKind, String, String, String, String), bool);

fn read_judgements(path: &Path) -> Result<Vec<Judgement>, EvalError> {
    if !path.is_file() {
        return Ok(Vec::new());
    }
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Unreadable {
        path: path.display().to_string(),
        source,
    })?;
    let mut judgements = Vec::new();
    for (number, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let error = |reason: String| EvalError::Format {
            path: format!("{}:{}", path.display(), number + 1),
            reason,
        };
        if fields.len() < 6 {
            return Err(error(format!(
                "expected at least 6 tab-separated fields, found {}",
                fields.len()
            )));
        }
        let kind = FindingKind::from_name(fields[0])
            .ok_or_else(|| error(format!("unknown finding kind {:?}", fields[0])))?;
        let right = match fields[5] {
            "right" => true,
            "wrong" => false,
            other => {
                return Err(error(format!(
                    "verdict {other:?} is neither right nor wrong"
                )));
            }
        };
        judgements.push((
            (
                kind,
                fields[1].to_owned(),
                key(fields[2]),
                fields[3].to_owned(),
                key(fields[4]),
            ),
            right,
        ));
    }
    Ok(judgements)
}

fn file_name(path: &str) -> String {
    Path::new(path).file_name().map_or_else(
        || path.to_owned(),
        |name| name.to_string_lossy().into_owned(),
    )
}

fn span_text(text: &str, span: Span) -> String {
    text.get(span.start..span.end)
        .unwrap_or_default()
        .to_owned()
}

/// Findings as they are listed, with the file names of the documents.
struct Listed<'a> {
    event: &'a str,
    files: Vec<String>,
    found: Vec<Finding>,
}

impl Listed<'_> {
    fn push(&mut self, kind: FindingKind, a: usize, a_text: &str, b: Option<usize>, b_text: &str) {
        self.found.push(Finding {
            kind,
            event: self.event.to_owned(),
            a_file: self.files[a].clone(),
            a_text: key(a_text),
            b_file: b.map_or_else(|| "-".to_owned(), |b| self.files[b].clone()),
            b_text: key(b_text),
            verdict: String::new(),
        });
    }
}

/// Every framing finding of one comparison, by kind, in the order the
/// report shows them.
#[must_use]
pub fn findings(
    event: &str,
    result: &parallax_report::ComparisonResult,
    texts: &[&str],
) -> Vec<Finding> {
    let Some(framing) = &result.framing else {
        return Vec::new();
    };
    let mut listed = Listed {
        event,
        files: result
            .documents
            .iter()
            .map(|document| file_name(&document.path))
            .collect(),
        found: Vec::new(),
    };
    for (number, document) in framing.documents.iter().enumerate() {
        document_findings(&mut listed, number, document, texts[number]);
    }
    let number_of: BTreeMap<&str, usize> = result
        .documents
        .iter()
        .enumerate()
        .map(|(number, document)| (document.id.as_str(), number))
        .collect();
    for omission in &framing.omissions {
        let (Some(&omitted), Some(first)) = (
            number_of.get(omission.omitted_by.as_str()),
            omission.carried.first(),
        ) else {
            continue;
        };
        let Some(&carrier) = number_of.get(first.document.as_str()) else {
            continue;
        };
        listed.push(
            FindingKind::LeftOut,
            omitted,
            "",
            Some(carrier),
            &span_text(texts[carrier], first.span),
        );
    }
    for pair in &framing.pairs {
        let (Some(&a), Some(&b)) = (
            number_of.get(pair.a.as_str()),
            number_of.get(pair.b.as_str()),
        ) else {
            continue;
        };
        pair_findings(&mut listed, (a, texts[a]), (b, texts[b]), pair);
    }
    listed.found
}

fn document_findings(
    listed: &mut Listed<'_>,
    number: usize,
    document: &parallax_frame::DocumentFraming,
    text: &str,
) {
    for attribution in &document.attributions {
        let speaker = attribution
            .speaker
            .clone()
            .or_else(|| attribution.source.map(|source| span_text(text, source)))
            .unwrap_or_else(|| "an unnamed speaker".to_owned());
        let quoting = match attribution.quoting {
            Quoting::Direct => "quoted",
            Quoting::Partial => "partly quoted",
            Quoting::Indirect => "reported",
        };
        listed.push(
            attribution.finding_kind(text),
            number,
            &span_text(text, attribution.content),
            None,
            &format!("{speaker} ({quoting})"),
        );
    }
    for term in &document.distinctive_terms {
        listed.push(
            FindingKind::PreferredWord,
            number,
            &term.word,
            None,
            &format!("z {:.2}", term.z),
        );
    }
    for entity in &document.entities {
        listed.push(
            FindingKind::Entity,
            number,
            &entity.name,
            None,
            entity.kind.as_str(),
        );
    }
    for span in &document.unique {
        listed.push(
            FindingKind::OnlyIn,
            number,
            &span_text(text, *span),
            None,
            "",
        );
    }
}

fn pair_findings(
    listed: &mut Listed<'_>,
    (a, text_a): (usize, &str),
    (b, text_b): (usize, &str),
    pair: &parallax_frame::PairFraming,
) {
    let spans = pair
        .quotes
        .iter()
        .map(|quote| (FindingKind::SharedQuote, quote.a, quote.b))
        .chain(
            pair.contrasts
                .iter()
                .map(|contrast| (FindingKind::Contrast, contrast.a, contrast.b)),
        );
    for (kind, span_a, span_b) in spans {
        listed.push(
            kind,
            a,
            &span_text(text_a, span_a),
            Some(b),
            &span_text(text_b, span_b),
        );
    }
    let voices = |voices: &[parallax_frame::Voice]| {
        voices
            .iter()
            .map(|voice| match (&voice.speaker, voice.attributed) {
                (_, false) => "own voice".to_owned(),
                (Some(speaker), true) => speaker.clone(),
                (None, true) => "unnamed".to_owned(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    for phrase in &pair.phrases {
        listed.push(
            FindingKind::Phrase,
            a,
            &format!("{}: {}", phrase.phrase, voices(&phrase.a)),
            Some(b),
            &voices(&phrase.b),
        );
    }
    for (compared, linked, different) in [
        (
            &pair.headlines,
            FindingKind::HeadlinesLinked,
            FindingKind::HeadlinesDifferent,
        ),
        (
            &pair.leads,
            FindingKind::LeadsLinked,
            FindingKind::LeadsDifferent,
        ),
    ] {
        if let Some(compared) = compared {
            listed.push(
                if compared.kind.is_some() {
                    linked
                } else {
                    different
                },
                a,
                &span_text(text_a, compared.a),
                Some(b),
                &span_text(text_b, compared.b),
            );
        }
    }
}

/// Compares the reports of every event of `directory` and judges each
/// framing finding against the event's `framing.tsv`.
pub fn run(directory: &Path) -> Result<FramingReport, EvalError> {
    let folders = sorted_entries(directory, Path::is_dir)?;
    let mut events = 0;
    let mut reports = 0;
    let mut all = Vec::new();
    for folder in &folders {
        let files = sorted_entries(folder, |path| has_extension(path, "txt"))?;
        if files.len() < 2 {
            continue;
        }
        events += 1;
        reports += files.len();
        let name = file_name(&folder.display().to_string());
        let judgements = read_judgements(&folder.join(JUDGEMENTS))?;
        let prepared = parallax_pipeline::load(&files, &parallax_pipeline::Options::default())?;
        let result = parallax_pipeline::compare(&prepared);
        let texts: Vec<&str> = prepared
            .documents
            .iter()
            .map(|document| document.text.as_str())
            .collect();
        for mut finding in findings(&name, &result, &texts) {
            let wanted = (
                finding.kind,
                finding.a_file.clone(),
                finding.a_text.clone(),
                finding.b_file.clone(),
                finding.b_text.clone(),
            );
            if let Some((_, right)) = judgements.iter().find(|(key, _)| *key == wanted) {
                if *right { "right" } else { "wrong" }.clone_into(&mut finding.verdict);
            }
            all.push(finding);
        }
    }
    if events == 0 {
        return Err(EvalError::Format {
            path: directory.display().to_string(),
            reason: "no event folder with two reports or more".to_owned(),
        });
    }
    let kinds = FindingKind::ALL
        .into_iter()
        .map(|kind| {
            let of_kind = || all.iter().filter(move |finding| finding.kind == kind);
            let judged = of_kind()
                .filter(|finding| !finding.verdict.is_empty())
                .count();
            let right = of_kind()
                .filter(|finding| finding.verdict == "right")
                .count();
            let measured = Audit {
                kind,
                judged,
                right,
                basis: parallax_frame::Basis::HandJudged,
            };
            KindMeasure {
                kind,
                found: of_kind().count(),
                judged,
                right,
                precision: measured.precision(),
                recorded: kind.audit(),
                shown_by_default: kind.shown_by_default(),
            }
        })
        .collect();
    Ok(FramingReport {
        directory: directory.display().to_string(),
        events,
        reports,
        kinds,
        findings: all,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_collapse_whitespace_and_cut_long_texts() {
        assert_eq!(key("  a\tb\n c "), "a b c");
        assert_eq!(key(""), "-");
        assert_eq!(key(&"é".repeat(200)).chars().count(), KEY_CHARACTERS);
    }

    #[test]
    fn a_judgement_with_an_unknown_kind_or_verdict_is_one_clear_error() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join(JUDGEMENTS);
        std::fs::write(&path, "quote\ta.txt\tx\tb.txt\ty\tright\n").unwrap();
        let error = read_judgements(&path).unwrap_err().to_string();
        assert!(error.contains("framing.tsv:1") && error.contains("unknown finding kind"));
        std::fs::write(
            &path,
            "# comment\nshared_quote\ta.txt\tx\tb.txt\ty\tmaybe\tnote\n",
        )
        .unwrap();
        let error = read_judgements(&path).unwrap_err().to_string();
        assert!(error.contains("framing.tsv:2") && error.contains("neither right nor wrong"));
    }

    #[test]
    fn findings_are_matched_to_their_judgements() {
        let root = tempfile::tempdir().unwrap();
        let event = root.path().join("event");
        std::fs::create_dir(&event).unwrap();
        std::fs::write(
            event.join("a.txt"),
            "Port reopens\n\n“The port is open again,” the harbour master said on Monday.\n",
        )
        .unwrap();
        std::fs::write(
            event.join("b.txt"),
            "Harbour back in business\n\n“The port is open again,” the harbour master told reporters.\n",
        )
        .unwrap();
        let first = run(root.path()).unwrap();
        let quote = first
            .findings
            .iter()
            .find(|finding| finding.kind == FindingKind::SharedQuote)
            .expect("the same quote in both reports")
            .clone();
        assert!(first.unjudged().any(|finding| *finding == quote));
        std::fs::write(event.join(JUDGEMENTS), quote.tsv_line("right") + "\n").unwrap();
        let second = run(root.path()).unwrap();
        let measure = second
            .kinds
            .iter()
            .find(|measure| measure.kind == FindingKind::SharedQuote)
            .unwrap();
        assert_eq!((measure.judged, measure.right), (1, 1));
        assert!(
            second
                .unjudged()
                .all(|finding| finding.kind != FindingKind::SharedQuote)
        );
    }
}
