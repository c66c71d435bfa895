//! Issue 8: the corpus job across processes (timely dataflow) writes what
//! one process writes, and a process that dies fails the whole job.

use super::{fixture, parallax};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// `count` ports free on 127.0.0.1 a moment ago.
fn free_ports(count: usize) -> Vec<u16> {
    let listeners: Vec<std::net::TcpListener> = (0..count)
        .map(|_| std::net::TcpListener::bind("127.0.0.1:0").unwrap())
        .collect();
    listeners
        .iter()
        .map(|listener| listener.local_addr().unwrap().port())
        .collect()
}

fn host_file(work: &Path, name: &str, processes: usize) -> String {
    let hosts: Vec<String> = free_ports(processes)
        .into_iter()
        .map(|port| format!("127.0.0.1:{port}"))
        .collect();
    let hosts = hosts.join("\n") + "\n";
    std::fs::write(work.join(name), hosts).unwrap();
    name.to_owned()
}

fn spawn(arguments: &[&str], directory: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(arguments)
        .current_dir(directory)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts")
}

/// Waits for a process, killing it (and failing) after two minutes: a
/// distributed job that hangs must not hang the test suite.
fn finish(mut child: Child) -> std::process::Output {
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(120) {
            child.kill().unwrap();
            panic!("a process of the distributed job did not finish");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

fn files(out: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walk(out)
        .into_iter()
        .map(|path| {
            (
                path.strip_prefix(out).unwrap().display().to_string(),
                std::fs::read(&path).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

fn walk(directory: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(directory).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path);
        }
    }
    found
}

/// Runs the job as `processes` processes of this machine and returns the
/// files process 0 wrote, and what it said on standard error.
fn distributed(
    work: &Path,
    inputs: &[&str],
    processes: usize,
    workers: &str,
) -> (Vec<(String, Vec<u8>)>, String) {
    let hosts = host_file(work, &format!("hosts-{processes}.txt"), processes);
    let out = format!("out-{processes}-{}", inputs.len());
    let children: Vec<Child> = (0..processes)
        .map(|process| {
            let process = process.to_string();
            let mut arguments: Vec<&str> = vec!["corpus"];
            arguments.extend(inputs);
            arguments.extend([
                "-o",
                &out,
                "--hostfile",
                &hosts,
                "--process",
                &process,
                "--workers",
                workers,
            ]);
            spawn(&arguments, work)
        })
        .collect();
    let mut said = String::new();
    for (process, child) in children.into_iter().enumerate() {
        let output = finish(child);
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(output.status.success(), "process {process}: {stderr}");
        if process == 0 {
            said = stderr;
        }
    }
    (files(&work.join(out)), said)
}

#[test]
fn two_and_three_processes_write_what_one_writes() {
    let work = tempfile::tempdir().unwrap();
    super::alignment::generated_corpus(work.path(), 300, 11);
    // A JSON Lines corpus (shared out line by line) and folders of text
    // files (shared out file by file), one of them a copy of a record.
    let corpus = std::fs::read_to_string(work.path().join("corpus/corpus.jsonl")).unwrap();
    let first: serde_json::Value = serde_json::from_str(corpus.lines().next().unwrap()).unwrap();
    // Two bad records, read by different processes, reported by process 0.
    std::fs::write(
        work.path().join("corpus/corpus.jsonl"),
        corpus + "{\"text\": 5}\n[1, 2]\n",
    )
    .unwrap();
    let bad_records = [
        "corpus/corpus.jsonl:301: record skipped: \"text\" is not a string",
        "corpus/corpus.jsonl:302: record skipped: an array, not an article object",
    ];
    std::fs::create_dir(work.path().join("copies")).unwrap();
    std::fs::write(
        work.path().join("copies/copy-of-first.txt"),
        first["text"].as_str().unwrap(),
    )
    .unwrap();
    let seeds = fixture();
    let seeds = seeds.to_str().unwrap();
    let inputs = ["corpus/corpus.jsonl", seeds, "copies"];
    let mut arguments = vec!["corpus"];
    arguments.extend(inputs);
    arguments.extend(["-o", "out-1"]);
    let single = parallax(&arguments, work.path());
    assert!(
        single.status.success(),
        "{}",
        String::from_utf8_lossy(&single.stderr)
    );
    let stderr = String::from_utf8_lossy(&single.stderr);
    for note in bad_records {
        assert!(stderr.contains(note), "{stderr}");
    }
    let expected = files(&work.path().join("out-1"));
    let names: Vec<&str> = expected.iter().map(|(name, _)| name.as_str()).collect();
    assert!(names.contains(&"pairs.jsonl") && names.contains(&"clusters.json"));
    assert!(names.contains(&"index.html"));
    let pairs = String::from_utf8_lossy(
        &expected
            .iter()
            .find(|(name, _)| name == "pairs.jsonl")
            .unwrap()
            .1,
    )
    .into_owned();
    assert!(
        pairs.lines().count() > 100,
        "the corpus holds reuse to find"
    );
    // The copy in a text file is found beside its record.
    let first_id = first["id"].as_str().unwrap();
    assert!(
        pairs.lines().any(
            |line| line.starts_with(&format!("{{\"a\":\"{first_id}\",\"b\":\"copy-of-first\""))
        ),
        "{first_id}"
    );

    for (processes, workers) in [(2, "1"), (3, "2")] {
        let (found, stderr) = distributed(work.path(), &inputs, processes, workers);
        let positions: Vec<usize> = bad_records
            .iter()
            .map(|note| {
                stderr
                    .find(note)
                    .unwrap_or_else(|| panic!("{note}: {stderr}"))
            })
            .collect();
        assert!(positions[0] < positions[1], "in reading order");
        assert_eq!(found.len(), expected.len(), "{processes} processes");
        for ((name, bytes), (expected_name, expected_bytes)) in found.iter().zip(&expected) {
            assert_eq!(name, expected_name);
            assert!(
                bytes == expected_bytes,
                "{name} differs with {processes} processes"
            );
        }
    }
}

#[test]
fn a_small_corpus_is_aligned_pair_by_pair_across_processes_too() {
    let work = tempfile::tempdir().unwrap();
    let seeds = fixture();
    let seeds = seeds.to_str().unwrap();
    let single = parallax(&["corpus", seeds, "-o", "out-1"], work.path());
    assert!(single.status.success());
    let expected = files(&work.path().join("out-1"));
    let (found, _) = distributed(work.path(), &[seeds], 3, "1");
    assert!(found == expected, "the same files with 3 processes");
}

#[cfg(unix)]
#[test]
fn a_killed_process_fails_the_whole_job() {
    let work = tempfile::tempdir().unwrap();
    super::alignment::generated_corpus(work.path(), 200, 12);
    // The second input is process 1's to read: a named pipe nobody writes
    // to, so process 1 stays in the job, and process 0 waits for it, until
    // it is killed, however fast or slow the machine.
    let made = Command::new("mkfifo")
        .arg(work.path().join("stuck.txt"))
        .status()
        .unwrap();
    assert!(made.success());
    let hosts = host_file(work.path(), "hosts.txt", 2);
    let arguments = |process: &'static str| -> Vec<String> {
        [
            "corpus",
            "corpus/corpus.jsonl",
            "stuck.txt",
            "-o",
            "out",
            "--hostfile",
            &hosts,
            "--process",
            process,
        ]
        .into_iter()
        .map(str::to_owned)
        .collect()
    };
    let first = arguments("0");
    let second = arguments("1");
    let first = spawn(
        &first.iter().map(String::as_str).collect::<Vec<_>>(),
        work.path(),
    );
    let mut second = spawn(
        &second.iter().map(String::as_str).collect::<Vec<_>>(),
        work.path(),
    );
    // Timely retries a connection once a second: three are plenty.
    std::thread::sleep(Duration::from_secs(3));
    assert!(second.try_wait().unwrap().is_none(), "process 1 is waiting");
    second.kill().unwrap();
    let _ = second.wait();
    let output = finish(first);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    let errors: Vec<&str> = stderr
        .lines()
        .filter(|line| line.starts_with("parallax: error"))
        .collect();
    assert_eq!(errors.len(), 1, "{stderr}");
    assert!(
        errors[0].contains("the distributed run failed") && errors[0].contains("process 1"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked at"), "{stderr}");
    assert!(!work.path().join("out").exists(), "nothing is written");
}

#[test]
fn a_bad_host_file_is_one_error_line() {
    let work = tempfile::tempdir().unwrap();
    std::fs::write(
        work.path().join("hosts.txt"),
        "127.0.0.1:2101\nnot a host\n",
    )
    .unwrap();
    let seeds = fixture();
    let output = parallax(
        &[
            "corpus",
            seeds.to_str().unwrap(),
            "-o",
            "out",
            "--hostfile",
            "hosts.txt",
        ],
        work.path(),
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr).trim(),
        "parallax: error: hosts.txt: line 2: \"not a host\" is not host:port"
    );
    assert!(!work.path().join("out").exists());
}

/// Issue 20: processes started on different inputs finished with exit 0
/// and a mixed output. They check in with process 0 before any work, and
/// every one stops with one error line, exit 2, writing nothing.
#[test]
fn processes_given_different_inputs_refuse_to_run() {
    let work = tempfile::tempdir().unwrap();
    let seeds = fixture();
    let seeds = seeds.to_str().unwrap();
    std::fs::write(
        work.path().join("other.txt"),
        "Talks resumed in Geneva on Monday, officials said after a pause.",
    )
    .unwrap();
    let hosts = host_file(work.path(), "hosts.txt", 3);
    let children: Vec<Child> = (0..3)
        .map(|process| {
            let process = process.to_string();
            let mut arguments = vec!["corpus", seeds];
            // Process 2 is given one more file than the others.
            if process == "2" {
                arguments.push("other.txt");
            }
            arguments.extend(["-o", "out", "--hostfile", &hosts, "--process", &process]);
            spawn(&arguments, work.path())
        })
        .collect();
    let said: Vec<(Option<i32>, String)> = children
        .into_iter()
        .map(|child| {
            let output = finish(child);
            (
                output.status.code(),
                String::from_utf8_lossy(&output.stderr).into_owned(),
            )
        })
        .collect();
    assert_eq!(
        said,
        [
            (
                Some(2),
                "parallax: error: process 2 was given other inputs or options than process 0; \
                 give every process the same inputs and options\n"
                    .to_owned()
            ),
            (
                Some(2),
                "parallax: error: another process was given other inputs or options than process \
                 0; give every process the same inputs and options\n"
                    .to_owned()
            ),
            (
                Some(2),
                "parallax: error: process 2 was given other inputs or options than process 0; \
                 give every process the same inputs and options\n"
                    .to_owned()
            ),
        ]
    );
    assert!(!work.path().join("out").exists());
}

/// Issue 20: a process whose peers never start waited for ever; it gives
/// up after --connect-timeout with one error line naming who is missing.
#[test]
fn a_process_alone_gives_up_after_the_wait() {
    let work = tempfile::tempdir().unwrap();
    let seeds = fixture();
    let hosts = host_file(work.path(), "hosts.txt", 2);
    let addresses = std::fs::read_to_string(work.path().join(&hosts)).unwrap();
    for process in ["0", "1"] {
        let output = finish(spawn(
            &[
                "corpus",
                seeds.to_str().unwrap(),
                "-o",
                "out",
                "--hostfile",
                &hosts,
                "--process",
                process,
                "--connect-timeout",
                "1",
            ],
            work.path(),
        ));
        assert_eq!(output.status.code(), Some(2));
        let expected = if process == "0" {
            format!(
                "parallax: error: process 0 waited 1 s for process 1 ({}) to start; start every \
                 process within --connect-timeout\n",
                addresses.lines().nth(1).unwrap()
            )
        } else {
            format!(
                "parallax: error: process 1 waited 1 s for process 0 ({}) and the others; start \
                 every process within --connect-timeout\n",
                addresses.lines().next().unwrap()
            )
        };
        assert_eq!(String::from_utf8_lossy(&output.stderr), expected);
        assert!(output.stdout.is_empty());
    }
}
