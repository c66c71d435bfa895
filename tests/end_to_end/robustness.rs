//! Issue 6: bad and odd input. The large and slow cases (50 MB files,
//! 10,000 files, text repeated 100,000 times) are measured by
//! scripts/robustness, not timed here.

use super::{parallax, span};
use serde_json::Value;
use std::path::Path;

/// Two short reports sharing their one sentence, as `a.txt` and `b.txt`
/// in `folder`.
fn two_reports(folder: &Path) {
    std::fs::create_dir_all(folder).unwrap();
    std::fs::write(
        folder.join("a.txt"),
        "Talks resumed in Geneva on Monday, officials said after a pause.",
    )
    .unwrap();
    std::fs::write(
        folder.join("b.txt"),
        "Officials said talks resumed in Geneva on Monday after a pause.",
    )
    .unwrap();
}

/// Issue 6: input that is odd but valid works, and offsets stay exact.
#[test]
fn odd_but_valid_input_works() {
    let work = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8]); 3] = [
        (
            "line-endings.txt",
            b"Talks resumed on Friday in Geneva, officials said.\r\nThe ministry confirmed the date of the meeting.\rDelegates agreed to meet again next week.\r\n",
        ),
        (
            "control.txt",
            b"Talks\x01 resumed\x1b[31m in Geneva\x07 on Friday, officials said after the meeting.\n",
        ),
        (
            "rtl-emoji.txt",
            "قال المسؤولون إن المحادثات ستستأنف الأسبوع المقبل في جنيف. 👍🏽 The talks 👩‍👩 will resume in Geneva next week.\n".as_bytes(),
        ),
    ];
    for (name, bytes) in cases {
        std::fs::write(work.path().join(name), bytes).unwrap();
        // A document compared with itself links all of its body.
        let output = parallax(&["compare", name, name, "--json", "-"], work.path());
        assert!(
            output.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let result: Value = serde_json::from_slice(&output.stdout).unwrap();
        let document = &result["documents"][0];
        let text = std::str::from_utf8(bytes).unwrap();
        let mut covered = 0;
        for segment in document["segments"].as_array().unwrap() {
            let (start, end) = span(segment);
            // Every segment is a slice of the file on character boundaries.
            assert!(text.get(start..end).is_some(), "{name}: {segment}");
            covered += text[start..end]
                .chars()
                .filter(|c| !c.is_whitespace())
                .count();
        }
        assert_eq!(
            covered,
            text.chars().filter(|c| !c.is_whitespace()).count(),
            "{name}"
        );
        let scores = &result["pairs"][0]["scores"];
        assert_eq!(scores["coverage_a"], 1.0, "{name}: {scores}");
        assert_eq!(scores["verbatim_share_b"], 1.0, "{name}: {scores}");
    }
}

/// Issue 6: a link back to a folder the walk is already in is skipped with
/// one line naming it; the reports in the folder are still compared.
#[cfg(unix)]
#[test]
fn a_symbolic_link_loop_is_skipped_with_a_note() {
    let work = tempfile::tempdir().unwrap();
    std::fs::create_dir(work.path().join("loop")).unwrap();
    std::fs::write(
        work.path().join("loop/first.txt"),
        "Talks resumed in Geneva on Monday, officials said after a pause.",
    )
    .unwrap();
    std::fs::write(
        work.path().join("loop/second.txt"),
        "Officials said talks resumed in Geneva on Monday after a pause.",
    )
    .unwrap();
    std::os::unix::fs::symlink(".", work.path().join("loop/again")).unwrap();
    let output = parallax(&["compare", "loop", "--json", "out.json"], work.path());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    // The note, then the line saying what was written (issue 18).
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(lines[0].contains("loop/again"), "{stderr}");
    assert!(lines[0].contains("symbolic link loop"), "{stderr}");
    assert_eq!(
        lines[1],
        "parallax: compared 2 documents (1 pair, 1 with shared sentences); wrote out.json"
    );
    let result: Value =
        serde_json::from_slice(&std::fs::read(work.path().join("out.json")).unwrap()).unwrap();
    assert_eq!(result["documents"].as_array().unwrap().len(), 2);
}

