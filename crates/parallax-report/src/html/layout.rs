//! Where each sentence of a pair goes in the aligned rows, read like a
//! side-by-side diff: A down the left in its own order, each B sentence
//! beside its partner, B's unlinked sentences between their linked
//! neighbours, so both columns read top to bottom in their own order as
//! far as the links allow. A link that breaks B's order is shown once,
//! where it sits in A, and marked as moved, with a placeholder at its
//! place in B.
//!
//! The order is kept by the longest chain of links increasing in both
//! documents (the anchors); every other link is a move.

use std::collections::BTreeSet;

/// One place in the B column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum BSlot {
    /// B's sentence, in B's order.
    InOrder(usize),
    /// B's sentence beside its partner, out of B's order.
    Moved(usize),
    /// Where a moved B sentence sits in B; the sentence is shown beside
    /// its partner in A.
    Elsewhere(usize),
    /// A B sentence already shown beside an earlier A partner.
    Again(usize),
}

impl BSlot {
    pub(super) fn index(self) -> usize {
        match self {
            Self::InOrder(index)
            | Self::Moved(index)
            | Self::Elsewhere(index)
            | Self::Again(index) => index,
        }
    }
}

/// One aligned row: an A sentence (or none) and what sits beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct LayoutRow {
    pub(super) a: Option<usize>,
    pub(super) b: Vec<BSlot>,
}

/// How far a B sentence has been shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shown {
    Not,
    /// In full, in B's order or beside its partner.
    Full,
    /// As a placeholder at its place in B, to be shown beside its partner.
    Placeholder,
}

/// The rows for `a_count` and `b_count` sentences joined by `links`, each
/// an (A index, B index) pair.
pub(super) fn layout(a_count: usize, b_count: usize, links: &[(usize, usize)]) -> Vec<LayoutRow> {
    let mut partners_of_a: Vec<Vec<usize>> = vec![Vec::new(); a_count];
    let mut home_of_b: Vec<Option<usize>> = vec![None; b_count];
    for &(a, b) in links {
        if a >= a_count || b >= b_count {
            continue;
        }
        if !partners_of_a[a].contains(&b) {
            partners_of_a[a].push(b);
        }
        // A B sentence is shown beside its first partner in A.
        home_of_b[b] = Some(home_of_b[b].map_or(a, |home: usize| home.min(a)));
    }
    for partners in &mut partners_of_a {
        partners.sort_unstable();
    }
    let anchors = anchors(links, a_count, b_count);
    let mut state = Layout {
        rows: Vec::new(),
        shown: vec![Shown::Not; b_count],
        home_of_b,
    };
    let mut b_cursor = 0;
    let mut gap_a: Vec<usize> = Vec::new();
    for (a, partners) in partners_of_a.iter().enumerate() {
        let ordered: Vec<usize> = partners
            .iter()
            .copied()
            .filter(|&b| {
                state.home_of_b[b] == Some(a)
                    && state.shown[b] == Shown::Not
                    && b >= b_cursor
                    && in_order(&anchors, a, b)
            })
            .collect();
        let (Some(&first), Some(&last)) = (ordered.first(), ordered.last()) else {
            gap_a.push(a);
            continue;
        };
        // The gap before this row: A's sentences since the last row with
        // a partner in order, B's up to this row's first partner.
        state.gap(&gap_a, b_cursor..first, &partners_of_a);
        gap_a.clear();
        // The row: its partners in order, with whatever of B sits between
        // them, then its partners out of order.
        let mut slots = Vec::new();
        for b in first..=last {
            if ordered.contains(&b) {
                state.shown[b] = Shown::Full;
                slots.push(BSlot::InOrder(b));
            } else if let Some(slot) = state.in_place(b) {
                slots.push(slot);
            }
        }
        for &b in partners {
            if !ordered.contains(&b) {
                slots.push(state.beside(a, b));
            }
        }
        state.rows.push(LayoutRow {
            a: Some(a),
            b: slots,
        });
        b_cursor = last + 1;
    }
    state.gap(&gap_a, b_cursor..b_count, &partners_of_a);
    state.rows
}

