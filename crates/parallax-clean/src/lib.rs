//! Separating the story from the page. Every non-blank byte of a document
//! ends up in exactly one labelled [`Segment`] with a reason; nothing is
//! dropped silently.
//!
//! ```
//! use parallax_clean::clean;
//! use parallax_core::{Document, SegmentKind};
//!
//! let text = "All news\n\nTalks to resume in Geneva next week\n\n\
//!             GENEVA (AP) – Negotiators will meet again on Monday, officials said.\n\
//!             The meeting was\nagreed on Friday.\n\nfeedback@example.org\n";
//! let document = parallax_ingest::document_from_text("a", "a.txt", text);
//! let cleaned = clean(&document);
//! let kinds: Vec<(SegmentKind, &str)> = cleaned
//!     .segments
//!     .iter()
//!     .map(|segment| (segment.kind, &text[segment.start..segment.end]))
//!     .collect();
//! assert_eq!(kinds, [
//!     (SegmentKind::Boilerplate, "All news"),
//!     (SegmentKind::Title, "Talks to resume in Geneva next week"),
//!     (SegmentKind::Dateline, "GENEVA (AP) –"),
//!     (SegmentKind::Body, "Negotiators will meet again on Monday, officials said."),
//!     // A hard-wrapped sentence is one segment across the line break.
//!     (SegmentKind::Body, "The meeting was\nagreed on Friday."),
//!     (SegmentKind::Metadata, "feedback@example.org"),
//! ]);
//! ```
//!
//! [`clean`] works on one document at a time: line rules ([`rules`]), the
//! evidence ingest found (headline, URL, timestamps, dateline), hard-wrap
//! repair, and duplicates inside the document. Body text comes out one
//! sentence per segment, so a duplicate sentence can point at its twin.
//!
//! When you have several documents, learn their shared page furniture first
//! ([`Furniture::learn`]) and clean each with [`clean_with`]: a sentence
//! that recurs in several documents of one outlet (a header, a footer, a
//! disclaimer no line rule knows, a standing note inside a paragraph) is
//! boilerplate, whatever its wording, unless it belongs to a long run of
//! text the outlet ran more than once (a wire story it carries again).
//!
//! Modules, in the order cleaning runs: `furniture` (sentences shared
//! across one outlet's pages), `lines` (each line labelled by [`rules`], ingest's
//! evidence and furniture), `paragraphs` (hard wraps joined; headline,
//! standfirst, headings and body sentences), `duplicates` (the same text
//! twice in one page), `document` ([`CleanDocument`], what comes out).

mod document;
mod duplicates;
mod furniture;
mod lines;
mod paragraphs;
pub mod rules;

pub use document::CleanDocument;
pub use furniture::{Furniture, FurnitureSentence, Units};

use lines::{label_navigation_above_title, label_repeats, split_lines};
use paragraphs::{join_wrapped_lines, label_paragraphs};
use parallax_core::{Document, Segment, SegmentKind, Span, sentences};

/// Labels every part of `document`, on its own.
#[must_use]
pub fn clean(document: &Document) -> CleanDocument {
    clean_with(document, &Furniture::default())
}

/// Labels every part of `document`, with the furniture learnt from the
/// documents it came with.
#[must_use]
pub fn clean_with(document: &Document, furniture: &Furniture) -> CleanDocument {
    clean_with_units(document, furniture, None)
}

/// [`clean_with`], given the document's sentences as furniture read them
/// when it was learnt ([`Furniture::sentences_and_units_of`]), so they are
/// not read again; `None` reads them.
#[must_use]
pub fn clean_with_units(
    document: &Document,
    furniture: &Furniture,
    units: Option<&Units>,
) -> CleanDocument {
    labelled(document, furniture, units).0
}

/// [`clean_with_units`], with the hashes of the body's words in order:
/// the words of [`CleanDocument::body`]'s sentences one after another, as
/// [`parallax_core::hashed_words`] hashes them. Cleaning hashes them to
/// find duplicates, and corpus mode indexes them: taken from here, they
/// are not read and hashed twice.
#[must_use]
pub fn clean_with_body_words(
    document: &Document,
    furniture: &Furniture,
    units: Option<&Units>,
) -> (CleanDocument, Vec<u64>) {
    let text = document.text.as_str();
    let (clean, sentences) = labelled(document, furniture, units);
    let mut words = Vec::with_capacity(sentences.iter().map(|(_, words)| words.len()).sum());
    // Both lists are in document order: each body sentence is found in
    // cleaning's list by walking it once.
    let mut hashed = sentences.iter().peekable();
    for span in clean.body() {
        while hashed.next_if(|(at, _)| at.start < span.start).is_some() {}
        match hashed.next_if(|(at, _)| *at == span) {
            Some((_, sentence_words)) => words.extend_from_slice(sentence_words),
            // A body made of the headline (a document with no other) was
            // not hashed while cleaning.
            None => words.extend(parallax_core::hashed_words(text, span).map(|(_, hash)| hash)),
        }
    }
    (clean, words)
}

