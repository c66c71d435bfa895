//! `parallax eval`: parallax measured on public benchmark data. The work is
//! parallax-eval's; this prints it.

use crate::failure::Failure;
use crate::output::{write_output, write_output_with};
use clap::Subcommand;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Score `parallax clean --text` against gold article bodies.
    ///
    /// DIR is in the article-extraction-benchmark layout:
    /// html/<key>.html.gz and ground-truth.json ({key: {articleBody, url}}).
    /// Prints precision, recall and F1 of word 4-gram shingles (means over
    /// pages), for parallax and for its HTML extractor alone.
    Extraction {
        #[arg(value_name = "DIR")]
        directory: PathBuf,
        /// Also write every page's scores as JSON here ("-" for standard
        /// output only).
        #[arg(long, value_name = "SCORES.json")]
        json: Option<PathBuf>,
    },
    /// Align every pair of a PAN text-alignment corpus and score the
    /// passages found.
    ///
    /// DIR holds `pairs`, `susp/`, `src/` and `gold/*.xml`. Prints
    /// macro-averaged character precision and recall, granularity and
    /// plagdet (Potthast et al. 2010).
    Pan {
        #[arg(value_name = "DIR")]
        directory: PathBuf,
        /// Align with a sentence-transformers model's vectors as well as
        /// the words, as `compare --model` does.
        #[arg(long, value_name = "DIR")]
        model: Option<PathBuf>,
        /// Also write the measures as JSON here ("-" for standard output
        /// only).
        #[arg(long, value_name = "SCORES.json")]
        json: Option<PathBuf>,
    },
    /// Find quotes and reported speech in PolNeAR-layout articles and score
    /// them against the annotations.
    ///
    /// DIR holds text/<name>.txt and attributions/<name>_<annotator>.ann
    /// (brat standoff: Source, Cue and Content spans in character offsets).
    /// Prints content precision, recall and F1 (a match overlaps a gold
    /// content by at least half of the shorter), for direct quotes and the
    /// rest apart, and speaker accuracy where the speaker is named in the
    /// sentence.
    Attribution {
        #[arg(value_name = "DIR")]
        directory: PathBuf,
        /// Also write the measures, article by article, as JSON here ("-"
        /// for standard output only), with the gold attributions missed and
        /// the found ones that match none.
        #[arg(long, value_name = "SCORES.json")]
        json: Option<PathBuf>,
    },
    /// Write a generated news corpus with planted reuse (verbatim copies,
    /// rewrites, paraphrases, single reused paragraphs) and its ground
    /// truth: DIR/corpus.jsonl and DIR/truth.jsonl.
    Generate {
        #[arg(value_name = "DIR")]
        directory: PathBuf,
        /// How many documents.
        #[arg(long, default_value_t = 10_000)]
        documents: usize,
        /// The same seed writes the same corpus.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Weave 8–12-word stock phrases into a third of the sentences, so
        /// unrelated documents share exact runs by chance.
        #[arg(long)]
        chance_overlaps: bool,
        /// Put each outlet's editor's note, with a time that varies, inside
        /// the first paragraph: furniture that shares a line with the story.
        #[arg(long)]
        inline_boilerplate: bool,
        /// Publish half the copies under the outlet of the story they copy,
        /// so one outlet carries a wire text three times or more.
        #[arg(long)]
        same_outlet_copies: bool,
        /// Give one new story in six two or three sentences of an earlier
        /// one, inside one of its paragraphs: a passage passed on, the
        /// smallest reuse that is still shared reporting.
        #[arg(long)]
        shared_sentences: bool,
        /// Write the stories from real articles, the .txt files of this
        /// folder (in name order, each used once), instead of generated
        /// words; the corpus ends when they run out.
        #[arg(long, value_name = "TEXTS")]
        from: Option<PathBuf>,
    },
    /// Hold a sentence model's vectors against reference vectors for the
    /// same sentences (from sentence-transformers: `make model-check`
    /// writes them), and measure its load time and speed.
    ///
    /// REFERENCE.jsonl has one {"sentence": …, "vector": […]} a line.
    /// Prints the lowest and median cosine, the load time and sentences
    /// embedded a second.
    Model {
        #[arg(value_name = "REFERENCE.jsonl")]
        reference: PathBuf,
        /// The sentence-transformers folder to load.
        #[arg(long, value_name = "DIR", env = "PARALLAX_MODEL")]
        model: PathBuf,
        /// Also write the measures as JSON here ("-" for standard output
        /// only).
        #[arg(long, value_name = "SCORES.json")]
        json: Option<PathBuf>,
    },
    /// Propose candidate pairs over a generated corpus (see `generate`) as
    /// corpus mode does, and measure the recall of the planted pairs by
    /// kind and by Jaccard.
    Candidates {
        #[arg(value_name = "DIR")]
        directory: PathBuf,
        /// Also write the measures as JSON here ("-" for standard output
        /// only).
        #[arg(long, value_name = "SCORES.json")]
        json: Option<PathBuf>,
    },
    /// Score the pairs a `parallax corpus` run reported over a generated
    /// corpus: recall of the planted pairs by kind and by Jaccard, and
    /// precision (pairs within one planted story, and planted pairs only).
    Corpus {
        /// The generated corpus (holds truth.jsonl).
        #[arg(value_name = "DIR")]
        directory: PathBuf,
        /// The run's output folder (holds pairs.jsonl).
        #[arg(value_name = "OUT_DIR")]
        output: PathBuf,
        /// Also write the measures as JSON here ("-" for standard output
        /// only).
        #[arg(long, value_name = "SCORES.json")]
        json: Option<PathBuf>,
    },
    /// Compare the reports of each event and judge every link against the
    /// links marked by hand.
    ///
    /// DIR holds one folder per event: its reports (.txt, headline first,
    /// one sentence a paragraph) and links.tsv (a file, a sentence begins,
    /// b file, b sentence begins, same|conflict|optional). Prints
    /// precision and recall of the links, and each wrong link and missed
    /// pair.
    Claims {
        #[arg(value_name = "DIR")]
        directory: PathBuf,
        /// Link with a sentence-transformers model's vectors as well as
        /// the words, as `compare --model` does.
        #[arg(long, value_name = "DIR")]
        model: Option<PathBuf>,
        /// Also write every judged link as JSON here ("-" for standard
        /// output only).
        #[arg(long, value_name = "SCORES.json")]
        json: Option<PathBuf>,
    },
    /// Compare the reports of each event and judge every framing finding
    /// against the judgements made by reading them.
    ///
    /// DIR holds one folder per event: its reports (.txt) and framing.tsv
    /// (kind, a file, a text begins, b file, b text begins, right|wrong,
    /// note). Prints, per kind of finding, how many were found, judged
    /// and right, and whether the report shows the kind by default.
    Framing {
        #[arg(value_name = "DIR")]
        directory: PathBuf,
        /// Also write the findings nobody judged yet here, as lines of
        /// framing.tsv with the verdict left to fill in ("-" for standard
        /// output).
        #[arg(long, value_name = "FILE.tsv")]
        unjudged: Option<PathBuf>,
        /// Also write every finding and the measures as JSON here ("-" for
        /// standard output only).
        #[arg(long, value_name = "SCORES.json")]
        json: Option<PathBuf>,
    },
    /// Decide for each sentence pair of an MSRP-format file whether
    /// parallax links the two, and score the decisions.
    ///
    /// TSV columns: Quality, #1 ID, #2 ID, #1 String, #2 String (1 = same
    /// content). Prints accuracy, precision, recall and F1.
    Pairs {
        #[arg(value_name = "TSV")]
        file: PathBuf,
        /// Fit the sentence model's weights on these pairs instead, and
        /// print them with a 10-fold cross-validation estimate.
        #[arg(long)]
        fit: bool,
        /// Decide (or fit) with a sentence-transformers model's vectors as
        /// well as the words, as `compare --model` does.
        #[arg(long, value_name = "DIR")]
        model: Option<PathBuf>,
        /// Also write the measures as JSON here ("-" for standard output
        /// only).
        #[arg(long, value_name = "SCORES.json")]
        json: Option<PathBuf>,
    },
}

