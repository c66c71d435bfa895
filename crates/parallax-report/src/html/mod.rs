//! The self-contained HTML report: an overview and one side-by-side view per
//! pair, from the report template ([`Templates::report`]).

mod framing;
mod layout;

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
    /// For a B sentence out of B's order: whether its place in B is "up"
    /// or "down" from here (or, for a placeholder, where it is shown).
    moved: Option<&'static str>,
    /// The anchor of the sentence's other appearance: the placeholder of a
    /// moved sentence, or the sentence a placeholder stands for.
    jump: Option<String>,
    /// "moved": a placeholder where a moved B sentence sits in B; "again":
    /// a B sentence shown in full beside an earlier A sentence.
    place: Option<&'static str>,
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

/// A row of the aligned view, or a run of unlinked rows folded away.
#[derive(Debug, Serialize)]
struct Block<'a> {
    row: Option<Row<'a>>,
    fold: Option<Fold<'a>>,
}

#[derive(Debug, Serialize)]
struct Fold<'a> {
    /// "12 sentences only in B".
    summary: String,
    rows: Vec<Row<'a>>,
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

/// One score as a reader sees it.
#[derive(Debug, Serialize)]
struct ScoreView {
    /// The field name in the JSON result.
    name: &'static str,
    /// Its plain name.
    title: &'static str,
    /// The value as a percentage.
    value: String,
    formula: &'static str,
}

fn score_views(scores: &parallax_align::Scores) -> Vec<ScoreView> {
    parallax_align::SCORE_LEGEND
        .iter()
        .map(|&(name, formula)| ScoreView {
            name,
            title: parallax_align::score_title(name),
            value: parallax_align::percent(scores.get(name).unwrap_or(0.0)),
            formula,
        })
        .collect()
}

/// What a pair shares, in plain words: how much of each is linked to the
/// other, its sentences by kind of link, and what only one has.
fn pair_summary(pair: &PairResult, blocks: &[Block<'_>]) -> String {
    let rows = blocks.iter().flat_map(|block| {
        block
            .row
            .iter()
            .chain(block.fold.iter().flat_map(|fold| &fold.rows))
    });
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    let (mut only_a, mut only_b) = (0, 0);
    for row in rows {
        match (&row.a, row.kind) {
            (Some(_), Some(kind)) => *kinds.entry(kind).or_default() += 1,
            (Some(_), None) => only_a += 1,
            _ => {}
        }
        only_b += row
            .b
            .iter()
            .filter(|cell| cell.kind.is_none() && cell.place.is_none())
            .count();
    }
    let mut shared = Vec::new();
    for (kind, words) in [
        ("verbatim", "word for word"),
        ("near", "nearly word for word"),
        ("paraphrase", "reworded"),
        ("claim", "sharing a claim told in other words"),
    ] {
        if let Some(&count) = kinds.get(kind) {
            shared.push(format!("{} {words}", sentences(count)));
        }
    }
    let mut summary = format!(
        "{} of A's text is linked to B, and {} of B's to A",
        parallax_align::percent(pair.scores.coverage_a),
        parallax_align::percent(pair.scores.coverage_b),
    );
    if !shared.is_empty() {
        summary.push_str(": ");
        summary.push_str(&shared.join(", "));
        summary.push_str(" (counted in A)");
    }
    format!(
        "{summary}. {} only in A, {} only in B.",
        sentences(only_a),
        sentences(only_b)
    )
}

#[derive(Debug, Serialize)]
struct HeatCell {
    value: Option<f64>,
    /// The value as a percentage.
    text: String,
    anchor: Option<String>,
    /// 0–60, for the cell's shade.
    shade: u32,
}

/// Pairs with a section of their own in one report, those with most shared
/// text first: a hundred side-by-side comparisons is more than anyone
/// reads, and each costs the page several kilobytes.
pub const SECTIONS: usize = 100;

/// Pairs listed in the overview table, most shared text first.
pub const LISTED: usize = 500;

/// Documents up to which the similarity grid is drawn; past it the grid
/// is too large to read (and the pairs table says the same).
pub const HEATMAP_DOCUMENTS: usize = 40;

#[derive(Debug, Serialize)]
struct PairView<'a> {
    anchor: String,
    /// Whether the pair has a section of its own (see [`SECTIONS`]).
    section: bool,
    a: &'a DocumentView<'a>,
    b: &'a DocumentView<'a>,
    pair: &'a PairResult,
    /// What the pair shares, in plain words.
    summary: String,
    /// The scores with their plain names, as percentages.
    scores: Vec<ScoreView>,
    /// The similarity as a percentage.
    similarity: String,
    coverage_a: String,
    coverage_b: String,
    rows: Vec<Block<'a>>,
    framing: Option<framing::PairPanel>,
}

