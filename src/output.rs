//! Where results and messages go: files written whole or not at all,
//! standard output, and one-line messages on standard error.

use crate::failure::Failure;
use parallax_report::write::write_atomically;
use std::io::Write;
use std::path::Path;

/// Writes `contents` to `path` (`-` for standard output); see
/// [`write_output_with`].
pub fn write_output(path: &Path, contents: &str) -> Result<(), Failure> {
    write_output_with(path, |out| out.write_all(contents.as_bytes()))
}

/// Writes what `produce` writes to `path`, into a temporary file renamed
/// into place, so readers never see half a report and a failed run keeps
/// the old one (see [`write_atomically`]). `-` means standard output.
/// `produce` writes into a buffered writer, so a large result is never held
/// whole in memory.
pub fn write_output_with(
    path: &Path,
    produce: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Failure> {
    if path == Path::new("-") {
        let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
        produce(&mut stdout)?;
        stdout.flush()?;
        return Ok(());
    }
    Ok(write_atomically(path, produce)?)
}

/// `text` safe to print on a terminal: control characters (an escape
/// sequence in an outlet's name, a newline in a file name) are written as
/// escapes, so they neither drive the terminal nor split a line.
pub fn printable(text: &str) -> String {
    if !text.chars().any(char::is_control) {
        return text.to_owned();
    }
    text.chars()
        .flat_map(|character| {
            let shown: Vec<char> = if character.is_control() {
                character.escape_default().collect()
            } else {
                vec![character]
            };
            shown
        })
        .collect()
}

/// Shortens `text` to `width` characters, marking the cut with an ellipsis,
/// made [`printable`] first.
pub fn truncate(text: &str, width: usize) -> String {
    let text = printable(text);
    if text.chars().count() <= width {
        return text;
    }
    let mut shortened: String = text.chars().take(width.saturating_sub(1)).collect();
    shortened.push('…');
    shortened
}

#[allow(
    clippy::print_stderr,
    reason = "the binary reports what it set aside on standard error"
)]
pub fn write_note(note: &parallax_ingest::Note) {
    eprintln!("parallax: note: {}", printable(&note.to_string()));
}

/// One line on standard error saying what a command did or what it could
/// not do that is no error.
#[allow(
    clippy::print_stderr,
    reason = "the binary says what it did on standard error, leaving standard output to results"
)]
pub fn write_status(message: &str) {
    eprintln!("parallax: {}", printable(message));
}

/// "1 document", "5 documents", "19,900 pairs".
pub fn counted(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{} {noun}s", parallax_report::thousands(count))
    }
}

/// Writes what reading set aside: everything with `verbose`, otherwise
/// only what matters (bad records, not files a walk passed over).
pub fn write_notes(notes: &[parallax_ingest::Note], verbose: bool) {
    for note in notes {
        if note.important || verbose {
            write_note(note);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_keeps_width() {
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("Anadolu Agency International", 10), "Anadolu A…");
    }

    /// Issue 19: escape sequences and line breaks from names are shown,
    /// not obeyed.
    #[test]
    fn control_characters_are_shown_as_escapes() {
        assert_eq!(printable("TASS\u{1b}[2J"), "TASS\\u{1b}[2J");
        assert_eq!(printable("a\nb.txt"), "a\\nb.txt");
        assert_eq!(printable("Anadolu Agency"), "Anadolu Agency");
    }
}
