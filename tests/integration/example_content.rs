//! Checks on the bundled example content in `content/`: every network of the specification has a
//! profile, every kind of document is present, patient leaflets keep the standard BASS-style
//! sections, and every abbreviation in the glossary is used somewhere.
//!
//! Only the standard library is used, and parsing is line based, so these tests do not depend on
//! the code they sit beside.

use std::fs;
use std::path::{Path, PathBuf};

const CONTENT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/content");

/// The 14 networks of the Spinal Services Clinical Network Specification (section 3.2):
/// folder id, name, region.
const NETWORKS: [(&str, &str, &str); 14] = [
    (
        "north-east-north-cumbria",
        "North East and North Cumbria",
        "North East and Yorkshire",
    ),
    (
        "yorkshire-humber",
        "Yorkshire and Humber",
        "North East and Yorkshire",
    ),
    ("north-west", "North West", "North West"),
    ("east-midlands", "East Midlands", "Midlands"),
    ("west-midlands", "West Midlands", "Midlands"),
    ("east-of-england", "East of England", "East of England"),
    ("north-east-london", "North East London", "London"),
    ("north-west-london", "North West London", "London"),
    (
        "selk",
        "South East London and Kent",
        "London with South East",
    ),
    (
        "swlss",
        "South West London, Surrey and Sussex",
        "London with South East",
    ),
    ("thames-valley", "Thames Valley", "South East"),
    ("wessex", "Wessex", "South East"),
    ("severn", "Severn", "South West"),
    ("peninsula", "Peninsula", "South West"),
];

/// Every kind of document the tool knows.
fn kinds() -> [&'static str; 8] {
    pathways::content::Kind::ALL.map(pathways::content::Kind::id)
}

/// The standard leaflet sections, in order, as the tool defines them.
fn leaflet_sections() -> &'static [&'static str] {
    pathways::scaffold::sections(pathways::content::Kind::Leaflet)
}

struct Doc {
    path: PathBuf,
    front: Vec<String>,
    body: String,
}

impl Doc {
    /// The value of a top-level front matter field, without quotes.
    fn field(&self, key: &str) -> Option<String> {
        let prefix = format!("{key}:");
        self.front
            .iter()
            .find(|l| l.starts_with(&prefix))
            .map(|l| l[prefix.len()..].trim().trim_matches('"').to_owned())
    }

    fn kind(&self) -> String {
        self.field("kind")
            .unwrap_or_else(|| panic!("{} has no `kind:` in its front matter", self.path.display()))
    }

    /// Level-2 headings (`## `) outside fenced code blocks, in order.
    fn sections(&self) -> Vec<String> {
        let mut in_fence = false;
        let mut out = Vec::new();
        for line in self.body.lines() {
            if line.trim_start().starts_with("```") {
                in_fence = !in_fence;
                continue;
            }
            if !in_fence {
                if let Some(h) = line.strip_prefix("## ") {
                    out.push(h.trim().to_owned());
                }
            }
        }
        out
    }

    /// The text of one `## ` section, up to the next `## ` heading.
    fn section(&self, name: &str) -> String {
        let mut out = String::new();
        let mut inside = false;
        for line in self.body.lines() {
            if let Some(h) = line.strip_prefix("## ") {
                inside = h.trim() == name;
                continue;
            }
            if inside {
                out.push_str(line);
                out.push('\n');
            }
        }
        out
    }
}

fn content() -> &'static Path {
    Path::new(CONTENT)
}

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries
        .map(|e| e.expect("readable folder entry").path())
        .collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            markdown_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "md") && !is_translation(&p) {
            out.push(p);
        }
    }
}

/// Translations and Easy Read versions (`<slug>.<lang>.md`) have front matter of their own,
/// checked in src/translations/meta.rs.
fn is_translation(p: &Path) -> bool {
    p.file_stem()
        .and_then(|s| s.to_str())
        .is_some_and(|s| s.contains('.'))
}

fn parse(path: PathBuf) -> Doc {
    let text =
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut lines = text.lines();
    assert_eq!(
        lines.next().map(str::trim_end),
        Some("---"),
        "{} must start with front matter",
        path.display()
    );
    let mut front = Vec::new();
    let mut closed = false;
    for line in lines.by_ref() {
        if line.trim_end() == "---" {
            closed = true;
            break;
        }
        front.push(line.trim_end().to_owned());
    }
    assert!(closed, "{}: front matter is never closed", path.display());
    let body: Vec<&str> = lines.collect();
    Doc {
        path,
        front,
        body: body.join("\n"),
    }
}

fn documents() -> Vec<Doc> {
    let mut files = Vec::new();
    markdown_files(&content().join("national"), &mut files);
    markdown_files(&content().join("networks"), &mut files);
    assert!(!files.is_empty(), "no documents found under {CONTENT}");
    files.into_iter().map(parse).collect()
}

