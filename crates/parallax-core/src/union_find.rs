//! Disjoint sets: documents joined into stories, sentences into claims.

/// Disjoint sets of numbered items: stories of documents, claims of
/// sentences.
#[derive(Debug)]
pub struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    #[must_use]
    pub fn new(size: usize) -> Self {
        Self {
            parent: (0..size).collect(),
        }
    }

    /// The set's representative: its smallest item.
    pub fn root(&mut self, mut item: usize) -> usize {
        while self.parent[item] != item {
            self.parent[item] = self.parent[self.parent[item]];
            item = self.parent[item];
        }
        item
    }

    pub fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        if a != b {
            self.parent[a.max(b)] = a.min(b);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joined_items_share_their_smallest_as_root() {
        let mut sets = UnionFind::new(5);
        sets.join(3, 1);
        sets.join(4, 3);
        assert_eq!(sets.root(4), 1);
        assert_eq!(sets.root(3), 1);
        assert_eq!(sets.root(0), 0);
        assert_eq!(sets.root(2), 2);
    }
}
