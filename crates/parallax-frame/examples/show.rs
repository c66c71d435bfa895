#![allow(clippy::print_stdout, reason = "a scratch tool")]
fn main() {
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap();
        let document = parallax_ingest::document_from_text("x", &path, &text);
        let cleaned = parallax_clean::clean(&document);
        let sentences: Vec<_> = cleaned.body().collect();
        println!("== {path}");
        let found = parallax_frame::attributions(&document.text, &sentences, &cleaned.paragraphs);
        let mentions = parallax_frame::mentions(&document.text, &sentences);
        let (resolved, speakers) = parallax_frame::resolve(&document.text, &found, &mentions);
        let mut table: Vec<_> = speakers
            .iter()
            .map(|s| {
                (
                    s.attributions,
                    s.name.clone(),
                    s.titles.join("; "),
                    s.kind.as_str(),
                )
            })
            .collect();
        table.sort_by_key(|row| std::cmp::Reverse(row.0));
        println!("{table:?}");
        for (i, a) in found.iter().enumerate() {
            let a = a.clone();
            let who = resolved[i].map_or("?".to_owned(), |i| speakers[i].name.clone());
            let show = |s: Option<parallax_core::Span>| {
                s.map_or(String::from("-"), |s| {
                    document.text[s.start..s.end].to_owned()
                })
            };
            let content = &document.text[a.content.start..a.content.end];
            let short: String = content.chars().take(90).collect();
            println!(
                "[{}] {} => {} | {} | {}",
                a.quoting.as_str(),
                show(a.source),
                who,
                show(a.cue),
                short
            );
        }
    }
}
