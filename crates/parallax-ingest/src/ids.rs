//! Document ids that are unique across a run.

use parallax_core::Document;
use std::collections::BTreeMap;

/// Two files with the same stem in different folders get `-2`, `-3`… in the
/// order they were given, so ids stay stable across runs.
pub(crate) fn make_ids_unique(documents: &mut [Document]) {
    unique_ids(documents.iter_mut().map(|document| &mut document.id));
}

/// Makes ids unique in the order given, as [`load`](crate::load) does: the second
/// `story` becomes `story-2`, the third `story-3`.
pub fn unique_ids<'a>(ids: impl IntoIterator<Item = &'a mut String>) {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for id in ids {
        let count = seen.entry(id.clone()).or_insert(0);
        *count += 1;
        if *count > 1 {
            *id = format!("{id}-{count}");
        }
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
}
