#![allow(
    clippy::float_cmp,
    reason = "scores are rounded to four decimals and computed deterministically, so equality is exact"
)]

use super::*;
use parallax_core::{Document, tokens};

fn prepared(id: &str, text: &str) -> (Document, CleanDocument) {
    let document = parallax_ingest::document_from_text(id, &format!("{id}.txt"), text);
    let cleaned = parallax_clean::clean(&document);
    (document, cleaned)
}

fn run(a_text: &str, b_text: &str) -> (Alignment, String, String) {
    let (a, a_clean) = prepared("a", a_text);
    let (b, b_clean) = prepared("b", b_text);
    (
        align(Side::new(&a, &a_clean), Side::new(&b, &b_clean)),
        a.text,
        b.text,
    )
}

fn linked<'t>(alignment: &Alignment, a: &'t str, b: &'t str) -> Vec<(&'t str, &'t str, LinkKind)> {
    alignment
        .links
        .iter()
        .map(|link| {
            (
                &a[link.a.start..link.a.end],
                &b[link.b.start..link.b.end],
                link.kind,
            )
        })
        .collect()
}

const WIRE: &str = "The port reopened on Tuesday after a three-day strike by dock workers ended. \
    Union leaders said the deal raised wages by six percent over two years. \
    Shipping companies warned that delays would last into next month. \
    The mayor welcomed the agreement and thanked both sides for their patience.";

#[test]
fn reordered_trimmed_and_reworded_rewrite() {
    let rewrite = "Shipping companies warned that delays would last into next month. \
        The port reopened on Tuesday after a three-day strike by dock workers ended. \
        Union leaders said the agreement lifts pay by six percent across two years, ending the dispute. \
        Fishermen held a separate protest near the harbour.";
    let (alignment, a, b) = run(WIRE, rewrite);
    let found = linked(&alignment, &a, &b);
    assert_eq!(found.len(), 3, "{found:#?}");
    assert_eq!(found[0].2, LinkKind::Verbatim);
    assert!(found[0].0.starts_with("The port reopened"));
    assert!(found[0].1.starts_with("The port reopened"));
    assert!(found[1].0.starts_with("Union leaders") && found[1].1.starts_with("Union leaders"));
    assert_ne!(found[1].2, LinkKind::Verbatim);
    assert!(found[2].0.starts_with("Shipping") && found[2].1.starts_with("Shipping"));
    // Neither the mayor nor the fishermen are linked.
    assert!(
        found
            .iter()
            .all(|(x, y, _)| !x.contains("mayor") && !y.contains("Fishermen"))
    );
    assert!(alignment.scores.coverage_a > 0.5 && alignment.scores.coverage_a < 1.0);
}

#[test]
fn alignment_is_symmetric() {
    let rewrite = "Union leaders said the deal raised wages by six percent over two years. \
        The port reopened on Tuesday, after dock workers ended a three-day strike.";
    let (a, a_clean) = prepared("a", WIRE);
    let (b, b_clean) = prepared("b", rewrite);
    let forward = align(Side::new(&a, &a_clean), Side::new(&b, &b_clean));
    let backward = align(Side::new(&b, &b_clean), Side::new(&a, &a_clean));
    assert!(!forward.links.is_empty());
    assert_eq!(forward, backward.mirrored());
    assert_eq!(
        forward.scores.containment_a_in_b,
        backward.scores.containment_b_in_a
    );
    assert_eq!(forward.scores.similarity, backward.scores.similarity);
}

#[test]
fn a_split_sentence_links_to_both_halves() {
    let a_text = "Officials from both countries met in Vienna on Monday and agreed to resume grain exports through the southern ports next week. Other news followed later.";
    let b_text = "Officials from both countries met in Vienna on Monday. They agreed to resume grain exports through the southern ports next week.";
    let (alignment, a, b) = run(a_text, b_text);
    let found = linked(&alignment, &a, &b);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found.iter().all(|(x, _, _)| {
        x.starts_with("Officials from both countries met in Vienna on Monday and")
    }));
    // One passage covers the whole split.
    assert_eq!(alignment.passages.len(), 1);
    assert_eq!(
        &b[alignment.passages[0].b.start..alignment.passages[0].b.end],
        b
    );
}

