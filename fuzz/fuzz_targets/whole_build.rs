//! A whole build of a small content tree made from the input: up to six files whose names and
//! contents come from the fuzzer. The build must not panic, must report errors as diagnostics,
//! and must only ever write inside its output folder.
#![no_main]
use libfuzzer_sys::fuzz_target;
use pathways::library::Selection;
use pathways::site::{build, BuildOptions, HistoryUse};

const PLACES: &[&str] = &[
    "national/",
    "national/pathways/",
    "networks/alpha/",
    "networks/alpha/leaflets/",
    "networks/beta/",
    "",
];

fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir_all(content.join("networks/alpha")).unwrap();
    std::fs::write(content.join("site.yaml"), "title: T\nbase_url: https://x.example/\n").unwrap();
    std::fs::write(content.join("networks/alpha/network.yaml"), "name: A\nregion: R\n").unwrap();
    // Records separated by 0xFF: first byte picks the folder, up to the first newline the name.
    for (i, chunk) in data.split(|b| *b == 0xff).take(6).enumerate() {
        let Some((&place, rest)) = chunk.split_first() else { continue };
        let folder = PLACES[place as usize % PLACES.len()];
        let (name, body) = match rest.iter().position(|b| *b == b'\n') {
            Some(n) => (&rest[..n], &rest[n + 1..]),
            None => (&b"doc"[..], rest),
        };
        let name: String = String::from_utf8_lossy(name)
            .chars()
            .filter(|c| *c != '/' && *c != '\0')
            .take(40)
            .collect();
        let name = if name.is_empty() || name.starts_with('.') { format!("f{i}") } else { name };
        let file = if folder.is_empty() { name.clone() } else { format!("{name}.md") };
        let path = content.join(folder).join(file);
        let _ = std::fs::create_dir_all(path.parent().unwrap());
        let _ = std::fs::write(path, body);
    }
    let out = dir.path().join("public");
    let opts = BuildOptions {
        content,
        out: out.clone(),
        selection: Selection { drafts: data.first().is_some_and(|b| b & 1 == 1), network: None },
        base_url: None,
        today: jiff::civil::date(2026, 11, 23),
        as_of: None,
        history: HistoryUse::Off,
    };
    let _ = build(&opts);
    // Nothing outside the output folder (the temp dir holds only content/ and public/).
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let name = entry.unwrap().file_name();
        assert!(name == "content" || name == "public", "unexpected {name:?} beside the output");
    }
});
