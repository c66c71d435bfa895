//! Passages: the maximal blocks of text two documents share, as PAN's
//! detections are. They come from two kinds of evidence, merged across
//! small gaps:
//! - exact runs of shared words, found by seed and extend: every word
//!   5-gram of A that occurs in B seeds a run, extended word by word in both
//!   directions while the words agree; a run crosses sentence boundaries,
//!   headings and line breaks;
//! - sentence links (near and paraphrased sentences have no long exact
//!   runs) that the words make: a link only a sentence model's sense of
//!   meaning made is the same claim, not the same text, and is not reuse.
//!
//! Words come from every segment that is not set aside (boilerplate,
//! metadata and duplicates take no part), so a heading inside a copied block
//! does not cut the block in two.

use crate::sentence::round;
use parallax_clean::CleanDocument;
use parallax_core::{Link, LinkEvidence, LinkKind, SegmentKind, Span};
use rustc_hash::FxHashMap as HashMap;

/// Words in a seed.
const SEED_WORDS: usize = 5;

/// A seed found more often than this in B is a stock phrase ("said in a
/// statement on"): it seeds nothing, so repetitive text cannot multiply
/// runs. Runs still extend through it from a rarer seed.
const SEED_MAX_OCCURRENCES: usize = 8;
/// An exact run shorter than this, with no sentence link behind it, is
/// coincidence.
pub const RUN_MIN_WORDS: usize = 8;
/// An exact run of fewer words than this that holds no whole sentence on
/// either side is a fragment: a stock phrase or a piece of a list ("please
/// do not hesitate to", an address, "Yellowstone National Park, Grand
/// Teton National Park, the", "Russian Deputy Foreign Minister Alexander
/// Grushko said on"). It is no passage by itself; inside a linked sentence
/// the link stands for it.
pub const FRAGMENT_MAX_WORDS: usize = 15;
/// Pieces this close on both sides (in words) belong to one passage: an
/// inserted or dropped phrase does not split a copied block.
pub const GAP_MAX_WORDS: usize = 6;

/// Set-aside text longer than this (a scraped second copy, a block of
/// links) separates two blocks of a page: no run or passage spans it. A
/// stray metadata line inside a copied block does not.
pub const BLOCK_BREAK_BYTES: usize = 200;

/// The words of one document as passages are found in them, and the
/// hashes of their seeds: read once however many documents it is aligned
/// with.
#[derive(Debug, Clone, Default)]
pub(crate) struct PassageWords {
    words: Vec<Word>,
    seeds: Vec<u64>,
    /// Where each seed starts, made the first time the other side looks
    /// its seeds up in this document (when it is B), then kept for every
    /// pair it is in: a map of positions made for each pair cost an
    /// allocation for every seed, and a document only ever aligned as A
    /// needs none.
    starts: std::sync::OnceLock<SeedIndex>,
}

/// Each seed's first and last start and how many times it starts, and for
/// each start of a seed the next start of the same seed.
#[derive(Debug, Clone)]
struct SeedIndex {
    starts: HashMap<u64, SeedStarts>,
    next_start: Vec<u32>,
}

/// Where one seed starts: the first and last time, and how many times.
#[derive(Debug, Clone, Copy)]
struct SeedStarts {
    first: u32,
    last: u32,
    count: u32,
}

impl SeedIndex {
    fn of(seeds: &[u64]) -> Self {
        let mut starts: HashMap<u64, SeedStarts> =
            HashMap::with_capacity_and_hasher(seeds.len(), rustc_hash::FxBuildHasher);
        let mut next_start = vec![0; seeds.len()];
        for (&seed, position) in seeds.iter().zip(0..) {
            let known = starts.entry(seed).or_insert(SeedStarts {
                first: position,
                last: position,
                count: 0,
            });
            if known.count > 0 {
                next_start[known.last as usize] = position;
                known.last = position;
            }
            known.count += 1;
        }
        Self { starts, next_start }
    }
}

