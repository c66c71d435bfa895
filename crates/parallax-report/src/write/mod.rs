//! Writing an output so that no reader ever sees half of it: the text goes
//! to a temporary file beside the target, which is then renamed over it. A
//! run that fails keeps the previous output. A folder of outputs is built
//! whole beside its target and swapped in ([`StagedFolder`]); what is in
//! flight is listed, so an interrupted run can remove it
//! ([`remove_temporary`]).

mod folder;
mod pending;

pub use folder::StagedFolder;
pub use pending::remove_temporary;

use pending::Registration;
use std::io::Write;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// An output that could not be written, and why.
#[derive(Debug, Error)]
#[error("{path}: cannot write: {reason}")]
pub struct WriteError {
    pub path: String,
    pub reason: String,
}

/// A temporary file to prepare an output in before it is renamed over
/// `target`. A temporary file is private (0600) by default, but it becomes
/// an ordinary output, readable as one; a file it replaces keeps its own
/// permissions.
#[must_use]
pub fn replacement_file(target: &Path) -> tempfile::Builder<'static, 'static> {
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let permissions = std::fs::metadata(target).map_or_else(
            |_| std::fs::Permissions::from_mode(0o644),
            |existing| existing.permissions(),
        );
        builder.permissions(permissions);
    }
    #[cfg(not(unix))]
    let _ = target;
    builder
}

/// The folder that holds `path`, where its replacement is prepared.
#[must_use]
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Writes what `produce` writes to `path`, through a temporary file renamed
/// into place. A symbolic link is written through (the link stays, even
/// when what it points to does not exist yet), and a target that is not a
/// regular file (`/dev/null`, a named pipe) is written to directly:
/// renaming over it would replace it.
pub fn write_atomically(
    path: &Path,
    produce: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), WriteError> {
    // A pipe or a device is written as the output is produced: staging
    // would hold it whole in memory first.
    let target = resolve(path);
    if std::fs::metadata(&target).is_ok_and(|metadata| !metadata.is_file() && !metadata.is_dir()) {
        let fail = |error: std::io::Error| WriteError {
            path: path.display().to_string(),
            reason: error.to_string(),
        };
        let mut special = std::fs::OpenOptions::new()
            .write(true)
            .open(&target)
            .map_err(fail)?;
        let mut writer = std::io::BufWriter::new(&mut special);
        return produce(&mut writer)
            .and_then(|()| writer.flush())
            .map_err(fail);
    }
    stage(path, produce)?.commit()
}

/// Writes several outputs all or none: each is prepared beside its target
/// first, and only when every one is ready are they renamed into place. A
/// folder that does not exist, a full disk or a directory in the way fails
/// the run before any output is replaced.
pub fn write_all_atomically(outputs: &[(&Path, &[u8])]) -> Result<(), WriteError> {
    let staged = outputs
        .iter()
        .map(|(path, contents)| stage(path, |out| out.write_all(contents)))
        .collect::<Result<Vec<Staged>, WriteError>>()?;
    staged.into_iter().try_for_each(Staged::commit)
}

/// An output prepared but not yet in place.
#[derive(Debug)]
pub struct Staged {
    shown: String,
    target: PathBuf,
    how: Pending,
    /// Held until the temporary file is renamed or removed.
    _registration: Option<Registration>,
}

#[derive(Debug)]
enum Pending {
    /// A temporary file beside the target, renamed over it on commit.
    Replacement(tempfile::NamedTempFile),
    /// A pipe or device, written on commit.
    Special(Vec<u8>),
}

impl Staged {
    /// Puts the output in place.
    pub fn commit(self) -> Result<(), WriteError> {
        let fail = |reason: String| WriteError {
            path: self.shown.clone(),
            reason,
        };
        match self.how {
            Pending::Replacement(file) => file
                .persist(&self.target)
                .map(drop)
                .map_err(|error| fail(error.error.to_string())),
            Pending::Special(contents) => std::fs::OpenOptions::new()
                .write(true)
                .open(&self.target)
                .and_then(|mut special| special.write_all(&contents))
                .map_err(|error| fail(error.to_string())),
        }
    }
}

/// Why a temporary file or folder could not be made beside an output, in
/// words: the operating system's message would name the temporary path,
/// which means nothing to a reader.
pub(crate) fn beside_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "its folder does not exist".to_owned(),
        kind => kind.to_string(),
    }
}

/// Where writing `path` lands: a link's target (followed even when it does
/// not exist yet), else the path itself.
pub(crate) fn resolve(path: &Path) -> PathBuf {
    if let Ok(resolved) = std::fs::canonicalize(path) {
        return resolved;
    }
    let mut target = path.to_path_buf();
    // A dangling link: write where it points, so the link stays.
    for _ in 0..40 {
        let is_link = std::fs::symlink_metadata(&target)
            .is_ok_and(|metadata| metadata.file_type().is_symlink());
        if !is_link {
            break;
        }
        let Ok(pointed) = std::fs::read_link(&target) else {
            break;
        };
        target = if pointed.is_absolute() {
            pointed
        } else {
            folder_of(&target).join(pointed)
        };
    }
    target
}

