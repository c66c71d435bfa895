//! Attribution in the PolNeAR layout (Newell, Margolin & Ruths 2018):
//! `text/<name>.txt` and `attributions/<name>_<annotator>.ann` in brat
//! standoff, where `T` lines give `Source`, `Cue` and `Content` spans in
//! character offsets (several ranges joined by `;` when discontinuous) and
//! `E` lines tie one of each into an attribution.
//!
//! A found attribution matches a gold one when their contents overlap by at
//! least half of the shorter. Precision is the share of found contents that
//! match some gold content, recall the share of gold contents that some
//! found content matches. Direct quotes (gold content opened and closed by
//! double quotation marks) are scored apart from the rest, since published
//! rule-based systems report on direct quotes alone. Speaker accuracy is
//! measured on matched pairs whose gold source is named within the sentences
//! of the content: the found source must overlap the gold one.

use crate::{EvalError, read_document};
use parallax_core::Span;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

/// One gold attribution, in byte offsets of the article's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldAttribution {
    pub content: Vec<Span>,
    pub source: Vec<Span>,
    pub cue: Vec<Span>,
}

/// Precision, recall and F1 of content spans.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct ContentMeasures {
    pub gold: usize,
    pub found: usize,
    pub gold_matched: usize,
    pub found_matched: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl ContentMeasures {
    fn finish(mut self) -> Self {
        self.precision = ratio(self.found_matched, self.found);
        self.recall = ratio(self.gold_matched, self.gold);
        self.f1 = if self.precision + self.recall > 0.0 {
            2.0 * self.precision * self.recall / (self.precision + self.recall)
        } else {
            0.0
        };
        self
    }

    fn add(&mut self, other: &Self) {
        self.gold += other.gold;
        self.found += other.found;
        self.gold_matched += other.gold_matched;
        self.found_matched += other.found_matched;
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// Speaker accuracy on matched attributions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct SpeakerMeasures {
    /// Matched pairs whose gold source lies within the content's sentences.
    pub named_in_sentence: usize,
    pub correct: usize,
    pub accuracy: f64,
    /// Matched pairs with a gold source, wherever it is named.
    pub with_source: usize,
    /// Of those, found with a source span that overlaps the gold one.
    pub source_correct: usize,
    pub source_accuracy: f64,
}

/// Found attributions of one kind of speaker evidence: how many, how many
/// match a gold content, and how many of those also have the gold
/// speaker (or a gold one without a source).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct EvidenceMeasures {
    pub found: usize,
    pub content_matched: usize,
    pub speaker_right: usize,
    /// Right content and right speaker ÷ found: the precision of what a
    /// reader sees for this kind of evidence.
    pub precision: f64,
}

/// Per kind of speaker evidence (named, pronoun, elsewhere).
pub type ByEvidence = BTreeMap<String, EvidenceMeasures>;

fn add_evidence(total: &mut ByEvidence, part: &ByEvidence) {
    for (key, measures) in part {
        let entry = total.entry(key.clone()).or_default();
        entry.found += measures.found;
        entry.content_matched += measures.content_matched;
        entry.speaker_right += measures.speaker_right;
        entry.precision = ratio(entry.speaker_right, entry.found);
    }
}

/// Scores of one article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleScore {
    pub name: String,
    pub all: ContentMeasures,
    pub direct: ContentMeasures,
    pub other: ContentMeasures,
    pub speakers: SpeakerMeasures,
    pub by_evidence: ByEvidence,
    /// The same per kind of framing finding (`quoted_speaker`,
    /// `attribution`): the figures the audit of what a report shows rests on.
    pub by_kind: ByEvidence,
    /// Gold spans whose annotated text differs from the article's text at
    /// their offsets: offsets computed on another version of the text.
    pub misplaced_gold_spans: usize,
    /// Gold contents no found one matches, with the cue the annotators
    /// marked: where the rules fall short.
    pub missed: Vec<Excerpt>,
    /// Found contents that match no gold one.
    pub unmatched: Vec<Excerpt>,
    /// Matched attributions whose source span misses the gold one: the
    /// found source in `cue`'s place, the gold one as `text`.
    pub wrong_sources: Vec<Excerpt>,
}

/// A span of an article and its text, for reading a miss.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Excerpt {
    pub start: usize,
    pub end: usize,
    /// The cue (gold: as annotated; found: as parallax read it).
    pub cue: String,
    pub text: String,
}