/// Whether `needle` occurs in `hay` as a whole word (a plural `s` is allowed after it).
fn contains_word(hay: &str, needle: &str) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || c == '&';
    let mut start = 0;
    while let Some(i) = hay[start..].find(needle) {
        let at = start + i;
        let end = at + needle.len();
        let before_ok = !hay[..at].chars().next_back().is_some_and(is_word);
        let rest = hay[end..].strip_prefix('s').unwrap_or(&hay[end..]);
        let after_ok = !rest.chars().next().is_some_and(is_word);
        if before_ok && after_ok {
            return true;
        }
        start = end;
    }
    false
}

/// Whether the text gives a frequency in numbers: "1 in 100", "5 in every 100".
fn says_how_often(text: &str) -> bool {
    text.match_indices(" in ").any(|(i, _)| {
        text[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit())
    })
}

/// An abbreviation is a single token with at least two capital letters: `MRI`, `A&E`, `EQ-5D`, `PROMs`.
fn is_abbreviation(term: &str) -> bool {
    !term.contains(' ') && term.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2
}

/// Abbreviations listed in glossary.yaml: every `abbreviations: [...]` list, and each
/// `term:` value that is an abbreviation.
fn glossary_abbreviations() -> Vec<String> {
    let text = fs::read_to_string(content().join("glossary.yaml")).expect("content/glossary.yaml");
    let mut out = Vec::new();
    for line in text.lines() {
        let t = line.trim().trim_start_matches("- ").trim();
        if let Some(list) = t.strip_prefix("abbreviations:") {
            let list = list.trim().trim_start_matches('[').trim_end_matches(']');
            out.extend(
                list.split(',')
                    .map(|a| a.trim().trim_matches('"').to_owned())
                    .filter(|a| !a.is_empty()),
            );
        } else if let Some(term) = t.strip_prefix("term:") {
            let term = term.trim().trim_matches('"').to_owned();
            if is_abbreviation(&term) {
                out.push(term);
            }
        }
    }
    out
}

#[test]
fn all_fourteen_networks_have_a_profile() {
    let networks = content().join("networks");
    let mut folders: Vec<String> = fs::read_dir(&networks)
        .expect("content/networks")
        .map(|e| e.expect("entry"))
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    assert_eq!(
        folders.len(),
        14,
        "expected the 14 networks of the specification, found {folders:?}"
    );

    for (id, name, region) in NETWORKS {
        let path = networks.join(id).join("network.yaml");
        let text =
            fs::read_to_string(&path).unwrap_or_else(|_| panic!("missing {}", path.display()));
        let value = |key: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(&format!("{key}:")))
                .map(|v| v.trim().trim_matches('"').to_owned())
                .unwrap_or_else(|| panic!("{} has no `{key}:`", path.display()))
        };
        assert_eq!(
            value("name"),
            name,
            "{}: name as in the specification",
            path.display()
        );
        assert_eq!(
            value("region"),
            region,
            "{}: region as in the specification",
            path.display()
        );
    }
}

#[test]
fn every_kind_of_document_is_present() {
    let present: Vec<String> = documents().iter().map(Doc::kind).collect();
    for kind in kinds() {
        assert!(
            present.iter().any(|k| k == kind),
            "no document of kind `{kind}` in the example content"
        );
    }
    for kind in &present {
        assert!(kinds().contains(&kind.as_str()), "unknown kind `{kind}`");
    }
}

#[test]
fn every_status_is_shown() {
    let docs = documents();
    for status in ["draft", "consultation", "approved", "withdrawn"] {
        assert!(
            docs.iter()
                .any(|d| d.field("status").as_deref() == Some(status)),
            "no document with status `{status}`"
        );
    }
}

#[test]
fn local_adaptations_exist_in_at_least_three_networks() {
    let docs = documents();
    let mut networks: Vec<String> = docs
        .iter()
        .filter(|d| {
            d.field("adapts")
                .is_some_and(|a| a.starts_with("national/"))
        })
        .filter_map(|d| {
            let rel = d.path.strip_prefix(content().join("networks")).ok()?;
            Some(
                rel.components()
                    .next()?
                    .as_os_str()
                    .to_string_lossy()
                    .into_owned(),
            )
        })
        .collect();
    networks.sort();
    networks.dedup();
    assert!(
        networks.len() >= 3,
        "adaptations of national documents only in {networks:?}"
    );
}

#[test]
fn there_are_at_least_eight_leaflets() {
    let leaflets = documents()
        .into_iter()
        .filter(|d| d.kind() == "leaflet")
        .count();
    assert!(
        leaflets >= 8,
        "expected at least 8 patient leaflets, found {leaflets}"
    );
}

