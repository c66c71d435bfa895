//! The self-contained HTML report: an overview and one side-by-side view per
//! pair, from the report template ([`Templates::report`]).

mod framing;

use crate::{ComparisonResult, DocumentResult, PairResult, RenderError, Templates};
use minijinja::value::Serde;
use minijinja::{Environment, Value, context};
use parallax_core::{Link, SegmentKind, Span};
use serde::Serialize;
use std::collections::BTreeMap;

/// A run of sentence text and how it differs from the partner: `None`
/// when it does not, else "changed" (other words there), "deleted" (only
/// on this side, A) or "inserted" (only on this side, B).
#[derive(Debug, Serialize)]
struct Piece<'a> {
    text: &'a str,
    change: Option<&'static str>,
}

#[derive(Debug, Serialize)]
struct Cell<'a> {
    anchor: String,
    partners: Vec<String>,
    start: usize,
    end: usize,
    pieces: Vec<Piece<'a>>,
    /// The strongest kind of link the sentence takes part in.
    kind: Option<&'static str>,
    /// Who the sentence is attributed to, when attributions cover half of
    /// it or more.
    attribution: Option<Said>,
}

/// A speaker mark on an aligned sentence.
#[derive(Debug, Serialize)]
struct Said {
    /// "Lavrov (quoted)".
    who: String,
    /// Whether the attribution's kind is shown by default; the others are
    /// marked only when the reader asks.
    shown: bool,
}

#[derive(Debug, Serialize)]
struct Row<'a> {
    a: Option<Cell<'a>>,
    b: Vec<Cell<'a>>,
    kind: Option<&'static str>,
    score: Option<f64>,
}

#[derive(Debug, Serialize)]
struct Folded<'a> {
    start: usize,
    end: usize,
    kind: &'static str,
    reason: &'a str,
    text: &'a str,
}

#[derive(Debug, Serialize)]
struct DocumentView<'a> {
    document: &'a DocumentResult,
    label: String,
    /// The URL when it is safe to follow (http or https): a `javascript:`
    /// URL in a page's metadata must not become a link.
    link: Option<&'a str>,
    summary: String,
    folded: Vec<Folded<'a>>,
}

#[derive(Debug, Serialize)]
struct HeatCell {
    value: Option<f64>,
    anchor: Option<String>,
    /// 0–60, for the cell's shade.
    shade: u32,
}

#[derive(Debug, Serialize)]
struct PairView<'a> {
    anchor: String,
    a: &'a DocumentView<'a>,
    b: &'a DocumentView<'a>,
    pair: &'a PairResult,
    rows: Vec<Row<'a>>,
    framing: Option<framing::PairPanel>,
}

