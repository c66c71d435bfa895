//! Golden results for regression checks: a comparison reduced to what a
//! fixture corpus promises (segment kinds, links, passages, scores rounded
//! to a stated precision), written one finding per line so that a change
//! reads well in a diff, and compared with a fresh result to say what
//! drifted.

use parallax_report::ComparisonResult;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// What `expected.json` says it is.
pub const GOLDEN_FORMAT: &str = "parallax expected 1";
/// Scores are kept to this many decimals.
pub const SCORE_DECIMALS: u32 = 3;

/// A byte range and a kind: a segment, or one side of nothing else.
pub type Labelled = (usize, usize, String);
/// A link or passage: A's range, B's range, kind.
pub type Joined = (usize, usize, usize, usize, String);
/// An attribution: its content's range, how it quotes, and the speaker (""
/// when the text does not say).
pub type Attributed = (usize, usize, String, String);

/// A comparison as a fixture corpus keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Golden {
    pub format: String,
    pub score_decimals: u32,
    /// Document id → its segments, in order.
    pub documents: BTreeMap<String, Vec<Labelled>>,
    /// "A id ↔ B id" → what the pair holds.
    pub pairs: BTreeMap<String, GoldenPair>,
    /// Document id → its attributions, in order. Absent from golden files
    /// written before framing; such files are not checked for it until
    /// blessed again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributions: Option<BTreeMap<String, Vec<Attributed>>>,
    /// Document id → "start-end" → the first words of the text there, for
    /// every range a link, passage or attribution names: what a drift
    /// report quotes of what was lost, from this record rather than from
    /// a text that may have changed since. Empty in files written before
    /// it was kept.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub quotes: BTreeMap<String, BTreeMap<String, String>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldenPair {
    pub scores: BTreeMap<String, f64>,
    pub links: Vec<Joined>,
    pub passages: Vec<Joined>,
}

fn rounded(value: f64) -> f64 {
    let scale = 10_f64.powi(i32::try_from(SCORE_DECIMALS).unwrap_or(3));
    (value * scale).round() / scale
}

/// The key of a pair in a golden file.
#[must_use]
pub fn pair_key(a: &str, b: &str) -> String {
    format!("{a} ↔ {b}")
}

/// The key of a byte range in [`Golden::quotes`].
fn range_key(start: usize, end: usize) -> String {
    format!("{start}-{end}")
}

impl Golden {
    /// The golden record of `result`; `texts` maps document ids to the
    /// text their offsets index, for the quotes it keeps.
    #[must_use]
    pub fn from_result(result: &ComparisonResult, texts: &BTreeMap<String, String>) -> Self {
        let documents = result
            .documents
            .iter()
            .map(|document| {
                let segments = document
                    .segments
                    .iter()
                    .map(|segment| (segment.start, segment.end, segment.kind.as_str().to_owned()))
                    .collect();
                (document.id.clone(), segments)
            })
            .collect();
        let joined = |links: &[parallax_core::Link]| -> Vec<Joined> {
            links
                .iter()
                .map(|link| {
                    (
                        link.a.start,
                        link.a.end,
                        link.b.start,
                        link.b.end,
                        link.kind.as_str().to_owned(),
                    )
                })
                .collect()
        };
        let pairs = result
            .pairs
            .iter()
            .map(|pair| {
                let scores = serde_json::to_value(pair.scores)
                    .ok()
                    .and_then(|value| value.as_object().cloned())
                    .unwrap_or_default()
                    .into_iter()
                    .filter_map(|(name, value)| Some((name, rounded(value.as_f64()?))))
                    .collect();
                (
                    pair_key(&pair.a, &pair.b),
                    GoldenPair {
                        scores,
                        links: joined(&pair.links),
                        passages: joined(&pair.passages),
                    },
                )
            })
            .collect();
        let attributions: Option<BTreeMap<String, Vec<Attributed>>> =
            result.framing.as_ref().map(|framing| {
                framing
                    .documents
                    .iter()
                    .map(|document| {
                        let found = document
                            .attributions
                            .iter()
                            .map(|attribution| {
                                (
                                    attribution.content.start,
                                    attribution.content.end,
                                    attribution.quoting.as_str().to_owned(),
                                    attribution.speaker.clone().unwrap_or_default(),
                                )
                            })
                            .collect();
                        (document.id.clone(), found)
                    })
                    .collect()
            });
        let mut quotes: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        let mut keep = |id: &str, start: usize, end: usize| {
            if let Some(text) = texts.get(id).and_then(|text| text.get(start..end)) {
                quotes
                    .entry(id.to_owned())
                    .or_default()
                    .insert(range_key(start, end), shorten(text, QUOTE_WIDTH));
            }
        };
        for pair in &result.pairs {
            for link in pair.links.iter().chain(&pair.passages) {
                keep(&pair.a, link.a.start, link.a.end);
                keep(&pair.b, link.b.start, link.b.end);
            }
        }
        if let Some(attributions) = &attributions {
            for (id, found) in attributions {
                for (start, end, _, _) in found {
                    keep(id, *start, *end);
                }
            }
        }
        Self {
            format: GOLDEN_FORMAT.to_owned(),
            score_decimals: SCORE_DECIMALS,
            documents,
            pairs,
            attributions,
            quotes,
        }
    }

