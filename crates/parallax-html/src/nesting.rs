//! A bound on how deep a page's elements nest, applied before extraction.
//!
//! The extractor walks the element tree recursively, and its work grows
//! faster than the page when elements nest thousands deep: 15,000 nested
//! tables overflowed the stack, 10,000 nested `div`s took 19 seconds. No
//! article needs more than a few dozen levels, so tags past
//! [`MAX_DEPTH`] are dropped (their text stays) in one pass over the page,
//! and extraction then works on a tree no deeper than that.

use std::borrow::Cow;

/// The deepest nesting kept. Real news pages stay under about 60 levels.
pub const MAX_DEPTH: usize = 256;

/// Elements that never hold content, so they open no level.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// How far back an end tag looks for the element it closes: a stray end
/// tag costs at most this much, which keeps the pass linear.
const LOOK_BACK: usize = 64;

/// One element, as the pass over the page meets it.
struct Element {
    /// Its opening tag's byte range.
    opening: (usize, usize),
    /// Its closing tag's byte range, when it has one.
    closing: Option<(usize, usize)>,
    depth: usize,
    /// The levels below it, itself included: 1 for an element holding
    /// none.
    height: usize,
}

/// `html` with the wrappers of a too deep nesting taken out, and how many
/// tags went. The outer `max_depth / 2` levels and, below them, elements
/// whose own nesting is at most `max_depth / 2` levels deep stay, so an
/// article's paragraphs keep their tags whatever wraps them; the tags of
/// the elements in between are replaced by a space and their text stays.
/// Borrowed when nothing went.
pub fn cap_nesting(html: &str, max_depth: usize) -> (Cow<'_, str>, usize) {
    // Fewer tags than levels allowed cannot nest too deep.
    if html.bytes().filter(|&byte| byte == b'<').count() <= max_depth {
        return (Cow::Borrowed(html), 0);
    }
    let elements = elements(html);
    if elements.iter().all(|element| element.depth <= max_depth) {
        return (Cow::Borrowed(html), 0);
    }
    let outer = max_depth / 2;
    let inner = max_depth - outer;
    let mut gone: Vec<(usize, usize)> = elements
        .iter()
        .filter(|element| element.depth > outer && element.height > inner)
        .flat_map(|element| std::iter::once(element.opening).chain(element.closing))
        .collect();
    gone.sort_unstable();
    let mut kept = String::with_capacity(html.len());
    let mut copied_to = 0;
    for &(start, end) in &gone {
        kept.push_str(&html[copied_to..start]);
        kept.push(' ');
        copied_to = end;
    }
    kept.push_str(&html[copied_to..]);
    (Cow::Owned(kept), gone.len())
}

/// Every element of the page with its depth and height, in one pass:
/// an end tag closes the nearest open element of its name within
/// [`LOOK_BACK`] levels, and elements never closed end with the page.
fn elements(html: &str) -> Vec<Element> {
    let mut elements: Vec<Element> = Vec::new();
    // Open elements: name and index into `elements`.
    let mut open: Vec<(String, usize)> = Vec::new();
    let close = |elements: &mut Vec<Element>, open: &mut Vec<(String, usize)>, keep: usize| {
        while open.len() > keep {
            let (_, index) = open.pop().expect("longer than keep");
            let height = elements[index].height;
            if let Some(&(_, parent)) = open.last() {
                elements[parent].height = elements[parent].height.max(height + 1);
            }
        }
    };
    let mut at = 0;
    while let Some(offset) = html[at..].find('<') {
        let start = at + offset;
        let Some(tag) = read_tag(html, start) else {
            at = start + 1;
            continue;
        };
        at = tag.end;
        match tag.kind {
            TagKind::Opening {
                ref name,
                closes_itself,
            } => {
                if closes_itself || VOID.contains(&name.as_str()) {
                    continue;
                }
                elements.push(Element {
                    opening: (start, tag.end),
                    closing: None,
                    depth: open.len() + 1,
                    height: 1,
                });
                open.push((name.clone(), elements.len() - 1));
                // Raw text: nothing inside is markup.
                if name == "script" || name == "style" {
                    at = end_tag_at(html, at, name);
                }
            }
            TagKind::Closing { ref name } => {
                let lowest = open.len().saturating_sub(LOOK_BACK);
                let Some(position) = (lowest..open.len())
                    .rev()
                    .find(|&index| open[index].0 == *name)
                else {
                    continue;
                };
                let index = open[position].1;
                close(&mut elements, &mut open, position + 1);
                elements[index].closing = Some((start, tag.end));
                close(&mut elements, &mut open, position);
            }
            TagKind::Other => {}
        }
    }
    close(&mut elements, &mut open, 0);
    elements
}

struct Tag {
    end: usize,
    kind: TagKind,
}

