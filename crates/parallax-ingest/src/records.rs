//! Corpora as JSON: one article per line (JSON Lines), or a JSON array of
//! articles. Each record needs `text`; `title`, `url`, `outlet`,
//! `published`, `modified`, `author`, `language` and `id` are optional, and
//! other fields are ignored. A bad record is reported with its line and
//! skipped; the others are read.

use crate::{Note, mark};
use parallax_core::{Metadata, Provenance};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Record {
    text: Option<serde_json::Value>,
    title: Option<String>,
    url: Option<String>,
    outlet: Option<String>,
    published: Option<String>,
    modified: Option<String>,
    author: Option<String>,
    language: Option<String>,
    id: Option<serde_json::Value>,
}

/// One readable record: its position, text, id and the metadata it gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Article {
    /// Line number (JSON Lines) or position in the array (JSON), from 1.
    pub position: usize,
    pub id: Option<String>,
    pub text: String,
    pub metadata: Metadata,
}

/// Reads the records of a JSON Lines text. Blank lines are skipped silently.
pub(crate) fn json_lines(path: &str, text: &str) -> (Vec<Article>, Vec<Note>) {
    let parsed = text
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(index, line)| {
            let record = serde_json::from_str::<serde_json::Value>(line)
                .map_err(|error| format!("not valid JSON: {error}"))
                .and_then(record_of);
            (index + 1, record)
        });
    gather(parsed, |position| format!("{path}:{position}"))
}

/// Reads one line of a JSON Lines file, as [`json_lines`] reads each.
pub(crate) fn json_line(line: &str, position: usize) -> Result<Article, String> {
    serde_json::from_str::<serde_json::Value>(line)
        .map_err(|error| format!("not valid JSON: {error}"))
        .and_then(record_of)
        .and_then(|record| article(record, position))
}

/// One article record; anything but an object is named for what it is, as
/// serde's own message for an array ("invalid length 2, expected struct
/// Record") says nothing a user can act on.
fn record_of(value: serde_json::Value) -> Result<Record, String> {
    let what = match &value {
        serde_json::Value::Object(_) => {
            return serde_json::from_value(value)
                .map_err(|error| format!("not an article object: {error}"));
        }
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::Bool(_) => "true or false",
        serde_json::Value::Null => "null",
    };
    Err(format!("{what}, not an article object"))
}

/// Reads a JSON document: an array of records, or a single record.
pub(crate) fn json(path: &str, text: &str) -> Result<(Vec<Article>, Vec<Note>), String> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|error| format!("not valid JSON: {error}"))?;
    let values = match value {
        serde_json::Value::Array(values) => values,
        object @ serde_json::Value::Object(_) => vec![object],
        _ => return Err("expected an array of articles or one article object".to_owned()),
    };
    let parsed = values
        .into_iter()
        .enumerate()
        .map(|(index, value)| (index + 1, record_of(value)));
    Ok(gather(parsed, |position| format!("{path}[{position}]")))
}

/// Turns parsed records into articles, and every record that fails into a
/// note at `location(position)`.
fn gather(
    records: impl Iterator<Item = (usize, Result<Record, String>)>,
    location: impl Fn(usize) -> String,
) -> (Vec<Article>, Vec<Note>) {
    let mut articles = Vec::new();
    let mut notes = Vec::new();
    for (position, record) in records {
        match record.and_then(|record| article(record, position)) {
            Ok(article) => articles.push(article),
            Err(reason) => notes.push(Note::new(
                location(position),
                format!("record skipped: {reason}"),
            )),
        }
    }
    (articles, notes)
}

