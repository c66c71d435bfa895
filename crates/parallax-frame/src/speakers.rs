//! Who each attribution's speaker is: "he", "the diplomat" and "Grushko"
//! resolved to "Alexander Grushko" where the text makes it clear, and a
//! table of the document's speakers.

use crate::attribution::{Attribution, Quoting};
use crate::names::{Kind, parse};
use parallax_core::Span;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One speaker of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    /// "Alexander Grushko", "NATO", "a source".
    pub name: String,
    pub kind: Kind,
    /// Titles and descriptions the text gives them, first first.
    pub titles: Vec<String>,
    /// How the text refers to them as a speaker ("Grushko", "he", "the
    /// diplomat"), first first.
    pub mentions: Vec<String>,
    /// Statements attributed to them, and how many of those are direct
    /// quotes.
    pub attributions: usize,
    pub direct: usize,
    /// The first place they are named as a speaker.
    pub first: Span,
    /// Their identity across all documents: an index into
    /// [`crate::Framing::people`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<usize>,
}

/// Nouns that describe a person by role, and words of titles they can
/// stand for ("the diplomat" for a deputy foreign minister).
const ROLE_NOUNS: &[(&str, &[&str])] = &[
    (
        "diplomat",
        &[
            "minister",
            "ambassador",
            "envoy",
            "diplomat",
            "representative",
            "foreign",
        ],
    ),
    ("minister", &["minister"]),
    ("spokeswoman", &["spokeswoman", "spokesperson", "spokesman"]),
    ("spokesman", &["spokesman", "spokesperson", "spokeswoman"]),
    (
        "spokesperson",
        &["spokesman", "spokesperson", "spokeswoman"],
    ),
    ("president", &["president"]),
    ("leader", &["leader", "president", "prime", "chancellor"]),
    ("official", &[]),
    ("politician", &[]),
    (
        "lawmaker",
        &[
            "senator",
            "sen",
            "rep",
            "congressman",
            "congresswoman",
            "mp",
        ],
    ),
    ("senator", &["senator", "sen"]),
    ("governor", &["governor", "gov"]),
    ("nominee", &["nominee", "candidate"]),
    ("candidate", &["candidate", "nominee"]),
    ("envoy", &["envoy", "ambassador", "representative"]),
    ("ambassador", &["ambassador", "envoy", "representative"]),
    ("representative", &["representative", "envoy", "ambassador"]),
    ("aide", &["aide", "adviser", "advisor"]),
    ("chief", &["chief", "head"]),
    ("secretary", &["secretary"]),
    ("mayor", &["mayor"]),
    ("captain", &["captain"]),
    ("woman", &[]),
    ("man", &[]),
];

/// Resolves the speaker of every attribution (an index into the returned
/// table, or none) and counts what each speaker is given. `mentions` (the
/// document's names, see [`crate::mentions`]) supply full names and titles
/// for speakers the text first named outside an attribution.
#[must_use]
pub fn resolve(
    text: &str,
    attributions: &[Attribution],
    mentions: &[crate::Mention],
) -> (Vec<Option<usize>>, Vec<Speaker>) {
    let mut speakers = Table::default();
    // Who last spoke, for "he"; who was last named or spoke, for "the
    // diplomat" and a surname.
    let mut recent = Recent::default();
    let mut resolved: Vec<Option<usize>> = Vec::with_capacity(attributions.len());
    let mut persons = mentions
        .iter()
        .filter(|mention| mention.kind == Kind::Person)
        .peekable();
    for (number, attribution) in attributions.iter().enumerate() {
        let position = attribution
            .source
            .map_or(attribution.content.start, |source| source.start);
        while let Some(mention) = persons.next_if(|mention| mention.span.start < position) {
            let index = introduce(&mut speakers, mention);
            recent.named(index);
        }
        let speaker = match attribution.source {
            Some(source) => {
                let mention = text[source.start..source.end].trim();
                resolve_mention(mention, source, &mut speakers, &recent)
            }
            // A participle frame ("…, arguing that …") has the subject of
            // the statement before it.
            None if attribution
                .cue
                .is_some_and(|cue| text[cue.start..cue.end].ends_with("ing")) =>
            {
                number
                    .checked_sub(1)
                    .and_then(|previous| resolved.get(previous).copied().flatten())
            }
            None => None,
        };
        if let Some(index) = speaker {
            let entry = &mut speakers.list[index];
            if entry.attributions == 0 {
                entry.first = attribution.source.unwrap_or(attribution.content);
            }
            entry.attributions += 1;
            if attribution.quoting == Quoting::Direct {
                entry.direct += 1;
            }
            if let Some(source) = attribution.source {
                let mention = text[source.start..source.end].trim().to_owned();
                if !entry.mentions.contains(&mention) {
                    entry.mentions.push(mention);
                }
            }
            if entry.kind == Kind::Person {
                recent.spoke(index);
            }
        }
        resolved.push(speaker);
    }
    // Only those given a statement are speakers; renumber.
    let mut renumbered = vec![None; speakers.list.len()];
    let mut kept = Vec::new();
    for (index, speaker) in speakers.list.into_iter().enumerate() {
        if speaker.attributions > 0 {
            renumbered[index] = Some(kept.len());
            kept.push(speaker);
        }
    }
    let resolved = resolved
        .into_iter()
        .map(|index| index.and_then(|index| renumbered[index]))
        .collect();
    (resolved, kept)
}