/// Renders the whole report. `texts[i]` is the text of `result.documents[i]`.
pub fn render_html(
    result: &ComparisonResult,
    texts: &[&str],
    templates: &Templates,
) -> Result<String, RenderError> {
    if texts.len() != result.documents.len() {
        return Err(RenderError::MissingText {
            expected: result.documents.len(),
            given: texts.len(),
        });
    }
    let index: BTreeMap<&str, usize> = result
        .documents
        .iter()
        .enumerate()
        .map(|(number, document)| (document.id.as_str(), number))
        .collect();
    let documents = result
        .documents
        .iter()
        .zip(texts)
        .zip(result.labels())
        .map(|((document, text), label)| document_view(document, text, label))
        .collect::<Result<Vec<_>, _>>()?;
    let mut pairs = Vec::new();
    for (number, pair) in result.pairs.iter().enumerate() {
        let a = index[pair.a.as_str()];
        let b = index[pair.b.as_str()];
        let sides = (
            (&result.documents[a], texts[a]),
            (&result.documents[b], texts[b]),
        );
        let framing = result.framing.as_ref().and_then(|framing| {
            Some((
                framing.pairs.get(number)?,
                framing.documents.get(a)?,
                framing.documents.get(b)?,
            ))
        });
        pairs.push(PairView {
            anchor: format!("pair-{number}"),
            a: &documents[a],
            b: &documents[b],
            pair,
            rows: rows(
                number,
                pair,
                sides.0,
                sides.1,
                framing.map(|(_, framing_a, framing_b)| (framing_a, framing_b)),
            )?,
            framing: framing
                .map(|(pair_framing, framing_a, framing_b)| {
                    framing::pair_panel(pair_framing, (framing_a, texts[a]), (framing_b, texts[b]))
                })
                .transpose()?,
        });
    }
    // The views follow result.pairs, one for one.
    let ranking: Vec<&PairView<'_>> = crate::most_similar_first(&result.pairs)
        .into_iter()
        .map(|index| &pairs[index])
        .collect();
    let heatmap = heatmap(result, &index);
    let framing = result
        .framing
        .as_ref()
        .map(|framing| framing::overview(framing, &result.labels(), texts))
        .transpose()?;
    // Per kind of finding: whether it is shown by default, and how often
    // it was right when checked.
    let audit: BTreeMap<&str, &parallax_frame::KindAudit> = result
        .framing
        .iter()
        .flat_map(|framing| &framing.audit)
        .map(|audit| (audit.kind.as_str(), audit))
        .collect();
    let mut environment = Environment::new();
    environment.add_template("report.html", templates.report)?;
    let template = environment.get_template("report.html")?;
    Ok(template.render(context! {
        audit => Value::from(Serde(&audit)),
        generator => &result.generator,
        schema_version => result.schema_version,
        documents => Value::from(Serde(&documents)),
        pairs => Value::from(Serde(&pairs)),
        ranked => Value::from(Serde(&ranking)),
        heatmap => Value::from(Serde(&heatmap)),
        legend => Value::from(Serde(&result.legend)),
        framing => Value::from(Serde(&framing)),
    })?)
}

fn slice<'a>(document: &DocumentResult, text: &'a str, span: Span) -> Result<&'a str, RenderError> {
    span.text(text).ok_or_else(|| RenderError::BadSpan {
        document: document.id.clone(),
        span,
    })
}

fn document_view<'a>(
    document: &'a DocumentResult,
    text: &'a str,
    label: String,
) -> Result<DocumentView<'a>, RenderError> {
    let mut folded = Vec::new();
    for segment in document
        .segments
        .iter()
        .filter(|segment| segment.kind.is_set_aside())
    {
        folded.push(Folded {
            start: segment.start,
            end: segment.end,
            kind: segment.kind.as_str(),
            reason: &segment.reason,
            text: slice(document, text, segment.span())?,
        });
    }
    let totals = document.bytes_by_kind();
    let summary: Vec<String> = [
        SegmentKind::Metadata,
        SegmentKind::Boilerplate,
        SegmentKind::Duplicate,
    ]
    .into_iter()
    .filter_map(|kind| {
        let bytes = totals.get(&kind)?;
        let count = document
            .segments
            .iter()
            .filter(|segment| segment.kind == kind)
            .count();
        let plural = if count == 1 { "" } else { "s" };
        let bytes = crate::thousands(*bytes);
        Some(match kind {
            SegmentKind::Duplicate => {
                format!("{bytes} bytes duplicated ({count} sentence{plural})")
            }
            SegmentKind::Boilerplate => {
                format!("{bytes} bytes of boilerplate ({count} line{plural})")
            }
            _ => format!("{bytes} bytes of {kind} ({count} segment{plural})"),
        })
    })
    .collect();
    let link = document.metadata.url.as_deref().filter(|url| {
        let lower = url.trim_start().to_ascii_lowercase();
        lower.starts_with("https://") || lower.starts_with("http://")
    });
    Ok(DocumentView {
        document,
        label,
        link,
        summary: if summary.is_empty() {
            "nothing set aside".to_owned()
        } else {
            summary.join(", ")
        },
        folded,
    })
}

