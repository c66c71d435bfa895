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
    let mut file =
        tempfile::NamedTempFile::new_in(directory).map_err(|error| fail(error.to_string()))?;
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

    #[test]
    fn truncation_keeps_width() {
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("Anadolu Agency International", 10), "Anadolu A…");
    }
}