/// The document labelled, and the body sentences cleaning hashed the words
/// of ([`paragraphs::label_paragraphs`]).
fn labelled(
    document: &Document,
    furniture: &Furniture,
    units: Option<&Units>,
) -> (CleanDocument, Vec<(Span, Vec<u64>)>) {
    let text = document.text.as_str();
    let mut pieces = split_lines(document, furniture, units);
    label_repeats(text, &mut pieces);
    label_navigation_above_title(text, &mut pieces);
    let paragraphs = join_wrapped_lines(text, &pieces);
    let mut segments: Vec<Segment> = pieces
        .iter()
        .filter_map(|piece| {
            piece
                .label
                .as_ref()
                .map(|(kind, reason)| Segment::new(piece.span, *kind, reason.clone()))
        })
        .collect();
    let (labelled, body_words) = label_paragraphs(text, &pieces, &paragraphs);
    segments.extend(labelled);
    segments.sort_by_key(|segment| (segment.start, segment.end));
    let mut paragraphs = paragraphs
        .iter()
        .map(|paragraph| {
            pieces[paragraph[0]]
                .span
                .cover(pieces[paragraph[paragraph.len() - 1]].span)
        })
        .collect();
    headline_only_is_body(text, &mut segments, &mut paragraphs);
    (
        CleanDocument {
            segments,
            paragraphs,
        },
        body_words,
    )
}

/// A document with a headline (or standfirst) and no body, such as a single
/// sentence given as a file, is all story: what was read as its headline is
/// its body, sentence by sentence, so that it can be compared like any
/// other (issue 16).
fn headline_only_is_body(text: &str, segments: &mut Vec<Segment>, paragraphs: &mut Vec<Span>) {
    if segments
        .iter()
        .any(|segment| segment.kind == SegmentKind::Body)
    {
        return;
    }
    let mut relabelled = Vec::with_capacity(segments.len());
    for segment in segments.drain(..) {
        if !matches!(segment.kind, SegmentKind::Title | SegmentKind::Standfirst) {
            relabelled.push(segment);
            continue;
        }
        let span = segment.span();
        paragraphs.push(span);
        relabelled.extend(sentences(text, span).into_iter().map(|sentence| {
            Segment::new(
                sentence,
                SegmentKind::Body,
                "body text: the document has no other".to_owned(),
            )
        }));
    }
    *segments = relabelled;
    paragraphs.sort_by_key(|paragraph| (paragraph.start, paragraph.end));
}

#[cfg(test)]
mod tests {
    use super::*;
    use parallax_core::SegmentKind;
    use std::collections::HashMap;

    fn cleaned(text: &str) -> Vec<(SegmentKind, String)> {
        let document = parallax_ingest::document_from_text("t", "t.txt", text);
        clean(&document)
            .segments
            .into_iter()
            .map(|segment| (segment.kind, text[segment.start..segment.end].to_owned()))
            .collect()
    }

    fn kinds_of(result: &[(SegmentKind, String)], kind: SegmentKind) -> Vec<&str> {
        result
            .iter()
            .filter(|(found, _)| *found == kind)
            .map(|(_, text)| text.as_str())
            .collect()
    }

    /// Issue 16: a document that is one sentence is all body, however it
    /// reads; a headline-only item keeps its words for comparison too.
    #[test]
    fn a_document_of_one_sentence_is_its_body() {
        let result = cleaned("Council to close the Mill Road bridge for six weeks from Monday\n");
        assert_eq!(
            result,
            [(
                SegmentKind::Body,
                "Council to close the Mill Road bridge for six weeks from Monday".to_owned()
            )]
        );
        let with_story = cleaned(
            "Mill Road bridge to close for six weeks of repairs\n\nThe Mill Road bridge will close on Monday for repairs, the council said.\n",
        );
        assert_eq!(with_story[0].0, SegmentKind::Title);
    }

