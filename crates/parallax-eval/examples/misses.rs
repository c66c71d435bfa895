#![allow(clippy::print_stdout, reason = "a scratch tool")]
use parallax_core::Span;
fn main() {
    let directory = std::path::PathBuf::from(std::env::args().nth(1).unwrap());
    let filter = std::env::args().nth(2).unwrap_or_default();
    let mut texts: Vec<_> = std::fs::read_dir(directory.join("text"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    texts.sort();
    for path in texts {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let ann = std::fs::read_dir(directory.join("attributions"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with(&format!("{name}_"))
            })
            .unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let (gold, _, _) = parallax_eval::attribution::read_annotations(&ann, &text).unwrap();
        let document = parallax_ingest::document_from_text(&name, &name, &text);
        let cleaned = parallax_clean::clean(&document);
        let sentences: Vec<Span> = cleaned.body().collect();
        let found = parallax_frame::attributions(&text, &sentences, &cleaned.paragraphs);
        for g in &gold {
            let cue: String = g
                .cue
                .iter()
                .map(|s| &text[s.start..s.end])
                .collect::<Vec<_>>()
                .join(" ");
            if !filter.is_empty() && cue.to_lowercase() != filter {
                continue;
            }
            let hit = found.iter().any(|f| {
                g.content
                    .iter()
                    .any(|c| c.start < f.content.end && f.content.start < c.end)
            });
            if hit {
                continue;
            }
            let first = g.content.iter().min().unwrap();
            let sentence = sentences
                .iter()
                .find(|s| s.end > first.start && s.start <= first.start)
                .copied()
                .unwrap_or(*first);
            let source: String = g
                .source
                .iter()
                .map(|s| &text[s.start..s.end])
                .collect::<Vec<_>>()
                .join(" ");
            let shown: String = text[sentence.start..sentence.end]
                .chars()
                .take(220)
                .collect();
            println!("[{cue}] [{source}] {shown}\n");
        }
    }
}