/// The rows laid out so far, and how far each B sentence has been shown.
struct Layout {
    rows: Vec<LayoutRow>,
    shown: Vec<Shown>,
    home_of_b: Vec<Option<usize>>,
}

impl Layout {
    /// B's sentence `b` at its place in B's column: an unlinked one in
    /// full, a linked one as a placeholder for where it is shown beside
    /// its partner; nothing when it was shown in full already.
    fn in_place(&mut self, b: usize) -> Option<BSlot> {
        match self.shown[b] {
            Shown::Full if self.home_of_b[b].is_none() => None,
            Shown::Not if self.home_of_b[b].is_none() => {
                self.shown[b] = Shown::Full;
                Some(BSlot::InOrder(b))
            }
            Shown::Not | Shown::Full => {
                if self.shown[b] == Shown::Not {
                    self.shown[b] = Shown::Placeholder;
                }
                Some(BSlot::Elsewhere(b))
            }
            Shown::Placeholder => None,
        }
    }

    /// B's sentence `b` beside A's `a`, out of B's order: in full where `a`
    /// is its first partner and it has not been shown in full yet, else a
    /// reference to where it is.
    fn beside(&mut self, a: usize, b: usize) -> BSlot {
        if self.home_of_b[b] == Some(a) && self.shown[b] != Shown::Full {
            self.shown[b] = Shown::Full;
            BSlot::Moved(b)
        } else {
            BSlot::Again(b)
        }
    }

    /// The rows between two rows with partners in order: A's unlinked
    /// sentences side by side with B's sentences in `b_range`, in both
    /// orders; an A sentence whose partners moved gets a row of its own
    /// with them.
    fn gap(
        &mut self,
        gap_a: &[usize],
        b_range: std::ops::Range<usize>,
        partners_of_a: &[Vec<usize>],
    ) {
        let gap_b: Vec<BSlot> = b_range.filter_map(|b| self.in_place(b)).collect();
        let mut gap_b = gap_b.into_iter();
        for &a in gap_a {
            if partners_of_a[a].is_empty() {
                self.rows.push(LayoutRow {
                    a: Some(a),
                    b: gap_b.next().into_iter().collect(),
                });
                continue;
            }
            let slots = partners_of_a[a]
                .iter()
                .map(|&b| self.beside(a, b))
                .collect();
            self.rows.push(LayoutRow {
                a: Some(a),
                b: slots,
            });
        }
        self.rows.extend(gap_b.map(|slot| LayoutRow {
            a: None,
            b: vec![slot],
        }));
    }
}

/// The longest chain of links increasing in both documents, as a set of
/// (A, B) pairs: patience sorting on B's index, A's ties broken so that
/// one A sentence gives the chain at most one link.
fn anchors(links: &[(usize, usize)], a_count: usize, b_count: usize) -> BTreeSet<(usize, usize)> {
    let mut sorted: Vec<(usize, usize)> = links
        .iter()
        .copied()
        .filter(|&(a, b)| a < a_count && b < b_count)
        .collect();
    sorted.sort_unstable_by(|x, y| x.0.cmp(&y.0).then(y.1.cmp(&x.1)));
    sorted.dedup();
    // tails[k]: index into `sorted` of the smallest B ending a chain of k+1.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; sorted.len()];
    for (index, &(_, b)) in sorted.iter().enumerate() {
        let length = tails.partition_point(|&tail| sorted[tail].1 < b);
        previous[index] = length.checked_sub(1).map(|before| tails[before]);
        if length == tails.len() {
            tails.push(index);
        } else {
            tails[length] = index;
        }
    }
    let mut chain = BTreeSet::new();
    let mut at = tails.last().copied();
    while let Some(index) = at {
        chain.insert(sorted[index]);
        at = previous[index];
    }
    chain
}