/// Persons in the order they last spoke or were named.
#[derive(Debug, Default)]
struct Recent {
    speakers: Vec<usize>,
    named: Vec<usize>,
}

impl Recent {
    fn spoke(&mut self, index: usize) {
        self.speakers.retain(|other| *other != index);
        self.speakers.push(index);
        self.named(index);
    }

    fn named(&mut self, index: usize) {
        self.named.retain(|other| *other != index);
        self.named.push(index);
    }

    /// "He": the last person who spoke, or failing that the last named.
    fn pronoun(&self) -> Option<usize> {
        self.speakers.last().or(self.named.last()).copied()
    }
}

/// Adds a person the text names (not yet as a speaker), or merges the name
/// and title into the entry they already have.
fn introduce(speakers: &mut Table, mention: &crate::Mention) -> usize {
    let surname = mention.name.split_whitespace().last().unwrap_or_default();
    let existing = speakers
        .by_name
        .get(&mention.name)
        .or_else(|| speakers.persons_by_surname.get(surname))
        .copied();
    let index = existing.unwrap_or_else(|| {
        speakers.push(Speaker {
            name: mention.name.clone(),
            kind: Kind::Person,
            titles: Vec::new(),
            mentions: Vec::new(),
            attributions: 0,
            direct: 0,
            first: mention.span,
            person: None,
        })
    });
    if mention.name.len() > speakers.list[index].name.len() {
        speakers.list[index].name.clone_from(&mention.name);
    }
    if let Some(title) = &mention.title
        && !speakers.list[index].titles.contains(title)
    {
        speakers.list[index].titles.push(title.clone());
    }
    speakers.index(index);
    index
}

/// The speakers with lookups by every name they went by, by a person's
/// surname and by a one-word name: resolving stays linear in the
/// attributions however many speakers a text has.
#[derive(Debug, Default)]
struct Table {
    list: Vec<Speaker>,
    by_name: HashMap<String, usize>,
    persons_by_surname: HashMap<String, usize>,
    singles: HashMap<String, usize>,
    /// Unnamed sources by their lower-cased description ("a source").
    descriptions: HashMap<String, usize>,
}

impl Table {
    fn push(&mut self, speaker: Speaker) -> usize {
        self.list.push(speaker);
        let index = self.list.len() - 1;
        self.index(index);
        index
    }

    /// Records the speaker's current name and kind in the lookups; earlier
    /// entries keep pointing to the first speaker they named.
    fn index(&mut self, index: usize) {
        let speaker = &self.list[index];
        self.by_name.entry(speaker.name.clone()).or_insert(index);
        if speaker.kind == Kind::Person
            && let Some(surname) = speaker.name.split_whitespace().last()
        {
            self.persons_by_surname
                .entry(surname.to_owned())
                .or_insert(index);
        }
        if !speaker.name.contains(' ') && speaker.kind != Kind::Organisation {
            self.singles.entry(speaker.name.clone()).or_insert(index);
        }
    }
}