fn article(record: Record, position: usize) -> Result<Article, String> {
    let text = match record.text {
        Some(serde_json::Value::String(text)) => text,
        Some(_) => return Err("\"text\" is not a string".to_owned()),
        None => return Err("no \"text\" field".to_owned()),
    };
    if text.trim().is_empty() {
        return Err("\"text\" is blank".to_owned());
    }
    if text.contains('\0') {
        return Err("\"text\" holds a NUL character".to_owned());
    }
    let id = match record.id {
        Some(serde_json::Value::String(id)) if !id.trim().is_empty() => Some(id.trim().to_owned()),
        Some(serde_json::Value::Number(number)) => Some(number.to_string()),
        None | Some(serde_json::Value::Null) => None,
        Some(_) => return Err("\"id\" is neither a string nor a number".to_owned()),
    };
    let mut metadata = Metadata::default();
    let published = match record.published {
        Some(value) => Some(
            crate::sniff::normalize_iso(&value)
                .ok_or_else(|| format!("\"published\" is not an ISO 8601 date: {value:?}"))?,
        ),
        None => None,
    };
    let modified = match record.modified {
        Some(value) => Some(
            crate::sniff::normalize_iso(&value)
                .ok_or_else(|| format!("\"modified\" is not an ISO 8601 date: {value:?}"))?,
        ),
        None => None,
    };
    let fields = [
        ("title", record.title, &mut metadata.title),
        ("url", record.url, &mut metadata.url),
        ("outlet", record.outlet, &mut metadata.outlet),
        ("published", published, &mut metadata.published),
        ("modified", modified, &mut metadata.modified),
        ("author", record.author, &mut metadata.author),
        ("language", record.language, &mut metadata.language),
    ];
    let mut given = Vec::new();
    for (name, value, target) in fields {
        if let Some(value) = value.filter(|value| !value.trim().is_empty()) {
            *target = Some(value.trim().to_owned());
            given.push(name);
        }
    }
    for name in given {
        mark(&mut metadata, name, Provenance::Record);
    }
    Ok(Article {
        position,
        id,
        text,
        metadata,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_records_are_named_by_line_and_skipped() {
        let text = concat!(
            r#"{"id": "a1", "text": "First story.", "outlet": "Wire", "published": "2024-03-01T10:00:00+02:00"}"#,
            "\n\n",
            "{not json\n",
            r#"{"title": "No text"}"#,
            "\n",
            r#"{"text": 42}"#,
            "\n",
            r#"{"text": "Second story.", "id": 7, "extra": [1, 2]}"#,
            "\n",
            r#"{"text": "Third.", "published": "last Tuesday"}"#,
            "\n",
            r#"["an", "array"]"#,
            "\n",
        );
        let (articles, notes) = json_lines("feed.jsonl", text);
        let ids: Vec<(usize, Option<&str>)> = articles
            .iter()
            .map(|article| (article.position, article.id.as_deref()))
            .collect();
        assert_eq!(ids, [(1, Some("a1")), (6, Some("7"))]);
        assert_eq!(
            articles[0].metadata.published.as_deref(),
            Some("2024-03-01T08:00:00Z")
        );
        assert_eq!(
            articles[0].metadata.provenance.get("outlet"),
            Some(&Provenance::Record)
        );
        let lines: Vec<String> = notes.iter().map(ToString::to_string).collect();
        assert_eq!(lines.len(), 5, "{lines:?}");
        assert!(
            lines[0]
                .starts_with("feed.jsonl:3: record skipped: not valid JSON: key must be a string")
        );
        assert_eq!(lines[1], "feed.jsonl:4: record skipped: no \"text\" field");
        assert_eq!(
            lines[2],
            "feed.jsonl:5: record skipped: \"text\" is not a string"
        );
        assert_eq!(
            lines[3],
            "feed.jsonl:7: record skipped: \"published\" is not an ISO 8601 date: \"last Tuesday\""
        );
        assert_eq!(
            lines[4],
            "feed.jsonl:8: record skipped: an array, not an article object"
        );
    }

    #[test]
    fn json_arrays_and_single_objects() {
        let (articles, notes) = json(
            "a.json",
            r#"[{"text": "One."}, {"text": ""}, {"text": "Two."}]"#,
        )
        .unwrap();
        assert_eq!(articles.len(), 2);
        assert_eq!(articles[1].position, 3);
        assert_eq!(
            notes[0].to_string(),
            "a.json[2]: record skipped: \"text\" is blank"
        );
        let (articles, _) = json("b.json", r#"{"text": "Alone."}"#).unwrap();
        assert_eq!(articles[0].text, "Alone.");
        assert!(json("c.json", "[1, 2").is_err());
        assert!(json("d.json", "\"just a string\"").is_err());
    }
}
