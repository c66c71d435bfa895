//! Quotation marks paired into quotes, paragraph by paragraph.
//!
//! Typography in the wild is loose: machine-translated copy writes a closing
//! quote as an opening one (`awarded, “ he added`) or never closes a quote
//! (`… unacceptable. said the diplomat.`), and news style leaves a quote
//! that runs on into the next paragraph open, reopening it there. Each rule
//! below handles one of these.

use parallax_core::Span;

/// One quotation: the marks and what is between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    /// From the opening mark to the closing one (or to where an unclosed
    /// quote was judged to end).
    pub span: Span,
    /// The quoted words, without the marks and surrounding spaces.
    pub inner: Span,
    /// Whether a closing mark was found; an unclosed quote ends at its
    /// paragraph's end or before a sentence that opens with a speech verb.
    pub closed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Opening,
    Closing,
    /// `"`: opens or closes depending on what is open.
    Straight,
    /// `“`, which some copy also uses to close.
    CurlyOpening,
}

fn mark_of(character: char) -> Option<Mark> {
    match character {
        '„' | '«' | '‹' | '「' | '『' => Some(Mark::Opening),
        '”' | '»' | '›' | '」' | '』' => Some(Mark::Closing),
        '"' | '＂' => Some(Mark::Straight),
        '“' => Some(Mark::CurlyOpening),
        _ => None,
    }
}

/// The quotes of `text` within each of `paragraphs`, in order.
#[must_use]
pub fn quotes(text: &str, paragraphs: &[Span]) -> Vec<Quote> {
    let mut found = Vec::new();
    for (number, paragraph) in paragraphs.iter().enumerate() {
        let next_opens_quote = paragraphs.get(number + 1).is_some_and(|next| {
            let next = text[next.start..next.end].trim_start();
            next.starts_with("''")
                || next
                    .chars()
                    .next()
                    .and_then(mark_of)
                    .is_some_and(|mark| mark != Mark::Closing)
        });
        quotes_in(text, *paragraph, next_opens_quote, &mut found);
    }
    found
}

fn quotes_in(text: &str, paragraph: Span, next_opens_quote: bool, found: &mut Vec<Quote>) {
    let slice = &text[paragraph.start..paragraph.end];
    let mut open: Option<usize> = None;
    // Walked character by character with one of look-behind and one of
    // look-ahead: a paragraph may be megabytes long.
    let mut before: Option<char> = None;
    let mut characters = slice.char_indices().peekable();
    while let Some((offset, character)) = characters.next() {
        let previous = before.replace(character);
        // Two apostrophes stand for a double quotation mark in archive
        // and wire copy: `''There's a lot of new complexity,'' said Mr.
        // Burman.` The pair is one mark, two bytes long.
        let doubled = character == '\''
            && previous != Some('\'')
            && characters.peek().is_some_and(|&(_, next)| next == '\'');
        let mark_length = if doubled {
            characters.next();
            before = Some('\'');
            2
        } else {
            character.len_utf8()
        };
        let Some(mark) = (if doubled {
            Some(Mark::Straight)
        } else {
            mark_of(character)
        }) else {
            continue;
        };
        let before = previous;
        let after = characters.peek().map(|&(_, next)| next);
        let spaced_after = after.is_none_or(char::is_whitespace);
        let closes = match (mark, open) {
            (Mark::Closing | Mark::Straight, Some(_)) => true,
            // “ with a space after it ends a quote: an opening mark is not
            // followed by a space.
            (Mark::CurlyOpening, Some(_)) => spaced_after,
            _ => false,
        };
        if closes {
            let start = open.take().expect("checked above");
            push(
                found,
                text,
                paragraph.start + start,
                paragraph.start + offset + mark_length,
                true,
            );
            continue;
        }
        let opens = match mark {
            Mark::Opening => true,
            Mark::Straight => !(spaced_after && before.is_some_and(|c| !c.is_whitespace())),
            Mark::CurlyOpening => !(spaced_after && before.is_some_and(|c| !c.is_whitespace())),
            Mark::Closing => false,
        };
        if !opens {
            continue;
        }
        if let Some(start) = open {
            // A second opening mark while one is open: the first was never
            // closed. End it where this one starts.
            push(
                found,
                text,
                paragraph.start + start,
                paragraph.start + offset,
                false,
            );
        }
        open = Some(offset);
    }
    if let Some(start) = open {
        let start = paragraph.start + start;
        let end = if next_opens_quote {
            paragraph.end
        } else {
            unclosed_end(text, start, paragraph.end)
        };
        push(found, text, start, end, next_opens_quote);
    }
}

