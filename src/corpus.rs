//! `parallax corpus`: many documents at once. The job is parallax-corpus's
//! (and, across processes, parallax-dist's); this reads the options, draws
//! progress and reports.

use crate::{InputOptions, UsageError};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use parallax_corpus::{CorpusError, Job, Summary};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Running the job across threads, processes or hosts (timely dataflow).
/// Without any of these, one process does it all.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ClusterOptions {
    /// Worker threads in each process of a distributed run.
    #[arg(long, value_name = "W")]
    workers: Option<usize>,
    /// Processes on this machine (ports 2101, 2102…); start the command
    /// once for each, with --process 0, 1… Use --hostfile for other hosts.
    #[arg(long, value_name = "P")]
    processes: Option<usize>,
    /// This process's number, from 0; process 0 writes the output.
    #[arg(long, value_name = "I", default_value_t = 0)]
    process: usize,
    /// A file with one host:port per line, one line per process in order
    /// of process number; every process is given the same file.
    #[arg(long, value_name = "FILE")]
    hostfile: Option<PathBuf>,
}

impl ClusterOptions {
    fn is_distributed(&self) -> bool {
        self.workers.is_some() || self.processes.is_some() || self.hostfile.is_some()
    }

    fn cluster(&self) -> anyhow::Result<parallax_dist::Cluster> {
        let hosts = match (&self.hostfile, self.processes) {
            (Some(path), processes) => {
                let text = std::fs::read_to_string(path).map_err(|error| {
                    UsageError(format!("{}: cannot read: {error}", path.display()))
                })?;
                let hosts = parallax_dist::Cluster::read_hosts(&text)
                    .map_err(|reason| UsageError(format!("{}: {reason}", path.display())))?;
                if let Some(processes) = processes
                    && processes != hosts.len()
                {
                    return Err(UsageError(format!(
                        "{}: {} hosts for --processes {processes}",
                        path.display(),
                        hosts.len()
                    ))
                    .into());
                }
                hosts
            }
            (None, Some(0)) => return Err(UsageError("--processes: at least 1".to_owned()).into()),
            (None, Some(processes)) => parallax_dist::Cluster::local(processes, 2101),
            (None, None) => Vec::new(),
        };
        if self.process >= hosts.len().max(1) {
            return Err(UsageError(format!(
                "--process {}: there are only {} processes (0 to {})",
                self.process,
                hosts.len().max(1),
                hosts.len().max(1) - 1
            ))
            .into());
        }
        Ok(parallax_dist::Cluster {
            workers: self.workers.unwrap_or(1).max(1),
            process: self.process,
            hosts,
        })
    }
}

/// The first panic of a distributed run, as "thread: message". Timely
/// stops every worker when one process fails (its network threads panic);
/// the first message says why, and the rest are echoes.
static FIRST_PANIC: Mutex<Option<String>> = Mutex::new(None);

fn record_panics() {
    std::panic::set_hook(Box::new(|info| {
        let thread = std::thread::current();
        let name = thread.name().unwrap_or("a worker");
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("panicked");
        // Timely names a network thread after the process at its other end.
        let place = match name
            .strip_prefix("timely:recv-")
            .or_else(|| name.strip_prefix("timely:send-"))
        {
            Some(process) => format!("the connection to process {process}"),
            None => format!("thread {name}"),
        };
        if let Ok(mut first) = FIRST_PANIC.lock() {
            first.get_or_insert_with(|| format!("{place}: {message}"));
        }
    }));
}

/// Progress bars with counts and time left, drawn on standard error when
/// it is a terminal and not at all when it is not (a pipe, CI). They use
/// no colour, so `NO_COLOR` needs nothing of them.
#[derive(Debug, Default)]
pub struct Bars {
    current: Mutex<Option<ProgressBar>>,
}