impl PassageWords {
    /// The words of every segment kept, hashed once: each body segment's
    /// words are handed to `body` as well, since the aligner reads its
    /// sentences from the same words.
    pub(crate) fn new(
        text: &str,
        clean: &CleanDocument,
        body: impl FnMut(Span, &[(Span, u64)]),
    ) -> Self {
        let words = words(text, clean, body);
        let seeds = if words.len() < SEED_WORDS {
            Vec::new()
        } else {
            seed_hashes(&words)
        };
        Self {
            words,
            seeds,
            starts: std::sync::OnceLock::new(),
        }
    }

    /// Where seed `hash` starts, in order, unless it starts more than
    /// [`SEED_MAX_OCCURRENCES`] times (a stock phrase seeds nothing).
    fn seed_starts(&self, hash: u64) -> impl Iterator<Item = usize> + '_ {
        let index = self.starts.get_or_init(|| SeedIndex::of(&self.seeds));
        let (first, count) = match index.starts.get(&hash) {
            Some(known) if known.count as usize <= SEED_MAX_OCCURRENCES => {
                (known.first, known.count as usize)
            }
            _ => (0, 0),
        };
        std::iter::successors(Some(first), |&position| {
            Some(index.next_start[position as usize])
        })
        .take(count)
        .map(|position| position as usize)
    }
}

/// One word of the text the aligner may use.
#[derive(Debug, Clone, Copy)]
struct Word {
    hash: u64,
    span: Span,
    /// Which block of the page the word is in.
    block: usize,
}

fn words(
    text: &str,
    clean: &CleanDocument,
    mut body: impl FnMut(Span, &[(Span, u64)]),
) -> Vec<Word> {
    // Sized for the kept text, so that most documents' lists are allocated
    // once where growing from nothing reallocated them eight times or so.
    let kept: usize = clean
        .segments
        .iter()
        .filter(|segment| !segment.kind.is_set_aside())
        .map(|segment| segment.end - segment.start)
        .sum();
    let mut words = Vec::with_capacity(parallax_core::word_room(kept));
    let mut segment_words: Vec<(Span, u64)> = Vec::new();
    let mut block = 0;
    let mut set_aside = 0;
    for segment in &clean.segments {
        if segment.kind.is_set_aside() {
            set_aside += segment.end - segment.start;
            continue;
        }
        if set_aside > BLOCK_BREAK_BYTES {
            block += 1;
        }
        set_aside = 0;
        segment_words.clear();
        segment_words.extend(parallax_core::hashed_words(text, segment.span()));
        if segment.kind == SegmentKind::Body {
            body(segment.span(), &segment_words);
        }
        words.extend(
            segment_words
                .iter()
                .map(|&(span, hash)| Word { hash, span, block }),
        );
    }
    words
}

/// The hash of every [`SEED_WORDS`] consecutive words: the hash of their
/// hashes' bytes, as [`parallax_core::hash_sequence`] hashes a sequence.
fn seed_hashes(words: &[Word]) -> Vec<u64> {
    let hashes: Vec<u64> = words.iter().map(|word| word.hash).collect();
    hashes
        .windows(SEED_WORDS)
        .map(parallax_core::hash_sequence)
        .collect()
}

/// A stretch of words shared by both sides, as word indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    a: (usize, usize),
    b: (usize, usize),
}

impl Run {
    fn len(self) -> usize {
        self.a.1 - self.a.0
    }
}

