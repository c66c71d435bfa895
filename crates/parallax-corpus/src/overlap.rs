//! Batches worked on in parallel while the results of the batch before
//! are kept. Keeping (writing to a store, counting) is done one batch at a
//! time and in order; done between batches, it left the second core idle
//! for about a sixth of reading and of cleaning.

/// The results of the last batch worked on, waiting to be kept.
pub(crate) struct Overlap<R> {
    waiting: Option<R>,
}

impl<R: Send> Overlap<R> {
    pub(crate) fn new() -> Self {
        Self { waiting: None }
    }

    /// Runs `work` (which may itself run in parallel) on rayon's threads
    /// while `keep` keeps the results of the batch before, if any; the
    /// results of `work` wait for the next call or [`Overlap::finish`].
    /// Keeping stays in the order the batches came.
    pub(crate) fn next<E: Send>(
        &mut self,
        work: impl FnOnce() -> R + Send,
        keep: impl FnOnce(R) -> Result<(), E> + Send,
    ) -> Result<(), E> {
        let waiting = self.waiting.take();
        let (kept, worked) = rayon::join(move || waiting.map_or(Ok(()), keep), work);
        self.waiting = Some(worked);
        kept
    }

    /// Keeps the results of the last batch.
    pub(crate) fn finish<E>(self, keep: impl FnOnce(R) -> Result<(), E>) -> Result<(), E> {
        self.waiting.map_or(Ok(()), keep)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_batch_is_kept_once_in_order() {
        let mut kept: Vec<Vec<u32>> = Vec::new();
        let mut overlap = Overlap::new();
        for batch in 0..5_u32 {
            overlap
                .next(
                    move || (0..3).map(|item| batch * 10 + item).collect::<Vec<u32>>(),
                    |results| {
                        kept.push(results);
                        Ok::<(), ()>(())
                    },
                )
                .unwrap();
        }
        assert_eq!(kept.len(), 4, "the last batch waits for finish");
        overlap
            .finish(|results| {
                kept.push(results);
                Ok::<(), ()>(())
            })
            .unwrap();
        let expected: Vec<Vec<u32>> = (0..5)
            .map(|batch| (0..3).map(|item| batch * 10 + item).collect())
            .collect();
        assert_eq!(kept, expected);
    }

    #[test]
    fn a_failure_to_keep_is_returned_by_the_next_call() {
        let mut overlap = Overlap::new();
        assert_eq!(overlap.next(|| 1, |_| Err("full")), Ok(()));
        assert_eq!(overlap.next(|| 2, |_| Err("full")), Err("full"));
        assert_eq!(overlap.finish(Err), Err(2));
    }
}