/// Issue 6: a link to a file that is gone is an error naming it, not a
/// silent gap in the corpus.
#[cfg(unix)]
#[test]
fn a_dangling_link_is_one_clear_error() {
    let work = tempfile::tempdir().unwrap();
    let corpus = work.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    for name in ["first.txt", "second.txt"] {
        std::fs::write(corpus.join(name), "Talks resumed in Geneva on Monday.").unwrap();
    }
    std::os::unix::fs::symlink("moved-away.txt", corpus.join("third.txt")).unwrap();
    let output = parallax(&["compare", "corpus", "--json", "out.json"], work.path());
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains(
            "third.txt: cannot read: a symbolic link to moved-away.txt, which does not exist"
        ),
        "{stderr}"
    );
    assert!(!work.path().join("out.json").exists());
}

/// Issue 6: a file that cannot be read stops the run with one line naming
/// it, and no report is written.
#[test]
fn a_file_that_cannot_be_read_is_one_clear_error() {
    let work = tempfile::tempdir().unwrap();
    std::fs::write(
        work.path().join("present.txt"),
        "Talks resumed in Geneva on Monday, officials said.",
    )
    .unwrap();
    let output = parallax(
        &["compare", "present.txt", "gone.txt", "--json", "out.json"],
        work.path(),
    );
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("gone.txt"), "{stderr}");
    assert!(!work.path().join("out.json").exists());
}

