//! Any bytes as a document file: decoding, front matter splitting, YAML parsing and every
//! field check must return diagnostics, never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use pathways::config::{Condition, Glossary};
use pathways::content::{self, Context};
use pathways::source::{decode, SourceFile};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = decode(data.to_vec()) else { return };
    let glossary = Glossary {
        conditions: vec![Condition {
            id: "cauda-equina-syndrome".into(),
            name: "Cauda equina syndrome".into(),
            abbreviations: vec!["CES".into()],
            synonyms: vec![],
        }],
        terms: vec![],
    };
    let file = SourceFile { path: "networks/selk/pathways/doc.md".into(), text: text.into() };
    let mut diags = Vec::new();
    if let Some(doc) = content::parse(&file, &Context { glossary: Some(&glossary) }, &mut diags) {
        assert!(doc.body_start <= doc.text.len());
    }
    // Rendering every diagnostic must not panic either (carets, long lines, odd characters).
    let _ = pathways::diag::render_human(&diags);
});
