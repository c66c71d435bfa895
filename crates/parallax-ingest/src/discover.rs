//! Finding the documents under the paths a user gives: files as given,
//! directories walked in sorted order, manifests applied.

use crate::{IngestError, MANIFEST_FILE, Manifest, ManifestEntry, Note};
use parallax_core::SourceFormat;
use std::path::{Path, PathBuf};

/// Extensions parallax reads, and as what.
const FORMATS: &[(&str, SourceFormat)] = &[
    ("txt", SourceFormat::Text),
    ("text", SourceFormat::Text),
    ("html", SourceFormat::Html),
    ("htm", SourceFormat::Html),
    ("xhtml", SourceFormat::Html),
    ("jsonl", SourceFormat::Jsonl),
    ("ndjson", SourceFormat::Jsonl),
    ("json", SourceFormat::Json),
];
/// Extensions recognised as documents in formats this version cannot read
/// yet; naming them is kinder than skipping them silently.
const UNSUPPORTED_EXTENSIONS: &[(&str, &str)] = &[("warc", "WARC")];
/// Files in a corpus directory that belong to parallax itself.
const RESERVED_NAMES: &[(&str, &str)] = &[
    (MANIFEST_FILE, "the folder's manifest"),
    ("expected.json", "a golden result of `parallax check`"),
    ("check.toml", "settings of `parallax check`"),
];

/// A document to read: where it is, how to name it, what format it is in,
/// and what a manifest says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub path: PathBuf,
    /// The path as the user gave it, or as found under a directory they gave.
    pub display: String,
    pub format: SourceFormat,
    pub gzip: bool,
    pub manifest: Option<ManifestEntry>,
    /// The most bytes reading may hold at once for this input, after
    /// decompression: the whole file when it is read whole, one line when
    /// a JSON Lines file is streamed. [`DEFAULT_MAX_DOCUMENT_BYTES`] unless
    /// [`Discovery::limit`] changed it.
    pub max_bytes: u64,
}

/// How many bytes a document may hold once decompressed, unless raised:
/// 64 MiB, several hundred times the longest news article, and small enough
/// that a decompression bomb is refused long before it fills memory.
pub const DEFAULT_MAX_DOCUMENT_BYTES: u64 = 64 * 1024 * 1024;

/// What [`discover`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Discovery {
    pub inputs: Vec<Input>,
    pub notes: Vec<Note>,
}

impl Input {
    /// An input read as `format` whatever its name says, shown by its path,
    /// with no manifest entry and the default size limit.
    #[must_use]
    pub fn new(path: PathBuf, format: SourceFormat, gzip: bool) -> Self {
        Self {
            display: path.display().to_string(),
            path,
            format,
            gzip,
            manifest: None,
            max_bytes: DEFAULT_MAX_DOCUMENT_BYTES,
        }
    }
}

impl Discovery {
    /// Sets the most bytes reading may hold at once for every input (see
    /// [`Input::max_bytes`]).
    pub fn limit(&mut self, max_bytes: u64) {
        for input in &mut self.inputs {
            input.max_bytes = max_bytes;
        }
    }
}

/// The format of a path, from its extension; `.gz` is looked through.
fn format_of(path: &Path) -> Result<Option<(SourceFormat, bool)>, IngestError> {
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let (name, gzip) = match name.strip_suffix(".gz") {
        Some(inner) => (inner.to_owned(), true),
        None => (name, false),
    };
    let extension = Path::new(&name)
        .extension()
        .map(|extension| extension.to_string_lossy().into_owned())
        .unwrap_or_default();
    if let Some((_, format)) = UNSUPPORTED_EXTENSIONS
        .iter()
        .find(|(known, _)| *known == extension)
    {
        return Err(IngestError::Unsupported {
            path: path.display().to_string(),
            format: (*format).to_owned(),
        });
    }
    Ok(FORMATS
        .iter()
        .find(|(known, _)| *known == extension)
        .map(|(_, format)| (*format, gzip)))
}

/// Finds the documents named by `paths`: files as given (an unknown
/// extension is read as text), directories walked in sorted order (so every
/// run sees the same order). A `manifest.toml` applies to the files of its
/// folder and of every folder below it (the nearest manifest that names a
/// file is the one that counts); a file given by itself takes what its
/// folder's manifest says of it. What parallax itself wrote (a report, a
/// JSON result, a corpus run's files) is never read as a document.
pub fn discover(paths: &[PathBuf]) -> Result<Discovery, IngestError> {
    let mut discovery = Discovery::default();
    for path in paths {
        let display = path.display().to_string();
        let metadata = std::fs::metadata(path).map_err(|source| match source.kind() {
            std::io::ErrorKind::NotFound => IngestError::NotFound {
                path: display.clone(),
            },
            _ => IngestError::Unreadable {
                path: display.clone(),
                source,
            },
        })?;
        if metadata.is_dir() {
            walk(path, &mut discovery)?;
            continue;
        }
        let (format, gzip) = format_of(path)?.unwrap_or((SourceFormat::Text, false));
        if let Some(what) = crate::outputs::written_by_parallax(path, format, gzip) {
            return Err(IngestError::OwnOutput {
                path: display,
                what: what.to_owned(),
            });
        }
        let manifest = match (path.parent(), path.file_name()) {
            (Some(folder), Some(name)) => {
                let folder = if folder.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    folder
                };
                Manifests::of(folder)?
                    .by_folder
                    .first()
                    .and_then(|(_, manifest)| manifest.entry(Path::new(name)).cloned())
            }
            _ => None,
        };
        discovery.inputs.push(Input {
            path: path.clone(),
            display,
            format,
            gzip,
            manifest,
            max_bytes: DEFAULT_MAX_DOCUMENT_BYTES,
        });
    }
    Ok(discovery)
}

