//! Writing results: atomically to files, or to standard output.

use crate::UsageError;
use std::io::Write;
use std::path::Path;

/// Writes to a temporary file beside the target and renames it into place,
/// so readers never see half a report and a failed run keeps the old one.
/// `-` means standard output. A symbolic link is written through (the link
/// stays), and a target that is not a regular file (`/dev/null`, a named
/// pipe) is written to directly: renaming over it would replace it.
pub fn write_output(path: &Path, contents: &str) -> anyhow::Result<()> {
    write_output_with(path, |out| out.write_all(contents.as_bytes()))
}

/// [`write_output`] for contents produced piece by piece: `produce` writes
/// into a buffered writer, so a large result is never held whole in memory.
pub fn write_output_with(
    path: &Path,
    produce: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    if path == Path::new("-") {
        let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
        produce(&mut stdout)?;
        stdout.flush()?;
        return Ok(());
    }
    let display = path.display();
    let fail = |reason: String| UsageError(format!("{display}: cannot write: {reason}"));
    let resolved = std::fs::canonicalize(path).ok();
    let path = resolved.as_deref().unwrap_or(path);
    if let Ok(metadata) = std::fs::metadata(path) {
        if metadata.is_dir() {
            return Err(fail("it is a directory".to_owned()).into());
        }
        if !metadata.is_file() {
            let mut special = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|error| fail(error.to_string()))?;
            let mut writer = std::io::BufWriter::new(&mut special);
            produce(&mut writer)
                .and_then(|()| writer.flush())
                .map_err(|error| fail(error.to_string()))?;
            return Ok(());
        }
    }
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut file = parallax_corpus::replacement_file(path)
        .tempfile_in(directory)
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

/// Shortens `text` to `width` characters, marking the cut with an ellipsis.
pub fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut shortened: String = text.chars().take(width.saturating_sub(1)).collect();
    shortened.push('…');
    shortened
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn written_files_are_readable_like_any_other() {
        use std::os::unix::fs::PermissionsExt;
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("report.html");
        write_output(&path, "one").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        write_output(&path, "two").unwrap();
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
        write_output(&link, "new").unwrap();
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
        write_output(&pipe, "through the pipe").unwrap();
        // Checked before joining: a replaced pipe would leave the reader
        // waiting for ever.
        assert!(std::fs::metadata(&pipe).unwrap().file_type().is_fifo());
        assert_eq!(reader.join().unwrap(), "through the pipe");

        let error = write_output(directory.path(), "x").unwrap_err();
        assert!(error.to_string().ends_with("it is a directory"), "{error}");
    }

    #[test]
    fn truncation_keeps_width() {
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("Anadolu Agency International", 10), "Anadolu A…");
    }
}