    #[test]
    fn wrapped_lines_and_headings() {
        let text = "Storm Hits the Coast Overnight\n\n\
                    Thousands were left without power after the storm reached the coast late on\n\
                    Sunday, the utility said. Repairs began at dawn and crews from three states joined the effort.\n\n\
                    What comes next\n\n\
                    Forecasters expect calmer weather by Wednesday, though rivers may still rise in the valleys.\n";
        let result = cleaned(text);
        assert_eq!(
            kinds_of(&result, SegmentKind::Title),
            ["Storm Hits the Coast Overnight"]
        );
        assert_eq!(kinds_of(&result, SegmentKind::Heading), ["What comes next"]);
        assert_eq!(
            kinds_of(&result, SegmentKind::Body)[0],
            "Thousands were left without power after the storm reached the coast late on\nSunday, the utility said."
        );
    }

    /// Issue 16: a list that repeats its items out of order (a meal plan's
    /// second plan) is the article, not a scraped second copy.
    #[test]
    fn items_repeated_out_of_order_stay_body() {
        let text = "Meal plans for the week\n\n\
                    Plan A keeps breakfast light and dinner early for the whole week.\n\n\
                    Asparagus and eggs with sweet potato and olive oil on whole-grain toast.\n\n\
                    Chicken with zucchini noodles, edamame and sesame oil for a quick lunch.\n\n\
                    Tomato salad with cucumber slices, feta and balsamic vinegar as a side.\n\n\
                    Plan B moves the heavier meals to the middle of the day instead.\n\n\
                    Tomato salad with cucumber slices, feta and balsamic vinegar as a side.\n\n\
                    Asparagus and eggs with sweet potato and olive oil on whole-grain toast.\n\n\
                    Chicken with zucchini noodles, edamame and sesame oil for a quick lunch.\n";
        let result = cleaned(text);
        assert_eq!(
            kinds_of(&result, SegmentKind::Duplicate),
            Vec::<&str>::new()
        );
        assert_eq!(kinds_of(&result, SegmentKind::Body).len(), 8, "{result:?}");
    }

    #[test]
    fn run_together_copy_is_the_duplicate_of_the_wrapped_body() {
        let text = "Council Votes to Expand Bus Lanes Across the City\n\
                    https://example.org/img/bus.jpg\n\
                    The council voted on Monday to expand bus lanes, officials said.Critics warned that traffic would worsen in the centre.\n\
                    Example Daily\n\
                    news@example.org\n\
                    Example Daily\n\
                    The council voted on Monday to expand bus lanes,\n\
                    officials said.\n\
                    3 March 2024, 10:00 GMT\n\
                    Critics warned that traffic would worsen in the centre.\n\
                    Supporters said buses would run faster and carry more passengers at peak times.\n";
        let result = cleaned(text);
        let duplicates = kinds_of(&result, SegmentKind::Duplicate);
        assert_eq!(
            duplicates,
            [
                "The council voted on Monday to expand bus lanes, officials said.",
                "Critics warned that traffic would worsen in the centre."
            ]
        );
        let body = kinds_of(&result, SegmentKind::Body);
        assert_eq!(body.len(), 3);
        // A stamp line inside the wrapped copy does not split it into
        // regions smaller than the run-together copy.
        assert!(body[0].contains('\n'), "the wrapped copy is kept: {body:?}");
        assert_eq!(
            kinds_of(&result, SegmentKind::Metadata),
            [
                "https://example.org/img/bus.jpg",
                "Example Daily",
                "news@example.org",
                "Example Daily",
                "3 March 2024, 10:00 GMT"
            ]
        );
    }

    /// The cleaning of `document` and its body's words read and hashed
    /// one by one: what [`clean_with_body_words`] must give.
    fn hashed_body(document: &Document) -> (CleanDocument, Vec<u64>) {
        let clean = clean(document);
        let words = clean
            .body()
            .flat_map(|span| parallax_core::hashed_words(&document.text, span))
            .map(|(_, hash)| hash)
            .collect();
        (clean, words)
    }

