//! Stories: the documents of a corpus joined by the reuse found between
//! them, the first published of each, and who copied whom.

use parallax_core::UnionFind;
use parallax_report::{Copying, Story};
use rustc_hash::FxHashMap as HashMap;

/// Reuse found between two documents of a corpus, by number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reuse {
    pub a: u32,
    pub b: u32,
    /// Share of A's shingles found in B, and of B's in A.
    pub containment_a_in_b: f64,
    pub containment_b_in_a: f64,
}

/// Share of one document another must carry for a copy to be named.
pub const COPY_CONTAINMENT: f64 = 0.5;

/// Share of one of two documents their reuse must cover for the two to be
/// one story: a paragraph of it, not one shared sentence or quote.
pub const STORY_MIN_SHARE: f64 = 0.1;

impl Reuse {
    /// The larger of the two shares: how much of the document that gives
    /// more of itself the reuse covers.
    fn share(&self) -> f64 {
        self.containment_a_in_b.max(self.containment_b_in_a)
    }
}

/// Groups documents into stories by the reuse between them. `published`
/// gives each document's date as ISO 8601 in UTC (so that text order is
/// time order), where known. Stories of one document are left out; the
/// largest come first.
///
/// A story is bounded by what its documents share: two documents are one
/// story when their reuse covers at least [`STORY_MIN_SHARE`] of either.
/// A pair that shares less (a quote, a sentence or two) is still reported
/// as a pair, but two articles that quote one speaker are two stories, and
/// no chain of such pairs merges stories.
#[must_use]
pub fn stories(published: &[Option<&str>], reuse: &[Reuse]) -> Vec<Story> {
    let count = published.len();
    let mut stories = UnionFind::new(count);
    for found in reuse
        .iter()
        .filter(|found| found.share() >= STORY_MIN_SHARE)
    {
        stories.join(found.a as usize, found.b as usize);
    }
    let mut members: std::collections::BTreeMap<usize, Vec<u32>> =
        std::collections::BTreeMap::new();
    for document in 0..count {
        let group = stories.root(document);
        members
            .entry(group)
            .or_default()
            .push(u32::try_from(document).unwrap_or(u32::MAX));
    }
    let mut found: Vec<Story> = members
        .into_values()
        .filter(|documents| documents.len() > 1)
        .map(|documents| {
            let earliest = documents
                .iter()
                .filter_map(|&document| Some((published[document as usize]?, document)))
                .min()
                .map(|(_, document)| document);
            Story {
                documents,
                earliest,
                copies: Vec::new(),
            }
        })
        .collect();
    let story_of: HashMap<u32, usize> = found
        .iter()
        .enumerate()
        .flat_map(|(index, story)| {
            story
                .documents
                .iter()
                .map(move |&document| (document, index))
        })
        .collect();
    for found_reuse in reuse {
        let date = |document: u32| published[document as usize];
        let (Some(a_date), Some(b_date)) = (date(found_reuse.a), date(found_reuse.b)) else {
            continue;
        };
        let (from, to, carried) = match a_date.cmp(b_date) {
            std::cmp::Ordering::Less => {
                (found_reuse.a, found_reuse.b, found_reuse.containment_a_in_b)
            }
            std::cmp::Ordering::Greater => {
                (found_reuse.b, found_reuse.a, found_reuse.containment_b_in_a)
            }
            std::cmp::Ordering::Equal => continue,
        };
        if carried >= COPY_CONTAINMENT
            && let Some(&index) = story_of.get(&from)
        {
            found[index].copies.push(Copying { from, to });
        }
    }
    for story in &mut found {
        story.copies.sort_unstable();
        story.copies.dedup();
    }
    found.sort_by(|a, b| {
        b.documents
            .len()
            .cmp(&a.documents.len())
            .then(a.documents.cmp(&b.documents))
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stories_their_first_publisher_and_who_copied() {
        let published = [
            Some("2024-03-09T06:30:00Z"),
            Some("2024-03-09T08:00:00Z"),
            Some("2024-03-09T07:00:00Z"),
            None,
            Some("2024-03-10T00:00:00Z"),
        ];
        let reuse = [
            // 1 carries most of 0: a copy, published later.
            Reuse {
                a: 0,
                b: 1,
                containment_a_in_b: 0.9,
                containment_b_in_a: 0.6,
            },
            // 2 shares a little with 0: same story, no copy named.
            Reuse {
                a: 0,
                b: 2,
                containment_a_in_b: 0.1,
                containment_b_in_a: 0.2,
            },
            // 3 has no date: in the story, no direction.
            Reuse {
                a: 2,
                b: 3,
                containment_a_in_b: 0.8,
                containment_b_in_a: 0.8,
            },
        ];
        let found = stories(&published, &reuse);
        assert_eq!(
            found,
            [Story {
                documents: vec![0, 1, 2, 3],
                earliest: Some(0),
                copies: vec![Copying { from: 0, to: 1 }],
            }]
        );
    }

    #[test]
    fn a_shared_sentence_does_not_merge_two_stories() {
        // Issue 20: one story held 135 documents from 35 unrelated groups,
        // joined through documents sharing one short sentence.
        let reuse = |a: u32, b: u32, share: f64| Reuse {
            a,
            b,
            containment_a_in_b: share,
            containment_b_in_a: share / 2.0,
        };
        let published = [None; 8];
        let found = stories(
            &published,
            &[
                // Two stories of three documents each.
                reuse(0, 1, 0.9),
                reuse(1, 2, 0.4),
                reuse(3, 4, 0.8),
                reuse(4, 5, 0.12),
                // A sentence between them, and from a document in no story
                // to each: no story grows by a sentence.
                reuse(2, 3, 0.05),
                reuse(6, 0, 0.03),
                reuse(6, 4, 0.06),
                // Two documents in no story sharing a quote: two stories
                // of one document, which are not listed.
                reuse(7, 6, 0.02),
            ],
        );
        let documents: Vec<Vec<u32>> = found.into_iter().map(|story| story.documents).collect();
        assert_eq!(documents, [vec![0, 1, 2], vec![3, 4, 5]]);
    }
}