/// Writes `report` as JSON when asked, then prints it as a table with
/// `print`, unless the JSON went to standard output.
fn present<R: serde::Serialize>(
    json: Option<&PathBuf>,
    report: &R,
    print: impl FnOnce(&mut dyn Write, &R) -> std::io::Result<()>,
) -> Result<(), Failure> {
    if let Some(path) = json {
        write_output(path, &(serde_json::to_string_pretty(report)? + "\n"))?;
        if path.as_os_str() == "-" {
            return Ok(());
        }
    }
    let mut out = std::io::stdout().lock();
    print(&mut out, report)?;
    out.flush()?;
    Ok(())
}

pub fn run(command: &EvalCommand) -> Result<ExitCode, Failure> {
    match command {
        EvalCommand::Extraction { directory, json } => extraction(directory, json.as_ref()),
        EvalCommand::Pan {
            directory,
            model,
            json,
        } => pan(directory, model.as_deref(), json.as_ref()),
        EvalCommand::Attribution { directory, json } => attribution(directory, json.as_ref()),
        EvalCommand::Generate {
            directory,
            documents,
            seed,
            chance_overlaps,
            inline_boilerplate,
            same_outlet_copies,
            shared_sentences,
            from,
        } => generate(
            directory,
            *documents,
            *seed,
            from.as_deref(),
            parallax_eval::synthetic::Noise {
                chance_overlaps: *chance_overlaps,
                inline_boilerplate: *inline_boilerplate,
                same_outlet_copies: *same_outlet_copies,
                shared_sentences: *shared_sentences,
            },
        ),
        EvalCommand::Candidates { directory, json } => candidates(directory, json.as_ref()),
        EvalCommand::Model {
            reference,
            model,
            json,
        } => model_check(model, reference, json.as_ref()),
        EvalCommand::Corpus {
            directory,
            output,
            json,
        } => corpus_run(directory, output, json.as_ref()),
        EvalCommand::Claims {
            directory,
            model,
            json,
        } => {
            let model = model
                .as_deref()
                .map(parallax_embed::Model::load)
                .transpose()?;
            claims(directory, model.as_ref(), json.as_ref())
        }
        EvalCommand::Framing {
            directory,
            unjudged,
            json,
        } => framing(directory, unjudged.as_ref(), json.as_ref()),
        EvalCommand::Pairs {
            file,
            json,
            fit,
            model,
        } => {
            let model = model
                .as_deref()
                .map(parallax_embed::Model::load)
                .transpose()?;
            if *fit {
                fit_pairs(file, model.as_ref(), json.as_ref())
            } else {
                pairs(file, model.as_ref(), json.as_ref())
            }
        }
    }?;
    Ok(ExitCode::SUCCESS)
}