    #[test]
    fn body_words_of_pages_with_duplicates_and_of_a_lone_headline() {
        for text in [
            "Council Votes to Expand Bus Lanes Across the City\n\
             The council voted on Monday to expand bus lanes, officials said.Critics warned that traffic would worsen.\n\
             Example Daily\n\
             The council voted on Monday to expand bus lanes,\n\
             officials said.\n\
             Critics warned that traffic would worsen.\n",
            "Council to close the Mill Road bridge for six weeks from Monday\n",
            include_str!("../../../fixtures/security-guarantees/000_d974929372039791.txt"),
            include_str!("../../../fixtures/river-rescue/gazette.txt"),
        ] {
            let document = parallax_ingest::document_from_text("t", "t.txt", text);
            let (clean, words) = clean_with_body_words(&document, &Furniture::default(), None);
            assert!(!words.is_empty(), "{text}");
            assert_eq!((clean, words), hashed_body(&document), "{text}");
        }
    }

    #[test]
    fn every_non_blank_byte_is_labelled_once() {
        let text = "Menu\nA Headline About the Vote Today\nSummary of the vote without a stop\n\
                    PARIS (AFP) – Lawmakers voted on Tuesday. The bill passed.\nContact: news@example.org\n\
                    news@example.org\n2024\nBack to top\n";
        let document = parallax_ingest::document_from_text("t", "t", text);
        let segments = clean(&document).segments;
        let mut covered = vec![false; text.len()];
        for segment in &segments {
            assert!(segment.start < segment.end, "{segment:?}");
            assert!(!segment.reason.is_empty());
            for byte in &mut covered[segment.start..segment.end] {
                assert!(!*byte, "overlap at {segment:?}");
                *byte = true;
            }
        }
        for (offset, byte) in text.bytes().enumerate() {
            assert!(
                covered[offset] || byte.is_ascii_whitespace(),
                "byte {offset} unlabelled"
            );
        }
    }

    #[test]
    fn a_sentence_the_article_repeats_stays_body() {
        // Issue 3: a pull-quote is reported as repeated, not deleted.
        let text = "Mayor Promises Cheaper Buses for the City\n\n\
                    The mayor said fares would fall by a third next year, officials confirmed.\n\
                    The plan needs approval from the regional council before spring.\n\
                    “Fares will fall by a third next year,” the mayor said on Tuesday evening.\n\
                    Opposition members called the promise unaffordable and demanded a full costing.\n\
                    “Fares will fall by a third next year,” the mayor said on Tuesday evening.\n\
                    The council meets again in March to discuss the budget for transport.\n";
        let document = parallax_ingest::document_from_text("t", "t.txt", text);
        let cleaned = clean(&document);
        assert!(
            cleaned
                .segments
                .iter()
                .all(|segment| segment.kind != SegmentKind::Duplicate),
            "{:?}",
            cleaned.segments
        );
        let repeat = cleaned
            .segments
            .iter()
            .rfind(|segment| segment.reason.contains("repeats"))
            .expect("the repeat is reported");
        assert_eq!(
            &text[repeat.start..repeat.end],
            "“Fares will fall by a third next year,” the mayor said on Tuesday evening."
        );
        assert_eq!(repeat.kind, SegmentKind::Body);
        assert!(repeat.reason.contains("pull-quote"), "{}", repeat.reason);
    }

