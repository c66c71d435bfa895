//! The index page of a corpus run: stories, the pairs with most reuse and
//! an outlets × outlets matrix, from the corpus template
//! ([`Templates::corpus`]). It lays out what the run found; it computes
//! nothing new.

use crate::{RenderError, Templates};
use minijinja::value::Serde;
use minijinja::{Environment, context};
use parallax_align::Scores;
use serde::Serialize;
use std::collections::BTreeMap;

/// Stories and pairs listed on the page; the files hold them all.
const STORIES_SHOWN: usize = 100;
const PAIRS_SHOWN: usize = 100;
const MEMBERS_SHOWN: usize = 12;
const OUTLETS_SHOWN: usize = 20;

/// What the page says about one document.
#[derive(Debug, Clone, Serialize)]
pub struct CorpusDocument {
    pub id: String,
    /// `None` when no metadata names it: the page says so rather than
    /// passing the id off as an outlet.
    pub outlet: Option<String>,
    pub published: Option<String>,
}

/// One pair with reuse, by document number: what the page shows of it.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct CorpusPair {
    pub a: usize,
    pub b: usize,
    pub scores: Scores,
    pub links: usize,
}

/// One story: documents joined by reuse. `D` names a document: its number
/// in the run, or (as `clusters.json` writes it) its id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Story<D = u32> {
    /// In the order of the run.
    pub documents: Vec<D>,
    /// The first published, where dates are known.
    pub earliest: Option<D>,
    /// Who copied whom, in the order of the run.
    pub copies: Vec<Copying<D>>,
}

/// `to` carries most of `from`'s text and was published later.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Copying<D = u32> {
    pub from: D,
    pub to: D,
}

impl Story {
    /// The same story with each document named by `name`.
    pub fn named<'a>(&self, name: impl Fn(u32) -> &'a str) -> Story<&'a str> {
        Story {
            documents: self.documents.iter().map(|&number| name(number)).collect(),
            earliest: self.earliest.map(&name),
            copies: self
                .copies
                .iter()
                .map(|copying| Copying {
                    from: name(copying.from),
                    to: name(copying.to),
                })
                .collect(),
        }
    }
}

/// Pairs with reuse between two outlets, and the cell's shade (10–60);
/// none when there are none.
type MatrixCell = Option<(usize, usize)>;

#[derive(Debug, Serialize)]
struct StoryRow<'a> {
    size: usize,
    earliest: Option<&'a CorpusDocument>,
    members: Vec<&'a CorpusDocument>,
    more: usize,
    copies: usize,
}

#[derive(Debug, Serialize)]
struct PairRow<'a> {
    a: &'a CorpusDocument,
    b: &'a CorpusDocument,
    /// The scores as percentages.
    similarity: String,
    a_in_b: String,
    b_in_a: String,
    links: usize,
    page: Option<String>,
}

/// The outlet a document is listed under.
fn outlet_label(document: &CorpusDocument) -> &str {
    document.outlet.as_deref().unwrap_or(UNKNOWN_OUTLET)
}

/// The label of the documents whose metadata names no outlet.
const UNKNOWN_OUTLET: &str = "outlet unknown";

/// Renders the index. `pages` maps a pair's
/// position in `pairs` to the file of its page, for the pairs that have
/// one.
pub fn render_corpus_html(
    documents: &[CorpusDocument],
    candidates: usize,
    pairs: &[CorpusPair],
    stories: &[Story],
    pages: &BTreeMap<usize, String>,
    templates: &Templates,
) -> Result<String, RenderError> {
    let story_rows: Vec<StoryRow<'_>> = stories
        .iter()
        .take(STORIES_SHOWN)
        .map(|story| StoryRow {
            size: story.documents.len(),
            earliest: story.earliest.map(|number| &documents[number as usize]),
            members: story
                .documents
                .iter()
                .take(MEMBERS_SHOWN)
                .map(|&number| &documents[number as usize])
                .collect(),
            more: story.documents.len().saturating_sub(MEMBERS_SHOWN),
            copies: story.copies.len(),
        })
        .collect();
    let similarities: Vec<f64> = pairs.iter().map(|pair| pair.scores.similarity).collect();
    let ranked = crate::rank_by_similarity(&similarities);
    // A pair with no linked sentence is no reuse to show, whatever its
    // shared shingles.
    let top: Vec<PairRow<'_>> = ranked
        .iter()
        .filter(|&&index| pairs[index].links > 0)
        .take(PAIRS_SHOWN)
        .filter_map(|&index| {
            let pair = &pairs[index];
            Some(PairRow {
                a: documents.get(pair.a)?,
                b: documents.get(pair.b)?,
                similarity: parallax_align::percent(pair.scores.similarity),
                a_in_b: parallax_align::percent(pair.scores.containment_a_in_b),
                b_in_a: parallax_align::percent(pair.scores.containment_b_in_a),
                links: pair.links,
                page: pages.get(&index).cloned(),
            })
        })
        .collect();
    // Pairs with reuse between outlets, for the outlets in most of them.
    let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    let mut involvement: BTreeMap<&str, usize> = BTreeMap::new();
    for pair in pairs {
        let (Some(a), Some(b)) = (documents.get(pair.a), documents.get(pair.b)) else {
            continue;
        };
        let (a, b) = (outlet_label(a), outlet_label(b));
        *counts.entry((a.min(b), a.max(b))).or_insert(0) += 1;
        *involvement.entry(a).or_insert(0) += 1;
        *involvement.entry(b).or_insert(0) += 1;
    }
    let mut outlets: Vec<&str> = involvement.keys().copied().collect();
    outlets.sort_by(|x, y| involvement[y].cmp(&involvement[x]).then(x.cmp(y)));
    outlets.truncate(OUTLETS_SHOWN);
    let most = counts.values().copied().max().unwrap_or(1).max(1);
    let matrix: Vec<(&str, Vec<MatrixCell>)> = outlets
        .iter()
        .map(|&row| {
            let cells = outlets
                .iter()
                .map(|&column| {
                    counts
                        .get(&(row.min(column), row.max(column)))
                        .map(|&count| (count, 10 + 50 * count / most))
                })
                .collect();
            (row, cells)
        })
        .collect();
    let mut environment = Environment::new();
    environment.add_filter("thousands", crate::thousands);
    environment.add_template("corpus.html", templates.corpus)?;
    Ok(environment.get_template("corpus.html")?.render(context! {
        generator => concat!("parallax ", env!("CARGO_PKG_VERSION")),
        documents => documents.len(),
        candidates => candidates,
        pair_count => pairs.len(),
        story_count => stories.len(),
        stories => Serde(&story_rows),
        top => Serde(&top),
        outlets => Serde(&outlets),
        matrix => Serde(&matrix),
    })?)
}
