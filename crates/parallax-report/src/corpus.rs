//! The index page of a corpus run: stories (their documents earliest
//! first, and who copied whom), the pairs with most reuse (the earlier
//! document first) and who takes from whom between outlets, from the
//! corpus template ([`Templates::corpus`]). It lays out what the run
//! found; it computes nothing new.

use crate::{RenderError, Templates};
use minijinja::value::Serde;
use minijinja::{Environment, context};
use parallax_align::Scores;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Stories and pairs listed on the page; the files hold them all.
const STORIES_SHOWN: usize = 100;
const PAIRS_SHOWN: usize = 100;
const MEMBERS_SHOWN: usize = 12;
const COPIES_SHOWN: usize = 8;
const OUTLETS_SHOWN: usize = 16;
const OUTLET_PAIRS_SHOWN: usize = 30;

/// What the page says about one document.
#[derive(Debug, Clone, Serialize)]
pub struct CorpusDocument {
    pub id: String,
    /// `None` when no metadata names it: the page says so rather than
    /// passing the id off as an outlet.
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub title: Option<String>,
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

/// Pairs in which one outlet's earlier document reappears in another's
/// later one, and the cell's shade (10–60); none when there are none.
type MatrixCell = Option<(usize, usize)>;

/// A document as a line of the page shows it.
#[derive(Debug, Serialize)]
struct Shown<'a> {
    id: &'a str,
    outlet: Option<&'a str>,
    title: Option<&'a str>,
    /// "18 Dec 2021, 09:30" (UTC), or none.
    date: Option<String>,
}

impl<'a> Shown<'a> {
    fn of(document: &'a CorpusDocument) -> Self {
        Self {
            id: &document.id,
            outlet: document.outlet.as_deref(),
            title: document.title.as_deref(),
            date: document.published.as_deref().and_then(short_date),
        }
    }
}

#[derive(Debug, Serialize)]
struct StoryRow<'a> {
    size: usize,
    /// The headline of the earliest document, or of the first that has one.
    title: Option<&'a str>,
    /// Earliest first; documents without a date last.
    members: Vec<Shown<'a>>,
    more: usize,
    copies: Vec<CopyRow<'a>>,
    more_copies: usize,
}

/// "A (TASS, 18 Dec) → B (Sputnik, 19 Dec), 86 % of A".
#[derive(Debug, Serialize)]
struct CopyRow<'a> {
    from: Shown<'a>,
    to: Shown<'a>,
    /// Share of the earlier document's wording the later one carries.
    share: Option<String>,
}

#[derive(Debug, Serialize)]
struct PairRow<'a> {
    /// The earlier document where both are dated and differ, else the
    /// first in the run.
    first: Shown<'a>,
    second: Shown<'a>,
    /// Whether `first` is known to be the earlier.
    dated: bool,
    /// The scores as percentages.
    similarity: String,
    first_in_second: String,
    second_in_first: String,
    links: usize,
    page: Option<String>,
}

/// A day and time from an ISO 8601 date as corpus mode keeps them (UTC):
/// "2021-12-18T09:30:00Z" is "18 Dec 2021, 09:30"; a date alone, the day.
fn short_date(published: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let year = published.get(0..4)?;
    let month: usize = published.get(5..7)?.parse().ok()?;
    let day: u32 = published.get(8..10)?.parse().ok()?;
    let month = MONTHS.get(month.checked_sub(1)?)?;
    let mut date = format!("{day} {month} {year}");
    if let Some(time) = published.get(11..16)
        && time != "00:00"
    {
        date.push_str(", ");
        date.push_str(time);
    }
    Some(date)
}

/// The order the page lists pairs in, and pages are written for: most
/// shared text first, then the larger share of either document, then the
/// more linked sentences, then the run's order.
#[must_use]
pub fn rank_by_reuse(pairs: &[CorpusPair]) -> Vec<usize> {
    let key = |pair: &CorpusPair| {
        (
            pair.scores.similarity,
            pair.scores
                .containment_a_in_b
                .max(pair.scores.containment_b_in_a),
            pair.links,
        )
    };
    let mut ranked: Vec<usize> = (0..pairs.len()).collect();
    ranked.sort_by(|&x, &y| {
        let (first, second) = (key(&pairs[x]), key(&pairs[y]));
        second
            .0
            .total_cmp(&first.0)
            .then(second.1.total_cmp(&first.1))
            .then(second.2.cmp(&first.2))
            .then(x.cmp(&y))
    });
    ranked
}

/// `first` published before `second`: both dated, and not at once.
fn earlier(first: &CorpusDocument, second: &CorpusDocument) -> bool {
    matches!((&first.published, &second.published), (Some(x), Some(y)) if x < y)
}

/// The label of the documents whose metadata names no outlet.
const UNKNOWN_OUTLET: &str = "outlet unknown";

/// The outlet a document is listed under.
fn outlet_label(document: &CorpusDocument) -> &str {
    document.outlet.as_deref().unwrap_or(UNKNOWN_OUTLET)
}