/// Renders the whole report. `texts[i]` is the text of `result.documents[i]`.
pub fn render_html(
    result: &ComparisonResult,
    texts: &[&str],
    templates: &Templates,
) -> Result<String, RenderError> {
    render_html_within(result, texts, templates, None)
}

/// Renders the report as one page of a larger set: `index` is the address
/// of the page it belongs to (a corpus run's index), linked from its
/// contents bar.
pub fn render_html_within(
    result: &ComparisonResult,
    texts: &[&str],
    templates: &Templates,
    index_page: Option<&str>,
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
    // The pairs with a section of their own: those with most shared text,
    // up to SECTIONS, so the report of a large run stays one a browser
    // opens (every pair is in the JSON and CSV).
    let order = crate::most_similar_first(&result.pairs);
    let mut sectioned = vec![false; result.pairs.len()];
    for &number in order
        .iter()
        .filter(|&&number| !result.pairs[number].links.is_empty())
        .take(SECTIONS)
    {
        sectioned[number] = true;
    }
    let mut pairs = Vec::new();
    for (number, pair) in result.pairs.iter().enumerate() {
        let a = index[pair.a.as_str()];
        let b = index[pair.b.as_str()];
        let sides = (
            (&result.documents[a], texts[a]),
            (&result.documents[b], texts[b]),
        );
        let framing = result
            .framing
            .as_ref()
            .and_then(|framing| {
                Some((
                    framing.pairs.get(number)?,
                    framing.documents.get(a)?,
                    framing.documents.get(b)?,
                ))
            })
            .filter(|_| sectioned[number]);
        let blocks = if sectioned[number] {
            rows(
                number,
                pair,
                sides.0,
                sides.1,
                framing.map(|(_, framing_a, framing_b)| (framing_a, framing_b)),
            )?
        } else {
            Vec::new()
        };
        pairs.push(PairView {
            anchor: format!("pair-{number}"),
            section: sectioned[number],
            a: &documents[a],
            b: &documents[b],
            pair,
            summary: pair_summary(pair, &blocks),
            scores: score_views(&pair.scores),
            similarity: parallax_align::percent(pair.scores.similarity),
            coverage_a: parallax_align::percent(pair.scores.coverage_a),
            coverage_b: parallax_align::percent(pair.scores.coverage_b),
            rows: blocks,
            framing: framing
                .map(|(pair_framing, framing_a, framing_b)| {
                    framing::pair_panel(pair_framing, (framing_a, texts[a]), (framing_b, texts[b]))
                })
                .transpose()?,
        });
    }
    // The views follow result.pairs, one for one; the list stops at
    // LISTED, saying how many it leaves out.
    let ranking: Vec<&PairView<'_>> = order
        .iter()
        .take(LISTED)
        .map(|&number| &pairs[number])
        .collect();
    let unlisted = pairs.len() - ranking.len();
    let shown: Vec<&PairView<'_>> = order
        .iter()
        .filter(|&&number| sectioned[number])
        .map(|&number| &pairs[number])
        .collect();
    let with_links = result
        .pairs
        .iter()
        .filter(|pair| !pair.links.is_empty())
        .count();
    let unsectioned = with_links - sectioned.iter().filter(|&&shown| shown).count();
    let heatmap = if result.documents.len() <= HEATMAP_DOCUMENTS {
        heatmap(result, &index, &sectioned)
    } else {
        Vec::new()
    };
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
        index => index_page,
        generator => &result.generator,
        schema_version => result.schema_version,
        documents => Value::from(Serde(&documents)),
        has_pairs => !pairs.is_empty(),
        ranked => Value::from(Serde(&ranking)),
        shown => Value::from(Serde(&shown)),
        unlisted => crate::thousands(unlisted),
        unsectioned => crate::thousands(unsectioned),
        sections => SECTIONS,
        heatmap => Value::from(Serde(&heatmap)),
        heatmap_documents => HEATMAP_DOCUMENTS,
        legend => Value::from(Serde(&result.legend)),
        score_legend => Value::from(Serde(
            &parallax_align::SCORE_LEGEND
                .iter()
                .map(|&(name, formula)| (parallax_align::score_title(name), name, formula))
                .collect::<Vec<_>>()
        )),
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

/// The aligned rows of a pair, laid out as a side-by-side diff (see
/// [`layout`]), with long runs of unlinked sentences folded.
fn rows<'a>(
    number: usize,
    pair: &PairResult,
    (a_document, a_text): (&DocumentResult, &'a str),
    (b_document, b_text): (&DocumentResult, &'a str),
    framing: Option<(
        &parallax_frame::DocumentFraming,
        &parallax_frame::DocumentFraming,
    )>,
) -> Result<Vec<Block<'a>>, RenderError> {
    let said = |(who, kind): (String, parallax_frame::FindingKind)| Said {
        who,
        shown: kind.shown_by_default(),
    };
    let anchor = |side: &str, span: Span| format!("p{number}-{side}-{}", span.start);
    let a_spans = body_spans(a_document);
    let b_spans = body_spans(b_document);
    let a_index: BTreeMap<Span, usize> = a_spans.iter().enumerate().map(|(i, s)| (*s, i)).collect();
    let b_index: BTreeMap<Span, usize> = b_spans.iter().enumerate().map(|(i, s)| (*s, i)).collect();
    let index_links: Vec<(usize, usize)> = pair
        .links
        .iter()
        .filter_map(|link| Some((*a_index.get(&link.a)?, *b_index.get(&link.b)?)))
        .collect();
    let placed = layout::layout(a_spans.len(), b_spans.len(), &index_links);
    // Where each B sentence is shown in full, and where its placeholder
    // sits, by row: a move points up or down to the other.
    let mut full_row: BTreeMap<usize, usize> = BTreeMap::new();
    let mut placeholder_row: BTreeMap<usize, usize> = BTreeMap::new();
    for (row, laid) in placed.iter().enumerate() {
        for slot in &laid.b {
            match *slot {
                layout::BSlot::InOrder(b) | layout::BSlot::Moved(b) => {
                    full_row.insert(b, row);
                }
                layout::BSlot::Elsewhere(b) => {
                    placeholder_row.insert(b, row);
                }
                layout::BSlot::Again(_) => {}
            }
        }
    }
    let direction = |from: usize, to: usize| if to < from { "up" } else { "down" };
    let mut rows: Vec<Row<'a>> = Vec::with_capacity(placed.len());
    for (row_number, laid) in placed.iter().enumerate() {
        let a_span = laid.a.map(|a| a_spans[a]);
        let links: Vec<&Link> = a_span.map_or_else(Vec::new, |span| {
            pair.links.iter().filter(|link| link.a == span).collect()
        });
        let mut b_cells = Vec::new();
        for slot in &laid.b {
            let b = slot.index();
            let span = b_spans[b];
            let link = links.iter().find(|link| link.b == span);
            let text = slice(b_document, b_text, span)?;
            let partners: Vec<String> = pair
                .links
                .iter()
                .filter(|other| other.b == span)
                .map(|other| anchor("a", other.a))
                .collect();
            let mut cell = Cell {
                anchor: anchor("b", span),
                partners,
                start: span.start,
                end: span.end,
                pieces: link.map_or_else(
                    || pieces(b_text, span, &[]),
                    |link| pieces(b_text, span, &marks(link, false)),
                ),
                kind: link.map(|link| link.kind.as_str()),
                attribution: framing
                    .and_then(|(_, framing_b)| framing::said_of(b_text, framing_b, span))
                    .map(said),
                moved: None,
                jump: None,
                place: None,
            };
            match *slot {
                layout::BSlot::InOrder(_) => {}
                layout::BSlot::Moved(_) => {
                    if let Some(&row) = placeholder_row.get(&b) {
                        cell.moved = Some(direction(row_number, row));
                        cell.jump = Some(format!("{}-place", cell.anchor));
                    }
                }
                layout::BSlot::Elsewhere(_) => {
                    let row = full_row.get(&b).copied().unwrap_or(row_number);
                    cell.place = Some("moved");
                    cell.moved = Some(direction(row_number, row));
                    cell.jump = Some(cell.anchor.clone());
                    cell.anchor = format!("{}-place", cell.anchor);
                    cell.pieces = vec![Piece {
                        text: excerpt(text),
                        change: None,
                    }];
                    cell.attribution = None;
                }
                layout::BSlot::Again(_) => {
                    cell.place = Some("again");
                    cell.jump = Some(cell.anchor.clone());
                    cell.anchor = String::new();
                    cell.pieces = vec![Piece {
                        text: excerpt(text),
                        change: None,
                    }];
                    cell.attribution = None;
                }
            }
            b_cells.push(cell);
        }
        let kind = links
            .iter()
            .map(|link| link.kind)
            .max()
            .map(parallax_core::LinkKind::as_str);
        let a_cell = match a_span {
            Some(span) => {
                slice(a_document, a_text, span)?;
                let a_marks: Vec<(Span, &'static str)> =
                    links.iter().flat_map(|link| marks(link, true)).collect();
                Some(Cell {
                    anchor: anchor("a", span),
                    partners: links.iter().map(|link| anchor("b", link.b)).collect(),
                    start: span.start,
                    end: span.end,
                    pieces: pieces(a_text, span, &a_marks),
                    kind,
                    attribution: framing
                        .and_then(|(framing_a, _)| framing::said_of(a_text, framing_a, span))
                        .map(said),
                    moved: None,
                    jump: None,
                    place: None,
                })
            }
            None => None,
        };
        rows.push(Row {
            a: a_cell,
            b: b_cells,
            kind,
            score: links.first().map(|link| link.score),
        });
    }
    Ok(fold(rows))
}

/// Runs of more than [`UNFOLDED_RUN`] rows with no link are folded, with a
/// count of what they hold on each side.
fn fold<'a>(rows: Vec<Row<'a>>) -> Vec<Block<'a>> {
    let mut blocks = Vec::new();
    let mut run: Vec<Row<'a>> = Vec::new();
    let flush = |run: &mut Vec<Row<'a>>, blocks: &mut Vec<Block<'a>>| {
        if run.len() > UNFOLDED_RUN {
            let a = run.iter().filter(|row| row.a.is_some()).count();
            let b = run
                .iter()
                .flat_map(|row| &row.b)
                .filter(|cell| cell.place.is_none())
                .count();
            let mut parts = Vec::new();
            if a > 0 {
                parts.push(format!("{} only in A", sentences(a)));
            }
            if b > 0 {
                parts.push(format!("{} only in B", sentences(b)));
            }
            blocks.push(Block {
                row: None,
                fold: Some(Fold {
                    summary: parts.join(", "),
                    rows: std::mem::take(run),
                }),
            });
        } else {
            blocks.extend(run.drain(..).map(|row| Block {
                row: Some(row),
                fold: None,
            }));
        }
    };
    for row in rows {
        let linked = row.kind.is_some() || row.b.iter().any(|cell| cell.kind.is_some());
        if linked {
            flush(&mut run, &mut blocks);
            blocks.push(Block {
                row: Some(row),
                fold: None,
            });
        } else {
            run.push(row);
        }
    }
    flush(&mut run, &mut blocks);
    blocks
}

