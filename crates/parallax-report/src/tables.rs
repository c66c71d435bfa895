//! The result as tables: CSV for spreadsheets and scripts, Markdown for a
//! pull-request comment. Both lay out what the JSON result holds and
//! compute no new finding.

use crate::{ComparisonResult, DocumentResult, PairResult};
use parallax_core::{LinkKind, SegmentKind};
use std::fmt::Write as _;

fn links_of_kind(pair: &PairResult, kind: LinkKind) -> usize {
    pair.links.iter().filter(|link| link.kind == kind).count()
}

fn document<'a>(result: &'a ComparisonResult, id: &str) -> Option<&'a DocumentResult> {
    result.documents.iter().find(|document| document.id == id)
}

/// The pairs, most overlapping first (ties in the result's order).
fn ranked(result: &ComparisonResult) -> Vec<&PairResult> {
    crate::most_similar_first(&result.pairs)
        .into_iter()
        .map(|index| &result.pairs[index])
        .collect()
}

/// The score matrix: one row per pair, one column per score, with both
/// documents' ids and outlets and the number of links of each kind.
///
/// # Errors
/// Only if writing to memory fails, which it does not.
pub fn render_csv(result: &ComparisonResult) -> Result<String, crate::RenderError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["a", "b", "a_outlet", "b_outlet"];
    header.extend(parallax_align::SCORE_NAMES);
    header.extend([
        "verbatim_links",
        "near_links",
        "paraphrase_links",
        "passages",
        // Last, so that readers of the earlier columns by position are
        // not thrown off.
        "claim_links",
    ]);
    writer.write_record(&header)?;
    for pair in &result.pairs {
        let outlet = |id: &str| {
            document(result, id)
                .and_then(|document| document.metadata.outlet.clone())
                .unwrap_or_default()
        };
        let mut record = vec![
            inert(&pair.a),
            inert(&pair.b),
            inert(&outlet(&pair.a)),
            inert(&outlet(&pair.b)),
        ];
        record.extend(pair.scores.named().map(|(_, value)| value.to_string()));
        record.extend(
            [LinkKind::Verbatim, LinkKind::Near, LinkKind::Paraphrase]
                .map(|kind| links_of_kind(pair, kind).to_string()),
        );
        record.push(pair.passages.len().to_string());
        record.push(links_of_kind(pair, LinkKind::Claim).to_string());
        writer.write_record(&record)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|error| csv::Error::from(error.into_error()))?;
    Ok(String::from_utf8(bytes).expect("the records are strings"))
}

/// A Markdown cell's text, shown as the text it is: pipes and line breaks
/// would end the cell, and HTML, links, images and emphasis from a title,
/// an outlet or an id must not become markup.
fn cell(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !escaped.is_empty() {
            escaped.push(' ');
        }
        for character in word.chars() {
            match character {
                '<' => escaped.push_str("&lt;"),
                '>' => escaped.push_str("&gt;"),
                '&' => escaped.push_str("&amp;"),
                // A link or image needs its brackets; "(" and "!" alone
                // are text.
                '|' | '\\' | '[' | ']' | '*' | '_' | '`' | '~' => {
                    escaped.push('\\');
                    escaped.push(character);
                }
                _ => escaped.push(character),
            }
        }
    }
    escaped
}

/// A Markdown cell's text inside a code span, where only a backtick or a
/// pipe could end it and nothing else is markup.
fn code(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('`', "'")
        .replace('|', "\\|")
}

/// A CSV cell a spreadsheet will not read as a formula: a text opening with
/// `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with `'`, as
/// OWASP recommends against CSV injection.
fn inert(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// A short summary for a pull-request comment: the documents, what
/// cleaning set aside, and the pairs with their scores.
#[must_use]
pub fn render_markdown(result: &ComparisonResult) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "### parallax: {} reports, {} pairs\n",
        result.documents.len(),
        result.pairs.len()
    );
    out.push_str(
        "| Document | Outlet | Title | Body words | Set aside (bytes) | Quoted most by name |\n",
    );
    out.push_str("|---|---|---|--:|--:|---|\n");
    for (number, document) in result.documents.iter().enumerate() {
        let most_quoted = cell(&result.most_quoted(number));
        let totals = document.bytes_by_kind();
        let set_aside: usize = [
            SegmentKind::Metadata,
            SegmentKind::Boilerplate,
            SegmentKind::Duplicate,
        ]
        .iter()
        .filter_map(|kind| totals.get(kind))
        .sum();
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} | {} |",
            code(&document.id),
            cell(document.metadata.outlet.as_deref().unwrap_or("—")),
            cell(document.metadata.title.as_deref().unwrap_or("—")),
            document.body_words,
            set_aside,
            most_quoted
        );
    }
    if !result.pairs.is_empty() {
        // The scores under the plain names the HTML report gives them.
        let shown = [
            "similarity",
            "containment_a_in_b",
            "containment_b_in_a",
            "coverage_a",
            "coverage_b",
        ];
        let titles: Vec<&str> = shown
            .iter()
            .map(|name| parallax_align::score_title(name))
            .collect();
        let _ = writeln!(
            out,
            "\n| A | B | {} | Links (= ≈ ~ ∩) |",
            titles.join(" | ")
        );
        out.push_str("|---|---|--:|--:|--:|--:|--:|--:|\n");
        let labels = result.labels();
        for pair in ranked(result) {
            let label = |id: &str| {
                result
                    .documents
                    .iter()
                    .position(|document| document.id == id)
                    .map_or_else(|| id.to_owned(), |number| cell(&labels[number]))
            };
            let percentages: Vec<String> = shown
                .iter()
                .map(|name| parallax_align::percent(pair.scores.get(name).unwrap_or(0.0)))
                .collect();
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} {} {} {} |",
                label(&pair.a),
                label(&pair.b),
                percentages.join(" | "),
                links_of_kind(pair, LinkKind::Verbatim),
                links_of_kind(pair, LinkKind::Near),
                links_of_kind(pair, LinkKind::Paraphrase),
                links_of_kind(pair, LinkKind::Claim),
            );
        }
    }
    out.push_str(
        "\nShared text, both ways: linked body bytes of both ÷ body bytes of both. \
         A's wording found in B: share of A's word 5-grams found in B. \
         A linked to B: share of A's body in links. \
         Links: = verbatim, ≈ near, ~ paraphrase, ∩ shared claim.\n",
    );
    let _ = writeln!(out, "\n<sub>{}</sub>", result.generator);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_cannot_break_the_table() {
        assert_eq!(cell("a | b\nc"), "a \\| b c");
    }

    /// Issue 19: markup from a title, an outlet or an id stays text.
    #[test]
    fn markdown_cells_carry_no_markup() {
        assert_eq!(
            cell("<img src=x onerror=alert(1)> [x](javascript:alert(1)) ![i](http://t/p.png)"),
            "&lt;img src=x onerror=alert(1)&gt; \\[x\\](javascript:alert(1)) !\\[i\\](http://t/p.png)"
        );
    }

    /// Issue 19: a cell a spreadsheet would run as a formula is neutralised.
    #[test]
    fn csv_cells_are_never_formulas() {
        assert_eq!(
            inert("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(inert("+1"), "'+1");
        assert_eq!(inert("-2"), "'-2");
        assert_eq!(inert("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(inert("TASS"), "TASS");
    }
}
