//! Holding fixture corpora to their golden results: each subfolder of a
//! fixtures folder is a corpus, compared as `compare` compares it, with an
//! `expected.json` ([`Golden`]) and an optional `check.toml`
//! ([`CheckSettings`]).

mod golden;

pub use golden::{
    Attributed, CheckSettings, Drift, GOLDEN_FORMAT, Golden, GoldenPair, Joined, Labelled, Part,
    SCORE_DECIMALS, compare as drifts, pair_key,
};

use crate::{Options, load};
use parallax_ingest::Note;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// A corpus's golden result.
pub const EXPECTED: &str = "expected.json";
/// A corpus's check settings.
pub const SETTINGS: &str = "check.toml";

/// Why a check could not run. Every variant names the file.
#[derive(Debug, Error)]
pub enum CheckError {
    /// The fixtures folder, a settings file or a golden file is unusable.
    #[error("{path}: {reason}")]
    Fixtures { path: String, reason: String },
    #[error(transparent)]
    Ingest(#[from] parallax_ingest::IngestError),
}

fn fixtures_error(path: &Path, reason: impl std::fmt::Display) -> CheckError {
    CheckError::Fixtures {
        path: path.display().to_string(),
        reason: reason.to_string(),
    }
}

/// One corpus's outcome.
#[derive(Debug, Clone, Serialize)]
pub struct CorpusCheck {
    pub corpus: String,
    pub drifts: Vec<Drift>,
    /// When blessing: whether the golden result changed.
    pub blessed: bool,
    /// When blessing changed it: the golden file and its new text.
    #[serde(skip)]
    pub blessing: Option<(PathBuf, String)>,
    /// What reading the corpus set aside.
    #[serde(skip)]
    pub notes: Vec<Note>,
}

/// The corpus folders of `fixtures`, sorted; hidden folders are passed
/// over.
pub fn corpora(fixtures: &Path) -> Result<Vec<PathBuf>, CheckError> {
    let entries = std::fs::read_dir(fixtures).map_err(|error| fixtures_error(fixtures, error))?;
    let mut folders = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|error| fixtures_error(fixtures, error))?
            .path();
        let hidden = path
            .file_name()
            .and_then(|name| name.to_str())
            .is_some_and(|name| name.starts_with('.'));
        if path.is_dir() && !hidden {
            folders.push(path);
        }
    }
    folders.sort();
    if folders.is_empty() {
        return Err(fixtures_error(fixtures, "no corpus folders in it"));
    }
    Ok(folders)
}

/// A corpus's settings; the defaults when it has no `check.toml`.
pub fn settings(corpus: &Path) -> Result<CheckSettings, CheckError> {
    let path = corpus.join(SETTINGS);
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            let settings: CheckSettings = toml::from_str(&text).map_err(|error| {
                fixtures_error(
                    &path,
                    format!("not valid check settings: {}", error.message()),
                )
            })?;
            // "nan" would turn score checking off, a negative tolerance
            // would fail every score: neither is a tolerance.
            let tolerance = settings.score_tolerance;
            if !(tolerance.is_finite() && tolerance >= 0.0) {
                return Err(fixtures_error(
                    &path,
                    format!(
                        "not valid check settings: score_tolerance must be a number of 0 or more, not {tolerance}"
                    ),
                ));
            }
            Ok(settings)
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(CheckSettings::default()),
        Err(error) => Err(fixtures_error(&path, error)),
    }
}

/// A corpus's golden result. When blessing, a missing or unreadable one is
/// `None`: it is about to be replaced.
pub fn expected(corpus: &Path, bless: bool) -> Result<Option<Golden>, CheckError> {
    let path = corpus.join(EXPECTED);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound && bless => return Ok(None),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Err(fixtures_error(
                &path,
                "missing; run `parallax check --bless` to write it",
            ));
        }
        Err(error) => return Err(fixtures_error(&path, error)),
    };
    let golden: Golden = match serde_json::from_str(&text) {
        Ok(golden) => golden,
        Err(_) if bless => return Ok(None),
        Err(error) => {
            return Err(fixtures_error(
                &path,
                format!("not a golden result: {error}"),
            ));
        }
    };
    if golden.format != GOLDEN_FORMAT && !bless {
        return Err(fixtures_error(
            &path,
            format!("format {:?}, expected {GOLDEN_FORMAT:?}", golden.format),
        ));
    }
    Ok(Some(golden))
}

/// Recomputes one corpus as `compare` would (with its settings' furniture
/// threshold) and holds it against its golden result. Nothing is written:
/// with `bless`, the new golden text is in [`CorpusCheck::blessing`] when
/// it changed.
pub fn check_corpus(corpus: &Path, bless: bool) -> Result<CorpusCheck, CheckError> {
    let settings = settings(corpus)?;
    let old = expected(corpus, bless)?;
    let mut options = Options::default();
    if let Some(threshold) = settings.furniture_min_documents {
        options.furniture_min_documents = threshold;
    }
    let prepared = load(&[corpus.to_path_buf()], &options)?;
    let texts: BTreeMap<String, String> = prepared
        .documents
        .iter()
        .map(|document| (document.id.clone(), document.text.clone()))
        .collect();
    let new = Golden::from_result(&crate::compare(&prepared), &texts);
    let drifts = match &old {
        Some(old) => drifts(old, &new, &settings, &texts),
        None => Vec::new(),
    };
    let changed = old.as_ref() != Some(&new);
    let blessing = (bless && changed).then(|| (corpus.join(EXPECTED), new.to_text()));
    Ok(CorpusCheck {
        corpus: corpus.display().to_string(),
        drifts,
        blessed: blessing.is_some(),
        blessing,
        notes: prepared.notes,
    })
}

/// Checks every corpus of `fixtures`, in order. Everything is computed
/// before anything is written, so a corpus that fails to read leaves
/// every golden file as it was.
pub fn check(fixtures: &Path, bless: bool) -> Result<Vec<CorpusCheck>, CheckError> {
    corpora(fixtures)?
        .iter()
        .map(|corpus| check_corpus(corpus, bless))
        .collect()
}
