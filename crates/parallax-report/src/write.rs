//! Writing an output so that no reader ever sees half of it: the text goes
//! to a temporary file beside the target, which is then renamed over it. A
//! run that fails keeps the previous output.

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
/// into place. A symbolic link is written through (the link stays), and a
/// target that is not a regular file (`/dev/null`, a named pipe) is
/// written to directly: renaming over it would replace it.
pub fn write_atomically(
    path: &Path,
    produce: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), WriteError> {
    let fail = |reason: String| WriteError {
        path: path.display().to_string(),
        reason,
    };
    let resolved = std::fs::canonicalize(path).ok();
    let path = resolved.as_deref().unwrap_or(path);
    if let Ok(metadata) = std::fs::metadata(path) {
        if metadata.is_dir() {
            return Err(fail("it is a directory".to_owned()));
        }
        if !metadata.is_file() {
            let mut special = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|error| fail(error.to_string()))?;
            let mut writer = std::io::BufWriter::new(&mut special);
            return produce(&mut writer)
                .and_then(|()| writer.flush())
                .map_err(|error| fail(error.to_string()));
        }
    }
    let mut file = replacement_file(path)
        .tempfile_in(folder_of(path))
        .map_err(|error| fail(error.to_string()))?;
    let mut writer = std::io::BufWriter::new(file.as_file_mut());
    produce(&mut writer)
        .and_then(|()| writer.flush())
        .map_err(|error| fail(error.to_string()))?;
    drop(writer);
    file.persist(path)
        .map_err(|error| fail(error.error.to_string()))?;
    Ok(())
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