/// A story's documents, earliest first (undated last, in the run's order),
/// and who copied whom with the share carried.
fn story_row<'a>(
    story: &Story,
    documents: &'a [CorpusDocument],
    pair_of: &HashMap<(usize, usize), &CorpusPair>,
) -> StoryRow<'a> {
    let mut members: Vec<&CorpusDocument> = story
        .documents
        .iter()
        .map(|&number| &documents[number as usize])
        .collect();
    members.sort_by(|x, y| match (&x.published, &y.published) {
        (Some(a), Some(b)) => a.cmp(b),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    let title = members.iter().find_map(|member| member.title.as_deref());
    let copies = story
        .copies
        .iter()
        .take(COPIES_SHOWN)
        .map(|copying| {
            let (from, to) = (copying.from as usize, copying.to as usize);
            let share = pair_of.get(&(from.min(to), from.max(to))).map(|pair| {
                let carried = if pair.a == from {
                    pair.scores.containment_a_in_b
                } else {
                    pair.scores.containment_b_in_a
                };
                parallax_align::percent(carried)
            });
            CopyRow {
                from: Shown::of(&documents[from]),
                to: Shown::of(&documents[to]),
                share,
            }
        })
        .collect();
    StoryRow {
        size: members.len(),
        title,
        more: members.len().saturating_sub(MEMBERS_SHOWN),
        members: members
            .into_iter()
            .take(MEMBERS_SHOWN)
            .map(Shown::of)
            .collect(),
        copies,
        more_copies: story.copies.len().saturating_sub(COPIES_SHOWN),
    }
}

/// A pair as the page lists it: the earlier document first.
fn pair_row<'a>(
    pair: &CorpusPair,
    documents: &'a [CorpusDocument],
    page: Option<String>,
) -> Option<PairRow<'a>> {
    let (a, b) = (documents.get(pair.a)?, documents.get(pair.b)?);
    let swapped = earlier(b, a);
    let (first, second, first_in_second, second_in_first) = if swapped {
        (
            b,
            a,
            pair.scores.containment_b_in_a,
            pair.scores.containment_a_in_b,
        )
    } else {
        (
            a,
            b,
            pair.scores.containment_a_in_b,
            pair.scores.containment_b_in_a,
        )
    };
    Some(PairRow {
        dated: earlier(first, second),
        first: Shown::of(first),
        second: Shown::of(second),
        similarity: parallax_align::percent(pair.scores.similarity),
        first_in_second: parallax_align::percent(first_in_second),
        second_in_first: parallax_align::percent(second_in_first),
        links: pair.links,
        page,
    })
}

/// Who takes from whom: per (earlier outlet, later outlet), the pairs in
/// which the earlier outlet's document reappears in the later one's, for
/// the outlets in most pairs; the same as a ranked list; and the pairs
/// left out for want of dates.
type Directed<'a> = (
    Vec<&'a str>,
    Vec<(&'a str, Vec<MatrixCell>)>,
    Vec<(&'a str, &'a str, usize)>,
    usize,
);

fn directed<'a>(documents: &'a [CorpusDocument], pairs: &[CorpusPair]) -> Directed<'a> {
    let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    let mut involvement: BTreeMap<&str, usize> = BTreeMap::new();
    let mut undated = 0;
    for pair in pairs {
        let (Some(a), Some(b)) = (documents.get(pair.a), documents.get(pair.b)) else {
            continue;
        };
        let (from, to) = if earlier(a, b) {
            (a, b)
        } else if earlier(b, a) {
            (b, a)
        } else {
            undated += 1;
            continue;
        };
        let (from, to) = (outlet_label(from), outlet_label(to));
        *counts.entry((from, to)).or_insert(0) += 1;
        *involvement.entry(from).or_insert(0) += 1;
        *involvement.entry(to).or_insert(0) += 1;
    }
    let mut outlets: Vec<&str> = involvement.keys().copied().collect();
    outlets.sort_by(|x, y| involvement[y].cmp(&involvement[x]).then(x.cmp(y)));
    outlets.truncate(OUTLETS_SHOWN);
    let most = counts.values().copied().max().unwrap_or(1).max(1);
    let matrix = outlets
        .iter()
        .map(|&from| {
            let cells = outlets
                .iter()
                .map(|&to| {
                    counts
                        .get(&(from, to))
                        .map(|&count| (count, 10 + 50 * count / most))
                })
                .collect();
            (from, cells)
        })
        .collect();
    let mut ranked: Vec<(&str, &str, usize)> = counts
        .into_iter()
        .map(|((from, to), count)| (from, to, count))
        .collect();
    ranked.sort_by(|x, y| y.2.cmp(&x.2).then((x.0, x.1).cmp(&(y.0, y.1))));
    ranked.truncate(OUTLET_PAIRS_SHOWN);
    (outlets, matrix, ranked, undated)
}

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
    let pair_of: HashMap<(usize, usize), &CorpusPair> = pairs
        .iter()
        .map(|pair| ((pair.a.min(pair.b), pair.a.max(pair.b)), pair))
        .collect();
    let story_rows: Vec<StoryRow<'_>> = stories
        .iter()
        .take(STORIES_SHOWN)
        .map(|story| story_row(story, documents, &pair_of))
        .collect();
    // A pair with no linked sentence is no reuse to show, whatever its
    // shared shingles.
    let top: Vec<PairRow<'_>> = rank_by_reuse(pairs)
        .into_iter()
        .filter(|&index| pairs[index].links > 0)
        .take(PAIRS_SHOWN)
        .filter_map(|index| pair_row(&pairs[index], documents, pages.get(&index).cloned()))
        .collect();
    let (outlets, matrix, outlet_pairs, undated) = directed(documents, pairs);
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
        outlet_pairs => Serde(&outlet_pairs),
        undated => undated,
    })?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_a_reader_writes_them() {
        assert_eq!(
            short_date("2021-12-18T09:30:00Z").as_deref(),
            Some("18 Dec 2021, 09:30")
        );
        assert_eq!(short_date("2021-12-18").as_deref(), Some("18 Dec 2021"));
        assert_eq!(
            short_date("2021-12-18T00:00:00Z").as_deref(),
            Some("18 Dec 2021")
        );
        assert_eq!(short_date("18/12/2021"), None);
        assert_eq!(short_date("2021-13-01"), None);
    }
}
