//! Issue 7: framing on the seed corpus: who is quoted, claims one report
//! states and another attributes, what only one report carries.

use super::{compare_fixture, span};
use serde_json::Value;

fn framing_of<'a>(result: &'a Value, prefix: &str) -> &'a Value {
    result["framing"]["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|document| document["id"].as_str().unwrap().starts_with(prefix))
        .unwrap()
}

/// The framing of the pair whose document ids start with `a` and `b`.
fn pair_framing<'a>(result: &'a Value, a: &str, b: &str) -> &'a Value {
    super::pair_in(&result["framing"]["pairs"], a, b)
}

/// The speakers of a document with the most statements.
fn most_quoted(document: &Value) -> Vec<String> {
    let speakers = document["speakers"].as_array().unwrap();
    let persons: Vec<&Value> = speakers
        .iter()
        .filter(|speaker| speaker["kind"] == "person")
        .collect();
    let top = persons[0]["attributions"].as_u64().unwrap();
    persons
        .iter()
        .filter(|speaker| speaker["attributions"].as_u64().unwrap() == top)
        .map(|speaker| speaker["name"].as_str().unwrap().to_owned())
        .collect()
}

/// Issue 7: Grushko is the most-quoted speaker of both TASS reports and
/// RT, Lavrov of Anadolu Agency; "he" and "the diplomat" count for them.
#[test]
fn the_most_quoted_speaker_of_each_report() {
    let (result, _, texts) = compare_fixture();
    for prefix in ["000", "001", "002"] {
        assert_eq!(
            most_quoted(framing_of(&result, prefix)),
            ["Alexander Grushko"],
            "{prefix}"
        );
    }
    assert_eq!(most_quoted(framing_of(&result, "003")), ["Sergey Lavrov"]);
    // RT names him "the diplomat" and "he" more often than "Grushko".
    let rt = framing_of(&result, "002");
    let grushko = &rt["speakers"][0];
    let mentions: Vec<&str> = grushko["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|mention| mention.as_str().unwrap())
        .collect();
    assert!(
        mentions.contains(&"the diplomat") && mentions.contains(&"he"),
        "{mentions:?}"
    );
    // Among who appears in RT, "the diplomat" counts for Grushko too.
    let entity = rt["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|entity| entity["name"] == "Alexander Grushko")
        .unwrap();
    assert!(
        entity["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .any(|alias| alias == "the diplomat"),
        "{entity}"
    );
    // Sputnik quotes three officials; each of them has more statements
    // than anyone else it names.
    let sputnik = framing_of(&result, "004");
    let persons: Vec<(&str, u64)> = sputnik["speakers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|speaker| speaker["kind"] == "person")
        .map(|speaker| {
            (
                speaker["name"].as_str().unwrap(),
                speaker["attributions"].as_u64().unwrap(),
            )
        })
        .collect();
    let top: Vec<&str> = persons.iter().take(3).map(|(name, _)| *name).collect();
    for name in ["Vladimir Chizhov", "Yuri Ushakov", "Maria Zakharova"] {
        assert!(top.contains(&name), "{persons:?}");
    }
    // Every attribution cites its content by byte offsets of the file.
    let text = &texts[sputnik["id"].as_str().unwrap()];
    for attribution in sputnik["attributions"].as_array().unwrap() {
        let (start, end) = span(&attribution["content"]);
        assert!(
            text.get(start..end)
                .is_some_and(|content| !content.trim().is_empty())
        );
    }
}

/// Issue 17 (first issue 7): TASS (19 December) gives the call for legally
/// binding guarantees to Putin ("He stressed that…"); TASS (18 December)
/// gives it to him too ("The guarantees will need to be legally binding
/// because, Putin said, …"). That is no contrast of attribution, though the
/// second sentence opens in the writer's voice.
#[test]
fn no_contrast_where_both_reports_attribute_the_claim() {
    let (result, _, texts) = compare_fixture();
    let pair = pair_framing(&result, "000", "001");
    let stressed = pair["contrasts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|contrast| {
            let (start, end) = span(&contrast["a"]);
            texts[pair["a"].as_str().unwrap()][start..end]
                .starts_with("He stressed that Russia needs")
        });
    assert!(stressed.is_none(), "{stressed:#?}");
}

/// Issue 7: only Sputnik reports the EU's complaint, and it passes it on
/// from the Financial Times, which has it from unnamed sources.
#[test]
fn what_only_sputnik_reports_and_from_whom() {
    let (result, html, texts) = compare_fixture();
    let sputnik = framing_of(&result, "004");
    let text = &texts[sputnik["id"].as_str().unwrap()];
    let unique: Vec<&str> = sputnik["unique"]
        .as_array()
        .unwrap()
        .iter()
        .map(|value| {
            let (start, end) = span(value);
            &text[start..end]
        })
        .collect();
    let complaint = unique
        .iter()
        .find(|sentence| sentence.starts_with("The EU wants a role in"))
        .expect("the EU's complaint is Sputnik's alone");
    let attribution = sputnik["attributions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|attribution| {
            let (start, end) = span(&attribution["content"]);
            complaint.contains(&text[start..end])
        })
        .expect("the complaint is attributed");
    assert_eq!(
        attribution["speaker"],
        "unnamed highly placed European sources"
    );
    let (start, end) = span(&attribution["via"]);
    assert!(text[start..end].ends_with("Financial Times (FT)"));
    // The report says so in the list of what only Sputnik carries.
    assert!(html.contains(
        "attributed to unnamed highly placed European sources, via the Financial Times (FT)"
    ));
}

/// Issue 17: "legally binding" is reported as Putin's in TASS (19
/// December), Putin's and Lavrov's in Anadolu Agency, and TASS (18
/// December) writes it around "Putin said": nobody quotes the words, so
/// two shared lower-case words are no evidence of framing and no "same
/// words, other voices" finding is made of them.
#[test]
fn shared_words_nobody_quotes_are_no_framing() {
    let (result, html, _) = compare_fixture();
    for pair in result["framing"]["pairs"].as_array().unwrap() {
        let phrases = pair["phrases"].as_array().unwrap();
        assert!(
            phrases
                .iter()
                .all(|phrase| phrase["phrase"] != "legally binding"),
            "{phrases:#?}"
        );
    }
    assert!(!html.contains("Same words, other voices"));
}

/// Issue 17: the figures that decide what a reader sees by default are the
/// ones the judgements kept with the audit set give, every finding there is
/// judged, and no kind shown by default is right less than 9 times in 10.
#[test]
fn the_audit_behind_what_the_report_shows_by_default() {
    let report = super::parallax_json(
        &["eval", "framing", "evaluation/events", "--json", "-"],
        &super::repository(),
    );
    assert_eq!(report["events"], 6);
    let unjudged: Vec<&Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|finding| finding["verdict"] == "")
        .collect();
    assert!(
        unjudged.is_empty(),
        "judge these and add them to the event's framing.tsv: {unjudged:#?}"
    );
    for measure in report["kinds"].as_array().unwrap() {
        let recorded = &measure["recorded"];
        if recorded["basis"] == "hand_judged" {
            assert_eq!(
                (&measure["judged"], &measure["right"]),
                (&recorded["judged"], &recorded["right"]),
                "AUDITED in parallax-frame disagrees with the judgements: {measure:#}"
            );
        }
        if measure["shown_by_default"] == true {
            assert!(recorded["judged"].as_u64().unwrap() >= 10, "{measure:#}");
            let precision =
                recorded["right"].as_f64().unwrap() / recorded["judged"].as_f64().unwrap();
            assert!(precision >= 0.9, "{measure:#}");
        }
    }
}

/// Issue 17: a kind of finding that was not right often enough is in the
/// report only under "Uncertain findings", with how often it was right.
#[test]
fn uncertain_findings_are_folded_away_with_their_audit() {
    let (result, html, _) = compare_fixture();
    let audit = result["framing"]["audit"].as_array().unwrap();
    let leads = audit
        .iter()
        .find(|kind| kind["kind"] == "leads_different")
        .unwrap();
    assert_eq!(leads["shown_by_default"], false, "{leads:#}");
    let uncertain = html
        .find("Uncertain findings for this pair")
        .expect("an uncertain block in a pair");
    let leads_block = html.find("<h3>Leads</h3>").unwrap();
    assert!(
        leads_block > uncertain,
        "leads sit inside the uncertain block"
    );
    assert!(html.contains(&format!(
        "right in {} of {} checked",
        leads["right"], leads["judged"]
    )));
    // Speaker marks in the aligned rows are there, hidden until asked for.
    assert!(html.contains("class=\"said uncertain-mark\""));
}

/// Issue 17: each speaker of the seeds is one identity across the five
/// reports, whatever the spelling ("Yury"/"Yuri Ushakov") or form
/// ("Grushko", "the diplomat"), with the reports that quote them; read
/// off the reports by hand.
#[test]
fn one_identity_per_person_across_reports() {
    let (result, html, _) = compare_fixture();
    let people = result["framing"]["people"].as_array().unwrap();
    let expected = [
        ("Alexander Grushko", &["000", "001", "002"][..]),
        ("Sergey Lavrov", &["003"][..]),
        ("Vladimir Chizhov", &["004"][..]),
        ("Vladimir Putin", &["000", "001", "003"][..]),
        ("Yury Ushakov", &["003", "004"][..]),
        ("Dmitry Peskov", &["001"][..]),
    ];
    for (name, documents) in expected {
        let surname = name.rsplit(' ').next().unwrap();
        let matching: Vec<&Value> = people
            .iter()
            .filter(|person| {
                person["forms"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|form| form.as_str().unwrap().contains(surname))
            })
            .collect();
        assert_eq!(matching.len(), 1, "{name}: {matching:#?}");
        assert_eq!(matching[0]["name"], name);
        let found: Vec<&str> = matching[0]["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|document| &document.as_str().unwrap()[..3])
            .collect();
        assert_eq!(found, documents, "{name}");
    }
    // Each document's speakers point at their person.
    let ushakov = people
        .iter()
        .position(|person| person["name"] == "Yury Ushakov")
        .unwrap();
    let sputnik = framing_of(&result, "004");
    let spoken = sputnik["speakers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|speaker| speaker["name"] == "Yuri Ushakov")
        .unwrap();
    assert_eq!(spoken["person"], ushakov);
    // The report's speaker table has one row for him, with his other forms.
    assert_eq!(html.matches(">Yuri Ushakov <span").count(), 0);
    assert!(html.contains("also Yuri Ushakov · Ushakov"));
}

/// Issue 17: "Russia reiterates that … is senseless, he stressed" in
/// Anadolu Agency is Lavrov's statement, not Russia's.
#[test]
fn a_frame_after_the_statement_names_its_speaker() {
    let (result, _, texts) = compare_fixture();
    let anadolu = framing_of(&result, "003");
    let text = &texts[anadolu["id"].as_str().unwrap()];
    let slice = |value: &Value| {
        let (start, end) = span(value);
        &text[start..end]
    };
    let statement = anadolu["attributions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|attribution| slice(&attribution["content"]).starts_with("Russia reiterates"))
        .expect("the statement is attributed");
    assert_eq!(statement["speaker"], "Sergey Lavrov");
    assert_eq!(slice(&statement["source"]), "he");
}

/// Issue 18: a headline reads the same everywhere: RT's title line adds the
/// site's name ("… – RT Russia & Former Soviet Union"), which the title in
/// the metadata leaves out, and so does the headline framing compares.
#[test]
fn a_headline_reads_as_the_title_without_the_site_name() {
    let (result, _, texts) = compare_fixture();
    let documents = result["documents"].as_array().unwrap();
    let headlines = result["framing"]["documents"].as_array().unwrap();
    for (document, framing) in documents.iter().zip(headlines) {
        let id = document["id"].as_str().unwrap();
        let (start, end) = span(&framing["headline"]);
        assert_eq!(
            &texts[id][start..end],
            document["title"].as_str().unwrap(),
            "{id}"
        );
    }
    let rt = &texts["002_15069ff290a583d3"];
    assert!(rt.contains("negotiations – RT Russia & Former Soviet Union"));
}
