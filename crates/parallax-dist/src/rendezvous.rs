//! Before any work: every process checks in with process 0, which makes
//! sure they were all given the same job and that they all came, within a
//! set wait. Timely's own connection step waits for ever and cannot tell
//! two different jobs apart; by the time it runs, every process is known
//! to be there and to run the same job.

use crate::DistError;
use std::io::{ErrorKind, Read, Write};
use std::net::{TcpListener, TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant};

/// What process 0 answers each process that checked in: all hold the
/// same job; this one holds another; another process holds another.
const SAME_JOB: u8 = 1;
const OTHER_JOB: u8 = 2;
const OTHERS_DIFFER: u8 = 3;

/// How often a process that found no one there tries again.
const RETRY: Duration = Duration::from_millis(200);

/// Meets the other processes of `hosts` as process `process`, all holding
/// a job with `fingerprint`, within `wait`.
pub(crate) fn meet(
    hosts: &[String],
    process: usize,
    fingerprint: u64,
    wait: Duration,
) -> Result<(), DistError> {
    let deadline = Instant::now() + wait;
    if process == 0 {
        gather(hosts, fingerprint, wait, deadline)
    } else {
        check_in(&hosts[0], process, fingerprint, wait, deadline)
    }
}

/// Process 0: waits for every other process, then tells each whether all
/// were given the same job.
fn gather(
    hosts: &[String],
    fingerprint: u64,
    wait: Duration,
    deadline: Instant,
) -> Result<(), DistError> {
    let start = |error: std::io::Error| DistError::Start(format!("{}: {error}", hosts[0]));
    let listener = TcpListener::bind(&hosts[0]).map_err(start)?;
    listener.set_nonblocking(true).map_err(start)?;
    let mut arrived: Vec<Option<(TcpStream, u64)>> = (0..hosts.len()).map(|_| None).collect();
    while arrived[1..].iter().any(Option::is_none) {
        match listener.accept() {
            Ok((mut stream, _)) => {
                // A stray connection that says nothing sensible is passed over.
                let greeting = stream
                    .set_nonblocking(false)
                    .and_then(|()| stream.set_read_timeout(Some(Duration::from_secs(5))))
                    .and_then(|()| read_words(&mut stream));
                if let Ok((process, theirs)) = greeting
                    && let Some(slot) = usize::try_from(process)
                        .ok()
                        .filter(|&process| process > 0)
                        .and_then(|process| arrived.get_mut(process))
                {
                    *slot = Some((stream, theirs));
                }
            }
            Err(error) if error.kind() == ErrorKind::WouldBlock => {
                if Instant::now() >= deadline {
                    let missing: Vec<String> = arrived
                        .iter()
                        .enumerate()
                        .skip(1)
                        .filter(|(_, arrival)| arrival.is_none())
                        .map(|(process, _)| format!("{process} ({})", hosts[process]))
                        .collect();
                    return Err(DistError::Timeout(format!(
                        "process 0 waited {} s for process{} {} to start; start every process \
                         within --connect-timeout",
                        wait.as_secs(),
                        if missing.len() == 1 { "" } else { "es" },
                        missing.join(", ")
                    )));
                }
                std::thread::sleep(RETRY);
            }
            Err(error) => return Err(start(error)),
        }
    }
    let differing: Vec<usize> = arrived
        .iter()
        .enumerate()
        .filter_map(|(process, arrival)| {
            arrival
                .as_ref()
                .filter(|(_, theirs)| *theirs != fingerprint)
                .map(|_| process)
        })
        .collect();
    // Closed before anyone is answered: a process answered starts timely
    // and connects to this same address, and a connection waiting on a
    // listener that then closes is reset, failing that process and
    // leaving this one waiting for it for ever.
    drop(listener);
    for (stream, theirs) in arrived.iter_mut().flatten() {
        let answer = if differing.is_empty() {
            SAME_JOB
        } else if *theirs != fingerprint {
            OTHER_JOB
        } else {
            OTHERS_DIFFER
        };
        // A process that cannot be told fails on its own wait instead.
        let _ = stream.write_all(&[answer]);
    }
    drop(arrived);
    if differing.is_empty() {
        Ok(())
    } else {
        let differing: Vec<String> = differing.iter().map(ToString::to_string).collect();
        Err(DistError::Mismatch(format!(
            "process{} {} {} given other inputs or options than process 0",
            if differing.len() == 1 { "" } else { "es" },
            differing.join(", "),
            if differing.len() == 1 { "was" } else { "were" }
        )))
    }
}

/// Any other process: tells process 0 who it is and what job it holds,
/// and waits for its answer.
fn check_in(
    address: &str,
    process: usize,
    fingerprint: u64,
    wait: Duration,
    deadline: Instant,
) -> Result<(), DistError> {
    let timeout = || {
        DistError::Timeout(format!(
            "process {process} waited {} s for process 0 ({address}) and the others; start every \
             process within --connect-timeout",
            wait.as_secs()
        ))
    };
    let mut stream = loop {
        let connected = address
            .to_socket_addrs()
            .ok()
            .and_then(|mut addresses| addresses.next())
            .map(|socket| TcpStream::connect_timeout(&socket, RETRY.max(Duration::from_secs(1))));
        match connected {
            Some(Ok(stream)) => break stream,
            _ if Instant::now() >= deadline => return Err(timeout()),
            _ => std::thread::sleep(RETRY),
        }
    };
    let mut greeting = Vec::with_capacity(16);
    greeting.extend_from_slice(&(process as u64).to_le_bytes());
    greeting.extend_from_slice(&fingerprint.to_le_bytes());
    stream
        .write_all(&greeting)
        .map_err(|error| DistError::Start(format!("{address}: {error}")))?;
    // Process 0 answers once every process is there, or gives up at its
    // own deadline, which is about this one's.
    let left = deadline
        .saturating_duration_since(Instant::now())
        .max(Duration::from_secs(1));
    let _ = stream.set_read_timeout(Some(left + Duration::from_secs(5)));
    let mut answer = [0_u8];
    match stream.read_exact(&mut answer) {
        Ok(()) if answer[0] == SAME_JOB => Ok(()),
        Ok(()) if answer[0] == OTHER_JOB => Err(DistError::Mismatch(format!(
            "process {process} was given other inputs or options than process 0"
        ))),
        Ok(()) => Err(DistError::Mismatch(
            "another process was given other inputs or options than process 0".to_owned(),
        )),
        Err(_) => Err(timeout()),
    }
}

/// Reads a process number and a fingerprint.
fn read_words(stream: &mut TcpStream) -> std::io::Result<(u64, u64)> {
    let mut bytes = [0_u8; 16];
    stream.read_exact(&mut bytes)?;
    let (process, fingerprint) = bytes.split_at(8);
    let word = |part: &[u8]| u64::from_le_bytes(part.try_into().unwrap_or([0; 8]));
    Ok((word(process), word(fingerprint)))
}
