//! Writing results: atomically to files, or to standard output.

use crate::UsageError;
use std::io::Write;
use std::path::Path;

/// Writes to a temporary file beside the target and renames it into place,
/// so readers never see half a report and a failed run keeps the old one.
/// `-` means standard output.
pub fn write_output(path: &Path, contents: &str) -> anyhow::Result<()> {
    if path == Path::new("-") {
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(contents.as_bytes())?;
        stdout.flush()?;
        return Ok(());
    }
    let display = path.display();
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let fail = |reason: String| UsageError(format!("{display}: cannot write: {reason}"));
    let mut builder = tempfile::Builder::new();
    // A temporary file is private (0600) by default; the report replaces an
    // ordinary file and should be readable as one. An existing file keeps
    // its own permissions.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let permissions = std::fs::metadata(path).map_or_else(
            |_| std::fs::Permissions::from_mode(0o644),
            |existing| existing.permissions(),
        );
        builder.permissions(permissions);
    }
    let mut file = builder
        .tempfile_in(directory)
        .map_err(|error| fail(error.to_string()))?;
    file.write_all(contents.as_bytes())
        .and_then(|()| file.flush())
        .map_err(|error| fail(error.to_string()))?;
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

    #[test]
    fn truncation_keeps_width() {
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("Anadolu Agency International", 10), "Anadolu A…");
    }
}
