//! Property tests over generated content trees: whatever the documents say, a build either
//! fails leaving the output untouched, or writes only inside its output folder, valid UTF-8
//! pages whose internal links and anchors all resolve, byte-identical on a second build.

use pathways::library::Selection;
use pathways::site::{build, BuildOptions, HistoryUse};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Clone)]
struct Doc {
    folder: &'static str,
    slug: String,
    title: String,
    status: &'static str,
    kind: &'static str,
    blocks: Vec<Block>,
}

#[derive(Debug, Clone)]
enum Block {
    Heading(u8, String),
    Text(String),
    /// A link to the n-th document, to its n-th heading or to nothing in it.
    Link(usize, Option<usize>),
    Raw(&'static str),
    List(Vec<String>),
    Callout(String),
}

const FOLDERS: &[&str] = &[
    "national",
    "national/leaflets",
    "networks/alpha",
    "networks/beta/sops",
];
const RAW: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=\"https://img.example/x.png\" alt=\"x\" onerror=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<details><summary>More</summary>Hidden</details>",
    "<iframe src=\"https://evil.example\"></iframe>",
    "<p style=\"color:red\" onclick=\"x()\">styled</p>",
];

fn words() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            "[a-zA-Z]{1,10}",
            Just("<b>".to_owned()),
            Just("&amp;".to_owned()),
            Just("\"quoted\"".to_owned()),
            Just("ünïcödé".to_owned()),
            Just("`code`".to_owned()),
            Just("*".to_owned()),
        ],
        1..8,
    )
    .prop_map(|w| w.join(" "))
}

fn block() -> impl Strategy<Value = Block> {
    prop_oneof![
        (2u8..5, words()).prop_map(|(l, t)| Block::Heading(l, t)),
        words().prop_map(Block::Text),
        (0usize..6, proptest::option::of(0usize..4)).prop_map(|(d, h)| Block::Link(d, h)),
        proptest::sample::select(RAW).prop_map(Block::Raw),
        proptest::collection::vec(words(), 1..4).prop_map(Block::List),
        words().prop_map(Block::Callout),
    ]
}

fn doc() -> impl Strategy<Value = Doc> {
    (
        proptest::sample::select(FOLDERS),
        "[a-z][a-z0-9]{0,6}",
        words(),
        proptest::sample::select(
            &["approved", "approved", "draft", "withdrawn", "consultation"][..],
        ),
        proptest::sample::select(&["pathway", "leaflet", "sop"][..]),
        proptest::collection::vec(block(), 0..8),
    )
        .prop_map(|(folder, slug, title, status, kind, blocks)| Doc {
            folder,
            slug,
            title,
            status,
            kind,
            blocks,
        })
}

fn headings(d: &Doc) -> Vec<&String> {
    d.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(_, t) => Some(t),
            _ => None,
        })
        .collect()
}

