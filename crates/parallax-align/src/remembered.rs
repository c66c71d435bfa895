//! What was worked out for a pair of sentences, remembered on a thread:
//! copies of one story meet the same two sentences pair after pair, and
//! each time they score and differ alike.

use rustc_hash::FxHashMap as HashMap;

/// Values for pairs of sentences, by the hashes of the two sentences and
/// checked against their text, so that two sentences whose hashes meet
/// are never taken for each other. Past `limit` pairs, all are forgotten
/// at once: memory stays bounded however long a run is.
pub(crate) struct Remembered<E, V> {
    limit: usize,
    pairs: HashMap<(u64, u64), Entry<E, V>>,
}

/// A pair's two sentences as written, what else its value depends on, and
/// the value.
type Entry<E, V> = (Box<str>, Box<str>, E, V);

impl<E: PartialEq, V: Clone> Remembered<E, V> {
    pub(crate) fn new(limit: usize) -> Self {
        Self {
            limit,
            pairs: HashMap::default(),
        }
    }

    /// The value for sentences `a` and `b` given `extra` (what else the
    /// value depends on), worked out by `work` unless it was before.
    pub(crate) fn get_or_work(
        &mut self,
        a: &str,
        b: &str,
        extra: E,
        work: impl FnOnce() -> V,
    ) -> V {
        let key = (
            xxhash_rust::xxh3::xxh3_64(a.as_bytes()),
            xxhash_rust::xxh3::xxh3_64(b.as_bytes()),
        );
        if let Some((known_a, known_b, known_extra, value)) = self.pairs.get(&key)
            && **known_a == *a
            && **known_b == *b
            && *known_extra == extra
        {
            return value.clone();
        }
        let value = work();
        if self.pairs.len() >= self.limit {
            self.pairs.clear();
        }
        self.pairs
            .insert(key, (a.into(), b.into(), extra, value.clone()));
        value
    }

    pub(crate) fn forget(&mut self) {
        self.pairs.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pair_is_worked_out_once_until_forgotten() {
        let mut remembered: Remembered<usize, String> = Remembered::new(2);
        let mut works = 0;
        let mut get = |remembered: &mut Remembered<usize, String>, a: &str, b: &str, extra| {
            remembered.get_or_work(a, b, extra, || {
                works += 1;
                format!("{a}|{b}|{extra}")
            })
        };
        assert_eq!(get(&mut remembered, "one", "two", 1), "one|two|1");
        assert_eq!(get(&mut remembered, "one", "two", 1), "one|two|1");
        // The order of the two sentences and what else the value depends
        // on are part of the pair.
        assert_eq!(get(&mut remembered, "two", "one", 1), "two|one|1");
        assert_eq!(get(&mut remembered, "one", "two", 2), "one|two|2");
        remembered.forget();
        assert_eq!(get(&mut remembered, "one", "two", 2), "one|two|2");
        assert_eq!(works, 4);
    }
}
