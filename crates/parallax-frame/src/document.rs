//! The framing of one document: its attributions with their speakers, who
//! and what it names, its headline and lead.

use crate::attribution::{Attribution, attributions};
use crate::entities::{Entity, entities, mentions};
use crate::model::DocumentFraming;
use crate::speakers::resolve;
use parallax_align::Side;
use parallax_core::{SegmentKind, Span};

pub(crate) fn frame_document(input: Side<'_>, sentences: &[Span]) -> DocumentFraming {
    let text = &input.document.text;
    let mut found = attributions(text, sentences, &input.clean.paragraphs);
    let names = mentions(text, sentences);
    let (resolved, mut speakers) = resolve(text, &found, &names);
    for (attribution, speaker) in found.iter_mut().zip(&resolved) {
        attribution.speaker = speaker.map(|index| speakers[index].name.clone());
        attribution.kind = Some(attribution.finding_kind(text));
    }
    speakers.sort_by(|a, b| {
        b.attributions
            .cmp(&a.attributions)
            .then(a.first.start.cmp(&b.first.start))
    });
    // The headline as the metadata gives it when the title line only adds
    // the site's name to it ("… – RT Russia & Former Soviet Union"), so
    // every place that shows it shows the same words.
    let headline = input
        .clean
        .segments
        .iter()
        .find(|segment| segment.kind == SegmentKind::Title)
        .map(|segment| {
            let span = segment.span();
            let line = &text[span.start..span.end];
            match input.document.metadata.title.as_deref() {
                Some(title)
                    if !title.is_empty() && title.len() < line.len() && line.starts_with(title) =>
                {
                    Span::new(span.start, span.start + title.len())
                }
                _ => span,
            }
        });
    let mut entities = entities(text, sentences, &names);
    count_descriptions(text, &found, &mut entities);
    DocumentFraming {
        id: input.document.id.clone(),
        attributions: found,
        speakers,
        entities,
        distinctive_terms: Vec::new(),
        unique: Vec::new(),
        headline,
        lead: sentences.first().copied(),
    }
}

/// "The diplomat said…": a description the speaker resolution traced to a
/// named person is one more mention of them, and one of their aliases.
fn count_descriptions(text: &str, attributions: &[Attribution], entities: &mut [Entity]) {
    for attribution in attributions {
        let (Some(speaker), Some(source)) = (&attribution.speaker, attribution.source) else {
            continue;
        };
        let mention = text[source.start..source.end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let named = crate::names::parse(&mention);
        if named.name.is_some() || named.kind == crate::Kind::Pronoun {
            continue;
        }
        let Some(entity) = entities.iter_mut().find(|entity| entity.name == *speaker) else {
            continue;
        };
        entity.count += 1;
        let alias = mention.to_lowercase();
        if !entity
            .aliases
            .iter()
            .any(|known| known.eq_ignore_ascii_case(&alias))
        {
            entity.aliases.push(alias);
        }
    }
    entities.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(a.first.start.cmp(&b.first.start))
    });
}