/// Writes the tree. Links point at other generated documents, relative to the linking file.
fn write_tree(root: &Path, docs: &[Doc]) {
    let content = root.join("content");
    for (id, name) in [("alpha", "Alpha"), ("beta", "Beta")] {
        std::fs::create_dir_all(content.join("networks").join(id)).unwrap();
        std::fs::write(
            content.join(format!("networks/{id}/network.yaml")),
            format!("name: {name}\nregion: R\n"),
        )
        .unwrap();
    }
    std::fs::write(
        content.join("site.yaml"),
        "title: Props\nbase_url: https://props.example/sub/\n",
    )
    .unwrap();
    for d in docs {
        let mut text = format!(
            "---\ntitle: {:?}\nkind: {}\nsummary: s\nversion: \"1.0\"\nstatus: {}\nowner: o\n",
            d.title, d.kind, d.status
        );
        if d.status != "draft" {
            text.push_str("approved: 2026-01-01\napproved_by: g\nreview: 2027-06-01\n");
        }
        text.push_str("---\n\n");
        let depth = d.folder.split('/').count();
        for b in &d.blocks {
            match b {
                Block::Heading(l, t) => {
                    text.push_str(&format!("{} {t}\n\n", "#".repeat(*l as usize)))
                }
                Block::Text(t) => text.push_str(&format!("{t}\n\n")),
                Block::Link(n, h) => {
                    let target = &docs[*n % docs.len()];
                    let anchor = h
                        .and_then(|h| {
                            headings(target)
                                .get(h)
                                .map(|t| pathways::render::anchors::slug(t))
                        })
                        .map(|a| format!("#{a}"))
                        .unwrap_or_default();
                    let up = "../".repeat(depth);
                    text.push_str(&format!(
                        "[link]({up}{}/{}.md{anchor})\n\n",
                        target.folder, target.slug
                    ));
                }
                Block::Raw(r) => text.push_str(&format!("{r}\n\n")),
                Block::List(items) => {
                    for i in items {
                        text.push_str(&format!("- {i}\n"));
                    }
                    text.push('\n');
                }
                Block::Callout(t) => text.push_str(&format!("> [!CAUTION]\n> {t}\n\n")),
            }
        }
        let path = content.join(d.folder).join(format!("{}.md", d.slug));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    crate::helpers::snapshot(dir)
}

/// `href` and `src` values in a (possibly minified) page.
fn urls(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=", "src="] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let value = if let Some(q) = rest.strip_prefix('"') {
                q.split('"').next().unwrap_or("")
            } else {
                rest.split([' ', '>']).next().unwrap_or("")
            };
            out.push(value.replace("&amp;", "&"));
        }
    }
    out
}

/// Browsers match `#%C3%BC...` against the id `ü...`.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn check_site(out: &Path) -> Result<(), TestCaseError> {
    let files = snapshot(out);
    for (path, bytes) in &files {
        if !path.ends_with(".html") {
            continue;
        }
        let html =
            std::str::from_utf8(bytes).map_err(|e| TestCaseError::fail(format!("{path}: {e}")))?;
        // The search page loads the theme's own client; no other script may appear.
        let lower = html
            .to_ascii_lowercase()
            .replace("<script src=\"/sub/theme/search.js\" defer></script>", "");
        prop_assert!(!lower.contains("<script"), "{path} has a script");
        prop_assert!(
            !lower.contains("javascript:"),
            "{path} has a javascript: URL"
        );
        prop_assert!(
            !lower.contains(" onerror") && !lower.contains(" onclick"),
            "{path} has a handler"
        );
        for url in urls(html) {
            let Some(local) = url.strip_prefix("/sub/") else {
                prop_assert!(
                    url.starts_with("https://") || url.starts_with('#') || url.is_empty(),
                    "{path}: odd url {url}"
                );
                continue;
            };
            let (file, anchor) = match local.split_once('#') {
                Some((f, a)) => (f, Some(a)),
                None => (local, None),
            };
            let target = if file.is_empty() || file.ends_with('/') {
                format!("{file}index.html")
            } else {
                file.to_owned()
            };
            let page = files.get(&target);
            prop_assert!(page.is_some(), "{path}: link to {url} does not resolve");
            if let (Some(a), Some(page)) = (anchor.map(percent_decode), page) {
                let page = String::from_utf8_lossy(page);
                prop_assert!(
                    page.contains(&format!("id={a}")) || page.contains(&format!("id=\"{a}\"")),
                    "{path}: no anchor {url}"
                );
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_tree_builds_safely_and_deterministically(docs in proptest::collection::vec(doc(), 1..6), drafts in any::<bool>()) {
        let dir = tempfile::tempdir().unwrap();
        write_tree(dir.path(), &docs);
        let out = dir.path().join("public");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join(pathways::output::MARKER), "").unwrap();
        std::fs::write(out.join("old.html"), "previous site").unwrap();
        let before = snapshot(&out);
        let opts = BuildOptions {
            content: dir.path().join("content"),
            out: out.clone(),
            selection: Selection { drafts, network: None },
            base_url: None,
            today: jiff::civil::date(2026, 11, 23),
            as_of: None,
            history: HistoryUse::Full,
        };
        let report = build(&opts).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        prop_assert_eq!(names.len(), 2, "something was written beside the output: {:?}", names);
        if !report.succeeded() {
            prop_assert_eq!(&before, &snapshot(&out), "a failed build changed the output");
            return Ok(());
        }
        check_site(&out)?;
        let first = snapshot(&out);
        build(&opts).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(first, snapshot(&out), "second build differs");
    }
}

/// One thing that happens between builds of a project.
#[derive(Debug, Clone)]
enum Step {
    Build,
    /// Appends a paragraph to the n-th document of the content.
    EditContent(usize),
    /// Empties the n-th file of the output.
    TruncateOutput(usize),
    /// Changes one byte of the n-th file of the output, keeping its length.
    EditOutput(usize, usize),
    /// Starts a build and kills it (SIGKILL) after this many milliseconds.
    Kill(u64),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        Just(Step::Build),
        any::<usize>().prop_map(Step::EditContent),
        any::<usize>().prop_map(Step::TruncateOutput),
        (any::<usize>(), any::<usize>()).prop_map(|(f, b)| Step::EditOutput(f, b)),
        (0u64..400).prop_map(Step::Kill),
    ]
}

