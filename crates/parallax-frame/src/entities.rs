//! Who and what a report names: people, organisations and places, with
//! counts, first position, the titles used and aliases merged ("Grushko"
//! with "Alexander Grushko", "NATO" with "the North Atlantic Treaty
//! Organization" and "the alliance"). Capitalised spans, title stripping and
//! a small gazetteer: no model.

use crate::names::{Kind, is_organisation_word, is_title_word, parse};
use parallax_core::Span;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// One name as it occurs in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The name's words in the text (title excluded).
    pub span: Span,
    pub name: String,
    pub title: Option<String>,
    pub kind: Kind,
}

/// One entity of a document, its mentions merged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// The fullest form: "Alexander Grushko", "NATO".
    pub name: String,
    pub kind: Kind,
    pub count: usize,
    pub first: Span,
    /// Titles used before the name, first first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub titles: Vec<String>,
    /// Other forms merged into this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

/// Organisations known by several names, first the name shown.
const KNOWN_ALIASES: &[&[&str]] = &[
    &[
        "NATO",
        "North Atlantic Treaty Organization",
        "North Atlantic Treaty Organisation",
        "North Atlantic Alliance",
    ],
    &["EU", "European Union"],
    &[
        "US",
        "United States",
        "U.S.",
        "USA",
        "United States of America",
    ],
    &["UN", "United Nations"],
    &["UK", "United Kingdom", "Britain", "Great Britain"],
    &[
        "OSCE",
        "Organization for Security and Co-operation in Europe",
        "Organisation for Security and Co-operation in Europe",
        "Organization for Security and Cooperation in Europe",
        "Organisation for Security and Cooperation in Europe",
    ],
    &["Russia", "Russian Federation"],
];