/// Exact runs by seed and extend, then chosen one to one: the longest run
/// first, and no word of either side in two runs, so a sentence repeated
/// in both documents pairs up instead of multiplying.
fn exact_runs(a_prepared: &PassageWords, b_prepared: &PassageWords) -> Vec<Run> {
    let (a, b) = (&a_prepared.words, &b_prepared.words);
    if a.len() < SEED_WORDS || b.len() < SEED_WORDS {
        return Vec::new();
    }
    // How far along each diagonal (a position − b position, shifted by B's
    // length to stay unsigned) a run already reaches: a seed inside a found
    // run starts nothing new.
    let mut reached: HashMap<usize, usize> = HashMap::default();
    let mut runs = Vec::new();
    for (start_a, hash) in a_prepared.seeds.iter().copied().enumerate() {
        for start_b in b_prepared.seed_starts(hash) {
            let diagonal = start_a + b.len() - start_b;
            if reached.get(&diagonal).is_some_and(|&end| start_a < end) {
                continue;
            }
            let (mut first_a, mut first_b) = (start_a, start_b);
            while first_a > 0
                && first_b > 0
                && a[first_a - 1].hash == b[first_b - 1].hash
                && a[first_a - 1].block == a[first_a].block
                && b[first_b - 1].block == b[first_b].block
            {
                first_a -= 1;
                first_b -= 1;
            }
            let (mut end_a, mut end_b) = (start_a + 1, start_b + 1);
            if a[start_a].hash != b[start_b].hash {
                continue;
            }
            while end_a < a.len()
                && end_b < b.len()
                && a[end_a].hash == b[end_b].hash
                && a[end_a].block == a[end_a - 1].block
                && b[end_b].block == b[end_b - 1].block
            {
                end_a += 1;
                end_b += 1;
            }
            // A hash collision gives a seed whose words differ.
            if end_a < start_a + SEED_WORDS {
                continue;
            }
            reached.insert(diagonal, end_a);
            runs.push(Run {
                a: (first_a, end_a),
                b: (first_b, end_b),
            });
        }
    }
    runs.sort_by(|left, right| {
        right
            .len()
            .cmp(&left.len())
            .then(left.a.cmp(&right.a))
            .then(left.b.cmp(&right.b))
    });
    let mut used_a = vec![false; a.len()];
    let mut used_b = vec![false; b.len()];
    let mut chosen = Vec::new();
    for run in runs {
        if run.len() < RUN_MIN_WORDS
            || used_a[run.a.0..run.a.1].iter().any(|&used| used)
            || used_b[run.b.0..run.b.1].iter().any(|&used| used)
        {
            continue;
        }
        used_a[run.a.0..run.a.1].fill(true);
        used_b[run.b.0..run.b.1].fill(true);
        chosen.push(run);
    }
    chosen
}

/// Evidence for a passage, in word indices and bytes.
#[derive(Debug, Clone, Copy)]
struct Piece {
    a: (usize, usize),
    b: (usize, usize),
    a_span: Span,
    b_span: Span,
    kind: LinkKind,
    score: f64,
}

impl Piece {
    fn weight(&self) -> f64 {
        (self.a_span.len() + self.b_span.len()) as f64
    }
}

/// The word indices a byte span covers.
fn word_range(words: &[Word], span: Span) -> (usize, usize) {
    let first = words.partition_point(|word| word.span.end <= span.start);
    let end = words.partition_point(|word| word.span.start < span.end);
    (first, end.max(first))
}

/// Whether `next` continues `passage` on both sides: it overlaps the
/// passage or starts at most `GAP_MAX_WORDS` after its end, on each side,
/// in the same block of the page. A piece wholly before the passage on one
/// side is material told in another order: a passage of its own.
fn continues(passage: &Piece, next: &Piece, a: &[Word], b: &[Word]) -> bool {
    let follows =
        |(start, end): (usize, usize), (next_start, next_end): (usize, usize), words: &[Word]| {
            next_start <= end + GAP_MAX_WORDS
                && next_end > start
                && words[end - 1].block == words[next_start.min(words.len() - 1)].block
        };
    follows(passage.a, next.a, a) && follows(passage.b, next.b, b)
}

fn overlaps(left: (usize, usize), right: (usize, usize)) -> bool {
    left.0 < right.1 && right.0 < left.1
}

/// Widens a span that starts and ends on words to the punctuation attached
/// to them: an opening quote before, the full stop and closing quote after.
fn with_punctuation(text: &str, span: Span) -> Span {
    let attached = |character: char| !character.is_whitespace() && !character.is_alphanumeric();
    let start = text[..span.start]
        .char_indices()
        .rev()
        .take_while(|&(_, character)| attached(character))
        .last()
        .map_or(span.start, |(index, _)| index);
    let end = span.end
        + text[span.end..]
            .chars()
            .take_while(|&character| attached(character))
            .map(char::len_utf8)
            .sum::<usize>();
    Span::new(start, end)
}

