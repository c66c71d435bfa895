//! One identity per person across reports: each report resolves "he", "the
//! diplomat" and surnames to its own speakers; here the speakers of all
//! reports meet, whatever the spelling ("Yury"/"Yuri"), with or without a
//! first name ("Ushakov"/"Yuri Ushakov") or a nickname in quotes ("Jim
//! 'Mad Dog' Mattis"/"Jim Mattis").

use crate::model::DocumentFraming;
use crate::names::{Kind, name_key};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A person, organisation or unnamed source as every report names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// The fullest name any report gives.
    pub name: String,
    pub kind: Kind,
    /// Every way the reports refer to them as a speaker: names, titles
    /// with names, descriptions, pronouns ("Grushko", "the diplomat",
    /// "he"), first seen first.
    pub forms: Vec<String>,
    /// Titles and descriptions the reports give them.
    pub titles: Vec<String>,
    /// The documents that give them a statement, in input order.
    pub documents: Vec<String>,
}

/// The people of all documents, and for each document's speakers (in
/// order) the index of their person.
#[must_use]
pub fn people(documents: &[DocumentFraming]) -> (Vec<Person>, Vec<Vec<usize>>) {
    // Full names first, so a lone surname finds the person it belongs to.
    let mut keys: BTreeMap<String, usize> = BTreeMap::new();
    let mut list: Vec<Person> = Vec::new();
    let mut order: Vec<(usize, usize)> = documents
        .iter()
        .enumerate()
        .flat_map(|(number, document)| (0..document.speakers.len()).map(move |at| (number, at)))
        .collect();
    order.sort_by_key(|&(number, at)| {
        let words = identity_key(&documents[number].speakers[at].name)
            .split(' ')
            .count();
        (usize::from(words < 2), number, at)
    });
    let mut of_speaker: Vec<Vec<usize>> = documents
        .iter()
        .map(|document| vec![0; document.speakers.len()])
        .collect();
    // Persons with a full name by their last name, for a lone surname.
    let mut by_surname: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (number, at) in order {
        let speaker = &documents[number].speakers[at];
        let key = identity_key(&speaker.name);
        let index = keys
            .get(&key)
            .copied()
            .or_else(|| surname_of(&key, speaker.kind, &by_surname))
            .unwrap_or_else(|| {
                list.push(Person {
                    name: speaker.name.clone(),
                    kind: speaker.kind,
                    forms: Vec::new(),
                    titles: Vec::new(),
                    documents: Vec::new(),
                });
                let index = list.len() - 1;
                if speaker.kind == Kind::Person
                    && let Some((_, last)) = key.rsplit_once(' ')
                {
                    by_surname.entry(last.to_owned()).or_default().push(index);
                }
                index
            });
        keys.entry(key).or_insert(index);
        let person = &mut list[index];
        for form in std::iter::once(&speaker.name).chain(&speaker.mentions) {
            if !person
                .forms
                .iter()
                .any(|known| known.to_lowercase() == form.to_lowercase())
            {
                person.forms.push(form.clone());
            }
        }
        for title in &speaker.titles {
            if !person.titles.contains(title) {
                person.titles.push(title.clone());
            }
        }
        of_speaker[number][at] = index;
    }
    // The documents of each person, read in input order.
    for (document, persons) in documents.iter().zip(&of_speaker) {
        for &index in persons {
            if list[index].documents.last() != Some(&document.id) {
                list[index].documents.push(document.id.clone());
            }
        }
    }
    (list, of_speaker)
}

/// The key under which spellings of one name meet, without a nickname in
/// quotes.
fn identity_key(name: &str) -> String {
    let mut kept = String::new();
    let mut quoted = false;
    for character in name.chars() {
        if "\"“”‘’".contains(character)
            && !(character == '’' && !quoted && kept.ends_with(char::is_alphabetic))
        {
            quoted = !quoted;
            continue;
        }
        if !quoted {
            kept.push(character);
        }
    }
    name_key(
        kept.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .as_str(),
    )
}

/// The one person of kind person whose name ends with the lone surname
/// `key`; none when there are none or several (two Trumps stay apart from
/// a bare "Trump").
fn surname_of(key: &str, kind: Kind, by_surname: &BTreeMap<String, Vec<usize>>) -> Option<usize> {
    if key.contains(' ') || !matches!(kind, Kind::Person | Kind::Other) {
        return None;
    }
    match by_surname.get(key)?.as_slice() {
        [only] => Some(*only),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::speakers::Speaker;
    use parallax_core::Span;

    fn document(id: &str, names: &[(&str, Kind)]) -> DocumentFraming {
        DocumentFraming {
            id: id.to_owned(),
            attributions: Vec::new(),
            speakers: names
                .iter()
                .map(|(name, kind)| Speaker {
                    name: (*name).to_owned(),
                    kind: *kind,
                    titles: Vec::new(),
                    mentions: vec![(*name).to_owned()],
                    attributions: 1,
                    direct: 0,
                    first: Span::new(0, 1),
                    person: None,
                })
                .collect(),
            entities: Vec::new(),
            distinctive_terms: Vec::new(),
            unique: Vec::new(),
            headline: None,
            lead: None,
        }
    }

    #[test]
    fn spellings_surnames_and_nicknames_meet() {
        let documents = [
            document(
                "a",
                &[
                    ("Yury Ushakov", Kind::Person),
                    ("Jim “Mad Dog” Mattis", Kind::Person),
                ],
            ),
            document(
                "b",
                &[("Ushakov", Kind::Other), ("Yuri Ushakov", Kind::Person)],
            ),
            document(
                "c",
                &[("Jim Mattis", Kind::Person), ("NATO", Kind::Organisation)],
            ),
        ];
        let (people, of_speaker) = people(&documents);
        assert_eq!(people.len(), 3, "{people:#?}");
        assert_eq!(of_speaker[0][0], of_speaker[1][0]);
        assert_eq!(of_speaker[0][0], of_speaker[1][1]);
        assert_eq!(of_speaker[0][1], of_speaker[2][0]);
        let ushakov = &people[of_speaker[1][0]];
        assert_eq!(ushakov.documents, ["a", "b"]);
        assert_eq!(ushakov.forms, ["Yury Ushakov", "Yuri Ushakov", "Ushakov"]);
    }

    #[test]
    fn a_surname_shared_by_two_people_stays_apart() {
        let documents = [
            document(
                "a",
                &[
                    ("Donald Trump", Kind::Person),
                    ("Ivanka Trump", Kind::Person),
                ],
            ),
            document("b", &[("Trump", Kind::Other)]),
        ];
        let (people, of_speaker) = people(&documents);
        assert_eq!(people.len(), 3);
        assert_ne!(of_speaker[1][0], of_speaker[0][0]);
        assert_ne!(of_speaker[1][0], of_speaker[0][1]);
    }
}