/// How many unlinked rows in a row stay open before they are folded.
const UNFOLDED_RUN: usize = 3;

/// "1 sentence", "12 sentences".
fn sentences(count: usize) -> String {
    if count == 1 {
        "1 sentence".to_owned()
    } else {
        format!("{count} sentences")
    }
}

/// The first words of a sentence, for a placeholder that points to it.
fn excerpt(text: &str) -> &str {
    const WORDS: usize = 8;
    match text.split_whitespace().nth(WORDS) {
        Some(word) => {
            // The offset of the ninth word within `text`.
            let at = word.as_ptr() as usize - text.as_ptr() as usize;
            text[..at].trim_end()
        }
        None => text,
    }
}

fn heatmap(
    result: &ComparisonResult,
    index: &BTreeMap<&str, usize>,
    sectioned: &[bool],
) -> Vec<(String, Vec<HeatCell>)> {
    let count = result.documents.len();
    let mut cells: Vec<Vec<HeatCell>> = (0..count)
        .map(|_| {
            (0..count)
                .map(|_| HeatCell {
                    value: None,
                    text: String::new(),
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
                text: parallax_align::percent(value),
                // A pair with no link, or past the sections shown, has
                // no section to go to.
                anchor: sectioned[number].then(|| format!("pair-{number}")),
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
