//! The speaker a cue names: the words before it ("Deputy Foreign Minister
//! Alexander Grushko said") or after it ("said Grushko").

use super::{Word, is_capitalised, opens_clause, text_of};
use crate::cues::{ADVERBIAL_OPENERS, SPEAKER_PRONOUNS, needs_particle};
use parallax_core::Span;

/// The speaker named before a cue, with where it starts (an index into
/// `words`). Tried in turn:
/// - the clause right before the cue, if it reads as a speaker
///   (`Russian Deputy Foreign Minister Alexander Grushko said`);
/// - a name followed by appositives (`Richard Revesz, director of the
///   Institute…, said`; `Donna Rawlings, 59, of Ashton, who watched…,
///   said`);
/// - the capitalised words or pronoun right before the cue, when the
///   clause is longer (`In a meeting with the board Trump said`).
pub(super) fn speaker_before_at(words: &[Word<'_>], cue_at: usize) -> Option<(usize, Span)> {
    let mut end = speaker_end(words, cue_at);
    // "Benjamin Netanyahu, however, said": an adverb set off by commas
    // is not part of the speaker.
    while end > 1
        && opens_clause(&words[end - 1])
        && SET_OFF_ADVERBS.contains(&words[end - 1].lower.as_str())
    {
        end -= 1;
    }
    if end == 0 || words[..end].iter().any(|word| word.quoted) && words[end - 1].quoted {
        return None;
    }
    // Clause starts, nearest first.
    let mut starts = Vec::new();
    let mut at = end;
    while at > 0 && end - at < 40 && starts.len() < 6 {
        at -= 1;
        if words[at].quoted {
            at += 1;
            starts.push(at);
            break;
        }
        if at == 0 || opens_clause(&words[at]) {
            starts.push(at);
        }
    }
    let span_of = |start: usize| Span::new(words[start].span.start, words[end - 1].span.end);
    let trimmed = |mut start: usize| {
        while start < end && SKIPPED_CLAUSE_OPENERS.contains(&words[start].lower.as_str()) {
            start += 1;
        }
        start
    };
    // "Vladimir Chizhov, Russia's permanent representative to the EU,
    // said": a name, then a clause that describes them.
    if let [nearest, name_start, ..] = starts[..] {
        let name = &words[name_start..nearest];
        let description = &words[nearest..end];
        if !name.is_empty()
            && name.len() <= 6
            && name.iter().all(|word| is_capitalised(word.text))
            && description
                .iter()
                .any(|word| !is_capitalised(word.text) && crate::names::is_title_word(word.text))
            // "Justin Bamberg, said the videos show … when asked": a
            // clause with a verb of its own describes no one.
            && !description
                .iter()
                .any(|word| crate::cues::is_cue_word(&word.lower))
            // "Earlier, spokeswoman Maria Zakharova said": the clause
            // names its speaker itself.
            && crate::names::parse(&text_of(words, nearest, end)).name.is_none()
        {
            let start = trimmed(name_start);
            return Some((start, span_of(start)));
        }
    }
    // "Vann R. Newkirk II, a writer for The Atlantic, said", "Mitch
    // McConnell, R-Ky., said", "Hillary Clinton, at a later press gaggle,
    // said": an appositive, an affiliation or an adverbial clause between
    // the speaker and the cue.
    if let [nearest, name_start, ..] = starts[..] {
        let name_start = trimmed(name_start).min(nearest);
        let name = &words[name_start..nearest];
        let between = &words[nearest..end];
        let opener = between[0].lower.as_str();
        let appositive = (["a", "an", "the"].contains(&opener) && between.len() >= 2)
            || is_affiliation(between)
            || (between.len() == 1 && between[0].text.chars().all(|c| c.is_ascii_digit()));
        let adverbial = ADVERBIAL_PREPOSITIONS.contains(&opener) && between.len() <= 8;
        let named = !name.is_empty()
            && name.len() <= 6
            && name.iter().all(|word| is_capitalised(word.text))
            && !ADVERBIAL_PREPOSITIONS.contains(&name[0].lower.as_str())
            && !crate::names::is_never_a_name(name[0].text);
        if appositive && named {
            return Some((name_start, span_of(name_start)));
        }
        if adverbial
            && !name.is_empty()
            && name.len() <= 8
            && plausible_speaker(name)
            && !ADVERBIAL_PREPOSITIONS.contains(&name[0].lower.as_str())
        {
            let span = Span::new(words[name_start].span.start, words[nearest - 1].span.end);
            return Some((name_start, span));
        }
    }
    // "Scott Pruitt, the Republican attorney general of Oklahoma, one of
    // the states suing the EPA, said", "Donna Sampson Rawlings, 59, of
    // Ashton, Md., who watched the ceremony, said": a name, then a chain
    // of appositives.
    for index in 1..starts.len() {
        let clause_end = |at: usize| if at == 0 { end } else { starts[at - 1] };
        if !is_appositive(&words[starts[index - 1]..clause_end(index - 1)]) {
            break;
        }
        let name_start = trimmed(starts[index]);
        let name = &words[name_start..starts[index - 1]];
        if index >= 2
            && !name.is_empty()
            && name.len() <= 6
            && is_capitalised(name[0].text)
            && !ADVERBIAL_PREPOSITIONS.contains(&name[0].lower.as_str())
            && !crate::names::is_never_a_name(name[0].text)
            && name
                .iter()
                .all(|word| is_capitalised(word.text) || CONNECTORS.contains(&word.lower.as_str()))
        {
            return Some((name_start, span_of(name_start)));
        }
    }
    if let Some(&nearest) = starts.first() {
        let start = trimmed(nearest);
        if start < end
            && end - start <= 10
            && plausible_speaker(&words[start..end])
            && names_a_speaker(&words[start..end])
        {
            return Some((start, span_of(start)));
        }
        // "…, top black lawmakers said", "…, attorneys for the family
        // said": a short noun phrase in lower case whose head noun is
        // people.
        if start < end && end - start <= 6 && described_people(&words[start..end]) {
            return Some((start, span_of(start)));
        }
    }
    // A name and its appositives: the first clause names someone, the
    // later ones describe them.
    for &start in starts.iter().skip(1) {
        let start = trimmed(start);
        let clause_end = starts
            .iter()
            .copied()
            .filter(|&other| other > start)
            .min()
            .unwrap_or(end);
        let name = &words[start..clause_end];
        if !name.is_empty()
            && name.len() <= 6
            && name
                .iter()
                .all(|word| is_capitalised(word.text) || CONNECTORS.contains(&word.lower.as_str()))
            && is_capitalised(name[0].text)
        {
            return Some((start, span_of(start)));
        }
    }
    name_just_before(words, end)
}

/// The capitalised run or pronoun right before `end` (the cue, past the
/// words [`SKIPPED_BEFORE_CUE`] skips), when a longer clause does not read
/// as a speaker: "In a meeting with the board Trump said".
pub(super) fn name_just_before(words: &[Word<'_>], end: usize) -> Option<(usize, Span)> {
    if end == 0 {
        return None;
    }
    let span_of = |start: usize| Span::new(words[start].span.start, words[end - 1].span.end);
    let mut start = end;
    while start > 0
        && !words[start - 1].quoted
        && !crate::names::is_never_a_name(words[start - 1].text)
        && (is_capitalised(words[start - 1].text)
            || (start < end && CONNECTORS.contains(&words[start - 1].lower.as_str())))
    {
        start -= 1;
    }
    while start < end && CONNECTORS.contains(&words[start].lower.as_str()) {
        start += 1;
    }
    // "diverted through Easterby, adding": a name after a preposition is
    // not the subject.
    let after_preposition = start > 0
        && [
            "through", "in", "on", "at", "to", "from", "with", "of", "by", "for", "into", "near",
        ]
        .contains(&words[start - 1].lower.as_str());
    if start < end && start > 0 && !after_preposition {
        return Some((start, span_of(start)));
    }
    if SPEAKER_PRONOUNS.contains(&words[end - 1].lower.as_str()) {
        return Some((end - 1, words[end - 1].span));
    }
    None
}

/// Where a speaker before the cue at `cue_at` ends: before "has", "also",
/// "did not" and the like.
pub(super) fn speaker_end(words: &[Word<'_>], cue_at: usize) -> usize {
    let mut end = cue_at;
    while end > 0
        && (SKIPPED_BEFORE_CUE.contains(&words[end - 1].lower.as_str())
            || (words[end - 1].lower.ends_with("ly")
                && !is_capitalised(words[end - 1].text)
                && !NOUNS_IN_LY.contains(&words[end - 1].lower.as_str())))
    {
        end -= 1;
    }
    end
}

pub(super) fn speaker_before(words: &[Word<'_>], cue_at: usize) -> Option<Span> {
    speaker_before_at(words, cue_at).map(|(_, span)| span)
}

/// Lower-case words inside names: "Secretary of State", "bin Salman".
const CONNECTORS: &[&str] = &[
    "of", "de", "da", "van", "von", "bin", "al", "la", "le", "del", "for",
];

/// Whether words before a cue can be who spoke: a name, a pronoun or a
/// noun phrase opened by a determiner ("the port authority"), and not a
/// clause ("an accusation that Moscow has always denied") or a lone
/// determiner ("The claims came…").
pub(super) fn plausible_speaker(phrase: &[Word<'_>]) -> bool {
    let first = phrase[0].lower.as_str();
    if phrase.iter().any(|word| {
        ["that", "which", "who", "whom", "whose", "what"].contains(&word.lower.as_str())
    }) {
        return false;
    }
    if DETERMINERS.contains(&first) {
        return phrase.len() > 1;
    }
    if SPEAKER_PRONOUNS.contains(&first) {
        return phrase.len() == 1;
    }
    is_capitalised(phrase[0].text) || GROUP_NOUNS.contains(&first) || role_then_name(phrase)
}

/// A noun phrase of lower-case words only, naming people by its head noun
/// ("top black lawmakers", "attorneys for the family"), with no verb or
/// pronoun in it.
fn described_people(phrase: &[Word<'_>]) -> bool {
    phrase.iter().all(|word| {
        word.text.starts_with(char::is_lowercase)
            && word
                .text
                .chars()
                .all(|c| c.is_alphabetic() || c == '\'' || c == '’')
            && !AUXILIARIES.contains(&word.lower.as_str())
            && !SPEAKER_PRONOUNS.contains(&word.lower.as_str())
            && !crate::cues::is_cue_word(&word.lower)
            && ![
                "that", "which", "who", "whom", "whose", "what", "and", "or", "not",
            ]
            .contains(&word.lower.as_str())
    }) && !NEVER_OPENS_A_SPEAKER.contains(&phrase[0].lower.as_str())
        && !phrase[0].lower.ends_with("ing")
        // "issued a statement": a verb and its object, not a noun phrase.
        && !phrase.windows(2).any(|pair| {
            DETERMINERS.contains(&pair[1].lower.as_str())
                && !NEVER_OPENS_A_SPEAKER.contains(&pair[0].lower.as_str())
        })
        && crate::cues::can_speak(&crate::names::head_noun(&text_of(phrase, 0, phrase.len())))
}

/// "rescue coordinator Per Aasen", "hospital spokeswoman Ingrid Sand":
/// a few words of role, then a name.
fn role_then_name(phrase: &[Word<'_>]) -> bool {
    let name_start = phrase
        .iter()
        .rposition(|word| !is_capitalised(word.text))
        .map_or(0, |position| position + 1);
    name_start > 0
        && name_start < phrase.len()
        && phrase.len() <= 6
        && !crate::names::is_never_a_name(phrase[phrase.len() - 1].text)
        && phrase[..name_start].iter().all(|word| {
            word.text.chars().all(char::is_alphabetic)
                && !NOT_IN_ROLES.contains(&word.lower.as_str())
        })
}

/// Words a role before a name never holds: "held in Brussels", "met
/// Grushko".
const NOT_IN_ROLES: &[&str] = &[
    "in", "on", "at", "to", "by", "with", "from", "after", "before", "during", "and", "or", "but",
    "is", "was", "were", "are", "be", "been", "has", "had", "have", "met", "held", "told", "asked",
    "not", "also", "when", "while", "if", "as", "than",
];

/// Words that open a noun phrase.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "some", "many", "several",
    "one", "two", "three", "both", "this", "these", "those", "another", "other", "most",
];

/// Plural nouns that speak without a determiner: "officials said".
const GROUP_NOUNS: &[&str] = &[
    "officials",
    "sources",
    "experts",
    "critics",
    "analysts",
    "witnesses",
    "residents",
    "police",
    "investigators",
    "diplomats",
    "observers",
    "authorities",
    "lawmakers",
    "democrats",
    "republicans",
    "voters",
    "aides",
    "advisers",
    "advisors",
];

/// The speaker named after a cue (`said Grushko`, `said the diplomat,
/// stressing…`): up to a comma, a full stop or a time phrase.
pub(super) fn speaker_after(words: &[Word<'_>], cue_at: usize) -> Option<Span> {
    let mut at = cue_at + 1;
    if needs_particle(&words[cue_at].lower).is_some() {
        at += 1;
    }
    let start = at;
    while at < words.len()
        && at - start < 10
        && !words[at].quoted
        // "Jennifer Ngo-Anh": a hyphen joins a name; "Mr. Burman" and
        // "Laurence H. Tribe" run on past an abbreviation's full stop.
        && (at == start
            || words[at].before.is_empty()
            || words[at].before == "-"
            || (words[at].before == "." && is_abbreviation(words[at - 1].text)))
        && !ADVERBIAL_OPENERS.contains(&words[at].lower.as_str())
        && !["that", "who", "which", "to", "about"].contains(&words[at].lower.as_str())
    {
        at += 1;
    }
    (at > start).then(|| Span::new(words[start].span.start, words[at - 1].span.end))
}

/// A title abbreviation or an initial, after which a full stop does not
/// end a name: "Mr.", "Sen.", "H.".
fn is_abbreviation(word: &str) -> bool {
    (word.len() == 1 && word.starts_with(char::is_uppercase))
        || (is_capitalised(word)
            && word.len() <= 4
            && (crate::names::is_title_word(word)
                || [
                    "Mr", "Mrs", "Ms", "Dr", "Gen", "Lt", "Col", "Capt", "Sgt", "St", "Jr", "Sr",
                ]
                .contains(&word)))
}

/// Prepositions that open an adverbial clause ("at a later press gaggle",
/// "in a statement"), never a speaker.
const ADVERBIAL_PREPOSITIONS: &[&str] = &[
    "at", "in", "on", "during", "after", "before", "from", "with", "by", "since", "under",
    "speaking", "writing", "earlier", "later", "via",
];

/// Whether a clause between a name and its cue describes the name: "the
/// Republican attorney general", "one of the states suing the EPA", "59",
/// "of Ashton", "Md.", "who watched the ceremony", "director of the
/// institute", "R-Ky.".
fn is_appositive(clause: &[Word<'_>]) -> bool {
    let Some(first) = clause.first() else {
        return false;
    };
    let opener = first.lower.as_str();
    ([
        "a", "an", "the", "one", "who", "whose", "two", "three", "both",
    ]
    .contains(&opener)
        && clause.len() >= 2)
        || is_affiliation(clause)
        || (clause.len() == 1 && first.text.chars().all(|c| c.is_ascii_digit()))
        || (opener == "of" && clause.get(1).is_some_and(|word| is_capitalised(word.text)))
        || (clause.len() == 1 && is_capitalised(first.text) && first.text.len() <= 5)
        || (!is_capitalised(first.text) && crate::names::is_title_word(first.text))
}

/// A party and state after a legislator's name: "R-Ky.", "D-N.Y.", "R".
fn is_affiliation(words: &[Word<'_>]) -> bool {
    let Some((party, state)) = words.split_first() else {
        return false;
    };
    ["R", "D", "I"].contains(&party.text)
        && state.len() <= 3
        && state
            .first()
            .is_none_or(|word| word.before == "-" && is_capitalised(word.text))
}

/// Nouns ending in "-ly" that may close a speaker: "the regional daily
/// reports", "the family said".
const NOUNS_IN_LY: &[&str] = &["daily", "weekly", "monthly", "family", "ally", "assembly"];

/// Words between a speaker and the cue that are not part of the speaker.
const SKIPPED_BEFORE_CUE: &[&str] = &[
    "also",
    "long",
    "has",
    "had",
    "have",
    "was",
    "were",
    "is",
    "then",
    "later",
    "previously",
    "earlier",
    "further",
    "again",
    "reportedly",
    "recently",
    "once",
    "repeatedly",
    "publicly",
    "would",
    "will",
    "never",
    "not",
    "did",
    "does",
    "do",
    "to",
    "went",
    "on",
    "continued",
    "already",
    "even",
    "often",
    "clearly",
    "firmly",
    "flatly",
    "strongly",
    "explicitly",
];

/// Adverbs set off by commas between a speaker and the cue.
const SET_OFF_ADVERBS: &[&str] = &[
    "however",
    "meanwhile",
    "though",
    "too",
    "instead",
    "nonetheless",
    "nevertheless",
    "likewise",
    "separately",
];

/// Words that open a clause before its subject.
const SKIPPED_CLAUSE_OPENERS: &[&str] = &[
    "and",
    "but",
    "so",
    "yet",
    "however",
    "meanwhile",
    "if",
    "when",
    "although",
    "though",
    "because",
    "while",
    "as",
    "since",
    "unless",
    "after",
    "before",
    "once",
    "whether",
    "until",
    "where",
];

/// Prepositions: a phrase opening with one ("in a Facebook message",
/// "of RT") is where or how someone spoke, not who.
const NEVER_OPENS_A_SPEAKER: &[&str] = &[
    "in",
    "on",
    "at",
    "during",
    "after",
    "before",
    "of",
    "for",
    "with",
    "from",
    "to",
    "into",
    "through",
    "under",
    "over",
    "since",
    "until",
    "without",
    "within",
    "among",
    "between",
    "against",
    "about",
    "like",
    "via",
    "per",
    "following",
    "despite",
    "amid",
];

/// Auxiliaries and modals: a speaker phrase holding one is a clause ("the
/// company has halted production and"), not a noun phrase.
const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "may",
    "might", "must", "should", "shall", "did", "does", "do",
];

/// Whether the words of a speaker phrase name someone who can speak: a
/// noun phrase, not a clause (no auxiliary, no verb in the past tense
/// after its subject), and, when it holds no name, one whose head noun is
/// a person, a group, an institution or a document ("union leaders",
/// "schools in the capital", "the report"; not "the 48-hour rail strike"
/// or "both sides accuse each other of breaking a truce").
pub(super) fn names_a_speaker(phrase: &[Word<'_>]) -> bool {
    if phrase.is_empty() {
        return false;
    }
    if phrase.len() == 1 && SPEAKER_PRONOUNS.contains(&phrase[0].lower.as_str()) {
        return true;
    }
    // "Angelique Brunner, a developer who is …, said": the name and its
    // appositives; the first clause is the one that must name someone.
    let phrase = match phrase.iter().skip(1).position(opens_clause) {
        Some(offset) if is_capitalised(phrase[0].text) => &phrase[..=offset],
        _ => phrase,
    };
    // "In a statement announcing the pick, the union said", "Having said
    // that": a speaker never opens with a preposition or a participle.
    if NEVER_OPENS_A_SPEAKER.contains(&phrase[0].lower.as_str())
        || (phrase[0].lower.ends_with("ing") && phrase.len() == 1)
    {
        return false;
    }
    // "Theresa May said" is a name; "has", "will" in lower case a clause.
    if phrase
        .iter()
        .any(|word| !is_capitalised(word.text) && AUXILIARIES.contains(&word.lower.as_str()))
    {
        return false;
    }
    // "Arvel visited the city", "Meridia on Monday rejected": a past
    // tense right after a name. "a report released last year found" and
    // "retired General X" keep their participles.
    let verb = phrase.iter().enumerate().any(|(at, word)| {
        at > 0
            && word.lower.ends_with("ed")
            && !is_capitalised(word.text)
            && is_capitalised(phrase[at - 1].text)
            && phrase
                .get(at + 1)
                .is_none_or(|next| !is_capitalised(next.text))
    });
    if verb {
        return false;
    }
    let named = phrase
        .iter()
        .any(|word| is_capitalised(word.text) && !DETERMINERS.contains(&word.lower.as_str()));
    // "Those close to him", "some in the party": people, unnamed.
    named || ["those", "some", "many", "others", "few"].contains(&phrase[0].lower.as_str()) || {
        let text = text_of(phrase, 0, phrase.len());
        crate::cues::can_speak(&crate::names::head_noun(&text))
    }
}

/// The subject of the first of two coordinated verbs, when the cue is the
/// second ("The company has halted production and says …", "Arvel visited
/// the city and promised …"): the words from the clause's start to its
/// first verb. `and_at` is the index of "and" (or "but").
pub(super) fn coordinated_subject(words: &[Word<'_>], and_at: usize) -> Option<(usize, Span)> {
    let mut start = and_at;
    while start > 0 && !opens_clause(&words[start]) {
        start -= 1;
    }
    subject_from(words, start, and_at)
}

/// The subject of the sentence's main clause, for a participle that opens
/// a clause after it ("A judge has rejected a request to unseal the file
/// on Trump's divorce from wife Ivana, saying …"): the words from the
/// sentence's start, past an adverbial opening ("In a statement, "), to
/// its first verb.
pub(super) fn main_subject(words: &[Word<'_>], cue_at: usize) -> Option<(usize, Span)> {
    let mut start = 0;
    if words
        .first()
        .is_some_and(|first| ADVERBIAL_PREPOSITIONS.contains(&first.lower.as_str()))
    {
        start = (1..cue_at).find(|&at| opens_clause(&words[at]))?;
    }
    subject_from(words, start, cue_at)
}

/// Who speaks in a participle that opens a clause (`…, saying`, `…,”
/// Trump said, adding later, “…”`): the main clause's subject, or else the
/// speaker of the frame before it in the sentence.
pub(super) fn participle_subject(words: &[Word<'_>], cue_at: usize) -> Option<(usize, Span)> {
    if let Some(found) = main_subject(words, cue_at) {
        return Some(found);
    }
    let earlier = (0..cue_at)
        .rev()
        .find(|&at| !words[at].quoted && crate::cues::is_frame_cue_word(&words[at].lower))?;
    speaker_before_at(words, earlier)
        .filter(|&(start, _)| !words[start..earlier].iter().any(|word| word.quoted))
        .or_else(|| {
            let span = speaker_after(words, earlier)?;
            let start = words
                .iter()
                .position(|word| word.span.start == span.start)?;
            Some((start, span))
        })
}

/// The words from `start` to the first verb before `limit`, when they name
/// a speaker.
fn subject_from(words: &[Word<'_>], mut start: usize, limit: usize) -> Option<(usize, Span)> {
    let and_at = limit;
    while start < and_at && SKIPPED_CLAUSE_OPENERS.contains(&words[start].lower.as_str()) {
        start += 1;
    }
    let verb_at = (start + 1..and_at).find(|&at| {
        let word = &words[at];
        !is_capitalised(word.text)
            && (AUXILIARIES.contains(&word.lower.as_str())
                || word.lower.ends_with("ed")
                || crate::cues::is_cue_word(&word.lower))
    })?;
    let subject = &words[start..verb_at];
    let quoted = subject.iter().any(|word| word.quoted);
    (subject.len() <= 8 && !quoted && names_a_speaker(subject)).then(|| {
        (
            start,
            Span::new(subject[0].span.start, subject[subject.len() - 1].span.end),
        )
    })
}
