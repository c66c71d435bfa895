//! `parallax corpus`: many documents at once. The job is parallax-corpus's
//! (and, across processes, parallax-dist's); this reads the options, draws
//! progress and reports.

use super::InputOptions;
use crate::failure::Failure;
use crate::progress::Bars;
use clap::Args;
use parallax_corpus::{Job, Summary};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

#[derive(Debug, Args)]
pub struct CorpusArguments {
    #[command(flatten)]
    input: InputOptions,
    /// The folder to write into (created if missing).
    #[arg(short, long, value_name = "OUT_DIR")]
    output: PathBuf,
    /// Threads for reading, cleaning and alignment (all cores by
    /// default).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Write a side-by-side page for every pair with reuse, not only
    /// for the 50 with most.
    #[arg(long)]
    all_pages: bool,
    /// A sentence-transformers folder, as for `compare --model`: every
    /// document of a candidate pair is embedded once, and its sentences
    /// are linked on their meaning as well as their words. It costs much
    /// more time than the words alone; the run says how much.
    #[arg(long, value_name = "DIR", env = "PARALLAX_MODEL")]
    model: Option<PathBuf>,
    #[command(flatten)]
    cluster: ClusterOptions,
}

/// Running the job across threads, processes or hosts (timely dataflow).
/// Without any of these, one process does it all.
#[derive(Debug, Clone, Default, clap::Args)]
struct ClusterOptions {
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
    /// Seconds the processes of a distributed run wait for each other to
    /// start before giving up with an error.
    #[arg(long, value_name = "SECONDS", default_value_t = parallax_dist::DEFAULT_CONNECT_TIMEOUT.as_secs())]
    connect_timeout: u64,
}

impl ClusterOptions {
    fn is_distributed(&self) -> bool {
        self.workers.is_some() || self.processes.is_some() || self.hostfile.is_some()
    }

    fn cluster(&self) -> Result<parallax_dist::Cluster, Failure> {
        let hosts = match (&self.hostfile, self.processes) {
            (Some(path), processes) => {
                let text = std::fs::read_to_string(path).map_err(|error| {
                    Failure::Usage(format!("{}: cannot read: {error}", path.display()))
                })?;
                let hosts = parallax_dist::Cluster::read_hosts(&text)
                    .map_err(|reason| Failure::Usage(format!("{}: {reason}", path.display())))?;
                if let Some(processes) = processes
                    && processes != hosts.len()
                {
                    return Err(Failure::Usage(format!(
                        "{}: {} hosts for --processes {processes}",
                        path.display(),
                        hosts.len()
                    )));
                }
                hosts
            }
            (None, Some(0)) => return Err(Failure::Usage("--processes: at least 1".to_owned())),
            (None, Some(processes)) => parallax_dist::Cluster::local(processes, 2101),
            (None, None) => Vec::new(),
        };
        if self.process >= hosts.len().max(1) {
            return Err(Failure::Usage(format!(
                "--process {}: there are only {} processes (0 to {})",
                self.process,
                hosts.len().max(1),
                hosts.len().max(1) - 1
            )));
        }
        Ok(parallax_dist::Cluster {
            workers: self.workers.unwrap_or(1).max(1),
            process: self.process,
            hosts,
            connect_timeout: std::time::Duration::from_secs(self.connect_timeout),
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

/// The job the options describe, with what discovery noted.
fn job(arguments: &CorpusArguments, verbose: bool) -> Result<Job, Failure> {
    // A model that cannot be loaded is an error before any reading.
    let model = arguments
        .model
        .as_deref()
        .map(parallax_embed::Model::load)
        .transpose()?;
    let mut discovery = parallax_ingest::discover(&arguments.input.paths)?;
    discovery.limit(arguments.input.max_document_size);
    crate::output::write_notes(&discovery.notes, verbose);
    let mut job = Job::new(discovery.inputs, arguments.output.clone(), crate::TEMPLATES);
    job.furniture_min_documents = arguments.input.furniture_min_documents;
    job.all_pages = arguments.all_pages;
    job.model = model.map(Arc::new);
    Ok(job)
}

#[allow(
    clippy::print_stderr,
    reason = "what was written is a log line for the terminal, not output"
)]
fn report(summary: &Summary, output: &Path, verbose: bool) {
    crate::output::write_notes(&summary.notes, true);
    let thousands = parallax_report::thousands;
    let counted = crate::output::counted;
    let set_aside = if summary.short_only == 0 {
        String::new()
    } else {
        format!(
            " ({} more shared only one reworded sentence or runs of under {} words, set aside)",
            thousands(summary.short_only),
            parallax_corpus::EVIDENCE_RUN_WORDS
        )
    };
    eprintln!(
        "parallax: {}, {}, {} with reuse{set_aside}, {}; written to {}",
        counted(summary.documents, "document"),
        counted(summary.candidates, "candidate pair"),
        thousands(summary.pairs),
        if summary.stories == 1 {
            "1 story".to_owned()
        } else {
            format!("{} stories", thousands(summary.stories))
        },
        output.display()
    );
    if let Some(embedded) = summary.embedded {
        eprintln!(
            "parallax: sentence model: {} sentences of {} documents embedded in {:.1} s of embedding ({:.0} sentences/s)",
            embedded.sentences,
            embedded.documents,
            embedded.seconds,
            embedded.sentences as f64 / embedded.seconds.max(1e-9)
        );
    }
    if verbose {
        let stages: Vec<String> = summary
            .stages
            .iter()
            .map(|(stage, time)| format!("{stage} {:.2} s", time.as_secs_f64()))
            .collect();
        eprintln!("parallax: time by stage: {}", stages.join(", "));
    }
}

/// Turns transparent huge pages off for this process, where the kernel
/// has them on for all. A corpus run frees most of what each stage held
/// and the allocator gives it back; with huge pages, fresh memory is
/// faulted in and zeroed two megabytes at a time. Over 100,000 generated
/// documents, run in turn four times: off, 17.8–23.2 s (median 20.9 s),
/// 1.9–2.7 s in the kernel, 334–354 MB peak; on, 21.5–25.0 s (median
/// 23.8 s), 3.4–4.0 s, 379–387 MB. Where the call is refused, the run goes
/// on as before.
fn without_huge_pages() {
    #[cfg(target_os = "linux")]
    let _ = nix::sys::prctl::set_thp_disable(true);
}

pub fn run(arguments: &CorpusArguments, verbose: bool) -> Result<ExitCode, Failure> {
    without_huge_pages();
    if let Some(threads) = arguments.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads.max(1))
            .build_global()
            .map_err(|error| Failure::Usage(format!("--threads: {error}")))?;
    }
    let job = job(arguments, verbose)?;
    let summary = if arguments.cluster.is_distributed() {
        let cluster = arguments.cluster.cluster()?;
        record_panics();
        parallax_dist::run(job, &cluster, Arc::new(Bars::default())).map_err(
            |error| match error {
                parallax_dist::DistError::Job(error) => Failure::Corpus(error),
                parallax_dist::DistError::Stopped(detail) => {
                    let first = FIRST_PANIC.lock().ok().and_then(|first| first.clone());
                    Failure::Distributed(first.unwrap_or(detail))
                }
                other => Failure::Usage(other.to_string()),
            },
        )?
    } else {
        parallax_corpus::run(&mut parallax_corpus::Alone, &job, &Bars::default())?
    };
    if let Some(summary) = summary {
        report(&summary, &arguments.output, verbose);
    }
    Ok(ExitCode::SUCCESS)
}
