//! What every document but one carries: claims joined across all pairs'
//! links, and the one document without them.

use crate::model::{DocumentSpan, Omission};
use parallax_align::Side;
use parallax_core::{Span, UnionFind};

/// The index of the sentence that holds `span`'s start.
pub(crate) fn sentence_at(sentences: &[Span], span: Span) -> Option<usize> {
    let index = sentences.partition_point(|sentence| sentence.end <= span.start);
    (index < sentences.len() && sentences[index].start <= span.start).then_some(index)
}

pub(crate) fn omissions(
    inputs: &[Side<'_>],
    sentences: &[Vec<Span>],
    offsets: &[usize],
    claims: &mut UnionFind,
) -> Vec<Omission> {
    let count = inputs.len();
    if count < 3 {
        return Vec::new();
    }
    // Claim root → where each document carries it.
    let mut carried: std::collections::BTreeMap<usize, Vec<(usize, Span)>> =
        std::collections::BTreeMap::new();
    for (document, list) in sentences.iter().enumerate() {
        for (number, span) in list.iter().enumerate() {
            carried
                .entry(claims.root(offsets[document] + number))
                .or_default()
                .push((document, *span));
        }
    }
    let mut found: Vec<(usize, Omission)> = Vec::new();
    for places in carried.values() {
        let mut documents: Vec<usize> = places.iter().map(|(document, _)| *document).collect();
        documents.dedup();
        documents.sort_unstable();
        documents.dedup();
        if documents.len() != count - 1 {
            continue;
        }
        let Some(missing) = (0..count).find(|document| !documents.contains(document)) else {
            continue;
        };
        let first = places
            .iter()
            .map(|(document, span)| (offsets[*document], span.start))
            .min()
            .unwrap_or_default();
        found.push((
            first.0 + first.1,
            Omission {
                omitted_by: inputs[missing].document.id.clone(),
                carried: places
                    .iter()
                    .map(|(document, span)| DocumentSpan {
                        document: inputs[*document].document.id.clone(),
                        span: *span,
                    })
                    .collect(),
            },
        ));
    }
    found.sort_by_key(|(order, _)| *order);
    found.into_iter().map(|(_, omission)| omission).collect()
}