/// Issue 21: sentences with the same text form one group, groups are
/// numbered in the order of their first sentence, and each group lists
/// its sentences in order, all in one list.
#[test]
fn sentences_with_the_same_text_are_grouped_in_order() {
    let text = "Alpha one. Beta two. Alpha one. Gamma three. Beta two. Alpha one.";
    let sentences: Vec<Sentence> = parallax_core::sentences(text, Span::new(0, text.len()))
        .into_iter()
        .map(|span| Sentence::new(text, span))
        .collect();
    assert_eq!(sentences.len(), 6);
    let groups = Groups::of(text, &sentences);
    assert_eq!(groups.len(), 3);
    let listed: Vec<&[usize]> = groups.iter().collect();
    assert_eq!(listed, [&[0, 2, 5][..], &[1, 4][..], &[3][..]]);
    for (group, members) in listed.iter().enumerate() {
        assert_eq!(groups.members(group), *members);
    }
    let none = Groups::of("", &[]);
    assert_eq!((none.len(), none.iter().count()), (0, 0));
}

#[test]
fn repeated_sentences_pair_up_instead_of_multiplying() {
    let line = "Stay with us for live updates on the summit from our correspondents. ";
    let a_text = format!("{line}The leaders arrived in the capital on a rainy morning. {line}");
    let b_text = format!("{line}{line}{line}Crowds gathered outside the palace gates at noon.");
    let (alignment, _, _) = run(&a_text, &b_text);
    // A sentence an article repeats stays body (issue 3: a repeated
    // pull-quote is reported, not deleted), so the copies pair up one to
    // one: two links, not 2 × 3.
    assert_eq!(alignment.links.len(), 2);
    // Across documents, without in-document repeats: one link per sentence.
    let (alignment, _, _) = run(
        &format!("{line}The leaders arrived in the capital on a rainy morning."),
        &format!("Crowds gathered outside the palace at noon. {line}"),
    );
    assert_eq!(alignment.links.len(), 1);
}

#[test]
fn text_repeated_thousands_of_times_pairs_in_order() {
    // Issue 4: no n×m blow-up. 1,200 copies against 900 would be 1,080,000
    // pairs as a cross product; they pair first with first instead.
    let paragraph = |number: usize| {
        format!(
            "Stay with us for live updates on the summit from our correspondents. \
             Bulletin {number} follows at the top of the hour.\n\n"
        )
    };
    let a_text: String = (0..1200).map(paragraph).collect();
    let b_text: String = (0..900).map(paragraph).collect();
    let (alignment, a, b) = run(&a_text, &b_text);
    let repeated: Vec<&Link> = alignment
        .links
        .iter()
        .filter(|link| a[link.a.start..link.a.end].starts_with("Stay with us"))
        .collect();
    assert_eq!(repeated.len(), 900);
    for (number, link) in repeated.iter().enumerate() {
        let occurrence = |text: &str, at: usize| text[..at].matches("Stay with us").count();
        assert_eq!(occurrence(&a, link.a.start), number);
        assert_eq!(occurrence(&b, link.b.start), number);
    }
}

#[test]
fn a_copied_sentence_is_found_among_frequent_words() {
    // Every sentence of both reports uses the same topic words, so each of
    // those words appears in hundreds of sentences and proposes no partner
    // by itself (CANDIDATE_LOOKUP_BUDGET). The copied sentence is still
    // found through the words that are rare in the other report.
    let topic = |number: usize| {
        format!(
            "Russia told NATO on day {number} that security talks with the alliance must go on. "
        )
    };
    let copied =
        "Russia told NATO that the Geneva security talks hinge on a written answer from Brussels.";
    let mut a_text: String = (0..300).map(topic).collect();
    a_text.push_str(copied);
    let mut b_text = format!("{copied} ");
    b_text.extend((300..600).map(topic));
    let (alignment, a, b) = run(&a_text, &b_text);
    let links = linked(&alignment, &a, &b);
    assert!(
        links
            .iter()
            .any(|(x, y, kind)| *x == copied && *y == copied && *kind == LinkKind::Verbatim),
        "{:?}",
        &links[..links.len().min(5)]
    );
}

