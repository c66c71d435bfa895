//! `parallax check`: recompute each fixture corpus and compare it with its
//! golden result. The check itself is `parallax_pipeline::check`; this
//! writes the golden files when blessing and prints the drift.

use crate::failure::Failure;
use crate::output::{write_notes, write_output};
use clap::Args;
use parallax_pipeline::check::CorpusCheck;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct CheckArguments {
    #[arg(value_name = "FIXTURES")]
    fixtures: PathBuf,
    /// Rewrite expected.json from the current results and say what
    /// changed.
    #[arg(long)]
    bless: bool,
    /// Write the drift report as JSON here ("-" for standard output).
    #[arg(long, value_name = "DRIFT.json")]
    json: Option<PathBuf>,
    /// Print the drift report as Markdown, for a pull-request comment.
    #[arg(long, value_enum, value_name = "FORMAT")]
    format: Option<CheckFormat>,
}

/// How `check` prints its report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum CheckFormat {
    Text,
    Md,
}

/// Runs the check; exit 0 when every corpus holds, 1 when something
/// drifted (errors are returned, for exit status 2).
pub fn run(arguments: &CheckArguments, verbose: bool) -> Result<ExitCode, Failure> {
    let bless = arguments.bless;
    // Everything is read and computed before anything is written, so a bad
    // corpus leaves every golden file as it was.
    let reports = parallax_pipeline::check::check(&arguments.fixtures, bless)?;
    for report in &reports {
        write_notes(&report.notes, verbose);
    }
    // Every golden file is prepared before any replaces its old one: bless
    // all or none.
    let blessings: Vec<(&Path, &[u8])> = reports
        .iter()
        .filter_map(|report| report.blessing.as_ref())
        .map(|(path, text)| (path.as_path(), text.as_bytes()))
        .collect();
    parallax_report::write::write_all_atomically(&blessings)?;
    if let Some(path) = &arguments.json {
        let text = serde_json::to_string_pretty(&reports)? + "\n";
        write_output(path, &text)?;
        if path == Path::new("-") {
            return Ok(exit(&reports, bless));
        }
    }
    let mut out = std::io::stdout().lock();
    if arguments.format == Some(CheckFormat::Md) {
        write_markdown(&mut out, &reports, bless)?;
    } else {
        write_text(&mut out, &reports, bless)?;
    }
    out.flush()?;
    Ok(exit(&reports, bless))
}

fn exit(reports: &[CorpusCheck], bless: bool) -> ExitCode {
    if bless || reports.iter().all(|report| report.drifts.is_empty()) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn write_text(out: &mut impl Write, reports: &[CorpusCheck], bless: bool) -> std::io::Result<()> {
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
    reports: &[CorpusCheck],
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