    #[test]
    fn a_line_shared_by_several_pages_of_one_outlet_is_furniture() {
        // Issue 3: furniture no line rule knows, learnt from repetition
        // across documents of one outlet.
        let page = |story: &str| {
            format!(
                "Valley Courier\nYour trusted voice in the valley since 1921\n\n\
                 {story}\n\n\
                 Tips? Talk to our newsroom any time, day or night.\n\
                 Printed and distributed by Valley Courier Media Cooperative\n"
            )
        };
        let stories = [
            "The bridge on Mill Road will close for repairs from Monday, the county said.",
            "Farmers expect a record apple harvest after a warm and wet summer this year.",
            "The library will open on Sundays from next month after a public campaign.",
        ];
        let documents: Vec<Document> = stories
            .iter()
            .enumerate()
            .map(|(number, story)| {
                let mut document = parallax_ingest::document_from_text(
                    &number.to_string(),
                    "page.txt",
                    &page(story),
                );
                document.metadata.outlet = Some("Valley Courier".into());
                document
            })
            .collect();
        let furniture = Furniture::learn(&documents, 3);
        let cleaned = clean_with(&documents[1], &furniture);
        // Issue 8: counted in parts, as workers of a corpus run count
        // their shares, and added up, the lines make the same furniture.
        let part_counts = |part: &[Document]| {
            let mut counts: HashMap<FurnitureSentence, usize> = HashMap::new();
            for document in part {
                for line in Furniture::sentences_of(document) {
                    *counts.entry(line).or_insert(0) += 1;
                }
            }
            counts
        };
        let mut total = part_counts(&documents[..1]);
        for (line, count) in part_counts(&documents[1..]) {
            *total.entry(line).or_insert(0) += count;
        }
        let summed = Furniture::from_counts(total, 3);
        // Five sentences: the tip line holds two.
        assert_eq!(summed.len(), 5);
        assert_eq!(clean_with(&documents[1], &summed), cleaned);
        // Issue 21: a document's units, kept as bytes from learning to
        // cleaning, clean it as reading them again does.
        let (_, units) = Furniture::sentences_and_units_of(&documents[1]);
        let units = units.expect("a document of a known outlet has units");
        let kept = Units::from_bytes(&units.to_bytes()).expect("bytes it wrote");
        assert_eq!(kept, units);
        assert_eq!(
            clean_with_units(&documents[1], &summed, Some(&kept)),
            cleaned
        );
        assert!(Units::from_bytes(&[0; 3]).is_none());
        let text = &documents[1].text;
        let boilerplate: Vec<(&str, &str)> = cleaned
            .segments
            .iter()
            .filter(|segment| segment.kind == SegmentKind::Boilerplate)
            .map(|segment| (&text[segment.start..segment.end], segment.reason.as_str()))
            .collect();
        let reason = "repeated in 3 Valley Courier documents (page furniture)";
        assert_eq!(
            boilerplate,
            [
                ("Valley Courier", reason),
                ("Your trusted voice in the valley since 1921", reason),
                ("Tips? Talk to our newsroom any time, day or night.", reason),
                (
                    "Printed and distributed by Valley Courier Media Cooperative",
                    reason
                ),
            ]
        );
        assert_eq!(cleaned.story_text(text), format!("{}\n", stories[1]));
        // Two pages are not enough at the default threshold, and another
        // outlet's pages do not count towards this one's.
        let two = Furniture::learn(&documents[..2], 3);
        assert!(two.is_empty());
        let mut mixed = documents.clone();
        mixed[2].metadata.outlet = Some("Hill Herald".into());
        assert!(Furniture::learn(&mixed, 3).is_empty());
        // Documents of unknown origin may be copies of one story: what they
        // share is reuse to find, not furniture.
        let mut unknown = documents.clone();
        for document in &mut unknown {
            document.metadata.outlet = None;
        }
        assert!(Furniture::learn(&unknown, 3).is_empty());
    }

    /// Documents of one outlet, one per text.
    fn outlet_pages(outlet: &str, texts: &[String]) -> Vec<Document> {
        texts
            .iter()
            .enumerate()
            .map(|(number, text)| {
                let mut document =
                    parallax_ingest::document_from_text(&number.to_string(), "page.txt", text);
                document.metadata.outlet = Some(outlet.into());
                document
            })
            .collect()
    }

    fn set_aside_text(document: &Document, furniture: &Furniture) -> Vec<String> {
        clean_with(document, furniture)
            .segments
            .iter()
            .filter(|segment| segment.kind == SegmentKind::Boilerplate)
            .map(|segment| document.text[segment.start..segment.end].to_owned())
            .collect()
    }