/// Where a quote that is never closed ends: before a sentence inside it
/// that opens with a speech verb in lower case (`… unacceptable. said the
/// diplomat.`), or at the end of its paragraph.
fn unclosed_end(text: &str, start: usize, paragraph_end: usize) -> usize {
    let slice = &text[start..paragraph_end];
    let mut search = 0;
    while let Some(found) = slice[search..].find(['.', '!', '?']) {
        let stop = search + found + 1;
        let rest = slice[stop..].trim_start();
        let first_word: String = rest
            .chars()
            .take_while(|character| character.is_alphabetic())
            .collect();
        if !first_word.is_empty()
            && first_word.chars().all(char::is_lowercase)
            && crate::cues::is_cue_word(&first_word)
        {
            return start + stop;
        }
        search = stop;
    }
    paragraph_end
}

fn push(found: &mut Vec<Quote>, text: &str, start: usize, end: usize, closed: bool) {
    let span = Span::new(start, end);
    let mut inner_start = start;
    if text[start..end].starts_with("''") {
        inner_start += 2;
    } else if let Some(first) = text[start..end].chars().next()
        && mark_of(first).is_some()
    {
        inner_start += first.len_utf8();
    }
    let mut inner_end = end;
    if closed && text[inner_start..end].ends_with("''") {
        inner_end -= 2;
    } else if closed
        && let Some(last) = text[inner_start..end].chars().next_back()
        && mark_of(last).is_some()
    {
        inner_end -= last.len_utf8();
    }
    let inner = Span::new(inner_start, inner_end.max(inner_start)).trim(text);
    // Marks around nothing, or around one word, are scare quotes or
    // titles ("the “Main opponent”"), kept: a quoted word is still a quote;
    // only an empty pair is dropped.
    if inner.is_empty() {
        return;
    }
    found.push(Quote {
        span,
        inner,
        closed,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<(&str, bool)> {
        let (paragraphs, _) = crate::paragraphs_and_sentences(text);
        quotes(text, &paragraphs)
            .into_iter()
            .map(|quote| (quote.inner.text(text).unwrap(), quote.closed))
            .collect()
    }

    #[test]
    fn curly_straight_and_guillemet_quotes() {
        assert_eq!(
            quoted("“We will not wait,” she said. He called it \"a trap\". «Non», dit-il."),
            [("We will not wait,", true), ("a trap", true), ("Non", true)]
        );
    }

    #[test]
    fn an_opening_mark_used_to_close() {
        assert_eq!(
            quoted("“Today our partners discussed it for an hour, “ he added."),
            [("Today our partners discussed it for an hour,", true)]
        );
    }

    #[test]
    fn an_unclosed_quote_ends_before_the_speech_verb() {
        assert_eq!(
            quoted("“The proposals are clear. Or explain why not. said the diplomat."),
            [("The proposals are clear. Or explain why not.", false)]
        );
        assert_eq!(
            quoted("“If the accords hold, there is no threat.\nThe talks ended."),
            [("If the accords hold, there is no threat.", false)]
        );
    }

    #[test]
    fn a_quote_running_into_the_next_paragraph() {
        let text = "“The first point is plain.\n“The second one too,” he said.";
        assert_eq!(
            quoted(text),
            [
                ("The first point is plain.", true),
                ("The second one too,", true)
            ]
        );
    }

    #[test]
    fn two_apostrophes_are_a_double_quotation_mark() {
        assert_eq!(
            quoted("''There's a lot of new complexity,'' said Mr. Burman. It's the rule's."),
            [("There's a lot of new complexity,", true)]
        );
    }

    #[test]
    fn apostrophes_and_inch_marks_are_not_quotes() {
        assert_eq!(quoted("It’s the ministry’s view, officials said."), []);
    }
}
