//! `parallax check`: recompute each fixture corpus and compare it with its
//! golden result. The comparison itself is `parallax_report::golden`.

use crate::{InputOptions, UsageError, comparison, write_output};
use parallax_report::golden::{CheckSettings, Drift, Golden, compare};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const EXPECTED: &str = "expected.json";
const SETTINGS: &str = "check.toml";

/// One corpus's outcome.
#[derive(Debug, serde::Serialize)]
struct CorpusReport {
    corpus: String,
    drifts: Vec<Drift>,
    /// With --bless: whether expected.json was rewritten.
    blessed: bool,
}

fn corpora(fixtures: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let fail = |reason: String| UsageError(format!("{}: {reason}", fixtures.display()));
    let entries = std::fs::read_dir(fixtures).map_err(|error| fail(error.to_string()))?;
    let mut folders = Vec::new();
    for entry in entries {
        let path = entry.map_err(|error| fail(error.to_string()))?.path();
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
        return Err(fail("no corpus folders in it".to_owned()).into());
    }
    Ok(folders)
}

fn settings(corpus: &Path) -> anyhow::Result<CheckSettings> {
    let path = corpus.join(SETTINGS);
    match std::fs::read_to_string(&path) {
        Ok(text) => toml::from_str(&text).map_err(|error| {
            let reason = error.message().to_owned();
            UsageError(format!(
                "{}: not valid check settings: {reason}",
                path.display()
            ))
            .into()
        }),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(CheckSettings::default()),
        Err(error) => Err(UsageError(format!("{}: {error}", path.display())).into()),
    }
}

fn expected(corpus: &Path, bless: bool) -> anyhow::Result<Option<Golden>> {
    let path = corpus.join(EXPECTED);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound && bless => return Ok(None),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Err(UsageError(format!(
                "{}: missing; run `parallax check --bless` to write it",
                path.display()
            ))
            .into());
        }
        Err(error) => return Err(UsageError(format!("{}: {error}", path.display())).into()),
    };
    let golden: Golden = match serde_json::from_str(&text) {
        Ok(golden) => golden,
        // Blessing replaces a golden file it cannot read.
        Err(_) if bless => return Ok(None),
        Err(error) => {
            return Err(
                UsageError(format!("{}: not a golden result: {error}", path.display())).into(),
            );
        }
    };
    if golden.format != parallax_report::golden::GOLDEN_FORMAT && !bless {
        return Err(UsageError(format!(
            "{}: format {:?}, expected {:?}",
            path.display(),
            golden.format,
            parallax_report::golden::GOLDEN_FORMAT
        ))
        .into());
    }
    Ok(Some(golden))
}

/// Runs the check; exit 0 when every corpus holds, 1 when something
/// drifted (errors are returned, for exit status 2).
pub fn run(
    fixtures: &Path,
    bless: bool,
    json: Option<&Path>,
    markdown: bool,
    verbose: bool,
) -> anyhow::Result<ExitCode> {
    let mut reports = Vec::new();
    let mut blessings: Vec<(PathBuf, String)> = Vec::new();
    // Everything is read and computed before anything is written, so a bad
    // corpus leaves every golden file as it was.
    for corpus in corpora(fixtures)? {
        let settings = settings(&corpus)?;
        let old = expected(&corpus, bless)?;
        let input = InputOptions {
            paths: vec![corpus.clone()],
            furniture_min_documents: settings.furniture_min_documents.unwrap_or(3),
        };
        let (documents, result) = comparison(&input, verbose)?;
        let new = Golden::from_result(&result);
        let texts: BTreeMap<String, String> = documents
            .into_iter()
            .map(|document| (document.id, document.text))
            .collect();
        let drifts = match &old {
            Some(old) => compare(old, &new, &settings, &texts),
            None => Vec::new(),
        };
        let changed = old.as_ref() != Some(&new);
        if bless && changed {
            blessings.push((corpus.join(EXPECTED), new.to_text()));
        }
        reports.push(CorpusReport {
            corpus: corpus.display().to_string(),
            drifts,
            blessed: bless && changed,
        });
    }
    for (path, text) in &blessings {
        write_output(path, text)?;
    }
    if let Some(path) = json {
        let text = serde_json::to_string_pretty(&reports)? + "\n";
        write_output(path, &text)?;
        if path == Path::new("-") {
            return Ok(exit(&reports, bless));
        }
    }
    let mut out = std::io::stdout().lock();
    if markdown {
        write_markdown(&mut out, &reports, bless)?;
    } else {
        write_text(&mut out, &reports, bless)?;
    }
    out.flush()?;
    Ok(exit(&reports, bless))
}

fn exit(reports: &[CorpusReport], bless: bool) -> ExitCode {
    if bless || reports.iter().all(|report| report.drifts.is_empty()) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn write_text(out: &mut impl Write, reports: &[CorpusReport], bless: bool) -> std::io::Result<()> {
    for report in reports {
        let state = match (report.drifts.len(), bless, report.blessed) {
            (_, true, true) => "expected.json rewritten",
            (_, true, false) => "unchanged",
            (0, false, _) => "holds",
            _ => "drifted",
        };
        writeln!(out, "{}: {state}", report.corpus)?;
        for drift in &report.drifts {
            writeln!(out, "  {} {}: {}", drift.what, drift.place, drift.message)?;
        }
    }
    let drifted = reports
        .iter()
        .filter(|report| !report.drifts.is_empty())
        .count();
    if !bless && drifted > 0 {
        writeln!(
            out,
            "{drifted} of {} corpora drifted; if the change is intended, run `parallax check --bless`",
            reports.len()
        )?;
    }
    Ok(())
}

fn write_markdown(
    out: &mut impl Write,
    reports: &[CorpusReport],
    bless: bool,
) -> std::io::Result<()> {
    let drifted = reports
        .iter()
        .filter(|report| !report.drifts.is_empty())
        .count();
    if drifted == 0 {
        writeln!(
            out,
            "### parallax check: all {} corpora hold",
            reports.len()
        )?;
        return Ok(());
    }
    let verb = if bless {
        "changed (blessed)"
    } else {
        "drifted"
    };
    writeln!(
        out,
        "### parallax check: {drifted} of {} corpora {verb}\n",
        reports.len()
    )?;
    for report in reports.iter().filter(|report| !report.drifts.is_empty()) {
        writeln!(
            out,
            "<details><summary><code>{}</code>: {} changes</summary>\n",
            report.corpus,
            report.drifts.len()
        )?;
        writeln!(out, "| What | Where | Change |\n|---|---|---|")?;
        for drift in &report.drifts {
            let cell = |text: &str| text.replace('|', "\\|");
            writeln!(
                out,
                "| {} | `{}` | {} |",
                drift.what,
                cell(&drift.place),
                cell(&drift.message)
            )?;
        }
        writeln!(out, "\n</details>\n")?;
    }
    Ok(())
}
