//! The article inside a news web page: its text, headline and metadata.
//!
//! This is where parallax's heavy HTML dependencies start (an HTML5 parser
//! and rs-trafilatura's main-content extraction), so readers of plain text
//! and JSON never build them.
//!
//! ```
//! let html = r#"<html><head><title>Port Reopens After Strike – Harbour News</title>
//!   <meta property="og:site_name" content="Harbour News">
//!   <meta property="article:published_time" content="2024-03-02T08:15:00Z"></head>
//!   <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
//!   <article><h1>Port Reopens After Strike</h1>
//!   <p>The port reopened on Saturday after a week-long strike by dock workers ended
//!   with a new pay deal, the port authority said in a statement.</p>
//!   <p>Ships that had waited offshore began unloading within hours, and officials
//!   expect the backlog of containers to clear by the end of next week.</p></article>
//!   <footer>© Harbour News. All rights reserved.</footer></body></html>"#;
//! let page = parallax_html::extract(html, None).unwrap();
//! assert!(page.text.starts_with("Port Reopens After Strike\n\nThe port reopened"));
//! assert!(!page.text.contains("All rights reserved"));
//! assert_eq!(page.metadata.outlet.as_deref(), Some("Harbour News"));
//! assert_eq!(page.metadata.published.as_deref(), Some("2024-03-02T08:15:00Z"));
//! ```
//!
//! - [`extract`] takes a page already decoded to a string; use
//!   [`declared_encoding`] on the raw bytes first to learn the charset the
//!   page declares.
//! - The text parallax cites is [`Page::text`]: the headline, a blank line,
//!   then the extracted article paragraphs. Offsets of every later finding
//!   count bytes of that text, not of the HTML.

mod nesting;

use parallax_core::{Evidence, Found, Metadata, Provenance, Span};
use regex::Regex;
use std::sync::LazyLock;
use thiserror::Error;

/// Why a page gave no article.
#[derive(Debug, Error)]
pub enum HtmlError {
    #[error("no article text found in the page")]
    NoArticle,
    #[error("cannot extract the article: {0}")]
    Extraction(String),
}

/// The article of one page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Headline, blank line, article paragraphs separated by blank lines.
    pub text: String,
    /// What the page's markup says about the article; provenance `markup`.
    pub metadata: Metadata,
    /// Where in [`Page::text`] the metadata was found (the headline).
    pub found: Vec<Found>,
}

/// Extracts the article of `html`. `url` is the page's address when known
/// (a corpus record's `url`); the page's own canonical link is used
/// otherwise.
pub fn extract(html: &str, url: Option<&str>) -> Result<Page, HtmlError> {
    let options = rs_trafilatura::Options {
        url: url.map(str::to_owned),
        ..rs_trafilatura::Options::default()
    };
    // Elements nested thousands deep overflow the extractor's stack and
    // make its work grow faster than the page: past the bound, tags go.
    let (bounded, _) = nesting::cap_nesting(html, nesting::MAX_DEPTH);
    let result = match rs_trafilatura::extract_with_options(&bounded, &options) {
        Ok(result) => result,
        Err(rs_trafilatura::Error::NoContent) => return Err(HtmlError::NoArticle),
        Err(error) => return Err(HtmlError::Extraction(error.to_string())),
    };
    let body = tidy(&result.content_text);
    if body.trim().is_empty() {
        return Err(HtmlError::NoArticle);
    }
    let source = result.metadata;
    let title = source.title.as_deref().map(clean_title).and_then(non_empty);
    let mut metadata = Metadata {
        title: title.clone(),
        outlet: source.sitename.or(source.hostname).and_then(non_empty),
        author: source.author.and_then(non_empty),
        url: source.url.and_then(non_empty),
        language: source.language.and_then(non_empty),
        published: source
            .date
            .map(|date| date.format("%Y-%m-%dT%H:%M:%SZ").to_string()),
        modified: meta_content(html, MODIFIED_KEYS).and_then(non_empty),
        tags: source.tags.into_iter().filter_map(non_empty).collect(),
        ..Metadata::default()
    };
    let present = [
        ("title", metadata.title.is_some()),
        ("outlet", metadata.outlet.is_some()),
        ("author", metadata.author.is_some()),
        ("url", metadata.url.is_some()),
        ("language", metadata.language.is_some()),
        ("published", metadata.published.is_some()),
        ("modified", metadata.modified.is_some()),
        ("tags", !metadata.tags.is_empty()),
    ];
    for (field, _) in present.iter().filter(|(_, present)| *present) {
        metadata
            .provenance
            .insert((*field).to_owned(), Provenance::Markup);
    }

    let mut text = String::new();
    let mut found = Vec::new();
    let body_starts_with_title = title
        .as_deref()
        .is_some_and(|title| body.trim_start().starts_with(title));
    if let Some(title) = title.as_deref().filter(|_| !body_starts_with_title) {
        text.push_str(title);
        found.push(Found {
            span: Span::new(0, title.len()),
            evidence: Evidence::Title,
            what: "headline (from the page's markup)".to_owned(),
        });
        text.push_str("\n\n");
    }
    text.push_str(&body);
    text.push('\n');
    Ok(Page {
        text,
        metadata,
        found,
    })
}