#[test]
fn unrelated_texts_share_nothing() {
    let (alignment, _, _) = run(
        WIRE,
        "Astronomers observed a comet passing close to Jupiter. Its tail was visible for weeks from southern observatories.",
    );
    assert!(alignment.links.is_empty());
    assert_eq!(alignment.scores.similarity, 0.0);
    assert_eq!(alignment.scores.jaccard, 0.0);
}

#[test]
fn passages_are_trimmed_and_inside_body() {
    let (alignment, a, b) = run(WIRE, WIRE);
    assert_eq!(alignment.passages.len(), 1);
    let passage = &alignment.passages[0];
    assert_eq!(&a[passage.a.start..passage.a.end], WIRE.trim());
    assert_eq!(passage.b, passage.a);
    assert_eq!(passage.kind, LinkKind::Verbatim);
    assert_eq!(alignment.scores.similarity, 1.0);
    assert_eq!(alignment.scores.containment_a_in_b, 1.0);
    assert_eq!(&b[passage.b.start..passage.b.end], WIRE.trim());
}

/// Issue 16: a stock phrase shared inside sentences that otherwise differ
/// is not a passage; a clause that opens both sentences is.
#[test]
fn a_stock_phrase_is_no_passage_and_a_copied_opening_clause_is() {
    let a = "Russian Deputy Foreign Minister Alexander Grushko said on Sunday that the talks would go on. \
        The weather in Geneva stayed cold all week long.";
    let b = "Asked about the summit, Russian Deputy Foreign Minister Alexander Grushko said on television that nothing was agreed. \
        Farmers across the valley finished the harvest early this year.";
    let (alignment, ..) = run(a, b);
    assert!(alignment.passages.is_empty(), "{:?}", alignment.passages);
    let a = "Engineers found cracks in the deck during an inspection in January, \
        and a weight limit of 7.5 tonnes has applied to lorries and buses since then.";
    let b = "Engineers found cracks in the deck during an inspection in January, \
        and the council says the repairs to the old structure cannot wait any longer.";
    let (alignment, a_text, _) = run(a, b);
    let texts: Vec<&str> = alignment
        .passages
        .iter()
        .map(|passage| &a_text[passage.a.start..passage.a.end])
        .collect();
    assert_eq!(
        texts,
        vec!["Engineers found cracks in the deck during an inspection in January, and"]
    );
}

