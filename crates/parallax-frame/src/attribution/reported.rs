//! Reported speech, without quotation marks: "According to X, …", "…, X
//! said.", "X said (that) …", "X was cited as saying".

use super::speaker::{
    coordinated_subject, name_just_before, names_a_speaker, participle_subject, plausible_speaker,
    speaker_end,
};
use super::speaker::{speaker_after, speaker_before_at};
use super::{Attribution, Word, cue_span, finish, is_capitalised, is_cue, opens_clause, speaks};
use crate::cues::{ADVERBIAL_OPENERS, SPEAKER_PRONOUNS};
use parallax_core::Span;

/// Words that join a clause to the one before it.
const CONJUNCTIONS: &[&str] = &[
    "because", "but", "and", "as", "since", "although", "though", "while", "so", "or", "whereas",
    "if", "when", "unless",
];

/// Cues whose object is who was told: "told reporters that", "assured
/// Moscow that".
const ADDRESSEE_CUES: &[&str] = &[
    "told", "tells", "tell", "telling", "assured", "assures", "warned", "warns", "urged", "urges",
    "asked", "asks", "reminded", "informed",
];

/// Cues that report a statement before what follows them only with
/// "that", a quote or a colon: otherwise their object is a thing found,
/// added or shown.
const THAT_ONLY_CUES: &[&str] = &[
    "found",
    "finds",
    "find",
    "learned",
    "learnt",
    "showed",
    "shows",
    "show",
    "added",
    "adds",
    "indicated",
    "testified",
    "revealed",
    "reveals",
];

/// Words that join a new clause on; content never opens with them.
const CONTENT_NEVER_OPENS: &[&str] = &["and", "but", "or", "yet", "so", "while", "whereas"];