fn non_empty(value: impl AsRef<str>) -> Option<String> {
    let value = value.as_ref().trim();
    (!value.is_empty()).then(|| value.to_owned())
}

/// Meta tags that carry the time an article was last changed.
const MODIFIED_KEYS: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "dateModified",
    "last-modified",
];

static META_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?is)<meta\s[^>]*>").expect("valid meta tag pattern"));
static ATTRIBUTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?is)([a-z:_-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')"#)
        .expect("valid attribute pattern")
});
static JSON_LD_MODIFIED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#""dateModified"\s*:\s*"([^"]+)""#).expect("valid JSON-LD pattern")
});

/// The content of the first `<meta>` whose `property`, `name` or
/// `itemprop` is one of `keys`, or a JSON-LD `dateModified`. rs-trafilatura
/// keeps one date per page (the publication); parallax also reports when
/// the article was updated.
fn meta_content(html: &str, keys: &[&str]) -> Option<String> {
    for tag in META_TAG.find_iter(html) {
        let mut name = None;
        let mut content = None;
        for attribute in ATTRIBUTE.captures_iter(tag.as_str()) {
            let value = attribute
                .get(2)
                .or_else(|| attribute.get(3))
                .map_or("", |value| value.as_str());
            match attribute[1].to_ascii_lowercase().as_str() {
                "property" | "name" | "itemprop" => name = Some(value.to_owned()),
                "content" => content = Some(value.to_owned()),
                _ => {}
            }
        }
        if let (Some(name), Some(content)) = (name, content)
            && keys.iter().any(|key| key.eq_ignore_ascii_case(&name))
            && !content.trim().is_empty()
        {
            return Some(content.trim().to_owned());
        }
    }
    JSON_LD_MODIFIED
        .captures(html)
        .map(|captures| captures[1].to_owned())
}

/// Drops the "– Site Name" a `<title>` often carries; the outlet is kept in
/// its own field.
fn clean_title(title: &str) -> String {
    static SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\s+[|–—-]\s+[^|–—-]{2,40}$").expect("valid title suffix pattern")
    });
    let title = title.trim();
    match SUFFIX.find(title) {
        Some(suffix) if suffix.start() > 20 => title[..suffix.start()].to_owned(),
        _ => title.to_owned(),
    }
}

/// Trailing spaces on lines and runs of blank lines carry nothing; paragraph
/// breaks (a blank line) are kept.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        blank_run = 0;
        out.push_str(line.trim_start());
    }
    out
}

/// The character encoding a page declares in its first 1024 bytes
/// (`<meta charset>` or `http-equiv` Content-Type), as the HTML standard's
/// prescan looks for it.
#[must_use]
pub fn declared_encoding(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    static CHARSET: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
        regex::bytes::Regex::new(r#"(?i)<meta[^>]*charset\s*=\s*["']?\s*([a-z0-9_:.-]+)"#)
            .expect("valid charset pattern")
    });
    let head = &bytes[..bytes.len().min(1024)];
    let label = CHARSET.captures(head)?.get(1)?.as_bytes();
    encoding_rs::Encoding::for_label(label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_suffix_is_the_site_not_the_headline() {
        assert_eq!(
            clean_title("Talks on security guarantees to begin in Geneva – Daily Courier"),
            "Talks on security guarantees to begin in Geneva"
        );
        // A short headline keeps its dash: "UN – a view" is the headline.
        assert_eq!(clean_title("UN - Week Ahead"), "UN - Week Ahead");
    }

    #[test]
    fn declared_charsets_are_read_from_the_head() {
        assert_eq!(
            declared_encoding(b"<html><head><meta charset=\"windows-1251\">"),
            Some(encoding_rs::WINDOWS_1251)
        );
        assert_eq!(
            declared_encoding(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">"
            ),
            Some(encoding_rs::WINDOWS_1252)
        );
        assert_eq!(declared_encoding(b"<html><body>no charset</body>"), None);
    }

    #[test]
    fn modified_time_from_meta_or_json_ld() {
        let html = r#"<meta content="2024-05-01T10:00:00Z" property="article:modified_time">"#;
        assert_eq!(
            meta_content(html, MODIFIED_KEYS).as_deref(),
            Some("2024-05-01T10:00:00Z")
        );
        let json_ld =
            r#"<script type="application/ld+json">{"dateModified": "2024-05-02"}</script>"#;
        assert_eq!(
            meta_content(json_ld, MODIFIED_KEYS).as_deref(),
            Some("2024-05-02")
        );
    }

    #[test]
    fn tidy_keeps_paragraph_breaks_only() {
        assert_eq!(
            tidy("  One. \n\n\n Two.\nThree. \n"),
            "One.\n\nTwo.\nThree."
        );
    }
}