    /// The golden file's text: keys sorted, one segment, link or passage
    /// per line.
    #[must_use]
    pub fn to_text(&self) -> String {
        let quoted = |text: &str| serde_json::to_string(text).unwrap_or_default();
        let lines = |items: Vec<String>, indent: &str| -> String {
            if items.is_empty() {
                return "[]".to_owned();
            }
            let inner = format!("{indent}  ");
            format!(
                "[\n{inner}{}\n{indent}]",
                items.join(&format!(",\n{inner}"))
            )
        };
        let joined = |items: &[Joined]| -> Vec<String> {
            items
                .iter()
                .map(|(a_start, a_end, b_start, b_end, kind)| {
                    format!("[{a_start}, {a_end}, {b_start}, {b_end}, {}]", quoted(kind))
                })
                .collect()
        };
        let mut out = String::new();
        let _ = writeln!(out, "{{");
        let _ = writeln!(out, "  \"format\": {},", quoted(&self.format));
        let _ = writeln!(out, "  \"score_decimals\": {},", self.score_decimals);
        let documents: Vec<String> = self
            .documents
            .iter()
            .map(|(id, segments)| {
                let segments = segments
                    .iter()
                    .map(|(start, end, kind)| format!("[{start}, {end}, {}]", quoted(kind)))
                    .collect();
                format!("{}: {}", quoted(id), lines(segments, "    "))
            })
            .collect();
        let _ = writeln!(
            out,
            "  \"documents\": {{\n    {}\n  }},",
            documents.join(",\n    ")
        );
        let pairs: Vec<String> = self
            .pairs
            .iter()
            .map(|(key, pair)| {
                let scores: Vec<String> = pair
                    .scores
                    .iter()
                    .map(|(name, value)| format!("{}: {value}", quoted(name)))
                    .collect();
                format!(
                    "{}: {{\n      \"links\": {},\n      \"passages\": {},\n      \"scores\": {{{}}}\n    }}",
                    quoted(key),
                    lines(joined(&pair.links), "      "),
                    lines(joined(&pair.passages), "      "),
                    scores.join(", ")
                )
            })
            .collect();
        let comma = if self.attributions.is_some() || !self.quotes.is_empty() {
            ","
        } else {
            ""
        };
        if pairs.is_empty() {
            let _ = writeln!(out, "  \"pairs\": {{}}{comma}");
        } else {
            let _ = writeln!(
                out,
                "  \"pairs\": {{\n    {}\n  }}{comma}",
                pairs.join(",\n    ")
            );
        }
        if let Some(attributions) = &self.attributions {
            let documents: Vec<String> = attributions
                .iter()
                .map(|(id, found)| {
                    let found = found
                        .iter()
                        .map(|(start, end, quoting, speaker)| {
                            format!("[{start}, {end}, {}, {}]", quoted(quoting), quoted(speaker))
                        })
                        .collect();
                    format!("{}: {}", quoted(id), lines(found, "    "))
                })
                .collect();
            let comma = if self.quotes.is_empty() { "" } else { "," };
            if documents.is_empty() {
                let _ = writeln!(out, "  \"attributions\": {{}}{comma}");
            } else {
                let _ = writeln!(
                    out,
                    "  \"attributions\": {{\n    {}\n  }}{comma}",
                    documents.join(",\n    ")
                );
            }
        }
        if !self.quotes.is_empty() {
            let documents: Vec<String> = self
                .quotes
                .iter()
                .map(|(id, excerpts)| {
                    let entries: Vec<String> = excerpts
                        .iter()
                        .map(|(range, text)| format!("{}: {}", quoted(range), quoted(text)))
                        .collect();
                    format!(
                        "{}: {{\n      {}\n    }}",
                        quoted(id),
                        entries.join(",\n      ")
                    )
                })
                .collect();
            let _ = writeln!(
                out,
                "  \"quotes\": {{\n    {}\n  }}",
                documents.join(",\n    ")
            );
        }
        out.push_str("}\n");
        out
    }
}

