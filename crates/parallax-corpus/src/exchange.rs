//! How the workers of one job share data: the [`Exchange`] every stage
//! talks through, [`Alone`] for one process, and [`agree`] so that a
//! failure on one worker stops them all.

use crate::CorpusError;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Moves data between the workers of one job. Every worker calls the same
/// methods in the same order (the job is the same program on each).
pub trait Exchange {
    /// This worker's number, from 0.
    fn index(&self) -> usize;
    /// How many workers there are.
    fn peers(&self) -> usize;
    /// Sends each item to the worker `route` names and returns what this
    /// worker was sent: the items of worker 0 first, then worker 1's and
    /// so on, each worker's in the order it sent them.
    fn exchange<T, R>(&mut self, items: Vec<T>, route: R) -> Vec<T>
    where
        T: Serialize + DeserializeOwned + Send + Clone + 'static,
        R: Fn(&T) -> usize;

    /// Every worker gets every worker's items, in worker order.
    fn broadcast<T>(&mut self, items: Vec<T>) -> Vec<T>
    where
        T: Serialize + DeserializeOwned + Send + Clone + 'static,
    {
        let peers = self.peers();
        if peers == 1 {
            return items;
        }
        let copies: Vec<(usize, T)> = (0..peers)
            .flat_map(|worker| items.iter().map(move |item| (worker, item.clone())))
            .collect();
        self.exchange(copies, |(worker, _)| *worker)
            .into_iter()
            .map(|(_, item)| item)
            .collect()
    }
}

/// The only worker: nothing moves.
#[derive(Debug, Clone, Copy, Default)]
pub struct Alone;

impl Exchange for Alone {
    fn index(&self) -> usize {
        0
    }
    fn peers(&self) -> usize {
        1
    }
    fn exchange<T, R>(&mut self, items: Vec<T>, _route: R) -> Vec<T>
    where
        T: Serialize + DeserializeOwned + Send + Clone + 'static,
        R: Fn(&T) -> usize,
    {
        items
    }
}

/// Whether every worker got this far: a failure anywhere becomes the same
/// error everywhere, so no worker waits for one that has stopped.
pub(crate) fn agree<E: Exchange, T>(
    exchange: &mut E,
    result: Result<T, CorpusError>,
) -> Result<T, CorpusError> {
    let failure = result.as_ref().err().map(ToString::to_string);
    let failures: Vec<Option<String>> = exchange.broadcast(vec![failure]);
    match result {
        Err(error) => Err(error),
        Ok(value) => match failures.into_iter().flatten().next() {
            Some(message) => Err(CorpusError::Worker(message)),
            None => Ok(value),
        },
    }
}

/// A well-mixed hash of a key, to spread keys over workers evenly.
pub(crate) fn spread(key: u64, peers: usize) -> usize {
    usize::try_from(xxhash_rust::xxh3::xxh3_64(&key.to_le_bytes()) % peers as u64).unwrap_or(0)
}