/// Whether B's `b` beside A's `a` keeps B's order: no anchor before `a` in
/// A sits after `b` in B, and none after `a` sits before it.
fn in_order(anchors: &BTreeSet<(usize, usize)>, a: usize, b: usize) -> bool {
    if anchors.contains(&(a, b)) {
        return true;
    }
    // The anchors increase in both documents: the nearest one on each side
    // bounds B's order there.
    let before = anchors.range(..(a, 0)).next_back().map(|&(_, other)| other);
    let after = anchors.range((a + 1, 0)..).next().map(|&(_, other)| other);
    // Equal counts as in order: two A sentences merged into one B sentence
    // share it.
    before.is_none_or(|other| other <= b) && after.is_none_or(|other| other >= b)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each row as "a|b,b": A's index or "-", then B's slots, "m" for a
    /// moved sentence, "e" for a placeholder, "r" for one shown again.
    fn shown(rows: &[LayoutRow]) -> Vec<String> {
        rows.iter()
            .map(|row| {
                let a = row.a.map_or("-".to_owned(), |a| a.to_string());
                let b: Vec<String> = row
                    .b
                    .iter()
                    .map(|slot| match *slot {
                        BSlot::InOrder(b) => b.to_string(),
                        BSlot::Moved(b) => format!("m{b}"),
                        BSlot::Elsewhere(b) => format!("e{b}"),
                        BSlot::Again(b) => format!("r{b}"),
                    })
                    .collect();
                format!("{a}|{}", b.join(","))
            })
            .collect()
    }

    /// B's sentences, in the order the B column shows them in full.
    fn b_column(rows: &[LayoutRow]) -> Vec<usize> {
        rows.iter()
            .flat_map(|row| &row.b)
            .filter_map(|slot| match *slot {
                BSlot::InOrder(b) | BSlot::Elsewhere(b) => Some(b),
                _ => None,
            })
            .collect()
    }

    /// Issue 18: B's unlinked sentences before the first link no longer
    /// stack up above A's; the two sides' unlinked sentences share rows.
    #[test]
    fn unlinked_sentences_sit_between_their_linked_neighbours() {
        // A: 0 1 2 [3=B5] 4 ; B: 0 1 2 3 4 [5] 6 7
        let rows = layout(5, 8, &[(3, 5)]);
        assert_eq!(
            shown(&rows),
            ["0|0", "1|1", "2|2", "-|3", "-|4", "3|5", "4|6", "-|7"]
        );
        assert_eq!(b_column(&rows), [0, 1, 2, 3, 4, 5, 6, 7]);
    }

    #[test]
    fn a_link_against_the_order_is_shown_once_and_marked_as_moved() {
        // B's first sentence went to the end of A.
        let rows = layout(5, 5, &[(0, 1), (1, 2), (2, 3), (3, 4), (4, 0)]);
        assert_eq!(shown(&rows), ["-|e0", "0|1", "1|2", "2|3", "3|4", "4|m0"]);
        // Every B sentence is shown in full exactly once.
        let full: Vec<usize> = rows
            .iter()
            .flat_map(|row| &row.b)
            .filter_map(|slot| match *slot {
                BSlot::InOrder(b) | BSlot::Moved(b) => Some(b),
                _ => None,
            })
            .collect();
        let mut sorted = full.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, [0, 1, 2, 3, 4]);
    }

    #[test]
    fn one_sentence_split_in_two_and_two_merged_into_one() {
        // A1 was split into B1 and B2; A3 and A4 were merged into B4.
        let rows = layout(5, 5, &[(0, 0), (1, 1), (1, 2), (2, 3), (3, 4), (4, 4)]);
        assert_eq!(shown(&rows), ["0|0", "1|1,2", "2|3", "3|4", "4|r4"]);
    }

    #[test]
    fn nothing_linked_pairs_the_two_columns_row_by_row() {
        assert_eq!(shown(&layout(2, 3, &[])), ["0|0", "1|1", "-|2"]);
        assert_eq!(shown(&layout(3, 1, &[])), ["0|0", "1|", "2|"]);
    }

    #[test]
    fn a_second_partner_far_in_b_is_a_move() {
        // A0 is linked to B0 and B2, A1 to B1.
        assert_eq!(
            shown(&layout(2, 3, &[(0, 0), (0, 2), (1, 1)])),
            ["0|0,m2", "1|1", "-|e2"]
        );
    }
}