#[test]
fn leaflets_have_the_standard_sections_in_order() {
    let leaflets = documents().into_iter().filter(|d| d.kind() == "leaflet");
    let (signs, operations): (Vec<Doc>, Vec<Doc>) =
        leaflets.partition(|d| d.field("leaflet_type").as_deref() == Some("warning-signs"));
    // Warning-signs leaflets open with the urgent card, in patient words, then three sections.
    assert!(
        signs.len() >= 2,
        "expected the CES and MSCC warning-signs leaflets"
    );
    for doc in &signs {
        assert_eq!(
            doc.sections(),
            pathways::kind::LeafletType::WarningSigns.sections(),
            "{}",
            doc.path.display()
        );
        let first = doc.body.trim_start().lines().next().unwrap_or("");
        assert_eq!(
            first,
            "> [!CAUTION]",
            "{}: the urgent card comes first",
            doc.path.display()
        );
        let card = doc.body.trim_start().split("\n\n## ").next().unwrap();
        assert!(
            card.contains("A&E") && card.contains("999"),
            "{}",
            doc.path.display()
        );
        assert!(
            !card.to_lowercase().contains("red flag"),
            "{}",
            doc.path.display()
        );
    }
    for doc in operations {
        assert_eq!(
            doc.sections(),
            leaflet_sections(),
            "{}: a leaflet has exactly these `## ` sections, in this order",
            doc.path.display()
        );
        assert!(
            doc.section("When to get help urgently")
                .contains("> [!CAUTION]"),
            "{}: `When to get help urgently` needs a `> [!CAUTION]` red-flag callout",
            doc.path.display()
        );
        assert!(
            says_how_often(&doc.section("Risks")),
            "{}: `Risks` should say how often, in numbers such as \"1 in 100\"",
            doc.path.display()
        );
    }
}

#[test]
fn every_glossary_abbreviation_is_used() {
    let abbreviations = glossary_abbreviations();
    assert!(
        abbreviations.len() >= 10,
        "glossary lists too few abbreviations: {abbreviations:?}"
    );
    for expected in ["CES", "MSCC", "SCI", "MDT", "MRI"] {
        assert!(
            abbreviations.iter().any(|a| a == expected),
            "glossary does not list {expected}"
        );
    }
    let bodies: Vec<String> = documents().into_iter().map(|d| d.body).collect();
    let unused: Vec<&String> = abbreviations
        .iter()
        .filter(|a| !bodies.iter().any(|b| contains_word(b, a)))
        .collect();
    assert!(
        unused.is_empty(),
        "glossary abbreviations never used in a document: {unused:?}"
    );
}

#[test]
fn word_matching_respects_boundaries() {
    assert!(contains_word("Call the MDT now.", "MDT"));
    assert!(contains_word("(ICBs)", "ICB"));
    assert!(contains_word("Go to A&E now", "A&E"));
    assert!(!contains_word("SCIENCE", "SCI"));
    assert!(!contains_word("MSCC", "SCC"));
    assert!(says_how_often("About 1 in 20 people") && says_how_often("3 to 5 in every 100"));
    assert!(!says_how_often("Waiting can cause problems in your legs."));
    assert!(is_abbreviation("EQ-5D") && is_abbreviation("PROMs") && !is_abbreviation("Spinal"));
}

#[test]
fn leaflets_have_translations_an_easy_read_version_and_a_stale_translation() {
    let leaflets = content().join("national/leaflets");
    let mut translated = std::collections::BTreeSet::new();
    let (mut easy_read, mut stale) = (0, 0);
    let mut files = Vec::new();
    markdown_files_all(&leaflets, &mut files);
    for p in files.iter().filter(|p| is_translation(p)) {
        let name = p.file_name().unwrap().to_str().unwrap();
        let (base, suffix) = name.trim_end_matches(".md").rsplit_once('.').unwrap();
        let text = fs::read_to_string(p).unwrap();
        if suffix == "easy-read" {
            easy_read += 1;
        } else {
            translated.insert(base.to_owned());
            assert!(
                text.contains("machine_assisted: true"),
                "{name}: example translations say they are machine-assisted"
            );
        }
        let english = fs::read_to_string(leaflets.join(format!("{base}.md"))).unwrap();
        let of = text
            .lines()
            .find_map(|l| l.strip_prefix("translation_of_version: "))
            .unwrap();
        let current = english
            .lines()
            .find_map(|l| l.strip_prefix("version: "))
            .unwrap();
        if of != current {
            stale += 1;
        }
    }
    assert!(translated.len() >= 2, "{translated:?}");
    assert!(
        easy_read >= 1 && stale >= 1,
        "{easy_read} Easy Read, {stale} stale"
    );
}

fn markdown_files_all(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|e| e == "md") {
            out.push(p);
        }
    }
    out.sort();
}