fn extraction(directory: &Path, json: Option<&PathBuf>) -> Result<(), Failure> {
    let report = parallax_eval::extraction::run(directory)?;
    present(json, &report, |out, report| {
        let failed = report
            .pages
            .iter()
            .filter(|page| page.error.is_some())
            .count();
        writeln!(
            out,
            "article extraction: {} pages ({failed} unreadable) in {}",
            report.pages.len(),
            report.benchmark
        )?;
        writeln!(
            out,
            "{:<44} {:>9} {:>7} {:>7}",
            "", "precision", "recall", "F1"
        )?;
        for (name, summary) in [
            ("parallax clean --text", report.parallax),
            ("HTML extractor alone (rs-trafilatura)", report.extractor),
        ] {
            writeln!(
                out,
                "{name:<44} {:>9.3} {:>7.3} {:>7.3}",
                summary.precision, summary.recall, summary.f1
            )?;
        }
        Ok(())
    })
}

fn pan(directory: &Path, model: Option<&Path>, json: Option<&PathBuf>) -> Result<(), Failure> {
    let model = model.map(parallax_embed::Model::load).transpose()?;
    let report = parallax_eval::pan::run(directory, model.as_ref())?;
    present(json, &report, |out, report| {
        let measures = report.measures;
        writeln!(
            out,
            "PAN text alignment: {} pairs, {} cases, {} detections in {}",
            report.pairs, measures.cases, measures.detections, report.corpus
        )?;
        writeln!(
            out,
            "precision {:.4}  recall {:.4}  F1 {:.4}  granularity {:.4}  plagdet {:.4}",
            measures.precision,
            measures.recall,
            measures.f1,
            measures.granularity,
            measures.plagdet
        )?;
        let candidates = &report.candidates;
        writeln!(
            out,
            "candidates among all {} documents ({} pairs, {} with reuse; LSH {} bands × {} rows):",
            candidates.documents,
            candidates.all_pairs,
            candidates.gold_pairs,
            candidates.lsh_parameters.bands,
            candidates.lsh_parameters.rows
        )?;
        for (name, measure) in [
            (
                "whole-document MinHash LSH, Jaccard 0.5",
                candidates.whole_document,
            ),
            (
                "shared passages (sampled content-word 6-grams)",
                candidates.passages,
            ),
            ("either", candidates.either),
        ] {
            writeln!(
                out,
                "  {name:<42} {:>6} candidates, {:>4} of {} pairs with reuse (recall {:.3})",
                measure.candidates, measure.gold_found, candidates.gold_pairs, measure.recall
            )?;
        }
        let check = &report.gold_check;
        if check.fitting < check.unobfuscated {
            let fitting = report.measures_where_gold_fits;
            writeln!(
                out,
                "gold check: only {} of {} unobfuscated cases have the same words at both gold \
                 ranges; the offsets do not fit these texts",
                check.fitting, check.unobfuscated
            )?;
            for example in &check.examples {
                writeln!(
                    out,
                    "  {} {:?} ≠ {} {:?}",
                    example.suspicious,
                    example.suspicious_start,
                    example.source,
                    example.source_start
                )?;
            }
            writeln!(
                out,
                "where the gold fits ({} cases, {} detections): precision {:.4}  recall {:.4}  \
                 F1 {:.4}  granularity {:.4}  plagdet {:.4}",
                fitting.cases,
                fitting.detections,
                fitting.precision,
                fitting.recall,
                fitting.f1,
                fitting.granularity,
                fitting.plagdet
            )?;
        }
        Ok(())
    })
}