/// Issue 16: a short run inside linked sentences says less than the link;
/// the passage starts and ends where the linked sentences do.
#[test]
fn a_short_run_inside_linked_sentences_makes_a_passage_of_the_sentences() {
    let a = "These documents were handed over to the US side at a meeting at the foreign ministry on December 15. \
        Snow closed the mountain passes for most of the week.";
    let b = "The proposals were handed over to a US representative at a meeting at the foreign ministry on December 15. \
        A new library opened in the old town hall on Monday.";
    let (alignment, a_text, _) = run(a, b);
    let starts: Vec<&str> = alignment
        .passages
        .iter()
        .map(|passage| &a_text[passage.a.start..passage.a.end])
        .collect();
    assert_eq!(starts.len(), 1, "{starts:?} {:?}", alignment.links);
    assert!(
        starts[0].starts_with("These documents were handed over"),
        "{starts:?}"
    );
    assert!(starts[0].ends_with("on December 15."), "{starts:?}");
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Sentences from a small vocabulary, so that two texts share words,
    /// runs and whole sentences, with the punctuation, line breaks and
    /// characters news text has.
    fn text() -> impl Strategy<Value = String> {
        let word = prop::sample::select(vec![
            "talks",
            "Geneva",
            "ministry",
            "said",
            "the",
            "on",
            "Friday",
            "NATO",
            "security",
            "guarantees",
            "delegation",
            "Москва",
            "東京",
            "café",
            "2021",
            "U.S.",
            "\"we",
            "agree\"",
            "— ",
            "officials",
            "would",
            "resume",
            "next",
            "week",
        ]);
        let sentence = prop::collection::vec(word, 1..14).prop_map(|words| {
            let mut sentence = words.join(" ");
            sentence.push('.');
            sentence
        });
        let separator = prop::sample::select(vec![" ", " ", "\n", "\n\n", "\r\n"]);
        prop::collection::vec((sentence, separator), 0..12).prop_map(|parts| {
            parts
                .into_iter()
                .map(|(sentence, separator)| sentence + separator)
                .collect()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn alignment_is_symmetric_and_scores_are_shares(a in text(), b in text()) {
            let (a_document, a_clean) = prepared("a", &a);
            let (b_document, b_clean) = prepared("b", &b);
            let forward = align(Side::new(&a_document, &a_clean), Side::new(&b_document, &b_clean));
            let backward = align(Side::new(&b_document, &b_clean), Side::new(&a_document, &a_clean));
            prop_assert_eq!(&forward, &backward.mirrored());
            let scores = forward.scores;
            for value in [
                scores.similarity, scores.containment_a_in_b, scores.containment_b_in_a,
                scores.jaccard, scores.coverage_a, scores.coverage_b,
                scores.verbatim_share_a, scores.verbatim_share_b,
            ] {
                prop_assert!((0.0..=1.0).contains(&value), "{scores:?}");
            }
            for link in &forward.links {
                prop_assert!((0.0..=1.0).contains(&link.score));
                prop_assert!(a.get(link.a.start..link.a.end).is_some());
                prop_assert!(b.get(link.b.start..link.b.end).is_some());
            }
        }

        /// Pairs proposed both ways are the pairs each side finds within
        /// its lookup budget that [`worth_scoring`] keeps, whatever the
        /// shortcuts `propose` takes in counting the words they share.
        #[test]
        fn proposed_pairs_are_those_worth_scoring_among_the_lookups(a in text(), b in text()) {
            let (a_document, a_clean) = prepared("a", &a);
            let (b_document, b_clean) = prepared("b", &b);
            let a_reading = Reading::new(Side::new(&a_document, &a_clean));
            let b_reading = Reading::new(Side::new(&b_document, &b_clean));
            let mut found = proposed_pairs(&a_reading, &b_reading);
            found.sort_unstable();
            let mut expected = std::collections::BTreeMap::new();
            for (from, to, mirrored) in [(&a_reading, &b_reading, false), (&b_reading, &a_reading, true)] {
                for (from_group, members) in from.groups.iter().enumerate() {
                    let sentence = &from.sentences[members[0]];
                    let mut lists: Vec<(u64, &[usize])> = sentence
                        .content()
                        .iter()
                        .filter_map(|&word| to.groups_using(word).map(|list| (word, list)))
                        .collect();
                    lists.sort_unstable_by_key(|(word, list)| (list.len(), *word));
                    let mut looked_up = 0;
                    for (_, list) in lists {
                        looked_up += list.len();
                        if looked_up > CANDIDATE_LOOKUP_BUDGET {
                            break;
                        }
                        for &to_group in list {
                            let other = &to.sentences[to.groups.members(to_group)[0]];
                            let pair = if mirrored { (to_group, from_group) } else { (from_group, to_group) };
                            if let Some(shared) = worth_scoring(sentence, other) {
                                expected.insert(pair, shared);
                            }
                        }
                    }
                }
            }
            let expected: Vec<((usize, usize), usize)> = expected.into_iter().collect();
            prop_assert_eq!(found, expected);
        }

        /// A word's groups are those whose sentence uses it, in group
        /// order, each once, however the index was built (issue 21).
        #[test]
        fn the_index_lists_the_groups_using_each_word(a in text()) {
            let (document, clean) = prepared("a", &a);
            let reading = Reading::new(Side::new(&document, &clean));
            let mut expected: std::collections::BTreeMap<u64, Vec<usize>> =
                std::collections::BTreeMap::new();
            for (group, members) in reading.groups.iter().enumerate() {
                for &word in reading.sentences[members[0]].content() {
                    expected.entry(word).or_default().push(group);
                }
            }
            prop_assert_eq!(reading.index.len(), expected.len());
            for (word, groups) in &expected {
                prop_assert_eq!(reading.groups_using(*word), Some(groups.as_slice()));
            }
            prop_assert_eq!(reading.indexed.len(), expected.values().map(Vec::len).sum::<usize>());
        }

        /// What `propose` rules pairs out by: a pair sharing more words
        /// is never less worth scoring.
        #[test]
        fn sharing_more_words_never_makes_a_pair_less_worth_scoring(
            shared in 0_usize..40,
            a_content in 0_usize..40,
            b_content in 0_usize..40,
        ) {
            if enough_shared(shared, a_content, b_content) {
                prop_assert!(enough_shared(shared + 1, a_content, b_content));
            }
        }

        #[test]
        fn a_document_compared_with_itself_links_all_its_body(a in text()) {
            let (first, first_clean) = prepared("a", &a);
            let (second, second_clean) = prepared("b", &a);
            let alignment = align(Side::new(&first, &first_clean), Side::new(&second, &second_clean));
            // Every body sentence long enough to link is linked, word for
            // word, to itself.
            for span in first_clean.body() {
                if tokens(&a, span).len() < LINK_MIN_WORDS {
                    continue;
                }
                prop_assert!(
                    alignment.links.iter().any(|link| link.a == span
                        && link.b == span
                        && link.kind == LinkKind::Verbatim),
                    "{span:?} {:?}", &a[span.start..span.end]
                );
            }
        }
    }
}

/// Issue 16: with a sentence model, a sentence's vectors have a say.
mod meaning {
    use super::*;
    use parallax_core::LinkEvidence;

    /// A unit vector along axis `axis`, or between two axes.
    fn vector(axes: &[(usize, f32)]) -> Vec<f32> {
        let mut vector = [0.0_f32; 8];
        for &(axis, weight) in axes {
            vector[axis] = weight;
        }
        let length = vector.iter().map(|x| x * x).sum::<f32>().sqrt();
        vector.iter().map(|x| x / length).collect()
    }

    /// Aligns two documents whose body sentences have the given vectors.
    fn run_with(
        a_text: &str,
        a_vectors: &[Vec<f32>],
        b_text: &str,
        b_vectors: &[Vec<f32>],
    ) -> (Alignment, Alignment, String, String) {
        let (a, a_clean) = prepared("a", a_text);
        let (b, b_clean) = prepared("b", b_text);
        let a_side = Side::new(&a, &a_clean).with_vectors(a_vectors);
        let b_side = Side::new(&b, &b_clean).with_vectors(b_vectors);
        (align(a_side, b_side), align(b_side, a_side), a.text, b.text)
    }

    const A: &str = "Union leaders said the deal raised wages by six percent over two years. \
        Snow is expected across the north of the region this weekend.";
    const B: &str = "The agreement gives dock workers a pay rise of six percent spread over two years, union officials said. \
        A new bakery has opened beside the railway station.";

    #[test]
    fn close_vectors_link_what_the_words_alone_do_not() {
        let (without, ..) = (run(A, B), ());
        assert!(without.0.links.is_empty(), "{:?}", without.0.links);
        // Far apart, the vectors add nothing.
        let (apart, ..) = run_with(
            A,
            &[vector(&[(0, 1.0)]), vector(&[(1, 1.0)])],
            B,
            &[vector(&[(3, 1.0)]), vector(&[(2, 1.0)])],
        );
        assert!(apart.links.is_empty(), "{:?}", apart.links);
        let same = vector(&[(0, 1.0)]);
        let (alignment, mirrored, a, b) = run_with(
            A,
            &[same.clone(), vector(&[(1, 1.0)])],
            B,
            &[same, vector(&[(2, 1.0)])],
        );
        let found = linked(&alignment, &a, &b);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].0.starts_with("Union leaders said"));
        assert!(found[0].1.starts_with("The agreement gives"));
        let link = &alignment.links[0];
        assert_eq!(link.kind, LinkKind::Paraphrase);
        assert_eq!(link.evidence, Some(LinkEvidence::Meaning));
        assert_eq!(link.cosine, Some(1.0));
        // The same claim in other words is a link, not a passage of reused
        // text.
        assert!(alignment.passages.is_empty());
        assert_eq!(mirrored.links[0].a, link.b);
        assert_eq!(mirrored.links[0].evidence, link.evidence);
    }

    #[test]
    fn distant_vectors_refuse_a_link_the_words_would_make() {
        let a = "Union leaders said the deal raised wages by six percent over two years.";
        let b = "Union leaders said the new deal would cut hours by six percent within two years.";
        let (lexical, ..) = run(a, b);
        assert_eq!(lexical.links.len(), 1, "the words alone link them");
        let (alignment, ..) = run_with(a, &[vector(&[(0, 1.0)])], b, &[vector(&[(1, 1.0)])]);
        assert!(alignment.links.is_empty(), "{:?}", alignment.links);
        let (agreeing, ..) = run_with(a, &[vector(&[(0, 1.0)])], b, &[vector(&[(0, 1.0)])]);
        assert_eq!(agreeing.links[0].evidence, Some(LinkEvidence::Both));
    }

    #[test]
    fn copies_stay_linked_and_vectors_that_do_not_fit_are_left_out() {
        let repeat = |vector: Vec<f32>, count: usize| vec![vector; count];
        let (alignment, ..) = run_with(
            WIRE,
            &repeat(vector(&[(0, 1.0)]), 4),
            WIRE,
            &repeat(vector(&[(1, 1.0)]), 4),
        );
        assert_eq!(alignment.links.len(), 4);
        assert!(
            alignment
                .links
                .iter()
                .all(|link| link.kind == LinkKind::Verbatim
                    && link.evidence == Some(LinkEvidence::Words))
        );
        // Three vectors for four sentences: not used at all.
        let (unmatched, ..) = run_with(
            WIRE,
            &repeat(vector(&[(0, 1.0)]), 3),
            WIRE,
            &repeat(vector(&[(1, 1.0)]), 4),
        );
        assert!(unmatched.links.iter().all(|link| link.evidence.is_none()));
    }

    /// Issue 16: one fact in common, each sentence saying more, is a
    /// shared claim when the vectors are close and the two share words few
    /// other sentences use, unless the figures the two give disagree.
    #[test]
    fn close_vectors_with_specific_words_and_agreeing_figures_share_a_claim() {
        const FILLER_A: [&str; 7] = [
            "The mayor opened a new library in the old market hall.",
            "Ferries across the bay were cancelled because of high winds.",
            "A local football club signed two young players this week.",
            "Prices at the weekly farmers market rose again in spring.",
            "The museum will stay open late on Fridays until October.",
            "Roadworks on the ring road are expected to last a month.",
            "Students staged a play about the history of the harbour.",
        ];
        const FILLER_B: [&str; 7] = [
            "A jazz festival returns to the castle gardens next summer.",
            "The council approved funding for new cycle lanes downtown.",
            "Heavy rain flooded several basements in the northern suburbs.",
            "A bakery on the high street celebrated its centenary.",
            "The zoo welcomed a pair of red pandas from abroad.",
            "Volunteers cleaned litter from the beach on Sunday morning.",
            "A new bus route links the airport with the university.",
        ];
        let document = |claim: &str, filler: &[&str]| {
            std::iter::once(claim)
                .chain(filler.iter().copied())
                .collect::<Vec<_>>()
                .join(" ")
        };
        // Sixteen axes: each filler sentence far from every other sentence.
        let axis = |axes: &[(usize, f32)]| {
            let mut vector = [0.0_f32; 16];
            for &(axis, weight) in axes {
                vector[axis] = weight;
            }
            let length = vector.iter().map(|x| x * x).sum::<f32>().sqrt();
            vector.iter().map(|x| x / length).collect::<Vec<f32>>()
        };
        let vectors = |claim: Vec<f32>, first_axis: usize| {
            std::iter::once(claim)
                .chain((0..7).map(|number| axis(&[(first_axis + number, 1.0)])))
                .collect::<Vec<_>>()
        };
        let a_claim = "About 2,000 residents were evacuated from the streets near the chemical plant on Tuesday.";
        let b_claim = "Around 2,000 residents living near the chemical plant were moved to a sports hall and two schools.";
        // cos = 1/√2 ≈ 0.71: above the claim threshold, short of the
        // same-content decision for sentences that differ this much.
        let a_vectors = vectors(axis(&[(0, 1.0)]), 2);
        let b_vectors = vectors(axis(&[(0, 1.0), (1, 1.0)]), 9);
        let claim_link = |a_text: &str, b_text: &str| {
            let (alignment, ..) = run_with(a_text, &a_vectors, b_text, &b_vectors);
            alignment
                .links
                .iter()
                .map(|link| (link.kind, link.evidence, link.score))
                .collect::<Vec<_>>()
        };
        let (a, b) = (document(a_claim, &FILLER_A), document(b_claim, &FILLER_B));
        let (alignment, mirrored, ..) = run_with(&a, &a_vectors, &b, &b_vectors);
        assert_eq!(alignment.links.len(), 1, "{:?}", alignment.links);
        let link = &alignment.links[0];
        assert_eq!(link.kind, LinkKind::Claim);
        assert_eq!(link.evidence, Some(LinkEvidence::Meaning));
        assert!(
            (link.score - std::f64::consts::FRAC_1_SQRT_2).abs() < 1e-3,
            "{}",
            link.score
        );
        assert!(alignment.passages.is_empty(), "a shared claim is not reuse");
        assert!(link.changes.is_empty(), "no word differences: other words");
        assert_eq!(mirrored.links[0].kind, LinkKind::Claim);
        // Other figures: they disagree, no link.
        let other_figure = document(&b_claim.replace("2,000", "3,000"), &FILLER_B);
        assert_eq!(claim_link(&a, &other_figure), vec![]);
        // When every sentence of both speaks of the chemical plant and its
        // residents, those words are the topic, not anchors of one claim.
        let topical = |filler: &[&str]| {
            filler
                .iter()
                .map(|sentence| sentence.replace('.', ", residents near the chemical plant said."))
                .collect::<Vec<_>>()
        };
        let (a_topical, b_topical) = (topical(&FILLER_A), topical(&FILLER_B));
        let a_refs: Vec<&str> = a_topical.iter().map(String::as_str).collect();
        let b_refs: Vec<&str> = b_topical.iter().map(String::as_str).collect();
        assert_eq!(
            claim_link(&document(a_claim, &a_refs), &document(b_claim, &b_refs)),
            vec![]
        );
    }
}

/// Both kinds of [`Seen`] (bits for the pairs of short reports, a set
/// for those of long ones) tell a pair seen before from a new one, and
/// keep (1, 0) apart from (0, 1).
#[test]
fn seen_pairs_are_told_apart_with_bits_or_a_set() {
    let bits = Seen::new(3, 5);
    assert!(matches!(bits, Seen::Bits { .. }));
    let set = Seen::new(SEEN_BITS_MAX, 2);
    assert!(matches!(set, Seen::Set(_)));
    for mut seen in [bits, set] {
        assert!(seen.insert((1, 0)));
        assert!(seen.insert((0, 1)));
        assert!(seen.insert((2, 4)));
        assert!(!seen.insert((1, 0)));
        assert!(!seen.insert((2, 4)));
        assert!(seen.insert((0, 4)));
        assert!(seen.insert((2, 0)));
    }
}