/// Issue 19: a generated id is never one the run already has. Two `x.txt`
/// in different folders beside an `x-2.txt` gave the ids `x, x-2, x-2`,
/// and the report showed one pair twice and hid a document.
#[test]
fn every_document_keeps_an_id_of_its_own() {
    let work = tempfile::tempdir().unwrap();
    for (folder, name, text) in [
        (
            "one",
            "x.txt",
            "Talks resumed in Geneva on Monday, officials said after a pause.",
        ),
        (
            "two",
            "x.txt",
            "Ferries were cancelled for a third day as the strike went on.",
        ),
        (
            "two",
            "x-2.txt",
            "The council approved the budget for the new bridge on Monday.",
        ),
    ] {
        std::fs::create_dir_all(work.path().join(folder)).unwrap();
        std::fs::write(work.path().join(folder).join(name), text).unwrap();
    }
    let output = parallax(&["compare", "one", "two", "--format", "json"], work.path());
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let result: Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut ids: Vec<&str> = result["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|document| document["id"].as_str().unwrap())
        .collect();
    ids.sort_unstable();
    assert_eq!(ids, ["x", "x-2", "x-3"]);
    let pairs: std::collections::BTreeSet<(&str, &str)> = result["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|pair| (pair["a"].as_str().unwrap(), pair["b"].as_str().unwrap()))
        .collect();
    assert_eq!(pairs.len(), 3, "{pairs:?}");
}

/// Issue 19: what a document supplies (an outlet, an id, a file name) is
/// data in every format: no formula in the CSV, no markup in the
/// Markdown, no escape sequence on the terminal, no line break in an
/// error.
#[test]
fn names_from_documents_inject_nothing() {
    let work = tempfile::tempdir().unwrap();
    let folder = work.path().join("feed");
    two_reports(&folder);
    std::fs::write(
        folder.join("manifest.toml"),
        "[[document]]\nfile = \"a.txt\"\noutlet = \"=HYPERLINK(\\\"http://x\\\")\"\n\n\
         [[document]]\nfile = \"b.txt\"\noutlet = \"\\u001b[2J<img src=x onerror=alert(1)> [x](javascript:alert(1))\"\n",
    )
    .unwrap();

    let csv = parallax(&["compare", "feed", "--format", "csv"], work.path());
    let csv = String::from_utf8(csv.stdout).unwrap();
    let row = csv.lines().nth(1).unwrap();
    assert!(row.contains(",\"'=HYPERLINK(\"\"http://x\"\")\","), "{row}");

    let markdown = parallax(&["compare", "feed", "--format", "md"], work.path());
    let markdown = String::from_utf8(markdown.stdout).unwrap();
    assert!(!markdown.contains("<img"), "{markdown}");
    assert!(!markdown.contains("[x](javascript"), "{markdown}");
    assert!(
        markdown.contains("&lt;img src=x onerror=alert(1)&gt; \\[x\\](javascript:alert(1))"),
        "{markdown}"
    );

    let terminal = parallax(&["compare", "feed"], work.path());
    let terminal = String::from_utf8(terminal.stdout).unwrap();
    assert!(!terminal.contains('\u{1b}'), "{terminal:?}");
    assert!(terminal.contains("\\u{1b}[2J"), "{terminal}");

    let error = parallax(&["compare", "no\nsuch.txt", "feed"], work.path());
    assert_eq!(error.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(error.stderr).unwrap(),
        "parallax: error: no\\nsuch.txt: no such file or directory\n"
    );
}

/// Issue 19: outputs are written all or none. A report that cannot be
/// written left the run's JSON result replaced beside it.
#[test]
fn a_failed_output_leaves_the_others_as_they_were() {
    let work = tempfile::tempdir().unwrap();
    two_reports(work.path());
    std::fs::write(work.path().join("ok.json"), "the previous result").unwrap();
    let output = parallax(
        &[
            "compare",
            "a.txt",
            "b.txt",
            "--json",
            "ok.json",
            "-o",
            "no/such/r.html",
        ],
        work.path(),
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "parallax: error: no/such/r.html: cannot write: its folder does not exist\n"
    );
    assert_eq!(
        std::fs::read_to_string(work.path().join("ok.json")).unwrap(),
        "the previous result"
    );
    let mut left: Vec<String> = std::fs::read_dir(work.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    left.sort();
    assert_eq!(left, ["a.txt", "b.txt", "ok.json"]);
}

/// Issue 19: a tolerance that is no tolerance is refused ("nan" turned
/// score checking off and passed), and a full standard output is named and
/// is the user's to fix (it exited 1 with only the system's message).
#[test]
fn bad_settings_and_a_full_output_are_the_users_to_fix() {
    let work = tempfile::tempdir().unwrap();
    let corpus = work.path().join("fixtures/one");
    two_reports(&corpus);
    assert!(
        parallax(&["check", "fixtures", "--bless"], work.path())
            .status
            .success()
    );
    for (tolerance, shown) in [("nan", "NaN"), ("-0.1", "-0.1")] {
        std::fs::write(
            corpus.join("check.toml"),
            format!("score_tolerance = {tolerance}\n"),
        )
        .unwrap();
        let output = parallax(&["check", "fixtures"], work.path());
        assert_eq!(output.status.code(), Some(2), "{tolerance}");
        assert_eq!(
            String::from_utf8(output.stderr).unwrap(),
            format!(
                "parallax: error: fixtures/one/check.toml: not valid check settings: score_tolerance must be a number of 0 or more, not {shown}\n"
            )
        );
    }
    #[cfg(target_os = "linux")]
    {
        let full = std::fs::File::create("/dev/full").unwrap();
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_parallax"))
            .args(["compare", "fixtures/one", "--format", "json"])
            .current_dir(work.path())
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(
            stderr.starts_with("parallax: error: standard output: "),
            "{stderr}"
        );
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
}

/// Issue 19: elements nested thousands deep neither overflow the stack
/// (15,000 nested tables aborted the process) nor take time growing faster
/// than the page (10,000 nested `div`s took 19 seconds; how long is
/// measured by scripts/robustness, not here).
#[test]
fn deep_nesting_is_read_like_any_page() {
    let work = tempfile::tempdir().unwrap();
    let sentence = "Officials said the talks would resume next week.";
    std::fs::write(
        work.path().join("tables.html"),
        format!(
            "<html><body>{}<p>{sentence}</p></body></html>",
            "<table><tr><td>".repeat(15_000)
        ),
    )
    .unwrap();
    std::fs::write(
        work.path().join("divs.html"),
        format!(
            "<html><body>{}<p>{sentence}</p>{}</body></html>",
            "<div>".repeat(10_000),
            "</div>".repeat(10_000)
        ),
    )
    .unwrap();
    let tables = parallax(&["clean", "--text", "tables.html"], work.path());
    assert!(
        tables.status.success(),
        "{}",
        String::from_utf8_lossy(&tables.stderr)
    );
    assert!(String::from_utf8(tables.stdout).unwrap().contains(sentence));
    let divs = parallax(&["clean", "--text", "divs.html"], work.path());
    assert!(
        divs.status.success(),
        "{}",
        String::from_utf8_lossy(&divs.stderr)
    );
    assert_eq!(
        String::from_utf8(divs.stdout).unwrap(),
        format!("{sentence}\n")
    );
}

/// Issue 19: a temporary folder that is not there is named, once, and is
/// the user's to fix (it exited 1 with "No such file or directory (os error
/// 2): No such file or directory (os error 2)").
#[test]
fn a_missing_temporary_folder_is_named() {
    let work = tempfile::tempdir().unwrap();
    two_reports(work.path());
    let missing = work.path().join("no-such-folder");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(["corpus", "a.txt", "b.txt", "-o", "out"])
        .env("TMPDIR", &missing)
        .current_dir(work.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        format!(
            "parallax: error: temporary folder {}: it does not exist\n",
            missing.display()
        )
    );
}

/// Issue 19: a named pipe met while walking a folder is skipped with a
/// note; it was passed over in silence.
#[cfg(unix)]
#[test]
fn a_named_pipe_in_a_folder_is_noted() {
    let work = tempfile::tempdir().unwrap();
    let folder = work.path().join("feed");
    two_reports(&folder);
    let made = std::process::Command::new("mkfifo")
        .arg(folder.join("pipe.txt"))
        .status();
    if !made.is_ok_and(|status| status.success()) {
        return;
    }
    let output = parallax(&["compare", "feed", "--format", "json"], work.path());
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "parallax: note: feed/pipe.txt: skipped: a named pipe, not a file\n"
    );
    let result: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(result["documents"].as_array().unwrap().len(), 2);
}

/// `bytes` gzip-compressed.
fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write as _;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// Issue 19: a decompression bomb is refused at the size limit, in one
/// line, before it fills memory: 80 MiB of zeros passes the default 64 MiB,
/// and a document over a limit the user set is refused the same way.
#[test]
fn a_document_past_the_size_limit_is_refused() {
    let work = tempfile::tempdir().unwrap();
    two_reports(work.path());
    std::fs::write(work.path().join("bomb.txt.gz"), gzip(&vec![b'0'; 80 << 20])).unwrap();
    let output = parallax(&["compare", "a.txt", "bomb.txt.gz"], work.path());
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "parallax: error: bomb.txt.gz: inflates to more than 64 MiB, the most one document may \
         hold (raise it with --max-document-size)\n"
    );
    let long = "Officials said the talks would resume next week. ".repeat(30_000);
    std::fs::write(work.path().join("long.txt"), &long).unwrap();
    let output = parallax(
        &["compare", "a.txt", "long.txt", "--max-document-size", "1M"],
        work.path(),
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "parallax: error: long.txt: larger than 1 MiB, the most one document may hold (raise it \
         with --max-document-size)\n"
    );
    let output = parallax(
        &[
            "compare",
            "a.txt",
            "long.txt",
            "--max-document-size",
            "2M",
            "--format",
            "json",
        ],
        work.path(),
    );
    assert!(output.status.success());
}

/// Issue 19: corpus mode reads JSON Lines one line at a time; a line past
/// the limit (here with no newline in 2 MiB) is skipped with a note and
/// never held whole, and the other records are read.
#[test]
fn a_line_past_the_size_limit_is_skipped() {
    let work = tempfile::tempdir().unwrap();
    let mut feed = Vec::new();
    feed.extend_from_slice(
        b"{\"id\": \"first\", \"text\": \"Talks resumed in Geneva on Monday, officials said.\"}\n",
    );
    feed.extend_from_slice(b"{\"id\": \"huge\", \"text\": \"");
    feed.extend(std::iter::repeat_n(b'a', 2 << 20));
    feed.extend_from_slice(b"\"}\n");
    feed.extend_from_slice(
        b"{\"id\": \"last\", \"text\": \"Officials said talks resumed in Geneva on Monday.\"}",
    );
    std::fs::write(work.path().join("feed.jsonl.gz"), gzip(&feed)).unwrap();
    let output = parallax(
        &[
            "corpus",
            "feed.jsonl.gz",
            "-o",
            "out",
            "--max-document-size",
            "1M",
        ],
        work.path(),
    );
    assert!(output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.starts_with(
            "parallax: note: feed.jsonl.gz:2: record skipped: its line is longer than 1 MiB, the \
             most one document may hold (raise it with --max-document-size)\nparallax: 2 documents,"
        ),
        "{stderr}"
    );
}

/// Issue 19: in corpus mode as in compare, an input none of whose records
/// can be read is an error (exit 2), not a run without it.
#[test]
fn corpus_refuses_an_input_with_no_readable_record() {
    let work = tempfile::tempdir().unwrap();
    two_reports(work.path());
    std::fs::write(work.path().join("bad.jsonl"), "{\"x\": 1}\n{\"y\": 2}\n").unwrap();
    let output = parallax(
        &["corpus", "a.txt", "bad.jsonl", "b.txt", "-o", "out"],
        work.path(),
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "parallax: error: bad.jsonl: no readable article records (2 skipped; the first, \
         bad.jsonl:1: no \"text\" field)\n"
    );
    assert!(!work.path().join("out").exists());
}

/// Issue 19: two file names that are not UTF-8 and differ only in their
/// bad bytes were both shown as `latin1-\u{fffd}t\u{fffd}.txt`; the JSON keeps
/// each name's bytes beside the display form.
#[cfg(unix)]
#[test]
fn names_that_are_not_utf8_stay_distinct() {
    use std::os::unix::ffi::OsStrExt as _;
    let work = tempfile::tempdir().unwrap();
    let text = "Talks resumed in Geneva on Monday, officials said after a pause.";
    for name in [&b"latin1-\xe9t\xe9.txt"[..], b"latin1-\xe8t\xe8.txt"] {
        let path = work.path().join(std::ffi::OsStr::from_bytes(name));
        if std::fs::write(path, text).is_err() {
            // A file system that refuses such names has nothing to test.
            return;
        }
    }
    let output = parallax(&["compare", ".", "--format", "json"], work.path());
    assert!(output.status.success());
    let result: Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut names: Vec<(String, String)> = result["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|document| {
            (
                document["path"].as_str().unwrap().to_owned(),
                document["path_escaped"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            (
                "./latin1-\u{fffd}t\u{fffd}.txt".to_owned(),
                "./latin1-\\xE8t\\xE8.txt".to_owned()
            ),
            (
                "./latin1-\u{fffd}t\u{fffd}.txt".to_owned(),
                "./latin1-\\xE9t\\xE9.txt".to_owned()
            ),
        ]
    );
}

/// Issue 19: a second corpus run into the same folder left the first run's
/// pages beside its own; the output folder is built whole and swapped in,
/// and a folder holding files parallax did not write is refused before
/// any work.
#[test]
fn corpus_replaces_its_output_folder_whole() {
    let work = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let output = parallax(
        &["corpus", fixture.to_str().unwrap(), "-o", "out"],
        work.path(),
    );
    assert!(output.status.success());
    let pages = |folder: &str| {
        let mut names: Vec<String> = std::fs::read_dir(work.path().join(folder).join("pages"))
            .unwrap()
            .map(|entry| entry.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        names
    };
    assert!(pages("out").len() > 1);
    two_reports(&work.path().join("two"));
    // The same sentence in both, which corpus mode reports.
    std::fs::copy(work.path().join("two/a.txt"), work.path().join("two/b.txt")).unwrap();
    let output = parallax(&["corpus", "two", "-o", "out"], work.path());
    assert!(output.status.success());
    assert_eq!(pages("out"), ["pair-0.html"]);
    let mut beside: Vec<String> = std::fs::read_dir(work.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    beside.sort();
    assert_eq!(beside, ["out", "two"], "nothing is left beside the output");

    let output = parallax(&["corpus", "two", "-o", "two"], work.path());
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "parallax: error: two: cannot write: it holds a.txt, which parallax did not write; give a \
         new or empty folder\n"
    );
}

/// Issue 19: an interrupted run left its temporary files in the output's
/// folder. Here the run waits on a named pipe no one writes, with its
/// output folder begun beside the target, and is stopped by each signal.
#[cfg(unix)]
#[test]
fn an_interrupted_run_leaves_nothing_behind() {
    let work = tempfile::tempdir().unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(work.path().join("feed.jsonl"))
        .status();
    if !made.is_ok_and(|status| status.success()) {
        return;
    }
    let names = || -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(work.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        names
    };
    for signal in ["-INT", "-TERM"] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_parallax"))
            .args(["corpus", "feed.jsonl", "-o", "out"])
            .current_dir(work.path())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let started = std::time::Instant::now();
        while names().len() < 2 && started.elapsed() < std::time::Duration::from_secs(30) {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        assert!(names()[0].starts_with(".out.partial-"), "{:?}", names());
        let killed = std::process::Command::new("kill")
            .args([signal, &child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        assert_eq!(child.wait().unwrap().code(), Some(130), "{signal}");
        assert_eq!(names(), ["feed.jsonl"], "{signal}");
    }
}

/// Issue 19: compare over 200 documents took 1.4 GB and wrote a 119 MB
/// page, and nothing warned. Past 100 documents it says `corpus` is made
/// for the size; the page shows the 100 pairs with most shared text side
/// by side and lists 500, and draws no grid past 40 documents.
#[test]
fn compare_over_many_documents_stays_a_readable_page() {
    let work = tempfile::tempdir().unwrap();
    let folder = work.path().join("many");
    std::fs::create_dir(&folder).unwrap();
    for number in 0..101 {
        std::fs::write(
            folder.join(format!("report-{number:03}.txt")),
            format!(
                "Talks resumed in Geneva on Monday, officials said after a pause. Desk {number} \
                 filed this copy for the evening bulletin."
            ),
        )
        .unwrap();
    }
    let output = parallax(&["compare", "many", "-o", "report.html"], work.path());
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "parallax: note: 101 documents make 5,050 pairs, every one aligned and held in memory, \
         and the HTML report shows the 100 with most shared text side by side; `parallax corpus` \
         is made for more than 100 documents (it aligns only candidate pairs and writes them as \
         it goes)\nparallax: compared 101 documents (5,050 pairs, 5,050 with shared sentences); \
         wrote report.html\n"
    );
    let html = std::fs::read_to_string(work.path().join("report.html")).unwrap();
    assert_eq!(html.matches("<section id=\"pair-").count(), 100);
    assert!(html.contains("4,950 more pairs share sentences"));
    assert!(html.contains("… and 4,550 more pairs with less shared text"));
    assert!(!html.contains("<table class=\"heat\">"));
    assert!(html.len() < 2_000_000, "{} bytes", html.len());
}