/// Everything `parallax eval attribution` prints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttributionReport {
    pub corpus: String,
    pub articles: Vec<ArticleScore>,
    pub all: ContentMeasures,
    pub direct: ContentMeasures,
    pub other: ContentMeasures,
    pub speakers: SpeakerMeasures,
    pub by_evidence: ByEvidence,
    pub by_kind: ByEvidence,
    pub misplaced_gold_spans: usize,
    pub gold_spans: usize,
}

/// Reads one `.ann` file against its article's text. Offsets are turned
/// from characters into bytes; a span whose annotated text differs from the
/// article's is counted in the second value.
pub fn read_annotations(
    path: &Path,
    text: &str,
) -> Result<(Vec<GoldAttribution>, usize, usize), EvalError> {
    let display = path.display().to_string();
    let annotations = std::fs::read_to_string(path).map_err(|source| EvalError::Unreadable {
        path: display.clone(),
        source,
    })?;
    // Byte offset of every character boundary, and of the end.
    let boundaries: Vec<usize> = text
        .char_indices()
        .map(|(offset, _)| offset)
        .chain(std::iter::once(text.len()))
        .collect();
    let mut spans: BTreeMap<&str, Vec<Span>> = BTreeMap::new();
    let mut misplaced = 0;
    let mut total = 0;
    for (index, line) in annotations.lines().enumerate() {
        let bad = |reason: &str| EvalError::Format {
            path: format!("{display}:{}", index + 1),
            reason: reason.to_owned(),
        };
        let mut fields = line.splitn(3, '\t');
        let (Some(id), Some(annotation)) = (fields.next(), fields.next()) else {
            continue;
        };
        if !id.starts_with('T') {
            continue;
        }
        let annotated = fields.next().unwrap_or("");
        let Some((kind, ranges)) = annotation.split_once(' ') else {
            return Err(bad("a T line needs a type and character ranges"));
        };
        if !matches!(kind, "Source" | "Cue" | "Content") {
            continue;
        }
        let mut pieces = Vec::new();
        for range in ranges.split(';') {
            let mut ends = range.split_whitespace().map(str::parse::<usize>);
            let (Some(Ok(start)), Some(Ok(end))) = (ends.next(), ends.next()) else {
                return Err(bad("a range is two character offsets"));
            };
            let (Some(&start), Some(&end)) = (boundaries.get(start), boundaries.get(end)) else {
                return Err(bad("a range lies beyond the end of the text"));
            };
            if start > end {
                return Err(bad("a range ends before it starts"));
            }
            pieces.push(Span::new(start, end));
        }
        total += 1;
        let joined: Vec<&str> = pieces
            .iter()
            .map(|piece| &text[piece.start..piece.end])
            .collect();
        if joined
            .join(" ")
            .split_whitespace()
            .ne(annotated.split_whitespace())
        {
            misplaced += 1;
        }
        spans.insert(id, pieces);
    }
    let mut gold = Vec::new();
    for line in annotations.lines() {
        let mut fields = line.split('\t');
        let (Some(id), Some(arguments)) = (fields.next(), fields.next()) else {
            continue;
        };
        if !id.starts_with('E') {
            continue;
        }
        let mut attribution = GoldAttribution {
            content: Vec::new(),
            source: Vec::new(),
            cue: Vec::new(),
        };
        for argument in arguments.split_whitespace() {
            let Some((role, target)) = argument.split_once(':') else {
                continue;
            };
            let pieces = spans.get(target).cloned().unwrap_or_default();
            match role.trim_end_matches(char::is_numeric) {
                "Content" => attribution.content.extend(pieces),
                "Source" => attribution.source.extend(pieces),
                "Cue" => attribution.cue.extend(pieces),
                _ => {}
            }
        }
        if !attribution.content.is_empty() {
            gold.push(attribution);
        }
    }
    Ok((gold, misplaced, total))
}

/// Characters two sets of ranges share.
fn shared_characters(text: &str, left: &[Span], right: &[Span]) -> usize {
    let mut shared = 0;
    for a in left {
        for b in right {
            let start = a.start.max(b.start);
            let end = a.end.min(b.end);
            if start < end {
                shared += text[start..end].chars().count();
            }
        }
    }
    shared
}

fn characters(text: &str, spans: &[Span]) -> usize {
    spans
        .iter()
        .map(|span| text[span.start..span.end].chars().count())
        .sum()
}

