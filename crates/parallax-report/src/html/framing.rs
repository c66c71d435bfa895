//! The framing findings laid out for the HTML report: tables of speakers by
//! outlet, distinctive words, what one report alone carries or leaves out,
//! and per pair the shared quotes, contrasts and headlines. Only text
//! excerpts and counts are added here; every finding comes from the JSON.

use crate::RenderError;
use parallax_core::Span;
use parallax_frame::{Attribution, DocumentFraming, FindingKind, Framing, PairFraming, Quoting};
use serde::Serialize;
use std::collections::BTreeMap;

/// Speakers shown in the overview's table.
const SPEAKER_ROWS: usize = 15;
/// Entities shown per document.
const ENTITY_ROWS: usize = 8;

#[derive(Debug, Serialize)]
pub(crate) struct Overview {
    /// Kinds of finding with something to show, by name: those shown by
    /// default, then the uncertain ones.
    shown: Vec<&'static str>,
    uncertain: Vec<&'static str>,
    /// Document labels, the table's columns.
    columns: Vec<String>,
    /// Every statement given to a speaker, and apart the quotes whose own
    /// sentence names the speaker: the two are audited apart.
    speakers: Vec<SpeakerRow>,
    quoted_speakers: Vec<SpeakerRow>,
    documents: Vec<DocumentPanel>,
    omissions: Vec<OmissionView>,
}

#[derive(Debug, Serialize)]
struct SpeakerRow {
    name: String,
    kind: &'static str,
    titles: String,
    /// Other ways the reports name them: "Grushko · the diplomat".
    forms: String,
    total: usize,
    /// Per document: statements, and how many are direct quotes.
    cells: Vec<(usize, usize)>,
}

#[derive(Debug, Serialize)]
struct DocumentPanel {
    id: String,
    label: String,
    terms: Vec<(String, f64, usize)>,
    entities: Vec<EntityView>,
    unique: Vec<Excerpt>,
}

