//! Names and titles in a phrase: "Russian Deputy Foreign Minister Alexander
//! Grushko" is the name "Alexander Grushko" with the title "Russian Deputy
//! Foreign Minister". Small word lists, no model.

/// Words of titles and roles that stand before a name.
const TITLE_WORDS: &[&str] = &[
    "president",
    "minister",
    "deputy",
    "foreign",
    "prime",
    "vice",
    "secretary",
    "general",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "aide",
    "adviser",
    "advisor",
    "ambassador",
    "envoy",
    "representative",
    "permanent",
    "chief",
    "head",
    "director",
    "chairman",
    "chairwoman",
    "chair",
    "senator",
    "sen",
    "rep",
    "gov",
    "governor",
    "mayor",
    "mr",
    "mrs",
    "ms",
    "dr",
    "lord",
    "king",
    "queen",
    "prince",
    "judge",
    "justice",
    "commissioner",
    "leader",
    "candidate",
    "nominee",
    "official",
    "premier",
    "chancellor",
    "presidential",
    "press",
    "policy",
    "affairs",
    "defense",
    "defence",
    "interior",
    "state",
    "commander",
    "colonel",
    "admiral",
    "sergeant",
    "lt",
    "capt",
    "professor",
    "prof",
    "rev",
    "sir",
    "dame",
    "economist",
    "analyst",
    "lawyer",
    "attorney",
    "former",
    "top",
    "senior",
    "first",
    "kremlin",
    "white",
    "house",
    "speaker",
    "congressman",
    "congresswoman",
    "pope",
    "sheikh",
    "emir",
    "mp",
    "mep",
    "councillor",
    "councilor",
    "executive",
    "ceo",
    "founder",
    "secretary-general",
    "union",
    "spokesmen",
    "officer",
    "inspector",
    "superintendent",
    "coach",
    "manager",
    "captain",
];

/// Words that make a name an organisation's.
const ORGANISATION_WORDS: &[&str] = &[
    "ministry",
    "council",
    "union",
    "organization",
    "organisation",
    "agency",
    "party",
    "kremlin",
    "department",
    "committee",
    "service",
    "times",
    "post",
    "news",
    "office",
    "government",
    "parliament",
    "assembly",
    "commission",
    "bank",
    "fund",
    "court",
    "institute",
    "university",
    "association",
    "coalition",
    "company",
    "corporation",
    "group",
    "forces",
    "army",
    "navy",
    "police",
    "bureau",
    "federation",
    "foundation",
    "network",
    "press",
    "journal",
    "tribune",
    "herald",
    "gazette",
    "wire",
    "board",
    "authority",
    "senate",
    "congress",
    "house",
    "administration",
    "campaign",
    "nations",
    "treaty",
    "alliance",
    "center",
    "centre",
    "school",
    "club",
    "league",
    "state",
    "states",
    "watch",
    "chemicals",
    "industry",
    "industries",
    "confederation",
    "holdings",
    "airlines",
    "hospital",
    "college",
    "church",
    "inc",
    "ltd",
    "plc",
];

/// Plural or indefinite speakers a text leaves unnamed.
const UNNAMED_HEADS: &[&str] = &[
    "source",
    "sources",
    "officials",
    "experts",
    "analysts",
    "diplomats",
    "critics",
    "witnesses",
    "residents",
    "observers",
    "people",
    "aides",
    "insiders",
    "insider",
];

/// Whether `word` is the head of a description that names nobody:
/// "Residents", "Officials", "Sources".
#[must_use]
pub fn is_unnamed_head(word: &str) -> bool {
    UNNAMED_HEADS.contains(&word.to_lowercase().as_str())
}

#[must_use]
pub fn is_title_word(word: &str) -> bool {
    TITLE_WORDS.contains(&word.to_lowercase().trim_end_matches('.'))
}

#[must_use]
pub fn is_organisation_word(word: &str) -> bool {
    ORGANISATION_WORDS.contains(&word.to_lowercase().as_str())
}