/// A part of the result a check can compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    Segments,
    Links,
    Passages,
    Scores,
    /// Attributions' content ranges, quoting and speakers.
    Attributions,
}

/// What a check compares, and how closely (`check.toml`):
///
/// ```toml
/// score_tolerance = 0.01
/// compare = ["segments", "links"]
/// furniture_min_documents = 2
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CheckSettings {
    /// A score may move this much before it counts as drift.
    pub score_tolerance: f64,
    /// The parts compared; all of them unless the corpus says otherwise.
    pub compare: std::collections::BTreeSet<Part>,
    /// Cleaning's page-furniture threshold for this corpus, as
    /// `--furniture-min-documents`.
    pub furniture_min_documents: Option<usize>,
}

impl Default for CheckSettings {
    fn default() -> Self {
        Self {
            score_tolerance: 0.005,
            compare: [
                Part::Segments,
                Part::Links,
                Part::Passages,
                Part::Scores,
                Part::Attributions,
            ]
            .into(),
            furniture_min_documents: None,
        }
    }
}

/// One thing that moved, with where and how.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Drift {
    /// "segment", "link", "passage", "score", "attribution", "document"
    /// or "pair".
    pub what: &'static str,
    /// The document id or pair key.
    pub place: String,
    pub message: String,
}

/// Shortens a quoted text to `width` characters.
fn shorten(text: &str, width: usize) -> String {
    let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= width {
        return text;
    }
    let mut short: String = text.chars().take(width.saturating_sub(1)).collect();
    short.push('…');
    short
}

const QUOTE_WIDTH: usize = 60;