    #[test]
    fn a_form_filled_in_across_many_small_outlets_is_furniture_but_a_reprinted_sentence_is_not() {
        // Issue 20: outlets of one or two documents cannot learn their own
        // furniture, and two of them were paired through a time-stamped
        // note alone. Across the corpus the note's form is held by twelve
        // documents, each filled in with its own time and desk; the wire
        // sentence, numbers and all, is held by twelve in the same words.
        let wire = "The council approved 14 new homes on 3 March by 9 votes to 2.";
        let openings = [
            "The bridge on Mill Road will close",
            "Farmers expect a record apple harvest",
            "The library will open on Sundays",
            "A new ferry links the two islands",
            "Schools will stay shut after the storm",
            "The museum shows a rare map",
            "Nurses voted to accept the pay offer",
            "The mayor named a new police chief",
            "Flooding cut the coast road again",
            "A local choir won the national prize",
            "The old mill is to become flats",
            "Bus fares rise for the first time in years",
        ];
        let mut documents = Vec::new();
        for (number, opening) in openings.iter().enumerate() {
            let text = format!(
                "{opening}. \
                 Updated {hour:02}:{minute:02} ET — Editor's note: desk {number} has \
                 updated this story.\n\n{wire}\n",
                hour = number + 8,
                minute = 7 * number,
            );
            let outlet = format!("Outlet {}", number / 2);
            documents.extend(outlet_pages(&outlet, &[text]));
        }
        let furniture = Furniture::learn(&documents, 3);
        for (number, document) in documents.iter().enumerate() {
            assert_eq!(
                set_aside_text(document, &furniture),
                [format!(
                    "Updated {hour:02}:{minute:02} ET — Editor's note: desk {number} has updated \
                     this story.",
                    hour = number + 8,
                    minute = 7 * number,
                )]
            );
            let cleaned = clean_with(document, &furniture);
            assert!(cleaned.segments.iter().any(|segment| {
                segment.kind == SegmentKind::Boilerplate
                    && segment.reason.contains("12 documents across outlets")
            }));
        }
        // With fewer documents holding the form, nothing is set aside.
        let few = Furniture::learn(&documents[..9], 3);
        assert!(set_aside_text(&documents[0], &few).is_empty());
    }

    #[test]
    fn a_standing_note_inside_a_paragraph_is_furniture_whatever_its_time() {
        // Issue 20: the note shares its line with the story and differs in
        // each copy by its time; the line as a whole never repeats.
        let stories = [
            (
                "The bridge on Mill Road will close. Officials gave no date.",
                "09:15",
            ),
            (
                "Farmers expect a record apple harvest. Prices may fall.",
                "13:02",
            ),
            (
                "The library will open on Sundays. Readers asked for it.",
                "17:48",
            ),
        ];
        let texts: Vec<String> = stories
            .iter()
            .map(|(story, time)| {
                format!(
                    "{story} Updated {time} ET — Editor's note: this story has been \
                     updated with comment from the county.\n\n\
                     More details will follow as they become known to us.\n"
                )
            })
            .collect();
        let documents = outlet_pages("Valley Courier", &texts);
        let furniture = Furniture::learn(&documents, 3);
        for (document, (story, time)) in documents.iter().zip(stories) {
            // The closing line each page repeats, under forty words, is
            // furniture too.
            assert_eq!(
                set_aside_text(document, &furniture),
                [
                    format!(
                        "Updated {time} ET — Editor's note: this story has been updated \
                         with comment from the county."
                    ),
                    "More details will follow as they become known to us.".to_owned()
                ]
            );
            let kept = clean_with(document, &furniture).story_text(&document.text);
            assert_eq!(kept, format!("{story}\n"));
        }
    }

    #[test]
    fn a_wire_story_an_outlet_runs_three_times_is_its_content_not_furniture() {
        // Issue 20: one outlet carrying the same wire text three times had
        // nine of twelve paragraphs set aside as furniture.
        let note = "Editor's note: this story has been updated with comment from the bank.";
        let wire = format!(
            "The central bank raised its main rate by half a point on Thursday, \
             the third rise this year, citing prices that keep climbing. {note}\n\n\
             The governor said further rises could not be ruled out if energy \
             costs stayed high through the winter months.\n\n\
             Markets had expected the move, and the currency barely changed in \
             the hour after the announcement was made.\n"
        );
        let footer = "© Valley Courier. All rights reserved.";
        let mut texts: Vec<String> = ["Morning edition", "Updated", "Evening edition"]
            .iter()
            .map(|label| format!("Valley Courier | {label}\n\n{wire}\n{footer}\n"))
            .collect();
        // Other stories carry the note and the footer, not the wire text:
        // inside the story and under it, they are furniture all the same.
        texts.push(format!(
            "A local story about the fair. {note}\n\n{footer}\n"
        ));
        texts.push(format!(
            "A local story about the school. {note}\n\n{footer}\n"
        ));
        let documents = outlet_pages("Valley Courier", &texts);
        let furniture = Furniture::learn(&documents, 3);
        for document in &documents[..3] {
            assert_eq!(set_aside_text(document, &furniture), [note, footer]);
            let kept = clean_with(document, &furniture).story_text(&document.text);
            assert!(kept.contains("citing prices that keep climbing."), "{kept}");
            assert!(kept.contains("The governor said"), "{kept}");
        }
    }