#[derive(Debug, Serialize)]
struct EntityView {
    name: String,
    kind: &'static str,
    count: usize,
    /// Titles and aliases, for the cell's tooltip.
    also: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct Excerpt {
    start: usize,
    end: usize,
    text: String,
    /// "Grushko (direct quote)", "unnamed sources, via the Financial
    /// Times": who the text gives this to, if anyone.
    attribution: Option<String>,
}

#[derive(Debug, Serialize)]
struct OmissionView {
    omitted_by: String,
    carried_by: Vec<String>,
    excerpt: Excerpt,
}

#[derive(Debug, Serialize)]
pub(crate) struct PairPanel {
    shown: Vec<&'static str>,
    uncertain: Vec<&'static str>,
    quotes: Vec<QuoteRow>,
    contrasts: Vec<ContrastRow>,
    phrases: Vec<PhraseRow>,
    headlines: Option<ComparedRow>,
    leads: Option<ComparedRow>,
}

#[derive(Debug, Serialize)]
struct QuoteRow {
    a: Excerpt,
    b: Excerpt,
    relation: &'static str,
}

#[derive(Debug, Serialize)]
struct ContrastRow {
    a: Excerpt,
    b: Excerpt,
    kind: String,
}

#[derive(Debug, Serialize)]
struct PhraseRow {
    phrase: String,
    /// Whose words the phrase is on each side: speakers, or "its own
    /// voice".
    a: String,
    b: String,
}

#[derive(Debug, Serialize)]
struct ComparedRow {
    a: String,
    b: String,
    kind: &'static str,
    score: f64,
}

fn excerpt(
    document: &str,
    text: &str,
    span: Span,
    attribution: Option<String>,
) -> Result<Excerpt, RenderError> {
    let shown = span.text(text).ok_or_else(|| RenderError::BadSpan {
        document: document.to_owned(),
        span,
    })?;
    Ok(Excerpt {
        start: span.start,
        end: span.end,
        text: shown.split_whitespace().collect::<Vec<_>>().join(" "),
        attribution,
    })
}

/// Who a span is attributed to, in words: the attribution covering most of
/// it.
pub(crate) fn attribution_of(text: &str, framing: &DocumentFraming, span: Span) -> Option<String> {
    said_of(text, framing, span).map(|(described, _)| described)
}

/// Who a span is attributed to, in words, and the kind of finding that
/// attribution is (which decides whether it is shown by default).
pub(crate) fn said_of(
    text: &str,
    framing: &DocumentFraming,
    span: Span,
) -> Option<(String, FindingKind)> {
    let best = framing
        .attributions
        .iter()
        .map(|attribution| (overlap(attribution, span), attribution))
        .filter(|(overlap, _)| *overlap * 2 >= span.len().max(1))
        .max_by_key(|(overlap, _)| *overlap)?
        .1;
    let kind = best.kind.unwrap_or_else(|| best.finding_kind(text));
    Some((describe(text, best), kind))
}

/// How much of `span` the attribution covers, from its first part
/// (speaker, cue or content) to its last: "“…,” he said" covers the frame
/// too.
fn overlap(attribution: &Attribution, span: Span) -> usize {
    let cover = [attribution.cue, attribution.source]
        .into_iter()
        .flatten()
        .fold(attribution.content, Span::cover);
    cover
        .end
        .min(span.end)
        .saturating_sub(cover.start.max(span.start))
}

fn describe(text: &str, attribution: &Attribution) -> String {
    let speaker = attribution
        .speaker
        .clone()
        .or_else(|| {
            attribution
                .source
                .and_then(|source| source.text(text))
                .map(str::to_owned)
        })
        .unwrap_or_else(|| "an unnamed speaker".to_owned());
    let mut described = match attribution.quoting {
        Quoting::Direct => format!("{speaker} (quoted)"),
        Quoting::Partial => format!("{speaker} (partly quoted)"),
        Quoting::Indirect => speaker,
    };
    if let Some(via) = attribution.via.and_then(|via| via.text(text)) {
        described.push_str(", via ");
        described.push_str(&via.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    described
}

/// The shorter names and descriptions a person goes by besides their
/// name ("Grushko · the diplomat"), up to four: no pronouns, and none that
/// only adds a title to a name already given ("Kremlin aide Yuri
/// Ushakov" after "Yuri Ushakov").
fn other_forms(person: &parallax_frame::Person) -> String {
    let name = person.name.to_lowercase();
    let mut candidates: Vec<&String> = person.forms.iter().collect();
    candidates.sort_by_key(|form| form.len());
    let mut kept: Vec<String> = Vec::new();
    for form in candidates {
        let lower = form.to_lowercase();
        let pronoun = ["he", "she", "they", "it", "i", "we"].contains(&lower.as_str());
        let repeats = lower.contains(&name)
            || kept.iter().any(|known| {
                known.eq_ignore_ascii_case(&lower)
                    || (known.contains(' ') && lower.contains(known.as_str()))
            });
        if !pronoun && !repeats {
            kept.push(lower.clone());
        }
    }
    let mut forms: Vec<&str> = person
        .forms
        .iter()
        .filter(|form| kept.contains(&form.to_lowercase()))
        .map(String::as_str)
        .collect();
    forms.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
    forms.truncate(4);
    forms.join(" · ")
}

/// The speaker table: one row per person across outlets, whatever the
/// spelling, counting the attributions whose kind `counted` accepts.
fn speaker_rows(
    framing: &Framing,
    texts: &[&str],
    counted: impl Fn(FindingKind) -> bool,
) -> Vec<SpeakerRow> {
    let mut rows: BTreeMap<String, SpeakerRow> = BTreeMap::new();
    for (number, document) in framing.documents.iter().enumerate() {
        let speaker_named: BTreeMap<&str, &parallax_frame::Speaker> = document
            .speakers
            .iter()
            .map(|speaker| (speaker.name.as_str(), speaker))
            .collect();
        for attribution in &document.attributions {
            let Some(name) = &attribution.speaker else {
                continue;
            };
            let kind = attribution
                .kind
                .unwrap_or_else(|| attribution.finding_kind(texts[number]));
            if !counted(kind) {
                continue;
            }
            let speaker = speaker_named.get(name.as_str()).copied();
            let person = speaker
                .and_then(|speaker| speaker.person)
                .and_then(|person| framing.people.get(person).map(|found| (person, found)));
            let key = person.map_or_else(
                || parallax_frame::names::name_key(name),
                |(index, _)| format!("person {index}"),
            );
            let row = rows.entry(key).or_insert_with(|| SpeakerRow {
                name: person.map_or_else(|| name.clone(), |(_, found)| found.name.clone()),
                kind: speaker.map_or("", |speaker| speaker.kind.as_str()),
                titles: String::new(),
                forms: person.map_or_else(String::new, |(_, found)| other_forms(found)),
                total: 0,
                cells: vec![(0, 0); framing.documents.len()],
            });
            row.total += 1;
            row.cells[number].0 += 1;
            if attribution.quoting == Quoting::Direct {
                row.cells[number].1 += 1;
            }
            for title in speaker.iter().flat_map(|speaker| &speaker.titles) {
                if !row.titles.contains(title.as_str()) {
                    if !row.titles.is_empty() {
                        row.titles.push_str("; ");
                    }
                    row.titles.push_str(title);
                }
            }
        }
    }
    let mut speakers: Vec<SpeakerRow> = rows.into_values().collect();
    speakers.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.name.cmp(&b.name)));
    speakers.truncate(SPEAKER_ROWS);
    speakers
}

pub(crate) fn overview(
    framing: &Framing,
    labels: &[String],
    texts: &[&str],
) -> Result<Overview, RenderError> {
    let index: BTreeMap<&str, usize> = framing
        .documents
        .iter()
        .enumerate()
        .map(|(number, document)| (document.id.as_str(), number))
        .collect();
    let speakers = speaker_rows(framing, texts, |_| true);
    let quoted_speakers = speaker_rows(framing, texts, |kind| kind == FindingKind::QuotedSpeaker);

    let mut documents = Vec::new();
    for (number, document) in framing.documents.iter().enumerate() {
        let text = texts[number];
        documents.push(DocumentPanel {
            id: document.id.clone(),
            label: labels[number].clone(),
            terms: document
                .distinctive_terms
                .iter()
                .map(|term| (term.word.clone(), term.z, term.count))
                .collect(),
            entities: document
                .entities
                .iter()
                .take(ENTITY_ROWS)
                .map(|entity| EntityView {
                    name: entity.name.clone(),
                    kind: entity.kind.as_str(),
                    count: entity.count,
                    also: entity
                        .titles
                        .iter()
                        .chain(&entity.aliases)
                        .cloned()
                        .collect::<Vec<_>>()
                        .join("; "),
                })
                .collect(),
            unique: document
                .unique
                .iter()
                .map(|span| {
                    excerpt(
                        &document.id,
                        text,
                        *span,
                        attribution_of(text, document, *span),
                    )
                })
                .collect::<Result<_, _>>()?,
        });
    }
    let mut omissions = Vec::new();
    for omission in &framing.omissions {
        let Some(first) = omission.carried.first() else {
            continue;
        };
        let Some(&number) = index.get(first.document.as_str()) else {
            continue;
        };
        let omitted = index
            .get(omission.omitted_by.as_str())
            .map_or_else(|| omission.omitted_by.clone(), |&at| labels[at].clone());
        let mut carried_by: Vec<String> = omission
            .carried
            .iter()
            .filter_map(|place| {
                index
                    .get(place.document.as_str())
                    .map(|&at| labels[at].clone())
            })
            .collect();
        carried_by.dedup();
        omissions.push(OmissionView {
            omitted_by: omitted,
            carried_by,
            excerpt: excerpt(
                &first.document,
                texts[number],
                first.span,
                attribution_of(texts[number], &framing.documents[number], first.span),
            )?,
        });
    }
    let present = [
        (FindingKind::QuotedSpeaker, !quoted_speakers.is_empty()),
        (FindingKind::Attribution, !speakers.is_empty()),
        (FindingKind::PreferredWord, true),
        (FindingKind::Entity, true),
        (FindingKind::LeftOut, !omissions.is_empty()),
        (FindingKind::OnlyIn, true),
    ];
    let (shown, uncertain) = split_by_audit(&present);
    Ok(Overview {
        shown,
        uncertain,
        columns: labels.to_vec(),
        speakers,
        quoted_speakers,
        documents,
        omissions,
    })
}

pub(crate) fn pair_panel(
    pair: &PairFraming,
    (framing_a, text_a): (&DocumentFraming, &str),
    (framing_b, text_b): (&DocumentFraming, &str),
) -> Result<PairPanel, RenderError> {
    let speaker = |name: &Option<String>, quoting: Quoting| {
        let who = name
            .clone()
            .unwrap_or_else(|| "an unnamed speaker".to_owned());
        Some(match quoting {
            Quoting::Direct => format!("{who} (quoted)"),
            Quoting::Partial => format!("{who} (partly quoted)"),
            Quoting::Indirect => format!("{who} (reported)"),
        })
    };
    let quotes = pair
        .quotes
        .iter()
        .map(|quote| {
            Ok(QuoteRow {
                a: excerpt(
                    &pair.a,
                    text_a,
                    quote.a,
                    speaker(&quote.speaker_a, quote.quoting_a),
                )?,
                b: excerpt(
                    &pair.b,
                    text_b,
                    quote.b,
                    speaker(&quote.speaker_b, quote.quoting_b),
                )?,
                relation: match quote.relation {
                    parallax_frame::QuoteRelation::Same => "same words",
                    parallax_frame::QuoteRelation::ShortenedInA => "cut short in A",
                    parallax_frame::QuoteRelation::ShortenedInB => "cut short in B",
                    parallax_frame::QuoteRelation::Reworded => "reworded",
                },
            })
        })
        .collect::<Result<Vec<_>, RenderError>>()?;
    let contrasts = pair
        .contrasts
        .iter()
        .map(|contrast| {
            let own = |share: f64| format!("{:.0}% attributed", share * 100.0);
            Ok(ContrastRow {
                a: excerpt(
                    &pair.a,
                    text_a,
                    contrast.a,
                    attribution_of(text_a, framing_a, contrast.a),
                )?,
                b: excerpt(
                    &pair.b,
                    text_b,
                    contrast.b,
                    attribution_of(text_b, framing_b, contrast.b),
                )?,
                kind: match contrast.kind {
                    parallax_frame::ContrastKind::AttributedInAOnly => format!(
                        "A attributes it ({}); B says more of it in its own voice ({})",
                        own(contrast.attributed_a),
                        own(contrast.attributed_b)
                    ),
                    parallax_frame::ContrastKind::AttributedInBOnly => format!(
                        "B attributes it ({}); A says more of it in its own voice ({})",
                        own(contrast.attributed_b),
                        own(contrast.attributed_a)
                    ),
                    parallax_frame::ContrastKind::DifferentSpeakers => format!(
                        "given to {} in A, to {} in B",
                        contrast.speaker_a.as_deref().unwrap_or("someone"),
                        contrast.speaker_b.as_deref().unwrap_or("someone")
                    ),
                },
            })
        })
        .collect::<Result<Vec<_>, RenderError>>()?;
    let voices = |uses: &[parallax_frame::Voice]| {
        let mut names: Vec<String> = Vec::new();
        for voice in uses {
            let name = match (&voice.speaker, voice.attributed) {
                (_, false) => "its own voice".to_owned(),
                (Some(speaker), true) => speaker.clone(),
                (None, true) => "an unnamed speaker".to_owned(),
            };
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names.join(" and ")
    };
    let phrases: Vec<PhraseRow> = pair
        .phrases
        .iter()
        .map(|contrast| PhraseRow {
            phrase: contrast.phrase.clone(),
            a: voices(&contrast.a),
            b: voices(&contrast.b),
        })
        .collect();
    let compared =
        |compared: Option<&parallax_frame::Compared>| -> Result<Option<ComparedRow>, RenderError> {
            let Some(compared) = compared else {
                return Ok(None);
            };
            Ok(Some(ComparedRow {
                a: excerpt(&pair.a, text_a, compared.a, None)?.text,
                b: excerpt(&pair.b, text_b, compared.b, None)?.text,
                kind: compared
                    .kind
                    .map_or("different", parallax_core::LinkKind::as_str),
                score: compared.score,
            }))
        };
    let linked_or_not = |compared: &Option<ComparedRow>, linked, different| {
        (
            if compared.as_ref().is_some_and(|row| row.kind != "different") {
                linked
            } else {
                different
            },
            compared.is_some(),
        )
    };
    let headlines = compared(pair.headlines.as_ref())?;
    let leads = compared(pair.leads.as_ref())?;
    let present = [
        linked_or_not(
            &headlines,
            FindingKind::HeadlinesLinked,
            FindingKind::HeadlinesDifferent,
        ),
        linked_or_not(
            &leads,
            FindingKind::LeadsLinked,
            FindingKind::LeadsDifferent,
        ),
        (FindingKind::SharedQuote, !quotes.is_empty()),
        (FindingKind::Phrase, !phrases.is_empty()),
        (FindingKind::Contrast, !contrasts.is_empty()),
    ];
    let (shown, uncertain) = split_by_audit(&present);
    Ok(PairPanel {
        shown,
        uncertain,
        quotes,
        contrasts,
        phrases,
        headlines,
        leads,
    })
}

/// The kinds that have findings here, by name, split into those shown by
/// default and the uncertain ones, each in the order given.
fn split_by_audit(present: &[(FindingKind, bool)]) -> (Vec<&'static str>, Vec<&'static str>) {
    let kinds = present.iter().filter(|(_, present)| *present);
    (
        kinds
            .clone()
            .filter(|(kind, _)| kind.shown_by_default())
            .map(|(kind, _)| kind.as_str())
            .collect(),
        kinds
            .filter(|(kind, _)| !kind.shown_by_default())
            .map(|(kind, _)| kind.as_str())
            .collect(),
    )
}
