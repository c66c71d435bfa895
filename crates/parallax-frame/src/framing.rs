//! Everything parallax finds about framing in one comparison: per document
//! ([`crate::document`]), per pair ([`crate::pair`]) and across all
//! ([`crate::omissions`]), put together by [`frame`].

use crate::document::frame_document;
use crate::model::{DocumentFraming, Framing, KindAudit, PairLinks};
use crate::omissions::{omissions, sentence_at};
use crate::pair::frame_pair;
use crate::phrases::{Phrases, phrases};
use crate::terms::{counted_words, distinctive_terms};
use parallax_align::Side;
use parallax_core::{Span, UnionFind};

/// How many distinctive words each document lists.
pub const DISTINCTIVE_TERMS: usize = 12;

/// Frames every document and pair.
#[must_use]
pub fn frame(inputs: &[Side<'_>], pairs: &[PairLinks<'_>]) -> Framing {
    let sentences: Vec<Vec<Span>> = inputs
        .iter()
        .map(|input| input.clean.body().collect())
        .collect();
    let mut documents: Vec<DocumentFraming> = inputs
        .iter()
        .zip(&sentences)
        .map(|(input, sentences)| frame_document(*input, sentences))
        .collect();
    let words: Vec<Vec<String>> = inputs
        .iter()
        .zip(&sentences)
        .map(|(input, sentences)| {
            sentences
                .iter()
                .flat_map(|span| counted_words(&input.document.text[span.start..span.end]))
                .collect()
        })
        .collect();
    for (document, terms) in documents
        .iter_mut()
        .zip(distinctive_terms(&words, DISTINCTIVE_TERMS))
    {
        document.distinctive_terms = terms;
    }

    // Sentences joined by links across all pairs: a claim and the
    // documents that carry it.
    let offsets: Vec<usize> = sentences
        .iter()
        .scan(0, |total, list| {
            let start = *total;
            *total += list.len();
            Some(start)
        })
        .collect();
    let total = sentences.iter().map(Vec::len).sum();
    let mut claims = UnionFind::new(total);
    let mut linked = vec![false; total];
    for pair in pairs {
        for link in pair.links {
            let (Some(a), Some(b)) = (
                sentence_at(&sentences[pair.a], link.a),
                sentence_at(&sentences[pair.b], link.b),
            ) else {
                continue;
            };
            let (a, b) = (offsets[pair.a] + a, offsets[pair.b] + b);
            claims.join(a, b);
            linked[a] = true;
            linked[b] = true;
        }
    }
    for (index, document) in documents.iter_mut().enumerate() {
        document.unique = sentences[index]
            .iter()
            .enumerate()
            .filter(|(number, _)| !linked[offsets[index] + number])
            .map(|(_, span)| *span)
            .collect();
    }
    let omissions = omissions(inputs, &sentences, &offsets, &mut claims);

    let phrase_maps: Vec<Phrases> = inputs
        .iter()
        .zip(&sentences)
        .zip(&documents)
        .map(|((input, sentences), document)| {
            phrases(
                &input.document.text,
                sentences,
                &input.clean.paragraphs,
                &document.attributions,
            )
        })
        .collect();
    let pairs = pairs
        .iter()
        .map(|pair| {
            frame_pair(
                (inputs[pair.a], &documents[pair.a], &phrase_maps[pair.a]),
                (inputs[pair.b], &documents[pair.b], &phrase_maps[pair.b]),
                pair.links,
            )
        })
        .collect();
    let (people, of_speaker) = crate::people::people(&documents);
    for (document, persons) in documents.iter_mut().zip(of_speaker) {
        for (speaker, person) in document.speakers.iter_mut().zip(persons) {
            speaker.person = Some(person);
        }
    }
    Framing {
        documents,
        pairs,
        omissions,
        people,
        audit: KindAudit::all(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribution::Quoting;
    use crate::model::{ContrastKind, Omission, QuoteRelation};
    use parallax_align::align;
    use parallax_clean::CleanDocument;
    use parallax_core::Document;

    /// Three reports of one event, written for this test: a wire story,
    /// a rewrite that cuts a quote short and states a claim in its own
    /// voice, and a short item that leaves the mayor's warning out.
    const WIRE: &str = "The old bridge over the Tarn will close on Monday for repairs, the council said.\n\n\
        “The piers are no longer safe and we cannot wait for another winter,” Mayor Ines Carvalho said.\n\n\
        Carvalho said the works would cost 4 million euros.\n\n\
        Buses will run via the north road until the end of August.\n";
    const REWRITE: &str = "The old bridge over the Tarn will close on Monday for repairs.\n\n\
        “The piers are no longer safe,” Mayor Ines Carvalho said.\n\n\
        The works will cost 4 million euros, the council said.\n\n\
        Buses will run via the north road until the end of August.\n";
    const BRIEF: &str = "The old bridge over the Tarn closes on Monday for repairs, the council said.\n\n\
        Buses will use the north road until the end of August.\n\n\
        Anglers say the river is full of trout this spring.\n";

    fn framed() -> Framing {
        framed_pairs(&[(0, 1), (0, 2), (1, 2)])
    }

    fn framed_pairs(order: &[(usize, usize)]) -> Framing {
        let documents: Vec<Document> = [("wire", WIRE), ("rewrite", REWRITE), ("brief", BRIEF)]
            .iter()
            .map(|(id, text)| parallax_ingest::document_from_text(id, &format!("{id}.txt"), text))
            .collect();
        let cleaned: Vec<CleanDocument> = documents.iter().map(parallax_clean::clean).collect();
        let alignments: Vec<((usize, usize), parallax_align::Alignment)> = order
            .iter()
            .map(|&(a, b)| {
                (
                    (a, b),
                    align(
                        Side::new(&documents[a], &cleaned[a]),
                        Side::new(&documents[b], &cleaned[b]),
                    ),
                )
            })
            .collect();
        let inputs: Vec<Side<'_>> = documents
            .iter()
            .zip(&cleaned)
            .map(|(document, clean)| Side::new(document, clean))
            .collect();
        let pairs: Vec<PairLinks<'_>> = alignments
            .iter()
            .map(|((a, b), alignment)| PairLinks {
                a: *a,
                b: *b,
                links: &alignment.links,
            })
            .collect();
        frame(&inputs, &pairs)
    }

    #[test]
    fn a_quote_cut_short_in_a_rewrite() {
        let framing = framed();
        let pair = &framing.pairs[0];
        let quote = pair
            .quotes
            .iter()
            .find(|quote| quote.quoting_a == Quoting::Direct)
            .expect("the mayor's quote in both");
        assert_eq!(quote.relation, QuoteRelation::ShortenedInB);
        assert_eq!(quote.speaker_a.as_deref(), Some("Ines Carvalho"));
        assert_eq!(quote.speaker_b.as_deref(), Some("Ines Carvalho"));
        assert_eq!(quote.b.text(REWRITE), Some("The piers are no longer safe,"));
    }

    #[test]
    fn a_claim_one_report_attributes_and_the_other_states() {
        let framing = framed();
        let pair = &framing.pairs[0];
        // The wire gives the closure to the council; the rewrite states it.
        let closure = pair
            .contrasts
            .iter()
            .find(|contrast| {
                contrast
                    .a
                    .text(WIRE)
                    .is_some_and(|text| text.contains("close on Monday"))
            })
            .expect("the closure is a contrast");
        assert_eq!(closure.kind, ContrastKind::AttributedInAOnly);
        // The cost: the wire gives it to Carvalho, the rewrite to the council.
        let cost = pair
            .contrasts
            .iter()
            .find(|contrast| {
                contrast
                    .a
                    .text(WIRE)
                    .is_some_and(|text| text.contains("4 million"))
            })
            .expect("the cost is a contrast");
        assert_eq!(cost.kind, ContrastKind::DifferentSpeakers);
        assert_eq!(cost.speaker_a.as_deref(), Some("Ines Carvalho"));
        assert_eq!(cost.speaker_b.as_deref(), Some("the council"));
    }

    #[test]
    fn what_one_report_alone_carries_and_what_one_leaves_out() {
        let framing = framed();
        let brief = &framing.documents[2];
        assert_eq!(
            brief
                .unique
                .iter()
                .map(|span| span.text(BRIEF).unwrap())
                .collect::<Vec<_>>(),
            ["Anglers say the river is full of trout this spring."]
        );
        let left_out: Vec<&Omission> = framing
            .omissions
            .iter()
            .filter(|omission| omission.omitted_by == "brief")
            .collect();
        assert!(
            left_out.iter().any(
                |omission| omission.carried.iter().any(|place| place.document == "wire"
                    && place
                        .span
                        .text(WIRE)
                        .is_some_and(|text| text.contains("piers")))
            ),
            "{left_out:?}"
        );
        assert!(
            framing
                .omissions
                .iter()
                .all(|omission| omission.omitted_by != "wire" || omission.carried.len() == 2)
        );
    }

    #[test]
    fn comparing_the_other_way_gives_the_mirror() {
        let forward = framed_pairs(&[(0, 1), (0, 2), (1, 2)]);
        let backward = framed_pairs(&[(1, 0), (2, 0), (2, 1)]);
        for (forward, backward) in forward.pairs.iter().zip(&backward.pairs) {
            assert_eq!(&forward.mirrored(), backward);
        }
        assert_eq!(forward.omissions, backward.omissions);
    }
}
