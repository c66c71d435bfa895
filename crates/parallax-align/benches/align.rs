//! Alignment speed on news-like documents generated here: a report and a
//! rewrite of it (copied, trimmed, reworded and reordered paragraphs), at
//! 2,000 and 20,000 words, and pairs of unrelated documents of growing
//! length, whose cost should grow close to linearly.
//!
//! `make bench` runs it; criterion prints medians.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use parallax_align::{Side, align};
use parallax_clean::{CleanDocument, clean};
use parallax_core::Document;
use std::hint::black_box;

/// A small deterministic generator (a linear congruential generator), so
/// every run measures the same text.
struct Generator(u64);

impl Generator {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, limit: u64) -> usize {
        usize::try_from(self.next() % limit).expect("small")
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "ro", "mi", "tan", "vel", "sor", "di", "lum", "pe", "qua", "ren", "to", "bis", "nor",
    "ga", "li", "fen", "mar", "os", "ti", "dra", "ve", "su", "chal",
];
const FUNCTION_WORDS: &[&str] = &[
    "the", "of", "and", "to", "in", "a", "that", "on", "for", "with", "said", "was", "by", "as",
];

/// A vocabulary of made-up words, picked with a skew so that some are
/// common and most are rare, as in news text.
fn vocabulary(generator: &mut Generator, size: usize) -> Vec<String> {
    (0..size)
        .map(|_| {
            let syllables = 1 + generator.below(3);
            (0..syllables)
                .map(|_| SYLLABLES[generator.below(SYLLABLES.len() as u64)])
                .collect()
        })
        .collect()
}

fn sentence(generator: &mut Generator, words: &[String]) -> String {
    let length = 12 + generator.below(18);
    let mut parts: Vec<String> = (0..length)
        .map(|_| {
            if generator.below(3) == 0 {
                FUNCTION_WORDS[generator.below(FUNCTION_WORDS.len() as u64)].to_owned()
            } else {
                // Squaring a uniform draw skews towards the first words.
                let draw = generator.below(1000);
                words[draw * draw * words.len() / 1_000_000].clone()
            }
        })
        .collect();
    let first = parts[0].remove(0).to_ascii_uppercase();
    parts[0].insert(0, first);
    parts.join(" ") + "."
}

/// Paragraphs of three sentences, about `words` words in all.
fn report(generator: &mut Generator, vocabulary: &[String], words: usize) -> Vec<Vec<String>> {
    let mut paragraphs = Vec::new();
    let mut count = 0;
    while count < words {
        let paragraph: Vec<String> = (0..3).map(|_| sentence(generator, vocabulary)).collect();
        count += paragraph
            .iter()
            .map(|s| s.split(' ').count())
            .sum::<usize>();
        paragraphs.push(paragraph);
    }
    paragraphs
}

/// A rewrite: every other paragraph kept (some verbatim, some with a
/// sentence dropped or a word changed), the kept ones reordered, new
/// paragraphs in between.
fn rewrite(
    generator: &mut Generator,
    vocabulary: &[String],
    original: &[Vec<String>],
) -> Vec<Vec<String>> {
    let mut kept: Vec<Vec<String>> = original
        .iter()
        .step_by(2)
        .map(|paragraph| {
            let mut paragraph = paragraph.clone();
            match generator.below(3) {
                0 => {}
                1 => {
                    paragraph.pop();
                }
                _ => {
                    let words: Vec<&str> = paragraph[0].split(' ').collect();
                    let changed = generator.below(words.len() as u64);
                    paragraph[0] = words
                        .iter()
                        .enumerate()
                        .map(|(index, word)| if index == changed { "reportedly" } else { word })
                        .collect::<Vec<_>>()
                        .join(" ");
                }
            }
            paragraph
        })
        .collect();
    // Swap neighbours: the rewrite tells things in another order.
    for index in (1..kept.len()).step_by(2) {
        kept.swap(index - 1, index);
    }
    let mut result = Vec::new();
    for paragraph in kept {
        result.push(paragraph);
        result.push((0..3).map(|_| sentence(generator, vocabulary)).collect());
    }
    result
}