/// The passages two documents share, sorted by their span in A.
/// Whether an exact run is a fragment ([`FRAGMENT_MAX_WORDS`]): short, and
/// no clause of its own on both sides. It is one when it neither holds a
/// whole body sentence on either side, nor opens a sentence on both sides,
/// nor closes one on both ("Engineers found cracks in the deck during an
/// inspection in January" opening two otherwise different sentences is a
/// clause copied).
fn is_fragment(
    run: &Piece,
    (a_text, a): (&str, &CleanDocument),
    (b_text, b): (&str, &CleanDocument),
) -> bool {
    if !is_short(run) {
        return false;
    }
    // The run's last word may stop short of the sentence's closing stop.
    let sentence_bounds = |text: &str, clean: &CleanDocument, span: Span| {
        let span = with_punctuation(text, span);
        let (mut holds, mut opens, mut closes) = (false, false, false);
        // Only sentences the run reaches can be held, opened or closed.
        for sentence in clean
            .body()
            .filter(|sentence| sentence.start < span.end && span.start < sentence.end)
        {
            let starts = span.start <= sentence.start
                && text[span.start..sentence.start.max(span.start)]
                    .chars()
                    .all(|character| !character.is_alphanumeric());
            let ends = span.end >= sentence.end
                && text[sentence.end.min(span.end)..span.end]
                    .chars()
                    .all(|character| !character.is_alphanumeric());
            holds |= span.start <= sentence.start && sentence.end <= span.end;
            opens |= starts && sentence.start < span.end;
            closes |= ends && sentence.end > span.start;
        }
        (holds, opens, closes)
    };
    let (a_holds, a_opens, a_closes) = sentence_bounds(a_text, a, run.a_span);
    let (b_holds, b_opens, b_closes) = sentence_bounds(b_text, b, run.b_span);
    !(a_holds || b_holds || (a_opens && b_opens) || (a_closes && b_closes))
}

/// Whether a run is shorter than [`FRAGMENT_MAX_WORDS`] on either side.
fn is_short(run: &Piece) -> bool {
    (run.a.1 - run.a.0).min(run.b.1 - run.b.0) < FRAGMENT_MAX_WORDS
}