enum TagKind {
    Opening {
        name: String,
        closes_itself: bool,
    },
    Closing {
        name: String,
    },
    /// A comment, a doctype or a processing instruction.
    Other,
}

/// The tag starting at `start` (a `<`), if one does.
fn read_tag(html: &str, start: usize) -> Option<Tag> {
    let rest = &html[start + 1..];
    if let Some(comment) = rest.strip_prefix("!--") {
        let end = comment
            .find("-->")
            .map_or(html.len(), |found| start + 4 + found + 3);
        return Some(Tag {
            end,
            kind: TagKind::Other,
        });
    }
    if rest.starts_with(['!', '?']) {
        let end = rest
            .find('>')
            .map_or(html.len(), |found| start + 1 + found + 1);
        return Some(Tag {
            end,
            kind: TagKind::Other,
        });
    }
    let (closing, name_start) = match rest.strip_prefix('/') {
        Some(_) => (true, start + 2),
        None => (false, start + 1),
    };
    let name_length = html[name_start..]
        .find(|character: char| !(character.is_ascii_alphanumeric() || character == '-'))
        .unwrap_or(html.len() - name_start);
    if name_length == 0
        || !html[name_start..]
            .chars()
            .next()
            .is_some_and(|first| first.is_ascii_alphabetic())
    {
        return None;
    }
    let name = html[name_start..name_start + name_length].to_ascii_lowercase();
    let end_of_tag = tag_end(html, name_start + name_length)?;
    let kind = if closing {
        TagKind::Closing { name }
    } else {
        let closes_itself = html[..end_of_tag - 1].ends_with('/');
        TagKind::Opening {
            name,
            closes_itself,
        }
    };
    Some(Tag {
        end: end_of_tag,
        kind,
    })
}

/// Where the end tag `</name` first starts at or after `from`, in any
/// case, or the page's end: found without copying the rest of the page,
/// which a page of many scripts would make quadratic.
fn end_tag_at(html: &str, from: usize, name: &str) -> usize {
    html[from..]
        .match_indices("</")
        .map(|(offset, _)| from + offset)
        .find(|&start| {
            html.as_bytes()
                .get(start + 2..start + 2 + name.len())
                .is_some_and(|candidate| candidate.eq_ignore_ascii_case(name.as_bytes()))
        })
        .unwrap_or(html.len())
}

/// Where the tag whose attributes start at `from` ends (past its `>`),
/// stepping over quoted attribute values.
fn tag_end(html: &str, from: usize) -> Option<usize> {
    let mut quote: Option<u8> = None;
    for (offset, &byte) in html.as_bytes()[from..].iter().enumerate() {
        match (quote, byte) {
            (Some(open), _) if byte == open => quote = None,
            (None, b'"' | b'\'') => quote = Some(byte),
            (None, b'>') => return Some(from + offset + 1),
            (None, b'<') => return None,
            // Inside a quoted value, or an attribute's own characters.
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_within_the_bound_is_untouched() {
        let html = "<html><body><div><p>Talks resumed.</p><br><img src=x></div></body></html>";
        let (kept, dropped) = cap_nesting(html, 4);
        assert_eq!((kept.as_ref(), dropped), (html, 0));
    }

    /// Issue 19: the wrappers in the middle of a too deep nesting go,
    /// the outer levels and the innermost structure stay, and so does all
    /// the text.
    #[test]
    fn the_middle_of_a_too_deep_nesting_goes() {
        let html = "<main><div><div><div><div><p>deep <b>words</b></p></div></div></div></div></main><p>after</p>";
        let (kept, dropped) = cap_nesting(html, 4);
        assert_eq!(
            kept,
            "<main><div>   <p>deep <b>words</b></p>   </div></main><p>after</p>"
        );
        assert_eq!(dropped, 6);
    }

    #[test]
    fn comments_scripts_and_quoted_brackets_are_not_tags() {
        let html = "<div title=\"a > b\"><!-- <div><div> --><script>if (a < b) { x = '<div>'; }</SCRIPT><div><div>text</div></div></div>";
        let (kept, dropped) = cap_nesting(html, 2);
        assert_eq!(
            kept,
            "<div title=\"a > b\"><!-- <div><div> --><script>if (a < b) { x = '<div>'; }</SCRIPT> <div>text</div> </div>"
        );
        assert_eq!(dropped, 2);
    }

    #[test]
    fn fifteen_thousand_nested_tables_are_one_pass() {
        let html = format!(
            "<html><body>{}<p>Officials said the talks would resume.</p></body></html>",
            "<table><tr><td>".repeat(15_000)
        );
        let (kept, dropped) = cap_nesting(&html, MAX_DEPTH);
        assert!(dropped > 44_000, "{dropped}");
        assert!(kept.contains("<p>Officials said the talks would resume.</p>"));
        assert!(
            elements(&kept)
                .iter()
                .all(|element| element.depth <= MAX_DEPTH)
        );
    }
}