fn fit_pairs(
    file: &Path,
    model: Option<&parallax_embed::Model>,
    json: Option<&PathBuf>,
) -> Result<(), Failure> {
    let report = parallax_eval::pairs::fit_file(file, model)?;
    present(json, &report, |out, report| {
        let (weights, count, bias) = if report.with_meaning {
            ("MEANING_WEIGHTS", "MEANING_FEATURE_COUNT", "MEANING_BIAS")
        } else {
            ("MODEL_WEIGHTS", "FEATURE_COUNT", "MODEL_BIAS")
        };
        writeln!(
            out,
            "// Fitted by `parallax eval pairs --fit{}` on {}.",
            if report.with_meaning { " --model" } else { "" },
            file.display()
        )?;
        writeln!(
            out,
            "pub const {weights}: [f64; {count}] = [{}];",
            report
                .model
                .weights
                .iter()
                .map(|weight| format!("{weight:.4}"))
                .collect::<Vec<_>>()
                .join(", ")
        )?;
        writeln!(out, "pub const {bias}: f64 = {:.4};", report.model.bias)?;
        for (name, measures) in [
            ("on the pairs it was fitted on", report.training),
            ("10-fold cross-validation", report.cross_validated),
        ] {
            writeln!(
                out,
                "{name}: accuracy {:.4}  precision {:.4}  recall {:.4}  F1 {:.4}",
                measures.accuracy, measures.precision, measures.recall, measures.f1
            )?;
        }
        Ok(())
    })
}