/// The n-th (mod the count) of the files under `dir`, if any.
fn nth_file(dir: &Path, n: usize) -> Option<std::path::PathBuf> {
    if !dir.is_dir() {
        return None;
    }
    let files: Vec<_> = snapshot(dir).into_keys().collect();
    (!files.is_empty()).then(|| dir.join(&files[n % files.len()]))
}

fn take_step(p: &crate::helpers::Project, step: &Step) {
    let out = p.path("public");
    match step {
        Step::Build => {
            p.run(&["build"]).assert_code(0);
        }
        Step::EditContent(n) => {
            let doc = nth_file(&p.content(), *n)
                .filter(|d| d.extension().is_some_and(|e| e == "md"))
                .unwrap_or_else(|| p.content().join("national/pathways/ces.md"));
            let text = std::fs::read_to_string(&doc).unwrap();
            std::fs::write(&doc, format!("{text}\nEdited {n}.\n")).unwrap();
        }
        Step::TruncateOutput(n) => {
            if let Some(file) = nth_file(&out, *n) {
                std::fs::write(file, "").unwrap();
            }
        }
        Step::EditOutput(n, at) => {
            if let Some(file) = nth_file(&out, *n) {
                let mut bytes = std::fs::read(&file).unwrap();
                if !bytes.is_empty() {
                    let i = at % bytes.len();
                    bytes[i] = bytes[i].wrapping_add(1);
                    std::fs::write(file, bytes).unwrap();
                }
            }
        }
        Step::Kill(ms) => {
            let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_pathways"))
                .arg("build")
                .current_dir(p.dir.path())
                .env("PATHWAYS_TODAY", crate::helpers::TODAY)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap();
            std::thread::sleep(std::time::Duration::from_millis(*ms));
            // Fails only if the build has ended already.
            let _ = child.kill();
            child.wait().unwrap();
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10, failure_persistence: None, ..ProptestConfig::default() })]

    /// Whatever happened before (builds, edits to the content, files of the output truncated
    /// or edited, builds killed at any moment), a successful build gives exactly what a fresh
    /// build of the same content gives, and nothing beside it.
    #[test]
    fn a_build_after_anything_equals_a_fresh_build(steps in proptest::collection::vec(step(), 1..6)) {
        let p = crate::helpers::Project::base();
        for s in &steps {
            take_step(&p, s);
        }
        p.run(&["build"]).assert_code(0);
        let built = snapshot(&p.path("public"));
        p.run(&["build", "--out", "fresh"]).assert_code(0);
        prop_assert!(built == snapshot(&p.path("fresh")), "the output differs from a fresh build");
        std::fs::remove_dir_all(p.path("fresh")).unwrap();
        let mut names: Vec<_> = std::fs::read_dir(p.dir.path()).unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        prop_assert_eq!(names, ["content", "public"]);
    }
}
