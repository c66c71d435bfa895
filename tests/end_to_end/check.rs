//! Issue 6: `parallax check` on fixture corpora.

use super::{parallax, repository};
use serde_json::Value;
use std::path::Path;

fn copy_fixtures(to: &Path) {
    let from = repository().join("fixtures");
    for corpus in std::fs::read_dir(&from).unwrap() {
        let corpus = corpus.unwrap().path();
        let target = to.join(corpus.file_name().unwrap());
        std::fs::create_dir_all(&target).unwrap();
        for file in std::fs::read_dir(&corpus).unwrap() {
            let file = file.unwrap().path();
            std::fs::copy(&file, target.join(file.file_name().unwrap())).unwrap();
        }
    }
}

#[test]
fn the_bundled_fixtures_hold() {
    let output = parallax(&["check", "fixtures"], &repository());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert_eq!(stdout.matches(": holds").count(), 4, "{stdout}");
}

#[test]
fn switching_a_cleaning_rule_off_is_caught_then_blessed() {
    let work = tempfile::tempdir().unwrap();
    copy_fixtures(work.path());
    // An unintended change: page furniture is no longer learnt for the
    // corpus built to exercise it.
    std::fs::write(
        work.path().join("valley-courier/check.toml"),
        "furniture_min_documents = 0\n",
    )
    .unwrap();
    let golden = std::fs::read_to_string(work.path().join("valley-courier/expected.json")).unwrap();
    let output = parallax(&["check", "."], work.path());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("./valley-courier: drifted"), "{stdout}");
    assert!(stdout.contains("./harbour-strike: holds"), "{stdout}");
    // The site's masthead line was furniture; it says so, quoted.
    assert!(
        stdout.contains(
            "segment 01-bridge-to-close: 15–61 boilerplate → title \"Home · Local · Farming · Schools · Letters\""
        ),
        "{stdout}"
    );
    assert!(stdout.contains("run `parallax check --bless`"), "{stdout}");

    let json = parallax(&["check", ".", "--json", "-"], work.path());
    assert_eq!(json.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&json.stdout).unwrap();
    let valley = report
        .as_array()
        .unwrap()
        .iter()
        .find(|corpus| corpus["corpus"] == "./valley-courier")
        .unwrap();
    assert!(valley["drifts"].as_array().unwrap().len() > 5);
    // Checking never touches the golden file.
    assert_eq!(
        std::fs::read_to_string(work.path().join("valley-courier/expected.json")).unwrap(),
        golden
    );

    let blessed = parallax(&["check", ".", "--bless"], work.path());
    let stdout = String::from_utf8_lossy(&blessed.stdout);
    assert_eq!(blessed.status.code(), Some(0));
    assert!(
        stdout.contains("./valley-courier: expected.json rewritten"),
        "{stdout}"
    );
    assert!(stdout.contains("./harbour-strike: unchanged"), "{stdout}");
    let again = parallax(&["check", "."], work.path());
    assert_eq!(again.status.code(), Some(0));
}

#[test]
fn a_bad_golden_file_is_an_error_naming_it() {
    let work = tempfile::tempdir().unwrap();
    copy_fixtures(work.path());
    std::fs::write(
        work.path().join("harbour-strike/expected.json"),
        "{ not json",
    )
    .unwrap();
    let output = parallax(&["check", "."], work.path());
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("parallax: error: ./harbour-strike/expected.json: not a golden result"),
        "{stderr}"
    );
    // --bless would replace the unreadable file, but writes nothing while
    // another corpus has bad settings.
    std::fs::write(
        work.path().join("security-guarantees/check.toml"),
        "tolerance = 1\n",
    )
    .unwrap();
    let output = parallax(&["check", ".", "--bless"], work.path());
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("security-guarantees/check.toml: not valid check settings"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(work.path().join("harbour-strike/expected.json")).unwrap(),
        "{ not json"
    );
    std::fs::remove_file(work.path().join("security-guarantees/check.toml")).unwrap();
    let output = parallax(&["check", ".", "--bless"], work.path());
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        parallax(&["check", "."], work.path()).status.code(),
        Some(0)
    );
}