fn resolve_mention(
    mention: &str,
    source: Span,
    speakers: &mut Table,
    recent: &Recent,
) -> Option<usize> {
    let named = parse(mention);
    match (named.kind, named.name) {
        (Kind::Pronoun, _) => {
            let lower = mention.to_lowercase();
            (lower == "he" || lower == "she")
                .then(|| recent.pronoun())
                .flatten()
        }
        (kind, Some(name)) => {
            let surname = name.split_whitespace().last().unwrap_or(&name).to_owned();
            let single = !name.contains(' ');
            let existing = speakers
                .by_name
                .get(&name)
                .or_else(|| {
                    single
                        .then(|| speakers.persons_by_surname.get(&surname))
                        .flatten()
                })
                .or_else(|| (!single).then(|| speakers.singles.get(&surname)).flatten())
                .copied();
            let index = if let Some(index) = existing {
                // A full name seen after the surname alone replaces it.
                if name.len() > speakers.list[index].name.len() {
                    speakers.list[index].name.clone_from(&name);
                    speakers.list[index].kind = kind;
                }
                index
            } else {
                speakers.push(Speaker {
                    name,
                    kind,
                    titles: Vec::new(),
                    mentions: Vec::new(),
                    attributions: 0,
                    direct: 0,
                    first: source,
                    person: None,
                })
            };
            let speaker = &mut speakers.list[index];
            if let Some(title) = named.title
                && !speaker.titles.contains(&title)
            {
                speaker.titles.push(title);
            }
            if speaker.kind == Kind::Other && !speaker.titles.is_empty() {
                speaker.kind = Kind::Person;
            }
            speakers.index(index);
            Some(index)
        }
        (kind, None) => {
            let description = named.title.unwrap_or_else(|| mention.to_owned());
            let head = crate::names::head_noun(&description);
            if kind != Kind::Unnamed {
                // The most recent person whose title fits ("the harbour
                // master" for "Harbour master Ellen Voss", "the diplomat"
                // for a deputy foreign minister), else, for a noun of
                // role, the most recent person.
                let role = ROLE_NOUNS.iter().find(|(noun, _)| *noun == head);
                let fits = |word: &str| {
                    word == head || role.is_some_and(|(_, title_words)| title_words.contains(&word))
                };
                let fitting = recent.named.iter().rev().copied().find(|index| {
                    speakers.list[*index].titles.iter().any(|title| {
                        title
                            .to_lowercase()
                            .split_whitespace()
                            .any(|word| fits(word.trim_end_matches('.')))
                    })
                });
                if let Some(index) = fitting.or(recent.pronoun().filter(|_| role.is_some())) {
                    if !speakers.list[index].titles.contains(&description) {
                        speakers.list[index].titles.push(description);
                    }
                    return Some(index);
                }
            }
            let key = mention.to_lowercase();
            if let Some(&index) = speakers.descriptions.get(&key) {
                return Some(index);
            }
            let index = speakers.push(Speaker {
                name: mention.to_owned(),
                kind: if kind == Kind::Other {
                    Kind::Unnamed
                } else {
                    kind
                },
                titles: Vec::new(),
                mentions: Vec::new(),
                attributions: 0,
                direct: 0,
                first: source,
                person: None,
            });
            speakers.descriptions.insert(key, index);
            Some(index)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn speakers_of(text: &str) -> (Vec<Option<String>>, Vec<(String, usize)>) {
        let (paragraphs, sentences) = crate::paragraphs_and_sentences(text);
        let found = crate::attributions(text, &sentences, &paragraphs);
        let mentions = crate::mentions(text, &sentences);
        let (resolved, speakers) = resolve(text, &found, &mentions);
        (
            resolved
                .iter()
                .map(|index| index.map(|index| speakers[index].name.clone()))
                .collect(),
            speakers
                .iter()
                .map(|speaker| (speaker.name.clone(), speaker.attributions))
                .collect(),
        )
    }

    #[test]
    fn pronouns_descriptions_and_surnames_resolve_to_the_named_speaker() {
        let text = "Harbour master Ellen Voss said on Monday that the channel was open again.\n\
                    “Ships can sail from noon,” she said.\n\
                    Voss said the dredging would finish in May.\n\
                    “We lost four days,” the harbour master added.\n";
        let (resolved, speakers) = speakers_of(text);
        assert_eq!(resolved, vec![Some("Ellen Voss".to_owned()); 4]);
        assert_eq!(speakers, [("Ellen Voss".to_owned(), 4)]);
    }

    #[test]
    fn a_role_noun_finds_the_person_whose_title_fits() {
        let text = "Foreign Minister Lena Brandt said the talks would go on.\n\
                    Police chief Omar Haddad said the roads were closed.\n\
                    The minister said later that she had spoken to her counterpart.\n";
        let (resolved, _) = speakers_of(text);
        assert_eq!(
            resolved,
            [
                Some("Lena Brandt".to_owned()),
                Some("Omar Haddad".to_owned()),
                Some("Lena Brandt".to_owned())
            ]
        );
    }

    #[test]
    fn unnamed_sources_stay_unnamed() {
        let text =
            "The plan was dropped, a source said.\nIt may return next year, officials said.\n";
        let (resolved, speakers) = speakers_of(text);
        assert_eq!(
            resolved,
            [Some("a source".to_owned()), Some("officials".to_owned())]
        );
        assert!(speakers.iter().all(|(name, _)| name != "he"));
    }
}