/// Reported speech in one sentence: "According to X, …", "…, X said.",
/// "X said (that) …".
pub(super) fn reported_speech(
    text: &str,
    sentence: Span,
    words: &[Word<'_>],
) -> Option<Attribution> {
    if words.len() < 4 {
        return None;
    }
    if let Some(found) = according_to(text, sentence, words) {
        return Some(found);
    }
    if let Some(found) = cited_as_saying(text, sentence, words) {
        return Some(found);
    }
    // "Clinton had told police she did not want the escort, the source
    // added.": a frame that closes the sentence names who is speaking,
    // whatever cue the sentence holds before it.
    let closing = (words.len().saturating_sub(6)..words.len())
        .rev()
        .filter_map(|cue_at| at_cue(text, sentence, words, cue_at))
        .find(|found| {
            found
                .source
                .is_some_and(|source| source.start >= found.content.end)
        });
    // "Russia reiterates that … is senseless, he stressed, adding that …":
    // a frame set off by commas after what it reports names the speaker of
    // all before it, whatever cue that holds.
    let parenthetical = || {
        (2..words.len().saturating_sub(1)).find_map(|cue_at| {
            if !(is_cue(&words[cue_at])
                && words[cue_at + 1].before.contains(',')
                && speaks(words, cue_at))
            {
                return None;
            }
            let back = (1..=3).find(|&back| {
                cue_at > back
                    && words[cue_at - back].before.contains(',')
                    && words[cue_at - back + 1..=cue_at]
                        .iter()
                        .all(|word| word.before.is_empty())
            })?;
            let speaker = &words[cue_at - back..cue_at];
            // "…shut because, the mayor said, the piers are unsafe": after a
            // conjunction the frame reports what follows it.
            let before_frame = &words[cue_at - back - 1];
            if speaker.iter().any(|word| word.quoted)
                || !plausible_speaker(speaker)
                || CONJUNCTIONS.contains(&before_frame.lower.as_str())
            {
                return None;
            }
            let source = Span::new(speaker[0].span.start, speaker[back - 1].span.end);
            // The statement runs on past the frame ("…, the group said,
            // compared with …") unless a new one opens there ("adding that").
            let next = &words[cue_at + 1];
            let content_end = if next.lower.ends_with("ing") && is_cue(next) {
                words[cue_at - back - 1].span.end
            } else {
                sentence.end
            };
            let content = Span::new(sentence.start, content_end);
            Some(finish(
                text,
                content,
                Some(words[cue_at].span),
                Some(source),
            ))
        })
    };
    closing
        .or_else(parenthetical)
        .or_else(|| (0..words.len()).find_map(|cue_at| at_cue(text, sentence, words, cue_at)))
}

/// The attribution the cue at `cue_at` opens, if it opens one and what it
/// reports reads as a statement.
fn at_cue(text: &str, sentence: Span, words: &[Word<'_>], cue_at: usize) -> Option<Attribution> {
    at_cue_unchecked(text, sentence, words, cue_at).filter(|found| {
        // "called for the repeal of …", "vowed to punish …": a particle
        // of the cue may open what it reports.
        let after_particle = found.cue.is_some_and(|cue| {
            text[cue.end..found.content.start.max(cue.end)]
                .trim()
                .is_empty()
        });
        reads_as_statement(text, found.content, after_particle)
    })
}

/// Prepositions that open a phrase of place, time or manner.
const PHRASE_PREPOSITIONS: &[&str] = &[
    "in", "at", "on", "to", "from", "during", "for", "with", "by", "after", "before", "among",
    "under", "over", "into", "up",
];

/// Whether a content reads as something stated, not a phrase of where,
/// when or to whom: "to the crowd", "In her 2003 book, Living History",
/// "up at debate", "who is 70".
fn reads_as_statement(text: &str, content: Span, after_particle: bool) -> bool {
    let mut words = parallax_core::words(&text[content.start..content.end]);
    let Some(first) = words.next() else {
        return false;
    };
    let count = 1 + words.count();
    let first = first.to_lowercase();
    let particle = after_particle
        && count >= 4
        && ["to", "for", "on", "with", "about"].contains(&first.as_str());
    !(["who", "which", "whom"].contains(&first.as_str())
        || (PHRASE_PREPOSITIONS.contains(&first.as_str()) && count <= 8 && !particle))
}

fn at_cue_unchecked(
    text: &str,
    sentence: Span,
    words: &[Word<'_>],
    cue_at: usize,
) -> Option<Attribution> {
    let word = &words[cue_at];
    if !is_cue(word) || cue_at > 45 || !speaks(words, cue_at) {
        return None;
    }
    // "…, adding about eleven kilometres": a participle after a comma
    // belongs to the clause before, and is speech only as "saying",
    // "telling" or "adding that".
    if word.lower.ends_with("ing")
        && opens_clause(word)
        && !["saying", "telling"].contains(&word.lower.as_str())
        && words
            .get(cue_at + 1)
            .is_none_or(|next| next.lower != "that")
    {
        return None;
    }
    let cue = cue_span(words, cue_at);
    let after_cue = words
        .iter()
        .position(|other| other.span.start >= cue.end)
        .unwrap_or(words.len());
    // "The company has halted production and says …": the speaker is
    // the subject of the first verb.
    let coordinated = cue_at >= 2
        && ["and", "but"].contains(&words[cue_at - 1].lower.as_str())
        && !opens_clause(&words[cue_at - 1]);
    // A clause that does not name a speaker ("Thursday's walk-ins were
    // the third time AROS said") leaves the name right before the cue, if
    // there is one.
    let named_before = || {
        let names = |&(start, source): &(usize, Span)| {
            let end = words
                .iter()
                .rposition(|word| word.span.end <= source.end)
                .map_or(start, |at| at + 1);
            names_a_speaker(&words[start..end])
        };
        speaker_before_at(words, cue_at)
            .filter(names)
            .or_else(|| name_just_before(words, speaker_end(words, cue_at)).filter(names))
    };
    let before = if coordinated {
        coordinated_subject(words, cue_at - 1)
    } else if word.lower.ends_with("ing") && opens_clause(word) {
        // "…, saying …": the participle's subject is the main clause's;
        // after a passive ("This was preceded by Vladimir Chizhov, …,
        // telling reporters") the name before it.
        participle_subject(words, cue_at).or_else(named_before)
    } else {
        named_before()
    };
    // `…, said Grushko.`: the cue opens a clause and the speaker
    // follows, unless the sentence opened with the speaker and its
    // appositives (`Revesz, director of…, said the states…`).
    // "One of the family's attorneys, Justin Bamberg, said the videos
    // show …": a name set off by commas right before the cue is the
    // speaker, not the end of a statement.
    let name_set_off = before.is_some_and(|(start, _)| {
        start > 0
            && cue_at - start <= 4
            && opens_clause(&words[start])
            && words[start..cue_at]
                .iter()
                .all(|other| is_capitalised(other.text))
    });
    if cue_at >= 3
        && opens_clause(word)
        && !name_set_off
        && before.is_none_or(|(start, _)| start > 0)
        && let Some(source) = speaker_after(words, cue_at)
        && plausible_after(words, after_cue, source)
    {
        let content = Span::new(sentence.start, word.span.start);
        return Some(finish(text, content, Some(cue), Some(source)));
    }
    let (start, source) = before?;
    // `…, X said.` or `…, X said on Friday, as …`: the speaker opens a
    // clause after the content, and the frame ends the sentence or its
    // clause soon after the cue, with no "that".
    let frame_closes = words[after_cue..]
        .iter()
        .take(7)
        .position(|other| opens_clause(other) || other.lower == "that")
        .map_or(
            // "…, X said on Friday." closes; "…, Maria Okafor, said the
            // dismissals broke the contract." runs on into what was said.
            // "…, Lavrov said in an interview with SolovyovLife YouTube
            // channel." closes too: a phrase of where or when.
            words[after_cue..].first().is_none_or(|next| {
                let left = words.len() - after_cue;
                left <= 2
                    || ((ADVERBIAL_OPENERS.contains(&next.lower.as_str())
                        || crate::cues::is_weekday(&next.lower))
                        && left <= 10)
            }),
            |offset| words[after_cue + offset].lower != "that",
        );
    let resumes_later = words[after_cue..]
        .iter()
        .position(|other| opens_clause(other))
        .is_some_and(|offset| words.len() - (after_cue + offset) >= 3);
    if (start >= 3 || (start >= 1 && resumes_later)) && opens_clause(&words[start]) && frame_closes
    {
        // A frame inside the sentence: "A, X said, B". After a
        // conjunction ("legally binding because, Putin said, the West
        // …") the speaker is given the clause that follows; otherwise
        // ("The guarantees, Lavrov said, will not …") the sentence.
        let resumes = words[after_cue..]
            .iter()
            .position(|other| opens_clause(other))
            .map(|offset| after_cue + offset)
            .filter(|&at| words.len() - at >= 3);
        let content = match resumes {
            Some(at) if CONJUNCTIONS.contains(&words[start - 1].lower.as_str()) => {
                Span::new(words[at].span.start, sentence.end)
            }
            // "…, top black lawmakers said Friday, as they bristle at …":
            // what resumes after the frame is a clause of the writer's.
            Some(at) if CONJUNCTIONS.contains(&words[at].lower.as_str()) => {
                Span::new(sentence.start, words[start].span.start)
            }
            Some(_) => sentence,
            None => Span::new(sentence.start, words[start].span.start),
        };
        return Some(finish(text, content, Some(cue), Some(source)));
    }
    // `X said (that) C`: the content follows. Skip what sits between
    // the cue and the content: "told reporters", "said on Wednesday",
    // "said in a statement", up to "that", a colon or a comma.
    // What is skipped is adverbial ("on Wednesday", "in a statement")
    // or, after a verb of telling, who was told: in "said he was
    // “deeply disappointed” that no deal …" or "said Russia was ready
    // to ensure that …" the content starts right after the cue.
    // "A family friend found the suspect's car", "Marchand added three
    // assists": these verbs report a statement only through "that" or a
    // quote.
    if THAT_ONLY_CUES.contains(&word.lower.as_str())
        && words
            .get(after_cue)
            .is_none_or(|next| next.lower != "that" && !next.quoted && !next.before.contains(':'))
    {
        return None;
    }
    let mut content_at = after_cue;
    if let Some(offset) = words[content_at..].iter().take(8).position(|other| {
        other.lower == "that" || other.before.contains(':') || other.before.contains(',')
    }) {
        let skipped = &words[content_at..content_at + offset];
        // "urged Congress to leave the program intact, although …": what
        // was urged is the infinitive, not what follows the comma.
        let tells = ADDRESSEE_CUES.contains(&word.lower.as_str())
            && !skipped.iter().any(|other| other.lower == "to");
        let adverbial = skipped.first().is_none_or(|first| {
            tells
                || (!is_capitalised(first.text)
                    && !SPEAKER_PRONOUNS.contains(&first.lower.as_str()))
        }) && !skipped
            .iter()
            .any(|other| SPEAKER_PRONOUNS.contains(&other.lower.as_str()));
        if adverbial {
            content_at += offset;
            if words[content_at].lower == "that" {
                content_at += 1;
            }
        }
    }
    // "Neighbours have complained for years about smells, and a
    // petition …": a clause joined on is not what was said.
    if words.len().saturating_sub(content_at) < 3
        || CONTENT_NEVER_OPENS.contains(&words[content_at].lower.as_str())
    {
        return None;
    }
    let content = Span::new(words[content_at].span.start, sentence.end);
    Some(finish(text, content, Some(cue), Some(source)))
}

/// Whether a speaker after a clause-opening cue ends the sentence or its
/// clause (`…, said the port authority.`).
fn plausible_after(words: &[Word<'_>], after_cue: usize, source: Span) -> bool {
    let Some(first) = words.get(after_cue) else {
        return false;
    };
    let phrase: Vec<Word<'_>> = words[after_cue..]
        .iter()
        .take_while(|word| word.span.end <= source.end)
        .cloned()
        .collect();
    // The speaker ends the sentence or its clause: "…, said the port
    // authority." or "…, said Reyes, the union's secretary."
    let next = words.iter().position(|word| word.span.start >= source.end);
    let ends_clause = next.is_none_or(|index| {
        opens_clause(&words[index]) || ADVERBIAL_OPENERS.contains(&words[index].lower.as_str())
    });
    !phrase.is_empty()
        && phrase.len() <= 8
        && ends_clause
        && first.span.start == source.start
        && plausible_speaker(&phrase)
}

/// "C, the FT has cited unnamed sources as saying." and "The FT quoted an
/// official as saying that C.": the source spoke, the outlet passed it on.
fn cited_as_saying(text: &str, sentence: Span, words: &[Word<'_>]) -> Option<Attribution> {
    let cited = words.iter().position(|word| {
        ["cited", "quoted", "citing", "quoting", "cites", "quotes"].contains(&word.lower.as_str())
            && !word.quoted
            && word.text.starts_with(char::is_lowercase)
    })?;
    let as_at = (cited + 2..words.len().min(cited + 14)).find(|&index| {
        words[index].lower == "as"
            && words.get(index + 1).is_some_and(|next| {
                ["saying", "says", "said", "stating"].contains(&next.lower.as_str())
            })
    })?;
    let source = Span::new(words[cited + 1].span.start, words[as_at - 1].span.end);
    let cue = words[as_at].span.cover(words[as_at + 1].span);
    let via = speaker_before_at(words, cited);
    let clause_start = via.map_or(cited, |(start, _)| start);
    let content = if clause_start >= 3 && opens_clause(&words[clause_start]) {
        Span::new(sentence.start, words[clause_start].span.start)
    } else {
        let mut content_at = as_at + 2;
        if words
            .get(content_at)
            .is_some_and(|word| word.lower == "that")
        {
            content_at += 1;
        }
        Span::new(words.get(content_at)?.span.start, sentence.end)
    };
    let mut found = finish(text, content, Some(cue), Some(source));
    found.via = via.map(|(_, span)| span);
    Some(found)
}

/// "According to X, C." and "C, according to X."
fn according_to(text: &str, sentence: Span, words: &[Word<'_>]) -> Option<Attribution> {
    let at = words.windows(2).position(|pair| {
        pair[0].lower == "according" && pair[1].lower == "to" && !pair[0].quoted
    })?;
    let cue = words[at].span.cover(words[at + 1].span);
    let mut end = at + 2;
    while end < words.len() && (end == at + 2 || !opens_clause(&words[end])) {
        end += 1;
    }
    let source =
        (end > at + 2).then(|| Span::new(words[at + 2].span.start, words[end - 1].span.end));
    // "“…,” he said, according to the Intelligencer": the newspaper
    // passes on what he said.
    if at >= 3 && opens_clause(&words[at]) && is_cue(&words[at - 1]) && speaks(words, at - 1) {
        let speaker_start = (at.saturating_sub(4)..at - 1)
            .rev()
            .find(|&start| opens_clause(&words[start]) || words[start].quoted)
            .map(|start| {
                if words[start].quoted {
                    start + 1
                } else {
                    start
                }
            });
        if let Some(speaker_start) = speaker_start.filter(|&start| start > 0 && start < at - 1)
            && plausible_speaker(&words[speaker_start..at - 1])
        {
            let speaker = Span::new(words[speaker_start].span.start, words[at - 2].span.end);
            let content = Span::new(sentence.start, words[speaker_start - 1].span.end);
            let mut found = finish(text, content, Some(words[at - 1].span), Some(speaker));
            found.via = source;
            return Some(found);
        }
    }
    let content = if at == 0 || !opens_clause(&words[at]) && at <= 1 {
        (end < words.len()).then(|| Span::new(words[end].span.start, sentence.end))
    } else {
        Some(Span::new(sentence.start, words[at].span.start))
    }?;
    Some(finish(text, content, Some(cue), source))
}