/// "Russian", "Turkish", "Chinese": adjectives of nationality, which open
/// a title rather than a name when more capitalised words follow.
#[must_use]
pub fn is_nationality(word: &str) -> bool {
    const LISTED: &[&str] = &[
        "us",
        "u.s.",
        "uk",
        "eu",
        "british",
        "french",
        "german",
        "dutch",
        "greek",
        "swiss",
        "thai",
        "iraqi",
        "israeli",
        "pakistani",
        "saudi",
        "kuwaiti",
        "qatari",
        "welsh",
        "irish",
        "scottish",
        "western",
        "eastern",
        "european",
        "american",
    ];
    let lower = word.to_lowercase();
    LISTED.contains(&lower.as_str())
        || (word.chars().next().is_some_and(char::is_uppercase)
            && ["ian", "ean", "ese", "ish", "can", "ran"]
                .iter()
                .any(|suffix| lower.ends_with(suffix) && lower.len() > suffix.len() + 2))
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// What a phrase naming someone says about them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// The name without title: "Alexander Grushko", "NATO"; none for a
    /// description ("the diplomat") or a pronoun.
    pub name: Option<String>,
    /// The title or description: "Russian Deputy Foreign Minister", "the
    /// diplomat", "director of the Institute for Policy Integrity".
    pub title: Option<String>,
    pub kind: Kind,
}

/// Who a name or phrase refers to.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Person,
    Organisation,
    Place,
    /// Sources the text does not name: "officials", "a source".
    Unnamed,
    /// A pronoun that could not be resolved.
    Pronoun,
    Other,
}

impl Kind {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Organisation => "organisation",
            Kind::Place => "place",
            Kind::Unnamed => "unnamed",
            Kind::Pronoun => "pronoun",
            Kind::Other => "other",
        }
    }
}

const PREPOSITIONS: &[&str] = &["to", "of", "for", "at", "in", "from", "with", "on", "by"];

