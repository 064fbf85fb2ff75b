//! Any Markdown body through the renderer with link rewriting: no panic, and nothing unsafe in
//! the HTML (no script, no event handler attribute, no javascript: URL).
#![no_main]
use libfuzzer_sys::fuzz_target;
use pathways::content::{self, Context};
use pathways::render::{render, LinkMap};
use pathways::source::SourceFile;

/// Complete front matter, so every input reaches the renderer as a real document would.
const FRONT: &str = "---\ntitle: t\nkind: pathway\nsummary: s\nversion: \"1.0\"\nstatus: approved\napproved: 2026-01-01\napproved_by: Board\nreview: 2027-01-01\nowner: o\nchanges: c\n---\n";

fuzz_target!(|body: &str| {
    let file = SourceFile {
        path: "networks/selk/pathways/doc.md".into(),
        text: format!("{FRONT}{body}").into(),
    };
    let doc = content::parse(&file, &Context { glossary: None }, &mut Vec::new())
        .expect("the front matter is complete");
    let mut map = LinkMap { base_path: "/".into(), ..LinkMap::default() };
    map.documents.insert("national/ces.md".into(), ("national/ces".into(), "/national/ces/".into()));
    map.documents.insert("networks/selk/pathways/other.md".into(), ("selk/other".into(), "/selk/other/".into()));
    let r = render(&doc, &map);
    let html = r.html.to_ascii_lowercase();
    assert!(!html.contains("<script"), "script survived: {html}");
    assert!(!html.contains("javascript:"), "javascript: survived: {html}");
    for d in &r.diags {
        assert!(d.line >= 1, "diagnostic without a line: {d:?}");
    }
    let _ = pathways::output::minify(r.html.as_bytes());
});