/// The manifests of a folder and the folders below it, by folder.
#[derive(Debug, Default)]
struct Manifests {
    /// Folder → its manifest, for the folders that have one.
    by_folder: Vec<(PathBuf, Manifest)>,
}

impl Manifests {
    /// The manifest of `folder` alone.
    fn of(folder: &Path) -> Result<Self, IngestError> {
        let mut manifests = Self::default();
        manifests.add(folder)?;
        Ok(manifests)
    }

    /// Reads `folder`'s manifest, when it has one.
    fn add(&mut self, folder: &Path) -> Result<(), IngestError> {
        let path = folder.join(MANIFEST_FILE);
        if path.is_file() {
            self.by_folder
                .push((folder.to_path_buf(), Manifest::read(&path)?));
        }
        Ok(())
    }

    /// What the nearest manifest above `file` says of it.
    fn entry_for(&self, file: &Path) -> Option<ManifestEntry> {
        let mut nearest: Option<(usize, &ManifestEntry)> = None;
        for (folder, manifest) in &self.by_folder {
            let depth = folder.components().count();
            let Ok(relative) = file.strip_prefix(folder) else {
                continue;
            };
            if let Some(entry) = manifest.entry(relative)
                && nearest.is_none_or(|(deepest, _)| depth > deepest)
            {
                nearest = Some((depth, entry));
            }
        }
        nearest.map(|(_, entry)| entry.clone())
    }

    /// Every manifest must name only files the walk found under its folder.
    fn check_cover(&self, inputs: &[Input]) -> Result<(), IngestError> {
        for (folder, manifest) in &self.by_folder {
            manifest.check_covers(inputs, folder)?;
        }
        Ok(())
    }
}

/// The error of a walk that cannot go on, naming the path.
fn walk_error(error: &walkdir::Error, directory: &Path) -> IngestError {
    let path = error.path();
    let dangling = path
        .and_then(|path| std::fs::read_link(path).ok())
        .filter(|_| path.is_some_and(|path| !path.exists()));
    IngestError::Walk {
        path: path.unwrap_or(directory).display().to_string(),
        reason: match dangling {
            Some(target) => format!(
                "a symbolic link to {}, which does not exist",
                target.display()
            ),
            None => error
                .io_error()
                .map_or_else(|| error.to_string(), ToString::to_string),
        },
    }
}

fn walk(directory: &Path, discovery: &mut Discovery) -> Result<(), IngestError> {
    let display = directory.display().to_string();
    let mut manifests = Manifests::default();
    let mut inputs = Vec::new();
    let skip = |discovery: &mut Discovery, path: &Path, why: &str| {
        discovery.notes.push(Note {
            location: path.display().to_string(),
            message: format!("skipped: {why}"),
            important: false,
        });
    };
    let mut walker = walkdir::WalkDir::new(directory)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(entry) => entry,
            // A link back to a folder the walk is already inside holds
            // nothing the walk will not read anyway: it is noted, not fatal.
            Err(error) if error.loop_ancestor().is_some() => {
                let ancestor = error.loop_ancestor().unwrap_or(directory);
                discovery.notes.push(Note {
                    location: error
                        .path()
                        .map_or_else(|| display.clone(), |path| path.display().to_string()),
                    message: format!("skipped: symbolic link loop back to {}", ancestor.display()),
                    important: true,
                });
                continue;
            }
            Err(error) => return Err(walk_error(&error, directory)),
        };
        let name = entry.file_name().to_string_lossy();
        if entry.depth() > 0 && name.starts_with('.') {
            skip(discovery, entry.path(), "hidden");
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        // A folder comes before what it holds: its manifest is known
        // before its files are.
        if entry.file_type().is_dir() {
            manifests.add(entry.path())?;
            continue;
        }
        if !entry.file_type().is_file() {
            // Reading a named pipe would wait for a writer that may never
            // come; a socket or a device holds no document. Said, not read.
            discovery.notes.push(Note {
                location: entry.path().display().to_string(),
                message: format!("skipped: {}", special_kind(entry.file_type())),
                important: true,
            });
            continue;
        }
        if let Some((_, what)) = RESERVED_NAMES
            .iter()
            .find(|(reserved, _)| *reserved == name)
        {
            skip(discovery, entry.path(), what);
            continue;
        }
        let Some((format, gzip)) = format_of(entry.path())? else {
            skip(discovery, entry.path(), "not a known document format");
            continue;
        };
        if let Some(what) = crate::outputs::written_by_parallax(entry.path(), format, gzip) {
            skip(discovery, entry.path(), what);
            continue;
        }
        inputs.push(Input {
            path: entry.path().to_path_buf(),
            display: entry.path().display().to_string(),
            format,
            gzip,
            manifest: manifests.entry_for(entry.path()),
            max_bytes: DEFAULT_MAX_DOCUMENT_BYTES,
        });
    }
    manifests.check_cover(&inputs)?;
    if inputs.is_empty() {
        return Err(IngestError::NoDocuments { path: display });
    }
    discovery.inputs.extend(inputs);
    Ok(())
}