/// Compares a fresh result with the golden one. `texts` maps document ids
/// to the text their offsets index, to quote what moved.
#[must_use]
pub fn compare(
    expected: &Golden,
    actual: &Golden,
    settings: &CheckSettings,
    texts: &BTreeMap<String, String>,
) -> Vec<Drift> {
    let quote = |id: &str, start: usize, end: usize| -> String {
        texts
            .get(id)
            .and_then(|text| text.get(start..end))
            .map_or_else(String::new, |text| {
                format!(" \"{}\"", shorten(text, QUOTE_WIDTH))
            })
    };
    // What was lost is quoted from the golden record: the text it was cut
    // from may have changed since (a record without quotes quotes nothing).
    let quote_lost = |id: &str, start: usize, end: usize| -> String {
        expected
            .quotes
            .get(id)
            .and_then(|quotes| quotes.get(&range_key(start, end)))
            .map_or_else(String::new, |text| format!(" \"{text}\""))
    };
    let mut drifts = Vec::new();
    for id in expected.documents.keys() {
        if !actual.documents.contains_key(id) {
            drifts.push(Drift {
                what: "document",
                place: id.clone(),
                message: "expected but not found".to_owned(),
            });
        }
    }
    for (id, segments) in &actual.documents {
        let Some(expected_segments) = expected.documents.get(id) else {
            drifts.push(Drift {
                what: "document",
                place: id.clone(),
                message: "new, not in expected.json".to_owned(),
            });
            continue;
        };
        if !settings.compare.contains(&Part::Segments) {
            continue;
        }
        let before: BTreeMap<(usize, usize), &str> = expected_segments
            .iter()
            .map(|(start, end, kind)| ((*start, *end), kind.as_str()))
            .collect();
        let after: BTreeMap<(usize, usize), &str> = segments
            .iter()
            .map(|(start, end, kind)| ((*start, *end), kind.as_str()))
            .collect();
        for (&(start, end), &kind) in &after {
            let message = match before.get(&(start, end)) {
                Some(&old) if old == kind => continue,
                Some(&old) => format!("{start}–{end} {old} → {kind}"),
                None => format!("{start}–{end} {kind} is new"),
            };
            drifts.push(Drift {
                what: "segment",
                place: id.clone(),
                message: message + &quote(id, start, end),
            });
        }
        for (&(start, end), &kind) in &before {
            if !after.contains_key(&(start, end)) {
                drifts.push(Drift {
                    what: "segment",
                    place: id.clone(),
                    message: format!("{start}–{end} {kind} is gone{}", quote(id, start, end)),
                });
            }
        }
    }
    for key in expected.pairs.keys() {
        if !actual.pairs.contains_key(key) {
            drifts.push(Drift {
                what: "pair",
                place: key.clone(),
                message: "expected but not compared".to_owned(),
            });
        }
    }
    for (key, pair) in &actual.pairs {
        let Some(old) = expected.pairs.get(key) else {
            drifts.push(Drift {
                what: "pair",
                place: key.clone(),
                message: "new, not in expected.json".to_owned(),
            });
            continue;
        };
        let (a, b) = key.split_once(" ↔ ").unwrap_or((key, key));
        let describe = |item: &Joined, quote: &dyn Fn(&str, usize, usize) -> String| {
            let (a_start, a_end, b_start, b_end, kind) = item;
            format!(
                "{kind} A {a_start}–{a_end}{} ↔ B {b_start}–{b_end}{}",
                quote(a, *a_start, *a_end),
                quote(b, *b_start, *b_end)
            )
        };
        for (enabled, what, before, after) in [
            (
                settings.compare.contains(&Part::Links),
                "link",
                &old.links,
                &pair.links,
            ),
            (
                settings.compare.contains(&Part::Passages),
                "passage",
                &old.passages,
                &pair.passages,
            ),
        ] {
            if !enabled {
                continue;
            }
            for item in after.iter().filter(|item| !before.contains(item)) {
                drifts.push(Drift {
                    what,
                    place: key.clone(),
                    message: format!("appeared: {}", describe(item, &quote)),
                });
            }
            for item in before.iter().filter(|item| !after.contains(item)) {
                drifts.push(Drift {
                    what,
                    place: key.clone(),
                    message: format!("disappeared: {}", describe(item, &quote_lost)),
                });
            }
        }
        if settings.compare.contains(&Part::Scores) {
            for (name, value) in &pair.scores {
                let before = old.scores.get(name).copied().unwrap_or(f64::NAN);
                let moved = (value - before).abs();
                // NaN (a score the golden file lacks) counts as moved.
                if moved.is_nan() || moved > settings.score_tolerance {
                    drifts.push(Drift {
                        what: "score",
                        place: key.clone(),
                        message: format!(
                            "{name} {before} → {value} ({:+.3}, tolerance {})",
                            value - before,
                            settings.score_tolerance
                        ),
                    });
                }
            }
        }
    }
    if settings.compare.contains(&Part::Attributions)
        && let (Some(before), Some(after)) = (&expected.attributions, &actual.attributions)
    {
        attribution_drifts(before, after, (&quote, &quote_lost), &mut drifts);
    }
    drifts
}

