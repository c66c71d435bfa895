//! Issue 15: how inputs are found. A manifest applies at any depth below
//! its folder, and what parallax wrote into a folder of inputs is not read
//! back as a document.

#![allow(
    clippy::float_cmp,
    reason = "the same pair scored twice by the same deterministic code gives the same number"
)]

use super::{parallax, parallax_json, repository};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// `compare --json -` on `paths`, run from `directory`.
fn compare_json(paths: &[&str], directory: &Path) -> Value {
    let mut arguments = vec!["compare", "--json", "-"];
    arguments.extend_from_slice(paths);
    parallax_json(&arguments, directory)
}

/// Pair "a ↔ b" → similarity.
fn similarities(result: &Value) -> BTreeMap<String, f64> {
    result["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|pair| {
            (
                format!("{} ↔ {}", pair["a"], pair["b"]),
                pair["scores"]["similarity"].as_f64().unwrap(),
            )
        })
        .collect()
}

/// Every corpus of the fixtures folder, compared together from its parent,
/// reads as it reads alone: each subfolder's manifest gives its outlets,
/// so furniture is learnt per outlet and every pair within a corpus scores
/// what it scores when the corpus is compared by itself.
#[test]
fn manifests_in_subfolders_apply_when_the_parent_is_given() {
    let root = repository();
    let together = compare_json(&["fixtures"], &root);
    let together_pairs = similarities(&together);
    let mut corpora = 0;
    for entry in std::fs::read_dir(root.join("fixtures")).unwrap() {
        let corpus = entry.unwrap().path();
        if !corpus.join("manifest.toml").is_file() {
            continue;
        }
        corpora += 1;
        let alone = compare_json(&[corpus.to_str().unwrap()], &root);
        for document in alone["documents"].as_array().unwrap() {
            let twin = together["documents"]
                .as_array()
                .unwrap()
                .iter()
                .find(|other| other["id"] == document["id"])
                .unwrap();
            for field in ["outlet", "title", "published"] {
                assert_eq!(twin[field], document[field], "{} {field}", document["id"]);
            }
        }
        for (pair, similarity) in similarities(&alone) {
            assert_eq!(together_pairs[&pair], similarity, "{pair}");
        }
    }
    assert_eq!(corpora, 4);
    // The footbridge story shares only the Valley Courier's page furniture
    // with the bridge story: no reuse once the furniture is known.
    assert_eq!(
        together_pairs["\"01-bridge-to-close\" ↔ \"03-footbridge-opens\""],
        0.0
    );
}

/// A manifest's date is kept over a time the page gives for that day (issue
/// 15: the Sputnik seed kept its page's time, marked "sniffed").
#[test]
fn a_manifest_date_overrides_the_sniffed_one() {
    let work = tempfile::tempdir().unwrap();
    let folder = work.path().join("reports").join("regional");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("a.txt"),
        "Bridge to close for repairs\n\n15:28 GMT 04.01.2022\n\n\
         The Mill Road bridge will close on Monday for six weeks of repairs, the council said.\n",
    )
    .unwrap();
    std::fs::write(
        folder.join("manifest.toml"),
        "[[document]]\nfile = \"a.txt\"\noutlet = \"Valley Courier\"\npublished = \"2022-01-04\"\n",
    )
    .unwrap();
    // Without the manifest, the page's time is what is known.
    std::fs::copy(folder.join("a.txt"), work.path().join("alone.txt")).unwrap();
    let documents = parallax_json(&["clean", "--json", "alone.txt"], work.path());
    assert_eq!(documents[0]["published"], "2022-01-04T15:28:00Z");
    assert_eq!(documents[0]["provenance"]["published"], "sniffed");
    // Given as the file itself, as its folder, and as a folder above.
    for path in ["reports/regional/a.txt", "reports/regional", "reports"] {
        let documents = parallax_json(&["clean", "--json", path], work.path());
        assert_eq!(documents[0]["outlet"], "Valley Courier", "{path}");
        assert_eq!(documents[0]["published"], "2022-01-04", "{path}");
        assert_eq!(
            documents[0]["provenance"]["published"], "manifest",
            "{path}"
        );
    }
}

/// Reports, results and corpus runs written into the folder of inputs are
/// passed over on the next run, and one given by name is refused with one
/// line saying what it is.
#[test]
fn outputs_written_among_the_inputs_are_not_read_back() {
    let work = tempfile::tempdir().unwrap();
    let inputs = work.path().join("inputs");
    std::fs::create_dir(&inputs).unwrap();
    let wire = "The port reopened on Tuesday after a three-day strike by dock workers ended. \
        Union leaders said the deal raised wages by six percent over two years.\n";
    std::fs::write(inputs.join("wire.txt"), wire).unwrap();
    std::fs::write(
        inputs.join("paper.txt"),
        format!("Port reopens\n\n{wire}Ships queued outside the harbour all week.\n"),
    )
    .unwrap();
    for _ in 0..2 {
        let output = parallax(
            &[
                "compare",
                "inputs",
                "--json",
                "inputs/result.json",
                "-o",
                "inputs/report.html",
            ],
            work.path(),
        );
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let output = parallax(&["corpus", "inputs", "-o", "inputs/run"], work.path());
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let result: Value =
        serde_json::from_str(&std::fs::read_to_string(inputs.join("result.json")).unwrap())
            .unwrap();
    let ids: Vec<&str> = result["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|document| document["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["paper", "wire"]);
    let pages = std::fs::read_dir(inputs.join("run/pages")).unwrap().count();
    assert_eq!(pages, 1, "one pair, one page");

    let verbose = parallax(&["clean", "--verbose", "--text", "inputs"], work.path());
    let notes = String::from_utf8_lossy(&verbose.stderr);
    for skipped in [
        "result.json: skipped: a result written by parallax",
        "report.html: skipped: a report written by parallax",
        "pairs.jsonl: skipped: pairs written by a parallax corpus run",
        "clusters.json: skipped: stories written by a parallax corpus run",
        "index.html: skipped: a report written by parallax",
    ] {
        assert!(notes.contains(skipped), "{skipped} not in {notes}");
    }

    let named = parallax(
        &["compare", "inputs/result.json", "inputs/wire.txt"],
        work.path(),
    );
    assert_eq!(named.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&named.stderr),
        "parallax: error: inputs/result.json: a result written by parallax, not a document to read\n"
    );
}
