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
