//! parallax's corpus job on timely dataflow: the same job as
//! `parallax-corpus` runs in one process, spread over worker threads,
//! processes and hosts. Every worker reads its share of the input; index
//! keys travel to the worker their hash names, so each candidate pair is
//! found once; pairs are aligned where their first document was read (the
//! second is sent there); worker 0 writes the files, byte for byte what one
//! process writes.
//!
//! ```no_run
//! use parallax_corpus::{Job, Silent, Templates};
//! use parallax_dist::Cluster;
//! use std::path::PathBuf;
//! use std::sync::Arc;
//!
//! let inputs = parallax_ingest::discover(&[PathBuf::from("feed.jsonl")])?.inputs;
//! let templates = Templates { report: "{{ pairs|length }} pairs", corpus: "{{ documents }}" };
//! let job = Job::new(inputs, PathBuf::from("out"), templates);
//! // This is process 0 of two on one machine, two worker threads each.
//! let cluster = Cluster {
//!     workers: 2,
//!     process: 0,
//!     hosts: vec!["127.0.0.1:2101".into(), "127.0.0.1:2102".into()],
//!     connect_timeout: parallax_dist::DEFAULT_CONNECT_TIMEOUT,
//! };
//! let summary = parallax_dist::run(job, &cluster, Arc::new(Silent))?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! - One host, several threads: one process, `workers` threads, and one
//!   host (or none).
//! - Several processes or hosts: start the same command once per line of
//!   the host list, each with its own `process` number. The processes
//!   check in with process 0, which makes sure all were given the same
//!   inputs and options ([`Job::fingerprint`]) and all came within
//!   `connect_timeout`; then they connect to each other and the job
//!   starts.
//!
//! Timely is fail-stop: when a process dies or a connection drops, every
//! other process stops too, and [`run`] returns an error rather than a
//! partial result.

mod rendezvous;

use parallax_corpus::{CorpusError, Exchange, Job, Progress, Silent, Summary};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use thiserror::Error;
use timely::dataflow::channels::pact::Pipeline;
use timely::dataflow::operators::generic::operator::Operator;
use timely::dataflow::operators::{Exchange as _, Input, Probe};
use timely::worker::Worker;

/// Serialised items are sent in batches of about this many bytes.
const BATCH_BYTES: usize = 1 << 20;

/// The processes of one job and this one's place among them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cluster {
    /// Worker threads in each process.
    pub workers: usize,
    /// This process's number: its line in `hosts`, from 0.
    pub process: usize,
    /// `host:port` of every process, in process order; empty or one entry
    /// for a single process.
    pub hosts: Vec<String>,
    /// How long the processes wait for each other before giving up
    /// ([`DEFAULT_CONNECT_TIMEOUT`] unless set).
    pub connect_timeout: std::time::Duration,
}

/// How long processes wait for each other unless told otherwise: time to
/// start a command on every host by hand.
pub const DEFAULT_CONNECT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(120);

impl Cluster {
    /// Reads a host file: one `host:port` per line, in process order;
    /// blank lines and lines starting with `#` are skipped.
    pub fn read_hosts(text: &str) -> Result<Vec<String>, String> {
        let mut hosts = Vec::new();
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let valid = line
                .rsplit_once(':')
                .is_some_and(|(host, port)| !host.is_empty() && port.parse::<u16>().is_ok());
            if !valid {
                return Err(format!("line {}: {line:?} is not host:port", number + 1));
            }
            hosts.push(line.to_owned());
        }
        if hosts.is_empty() {
            return Err("no host:port lines".to_owned());
        }
        Ok(hosts)
    }

    /// `processes` processes on this machine, ports from `first_port`.
    #[must_use]
    pub fn local(processes: usize, first_port: u16) -> Vec<String> {
        (0..processes)
            .map(|process| {
                format!(
                    "127.0.0.1:{}",
                    usize::from(first_port).saturating_add(process)
                )
            })
            .collect()
    }
}

/// Why a distributed run failed.
#[derive(Debug, Error)]
pub enum DistError {
    #[error("process {process}: there are only {processes} processes (0 to {last})", last = .processes - 1)]
    NoSuchProcess { process: usize, processes: usize },
    #[error("cannot start: {0}")]
    Start(String),
    /// Not every process came within the wait.
    #[error("{0}")]
    Timeout(String),
    /// The processes were not given the same job.
    #[error("{0}; give every process the same inputs and options")]
    Mismatch(String),
    #[error(transparent)]
    Job(#[from] CorpusError),
    /// A worker stopped without finishing: this process's, or, through a
    /// dropped connection, another's.
    #[error("a worker stopped before the job finished ({0}); no output was written")]
    Stopped(String),
}

/// Runs `job` as process `cluster.process` of the cluster. The process
/// holding worker 0 (process 0) writes the output and returns its summary;
/// the others return `None`.
pub fn run(
    job: Job,
    cluster: &Cluster,
    progress: Arc<dyn Progress + Send>,
) -> Result<Option<Summary>, DistError> {
    let processes = cluster.hosts.len().max(1);
    if cluster.process >= processes {
        return Err(DistError::NoSuchProcess {
            process: cluster.process,
            processes,
        });
    }
    let workers = cluster.workers.max(1);
    if processes > 1 {
        rendezvous::meet(
            &cluster.hosts,
            cluster.process,
            job.fingerprint(),
            cluster.connect_timeout,
        )?;
    }
    let communication = if processes == 1 {
        timely::CommunicationConfig::Process(workers)
    } else {
        timely::CommunicationConfig::Cluster {
            threads: workers,
            process: cluster.process,
            addresses: cluster.hosts.clone(),
            report: false,
            zerocopy: false,
        }
    };
    let config = timely::Config {
        communication,
        worker: timely::WorkerConfig::default(),
    };
    let job = Arc::new(job);
    let guards = timely::execute(config, move |worker| {
        let mut exchange = Timely { worker };
        let progress: &dyn Progress = if exchange.index() == 0 {
            &*progress
        } else {
            &Silent
        };
        parallax_corpus::run(&mut exchange, &job, progress)
    })
    .map_err(DistError::Start)?;
    // A dropped connection panics timely's network threads, and joining
    // them panics in turn; that is the failure reported, not a crash.
    let results = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| guards.join()))
        .map_err(|payload| DistError::Stopped(panic_message(payload.as_ref())))?;
    let mut summary = None;
    for result in results {
        match result {
            Ok(Ok(Some(found))) => summary = Some(found),
            Ok(Ok(None)) => {}
            Ok(Err(error)) => return Err(error.into()),
            Err(message) => return Err(DistError::Stopped(message)),
        }
    }
    Ok(summary)
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| {
            payload
                .downcast_ref::<&str>()
                .map(|text| (*text).to_owned())
        })
        .unwrap_or_else(|| "a worker panicked".to_owned())
}

