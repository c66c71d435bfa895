//! Issue 3: separating the story from the page, and reading the inputs
//! users have (HTML, JSON Lines, gzip, legacy encodings).

use super::{parallax, parallax_json, repository, span};
use serde_json::Value;
use std::path::Path;

/// `parallax clean --json` on `paths`, run from `directory`.
fn clean_json(paths: &[&str], directory: &Path) -> Vec<Value> {
    let mut arguments = vec!["clean", "--json"];
    arguments.extend_from_slice(paths);
    serde_json::from_value(parallax_json(&arguments, directory)).unwrap()
}

/// The text a document's offsets index: its `text` field when it has one,
/// otherwise the file itself.
fn indexed_text(document: &Value, directory: &Path) -> String {
    match document["text"].as_str() {
        Some(text) => text.to_owned(),
        None => {
            std::fs::read_to_string(directory.join(document["path"].as_str().unwrap())).unwrap()
        }
    }
}

/// (kind, text, reason) of every segment.
fn segments(document: &Value, text: &str) -> Vec<(String, String, String)> {
    document["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|segment| {
            let (start, end) = span(segment);
            (
                segment["kind"].as_str().unwrap().to_owned(),
                text[start..end].to_owned(),
                segment["reason"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn kind_of<'a>(segments: &'a [(String, String, String)], text: &str) -> Vec<&'a str> {
    segments
        .iter()
        .filter(|(_, segment, _)| segment == text)
        .map(|(kind, _, _)| kind.as_str())
        .collect()
}

fn seed_documents() -> (Vec<Value>, std::path::PathBuf) {
    let root = repository();
    let documents = clean_json(&["fixtures/security-guarantees"], &root);
    assert_eq!(documents.len(), 5);
    (documents, root)
}

#[test]
fn sputnik_page_is_separated_as_issue_3_describes() {
    let (documents, root) = seed_documents();
    let sputnik = &documents[4];
    let text = indexed_text(sputnik, &root);
    let segments = segments(sputnik, &text);
    let set_aside = |line: &str| {
        let kinds = kind_of(&segments, line);
        assert!(!kinds.is_empty(), "no segment is exactly {line:?}");
        assert!(
            kinds
                .iter()
                .all(|kind| *kind == "metadata" || *kind == "boilerplate"),
            "{line:?} is {kinds:?}"
        );
    };
    set_aside(text.lines().next().unwrap());
    for line in [
        "Sputnik International",
        "2022-01-05T15:28+0000",
        "2023-04-12T17:14+0000",
        "russia",
        "ukraine",
        "security guarantees",
        "russia, us, nato, talks on security guarantees, eu",
        "feedback@sputniknews.com",
        "+74956456601",
        "MIA „Rossiya Segodnya“",
        "2022",
        "Oleg Burunov",
        "News",
        "en_EN",
        "22 December 2021, 09:18 GMT",
        "16 December 2021, 07:42 GMT",
        "15:28 GMT 05.01.2022 (Updated: 17:14 GMT 12.04.2023)",
    ] {
        set_aside(line);
    }
    // The headline: once the title, its two repeats set aside.
    let headline = sputnik["title"].as_str().unwrap();
    let mut headline_kinds = kind_of(&segments, headline);
    headline_kinds.sort_unstable();
    assert_eq!(headline_kinds, ["metadata", "metadata", "title"]);
    // Every image and related-article URL, also one glued to the site name
    // after it: all their bytes are set aside.
    for line in text.lines().filter(|line| line.starts_with("https://")) {
        let start = text.find(line).unwrap();
        let end = start + line.len();
        let mut covered = 0;
        for segment in sputnik["segments"].as_array().unwrap() {
            let (from, to) = span(segment);
            if from < end && to > start {
                assert!(
                    segment["kind"] == "metadata" || segment["kind"] == "boilerplate",
                    "{segment}"
                );
                covered += to.min(end) - from.max(start);
            }
        }
        assert_eq!(covered, line.len(), "{line}");
    }

    // The run-together copy: every sentence a duplicate of a body sentence
    // of the wrapped copy, which comes after the page timestamp.
    let glued_line = text
        .lines()
        .find(|line| {
            line.starts_with("The EU wants a role in the upcoming talks") && line.len() > 1000
        })
        .expect("the run-together copy");
    let glued_start = text.find(glued_line).unwrap();
    let glued_end = glued_start + glued_line.len();
    let stamp = text.find("15:28 GMT 05.01.2022").unwrap();
    let in_glued: Vec<&Value> = sputnik["segments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|segment| {
            let (start, end) = span(segment);
            start >= glued_start && end <= glued_end
        })
        .collect();
    assert!(in_glued.len() >= 10, "{}", in_glued.len());
    for segment in &in_glued {
        assert_eq!(segment["kind"], "duplicate", "{segment}");
        let reason = segment["reason"].as_str().unwrap();
        let twin = reason
            .strip_prefix("duplicate of bytes ")
            .and_then(|range| range.split_once('–'))
            .map(|(start, end)| {
                (
                    start.parse::<usize>().unwrap(),
                    end.parse::<usize>().unwrap(),
                )
            })
            .expect(reason);
        assert!(twin.0 > stamp, "the twin {twin:?} lies in the wrapped copy");
        assert!(
            sputnik["segments"]
                .as_array()
                .unwrap()
                .iter()
                .any(|other| { span(other) == twin && other["kind"] == "body" })
        );
    }
    // The wrapped copy is the body, with the paragraphs only it has.
    let body: Vec<&str> = segments
        .iter()
        .filter(|(kind, _, _)| kind == "body")
        .map(|(_, text, _)| text.as_str())
        .collect();
    for opening in [
        "The sources voiced frustration",
        "The insiders also claimed",
        "The presidents also “agreed",
        // The lede after the timestamp prefix on the same line.
        "Last week, Vladimir Chizhov",
    ] {
        assert!(
            body.iter().any(|sentence| sentence.starts_with(opening)),
            "no body sentence opens with {opening:?}"
        );
    }
    // Hard wraps joined: one sentence across the line break.
    assert!(
        body.iter()
            .any(|sentence| sentence.starts_with("The EU wants a role in\nthe upcoming talks"))
    );
    assert!(
        body.iter()
            .any(|sentence| sentence.contains("demanded that NATO stop\nits eastward expansion"))
    );

    // Metadata read from the page; the manifest's date wins over the
    // page's time that day (issue 15).
    assert_eq!(sputnik["published"], "2022-01-05");
    assert_eq!(sputnik["provenance"]["published"], "manifest");
    assert_eq!(sputnik["modified"], "2023-04-12T17:14:00Z");
    assert_eq!(sputnik["author"], "Oleg Burunov");
    assert!(
        sputnik["url"]
            .as_str()
            .unwrap()
            .starts_with("https://sputnikglobe.com/")
    );
    let tags: Vec<&str> = sputnik["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|tag| tag.as_str().unwrap())
        .collect();
    for tag in ["russia", "ukraine", "nato", "talks on security guarantees"] {
        assert!(tags.contains(&tag), "{tags:?}");
    }
}

#[test]
fn wire_pages_are_separated_as_issue_3_describes() {
    let (documents, root) = seed_documents();
    for (index, day) in [(0, "19"), (1, "18")] {
        let tass = &documents[index];
        let text = indexed_text(tass, &root);
        let segments = segments(tass, &text);
        assert_eq!(kind_of(&segments, "All news"), ["boilerplate"]);
        let lines: Vec<&str> = text
            .lines()
            .filter(|line| !line.trim().is_empty())
            .collect();
        assert_eq!(kind_of(&segments, lines[1]), ["title"]);
        assert_eq!(kind_of(&segments, lines[2]), ["standfirst"]);
        let dateline = format!("MOSCOW, December {day}. /TASS/.");
        assert_eq!(kind_of(&segments, &dateline), ["dateline"]);
        // The sentence after the dateline on the same line is body.
        let after = segments
            .iter()
            .position(|(_, segment, _)| *segment == dateline)
            .unwrap();
        assert_eq!(segments[after + 1].0, "body");
        assert_eq!(tass["outlet"], "TASS");
        assert_eq!(tass["place"], "MOSCOW");
    }
    // 000 repeats its standfirst as a body paragraph: kept, and said.
    let text = indexed_text(&documents[0], &root);
    let repeats: Vec<(String, String, String)> = segments(&documents[0], &text)
        .into_iter()
        .filter(|(_, _, reason)| reason.contains("repeats the standfirst"))
        .collect();
    assert_eq!(repeats.len(), 1, "{repeats:?}");
    assert_eq!(repeats[0].0, "body");

    let rt = &documents[2];
    let text = indexed_text(rt, &root);
    let segments_rt = segments(rt, &text);
    assert_eq!(
        kind_of(
            &segments_rt,
            "EuropeFranceMiddle EastNational NewsPoliticsUSA News"
        ),
        ["boilerplate"]
    );
    assert_eq!(
        rt["title"],
        "Key points from Moscow’s perspective on NATO-Russia negotiations"
    );
    for heading in [
        "Fundamental differences",
        "Moscow awaits concrete proposals from NATO",
        "NATO enlargement remains a key issue",
        "“The only threat to Ukraine is Ukraine itself”",
        "Luck for peace",
    ] {
        assert_eq!(kind_of(&segments_rt, heading), ["heading"], "{heading}");
    }
    assert_eq!(kind_of(&segments_rt, "RT"), ["boilerplate"]);
    assert_eq!(kind_of(&segments_rt, "Back to top button"), ["boilerplate"]);
    let disclaimer = text
        .lines()
        .find(|line| line.starts_with("Not all news on the site expresses"))
        .unwrap();
    assert_eq!(kind_of(&segments_rt, disclaimer), ["boilerplate"]);

    let anadolu = &documents[3];
    let text = indexed_text(anadolu, &root);
    let segments_aa = segments(anadolu, &text);
    assert_eq!(kind_of(&segments_aa, "MOSCOW (AA) –"), ["dateline"]);
    let cookies = text
        .lines()
        .find(|line| line.starts_with("This website uses cookies"))
        .unwrap();
    assert_eq!(kind_of(&segments_aa, cookies.trim()), ["boilerplate"]);
}

#[test]
fn furniture_no_rule_knows_is_learnt_from_a_sites_pages() {
    let root = repository();
    let documents = clean_json(&["fixtures/valley-courier"], &root);
    let shared = [
        "Valley Courier",
        "Home · Local · Farming · Schools · Letters",
        "Your trusted voice in the valley since 1921",
        "Tips? Talk to our newsroom any time, day or night.",
        "The views of letter writers are their own and are edited for length.",
        "Printed and distributed by Valley Courier Media Cooperative",
    ];
    for document in &documents[..3] {
        let text = indexed_text(document, &root);
        let segments = segments(document, &text);
        for line in shared {
            let found: Vec<&(String, String, String)> = segments
                .iter()
                .filter(|(_, segment, _)| segment == line)
                .collect();
            assert_eq!(found.len(), 1, "{line}");
            assert_eq!(found[0].0, "boilerplate", "{line}");
            assert_eq!(
                found[0].2,
                "repeated in 3 Valley Courier documents (page furniture)"
            );
        }
        // With the tagline set aside, the headline is found under it.
        let title = document["title"].as_str().unwrap();
        assert_ne!(title, "Your trusted voice in the valley since 1921");
        assert_eq!(kind_of(&segments, title), ["title"]);
    }
    // The other paper's one page teaches nothing about its own furniture.
    let herald = &documents[3];
    let text = indexed_text(herald, &root);
    assert!(
        segments(herald, &text)
            .iter()
            .all(|(_, _, reason)| !reason.contains("repeated in")),
    );
    // Without the rule, the same lines are taken for story text.
    let output = parallax(
        &[
            "clean",
            "--json",
            "--furniture-min-documents",
            "0",
            "fixtures/valley-courier",
        ],
        &root,
    );
    let plain: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    let text = indexed_text(&plain[0], &root);
    let segments = segments(&plain[0], &text);
    assert_ne!(
        kind_of(
            &segments,
            "Tips? Talk to our newsroom any time, day or night."
        ),
        ["boilerplate"]
    );
}

#[test]
fn html_pages_and_a_json_lines_feed_are_read() {
    let root = repository();
    let documents = clean_json(&["fixtures/harbour-strike"], &root);
    let ids: Vec<&str> = documents
        .iter()
        .map(|document| document["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "coastwatch-strike-over",
            "ledger-strike-ends",
            "wire-aldmere-0309",
            "wire-aldmere-0308"
        ]
    );
    let coastwatch = &documents[0];
    assert_eq!(coastwatch["source"]["format"], "html");
    assert_eq!(coastwatch["source"]["encoding"], "windows-1252");
    assert_eq!(coastwatch["source"]["offsets"], "extracted_text");
    assert_eq!(coastwatch["outlet"], "Coastwatch Daily");
    assert_eq!(
        coastwatch["title"],
        "Port Aldmere strike over as union accepts offer"
    );
    assert_eq!(coastwatch["published"], "2024-03-09T08:10:00Z");
    let text = coastwatch["text"].as_str().unwrap();
    // Windows-1252 quotes and accents decoded; page furniture not extracted.
    assert!(text.contains("Union secretary Tomás Reyes called it “a fair settlement"));
    for furniture in ["Log in", "Most read", "Sign up", "Registered office"] {
        assert!(!text.contains(furniture), "{furniture}");
    }
    let segments_coastwatch = segments(coastwatch, text);
    assert_eq!(
        kind_of(
            &segments_coastwatch,
            "Saturday 9 March 2024 – Staff and agencies"
        ),
        ["metadata"]
    );

    let ledger = &documents[1];
    assert_eq!(ledger["source"]["encoding"], "UTF-8");
    assert_eq!(ledger["author"], "Priya Natarajan");
    assert_eq!(ledger["outlet"], "The Northern Ledger");
    assert_eq!(ledger["published"], "2024-03-09T07:45:00Z");
    assert_eq!(ledger["modified"], "2024-03-09T11:20:00Z");
    assert_eq!(ledger["provenance"]["published"], "markup");
    let text = ledger["text"].as_str().unwrap();
    for furniture in [
        "We use cookies",
        "Share on Facebook",
        "Related stories",
        "All rights reserved",
        "Back to top",
    ] {
        assert!(!text.contains(furniture), "{furniture}");
    }
    let segments_ledger = segments(ledger, text);
    assert_eq!(
        kind_of(&segments_ledger, "Losses for exporters"),
        ["heading"]
    );

    let wire = &documents[2];
    assert_eq!(wire["source"]["format"], "jsonl");
    assert_eq!(wire["source"]["record"], 1);
    assert_eq!(wire["source"]["offsets"], "record_text");
    assert_eq!(wire["outlet"], "Continental Wire Service");
    assert_eq!(wire["provenance"]["outlet"], "record");
    let text = wire["text"].as_str().unwrap();
    assert_eq!(
        kind_of(&segments(wire, text), "PORT ALDMERE, March 9 (CWS) -"),
        ["dateline"]
    );

    // The page rewritten from the wire shares most of it.
    let output = parallax(
        &["compare", "--json", "-", "fixtures/harbour-strike"],
        &root,
    );
    let result: Value = serde_json::from_slice(&output.stdout).unwrap();
    let pair = result["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|pair| pair["a"] == "ledger-strike-ends" && pair["b"] == "wire-aldmere-0309")
        .unwrap();
    assert!(
        pair["scores"]["coverage_b"].as_f64().unwrap() > 0.8,
        "{pair}"
    );
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut encoder, bytes).unwrap();
    encoder.finish().unwrap()
}

#[test]
fn gzip_pages_and_bad_records() {
    let work = tempfile::tempdir().unwrap();
    let page = std::fs::read(repository().join("fixtures/harbour-strike/ledger-strike-ends.html"))
        .unwrap();
    std::fs::write(work.path().join("ledger.html.gz"), gzip(&page)).unwrap();
    std::fs::write(
        work.path().join("feed.jsonl"),
        concat!(
            r#"{"id": "one", "text": "The council approved the budget on Tuesday after a long debate."}"#,
            "\n",
            r#"{"id": "two", "title": "A record without text"}"#,
            "\n",
            "not json at all\n",
            r#"{"id": "three", "text": "Fares will rise by five percent from April, the operator said."}"#,
            "\n",
        ),
    )
    .unwrap();
    let output = parallax(
        &["clean", "--json", "ledger.html.gz", "feed.jsonl"],
        work.path(),
    );
    assert!(output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    let notes: Vec<&str> = stderr.lines().collect();
    assert_eq!(notes.len(), 2, "{stderr}");
    assert_eq!(
        notes[0],
        "parallax: note: feed.jsonl:2: record skipped: no \"text\" field"
    );
    assert!(
        notes[1].starts_with("parallax: note: feed.jsonl:3: record skipped: not valid JSON"),
        "{}",
        notes[1]
    );
    let documents: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    let ids: Vec<&str> = documents
        .iter()
        .map(|document| document["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["ledger", "one", "three"]);
    assert_eq!(documents[0]["source"]["gzip"], true);
    assert_eq!(
        documents[0]["title"],
        "Dock workers end nine-day strike after pay deal"
    );
    assert_eq!(documents[2]["source"]["record"], 4);
}

#[test]
fn encodings_are_detected_decoded_and_stated() {
    let work = tempfile::tempdir().unwrap();
    let story = "The minister’s plan – “a fair deal for Bogotá” – was approved on Monday.\n";
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(story.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(work.path().join("utf16.txt"), utf16).unwrap();
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(story.as_bytes());
    std::fs::write(work.path().join("bom.txt"), bom).unwrap();
    std::fs::write(
        work.path().join("cp1252.txt"),
        b"The minister\x92s plan \x96 \x93a fair deal for Bogot\xe1\x94 \x96 was approved on Monday.\n",
    )
    .unwrap();
    std::fs::write(work.path().join("plain.txt"), story).unwrap();
    let documents = clean_json(
        &["bom.txt", "cp1252.txt", "plain.txt", "utf16.txt"],
        work.path(),
    );
    let stated: Vec<(&str, &str, bool, Option<&str>)> = documents
        .iter()
        .map(|document| {
            (
                document["source"]["encoding"].as_str().unwrap(),
                document["source"]["offsets"].as_str().unwrap(),
                document["source"]["byte_order_mark"]
                    .as_bool()
                    .unwrap_or(false),
                document["text"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        stated,
        [
            ("UTF-8", "decoded_text", true, Some(story)),
            ("windows-1252", "decoded_text", false, Some(story)),
            // Offsets into a UTF-8 file without a mark are the file's own.
            ("UTF-8", "file", false, None),
            ("UTF-16LE", "decoded_text", true, Some(story)),
        ]
    );
    for document in &documents {
        let text = indexed_text(document, work.path());
        let body: Vec<String> = segments(document, &text)
            .into_iter()
            .filter(|(kind, _, _)| kind == "body")
            .map(|(_, text, _)| text)
            .collect();
        assert_eq!(body, [story.trim_end()], "{}", document["id"]);
    }
}

#[test]
fn clean_shows_every_removal_with_its_reason() {
    let root = repository();
    let output = parallax(
        &[
            "clean",
            "fixtures/security-guarantees/004_c1737f04b3c34130.txt",
        ],
        &root,
    );
    assert!(output.status.success());
    let margin = String::from_utf8(output.stdout).unwrap();
    // Piped and with NO_COLOR: no escape codes.
    assert!(!margin.contains('\u{1b}'));
    let line = margin
        .lines()
        .find(|line| line.ends_with("│ feedback@sputniknews.com"))
        .expect("the e-mail line in the margin view");
    assert!(line.starts_with("3972–3996"), "{line}");
    assert!(
        line.contains("metadata") && line.contains("e-mail address"),
        "{line}"
    );
    assert!(margin.contains("duplicate of bytes "));
    // The closing line sums what was set aside, kind by kind, as the JSON
    // segments do.
    let documents = clean_json(
        &["fixtures/security-guarantees/004_c1737f04b3c34130.txt"],
        &root,
    );
    let mut totals: std::collections::BTreeMap<&str, u64> = std::collections::BTreeMap::new();
    for segment in documents[0]["segments"].as_array().unwrap() {
        let kind = segment["kind"].as_str().unwrap();
        if ["metadata", "boilerplate", "duplicate"].contains(&kind) {
            *totals.entry(kind).or_insert(0) +=
                segment["end"].as_u64().unwrap() - segment["start"].as_u64().unwrap();
        }
    }
    let expected: Vec<String> = totals
        .iter()
        .map(|(kind, bytes)| format!("{bytes} B {kind}"))
        .collect();
    let last = margin.lines().last().unwrap();
    let mut printed: Vec<String> = last
        .split_once("set aside: ")
        .unwrap()
        .1
        .split(", ")
        .map(str::to_owned)
        .collect();
    printed.sort_by_key(|part| part.rsplit(' ').next().unwrap().to_owned());
    assert_eq!(printed, expected, "{last}");
    assert_eq!(
        last.split(':').nth(1).unwrap().trim(),
        format!("{} body words; set aside", documents[0]["body_words"])
    );

    let output = parallax(
        &[
            "clean",
            "--text",
            "fixtures/security-guarantees/004_c1737f04b3c34130.txt",
        ],
        &root,
    );
    let story = String::from_utf8(output.stdout).unwrap();
    let paragraphs: Vec<&str> = story.trim_end().split("\n\n").collect();
    assert!(
        paragraphs[0].starts_with("Last week, Vladimir Chizhov"),
        "{}",
        paragraphs[0]
    );
    // Hard wraps joined into one line per paragraph.
    assert!(paragraphs.contains(&"The EU wants a role in the upcoming talks on security guarantees between Russia, NATO, and the US, the Financial Times (FT) has cited unnamed highly placed European sources as saying."));
    assert!(paragraphs.iter().all(|paragraph| !paragraph.contains('\n')));
    for furniture in ["feedback@", "https://", "Oleg Burunov", "15:28 GMT"] {
        assert!(!story.contains(furniture), "{furniture}");
    }
    // The duplicated copy is not printed twice.
    assert_eq!(
        story
            .matches("Moscow has repeatedly denied the allegations")
            .count(),
        1
    );
}

#[test]
fn eval_extraction_scores_pages_against_gold_bodies() {
    let work = tempfile::tempdir().unwrap();
    std::fs::create_dir(work.path().join("html")).unwrap();
    let page = std::fs::read(repository().join("fixtures/harbour-strike/ledger-strike-ends.html"))
        .unwrap();
    std::fs::write(work.path().join("html/exact.html.gz"), gzip(&page)).unwrap();
    std::fs::write(work.path().join("html/longer.html.gz"), gzip(&page)).unwrap();
    let body = parallax(&["clean", "--text", "ledger.html"], &{
        std::fs::write(work.path().join("ledger.html"), &page).unwrap();
        work.path().to_path_buf()
    });
    let body = String::from_utf8(body.stdout).unwrap();
    let truth = serde_json::json!({
        "exact": {"articleBody": body, "url": null},
        "longer": {"articleBody": format!("{body}\nA closing paragraph the page does not have, with words of its own."), "url": null},
    });
    std::fs::write(work.path().join("ground-truth.json"), truth.to_string()).unwrap();
    let output = parallax(
        &["eval", "extraction", ".", "--json", "scores.json"],
        work.path(),
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let printed = String::from_utf8(output.stdout).unwrap();
    assert!(
        printed.starts_with("article extraction: 2 pages (0 unreadable)"),
        "{printed}"
    );
    let scores: Value =
        serde_json::from_str(&std::fs::read_to_string(work.path().join("scores.json")).unwrap())
            .unwrap();
    let page = |key: &str| {
        scores["pages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|page| page["key"] == key)
            .unwrap()["parallax"]
            .clone()
    };
    assert_eq!(page("exact")["false_positives"], 0.0);
    assert_eq!(page("exact")["false_negatives"], 0.0);
    assert_eq!(page("longer")["false_positives"], 0.0);
    assert!(page("longer")["false_negatives"].as_f64().unwrap() > 0.0);
    assert_eq!(scores["parallax"]["precision"], 1.0);
    assert!(scores["parallax"]["recall"].as_f64().unwrap() < 1.0);
    // A directory without ground truth is an input error.
    let output = parallax(&["eval", "extraction", "html"], work.path());
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8(output.stderr)
            .unwrap()
            .starts_with("parallax: error: html/ground-truth.json: cannot read")
    );
}

#[test]
fn colour_only_when_wanted_and_skipped_files_only_when_asked() {
    let root = repository();
    let run = |environment: &[(&str, &str)]| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_parallax"));
        command
            .args([
                "clean",
                "fixtures/security-guarantees/000_d974929372039791.txt",
            ])
            .current_dir(&root)
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE");
        for (name, value) in environment {
            command.env(name, value);
        }
        String::from_utf8(command.output().unwrap().stdout).unwrap()
    };
    // Piped: plain. Forced as on a terminal: coloured. NO_COLOR wins.
    assert!(!run(&[]).contains('\u{1b}'));
    assert!(run(&[("CLICOLOR_FORCE", "1")]).contains("\u{1b}[33mboilerplate"));
    assert!(!run(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]).contains('\u{1b}'));

    let quiet = parallax(
        &["compare", "fixtures/valley-courier", "--json", "-"],
        &root,
    );
    assert!(quiet.stderr.is_empty());
    let verbose = parallax(
        &["compare", "-v", "fixtures/valley-courier", "--json", "-"],
        &root,
    );
    assert_eq!(
        String::from_utf8(verbose.stderr).unwrap(),
        "parallax: note: fixtures/valley-courier/expected.json: skipped: a golden result of `parallax check`\n\
         parallax: note: fixtures/valley-courier/manifest.toml: skipped: the folder's manifest\n"
    );
}