fn pairs(
    file: &Path,
    model: Option<&parallax_embed::Model>,
    json: Option<&PathBuf>,
) -> Result<(), Failure> {
    let report = parallax_eval::pairs::run(file, model)?;
    present(json, &report, |out, report| {
        writeln!(
            out,
            "sentence pairs: {} in {} ({:.1}% labelled same content)",
            report.measures.pairs,
            report.file,
            report.positive_share * 100.0
        )?;
        writeln!(
            out,
            "{:<34} {:>8} {:>9} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}",
            "", "accuracy", "precision", "recall", "F1", "TP", "FP", "TN", "FN"
        )?;
        for (name, measures) in [
            ("sentence matcher", report.measures),
            ("compare, one document a sentence", report.through_compare),
        ] {
            writeln!(
                out,
                "{name:<34} {:>8.4} {:>9.4} {:>6.4} {:>6.4} {:>6} {:>6} {:>6} {:>6}",
                measures.accuracy,
                measures.precision,
                measures.recall,
                measures.f1,
                measures.true_positives,
                measures.false_positives,
                measures.true_negatives,
                measures.false_negatives
            )?;
        }
        Ok(())
    })
}

fn claims(
    directory: &Path,
    model: Option<&parallax_embed::Model>,
    json: Option<&PathBuf>,
) -> Result<(), Failure> {
    let report = parallax_eval::claims::run(directory, model)?;
    present(json, &report, |out, report| {
        for link in report
            .links
            .iter()
            .filter(|link| matches!(link.judged.as_str(), "conflict" | "unmarked" | "headline"))
        {
            writeln!(
                out,
                "{} link ({}, {} {:.2}{}) {}/{}\n    {}\n    {}/{}\n    {}",
                link.judged,
                link.kind,
                link.evidence.as_deref().unwrap_or("words"),
                link.score,
                link.cosine
                    .map_or_else(String::new, |cosine| format!(", cosine {cosine:.2}")),
                link.event,
                link.a_file,
                link.a,
                link.event,
                link.b_file,
                link.b
            )?;
        }
        for missed in &report.missed {
            writeln!(
                out,
                "missed {}/{}\n    {}\n    {}/{}\n    {}",
                missed.event, missed.a_file, missed.a, missed.event, missed.b_file, missed.b
            )?;
        }
        writeln!(
            out,
            "claims: {} events, {} reports, {} pairs marked same, in {}",
            report.events, report.reports, report.marked_same, report.directory
        )?;
        writeln!(
            out,
            "links: {} right, {} wrong, {} on optional pairs, {} touching a headline",
            report.right,
            report.wrong,
            report.optional,
            report
                .links
                .iter()
                .filter(|link| link.judged == "headline")
                .count()
        )?;
        writeln!(
            out,
            "precision {:.3}  recall {:.3} ({} of {} found)  F1 {:.3}",
            report.precision, report.recall, report.found, report.marked_same, report.f1
        )
    })
}

fn framing(
    directory: &Path,
    unjudged: Option<&PathBuf>,
    json: Option<&PathBuf>,
) -> Result<(), Failure> {
    let report = parallax_eval::framing::run(directory)?;
    if let Some(path) = unjudged {
        // Judgements live in each event's folder: a comment names the
        // event before its findings.
        let mut lines = String::new();
        let mut event = None;
        for finding in report.unjudged() {
            if event != Some(&finding.event) {
                lines.push_str("# event ");
                lines.push_str(&finding.event);
                lines.push('\n');
                event = Some(&finding.event);
            }
            lines.push_str(&finding.tsv_line("?"));
            lines.push('\n');
        }
        write_output(path, &lines)?;
    }
    present(json, &report, |out, report| {
        writeln!(
            out,
            "framing: {} events, {} reports, in {}",
            report.events, report.reports, report.directory
        )?;
        writeln!(
            out,
            "{:<22} {:>6} {:>7} {:>6} {:>10}  {:>16}  shown by default",
            "kind", "found", "judged", "right", "precision", "recorded"
        )?;
        for measure in &report.kinds {
            writeln!(
                out,
                "{:<22} {:>6} {:>7} {:>6} {:>10}  {:>16}  {}",
                measure.kind.as_str(),
                measure.found,
                measure.judged,
                measure.right,
                if measure.judged == 0 {
                    "-".to_owned()
                } else {
                    format!("{:.3}", measure.precision)
                },
                format!("{} of {}", measure.recorded.right, measure.recorded.judged),
                if measure.shown_by_default {
                    "yes"
                } else {
                    "no"
                }
            )?;
        }
        let unjudged = report.unjudged().count();
        if unjudged > 0 {
            writeln!(
                out,
                "{unjudged} findings not judged yet (--unjudged lists them)"
            )?;
        }
        Ok(())
    })
}