fn matches(text: &str, found: Span, gold: &[Span]) -> bool {
    let shared = shared_characters(text, &[found], gold);
    let shorter = characters(text, &[found]).min(characters(text, gold));
    shared > 0 && 2 * shared >= shorter
}

/// Whether a gold content is a direct quote: double quotation marks at (or
/// just outside) both of its ends.
fn is_direct(text: &str, content: &[Span]) -> bool {
    let (Some(first), Some(last)) = (content.iter().min(), content.iter().max()) else {
        return false;
    };
    let opening = |character: char| matches!(character, '“' | '"' | '«' | '„');
    let closing = |character: char| matches!(character, '”' | '"' | '»' | '“');
    // Archive copy writes the double mark as two apostrophes: ''…''.
    let doubled = "''";
    let head = text[first.start..first.end].trim_start();
    let before = text[..first.start].trim_end();
    let opens = head.starts_with(opening)
        || head.starts_with(doubled)
        || before.ends_with(opening)
        || before.ends_with(doubled);
    let tail = text[last.start..last.end]
        .trim_end()
        .trim_end_matches(['.', ',', '!', '?']);
    let after = text[last.end..].trim_start_matches(['.', ',', '!', '?']);
    let closes = tail.ends_with(closing)
        || tail.ends_with(doubled)
        || after.starts_with(closing)
        || after.starts_with(doubled);
    opens && closes
}

/// The gold attribution whose content shares most with `content`, among
/// those it matches; marks every one it matches.
fn best_match(
    text: &str,
    content: Span,
    gold: &[GoldAttribution],
    gold_matched: &mut [bool],
) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (gold_index, expected) in gold.iter().enumerate() {
        if matches(text, content, &expected.content) {
            gold_matched[gold_index] = true;
            let shared = shared_characters(text, &[content], &expected.content);
            if best.is_none_or(|(_, most)| shared > most) {
                best = Some((gold_index, shared));
            }
        }
    }
    best.map(|(gold_index, _)| gold_index)
}

/// Scores one article: its text, gold and what parallax finds.
#[must_use]
pub fn score_article(name: &str, text: &str, gold: &[GoldAttribution]) -> ArticleScore {
    let document = parallax_ingest::document_from_text(name, name, text);
    let prepared =
        parallax_pipeline::prepare(vec![document], &parallax_pipeline::Options::default());
    let (document, cleaned) = (&prepared.documents[0], &prepared.cleaned[0]);
    let sentences: Vec<Span> = cleaned.body().collect();
    let found = parallax_frame::attributions(&document.text, &sentences, &cleaned.paragraphs);
    let text = document.text.as_str();
    let mut all = ContentMeasures {
        gold: gold.len(),
        found: found.len(),
        ..ContentMeasures::default()
    };
    let gold_direct: Vec<bool> = gold
        .iter()
        .map(|item| is_direct(text, &item.content))
        .collect();
    let found_direct: Vec<bool> = found
        .iter()
        .map(|item| item.quoting == parallax_frame::Quoting::Direct)
        .collect();
    let mut direct = ContentMeasures {
        gold: gold_direct.iter().filter(|direct| **direct).count(),
        found: found_direct.iter().filter(|direct| **direct).count(),
        ..ContentMeasures::default()
    };
    let mut other = ContentMeasures {
        gold: gold.len() - direct.gold,
        found: found.len() - direct.found,
        ..ContentMeasures::default()
    };
    let mut gold_matched = vec![false; gold.len()];
    let mut unmatched = Vec::new();
    let mut speakers = SpeakerMeasures::default();
    let mut wrong_sources = Vec::new();
    let mut by_evidence = ByEvidence::new();
    let mut by_kind = ByEvidence::new();
    for (found_index, item) in found.iter().enumerate() {
        let evidence = by_evidence
            .entry(item.speaker_evidence(text).as_str().to_owned())
            .or_default();
        let kind = by_kind
            .entry(item.finding_kind(text).as_str().to_owned())
            .or_default();
        evidence.found += 1;
        kind.found += 1;
        let Some(gold_index) = best_match(text, item.content, gold, &mut gold_matched) else {
            unmatched.push(Excerpt {
                start: item.content.start,
                end: item.content.end,
                cue: item
                    .cue
                    .map_or_else(String::new, |cue| text[cue.start..cue.end].to_owned()),
                text: text[item.content.start..item.content.end].to_owned(),
            });
            continue;
        };
        all.found_matched += 1;
        if found_direct[found_index] {
            direct.found_matched += 1;
        } else {
            other.found_matched += 1;
        }
        let expected = &gold[gold_index];
        evidence.content_matched += 1;
        kind.content_matched += 1;
        if expected.source.is_empty() {
            evidence.speaker_right += 1;
            kind.speaker_right += 1;
        }
        if let Some(gold_source) = expected.source.first() {
            speakers.with_source += 1;
            if item
                .source
                .is_some_and(|source| shared_characters(text, &[source], &expected.source) > 0)
            {
                speakers.source_correct += 1;
                evidence.speaker_right += 1;
                kind.speaker_right += 1;
            } else {
                wrong_sources.push(Excerpt {
                    start: gold_source.start,
                    end: gold_source.end,
                    cue: item.source.map_or_else(String::new, |source| {
                        text[source.start..source.end].to_owned()
                    }),
                    text: text[gold_source.start..gold_source.end].to_owned(),
                });
            }
        }
        if named_in_sentence(&sentences, expected) {
            speakers.named_in_sentence += 1;
            if item
                .source
                .is_some_and(|source| shared_characters(text, &[source], &expected.source) > 0)
            {
                speakers.correct += 1;
            }
        }
    }
    let mut missed = Vec::new();
    for (gold_index, matched) in gold_matched.iter().enumerate() {
        if !*matched {
            let content = &gold[gold_index].content;
            let (Some(first), Some(last)) = (content.iter().min(), content.iter().max()) else {
                continue;
            };
            missed.push(Excerpt {
                start: first.start,
                end: last.end,
                cue: gold[gold_index]
                    .cue
                    .iter()
                    .map(|cue| &text[cue.start..cue.end])
                    .collect::<Vec<_>>()
                    .join(" "),
                text: text[first.start..last.end].to_owned(),
            });
        }
        if *matched {
            all.gold_matched += 1;
            if gold_direct[gold_index] {
                direct.gold_matched += 1;
            } else {
                other.gold_matched += 1;
            }
        }
    }
    speakers.accuracy = ratio(speakers.correct, speakers.named_in_sentence);
    speakers.source_accuracy = ratio(speakers.source_correct, speakers.with_source);
    for measures in by_evidence.values_mut().chain(by_kind.values_mut()) {
        measures.precision = ratio(measures.speaker_right, measures.found);
    }
    ArticleScore {
        name: name.to_owned(),
        all: all.finish(),
        direct: direct.finish(),
        other: other.finish(),
        speakers,
        by_evidence,
        by_kind,
        misplaced_gold_spans: 0,
        missed,
        unmatched,
        wrong_sources,
    }
}

