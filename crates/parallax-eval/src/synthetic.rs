//! A generated news corpus with reuse planted at known places, for
//! measuring corpus mode where no public corpus has the ground truth at
//! the needed size.
//!
//! Each document is a record of `corpus.jsonl` (`id`, `outlet`,
//! `published`, `title`, `text`), written by one of 200 outlets whose pages
//! carry a header and footer of their own (shared furniture). Most
//! documents are new; the rest reuse an earlier one:
//! - `verbatim`: the same story under another outlet's furniture;
//! - `rewrite`: about a third of the sentences dropped, paragraphs
//!   reordered, new sentences added;
//! - `paraphrase`: every sentence kept with about a third of its words
//!   replaced;
//! - `paragraph`: an unrelated story that carries one paragraph (50 words
//!   or more) of an earlier one.
//!
//! `truth.jsonl` lists every planted pair with its kind, the words reused
//! and the Jaccard of the two bodies' word 5-gram sets, computed as
//! parallax computes shingles. Everything follows from the seed.

use serde::Serialize;
use std::io::Write;

/// A small deterministic generator (a linear congruential generator).
#[derive(Debug)]
struct Generator(u64);

impl Generator {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, limit: usize) -> usize {
        usize::try_from(self.next() % limit.max(1) as u64).unwrap_or(0)
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "ro", "mi", "tan", "vel", "sor", "di", "lum", "pe", "qua", "ren", "to", "bis", "nor",
    "ga", "li", "fen", "mar", "os", "ti", "dra", "ve", "su", "chal", "ber", "mon", "ia", "ex",
];
const FUNCTION_WORDS: &[&str] = &[
    "the", "of", "and", "to", "in", "a", "that", "on", "for", "with", "said", "was", "by", "as",
    "at", "from", "it", "its", "were", "after",
];

/// Stories kept for reuse: a few thousand, replaced at random as the
/// corpus grows, so memory stays flat however many documents are written.
const KEPT: usize = 4_096;

/// What was planted between two documents.
#[derive(Debug, Clone, Serialize)]
pub struct Planted {
    /// The earlier document and the one that reuses it.
    pub source: String,
    pub copy: String,
    pub kind: &'static str,
    /// Words of the source's body the copy carries.
    pub words_reused: usize,
    /// Jaccard of the two bodies' word 5-gram sets.
    pub jaccard: f64,
}

#[derive(Debug, Serialize)]
struct Record<'a> {
    id: String,
    outlet: &'a str,
    published: String,
    title: String,
    text: String,
}

/// A story as paragraphs of sentences of words.
pub type Story = Vec<Vec<Vec<String>>>;

struct Writer {
    vocabulary: Vec<String>,
    generator: Generator,
    /// Stories of real text, each used once, for a corpus written from
    /// real articles; empty for a generated one.
    real: std::collections::VecDeque<Story>,
    from_real: bool,
}

impl Writer {
    /// A writer of 20,000 made-up words from `seed`, telling the `real`
    /// stories first when there are any.
    fn new(seed: u64, real: &[Story]) -> Self {
        let mut generator = Generator(seed ^ 0x6765_6e65_7261_7465); // "generate"
        let vocabulary: Vec<String> = (0..20_000)
            .map(|_| {
                let syllables = 1 + generator.below(3);
                (0..syllables)
                    .map(|_| SYLLABLES[generator.below(SYLLABLES.len())])
                    .collect()
            })
            .collect();
        Self {
            vocabulary,
            generator,
            real: real.iter().cloned().collect(),
            from_real: !real.is_empty(),
        }
    }

    fn word(&mut self) -> String {
        if self.generator.chance(35) {
            return FUNCTION_WORDS[self.generator.below(FUNCTION_WORDS.len())].to_owned();
        }
        // Squaring a uniform draw skews towards the first words: some
        // common, most rare, as in news text.
        let draw = self.generator.below(10_000);
        let index = draw * draw / 10_000 * self.vocabulary.len() / 10_000;
        self.vocabulary[index.min(self.vocabulary.len() - 1)].clone()
    }

    fn sentence(&mut self) -> Vec<String> {
        let length = 12 + self.generator.below(18);
        (0..length).map(|_| self.word()).collect()
    }

    fn story(&mut self) -> Story {
        if self.from_real {
            return self.real.pop_front().unwrap_or_default();
        }
        let paragraphs = 4 + self.generator.below(8);
        (0..paragraphs)
            .map(|_| {
                let sentences = 2 + self.generator.below(4);
                (0..sentences).map(|_| self.sentence()).collect()
            })
            .collect()
    }
}

/// A word of a phrase woven in by chance: marked by [`PHRASE_MARK`],
/// which [`render`] drops.
const PHRASE_MARK: char = '\u{1}';

fn is_phrase_word(word: &str) -> bool {
    word.starts_with(PHRASE_MARK)
}