fn model_check(model: &Path, reference: &Path, json: Option<&PathBuf>) -> Result<(), Failure> {
    let report = parallax_eval::embedding::run(model, reference)?;
    present(json, &report, |out, report| {
        writeln!(
            out,
            "sentence model {}: {} sentences against the reference",
            report.model, report.sentences
        )?;
        writeln!(
            out,
            "cosine lowest {:.6}  median {:.6}  (lowest: {:?})",
            report.lowest_cosine, report.median_cosine, report.worst
        )?;
        writeln!(
            out,
            "loaded in {:.0} ms; {:.0} sentences/s",
            report.load_milliseconds, report.sentences_per_second
        )
    })
}

fn attribution(directory: &Path, json: Option<&PathBuf>) -> Result<(), Failure> {
    let report = parallax_eval::attribution::run(directory)?;
    present(json, &report, |out, report| {
        writeln!(
            out,
            "attribution: {} articles in {}",
            report.articles.len(),
            report.corpus
        )?;
        if report.misplaced_gold_spans > 0 {
            writeln!(
                out,
                "gold check: {} of {} annotated spans do not hold their annotated text at their \
                 offsets",
                report.misplaced_gold_spans, report.gold_spans
            )?;
        }
        writeln!(
            out,
            "{:<22} {:>6} {:>6} {:>9} {:>7} {:>7}",
            "content", "gold", "found", "precision", "recall", "F1"
        )?;
        for (name, measures) in [
            ("direct quotes", report.direct),
            ("other attributions", report.other),
            ("all attributions", report.all),
        ] {
            writeln!(
                out,
                "{name:<22} {:>6} {:>6} {:>9.3} {:>7.3} {:>7.3}",
                measures.gold, measures.found, measures.precision, measures.recall, measures.f1
            )?;
        }
        writeln!(
            out,
            "speaker accuracy {:.3} ({} of {} matched attributions whose speaker is named in the \
             sentence)",
            report.speakers.accuracy, report.speakers.correct, report.speakers.named_in_sentence
        )?;
        writeln!(
            out,
            "speaker span {:.3} ({} of {} matched attributions with a source: the source span \
             overlaps the gold one, wherever it is named)",
            report.speakers.source_accuracy,
            report.speakers.source_correct,
            report.speakers.with_source
        )?;
        writeln!(
            out,
            "by how the speaker is given: found, right content, right content and speaker, precision"
        )?;
        for (evidence, measures) in &report.by_evidence {
            writeln!(
                out,
                "  {evidence:<14} {:>6} {:>6} {:>6} {:>9.3}",
                measures.found,
                measures.content_matched,
                measures.speaker_right,
                measures.precision
            )?;
        }
        writeln!(out, "by kind of framing finding, the same columns")?;
        for (kind, measures) in &report.by_kind {
            writeln!(
                out,
                "  {kind:<14} {:>6} {:>6} {:>6} {:>9.3}",
                measures.found,
                measures.content_matched,
                measures.speaker_right,
                measures.precision
            )?;
        }
        Ok(())
    })
}