fn pieces<'a>(text: &'a str, span: Span, marks: &[(Span, &'static str)]) -> Vec<Piece<'a>> {
    let mut result = Vec::new();
    let mut cursor = span.start;
    let mut marks: Vec<(Span, &'static str)> = marks
        .iter()
        .copied()
        .filter(|(mark, _)| span.contains(*mark))
        .collect();
    marks.sort();
    for (mark, change) in marks {
        if mark.start < cursor {
            continue;
        }
        if mark.start > cursor {
            result.push(Piece {
                text: &text[cursor..mark.start],
                change: None,
            });
        }
        result.push(Piece {
            text: &text[mark.start..mark.end],
            change: Some(change),
        });
        cursor = mark.end;
    }
    if cursor < span.end {
        result.push(Piece {
            text: &text[cursor..span.end],
            change: None,
        });
    }
    result
}

/// The word-level changes of a link as seen from one side.
fn marks(link: &Link, side_is_a: bool) -> Vec<(Span, &'static str)> {
    link.changes
        .iter()
        .filter_map(|change| {
            let (own, other) = if side_is_a {
                (change.a, change.b)
            } else {
                (change.b, change.a)
            };
            let alone = if side_is_a { "deleted" } else { "inserted" };
            own.map(|span| (span, if other.is_some() { "changed" } else { alone }))
        })
        .collect()
}

fn body_spans(document: &DocumentResult) -> Vec<Span> {
    document
        .segments
        .iter()
        .filter(|segment| segment.kind == SegmentKind::Body)
        .map(parallax_core::Segment::span)
        .collect()
}

/// Rows in A's order: each A sentence with its partners in B; B's unlinked
/// sentences sit after the row of the B sentence before them.
fn rows<'a>(
    number: usize,
    pair: &PairResult,
    (a_document, a_text): (&DocumentResult, &'a str),
    (b_document, b_text): (&DocumentResult, &'a str),
    framing: Option<(
        &parallax_frame::DocumentFraming,
        &parallax_frame::DocumentFraming,
    )>,
) -> Result<Vec<Row<'a>>, RenderError> {
    let said = |(who, kind): (String, parallax_frame::FindingKind)| Said {
        who,
        shown: kind.shown_by_default(),
    };
    let attributed_a = |span: Span| {
        framing
            .and_then(|(framing_a, _)| framing::said_of(a_text, framing_a, span))
            .map(said)
    };
    let attributed_b = |span: Span| {
        framing
            .and_then(|(_, framing_b)| framing::said_of(b_text, framing_b, span))
            .map(said)
    };
    let anchor = |side: &str, span: Span| format!("p{number}-{side}-{}", span.start);
    let body = body_spans;
    let links_of_a =
        |span: Span| -> Vec<&Link> { pair.links.iter().filter(|link| link.a == span).collect() };

    let mut rows: Vec<Row<'a>> = Vec::new();
    let mut row_of_b: BTreeMap<Span, usize> = BTreeMap::new();
    for span in body(a_document) {
        let links = links_of_a(span);
        let a_marks: Vec<(Span, &'static str)> =
            links.iter().flat_map(|link| marks(link, true)).collect();
        let mut b_cells = Vec::new();
        for link in &links {
            slice(b_document, b_text, link.b)?;
            row_of_b.insert(link.b, rows.len());
            b_cells.push(Cell {
                anchor: anchor("b", link.b),
                partners: pair
                    .links
                    .iter()
                    .filter(|other| other.b == link.b)
                    .map(|other| anchor("a", other.a))
                    .collect(),
                start: link.b.start,
                end: link.b.end,
                pieces: pieces(b_text, link.b, &marks(link, false)),
                kind: Some(link.kind.as_str()),
                attribution: attributed_b(link.b),
            });
        }
        slice(a_document, a_text, span)?;
        rows.push(Row {
            a: Some(Cell {
                anchor: anchor("a", span),
                partners: links.iter().map(|link| anchor("b", link.b)).collect(),
                start: span.start,
                end: span.end,
                pieces: pieces(a_text, span, &a_marks),
                kind: links
                    .iter()
                    .map(|link| link.kind)
                    .max()
                    .map(parallax_core::LinkKind::as_str),
                attribution: attributed_a(span),
            }),
            b: b_cells,
            kind: links
                .iter()
                .map(|link| link.kind)
                .max()
                .map(parallax_core::LinkKind::as_str),
            score: links.first().map(|link| link.score),
        });
    }
    // Insert B's unlinked sentences, last first so earlier positions hold.
    let mut insertions: Vec<(usize, Row<'a>)> = Vec::new();
    let mut after = 0;
    for span in body(b_document) {
        if let Some(&row) = row_of_b.get(&span) {
            after = row + 1;
            continue;
        }
        slice(b_document, b_text, span)?;
        insertions.push((
            after,
            Row {
                a: None,
                b: vec![Cell {
                    anchor: anchor("b", span),
                    partners: Vec::new(),
                    start: span.start,
                    end: span.end,
                    pieces: pieces(b_text, span, &[]),
                    kind: None,
                    attribution: attributed_b(span),
                }],
                kind: None,
                score: None,
            },
        ));
    }
    for (position, row) in insertions.into_iter().rev() {
        rows.insert(position.min(rows.len()), row);
    }
    Ok(rows)
}

fn heatmap(
    result: &ComparisonResult,
    index: &BTreeMap<&str, usize>,
) -> Vec<(String, Vec<HeatCell>)> {
    let count = result.documents.len();
    let mut cells: Vec<Vec<HeatCell>> = (0..count)
        .map(|_| {
            (0..count)
                .map(|_| HeatCell {
                    value: None,
                    anchor: None,
                    shade: 0,
                })
                .collect()
        })
        .collect();
    for (number, pair) in result.pairs.iter().enumerate() {
        let (a, b) = (index[pair.a.as_str()], index[pair.b.as_str()]);
        let value = pair.scores.similarity;
        // The square root lifts the small values most pairs have into
        // view; capped so that the number on the cell stays readable.
        // Truncation is intended: the shade is a coarse 0–60 scale.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let shade = (value.sqrt() * 60.0).round() as u32;
        for (row, column) in [(a, b), (b, a)] {
            cells[row][column] = HeatCell {
                value: Some(value),
                anchor: Some(format!("pair-{number}")),
                shade,
            };
        }
    }
    result.labels().into_iter().zip(cells).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_read_as_deleted_inserted_or_changed_from_each_side() {
        use parallax_core::{Change, LinkKind};
        let link = Link {
            a: Span::new(0, 40),
            b: Span::new(0, 40),
            kind: LinkKind::Near,
            score: 0.8,
            changes: vec![
                Change {
                    a: Some(Span::new(0, 5)),
                    b: Some(Span::new(0, 3)),
                },
                Change {
                    a: Some(Span::new(10, 14)),
                    b: None,
                },
                Change {
                    a: None,
                    b: Some(Span::new(20, 25)),
                },
            ],
            evidence: None,
            cosine: None,
        };
        assert_eq!(
            marks(&link, true),
            [(Span::new(0, 5), "changed"), (Span::new(10, 14), "deleted")]
        );
        assert_eq!(
            marks(&link, false),
            [
                (Span::new(0, 3), "changed"),
                (Span::new(20, 25), "inserted")
            ]
        );
    }

    #[test]
    fn pieces_mark_changes_inside_the_span() {
        let text = "xx The proposals were handed over.";
        let span = Span::new(3, text.len());
        let marked = pieces(
            text,
            span,
            &[(Span::new(3, 16), "changed"), (Span::new(0, 2), "deleted")],
        );
        let shown: Vec<(&str, Option<&str>)> = marked
            .iter()
            .map(|piece| (piece.text, piece.change))
            .collect();
        assert_eq!(
            shown,
            [
                ("The proposals", Some("changed")),
                (" were handed over.", None)
            ]
        );
    }
}
