//! Any Markdown body through the renderer with link rewriting: no panic, and nothing unsafe in
//! the HTML (no script, no event handler attribute, no javascript: URL).
#![no_main]
use libfuzzer_sys::fuzz_target;
use pathways::content::{Audience, Document, Kind, Meta, Scope, Status, Version};
use pathways::render::{render, LinkMap};

fuzz_target!(|body: &str| {
    let front = "---\ntitle: t\n---\n";
    let text = format!("{front}{body}");
    let doc = Document {
        id: "selk/doc".into(),
        scope: Scope::Network("selk".into()),
        slug: "doc".into(),
        path: "networks/selk/pathways/doc.md".into(),
        meta: Meta {
            title: "t".into(),
            kind: Kind::Pathway,
            summary: "s".into(),
            version: Version { major: 1, minor: 0 },
            status: Status::Approved,
            approved: None,
            approved_by: None,
            review: None,
            owner: "o".into(),
            audience: Audience::Clinicians,
            conditions: vec![],
            adapts: None,
            changes: None,
            equality_impact_assessment: None,
        },
        body_start: front.len(),
        text,
    };
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