#[allow(
    clippy::print_stderr,
    reason = "what was written is a log line for the terminal, not output"
)]
fn generate(
    directory: &Path,
    documents: usize,
    seed: u64,
    from: Option<&Path>,
    noise: parallax_eval::synthetic::Noise,
) -> Result<(), Failure> {
    let real = from.map(real_articles).transpose()?.unwrap_or_default();
    let fail = |error: std::io::Error| Failure::Usage(format!("{}: {error}", directory.display()));
    std::fs::create_dir_all(directory).map_err(fail)?;
    let (mut written, mut planted) = (0, 0);
    // Both files are written whole or not at all, like every output.
    write_output_with(&directory.join("truth.jsonl"), |truth| {
        write_output_with(&directory.join("corpus.jsonl"), |corpus| {
            (written, planted) = parallax_eval::synthetic::generate_with(
                documents, seed, noise, &real, corpus, truth,
            )?;
            Ok(())
        })
        .map_err(std::io::Error::other)
    })?;
    eprintln!(
        "parallax: wrote {written} documents and {planted} planted pairs to {}",
        directory.display()
    );
    Ok(())
}

/// The stories of the `.txt` articles in `folder`, in name order.
fn real_articles(folder: &Path) -> Result<Vec<parallax_eval::synthetic::Story>, Failure> {
    let fail = |reason: String| Failure::Usage(format!("{}: {reason}", folder.display()));
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .map_err(|error| fail(error.to_string()))?
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| path.extension().is_some_and(|extension| extension == "txt"))
        .collect();
    files.sort();
    let articles: Vec<String> = files
        .iter()
        .map(|file| {
            std::fs::read(file)
                .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
                .map_err(|error| Failure::Usage(format!("{}: {error}", file.display())))
        })
        .collect::<Result<_, _>>()?;
    let stories = parallax_eval::synthetic::real_stories(&articles);
    if stories.is_empty() {
        return Err(fail("no .txt article of 40 words or more".to_owned()));
    }
    Ok(stories)
}

fn corpus_run(directory: &Path, output: &Path, json: Option<&PathBuf>) -> Result<(), Failure> {
    let score = parallax_eval::synthetic::score_corpus_run(directory, &output.join("pairs.jsonl"))?;
    present(json, &score, |out, score| {
        writeln!(
            out,
            "{} pairs with reuse: {} within one planted story (precision {:.3}), {} planted (precision {:.3})",
            score.pairs,
            score.story_pairs,
            score.precision,
            score.planted_pairs,
            score.precision_planted
        )?;
        if let Some(stories) = &score.stories {
            writeln!(
                out,
                "{} stories: the largest holds {} documents (the largest planted story {}), {} \
                 mix documents of different planted stories",
                stories.stories, stories.largest, stories.largest_planted, stories.mixed
            )?;
        }
        write_recall(out, &score.recall, "found")
    })
}

fn candidates(directory: &Path, json: Option<&PathBuf>) -> Result<(), Failure> {
    let run = parallax_eval::synthetic::measure(directory)?;
    present(json, &run, |out, run| {
        writeln!(
            out,
            "candidates: {} documents ({:.1} MB), {} candidate pairs, {} of them planted",
            run.documents,
            run.bytes as f64 / 1e6,
            run.candidates,
            run.planted_candidates
        )?;
        writeln!(
            out,
            "cleaning {:.2} s ({:.0} documents/s), indexing and proposing {:.2} s",
            run.seconds_cleaning,
            run.documents as f64 / run.seconds_cleaning.max(1e-9),
            run.seconds_indexing
        )?;
        write_recall(out, &run.recall, "proposed")
    })
}

/// One line per kind of planted reuse: how many were planted, how many
/// the run `found` (or proposed), and the recall.
fn write_recall(
    out: &mut dyn Write,
    recalls: &[parallax_eval::synthetic::Recall],
    found: &str,
) -> std::io::Result<()> {
    for recall in recalls {
        writeln!(
            out,
            "  {:<18} {:>7} planted, {:>7} {found}, recall {:.3}",
            recall.name, recall.planted, recall.found, recall.recall
        )?;
    }
    Ok(())
}