fn text(paragraphs: &[Vec<String>]) -> String {
    paragraphs
        .iter()
        .map(|paragraph| paragraph.join(" "))
        .collect::<Vec<_>>()
        .join("\n\n")
        + "\n"
}

fn prepared(id: &str, text: &str) -> (Document, CleanDocument) {
    let document = parallax_ingest::document_from_text(id, id, text);
    let cleaned = clean(&document);
    (document, cleaned)
}

fn news_pair(words: usize, seed: u64) -> ((Document, CleanDocument), (Document, CleanDocument)) {
    let mut generator = Generator(seed);
    let words_list = vocabulary(&mut generator, 4000);
    let original = report(&mut generator, &words_list, words);
    let rewritten = rewrite(&mut generator, &words_list, &original);
    (
        prepared("a", &text(&original)),
        prepared("b", &text(&rewritten)),
    )
}

fn unrelated_pair(words: usize) -> ((Document, CleanDocument), (Document, CleanDocument)) {
    let mut generator = Generator(7);
    let words_list = vocabulary(&mut generator, 4000);
    let first = report(&mut generator, &words_list, words);
    let second = report(&mut generator, &words_list, words);
    (prepared("a", &text(&first)), prepared("b", &text(&second)))
}

fn benchmarks(criterion: &mut Criterion) {
    let mut group = criterion.benchmark_group("align news and rewrite");
    for words in [2_000, 20_000] {
        let ((a, a_clean), (b, b_clean)) = news_pair(words, 42);
        group.bench_with_input(BenchmarkId::from_parameter(words), &words, |bencher, _| {
            bencher.iter(|| {
                align(
                    black_box(Side::new(&a, &a_clean)),
                    black_box(Side::new(&b, &b_clean)),
                )
            });
        });
    }
    group.finish();

    // The same pairs as a first pair costs (`parallax compare` on two
    // files): the stems and sentence diffs the aligner remembers from one
    // pair to the next are forgotten before each run, outside the time.
    let mut group = criterion.benchmark_group("align news and rewrite, first pair");
    for words in [2_000, 20_000] {
        let ((a, a_clean), (b, b_clean)) = news_pair(words, 42);
        group.bench_with_input(BenchmarkId::from_parameter(words), &words, |bencher, _| {
            bencher.iter_batched(
                parallax_align::forget_remembered,
                |()| {
                    align(
                        black_box(Side::new(&a, &a_clean)),
                        black_box(Side::new(&b, &b_clean)),
                    )
                },
                criterion::BatchSize::SmallInput,
            );
        });
    }
    group.finish();

    let mut group = criterion.benchmark_group("align unrelated");
    group.sample_size(20);
    for words in [2_500, 5_000, 10_000, 20_000, 40_000] {
        let ((a, a_clean), (b, b_clean)) = unrelated_pair(words);
        group.bench_with_input(BenchmarkId::from_parameter(words), &words, |bencher, _| {
            bencher.iter(|| {
                align(
                    black_box(Side::new(&a, &a_clean)),
                    black_box(Side::new(&b, &b_clean)),
                )
            });
        });
    }
    group.finish();

    // A peer in the same run: the word diff a diff viewer shows (the
    // `similar` crate, Myers with a deadline off), over the same texts. It
    // finds only in-order matches, so it is a floor for the cost of
    // comparing, not an equal.
    let mut group = criterion.benchmark_group("peer word diff");
    group.sample_size(20);
    for words in [2_000, 20_000] {
        let ((a, _), (b, _)) = news_pair(words, 42);
        group.bench_with_input(BenchmarkId::from_parameter(words), &words, |bencher, _| {
            bencher.iter(|| {
                similar::TextDiff::configure()
                    .algorithm(similar::Algorithm::Myers)
                    .diff_unicode_words(black_box(&a.text), black_box(&b.text))
                    .ratio()
            });
        });
    }
    group.finish();

    let mut group = criterion.benchmark_group("clean");
    let (_, (b, _)) = news_pair(20_000, 42);
    group.bench_function("20000", |bencher| bencher.iter(|| clean(black_box(&b))));
    group.finish();
}

criterion_group!(benches, benchmarks);
criterion_main!(benches);