/// Whether the gold source lies within the sentences the content spans.
fn named_in_sentence(sentences: &[Span], gold: &GoldAttribution) -> bool {
    let (Some(first), Some(last)) = (gold.content.iter().min(), gold.content.iter().max()) else {
        return false;
    };
    let Some(source) = gold.source.first() else {
        return false;
    };
    let start = sentences
        .iter()
        .find(|sentence| sentence.end > first.start)
        .map_or(first.start, |sentence| sentence.start.min(first.start));
    let end = sentences
        .iter()
        .rev()
        .find(|sentence| sentence.start < last.end)
        .map_or(last.end, |sentence| sentence.end.max(last.end));
    start <= source.start && source.end <= end
}

/// Scores every article of a PolNeAR-layout directory.
pub fn run(directory: &Path) -> Result<AttributionReport, EvalError> {
    let text_directory = directory.join("text");
    let annotation_directory = directory.join("attributions");
    let annotation_files = crate::sorted_entries(&annotation_directory, |path| {
        crate::has_extension(path, "ann")
    })?;
    let texts = crate::sorted_entries(&text_directory, |path| crate::has_extension(path, "txt"))?;
    if texts.is_empty() {
        return Err(EvalError::Format {
            path: text_directory.display().to_string(),
            reason: "no .txt articles".to_owned(),
        });
    }
    let mut articles = Vec::new();
    let mut gold_spans = 0;
    for text_path in &texts {
        let name = text_path
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_default();
        let prefix = format!("{name}_");
        // One annotator's file per article; the first in name order when
        // several annotated it.
        let Some(annotation_path) = annotation_files.iter().find(|path| {
            path.file_name()
                .is_some_and(|file| file.to_string_lossy().starts_with(&prefix))
        }) else {
            return Err(EvalError::Format {
                path: text_path.display().to_string(),
                reason: format!("no attributions/{prefix}<annotator>.ann for this article"),
            });
        };
        let document = read_document(text_path)?;
        let (gold, misplaced, total) = read_annotations(annotation_path, &document.text)?;
        gold_spans += total;
        let mut score = score_article(&name, &document.text, &gold);
        score.misplaced_gold_spans = misplaced;
        articles.push(score);
    }
    let mut all = ContentMeasures::default();
    let mut direct = ContentMeasures::default();
    let mut other = ContentMeasures::default();
    let mut speakers = SpeakerMeasures::default();
    let mut by_evidence = ByEvidence::new();
    let mut by_kind = ByEvidence::new();
    for article in &articles {
        add_evidence(&mut by_evidence, &article.by_evidence);
        add_evidence(&mut by_kind, &article.by_kind);
        all.add(&article.all);
        direct.add(&article.direct);
        other.add(&article.other);
        speakers.named_in_sentence += article.speakers.named_in_sentence;
        speakers.correct += article.speakers.correct;
        speakers.with_source += article.speakers.with_source;
        speakers.source_correct += article.speakers.source_correct;
    }
    speakers.accuracy = ratio(speakers.correct, speakers.named_in_sentence);
    speakers.source_accuracy = ratio(speakers.source_correct, speakers.with_source);
    Ok(AttributionReport {
        corpus: directory.display().to_string(),
        misplaced_gold_spans: articles
            .iter()
            .map(|article| article.misplaced_gold_spans)
            .sum(),
        articles,
        all: all.finish(),
        direct: direct.finish(),
        other: other.finish(),
        speakers,
        by_evidence,
        by_kind,
        gold_spans,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hand_written_article_in_the_polnear_layout() {
        let directory = tempfile::tempdir().unwrap();
        std::fs::create_dir(directory.path().join("text")).unwrap();
        std::fs::create_dir(directory.path().join("attributions")).unwrap();
        let text = "Ferry crossings resume\n\n\
                    “We thank passengers for their patience,” a spokeswoman said on Sunday. \
                    The operator said that extra sailings would clear the backlog by Tuesday. \
                    The storm closed the harbour for two days.\n";
        std::fs::write(directory.path().join("text/ferry.txt"), text).unwrap();
        let offset = |needle: &str| text.find(needle).unwrap();
        let character = |byte: usize| text[..byte].chars().count();
        let quote = "“We thank passengers for their patience,”";
        let reported = "extra sailings would clear the backlog by Tuesday";
        let ann = format!(
            "T1\tSource {} {}\ta spokeswoman\nT2\tCue {} {}\tsaid\nT3\tContent {} {}\t{quote}\n\
             E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n\
             T4\tSource {} {}\tThe operator\nT5\tCue {} {}\tsaid\nT6\tContent {} {}\t{reported}\n\
             E2\tAttribution:T5 Content:T6 Cue:T5 Source:T4\n",
            character(offset("a spokeswoman")),
            character(offset("a spokeswoman") + "a spokeswoman".len()),
            character(offset(" said on")) + 1,
            character(offset(" said on")) + 5,
            character(offset(quote)),
            character(offset(quote) + quote.len()),
            character(offset("The operator")),
            character(offset("The operator") + "The operator".len()),
            character(offset("operator said")) + 9,
            character(offset("operator said")) + 13,
            character(offset(reported)),
            character(offset(reported) + reported.len()),
        );
        std::fs::write(directory.path().join("attributions/ferry_ab12.ann"), ann).unwrap();
        let report = run(directory.path()).unwrap();
        assert_eq!(report.misplaced_gold_spans, 0);
        assert_eq!((report.all.gold, report.all.found), (2, 2));
        assert!((report.all.f1 - 1.0).abs() < 1e-12);
        assert_eq!((report.direct.gold, report.direct.gold_matched), (1, 1));
        assert_eq!((report.other.gold, report.other.gold_matched), (1, 1));
        assert_eq!(
            (report.speakers.named_in_sentence, report.speakers.correct),
            (2, 2)
        );
        assert!(report.articles[0].missed.is_empty() && report.articles[0].unmatched.is_empty());
    }

    #[test]
    fn direct_quotes_are_told_from_reported_speech() {
        let text = "He said “we will win.” Then he said they would win.";
        let quote = Span::new(text.find("we").unwrap(), text.find(".”").unwrap() + 1);
        assert!(is_direct(text, &[quote]));
        let reported = Span::new(text.find("they").unwrap(), text.len() - 1);
        assert!(!is_direct(text, &[reported]));
    }
}
