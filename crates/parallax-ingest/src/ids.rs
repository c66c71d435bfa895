//! Document ids that are unique across a run.

use parallax_core::Document;
use std::collections::{BTreeMap, BTreeSet};

/// Two files with the same stem in different folders get `-2`, `-3`… in the
/// order they were given, so ids stay stable across runs.
pub(crate) fn make_ids_unique(documents: &mut [Document]) {
    unique_ids(documents.iter_mut().map(|document| &mut document.id));
}

/// Makes ids unique in the order given, as [`load`](crate::load) does: the
/// second `story` becomes `story-2`, the third `story-3`. A generated id is
/// never one the run already has: with a `story-2` of its own, the second
/// `story` becomes `story-3`.
pub fn unique_ids<'a>(ids: impl IntoIterator<Item = &'a mut String>) {
    let ids: Vec<&mut String> = ids.into_iter().collect();
    // Every id given is taken before any is generated.
    let mut taken: BTreeSet<String> = ids.iter().map(|id| (**id).clone()).collect();
    let mut kept: BTreeSet<String> = BTreeSet::new();
    let mut next: BTreeMap<String, usize> = BTreeMap::new();
    for id in ids {
        if kept.insert(id.clone()) {
            continue;
        }
        let number = next.entry(id.clone()).or_insert(2);
        while taken.contains(&format!("{id}-{number}")) {
            *number += 1;
        }
        let fresh = format!("{id}-{number}");
        *number += 1;
        taken.insert(fresh.clone());
        kept.insert(fresh.clone());
        *id = fresh;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_ids_number_repeats_in_order() {
        let mut ids: Vec<String> = ["story", "other", "story", "story"]
            .iter()
            .map(|id| (*id).to_owned())
            .collect();
        unique_ids(ids.iter_mut());
        assert_eq!(ids, ["story", "other", "story-2", "story-3"]);
    }

    /// Issue 19: two `x` and an `x-2` gave `x, x-2, x-2`; `r1, r1, r1-2`
    /// gave `r1, r1-2, r1-2`.
    #[test]
    fn a_generated_id_is_never_one_already_given() {
        let unique = |given: &[&str]| {
            let mut ids: Vec<String> = given.iter().map(|id| (*id).to_owned()).collect();
            unique_ids(ids.iter_mut());
            ids
        };
        assert_eq!(unique(&["x", "x", "x-2"]), ["x", "x-3", "x-2"]);
        assert_eq!(unique(&["r1", "r1", "r1-2"]), ["r1", "r1-3", "r1-2"]);
        assert_eq!(
            unique(&["a", "a-2", "a", "a", "a-3"]),
            ["a", "a-2", "a-4", "a-5", "a-3"]
        );
    }
}