/// What a file that is not a regular one is, in words.
fn special_kind(file_type: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe, not a file";
        }
        if file_type.is_socket() {
            return "a socket, not a file";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "a device, not a file";
        }
    }
    let _ = file_type;
    "not a regular file"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::stem_of;

    #[test]
    fn walking_is_sorted_skips_hidden_and_non_text() {
        let directory = tempfile::tempdir().unwrap();
        for name in ["b.txt", "a.txt", ".hidden.txt", "notes.csv"] {
            std::fs::write(directory.path().join(name), "Some text.").unwrap();
        }
        std::fs::create_dir(directory.path().join("sub")).unwrap();
        std::fs::write(directory.path().join("sub/c.txt"), "More text.").unwrap();
        let discovery = discover(&[directory.path().to_path_buf()]).unwrap();
        let names: Vec<String> = discovery
            .inputs
            .iter()
            .map(|input| {
                input
                    .path
                    .strip_prefix(directory.path())
                    .unwrap()
                    .display()
                    .to_string()
            })
            .collect();
        assert_eq!(names, ["a.txt", "b.txt", "sub/c.txt"]);
        let notes: Vec<String> = discovery
            .notes
            .iter()
            .map(|note| note.message.clone())
            .collect();
        assert_eq!(
            notes,
            ["skipped: hidden", "skipped: not a known document format"]
        );
    }

    #[test]
    fn an_empty_directory_is_an_error_naming_it() {
        let directory = tempfile::tempdir().unwrap();
        std::fs::write(directory.path().join("data.csv"), "a,b").unwrap();
        let error = discover(&[directory.path().to_path_buf()]).unwrap_err();
        assert!(matches!(error, IngestError::NoDocuments { .. }), "{error}");
    }

    #[test]
    fn formats_come_from_the_extension_through_gzip() {
        let format = |name: &str| format_of(Path::new(name)).unwrap();
        assert_eq!(format("a/story.TXT"), Some((SourceFormat::Text, false)));
        assert_eq!(format("page.html.gz"), Some((SourceFormat::Html, true)));
        assert_eq!(format("feed.jsonl"), Some((SourceFormat::Jsonl, false)));
        assert_eq!(format("notes.csv"), None);
        assert_eq!(
            format_of(Path::new("crawl.warc.gz"))
                .unwrap_err()
                .to_string(),
            "crawl.warc.gz: WARC input is not supported yet; give text, HTML, JSON Lines or JSON"
        );
        assert_eq!(stem_of(Path::new("x/page.html.gz")), "page");
    }

    /// Issue 15: a manifest applies at any depth below its folder; the
    /// nearest one that names a file counts, and each must name only files
    /// it has.
    #[test]
    fn manifests_apply_at_any_depth() {
        let directory = tempfile::tempdir().unwrap();
        let root = directory.path();
        std::fs::create_dir_all(root.join("a/b")).unwrap();
        for file in ["top.txt", "a/one.txt", "a/b/two.txt"] {
            std::fs::write(root.join(file), "Some text.").unwrap();
        }
        let manifest = |folder: &str, body: &str| {
            std::fs::write(root.join(folder).join(MANIFEST_FILE), body).unwrap();
        };
        manifest(
            "",
            "[[document]]\nfile = \"top.txt\"\noutlet = \"Top\"\n\
             [[document]]\nfile = \"a/b/two.txt\"\noutlet = \"From the top\"\n",
        );
        manifest("a", "[[document]]\nfile = \"one.txt\"\noutlet = \"A\"\n");
        manifest("a/b", "[[document]]\nfile = \"two.txt\"\noutlet = \"B\"\n");
        let outlets: Vec<Option<String>> = discover(&[root.to_path_buf()])
            .unwrap()
            .inputs
            .into_iter()
            .map(|input| input.manifest.and_then(|entry| entry.outlet))
            .collect();
        assert_eq!(
            outlets,
            [
                Some("B".to_owned()),
                Some("A".to_owned()),
                Some("Top".to_owned())
            ]
        );
        manifest("a", "[[document]]\nfile = \"gone.txt\"\n");
        let error = discover(&[root.to_path_buf()]).unwrap_err().to_string();
        assert!(error.contains("names gone.txt"), "{error}");
    }
}