    #[test]
    fn a_long_run_on_most_pages_of_a_large_outlet_is_furniture() {
        // A standing blurb as long as a wire paragraph, on half the pages
        // or more of an outlet with ten pages or more.
        let blurb = "About the Valley Courier: we are an independent newspaper owned by \
                     our readers and published every day since the year the valley got \
                     its railway. Our reporters cover the towns, farms and courts of the \
                     whole valley, and answer to nobody but you.";
        let places = ["mill", "harbour", "school", "court", "farm"];
        let reporters = ["Ann", "Bo", "Cy", "Di", "Ed"];
        let texts: Vec<String> = (0..10)
            .map(|number| {
                let place = places[number % 5];
                let reporter = reporters[number / 2];
                let story = format!("This story about the {place} was told by {reporter}.");
                if number < 5 {
                    format!("{story}\n\n{blurb}\n")
                } else {
                    format!("{story}\n")
                }
            })
            .collect();
        let documents = outlet_pages("Valley Courier", &texts);
        let furniture = Furniture::learn(&documents, 3);
        assert_eq!(set_aside_text(&documents[0], &furniture), [blurb]);
        // On four pages of nine it is text the outlet ran four times.
        let furniture = Furniture::learn(&documents[1..], 3);
        assert!(set_aside_text(&documents[1], &furniture).is_empty());
    }

    #[test]
    fn story_text_joins_wraps_and_keeps_paragraphs() {
        let text = "A Quiet Night for the Harbour Rescue Team\n\n\
                    The crew was called out twice, both times\n\
                    for boats that had run aground.\n\n\
                    Nobody was hurt.\n\nshare this story\n";
        let document = parallax_ingest::document_from_text("t", "t.txt", text);
        let story = clean(&document).story_text(text);
        assert_eq!(
            story,
            "The crew was called out twice, both times for boats that had run aground.\n\nNobody was hurt.\n"
        );
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Lines as scraped pages have them: prose, headings, URLs, dates,
        /// navigation, repeated lines, odd characters and line endings.
        fn page() -> impl Strategy<Value = String> {
            let line = prop_oneof![
                "[A-Z][a-z]{1,8}( [a-z]{1,9}){3,16}[.!?]",
                "[A-Z][a-z]{2,9}( [A-Z][a-z]{2,9}){0,6}",
                "https?://[a-z]{3,8}\\.[a-z]{2,3}/[a-z0-9/-]{0,20}",
                "20[0-9]{2}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]",
                "[a-z]{2,8}( [a-z]{2,8}){0,3}",
                "[\\PC]{0,40}",
                Just("The talks resumed in Geneva on Friday, officials said.".to_owned()),
                Just("Read more: subscribe to our newsletter".to_owned()),
            ];
            let ending = prop::sample::select(vec!["\n", "\n", "\n\n", "\r\n", "\r", " "]);
            prop::collection::vec((line, ending), 0..24).prop_map(|lines| {
                lines
                    .into_iter()
                    .map(|(line, ending)| line + ending)
                    .collect()
            })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(128))]

            /// The body words cleaning hands on are the body's words,
            /// read and hashed again: on pages with duplicates, furniture
            /// and documents that are only a headline alike.
            #[test]
            fn body_words_are_the_words_of_the_body(text in page()) {
                let document = parallax_ingest::document_from_text("p", "p.txt", &text);
                prop_assert_eq!(
                    clean_with_body_words(&document, &Furniture::default(), None),
                    hashed_body(&document)
                );
            }

            #[test]
            fn segments_cover_the_text_once_on_character_boundaries(text in page()) {
                let document = parallax_ingest::document_from_text("p", "p.txt", &text);
                let cleaned = clean(&document);
                let mut previous_end = 0;
                let mut covered = vec![false; text.len()];
                for segment in &cleaned.segments {
                    prop_assert!(segment.start < segment.end, "{segment:?}");
                    prop_assert!(segment.start >= previous_end, "overlap at {segment:?}");
                    prop_assert!(text.get(segment.start..segment.end).is_some(), "{segment:?}");
                    prop_assert!(!segment.reason.is_empty());
                    for slot in &mut covered[segment.start..segment.end] {
                        *slot = true;
                    }
                    previous_end = segment.end;
                }
                for (offset, character) in text.char_indices() {
                    if !character.is_whitespace() {
                        prop_assert!(covered[offset], "byte {offset} ({character:?}) has no segment");
                    }
                }
            }
        }
    }
}