fn render(story: &Story) -> String {
    story
        .iter()
        .map(|paragraph| {
            paragraph
                .iter()
                .map(|sentence| {
                    let mut text = sentence
                        .iter()
                        .map(|word| word.trim_start_matches(PHRASE_MARK))
                        .collect::<Vec<_>>()
                        .join(" ");
                    if let Some(first) = text.get(..1) {
                        text = first.to_uppercase() + &text[1..];
                    }
                    // Real sentences end as they were written.
                    if !parallax_core::ends_sentence(&text) {
                        text.push('.');
                    }
                    text
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn shingle_set(body: &str) -> Vec<u64> {
    let hashes: Vec<u64> = parallax_core::tokens(body, parallax_core::Span::new(0, body.len()))
        .iter()
        .map(|token| token.hash)
        .collect();
    let mut shingles = parallax_core::shingles(&hashes, parallax_core::SHINGLE_WORDS);
    shingles.sort_unstable();
    shingles.dedup();
    shingles
}

fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let shared = parallax_core::shared_sorted(a, b);
    let union = a.len() + b.len() - shared;
    if union == 0 {
        0.0
    } else {
        shared as f64 / union as f64
    }
}

/// The story's own words: not those of phrases woven in by chance.
fn words_in(story: &Story) -> usize {
    story
        .iter()
        .flatten()
        .map(|sentence| own_words(sentence))
        .sum()
}

fn own_words(sentence: &[String]) -> usize {
    sentence.iter().filter(|word| !is_phrase_word(word)).count()
}

fn paragraph_words(paragraph: &[Vec<String>]) -> usize {
    paragraph.iter().map(|sentence| own_words(sentence)).sum()
}

/// What makes a generated corpus hard for corpus mode without being reuse.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "each is one independent switch of the generator, named by one command-line flag"
)]
pub struct Noise {
    /// Phrases of 8 to 12 words (from a pool of one per document) woven
    /// into a third of the sentences, so unrelated documents share exact
    /// runs by chance, as news text shares "said in a statement on
    /// Tuesday".
    pub chance_overlaps: bool,
    /// An outlet's standing line inside the body, sharing its paragraph
    /// with the story's own text and varying by its time: "Updated 14:05
    /// ET — Editor's note: …". Page furniture, not reuse.
    pub inline_boilerplate: bool,
    /// Half the copies are published by the outlet of the story they copy,
    /// so one outlet carries a wire text three times or more: its content,
    /// which furniture must not take for its own standing text.
    pub same_outlet_copies: bool,
    /// One new story in six carries two or three consecutive sentences of
    /// an earlier story inside one of its paragraphs: a passage passed on,
    /// the smallest reuse that is still shared reporting. Off, the corpus
    /// is the one written without it.
    pub shared_sentences: bool,
}

/// The outlets, each with its name, header line and footer line.
fn outlets() -> Vec<(String, String, String)> {
    (0..200)
        .map(|number| {
            let name = format!("Outlet {number:03}");
            let header = format!("{name} | Home | World | Business | Sport | Opinion");
            let footer = format!(
                "© {name} {}. All rights reserved. Terms of use.",
                2000 + number % 24
            );
            (name, header, footer)
        })
        .collect()
}

/// Where the noise comes from: a generator of its own, so the corpus
/// without noise is the same corpus.
struct NoiseSource {
    noise: Noise,
    writer: Writer,
    phrases: Vec<Vec<String>>,
    notes: Vec<String>,
    seed: u64,
}

impl NoiseSource {
    fn new(
        noise: Noise,
        vocabulary: &[String],
        seed: u64,
        documents: usize,
        outlets: usize,
    ) -> Self {
        let mut writer = Writer {
            vocabulary: vocabulary.to_vec(),
            generator: Generator(seed ^ 0x6e6f_6973_6521), // "noise!"
            real: std::collections::VecDeque::new(),
            from_real: false,
        };
        // As many phrases as documents: each is used about ten times,
        // often enough to be shared, too rarely to be dropped as a stock
        // phrase.
        let phrases = (0..documents.max(300))
            .map(|_| {
                let length = 8 + writer.generator.below(5);
                (0..length).map(|_| writer.word()).collect()
            })
            .collect();
        let notes = (0..outlets)
            .map(|number| {
                format!(
                    "Editor's note: this story from desk {number} has been updated with further \
                     comment from officials and a correction to an earlier version."
                )
            })
            .collect();
        Self {
            noise,
            writer,
            phrases,
            notes,
            seed,
        }
    }

    /// `story` with a phrase in about a third of the sentences that have
    /// none yet. Whether a sentence gets one, which and where follow from
    /// its words and the seed, not from any generator: a copy carries its
    /// source's phrases with the sentences it carries, and the draws that
    /// write the corpus are the same with phrases or without, so the
    /// corpus with chance phrases is the corpus without them, the same
    /// stories and planted pairs, with phrases added. The phrase's words
    /// are marked ([`PHRASE_MARK`]) so that a paraphrase keeps them as a
    /// stock phrase is kept and counts only the story's own words.
    fn weave(&self, story: &Story) -> Story {
        let mut woven = story.clone();
        if !self.noise.chance_overlaps {
            return woven;
        }
        for sentence in woven.iter_mut().flatten() {
            if sentence.iter().any(|word| is_phrase_word(word)) {
                continue;
            }
            let mut draws = Generator(
                parallax_core::hash_str(&sentence.join(" ")) ^ self.seed ^ 0x7765_6176_6521, // "weave!"
            );
            // The first draw of a generator seeded by a hash is discarded,
            // so that the ones used have gone through a step of it.
            draws.next();
            if draws.chance(33) {
                let phrase = &self.phrases[draws.below(self.phrases.len())];
                let at = draws.below(sentence.len() + 1);
                sentence.splice(
                    at..at,
                    phrase.iter().map(|word| format!("{PHRASE_MARK}{word}")),
                );
            }
        }
        woven
    }

    /// Puts the outlet's editor's note after the first paragraph's text,
    /// on its line.
    fn annotate(&mut self, body: &mut String, outlet: usize) {
        if !self.noise.inline_boilerplate {
            return;
        }
        let generator = &mut self.writer.generator;
        let note = format!(
            " Updated {:02}:{:02} ET — {}",
            generator.below(24),
            generator.below(60),
            self.notes[outlet]
        );
        let end = body.find("\n\n").unwrap_or(body.len());
        body.insert_str(end, &note);
    }
}

/// Writes `documents` generated documents to `corpus`, and the planted
/// pairs to `truth`, one JSON object a line. Returns how many pairs were
/// planted.
pub fn generate(
    documents: usize,
    seed: u64,
    corpus: &mut dyn Write,
    truth: &mut dyn Write,
) -> std::io::Result<usize> {
    generate_with(documents, seed, Noise::default(), &[], corpus, truth).map(|(_, planted)| planted)
}

/// Real articles as stories to plant reuse in: paragraphs where blank
/// lines part them (a paragraph's lines joined), sentences as parallax
/// cuts them, words where white space parts them. Articles under 40 words
/// are passed over.
#[must_use]
pub fn real_stories(articles: &[String]) -> Vec<Story> {
    articles
        .iter()
        .filter_map(|article| {
            let story: Story = article
                .split("\n\n")
                .map(|paragraph| paragraph.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|paragraph| paragraph.split_whitespace().count() >= 3)
                .map(|paragraph| {
                    parallax_core::sentences(
                        &paragraph,
                        parallax_core::Span::new(0, paragraph.len()),
                    )
                    .into_iter()
                    .map(|sentence| {
                        paragraph[sentence.start..sentence.end]
                            .split_whitespace()
                            .map(str::to_owned)
                            .collect()
                    })
                    .collect()
                })
                .collect();
            (words_in(&story) >= 40).then_some(story)
        })
        .collect()
}

/// [`generate`], with `noise` that shares text between documents without
/// being reuse, and from `real` stories ([`real_stories`]) when there are
/// any: each new story is the next real one, and the corpus ends when they
/// run out. Without noise or real stories, the corpus is the one
/// [`generate`] writes. Returns the documents written and the pairs
/// planted.
pub fn generate_with(
    documents: usize,
    seed: u64,
    noise: Noise,
    real: &[Story],
    corpus: &mut dyn Write,
    truth: &mut dyn Write,
) -> std::io::Result<(usize, usize)> {
    let mut writer = Writer::new(seed, real);
    let mut written = 0;
    let mut outlets = outlets();
    if !real.is_empty() {
        // Real articles are few: as many outlets as keep about ten
        // documents each, as a generated corpus of 2,000 has, so that an
        // outlet's furniture recurs often enough to be learnt.
        outlets.truncate((real.len() / 8).clamp(3, outlets.len()));
    }
    let mut noise_source =
        NoiseSource::new(noise, &writer.vocabulary, seed, documents, outlets.len());
    let mut kept: Vec<(String, Story, Vec<u64>, usize)> = Vec::new();
    let mut planted = 0;
    for number in 0..documents {
        if writer.from_real && writer.real.is_empty() {
            break;
        }
        written += 1;
        let id = format!("d{number:07}");
        let outlet = writer.generator.below(outlets.len());
        let roll = writer.generator.below(100);
        let source = (!kept.is_empty()).then(|| writer.generator.below(kept.len()));
        let shared_sentences = noise_source.noise.shared_sentences;
        let source = source.map(|source| (source, &kept[source].1));
        let (story, reuse) = planted_story(
            &mut writer,
            &mut noise_source.writer,
            roll,
            source,
            shared_sentences,
        );
        let outlet = match (reuse, noise_source.noise.same_outlet_copies) {
            (Some((source, ..)), true) if noise_source.writer.generator.chance(50) => {
                kept[source].3
            }
            _ => outlet,
        };
        let story = noise_source.weave(&story);
        let mut body = render(&story);
        noise_source.annotate(&mut body, outlet);
        let shingles = shingle_set(&body);
        let (name, header, footer) = &outlets[outlet];
        let title = story[0][0]
            .iter()
            .filter(|word| !is_phrase_word(word))
            .take(8)
            .cloned()
            .collect::<Vec<_>>()
            .join(" ");
        let record = Record {
            id: id.clone(),
            outlet: name,
            published: format!(
                "2024-{:02}-{:02}T{:02}:00:00Z",
                1 + (number / 2_000) % 12,
                1 + (number / 70) % 28,
                number % 24
            ),
            title,
            text: format!("{header}\n\n{body}\n\n{footer}"),
        };
        serde_json::to_writer(&mut *corpus, &record)?;
        corpus.write_all(b"\n")?;
        if let Some((source, kind, words_reused)) = reuse {
            let (source_id, _, source_shingles, _) = &kept[source];
            let planted_pair = Planted {
                source: source_id.clone(),
                copy: id.clone(),
                kind,
                words_reused,
                jaccard: (jaccard(source_shingles, &shingles) * 1000.0).round() / 1000.0,
            };
            serde_json::to_writer(&mut *truth, &planted_pair)?;
            truth.write_all(b"\n")?;
            planted += 1;
        }
        if kept.len() < KEPT {
            kept.push((id, story, shingles, outlet));
        } else {
            let slot = writer.generator.below(KEPT);
            kept[slot] = (id, story, shingles, outlet);
        }
    }
    Ok((written, planted))
}

/// A new document's story by `roll` (of 100): a copy of `source`'s story
/// of some kind, with the planted pair's (source, kind, words reused), or
/// a new story. `noise` rewords the phrases woven in by chance, so that
/// `writer` draws the same with them or without.
fn planted_story(
    writer: &mut Writer,
    noise: &mut Writer,
    roll: usize,
    source: Option<(usize, &Story)>,
    shared_sentences: bool,
) -> (Story, Option<(usize, &'static str, usize)>) {
    match (roll, source) {
        (0..=9, Some((source, source_story))) => {
            let story = source_story.clone();
            let words = words_in(&story);
            (story, Some((source, "verbatim", words)))
        }
        (10..=19, Some((source, source_story))) => {
            let mut story: Story = source_story
                .iter()
                .map(|paragraph| {
                    paragraph
                        .iter()
                        .filter(|_| !writer.generator.chance(33))
                        .cloned()
                        .collect::<Vec<_>>()
                })
                .filter(|paragraph| !paragraph.is_empty())
                .collect();
            let words = words_in(&story);
            if story.len() > 1 {
                let first = writer.generator.below(story.len());
                let second = writer.generator.below(story.len());
                story.swap(first, second);
            }
            let position = writer.generator.below(story.len() + 1);
            let added = vec![writer.sentence(), writer.sentence()];
            story.insert(position, added);
            (story, Some((source, "rewrite", words)))
        }
        (20..=27, Some((source, source_story))) => {
            let story: Story = source_story
                .iter()
                .map(|paragraph| {
                    paragraph
                        .iter()
                        .map(|sentence| {
                            sentence
                                .iter()
                                .map(|word| {
                                    // A woven phrase is reworded as much
                                    // as the rest, by the noise's own
                                    // draws, and its words stay marked.
                                    if is_phrase_word(word) {
                                        if noise.generator.chance(33) {
                                            format!("{PHRASE_MARK}{}", noise.word())
                                        } else {
                                            word.clone()
                                        }
                                    } else if writer.generator.chance(33) {
                                        writer.word()
                                    } else {
                                        word.clone()
                                    }
                                })
                                .collect()
                        })
                        .collect()
                })
                .collect();
            let words = words_in(source_story);
            (story, Some((source, "paraphrase", words)))
        }
        (28..=39, Some((source, source_story))) => {
            let mut story = writer.story();
            // The longest paragraph of the source, at least 50 words.
            let paragraph = source_story
                .iter()
                .max_by_key(|paragraph| paragraph_words(paragraph))
                .cloned()
                .unwrap_or_default();
            let mut paragraph = paragraph;
            while paragraph_words(&paragraph) < 50 {
                paragraph.push(writer.sentence());
            }
            let words = paragraph_words(&paragraph);
            let position = writer.generator.below(story.len() + 1);
            story.insert(position, paragraph);
            (story, Some((source, "paragraph", words)))
        }
        (40..=49, Some((source, source_story))) if shared_sentences => {
            let mut story = writer.story();
            let passage = passage_of(source_story, &mut writer.generator);
            let words = paragraph_words(&passage);
            if story.is_empty() {
                story.push(Vec::new());
            }
            let paragraph = writer.generator.below(story.len());
            let position = writer.generator.below(story[paragraph].len() + 1);
            story[paragraph].splice(position..position, passage);
            (story, Some((source, "sentences", words)))
        }
        _ => (writer.story(), None),
    }
}

/// Two or three consecutive sentences of `story`, running on over a
/// paragraph break where they meet one.
fn passage_of(story: &Story, generator: &mut Generator) -> Vec<Vec<String>> {
    let sentences: Vec<&Vec<String>> = story.iter().flatten().collect();
    let length = (2 + generator.below(2)).min(sentences.len());
    let start = generator.below(sentences.len() - length + 1);
    sentences[start..start + length]
        .iter()
        .map(|sentence| (*sentence).clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_articles_are_each_the_story_of_one_document_and_then_the_corpus_ends() {
        let articles: Vec<String> = (0..12)
            .map(|number| {
                let sentence = |part: usize| {
                    format!(
                        "Article {number} part {part} tells of the harbour, the ferries and the \
                         people of town {number}, who met on the quay."
                    )
                };
                format!("{}\n{}\n\n{}", sentence(0), sentence(1), sentence(2))
            })
            .chain(["Too short to be a story.".to_owned()])
            .collect();
        let real = real_stories(&articles);
        assert_eq!(real.len(), 12, "the short article is passed over");
        // Lines of one paragraph are joined; a blank line parts paragraphs.
        assert_eq!(real[0].len(), 2);
        assert_eq!(real[0][0].len(), 2);
        assert_eq!(real[0][0][0][..3], ["Article", "0", "part"]);
        let (mut corpus, mut truth) = (Vec::new(), Vec::new());
        let (written, _) =
            generate_with(1_000, 3, Noise::default(), &real, &mut corpus, &mut truth).unwrap();
        let texts: Vec<String> = String::from_utf8(corpus)
            .unwrap()
            .lines()
            .map(|line| {
                serde_json::from_str::<serde_json::Value>(line).unwrap()["text"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        assert_eq!(texts.len(), written);
        assert!(written > 12 && written < 30, "{written}");
        // Copies of a whole story; a document that carries one paragraph
        // of another tells a real story of its own.
        let copies: std::collections::HashSet<String> = String::from_utf8(truth)
            .unwrap()
            .lines()
            .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap())
            .filter(|pair| pair["kind"] != "paragraph")
            .map(|pair| pair["copy"].as_str().unwrap().to_owned())
            .collect();
        // Every document but a copy of a whole story told a real story of
        // its own: each article once, and then the corpus ended.
        assert_eq!(written - copies.len(), 12);
        for number in 0..12 {
            let opening = format!("Article {number} part 0 tells");
            assert!(texts.iter().any(|text| text.contains(&opening)), "{number}");
        }
    }

    #[test]
    fn shared_sentences_put_two_or_three_whole_sentences_of_the_source_in_the_copy() {
        let noise = Noise {
            shared_sentences: true,
            ..Noise::default()
        };
        let (mut corpus, mut truth) = (Vec::new(), Vec::new());
        generate_with(600, 5, noise, &[], &mut corpus, &mut truth).unwrap();
        let texts: std::collections::HashMap<String, String> = String::from_utf8(corpus)
            .unwrap()
            .lines()
            .map(|line| {
                let record: serde_json::Value = serde_json::from_str(line).unwrap();
                let id = record["id"].as_str().unwrap().to_owned();
                (id, record["text"].as_str().unwrap().to_owned())
            })
            .collect();
        let shared: Vec<serde_json::Value> = String::from_utf8(truth)
            .unwrap()
            .lines()
            .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap())
            .filter(|pair| pair["kind"] == "sentences")
            .collect();
        // One new story in six of the 60% that are new, less the first.
        assert!((30..90).contains(&shared.len()), "{}", shared.len());
        for pair in &shared {
            let words = pair["words_reused"].as_u64().unwrap();
            // Generated sentences hold 12 to 29 words each.
            assert!((24..=87).contains(&words), "{pair}");
            assert!(pair["jaccard"].as_f64().unwrap() < 0.3, "{pair}");
            // The copy's longest run of the source's words is the passage:
            // at least two sentences' worth, and nothing like the whole.
            let source: Vec<&str> = texts[pair["source"].as_str().unwrap()]
                .split_whitespace()
                .collect();
            let copy: Vec<&str> = texts[pair["copy"].as_str().unwrap()]
                .split_whitespace()
                .collect();
            let longest = longest_common_run(&source, &copy);
            assert!(
                longest >= usize::try_from(words).unwrap(),
                "{pair}: {longest}"
            );
            assert!(longest < source.len() / 2, "{pair}: {longest}");
        }
    }

    /// The most words in a row that `a` and `b` share, punctuation aside.
    fn longest_common_run(a: &[&str], b: &[&str]) -> usize {
        let clean = |word: &str| {
            word.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        };
        let (a, b): (Vec<String>, Vec<String>) = (
            a.iter().map(|w| clean(w)).collect(),
            b.iter().map(|w| clean(w)).collect(),
        );
        let mut previous = vec![0; b.len() + 1];
        let mut longest = 0;
        for word in &a {
            let mut current = vec![0; b.len() + 1];
            for (index, other) in b.iter().enumerate() {
                if word == other {
                    current[index + 1] = previous[index] + 1;
                    longest = longest.max(current[index + 1]);
                }
            }
            previous = current;
        }
        longest
    }

    /// The records and planted pairs of a generated corpus.
    fn written(noise: Noise) -> (Vec<serde_json::Value>, Vec<serde_json::Value>) {
        let (mut corpus, mut truth) = (Vec::new(), Vec::new());
        generate_with(800, 11, noise, &[], &mut corpus, &mut truth).unwrap();
        let lines = |bytes: Vec<u8>| -> Vec<serde_json::Value> {
            String::from_utf8(bytes)
                .unwrap()
                .lines()
                .map(|line| serde_json::from_str(line).unwrap())
                .collect()
        };
        (lines(corpus), lines(truth))
    }

    /// Whether the words of `inner` appear in `outer` in the same order.
    fn within(inner: &str, outer: &str) -> bool {
        let mut outer = outer.split_whitespace();
        inner
            .split_whitespace()
            .all(|word| outer.any(|other| other == word))
    }

    #[test]
    fn chance_phrases_are_added_to_the_corpus_written_without_them() {
        let (plain, plain_truth) = written(Noise::default());
        let noise = Noise {
            chance_overlaps: true,
            ..Noise::default()
        };
        let (woven, woven_truth) = written(noise);
        // The same documents and the same planted pairs, by kind and
        // words reused; only the Jaccard of the bodies moves.
        assert_eq!(plain.len(), woven.len());
        assert_eq!(plain_truth.len(), woven_truth.len());
        for (before, after) in plain_truth.iter().zip(&woven_truth) {
            for field in ["source", "copy", "kind", "words_reused"] {
                assert_eq!(before[field], after[field], "{before} {after}");
            }
        }
        let mut longer = 0;
        for (before, after) in plain.iter().zip(&woven) {
            for field in ["id", "outlet", "published", "title"] {
                assert_eq!(before[field], after[field]);
            }
            let (before, after) = (
                before["text"].as_str().unwrap(),
                after["text"].as_str().unwrap(),
            );
            // Sentence ends and capitals aside, words are only added.
            let plain_words = |text: &str| {
                text.split_whitespace()
                    .map(|word| word.trim_end_matches('.').to_lowercase())
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            assert!(within(&plain_words(before), &plain_words(after)));
            longer += usize::from(after.len() > before.len());
        }
        assert!(longer > plain.len() * 9 / 10, "{longer}");
        // A verbatim copy carries its source's phrases with its text.
        let bodies: std::collections::HashMap<&str, &str> = woven
            .iter()
            .map(|record| {
                // The body lies between the outlet's header and footer.
                let text = record["text"].as_str().unwrap();
                let body = &text[text.find("\n\n").unwrap() + 2..text.rfind("\n\n").unwrap()];
                (record["id"].as_str().unwrap(), body)
            })
            .collect();
        let verbatim: Vec<&serde_json::Value> = woven_truth
            .iter()
            .filter(|pair| pair["kind"] == "verbatim")
            .collect();
        assert!(verbatim.len() > 40, "{}", verbatim.len());
        for pair in verbatim {
            assert_eq!(
                bodies[pair["source"].as_str().unwrap()],
                bodies[pair["copy"].as_str().unwrap()]
            );
        }
    }

    #[test]
    fn the_same_seed_writes_the_same_corpus() {
        let run = || {
            let (mut corpus, mut truth) = (Vec::new(), Vec::new());
            let planted = generate(300, 7, &mut corpus, &mut truth).unwrap();
            (corpus, truth, planted)
        };
        let (corpus, truth, planted) = run();
        assert_eq!((corpus.clone(), truth.clone(), planted), run());
        let records: Vec<serde_json::Value> = corpus
            .split(|byte| *byte == b'\n')
            .filter(|line| !line.is_empty())
            .map(|line| serde_json::from_slice(line).unwrap())
            .collect();
        assert_eq!(records.len(), 300);
        let pairs: Vec<serde_json::Value> = truth
            .split(|byte| *byte == b'\n')
            .filter(|line| !line.is_empty())
            .map(|line| serde_json::from_slice(line).unwrap())
            .collect();
        assert_eq!(pairs.len(), planted);
        // About 40% of documents reuse an earlier one.
        assert!((90..150).contains(&planted), "{planted}");
        for pair in &pairs {
            let jaccard = pair["jaccard"].as_f64().unwrap();
            match pair["kind"].as_str().unwrap() {
                "verbatim" => assert!((jaccard - 1.0).abs() < 1e-9, "{pair}"),
                "paragraph" => {
                    assert!(jaccard < 0.5, "{pair}");
                    assert!(pair["words_reused"].as_u64().unwrap() >= 50, "{pair}");
                }
                "rewrite" | "paraphrase" => assert!(jaccard > 0.0 && jaccard < 1.0, "{pair}"),
                "sentences" => panic!("sentences planted without asking: {pair}"),
                other => panic!("unknown kind {other}"),
            }
        }
    }
}

/// Recall of one kind (or band of Jaccard) of planted pairs.
#[derive(Debug, Clone, Serialize)]
pub struct Recall {
    pub name: String,
    pub planted: usize,
    pub found: usize,
    pub recall: f64,
}

/// Candidate generation run over a generated corpus.
#[derive(Debug, Clone, Serialize)]
pub struct CandidateRun {
    pub documents: usize,
    pub bytes: usize,
    pub candidates: usize,
    /// Candidates that are planted pairs; the rest share words by chance
    /// or through furniture the cleaning left.
    pub planted_candidates: usize,
    pub recall: Vec<Recall>,
    /// Seconds spent reading and cleaning, and indexing and proposing.
    pub seconds_cleaning: f64,
    pub seconds_indexing: f64,
}

/// Planted pairs found, by kind and by band of Jaccard.
struct Tally {
    recall: Vec<Recall>,
    planted_found: usize,
    /// Each document's planted story: documents joined by planted pairs.
    stories: std::collections::HashMap<String, usize>,
}

/// Goes through `truth.jsonl` and asks `found(source, copy)` of each
/// planted pair (`None`: an id the run does not know).
fn tally(
    directory: &std::path::Path,
    found: impl Fn(&str, &str) -> Option<bool>,
) -> Result<Tally, crate::EvalError> {
    use std::io::BufRead;
    let path = directory.join("truth.jsonl");
    let file = std::fs::File::open(&path).map_err(|source| crate::EvalError::Unreadable {
        path: path.display().to_string(),
        source,
    })?;
    let bad = |line: usize, reason: String| crate::EvalError::Format {
        path: format!("{}:{line}", path.display()),
        reason,
    };
    let mut bands: Vec<(String, usize, usize)> = [
        "verbatim",
        "rewrite",
        "paraphrase",
        "paragraph",
        "sentences",
        "jaccard ≥ 0.5",
        "jaccard 0.3–0.5",
        "jaccard < 0.3",
    ]
    .iter()
    .map(|name| ((*name).to_owned(), 0, 0))
    .collect();
    let mut planted_found = 0;
    let mut names: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut edges = Vec::new();
    for (index, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|error| bad(index + 1, error.to_string()))?;
        let pair: serde_json::Value =
            serde_json::from_str(&line).map_err(|error| bad(index + 1, error.to_string()))?;
        let (Some(source), Some(copy)) = (pair["source"].as_str(), pair["copy"].as_str()) else {
            return Err(bad(index + 1, "needs \"source\" and \"copy\"".to_owned()));
        };
        let hit = found(source, copy)
            .ok_or_else(|| bad(index + 1, format!("unknown document in {source} → {copy}")))?;
        planted_found += usize::from(hit);
        for id in [source, copy] {
            let next = names.len();
            names.entry(id.to_owned()).or_insert(next);
        }
        edges.push((names[source], names[copy]));
        let jaccard = pair["jaccard"].as_f64().unwrap_or(0.0);
        let jaccard_band = if jaccard >= 0.5 {
            "jaccard ≥ 0.5"
        } else if jaccard >= 0.3 {
            "jaccard 0.3–0.5"
        } else {
            "jaccard < 0.3"
        };
        for (name, planted, hits) in &mut bands {
            if name == pair["kind"].as_str().unwrap_or_default() || name == jaccard_band {
                *planted += 1;
                *hits += usize::from(hit);
            }
        }
    }
    let mut union = parallax_core::UnionFind::new(names.len());
    for (a, b) in edges {
        union.join(a, b);
    }
    let stories = names
        .into_iter()
        .map(|(id, number)| (id, union.root(number)))
        .collect();
    // Only corpora written with `--shared-sentences` plant them: a row of
    // none planted would read as a kind missed.
    bands.retain(|(name, planted, _)| name != "sentences" || *planted > 0);
    Ok(Tally {
        recall: bands
            .into_iter()
            .map(|(name, planted, found)| Recall {
                name,
                planted,
                found,
                recall: if planted == 0 {
                    0.0
                } else {
                    found as f64 / planted as f64
                },
            })
            .collect(),
        planted_found,
        stories,
    })
}

/// How well a `parallax corpus` run over a generated corpus found the
/// planted reuse.
#[derive(Debug, Clone, Serialize)]
pub struct CorpusRunScore {
    /// Pairs the run reported with reuse.
    pub pairs: usize,
    /// Of them, planted pairs.
    pub planted_pairs: usize,
    /// Of them, two documents of one planted story (a source and its
    /// copy, or two copies of one source), which is reuse too.
    pub story_pairs: usize,
    /// `planted_pairs / pairs`: strict, as the ground truth lists only
    /// source–copy pairs.
    pub precision_planted: f64,
    /// `story_pairs / pairs`.
    pub precision: f64,
    pub recall: Vec<Recall>,
    /// The stories of the run's `clusters.json`, when it is there.
    pub stories: Option<StoryScore>,
}

/// How the stories a corpus run drew compare with the planted ones.
#[derive(Debug, Clone, Serialize)]
pub struct StoryScore {
    /// Stories the run drew.
    pub stories: usize,
    /// Documents in the run's largest story.
    pub largest: usize,
    /// Documents in the largest planted story: sources and all their
    /// copies, joined by planted pairs.
    pub largest_planted: usize,
    /// Stories holding documents of two planted stories or more (a
    /// document no pair was planted for counts as a story of its own).
    pub mixed: usize,
}

/// Scores the `pairs.jsonl` of a corpus run against the `truth.jsonl`
/// of the generated corpus in `directory`.
pub fn score_corpus_run(
    directory: &std::path::Path,
    pairs_path: &std::path::Path,
) -> Result<CorpusRunScore, crate::EvalError> {
    use std::io::BufRead;
    let file = std::fs::File::open(pairs_path).map_err(|source| crate::EvalError::Unreadable {
        path: pairs_path.display().to_string(),
        source,
    })?;
    let mut reported: std::collections::HashSet<(String, String)> =
        std::collections::HashSet::new();
    for (index, line) in std::io::BufReader::new(file).lines().enumerate() {
        let bad = |reason: String| crate::EvalError::Format {
            path: format!("{}:{}", pairs_path.display(), index + 1),
            reason,
        };
        let line = line.map_err(|error| bad(error.to_string()))?;
        let pair: serde_json::Value =
            serde_json::from_str(&line).map_err(|error| bad(error.to_string()))?;
        let (Some(a), Some(b)) = (pair["a"].as_str(), pair["b"].as_str()) else {
            return Err(bad("needs \"a\" and \"b\"".to_owned()));
        };
        reported.insert((a.min(b).to_owned(), a.max(b).to_owned()));
    }
    let tally = tally(directory, |a, b| {
        Some(reported.contains(&(a.min(b).to_owned(), a.max(b).to_owned())))
    })?;
    let story_pairs = reported
        .iter()
        .filter(|(a, b)| {
            matches!((tally.stories.get(a), tally.stories.get(b)), (Some(x), Some(y)) if x == y)
        })
        .count();
    let ratio = |part: usize| {
        if reported.is_empty() {
            0.0
        } else {
            part as f64 / reported.len() as f64
        }
    };
    let clusters = pairs_path.with_file_name("clusters.json");
    let stories = if clusters.exists() {
        Some(score_stories(&clusters, &tally.stories)?)
    } else {
        None
    };
    Ok(CorpusRunScore {
        stories,
        pairs: reported.len(),
        planted_pairs: tally.planted_found,
        story_pairs,
        precision_planted: ratio(tally.planted_found),
        precision: ratio(story_pairs),
        recall: tally.recall,
    })
}

/// Scores the stories of a run's `clusters.json` against each document's
/// planted story.
fn score_stories(
    path: &std::path::Path,
    planted: &std::collections::HashMap<String, usize>,
) -> Result<StoryScore, crate::EvalError> {
    let bad = |reason: String| crate::EvalError::Format {
        path: path.display().to_string(),
        reason,
    };
    let text = std::fs::read_to_string(path).map_err(|source| crate::EvalError::Unreadable {
        path: path.display().to_string(),
        source,
    })?;
    let clusters: Vec<serde_json::Value> =
        serde_json::from_str(&text).map_err(|error| bad(error.to_string()))?;
    let mut planted_sizes: std::collections::HashMap<usize, usize> =
        std::collections::HashMap::new();
    for story in planted.values() {
        *planted_sizes.entry(*story).or_insert(0) += 1;
    }
    let mut largest = 0;
    let mut mixed = 0;
    for cluster in &clusters {
        let documents = cluster["documents"]
            .as_array()
            .ok_or_else(|| bad("a story needs \"documents\"".to_owned()))?;
        largest = largest.max(documents.len());
        let mut origins = std::collections::HashSet::new();
        for document in documents {
            let id = document.as_str().unwrap_or_default();
            origins.insert(planted.get(id).map_or_else(|| Err(id), |story| Ok(*story)));
        }
        if origins.len() > 1 {
            mixed += 1;
        }
    }
    Ok(StoryScore {
        stories: clusters.len(),
        largest,
        largest_planted: planted_sizes.values().copied().max().unwrap_or(0),
        mixed,
    })
}

/// Reads `corpus.jsonl` and `truth.jsonl` from `directory`, prepares the
/// documents as `compare` does (furniture learnt across the corpus), indexes
/// each in both candidate indexes and measures which planted pairs are
/// proposed.
pub fn measure(directory: &std::path::Path) -> Result<CandidateRun, crate::EvalError> {
    use parallax_corpus::index::CorpusIndex;
    let clock = std::time::Instant::now();
    let prepared = parallax_pipeline::load(
        &[directory.join("corpus.jsonl")],
        &parallax_pipeline::Options::default(),
    )?;
    if let Some(note) = prepared.notes.iter().find(|note| note.important) {
        return Err(crate::EvalError::Format {
            path: note.location.clone(),
            reason: note.message.clone(),
        });
    }
    let cleaning = clock.elapsed().as_secs_f64();
    let clock = std::time::Instant::now();
    let mut indexes = CorpusIndex::new();
    let mut ids: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
    let mut bytes = 0;
    for side in prepared.sides() {
        bytes += side.document.text.len();
        let number = u32::try_from(ids.len()).unwrap_or(u32::MAX);
        ids.insert(side.document.id.clone(), number);
        indexes.insert(number, &parallax_pipeline::body_word_hashes(side));
    }
    let mut indexing = clock.elapsed().as_secs_f64();
    let clock = std::time::Instant::now();
    let (mut candidates, shared) = indexes.candidates();
    candidates.extend(shared);
    candidates.sort_unstable();
    candidates.dedup();
    indexing += clock.elapsed().as_secs_f64();
    let proposed: std::collections::HashSet<(u32, u32)> = candidates.iter().copied().collect();
    let tally = tally(directory, |a, b| {
        let (Some(&a), Some(&b)) = (ids.get(a), ids.get(b)) else {
            return None;
        };
        Some(proposed.contains(&(a.min(b), a.max(b))))
    })?;
    Ok(CandidateRun {
        documents: ids.len(),
        bytes,
        candidates: candidates.len(),
        planted_candidates: tally.planted_found,
        recall: tally.recall,
        seconds_cleaning: (cleaning * 1000.0).round() / 1000.0,
        seconds_indexing: (indexing * 1000.0).round() / 1000.0,
    })
}