/// Descriptions that stand for an organisation named in the same text.
/// "The bloc" alone is left out: news copy uses it for the EU and NATO
/// alike.
const DESCRIPTIONS: &[(&str, &str)] = &[
    ("the alliance", "NATO"),
    ("the North Atlantic alliance", "NATO"),
    ("the military bloc", "NATO"),
    ("the US-led military bloc", "NATO"),
    ("the US-led bloc", "NATO"),
];

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Every name in the given sentences of `text`.
#[must_use]
pub fn mentions(text: &str, sentences: &[Span]) -> Vec<Mention> {
    // Words the text also writes in lower case are ordinary words when they
    // open a sentence ("Earlier", "Last").
    let lower_words: HashSet<&str> = parallax_core::words(text)
        .filter(|word| word.chars().next().is_some_and(char::is_lowercase))
        .collect();
    // Words capitalised somewhere other than at a sentence's start.
    let mut capitalised_inside: HashSet<&str> = HashSet::new();
    for sentence in sentences {
        let slice = &text[sentence.start..sentence.end];
        for word in parallax_core::words(slice).skip(1) {
            if is_capitalised(word) {
                capitalised_inside.insert(word);
            }
        }
    }
    let mut found = Vec::new();
    for sentence in sentences {
        let slice = &text[sentence.start..sentence.end];
        let words: Vec<(Span, &str, &str)> = {
            let mut previous_end = 0;
            parallax_core::words(slice)
                .map(|word| {
                    let start = word.as_ptr() as usize - slice.as_ptr() as usize;
                    let before = slice[previous_end..start].trim();
                    previous_end = start + word.len();
                    (
                        Span::new(sentence.start + start, sentence.start + start + word.len()),
                        word,
                        before,
                    )
                })
                .collect()
        };
        let joins = |before: &str| before.is_empty() || before.chars().all(|c| "-.'’&".contains(c));
        let mut index = 0;
        while index < words.len() {
            let (_, word, _) = words[index];
            if !is_capitalised(word) || crate::names::is_never_a_name(word) {
                index += 1;
                continue;
            }
            let mut end = index + 1;
            loop {
                if end < words.len() && joins(words[end].2) && is_capitalised(words[end].1) {
                    end += 1;
                } else if end + 1 < words.len()
                    && is_title_word(words[end].1)
                    && joins(words[end].2)
                    && joins(words[end + 1].2)
                    && is_capitalised(words[end + 1].1)
                {
                    // "Kremlin aide Yuri Ushakov": one phrase, a title
                    // inside.
                    end += 2;
                } else if end + 1 < words.len()
                    && ["of", "for", "and", "in", "de", "bin", "al"].contains(&words[end].1)
                    && joins(words[end].2)
                    && joins(words[end + 1].2)
                    && is_capitalised(words[end + 1].1)
                    // "Geneva and Brussels" are two; "Organisation for
                    // Security and Co-operation" is one.
                    && (words[end].1 != "and"
                        || words[index..end].iter().any(|word| is_organisation_word(word.1)))
                {
                    end += 2;
                } else {
                    break;
                }
            }
            let mut start = index;
            // A sentence's first word is capitalised anyway.
            // So is the head of a description ("Residents of Seluk said"),
            // which names nobody, and what joins it to the name.
            let opens_sentence = start == 0 || words[start].2.ends_with(['“', '"', '‘']);
            let plural_of = start + 1 < end
                && words[start].1.ends_with('s')
                && !is_organisation_word(words[start].1)
                && words[start + 1].1 == "of";
            if opens_sentence
                && start < end
                && (crate::names::is_unnamed_head(words[start].1) || plural_of)
            {
                start += 1;
                while start < end && !is_capitalised(words[start].1) {
                    start += 1;
                }
            }
            while start < end && (start == 0 || words[start].2.ends_with(['“', '"', '‘'])) && {
                let lower = words[start].1.to_lowercase();
                lower_words.contains(lower.as_str()) || parallax_core::is_stopword(&lower)
            } {
                start += 1;
            }
            // A single capitalised word opening a sentence is a name only
            // if the text also capitalises it elsewhere ("Even if…" is not);
            // an adjective of nationality alone is not one ("Russian").
            let lone = end - start == 1;
            if lone
                && (start == 0 || words[start].2.ends_with(['“', '"', '‘']))
                && !capitalised_inside.contains(words[start].1)
                && !crate::names::is_place(words[start].1)
                && !words[start].1.chars().all(char::is_uppercase)
            {
                start = end;
            }
            // "Europeans", "Russians": peoples, not names.
            if lone
                && start < end
                && (crate::names::is_nationality(words[start].1)
                    || words[start]
                        .1
                        .strip_suffix('s')
                        .is_some_and(crate::names::is_nationality))
            {
                start = end;
            }
            // "’s" ends a name: the run splits at the apostrophe.
            if start < end {
                let mut title_start = start;
                while title_start > 0
                    && joins(words[title_start].2)
                    && is_title_word(words[title_start - 1].1)
                    && !is_capitalised(words[title_start - 1].1)
                {
                    title_start -= 1;
                }
                let phrase = &text[words[title_start].0.start..words[end - 1].0.end];
                let named = parse(phrase);
                if let Some(name) = named.name {
                    // The name as parsed may not be the text's bytes ("Chris
                    // Christie" from "Chris\u{a0}Christie"): then the span
                    // is the words it was read from, never a guess that
                    // could end inside a character.
                    let (first, last) = (words[start].0.start, words[end - 1].0.end);
                    let span = rfind_spaced(&text[first..last], &name)
                        .map_or(Span::new(first, last), |(from, to)| {
                            Span::new(first + from, first + to)
                        });
                    let kind = if crate::names::is_place(&name) {
                        Kind::Place
                    } else {
                        named.kind
                    };
                    found.push(Mention {
                        span,
                        name,
                        title: named.title,
                        kind,
                    });
                }
            }
            index = end;
        }
    }
    found
}

/// The byte range of the last place `needle` is written in `haystack`,
/// any run of white space (a no-break space, a line break) matching one
/// space of the needle.
fn rfind_spaced(haystack: &str, needle: &str) -> Option<(usize, usize)> {
    // The haystack with each white-space character as one space, and where
    // each of its bytes came from.
    let mut spaced = String::with_capacity(haystack.len());
    let mut origin = Vec::with_capacity(haystack.len() + 1);
    for (offset, character) in haystack.char_indices() {
        let character = if character.is_whitespace() {
            ' '
        } else {
            character
        };
        for _ in 0..character.len_utf8() {
            origin.push(offset);
        }
        spaced.push(character);
    }
    origin.push(haystack.len());
    let from = spaced.rfind(needle)?;
    // Both ends fall on characters of `spaced`: where the match starts and
    // where the character after it starts, in the haystack's bytes.
    Some((origin[from], origin[from + needle.len()]))
}

