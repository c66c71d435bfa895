//! `manifest.toml`: what a user knows about each file (outlet, language,
//! date), which overrides what parallax sniffs.

use crate::{IngestError, Input, mark};
use parallax_core::{Metadata, Provenance};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The file name looked for at the top of every directory given.
pub const MANIFEST_FILE: &str = "manifest.toml";

/// The manifest of one directory.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    #[serde(rename = "document", default)]
    pub documents: Vec<ManifestEntry>,
}

/// What a user says about one file. `file` is relative to the manifest.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestEntry {
    pub file: PathBuf,
    pub outlet: Option<String>,
    pub language: Option<String>,
    /// ISO 8601 date or date-time.
    pub published: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
}

impl Manifest {
    pub fn read(path: &Path) -> Result<Self, IngestError> {
        let display = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| IngestError::Unreadable {
            path: display.clone(),
            source,
        })?;
        Self::parse(&display, &text)
    }

    pub fn parse(display: &str, text: &str) -> Result<Self, IngestError> {
        let manifest: Manifest = toml::from_str(text).map_err(|error| IngestError::Manifest {
            path: display.to_owned(),
            reason: error.message().to_owned(),
        })?;
        for entry in &manifest.documents {
            if let Some(published) = &entry.published
                && crate::sniff::normalize_iso(published).is_none()
            {
                return Err(IngestError::Manifest {
                    path: display.to_owned(),
                    reason: format!(
                        "{}: published {published:?} is not an ISO 8601 date or date-time",
                        entry.file.display()
                    ),
                });
            }
        }
        Ok(manifest)
    }

    #[must_use]
    pub fn entry(&self, relative: &Path) -> Option<&ManifestEntry> {
        self.documents.iter().find(|entry| entry.file == relative)
    }

    /// A manifest that names a file the directory does not hold is a mistake
    /// worth stopping for: the user's facts would silently go nowhere.
    pub(crate) fn check_covers(
        &self,
        inputs: &[Input],
        directory: &Path,
    ) -> Result<(), IngestError> {
        for entry in &self.documents {
            let wanted = directory.join(&entry.file);
            if !inputs.iter().any(|input| input.path == wanted) {
                return Err(IngestError::Manifest {
                    path: directory.join(MANIFEST_FILE).display().to_string(),
                    reason: format!(
                        "names {}, which is not a text document in {}",
                        entry.file.display(),
                        directory.display()
                    ),
                });
            }
        }
        Ok(())
    }
}

impl ManifestEntry {
    /// Overrides sniffed metadata with what the user said.
    pub fn apply(&self, metadata: &mut Metadata) {
        let fields = [
            ("outlet", &self.outlet, &mut metadata.outlet),
            ("language", &self.language, &mut metadata.language),
            ("title", &self.title, &mut metadata.title),
            ("url", &self.url, &mut metadata.url),
            ("author", &self.author, &mut metadata.author),
        ];
        let mut given = Vec::new();
        for (name, value, target) in fields {
            if let Some(value) = value {
                *target = Some(value.clone());
                given.push(name);
            }
        }
        // What the user says wins, a date over the page's own time of that
        // day too: a sniffed timestamp may be a related article's, and the
        // provenance must say whose word the date is.
        if let Some(published) = &self.published {
            metadata.published = crate::sniff::normalize_iso(published);
            given.push("published");
        }
        for name in given {
            mark(metadata, name, Provenance::Manifest);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_override_sniffed_values() {
        let manifest = Manifest::parse(
            "m.toml",
            "[[document]]\nfile = \"a.txt\"\noutlet = \"TASS\"\npublished = \"2021-12-19\"\n",
        )
        .unwrap();
        let mut metadata = Metadata {
            outlet: Some("tass.com".into()),
            ..Metadata::default()
        };
        manifest
            .entry(Path::new("a.txt"))
            .unwrap()
            .apply(&mut metadata);
        assert_eq!(metadata.outlet.as_deref(), Some("TASS"));
        assert_eq!(metadata.published.as_deref(), Some("2021-12-19"));
        assert_eq!(metadata.provenance["outlet"], Provenance::Manifest);
        assert!(manifest.entry(Path::new("b.txt")).is_none());
    }

    #[test]
    fn bad_manifests_say_why() {
        let unknown =
            Manifest::parse("m.toml", "[[document]]\nfile = \"a\"\nsource = \"x\"\n").unwrap_err();
        assert!(
            unknown
                .to_string()
                .starts_with("m.toml: bad manifest: unknown field `source`"),
            "{unknown}"
        );
        let date = Manifest::parse(
            "m.toml",
            "[[document]]\nfile = \"a\"\npublished = \"19/12/2021\"\n",
        )
        .unwrap_err();
        assert_eq!(
            date.to_string(),
            "m.toml: bad manifest: a: published \"19/12/2021\" is not an ISO 8601 date or date-time"
        );
    }

    /// Issue 15: the manifest's date is the one kept, even where the page
    /// gives a time on that day.
    #[test]
    fn the_manifest_date_overrides_the_page_time() {
        let entry: ManifestEntry =
            toml::from_str("file = \"a.txt\"\npublished = \"2022-01-05\"").unwrap();
        for sniffed in ["2022-01-05T15:28:00Z", "2022-01-04T23:00:00Z"] {
            let mut metadata = Metadata {
                published: Some(sniffed.into()),
                ..Metadata::default()
            };
            metadata
                .provenance
                .insert("published".into(), Provenance::Sniffed);
            entry.apply(&mut metadata);
            assert_eq!(metadata.published.as_deref(), Some("2022-01-05"));
            assert_eq!(metadata.provenance["published"], Provenance::Manifest);
        }
    }
}