/// Prepares the output of `produce` for `path` without touching `path`:
/// in a temporary file beside it, written and flushed to the disk.
pub fn stage(
    path: &Path,
    produce: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<Staged, WriteError> {
    let fail = |reason: String| WriteError {
        path: path.display().to_string(),
        reason,
    };
    let target = resolve(path);
    if let Ok(metadata) = std::fs::metadata(&target) {
        if metadata.is_dir() {
            return Err(fail("it is a directory".to_owned()));
        }
        if !metadata.is_file() {
            let mut contents = Vec::new();
            produce(&mut contents).map_err(|error| fail(error.to_string()))?;
            return Ok(Staged {
                shown: path.display().to_string(),
                target,
                how: Pending::Special(contents),
                _registration: None,
            });
        }
    }
    // The temporary file's own name means nothing to a reader: the error
    // names the output and what is wrong.
    let mut file = replacement_file(&target)
        .tempfile_in(folder_of(&target))
        .map_err(|error| fail(beside_reason(&error)))?;
    let registration = Registration::new(file.path().to_path_buf());
    let mut writer = std::io::BufWriter::new(file.as_file_mut());
    produce(&mut writer)
        .and_then(|()| writer.flush())
        .map_err(|error| fail(error.to_string()))?;
    drop(writer);
    // On the disk before the rename, so a report survives a power loss.
    file.as_file()
        .sync_all()
        .map_err(|error| fail(error.to_string()))?;
    Ok(Staged {
        shown: path.display().to_string(),
        target,
        how: Pending::Replacement(file),
        _registration: Some(registration),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, text: &str) -> Result<(), WriteError> {
        write_atomically(path, |out| out.write_all(text.as_bytes()))
    }

    #[cfg(unix)]
    #[test]
    fn written_files_are_readable_like_any_other() {
        use std::os::unix::fs::PermissionsExt;
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("report.html");
        write(&path, "one").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        write(&path, "two").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "an existing file keeps its permissions");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
    }

    /// Issue 19: `--json ok.json -o /no/such/r.html` replaced ok.json and
    /// then failed; several outputs are written all or none.
    #[test]
    fn several_outputs_are_written_all_or_none() {
        let directory = tempfile::tempdir().unwrap();
        let kept = directory.path().join("ok.json");
        std::fs::write(&kept, "old").unwrap();
        let missing = directory.path().join("no/such/r.html");
        let error = write_all_atomically(&[(&kept, b"new"), (&missing, b"report")]).unwrap_err();
        assert_eq!(error.reason, "its folder does not exist");
        assert_eq!(std::fs::read_to_string(&kept).unwrap(), "old");
        let names: Vec<_> = std::fs::read_dir(directory.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(names, ["ok.json"], "no temporary file is left behind");
        let other = directory.path().join("r.html");
        write_all_atomically(&[(&kept, b"new"), (&other, b"report")]).unwrap();
        assert_eq!(std::fs::read_to_string(&kept).unwrap(), "new");
        assert_eq!(std::fs::read_to_string(&other).unwrap(), "report");
    }

    /// Issue 19: a link to a file not yet there is written through; it
    /// was replaced by the report.
    #[cfg(unix)]
    #[test]
    fn a_dangling_link_is_written_through() {
        let directory = tempfile::tempdir().unwrap();
        let link = directory.path().join("link.html");
        std::os::unix::fs::symlink("target.html", &link).unwrap();
        write(&link, "report").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(
            std::fs::read_to_string(directory.path().join("target.html")).unwrap(),
            "report"
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_are_written_through_and_special_files_stay() {
        use std::os::unix::fs::FileTypeExt;
        let directory = tempfile::tempdir().unwrap();
        let real = directory.path().join("real.json");
        std::fs::write(&real, "old").unwrap();
        let link = directory.path().join("link.json");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write(&link, "new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");

        // A named pipe read by another process, as `--json /dev/stdout` or
        // a shell's process substitution gives: it is written into, not
        // replaced by a regular file.
        let pipe = directory.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&pipe).status();
        if !made.is_ok_and(|status| status.success()) {
            return;
        }
        let reader = {
            let pipe = pipe.clone();
            std::thread::spawn(move || std::fs::read_to_string(pipe).unwrap())
        };
        write(&pipe, "through the pipe").unwrap();
        // Checked before joining: a replaced pipe would leave the reader
        // waiting for ever.
        assert!(std::fs::metadata(&pipe).unwrap().file_type().is_fifo());
        assert_eq!(reader.join().unwrap(), "through the pipe");

        let error = write(directory.path(), "x").unwrap_err();
        assert!(error.to_string().ends_with("it is a directory"), "{error}");
    }

    #[test]
    fn a_failed_write_keeps_the_previous_output() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("result.json");
        write(&path, "previous").unwrap();
        let failed = write_atomically(&path, |out| {
            out.write_all(b"half")?;
            Err(std::io::Error::other("the disk is full"))
        });
        assert!(
            failed
                .unwrap_err()
                .to_string()
                .ends_with("the disk is full")
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "previous");
        let leftovers = std::fs::read_dir(directory.path()).unwrap().count();
        assert_eq!(leftovers, 1, "the temporary file is removed");
    }
}