pub(crate) fn passages(
    (a_text, a_clean, a_prepared): (&str, &CleanDocument, &PassageWords),
    (b_text, b_clean, b_prepared): (&str, &CleanDocument, &PassageWords),
    links: &[Link],
) -> Vec<Link> {
    let (a_words, b_words) = (&a_prepared.words, &b_prepared.words);
    let runs: Vec<Piece> = exact_runs(a_prepared, b_prepared)
        .into_iter()
        .map(|run| Piece {
            a: run.a,
            b: run.b,
            a_span: a_words[run.a.0].span.cover(a_words[run.a.1 - 1].span),
            b_span: b_words[run.b.0].span.cover(b_words[run.b.1 - 1].span),
            kind: LinkKind::Verbatim,
            score: 1.0,
        })
        .collect();
    let links: Vec<Piece> = links
        .iter()
        .filter(|link| link.evidence != Some(LinkEvidence::Meaning))
        .map(|link| Piece {
            a: word_range(a_words, link.a),
            b: word_range(b_words, link.b),
            a_span: link.a,
            b_span: link.b,
            kind: link.kind,
            score: link.score,
        })
        .collect();
    let meets = |one: &Piece, other: &Piece| overlaps(one.a, other.a) && overlaps(one.b, other.b);
    // A fragment is not reuse by itself; where a sentence link holds it,
    // the link stands for it, so the passage reaches the link's ends.
    // Only a run on its own: beside another run it is part of a block
    // that a slip of one word ("Attomeys") broke.
    let alone = |run: &Piece| {
        !runs.iter().any(|other| {
            (other.a, other.b) != (run.a, run.b)
                && (continues(run, other, a_words, b_words)
                    || continues(other, run, a_words, b_words))
        })
    };
    let runs: Vec<Piece> = runs
        .iter()
        // Cheapest test first: most runs of copied text are long.
        .filter(|run| {
            !(is_short(run) && alone(run) && is_fragment(run, (a_text, a_clean), (b_text, b_clean)))
        })
        .copied()
        .collect();
    // A sentence link adds what exact runs cannot show (changed wording).
    // Where a long run covers it, the run's exact extent is the better
    // boundary (copied text may start mid-sentence), so the link is left
    // out; a short run says less than the link it sits in, so the passage
    // reaches the link's ends.
    let mut pieces = runs.clone();
    pieces.extend(
        links
            .iter()
            .copied()
            .filter(|link| !runs.iter().any(|run| !is_short(run) && meets(run, link))),
    );
    pieces.sort_by(|left, right| {
        left.a
            .cmp(&right.a)
            .then(left.b.cmp(&right.b))
            .then(left.kind.cmp(&right.kind))
    });

    // Each passage: its extent, and the weighted sum of its pieces' scores.
    let mut merged: Vec<(Piece, f64, usize)> = Vec::new();
    for piece in pieces {
        let open = merged
            .iter_mut()
            .rev()
            .take_while(|(passage, ..)| passage.a.1 + GAP_MAX_WORDS >= piece.a.0)
            .find(|(passage, ..)| continues(passage, &piece, a_words, b_words));
        if let Some((passage, total, count)) = open {
            *count += 1;
            let gap = piece.a.0 > passage.a.1 || piece.b.0 > passage.b.1;
            let words_differ = gap && passage.kind == LinkKind::Verbatim;
            passage.kind = passage.kind.max(piece.kind);
            if words_differ {
                passage.kind = passage.kind.max(LinkKind::Near);
            }
            passage.score =
                (passage.score * *total + piece.score * piece.weight()) / (*total + piece.weight());
            *total += piece.weight();
            passage.a = (passage.a.0, passage.a.1.max(piece.a.1));
            passage.b = (passage.b.0.min(piece.b.0), passage.b.1.max(piece.b.1));
            passage.a_span = passage.a_span.cover(piece.a_span);
            passage.b_span = passage.b_span.cover(piece.b_span);
        } else {
            let weight = piece.weight();
            merged.push((piece, weight, 1));
        }
    }
    let mut result: Vec<Link> = merged
        .into_iter()
        // A block shorter than a run worth keeping, on either side, is a
        // link, not a passage.
        .filter(|(passage, _, count)| {
            passage.a.1 - passage.a.0 >= RUN_MIN_WORDS
                && passage.b.1 - passage.b.0 >= RUN_MIN_WORDS
                && !(*count == 1 && passage.kind == LinkKind::Paraphrase)
        })
        .map(|(passage, ..)| Link {
            a: with_punctuation(a_text, passage.a_span),
            b: with_punctuation(b_text, passage.b_span),
            kind: passage.kind,
            score: round(passage.score),
            changes: Vec::new(),
            evidence: None,
            cosine: None,
        })
        .collect();
    result.sort_by_key(|passage| (passage.a, passage.b));
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A seed's starts are every place it starts, in order, and none for a
    /// seed that starts more than [`SEED_MAX_OCCURRENCES`] times.
    #[test]
    fn seeds_start_where_they_are_found() {
        // "a b a b ..." repeats its seeds too often to seed anything; a
        // block of twenty words three times over repeats its seeds three
        // times; the words after it are each seen once.
        let text: String = (0..400)
            .map(|at: u64| match at {
                0..=39 => ["a", "b"][usize::try_from(at % 2).unwrap()].to_owned(),
                40..=99 => format!("block{}", at % 20),
                _ => format!("once{at}"),
            })
            .collect::<Vec<_>>()
            .join(" ");
        let document = parallax_ingest::document_from_text("d", "d.txt", &format!("{text}.\n"));
        let clean = parallax_clean::clean(&document);
        let prepared = PassageWords::new(&document.text, &clean, |_, _| {});
        assert!(prepared.seeds.len() > 300);
        let (mut stock, mut repeated) = (0, 0);
        for &seed in &prepared.seeds {
            let found: Vec<usize> = prepared
                .seeds
                .iter()
                .enumerate()
                .filter(|&(_, &other)| other == seed)
                .map(|(position, _)| position)
                .collect();
            let expected = if found.len() <= SEED_MAX_OCCURRENCES {
                repeated += usize::from(found.len() > 1);
                found
            } else {
                stock += 1;
                Vec::new()
            };
            assert_eq!(prepared.seed_starts(seed).collect::<Vec<_>>(), expected);
        }
        assert!(stock > 0 && repeated > 0, "{stock} {repeated}");
        assert_eq!(prepared.seed_starts(0).count(), 0);
    }
}