/// [`Exchange`] over a timely worker: each exchange is a small dataflow
/// that routes batches of serialised items and is run to completion.
struct Timely<'worker> {
    worker: &'worker mut Worker,
}

/// A batch on the wire: (destination, source, sequence, JSON lines).
type Batch = (usize, usize, usize, Vec<u8>);

impl Exchange for Timely<'_> {
    fn index(&self) -> usize {
        self.worker.index()
    }

    fn peers(&self) -> usize {
        self.worker.peers()
    }

    fn exchange<T, R>(&mut self, items: Vec<T>, route: R) -> Vec<T>
    where
        T: Serialize + DeserializeOwned + Send + Clone + 'static,
        R: Fn(&T) -> usize,
    {
        let (me, peers) = (self.index(), self.peers());
        // Items that stay here are not serialised.
        let mut kept: Vec<T> = Vec::new();
        let mut open: Vec<Vec<u8>> = vec![Vec::new(); peers];
        let mut batches: Vec<Batch> = Vec::new();
        let mut sequence = 0;
        for item in items {
            let destination = route(&item) % peers;
            if destination == me {
                kept.push(item);
                continue;
            }
            let buffer = &mut open[destination];
            // Serialising the job's own types into memory cannot fail.
            serde_json::to_writer(&mut *buffer, &item).expect("an item serialises to JSON");
            buffer.push(b'\n');
            if buffer.len() >= BATCH_BYTES {
                batches.push((destination, me, sequence, std::mem::take(buffer)));
                sequence += 1;
            }
        }
        for (destination, buffer) in open.into_iter().enumerate() {
            if !buffer.is_empty() {
                batches.push((destination, me, sequence, buffer));
                sequence += 1;
            }
        }

        let received: Rc<RefCell<Vec<Batch>>> = Rc::default();
        let sink = Rc::clone(&received);
        let (mut input, probe) = self.worker.dataflow::<u32, _, _>(|scope| {
            let (input, stream) = scope.new_input::<Vec<Batch>>();
            let (probe, stream) = stream
                .exchange(|(destination, ..)| *destination as u64)
                .probe();
            stream.sink(Pipeline, "Collect", move |(handle, _)| {
                handle.for_each(|_, data| sink.borrow_mut().append(data));
            });
            (input, probe)
        });
        for batch in batches {
            input.send(batch);
        }
        drop(input);
        while !probe.done() {
            self.worker.step();
        }
        let mut received = received.take();
        received.sort_by_key(|(_, source, sequence, _)| (*source, *sequence));
        let mut items = Vec::new();
        let mut kept = Some(kept);
        for (_, source, _, bytes) in received {
            if source > me
                && let Some(kept) = kept.take()
            {
                items.extend(kept);
            }
            // What another worker of this same program serialised.
            items.extend(
                serde_json::Deserializer::from_slice(&bytes)
                    .into_iter::<T>()
                    .map(|item| item.expect("an item sent by a worker parses")),
            );
        }
        if let Some(kept) = kept {
            items.extend(kept);
        }
        items
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_files_are_read_in_order_and_checked() {
        let hosts = Cluster::read_hosts("# the cluster\nalpha:2101\n\n10.0.0.2:2102\n").unwrap();
        assert_eq!(hosts, ["alpha:2101", "10.0.0.2:2102"]);
        assert_eq!(
            Cluster::read_hosts("alpha:2101\nbeta\n").unwrap_err(),
            "line 2: \"beta\" is not host:port"
        );
        assert!(Cluster::read_hosts("\n# none\n").is_err());
    }

    #[test]
    fn exchanges_between_threads_keep_worker_order() {
        // Three workers in one process; each sends (source, n) to worker n % 3.
        let guards = timely::execute(timely::Config::process(3), |worker| {
            let mut exchange = Timely { worker };
            let me = exchange.index();
            let items: Vec<(usize, usize)> = (0..9).map(|n| (me, n)).collect();
            let received = exchange.exchange(items, |(_, n)| *n % 3);
            let everyone = exchange.broadcast(vec![me]);
            (me, received, everyone)
        })
        .unwrap();
        for result in guards.join() {
            let (me, received, everyone) = result.unwrap();
            let expected: Vec<(usize, usize)> = (0..3)
                .flat_map(|source| {
                    (0..9)
                        .filter(move |n| n % 3 == me)
                        .map(move |n| (source, n))
                })
                .collect();
            assert_eq!(received, expected);
            assert_eq!(everyone, [0, 1, 2]);
        }
    }
}