impl Bars {
    fn start(&self, stage: &str, total: Option<u64>, template: &str) {
        let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style);
        }
        bar.set_message(stage.to_owned());
        if let Ok(mut current) = self.current.lock() {
            *current = Some(bar);
        }
    }
}

impl parallax_corpus::Progress for Bars {
    fn begin(&self, stage: &str, total: Option<u64>) {
        let template = if total.is_some() {
            "{msg:<26} {wide_bar} {human_pos}/{human_len} ({eta} left)"
        } else {
            "{msg:<26} {spinner} {human_pos} ({per_sec})"
        };
        self.start(stage, total, template);
    }

    fn begin_bytes(&self, stage: &str, total: u64) {
        self.start(
            stage,
            Some(total),
            "{msg:<26} {wide_bar} {binary_bytes}/{binary_total_bytes} ({eta} left)",
        );
    }

    fn advance(&self, by: u64) {
        if let Ok(current) = self.current.lock()
            && let Some(bar) = current.as_ref()
        {
            bar.inc(by);
        }
    }

    fn end(&self) {
        if let Ok(mut current) = self.current.lock()
            && let Some(bar) = current.take()
        {
            bar.finish_and_clear();
        }
    }
}

/// The job the options describe, with what discovery noted.
pub fn job(
    input: &InputOptions,
    verbose: bool,
    output: &Path,
    all_pages: bool,
) -> anyhow::Result<Job> {
    let discovery = parallax_ingest::discover(&input.paths)?;
    for note in &discovery.notes {
        if note.important || verbose {
            crate::write_note(note);
        }
    }
    let mut job = Job::new(discovery.inputs, output.to_path_buf(), crate::TEMPLATES);
    job.furniture_min_documents = input.furniture_min_documents;
    job.all_pages = all_pages;
    Ok(job)
}

/// A corpus error as the binary reports it: bad input and unwritable
/// output exit with status 2.
pub fn failure(error: CorpusError) -> anyhow::Error {
    match error {
        CorpusError::Ingest(error) => error.into(),
        // Unwritable output, or a worker's input error met by another.
        CorpusError::Io { .. } | CorpusError::Worker(_) | CorpusError::NoDocuments(_) => {
            UsageError(error.to_string()).into()
        }
        other => other.into(),
    }
}

#[allow(
    clippy::print_stderr,
    reason = "what was written is a log line for the terminal, not output"
)]
pub fn report(summary: &Summary, output: &Path) {
    for note in &summary.notes {
        crate::write_note(note);
    }
    eprintln!(
        "parallax: {} documents, {} candidate pairs, {} with reuse, {} stories; written to {}",
        summary.documents,
        summary.candidates,
        summary.pairs,
        summary.stories,
        output.display()
    );
}

pub fn run(
    input: &InputOptions,
    verbose: bool,
    output: &Path,
    threads: Option<usize>,
    all_pages: bool,
    cluster: &ClusterOptions,
) -> anyhow::Result<()> {
    if let Some(threads) = threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads.max(1))
            .build_global()
            .map_err(|error| UsageError(format!("--threads: {error}")))?;
    }
    let job = job(input, verbose, output, all_pages)?;
    let summary = if cluster.is_distributed() {
        let cluster = cluster.cluster()?;
        record_panics();
        parallax_dist::run(job, &cluster, Arc::new(Bars::default())).map_err(
            |error| match error {
                parallax_dist::DistError::Job(error) => failure(error),
                parallax_dist::DistError::Stopped(detail) => {
                    let first = FIRST_PANIC.lock().ok().and_then(|first| first.clone());
                    anyhow::anyhow!(
                        "the distributed run failed: {}; no output was written",
                        first.unwrap_or(detail)
                    )
                }
                other => UsageError(other.to_string()).into(),
            },
        )?
    } else {
        parallax_corpus::run(&mut parallax_corpus::Alone, &job, &Bars::default())
            .map_err(failure)?
    };
    if let Some(summary) = summary {
        report(&summary, output);
    }
    Ok(())
}