/// The noun a description is about: "representative" in "Russia's
/// permanent representative to the EU", "diplomat" in "the top diplomat".
#[must_use]
pub fn head_noun(description: &str) -> String {
    let words: Vec<String> = description
        .split_whitespace()
        .map(|word| {
            word.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    words
        .iter()
        .position(|word| PREPOSITIONS.contains(&word.as_str()))
        .and_then(|position| position.checked_sub(1))
        .or_else(|| words.len().checked_sub(1))
        .map_or_else(String::new, |position| words[position].clone())
}

/// Whether `name` is a place: a country by any of its ISO 3166 names or
/// common aliases ("Russia", "the United States", "USA"), a street, road
/// or square ("Quay Road"), or one of [`PLACES`].
#[must_use]
pub fn is_place(name: &str) -> bool {
    if PLACES.contains(&name) {
        return true;
    }
    let words: Vec<&str> = name
        .split_whitespace()
        .skip_while(|word| word.eq_ignore_ascii_case("the"))
        .collect();
    if words.len() >= 2
        && words
            .last()
            .is_some_and(|last| PLACE_NOUNS.contains(&last.trim_end_matches('.')))
    {
        return true;
    }
    // Two- and three-letter codes only as news writes them in capitals
    // ("US", "UK"), never a word that happens to be one ("Al", "In").
    let joined: String = words
        .concat()
        .chars()
        .filter(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    if joined.len() <= 3 {
        return name.chars().all(|c| c.is_uppercase() || c == '.')
            && ["us", "usa", "uk"].contains(&joined.as_str());
    }
    celes::Country::from_name(&joined).is_ok() || celes::Country::from_alias(&joined).is_ok()
}

/// Last words that make a name a place: "Quay Road", "Red Square".
const PLACE_NOUNS: &[&str] = &[
    "Road",
    "Street",
    "St",
    "Avenue",
    "Ave",
    "Square",
    "Lane",
    "Boulevard",
    "Bridge",
    "River",
    "Lake",
    "Valley",
    "Bay",
    "Island",
    "Islands",
    "Airport",
    "Station",
    "Harbour",
    "Harbor",
    "County",
    "Province",
    "Region",
    "District",
    "Quay",
    "Mountains",
    "Coast",
    "Peninsula",
];

/// Countries, regions and cities news copy names often; anything else
/// capitalised is a person or an organisation by its words, or "other".
pub const PLACES: &[&str] = &[
    "D.C",
    "D.C.",
    "Russia",
    "Ukraine",
    "Moscow",
    "Kyiv",
    "Kiev",
    "Brussels",
    "Geneva",
    "Vienna",
    "Washington",
    "Europe",
    "Asia",
    "Africa",
    "America",
    "China",
    "Beijing",
    "Germany",
    "Berlin",
    "France",
    "Paris",
    "Britain",
    "London",
    "Turkey",
    "Ankara",
    "Istanbul",
    "Poland",
    "Warsaw",
    "Belarus",
    "Minsk",
    "Donetsk",
    "Lugansk",
    "Luhansk",
    "Donbas",
    "Donbass",
    "Crimea",
    "Georgia",
    "Syria",
    "Iran",
    "Iraq",
    "Israel",
    "Gaza",
    "India",
    "Japan",
    "Tokyo",
    "Korea",
    "Canada",
    "Mexico",
    "Italy",
    "Rome",
    "Spain",
    "Madrid",
    "Sweden",
    "Finland",
    "Norway",
    "Estonia",
    "Latvia",
    "Lithuania",
    "Romania",
    "Hungary",
    "Serbia",
    "Kosovo",
    "Baltic",
    "Black Sea",
    "Arctic",
    "New York",
    "Virginia",
    "California",
    "Texas",
    "Florida",
    "Ohio",
    "Pennsylvania",
];

/// Capitalised words that are never names, besides the months and the
/// days of the week (`parallax_core::MONTHS`, `parallax_core::WEEKDAYS`).
const NOT_NAMES: &[&str] = &["i"];

#[must_use]
pub fn is_never_a_name(word: &str) -> bool {
    let lower = word.to_lowercase();
    let bare = lower.trim_end_matches('.');
    NOT_NAMES.contains(&bare)
        || parallax_core::MONTHS.contains(&bare)
        || crate::cues::is_weekday(bare)
}

/// A key under which spellings of one name from different transliterations
/// meet: "Yury" and "Yuri", "Sergey" and "Sergei", "Zakharova" and
/// "Sakharova" do not (only y/i and doubled letters are folded).
#[must_use]
pub fn name_key(name: &str) -> String {
    let mut key = String::new();
    for character in name.to_lowercase().chars() {
        let character = if character == 'y' { 'i' } else { character };
        if !character.is_alphanumeric() && character != ' ' {
            continue;
        }
        if key.ends_with(character) && character != ' ' {
            continue;
        }
        key.push(character);
    }
    key
}

/// "Anna Brekke of the group Digital Rights Watch": a person's name
/// first, then where they are from. Not "Bank of England" or "Secretary of
/// State", which hold an organisation or a title word.
fn name_then_affiliation(words: &[&str], lower: &[String]) -> Option<Named> {
    let at = lower
        .iter()
        .position(|word| ["of", "from", "at", "with"].contains(&word.as_str()))?;
    let person = (2..=4).contains(&at)
        && words[..at].iter().all(|word| {
            is_capitalised(word)
                && !is_title_word(word)
                && !is_organisation_word(word)
                && !is_never_a_name(word)
                && !is_nationality(word)
        })
        && words[at + 1..].iter().any(|word| is_capitalised(word));
    person.then(|| Named {
        name: Some(words[..at].join(" ")),
        title: Some(words[at..].join(" ")),
        kind: Kind::Person,
    })
}

/// Where the name starts in a run of capitalised words with its title
/// ("Russian Deputy Foreign Minister Alexander Grushko": after the last
/// title word), and whether the run is still an organisation's name.
fn where_the_name_starts(run: &[&str], organisation: bool) -> (usize, bool) {
    // "Secretary of State John Kerry": a title with its office, then the
    // name. The office's first word belongs to the title; of the words
    // after it, the last two (or the one) are the name. "Deputy Director
    // of Public Prosecution Eva-Marie Persson" too.
    let office = (0..run.len())
        .rev()
        .find(|&title| {
            is_title_word(run[title])
                && run
                    .get(title + 1)
                    .is_some_and(|word| word.to_lowercase() == "of")
        })
        .filter(|&title| run.len() >= title + 4);
    let organisation = organisation && office.is_none();
    let name_start = if let Some(title) = office {
        let after_office = run.len() - (title + 3);
        run.len() - after_office.min(2)
    } else if organisation {
        0
    } else {
        run.iter()
            .rposition(|word| is_title_word(word))
            .map_or_else(
                || usize::from(run.len() > 2 && is_nationality(run[0])),
                |position| position + 1,
            )
    };
    // "United Nations High Commissioner for Human Rights": what follows
    // the title word is its office, not a name; the whole is the name of
    // an office.
    let office_only = run
        .get(name_start)
        .is_some_and(|word| !is_capitalised(word));
    if name_start < run.len() && !office_only {
        (name_start, organisation)
    } else {
        (0, organisation)
    }
}

/// Reads a speaker phrase. An appositive after a comma ("Revesz, director
/// of …") is the title.
#[must_use]
pub fn parse(phrase: &str) -> Named {
    let phrase = phrase
        .trim()
        .trim_matches(|c: char| c == ',' || c.is_whitespace());
    let (head, appositive) = match phrase.split_once(',') {
        Some((head, rest)) => (head.trim(), Some(rest.trim().trim_end_matches(',').trim())),
        None => (phrase, None),
    };
    let words: Vec<&str> = head
        .split_whitespace()
        .skip_while(|word| ["the", "a", "an"].contains(&word.to_lowercase().as_str()))
        .map(|word| {
            word.trim_matches(|c: char| {
                !c.is_alphanumeric() && c != '.' && c != '-' && c != '’' && c != '\''
            })
        })
        .filter(|word| !word.is_empty())
        .collect();
    let lower: Vec<String> = words.iter().map(|word| word.to_lowercase()).collect();
    let indefinite = head
        .split_whitespace()
        .next()
        .is_some_and(|first| ["a", "an"].contains(&first.to_lowercase().as_str()));
    if words.len() == 1 && crate::cues::SPEAKER_PRONOUNS.contains(&lower[0].as_str()) {
        return Named {
            name: None,
            title: None,
            kind: Kind::Pronoun,
        };
    }
    if let Some(named) = name_then_affiliation(&words, &lower) {
        return named;
    }
    // The last run of capitalised words (with "of", "bin"…) is the name.
    let mut end = words.len();
    while end > 0 && !is_capitalised(words[end - 1]) {
        end -= 1;
    }
    let mut start = end;
    while start > 0
        && (is_capitalised(words[start - 1])
            || (start > 1
                && (["of", "for", "bin", "de", "al", "van", "von"].contains(&lower[start - 1].as_str())
                    // "the Harbour and Transport Union" is one name.
                    || (lower[start - 1] == "and"
                        && words[start..end].iter().any(|word| is_organisation_word(word))))))
    {
        start -= 1;
    }
    while start < end && is_never_a_name(words[start]) {
        start += 1;
    }
    // A capitalised word that does not end the phrase modifies it
    // ("unnamed European sources"), and one after a preposition names
    // where someone serves ("Russia's representative to the EU"): the
    // phrase describes a speaker without naming them.
    // So does a description that opens in lower case and reaches the name
    // through a preposition: "a protégé of John Bolton and Dick Cheney",
    // "a spokesman for Google".
    let described_through = head
        .split_whitespace()
        .next()
        .is_some_and(|first| ["a", "an", "the"].contains(&first.to_lowercase().as_str()))
        && words.first().is_some_and(|first| !is_capitalised(first))
        && lower[..start]
            .iter()
            .any(|word| PREPOSITIONS.contains(&word.as_str()));
    let describes = end < words.len()
        || described_through
        || (start > 0
            && (PREPOSITIONS.contains(&lower[start - 1].as_str())
                || (start > 1
                    && lower[start - 1] == "the"
                    && PREPOSITIONS.contains(&lower[start - 2].as_str()))));
    let (start, end) = if describes { (end, end) } else { (start, end) };
    let run = &words[start..end];
    if run.is_empty() {
        // The head noun comes before any prepositional phrase:
        // "representative" in "permanent representative to the EU".
        let head_noun = lower
            .iter()
            .position(|word| PREPOSITIONS.contains(&word.as_str()))
            .and_then(|position| position.checked_sub(1))
            .or_else(|| lower.len().checked_sub(1))
            .map_or("", |position| lower[position].as_str());
        let description = words
            .iter()
            .skip_while(|word| ["the", "a", "an"].contains(&word.to_lowercase().as_str()))
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        return Named {
            name: None,
            title: (!description.is_empty()).then_some(description),
            kind: if UNNAMED_HEADS.contains(&head_noun) || indefinite {
                Kind::Unnamed
            } else {
                Kind::Other
            },
        };
    }
    // "Russian Foreign Ministry" and "Organisation for Security…" are
    // organisations; "Kremlin Spokesman Dmitry Peskov" is a person.
    let title_after_organisation = run
        .iter()
        .position(|word| is_organisation_word(word))
        .is_some_and(|position| {
            // A title with a name after it: "Kremlin Spokesman Dmitry
            // Peskov", not "Court of Justice".
            (position + 1..run.len()).any(|at| {
                is_title_word(run[at])
                    && run
                        .get(at + 1)
                        .is_some_and(|next| is_capitalised(next) && !is_organisation_word(next))
            })
        });
    let organisation = (run.iter().any(|word| is_organisation_word(word))
        && !title_after_organisation)
        || (run.len() == 1
            && run[0].len() >= 2
            && run[0].chars().all(|c| c.is_uppercase() || c == '.'));
    let (name_at, organisation) = where_the_name_starts(run, organisation);
    let (name_words, title_words) = (&run[name_at..], &run[..name_at]);
    let mut title_parts: Vec<&str> = words[..start].to_vec();
    title_parts.extend_from_slice(title_words);
    while title_parts
        .first()
        .is_some_and(|word| ["the", "a", "an"].contains(&word.to_lowercase().as_str()))
    {
        title_parts.remove(0);
    }
    let mut title = (!title_parts.is_empty()).then(|| title_parts.join(" "));
    if title.is_none() {
        title = appositive
            .filter(|appositive| !appositive.is_empty())
            .map(ToOwned::to_owned);
    }
    let name = name_words
        .iter()
        .filter(|word| !["Mr.", "Mrs.", "Ms.", "Dr.", "Mr", "Mrs", "Ms", "Dr"].contains(word))
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    let name = name
        .trim_end_matches(['’', '\''])
        .trim_end_matches("’s")
        .to_owned();
    let kind = if is_place(&name) {
        Kind::Place
    } else if organisation {
        Kind::Organisation
    } else if !title_words.is_empty() || name_words.len() >= 2 || title.is_some() {
        Kind::Person
    } else {
        Kind::Other
    };
    Named {
        name: (!name.is_empty()).then_some(name),
        title,
        kind,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(phrase: &str) -> (Option<String>, Option<String>, Kind) {
        let named = parse(phrase);
        (named.name, named.title, named.kind)
    }

    #[test]
    fn titles_are_told_from_names() {
        assert_eq!(
            named("Russian Deputy Foreign Minister Alexander Grushko"),
            (
                Some("Alexander Grushko".into()),
                Some("Russian Deputy Foreign Minister".into()),
                Kind::Person
            )
        );
        assert_eq!(
            named("Kremlin aide Yuri Ushakov"),
            (
                Some("Yuri Ushakov".into()),
                Some("Kremlin aide".into()),
                Kind::Person
            )
        );
        assert_eq!(
            named("union secretary Tomás Reyes"),
            (
                Some("Tomás Reyes".into()),
                Some("union secretary".into()),
                Kind::Person
            )
        );
        assert_eq!(
            named("Richard Revesz, director of the Institute for Policy Integrity,"),
            (
                Some("Richard Revesz".into()),
                Some("director of the Institute for Policy Integrity".into()),
                Kind::Person
            )
        );
        assert_eq!(
            named("Lena Morgan of the advocacy group Open Courts"),
            (
                Some("Lena Morgan".into()),
                Some("of the advocacy group Open Courts".into()),
                Kind::Person
            )
        );
        assert_eq!(named("the Bank of England").2, Kind::Organisation);
        assert_eq!(
            named("the Regional Commissioner for Water Safety").0,
            Some("Regional Commissioner for Water Safety".into())
        );
        assert_eq!(
            named("Secretary of State Ruth Ames").0,
            Some("Ruth Ames".into())
        );
        assert_eq!(named("Mr. Kamin").0, Some("Kamin".into()));
        assert_eq!(
            named("the Harbour and Transport Union").0,
            Some("Harbour and Transport Union".into())
        );
        assert_eq!(named("a union bulletin seen by CWS").0, None);
        assert_eq!(name_key("Yury Ushakov"), name_key("Yuri Ushakov"));
        assert_eq!(name_key("Sergey Lavrov"), name_key("Sergei Lavrov"));
        assert_ne!(name_key("Maria Zakharova"), name_key("Maria Sakharova"));
    }

    #[test]
    fn countries_by_any_name_and_codes_only_in_capitals() {
        for place in [
            "Portugal",
            "the United States",
            "USA",
            "US",
            "Ivory Coast",
            "Mill Lane",
        ] {
            assert!(is_place(place), "{place}");
        }
        for other in ["Al", "In", "us", "Portman", "Kestrel Holdings"] {
            assert!(!is_place(other), "{other}");
        }
    }

    #[test]
    fn organisations_descriptions_and_pronouns() {
        assert_eq!(named("the Russian Foreign Ministry").2, Kind::Organisation);
        assert_eq!(named("NATO").2, Kind::Organisation);
        assert_eq!(
            named("the diplomat"),
            (None, Some("diplomat".into()), Kind::Other)
        );
        assert_eq!(named("a source").2, Kind::Unnamed);
        assert_eq!(named("officials").2, Kind::Unnamed);
        assert_eq!(named("he").2, Kind::Pronoun);
        assert_eq!(named("unnamed highly placed European sources").0, None);
        assert_eq!(named("Russia’s permanent representative to the EU").0, None);
        assert_eq!(
            head_noun("Russia’s permanent representative to the EU"),
            "representative"
        );
    }
}
