//! Issue 5: the report formats: CSV and Markdown from the same result as
//! the JSON, and what the HTML lets a page's metadata do.

use super::{parallax, repository};
use serde_json::Value;

fn run(arguments: &[&str]) -> String {
    let output = parallax(arguments, &repository());
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn csv_rows_are_the_json_scores() {
    let json: Value = serde_json::from_str(&run(&[
        "compare",
        "fixtures/security-guarantees",
        "--format",
        "json",
    ]))
    .unwrap();
    let csv = run(&["compare", "fixtures/security-guarantees", "--format", "csv"]);
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let rows: Vec<Vec<&str>> = lines.map(|line| line.split(',').collect()).collect();
    let pairs = json["pairs"].as_array().unwrap();
    assert_eq!(rows.len(), pairs.len());
    for (row, pair) in rows.iter().zip(pairs) {
        assert_eq!(row.len(), header.len(), "{row:?}");
        let field = |name: &str| row[header.iter().position(|column| *column == name).unwrap()];
        assert_eq!(field("a"), pair["a"].as_str().unwrap());
        assert_eq!(field("b"), pair["b"].as_str().unwrap());
        for (name, value) in pair["scores"].as_object().unwrap() {
            // The same number written twice: its text is the same.
            assert_eq!(
                field(name).parse::<f64>().unwrap().to_string(),
                value.as_f64().unwrap().to_string(),
                "{name}"
            );
        }
        let links_of = |kind: &str| {
            pair["links"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|link| link["kind"] == kind)
                .count()
                .to_string()
        };
        assert_eq!(field("near_links"), links_of("near"));
        assert_eq!(field("paraphrase_links"), links_of("paraphrase"));
        assert_eq!(
            field("passages"),
            pair["passages"].as_array().unwrap().len().to_string()
        );
    }
}

#[test]
fn markdown_summary_for_a_pull_request() {
    let markdown = run(&["compare", "fixtures/security-guarantees", "--format", "md"]);
    insta::with_settings!({filters => vec![(r"parallax \d+\.\d+\.\d+", "parallax [version]")]}, {
        insta::assert_snapshot!(markdown);
    });
}

#[test]
fn output_format_follows_the_file_name() {
    let work = tempfile::tempdir().unwrap();
    let fixture = repository().join("fixtures/security-guarantees");
    let fixture = fixture.to_str().unwrap();
    for (name, starts) in [
        ("scores.csv", "a,b,a_outlet"),
        ("summary.md", "### parallax: 5 reports"),
        ("result.json", "{"),
        ("report.html", "<!doctype html>"),
    ] {
        let output = parallax(&["compare", fixture, "-o", name], work.path());
        assert!(output.status.success());
        let written = std::fs::read_to_string(work.path().join(name)).unwrap();
        assert!(written.starts_with(starts), "{name}: {}", &written[..40]);
    }
}

/// Issue 18: `compare -o` says in one line what it did; a file name that
/// names no format, or names an input, is refused before anything is
/// written; one document gets a hint.
#[test]
fn the_command_line_says_what_it_did_and_refuses_what_would_lose_work() {
    let work = tempfile::tempdir().unwrap();
    let first = "Talks resumed in Geneva on Monday, officials said after a pause of a month.";
    std::fs::write(work.path().join("a.txt"), first).unwrap();
    std::fs::write(
        work.path().join("b.txt"),
        "Officials said talks resumed in Geneva on Monday after a pause of a month.",
    )
    .unwrap();
    let stderr =
        |output: &std::process::Output| String::from_utf8_lossy(&output.stderr).into_owned();

    let written = parallax(
        &["compare", "a.txt", "b.txt", "-o", "report.html"],
        work.path(),
    );
    assert!(written.status.success());
    assert_eq!(
        stderr(&written),
        "parallax: compared 2 documents (1 pair, 1 with shared sentences); wrote report.html\n"
    );

    let unknown = parallax(
        &["compare", "a.txt", "b.txt", "-o", "report.txt"],
        work.path(),
    );
    assert_eq!(unknown.status.code(), Some(2));
    assert_eq!(
        stderr(&unknown),
        "parallax: error: report.txt: no report format has that extension; name the file .html, .json, .csv or .md, or give --format html|json|csv|md\n"
    );
    assert!(!work.path().join("report.txt").exists());

    let over_input = parallax(
        &[
            "compare", "a.txt", "b.txt", "--format", "html", "-o", "a.txt",
        ],
        work.path(),
    );
    assert_eq!(over_input.status.code(), Some(2));
    assert_eq!(
        stderr(&over_input),
        "parallax: error: a.txt: this is one of the documents compared; write the report to another file\n"
    );
    assert_eq!(
        std::fs::read_to_string(work.path().join("a.txt")).unwrap(),
        first
    );

    let alone = parallax(&["compare", "a.txt", "-o", "alone.json"], work.path());
    assert!(alone.status.success());
    assert_eq!(
        stderr(&alone),
        "parallax: only one document was read (a.txt); a comparison needs two or more\n\
         parallax: compared 1 document (0 pairs, 0 with shared sentences); wrote alone.json\n"
    );
}

/// Issue 18: several stories printed as plain text each open with a line
/// naming their document.
#[test]
fn clean_text_names_each_document() {
    let work = tempfile::tempdir().unwrap();
    std::fs::write(
        work.path().join("a.txt"),
        "The port reopened on Monday after the strike.",
    )
    .unwrap();
    std::fs::write(
        work.path().join("b.txt"),
        "Ferries were cancelled for a third day.",
    )
    .unwrap();
    let output = parallax(&["clean", "--text", "a.txt", "b.txt"], work.path());
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "==> a (a.txt) <==\nThe port reopened on Monday after the strike.\n\n==> b (b.txt) <==\nFerries were cancelled for a third day.\n"
    );
}

#[test]
fn only_web_addresses_become_links() {
    // A page's metadata is as hostile as its text: a `javascript:` URL is
    // shown, never made a link.
    let work = tempfile::tempdir().unwrap();
    std::fs::write(
        work.path().join("feed.jsonl"),
        concat!(
            r#"{"id":"one","url":"javascript:alert(1)","text":"The talks in Geneva ended on Friday without a deal between the two delegations."}"#,
            "\n",
            r#"{"id":"two","url":"https://example.org/talks","text":"The talks in Geneva ended on Friday without a deal between the two delegations."}"#,
            "\n"
        ),
    )
    .unwrap();
    let output = parallax(&["compare", "feed.jsonl", "-o", "report.html"], work.path());
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let html = std::fs::read_to_string(work.path().join("report.html")).unwrap();
    assert!(!html.contains("href=\"javascript"), "unsafe link");
    assert!(
        html.contains("javascript:alert(1)"),
        "the address is still shown"
    );
    assert!(
        html.contains("href=\"https:&#x2f;&#x2f;example.org&#x2f;talks\"")
            || html.contains("href=\"https://example.org/talks\"")
    );
}