/// Attributions that appeared, disappeared or changed speaker or quoting.
/// Quotes the text at a document's byte range, or nothing.
type Quoter<'a> = dyn Fn(&str, usize, usize) -> String + 'a;

/// `quote` quotes the fresh text, `quote_lost` the golden record.
fn attribution_drifts(
    before: &BTreeMap<String, Vec<Attributed>>,
    after: &BTreeMap<String, Vec<Attributed>>,
    (quote, quote_lost): (&Quoter<'_>, &Quoter<'_>),
    drifts: &mut Vec<Drift>,
) {
    let describe = |(quoting, speaker): (&str, &str)| {
        if speaker.is_empty() {
            format!("{quoting}, speaker unknown")
        } else {
            format!("{quoting}, {speaker}")
        }
    };
    for (id, found) in after {
        let old: BTreeMap<(usize, usize), (&str, &str)> = before
            .get(id)
            .into_iter()
            .flatten()
            .map(|(start, end, quoting, speaker)| {
                ((*start, *end), (quoting.as_str(), speaker.as_str()))
            })
            .collect();
        let new: BTreeMap<(usize, usize), (&str, &str)> = found
            .iter()
            .map(|(start, end, quoting, speaker)| {
                ((*start, *end), (quoting.as_str(), speaker.as_str()))
            })
            .collect();
        for (&(start, end), &now) in &new {
            let message = match old.get(&(start, end)) {
                Some(&then) if then == now => continue,
                Some(&then) => format!("{start}–{end} {} → {}", describe(then), describe(now)),
                None => format!("appeared: {start}–{end} {}", describe(now)),
            };
            drifts.push(Drift {
                what: "attribution",
                place: id.clone(),
                message: message + &quote(id, start, end),
            });
        }
        for (&(start, end), &then) in &old {
            if !new.contains_key(&(start, end)) {
                drifts.push(Drift {
                    what: "attribution",
                    place: id.clone(),
                    message: format!(
                        "disappeared: {start}–{end} {}{}",
                        describe(then),
                        quote_lost(id, start, end)
                    ),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn golden() -> Golden {
        Golden {
            format: GOLDEN_FORMAT.to_owned(),
            score_decimals: SCORE_DECIMALS,
            documents: BTreeMap::from([(
                "a".to_owned(),
                vec![(0, 5, "title".to_owned()), (6, 20, "body".to_owned())],
            )]),
            pairs: BTreeMap::from([(
                pair_key("a", "b"),
                GoldenPair {
                    scores: BTreeMap::from([("similarity".to_owned(), 0.5)]),
                    links: vec![(6, 20, 0, 14, "near".to_owned())],
                    passages: Vec::new(),
                },
            )]),
            attributions: Some(BTreeMap::from([(
                "a".to_owned(),
                vec![(6, 20, "indirect".to_owned(), "the port".to_owned())],
            )])),
            quotes: BTreeMap::from([
                (
                    "a".to_owned(),
                    BTreeMap::from([("6-20".to_owned(), "The port reope".to_owned())]),
                ),
                (
                    "b".to_owned(),
                    BTreeMap::from([("0-14".to_owned(), "The port reope".to_owned())]),
                ),
            ]),
        }
    }

    /// Issue 18: what disappeared is quoted from the golden record; cut
    /// from a text edited since, the old range would quote other words.
    #[test]
    fn what_was_lost_is_quoted_from_the_record() {
        let edited = BTreeMap::from([
            (
                "a".to_owned(),
                "Title It is very dangerous, Geneva said.".to_owned(),
            ),
            (
                "b".to_owned(),
                "It is very dangerous, Geneva said.".to_owned(),
            ),
        ]);
        let mut actual = golden();
        actual
            .pairs
            .get_mut(&pair_key("a", "b"))
            .unwrap()
            .links
            .clear();
        actual
            .attributions
            .as_mut()
            .unwrap()
            .get_mut("a")
            .unwrap()
            .clear();
        let messages: Vec<String> = compare(&golden(), &actual, &CheckSettings::default(), &edited)
            .iter()
            .map(|drift| drift.message.clone())
            .collect();
        assert_eq!(
            messages,
            [
                "disappeared: near A 6–20 \"The port reope\" ↔ B 0–14 \"The port reope\"",
                "disappeared: 6–20 indirect, the port \"The port reope\""
            ]
        );
        // A record written before quotes were kept quotes nothing.
        let mut older = golden();
        older.quotes.clear();
        let messages: Vec<String> = compare(&older, &actual, &CheckSettings::default(), &edited)
            .iter()
            .map(|drift| drift.message.clone())
            .collect();
        assert_eq!(
            messages,
            [
                "disappeared: near A 6–20 ↔ B 0–14",
                "disappeared: 6–20 indirect, the port"
            ]
        );
    }

    #[test]
    fn text_reads_back_as_the_same_golden() {
        let text = golden().to_text();
        assert!(
            text.contains("\n        [6, 20, 0, 14, \"near\"]\n"),
            "{text}"
        );
        let read: Golden = serde_json::from_str(&text).unwrap();
        assert_eq!(read, golden());
    }

    #[test]
    fn drift_names_what_moved_and_quotes_it() {
        let texts = BTreeMap::from([
            ("a".to_owned(), "Title The port reopened.".to_owned()),
            ("b".to_owned(), "The port reopened.".to_owned()),
        ]);
        let mut actual = golden();
        actual.documents.get_mut("a").unwrap()[1].2 = "boilerplate".to_owned();
        let pair = actual.pairs.get_mut(&pair_key("a", "b")).unwrap();
        pair.links.clear();
        pair.scores.insert("similarity".to_owned(), 0.503);
        let settings = CheckSettings::default();
        let drifts = compare(&golden(), &actual, &settings, &texts);
        let messages: Vec<String> = drifts
            .iter()
            .map(|drift| format!("{} {}: {}", drift.what, drift.place, drift.message))
            .collect();
        assert_eq!(
            messages,
            [
                "segment a: 6–20 body → boilerplate \"The port reope\"",
                "link a ↔ b: disappeared: near A 6–20 \"The port reope\" ↔ B 0–14 \"The port reope\""
            ]
        );
        // Beyond the tolerance, a score drifts too.
        let strict = CheckSettings {
            score_tolerance: 0.001,
            ..CheckSettings::default()
        };
        let drifts = compare(&golden(), &actual, &strict, &texts);
        assert_eq!(drifts.last().unwrap().what, "score");
        // A corpus that compares only scores sees only the score.
        let scores_only: CheckSettings =
            toml::from_str("score_tolerance = 0.001\ncompare = [\"scores\"]\n").unwrap();
        let drifts = compare(&golden(), &actual, &scores_only, &texts);
        assert_eq!(drifts.len(), 1);
        assert!(
            drifts[0].message.starts_with("similarity 0.5 → 0.503"),
            "{drifts:?}"
        );
        assert_eq!(compare(&golden(), &golden(), &strict, &texts), []);
    }

    #[test]
    fn an_attribution_given_to_someone_else_is_drift() {
        let texts = BTreeMap::from([("a".to_owned(), "Title The port reopened.".to_owned())]);
        let mut actual = golden();
        actual.attributions.as_mut().unwrap().get_mut("a").unwrap()[0].3 = "the union".to_owned();
        let drifts = compare(&golden(), &actual, &CheckSettings::default(), &texts);
        assert_eq!(drifts.len(), 1, "{drifts:?}");
        assert_eq!(drifts[0].what, "attribution");
        assert_eq!(
            drifts[0].message,
            "6–20 indirect, the port → indirect, the union \"The port reope\""
        );
        // A golden file written before framing is not checked for it.
        let mut older = golden();
        older.attributions = None;
        assert_eq!(
            compare(&older, &actual, &CheckSettings::default(), &texts),
            []
        );
    }
}