/// Merges mentions into entities: known aliases, an acronym given in
/// brackets after a name, and a surname after the full name.
#[must_use]
pub fn entities(text: &str, sentences: &[Span], mentions: &[Mention]) -> Vec<Entity> {
    let mut entities: Vec<Entity> = Vec::new();
    let canonical = |name: &str| -> Option<&'static str> {
        KNOWN_ALIASES
            .iter()
            .find(|names| names.iter().any(|alias| alias.eq_ignore_ascii_case(name)))
            .map(|names| names[0])
    };
    // "Financial Times (FT)": the bracketed acronym is an alias.
    let mut bracketed: HashMap<String, String> = HashMap::new();
    for mention in mentions {
        let after = text[mention.span.end..].trim_start();
        if let Some(rest) = after.strip_prefix('(')
            && let Some((acronym, _)) = rest.split_once(')')
            && acronym.len() >= 2
            && acronym.chars().all(|c| c.is_uppercase() || c == '.')
        {
            bracketed
                .entry(acronym.to_owned())
                .or_insert_with(|| mention.name.clone());
        }
    }
    // Lookups by full name, by a person's surname, and by a one-word name,
    // so that merging stays linear in the mentions.
    let mut by_name: HashMap<String, usize> = HashMap::new();
    let mut person_surnames: HashMap<String, usize> = HashMap::new();
    let mut single_names: HashMap<String, usize> = HashMap::new();
    for mention in mentions {
        let mut name = mention.name.clone();
        if let Some(known) = canonical(&name) {
            known.clone_into(&mut name);
        }
        if let Some(full) = bracketed.get(&name) {
            name.clone_from(full);
        }
        let single = !name.contains(' ');
        let last_word = name
            .split_whitespace()
            .last()
            .unwrap_or_default()
            .to_owned();
        let existing = by_name
            .get(&name)
            .or_else(|| {
                (single && mention.kind != Kind::Organisation)
                    .then(|| person_surnames.get(&name))
                    .flatten()
            })
            .or_else(|| {
                (!single && mention.kind == Kind::Person)
                    .then(|| single_names.get(&last_word))
                    .flatten()
            })
            .copied();
        let index = existing.unwrap_or_else(|| {
            entities.push(Entity {
                name: name.clone(),
                kind: mention.kind,
                count: 0,
                first: mention.span,
                titles: Vec::new(),
                aliases: Vec::new(),
            });
            entities.len() - 1
        });
        let entity = &mut entities[index];
        entity.count += 1;
        if name.len() > entity.name.len() && entity.kind != Kind::Organisation {
            let shorter = std::mem::replace(&mut entity.name, name);
            if !entity.aliases.contains(&shorter) {
                entity.aliases.push(shorter);
            }
        }
        if mention.name != entity.name && !entity.aliases.contains(&mention.name) {
            entity.aliases.push(mention.name.clone());
        }
        if let Some(title) = &mention.title
            && !entity.titles.contains(title)
        {
            entity.titles.push(title.clone());
        }
        if entity.kind == Kind::Other && mention.kind != Kind::Other {
            entity.kind = mention.kind;
        }
        // Every form the entity has gone by finds it again.
        by_name.entry(entity.name.clone()).or_insert(index);
        by_name.entry(mention.name.clone()).or_insert(index);
        if let Some((_, surname)) = entity.name.rsplit_once(' ')
            && entity.kind == Kind::Person
        {
            person_surnames.entry(surname.to_owned()).or_insert(index);
        }
        if !entity.name.contains(' ') && entity.kind != Kind::Organisation {
            single_names.entry(entity.name.clone()).or_insert(index);
        }
    }
    // Descriptions count for the organisation they stand for, when the
    // text names it.
    let targets: Vec<(&str, usize)> = DESCRIPTIONS
        .iter()
        .filter_map(|(description, target)| {
            Some((
                *description,
                entities.iter().position(|entity| entity.name == *target)?,
            ))
        })
        .collect();
    for sentence in sentences {
        if targets.is_empty() {
            break;
        }
        let slice = &text[sentence.start..sentence.end];
        let lower = slice.to_lowercase();
        for &(description, target) in &targets {
            let entity = &mut entities[target];
            let needle = description.to_lowercase();
            let mut from = 0;
            while let Some(offset) = lower[from..].find(&needle) {
                let at = from + offset;
                from = at + needle.len();
                let bounded = lower[from..]
                    .chars()
                    .next()
                    .is_none_or(|next| !next.is_alphanumeric())
                    && (at == 0
                        || !lower[..at].ends_with(|c: char| c.is_alphanumeric() || c == '-'));
                if bounded && lower.len() == slice.len() {
                    entity.count += 1;
                    let shown = slice[at..from].to_owned();
                    if !entity
                        .aliases
                        .iter()
                        .any(|alias| alias.eq_ignore_ascii_case(&shown))
                    {
                        entity.aliases.push(shown);
                    }
                }
            }
        }
    }
    entities.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(a.first.start.cmp(&b.first.start))
    });
    entities
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entities_of(text: &str) -> Vec<(String, &'static str, usize)> {
        let sentences = parallax_core::sentences(text, Span::new(0, text.len()));
        let found = mentions(text, &sentences);
        entities(text, &sentences, &found)
            .into_iter()
            .map(|entity| (entity.name, entity.kind.as_str(), entity.count))
            .collect()
    }

    #[test]
    fn places_organisations_and_groups_are_told_apart() {
        let text = "Villagers of Brenk said the water came fast. \
                    The spill reached Mill Lane and the Supreme Court of Appeal heard the case. \
                    Norwegians followed it closely, as did Portugal and Kestrel Plastics Holdings.";
        let found = entities_of(text);
        let kind_of = |name: &str| {
            found
                .iter()
                .find(|(found, _, _)| found == name)
                .map(|(_, kind, _)| *kind)
        };
        assert_eq!(kind_of("Mill Lane"), Some("place"), "{found:?}");
        assert_eq!(kind_of("Portugal"), Some("place"), "{found:?}");
        assert_eq!(
            kind_of("Supreme Court of Appeal"),
            Some("organisation"),
            "{found:?}"
        );
        assert_eq!(
            kind_of("Kestrel Plastics Holdings"),
            Some("organisation"),
            "{found:?}"
        );
        assert_eq!(
            kind_of("Norwegians"),
            None,
            "a people is not a name: {found:?}"
        );
        assert!(
            found
                .iter()
                .all(|(name, _, _)| !name.starts_with("Villagers")),
            "{found:?}"
        );
    }

    #[test]
    fn names_titles_and_aliases_merge() {
        let text = "Harbour master Ellen Voss met the North Atlantic Treaty Organization envoy in Oslo. \
                    Voss said NATO had asked for the report. The alliance will meet in May. \
                    The Financial Times (FT) reported the meeting first, and the FT said more would follow.";
        let found = entities_of(text);
        assert!(
            found.contains(&("Ellen Voss".to_owned(), "person", 2)),
            "{found:?}"
        );
        assert!(
            found.contains(&("NATO".to_owned(), "organisation", 3)),
            "{found:?}"
        );
        assert!(
            found.contains(&("Financial Times".to_owned(), "organisation", 3)),
            "{found:?}"
        );
        // Sentence openers are not names.
        assert!(found.iter().all(|(name, _, _)| name != "The"), "{found:?}");
    }

    #[test]
    fn titles_are_kept_apart_from_names() {
        let text = "Russian Deputy Foreign Minister Alexander Grushko spoke in Brussels. \
                    Later, Kremlin aide Yuri Ushakov spoke too.";
        let sentences = parallax_core::sentences(text, Span::new(0, text.len()));
        let found = mentions(text, &sentences);
        let grushko = found
            .iter()
            .find(|mention| mention.name == "Alexander Grushko")
            .unwrap();
        assert_eq!(
            grushko.title.as_deref(),
            Some("Russian Deputy Foreign Minister")
        );
        assert_eq!(grushko.span.text(text), Some("Alexander Grushko"));
        let ushakov = found
            .iter()
            .find(|mention| mention.name == "Yuri Ushakov")
            .unwrap();
        assert_eq!(ushakov.title.as_deref(), Some("Kremlin aide"));
        assert!(
            found
                .iter()
                .any(|mention| mention.name == "Brussels" && mention.kind == Kind::Place)
        );
    }

    /// A name written with a no-break space is read as a name, and its
    /// span covers the text's own bytes: a span that ended inside the
    /// two-byte space stopped `corpus` on real pages.
    #[test]
    fn a_name_with_a_no_break_space_keeps_its_span_on_character_boundaries() {
        let text = "New Jersey Gov. Chris\u{a0}Christie (CC) described the remarks as a disgrace. \
                    Later, Chris Christie spoke again.";
        let sentences = parallax_core::sentences(text, Span::new(0, text.len()));
        let found = mentions(text, &sentences);
        for mention in &found {
            assert!(mention.span.text(text).is_some(), "{mention:?}");
        }
        let first = found
            .iter()
            .find(|mention| mention.name.starts_with("Chris"))
            .unwrap();
        assert_eq!(first.span.text(text), Some("Chris\u{a0}Christie"));
        let merged = entities(text, &sentences, &found);
        assert!(merged.iter().any(|entity| entity.name.contains("Christie")));
    }
}
