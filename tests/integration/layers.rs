//! The import layering of src/: data flows one way. The layers are declared once, in the
//! "Layers" list of src/lib.rs's code map; this test reads them from there, reads every
//! `crate::` path in the non-test code of src/**/*.rs (in `use` lines and in code), builds the
//! graph of top-level modules (src/x.rs or src/x/) and fails on an import of a later layer or
//! an import cycle, in plain English. Today's known violations are listed in [`KNOWN`], each
//! with its reason; an entry that is no longer needed fails the test too, so the list can only
//! shrink.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Imports that break the layering today: (importer, imported, why). Each is to be removed by
/// moving what is imported to where it belongs; remove its entry when it is gone.
const KNOWN: &[(&str, &str, &str)] = &[];

/// The layers, first to last, as declared in src/lib.rs: each a list of module names.
type Layers = Vec<Vec<String>>;

/// Reads the numbered list under the `# Layers` heading of a crate's doc comment:
/// `//! 1. `a`, `b`: what they are`. The modules are the names in backticks before the first
/// `:` of an item's first line; items must be numbered 1, 2, 3, ... in order.
fn parse_layers(lib_rs: &str) -> Result<Layers, String> {
    let mut lines = lib_rs
        .lines()
        .map_while(|l| l.strip_prefix("//!"))
        .map(str::trim_start)
        .skip_while(|l| *l != "# Layers");
    if lines.next().is_none() {
        return Err("src/lib.rs has no `# Layers` heading in its doc comment".into());
    }
    let mut layers: Layers = Vec::new();
    for line in lines.take_while(|l| !l.starts_with('#')) {
        let Some((number, rest)) = line.split_once(". ") else {
            continue;
        };
        let Ok(number) = number.parse::<usize>() else {
            continue;
        };
        if number != layers.len() + 1 {
            return Err(format!(
                "layer {number} of src/lib.rs follows layer {}; number the layers 1, 2, 3, ...",
                layers.len()
            ));
        }
        let names = rest.split(':').next().unwrap_or_default();
        let modules: Vec<String> = names
            .split('`')
            .skip(1)
            .step_by(2)
            .map(|m| m.trim_matches(['[', ']']).to_owned())
            .collect();
        if modules.is_empty() {
            return Err(format!(
                "layer {number} of src/lib.rs names no module; write them in backticks before a `:`"
            ));
        }
        layers.push(modules);
    }
    if layers.is_empty() {
        return Err("the `# Layers` list of src/lib.rs is empty".into());
    }
    Ok(layers)
}

/// Rust code with comments, string literals and character literals blanked out, so that
/// only real paths are read.
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                i += 1;
            }
            i += 2;
            out.push(' ');
        } else if c == 'r' && matches!(next, Some('"') | Some('#')) && !ident_before(&out) {
            // A raw string: r"...", r#"..."#, and so on.
            let hashes = chars[i + 1..].iter().take_while(|&&h| h == '#').count();
            if chars.get(i + 1 + hashes) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            i += 2 + hashes;
            let close: Vec<char> = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            while i < chars.len() && !chars[i..].starts_with(&close) {
                i += 1;
            }
            i += close.len();
            out.push_str("\"\"");
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' && next == Some('\\') {
            // An escaped character literal, '\n' or '\u{..}'.
            i += 2;
            while i < chars.len() && chars[i] != '\'' {
                i += 1;
            }
            i += 1;
            out.push_str("' '");
        } else if c == '\'' && chars.get(i + 2) == Some(&'\'') {
            i += 3;
            out.push_str("' '");
        } else {
            // Anything else, a lifetime's quote included, is code.
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Whether `out` ends in part of an identifier (so an `r` there is not a raw string's).
fn ident_before(out: &str) -> bool {
    out.chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// The top-level modules a file's non-test code names through `crate::`: `crate::a::b`,
/// `use crate::a;`, and each name of a group, `use crate::{a, b::{c, d}}`.
fn imports(text: &str) -> BTreeSet<String> {
    // Unit tests, at the end of a file, may reach anything.
    let text = match text.find("\n#[cfg(test)]") {
        Some(at) => &text[..at],
        None => text,
    };
    let code = code_only(text);
    let mut found = BTreeSet::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        let after = rest.trim_start();
        if let Some(group) = after.strip_prefix('{') {
            // The names at the group's first level.
            let mut depth = 1;
            let mut item_start = true;
            let mut name = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' | ',' if depth == 1 => {
                        if !name.is_empty() {
                            found.insert(std::mem::take(&mut name));
                        }
                        if c == '}' {
                            break;
                        }
                        item_start = true;
                        continue;
                    }
                    '}' => depth -= 1,
                    _ => {}
                }
                if depth == 1 && item_start {
                    if c.is_alphanumeric() || c == '_' {
                        name.push(c);
                    } else if !c.is_whitespace() || !name.is_empty() {
                        item_start = false;
                    }
                }
            }
        } else {
            let name: String = after
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.insert(name);
            }
        }
    }
    found.remove("self");
    found
}

/// The import graph: for each (importer, imported) pair of top-level modules, the first file
/// of the importer that names the imported module.
type Graph = BTreeMap<(String, String), String>;

/// Everything wrong with `graph` under `layers`, given the `known` exceptions, in plain
/// English. `modules` is every top-level module there is.
fn problems(
    layers: &Layers,
    modules: &BTreeSet<String>,
    graph: &Graph,
    known: &[(&str, &str, &str)],
) -> Vec<String> {
    let mut problems = Vec::new();
    let layer_of: BTreeMap<&str, usize> = layers
        .iter()
        .enumerate()
        .flat_map(|(i, names)| names.iter().map(move |m| (m.as_str(), i + 1)))
        .collect();
    for m in modules {
        if !layer_of.contains_key(m.as_str()) {
            problems.push(format!(
                "module `{m}` is in no layer: add it to the `# Layers` list of src/lib.rs"
            ));
        }
    }
    for m in layer_of.keys() {
        if !modules.contains(*m) {
            problems.push(format!(
                "the `# Layers` list of src/lib.rs names `{m}`, but there is no src/{m}.rs or src/{m}/"
            ));
        }
    }
    let is_known = |from: &str, to: &str| known.iter().any(|(f, t, _)| *f == from && *t == to);
    // Imports of a later layer.
    let mut allowed = BTreeMap::new();
    for ((from, to), file) in graph {
        let (Some(&a), Some(&b)) = (layer_of.get(from.as_str()), layer_of.get(to.as_str())) else {
            continue;
        };
        if is_known(from, to) {
            continue;
        }
        if b > a {
            problems.push(format!(
                "{file} imports crate::{to}, which comes later in the pipeline (layer {b} > layer {a})"
            ));
        } else {
            allowed.insert((from.as_str(), to.as_str()), file.as_str());
        }
    }
    // Cycles among the rest (within a layer): each found once, from its first module.
    let mut reported = BTreeSet::new();
    for start in modules {
        if let Some(cycle) = cycle_from(start, &allowed) {
            let key: BTreeSet<&str> = cycle.iter().copied().collect();
            if reported.insert(key) {
                let steps: Vec<String> = cycle
                    .windows(2)
                    .map(|w| format!("{} imports crate::{}", allowed[&(w[0], w[1])], w[1]))
                    .collect();
                problems.push(format!("import cycle: {}", steps.join(", ")));
            }
        }
    }
    // Exceptions no longer needed.
    for (from, to, why) in known {
        let needed = graph.contains_key(&(from.to_string(), to.to_string()))
            && match (layer_of.get(from), layer_of.get(to)) {
                (Some(a), Some(b)) => b > a || cycle_through(from, to, &allowed),
                _ => true,
            };
        if !needed {
            problems.push(format!(
                "the known exception `{from}` imports `{to}` ({why}) is no longer needed: \
                 remove it from KNOWN in tests/integration/layers.rs"
            ));
        }
    }
    problems
}

/// A cycle through `start` in `edges`, as the modules along it from `start` back to `start`.
fn cycle_from<'a>(
    start: &'a str,
    edges: &BTreeMap<(&'a str, &'a str), &'a str>,
) -> Option<Vec<&'a str>> {
    // Depth-first, remembering the path; each module is explored once.
    fn walk<'a>(
        at: &'a str,
        start: &'a str,
        edges: &BTreeMap<(&'a str, &'a str), &'a str>,
        path: &mut Vec<&'a str>,
        seen: &mut BTreeSet<&'a str>,
    ) -> bool {
        path.push(at);
        for &(from, to) in edges.keys() {
            if from != at {
                continue;
            }
            if to == start {
                path.push(to);
                return true;
            }
            if seen.insert(to) && walk(to, start, edges, path, seen) {
                return true;
            }
        }
        path.pop();
        false
    }
    let mut path = Vec::new();
    let mut seen = BTreeSet::new();
    walk(start, start, edges, &mut path, &mut seen).then_some(path)
}

/// Whether the import `from` → `to` would close a cycle with the allowed imports.
fn cycle_through(from: &str, to: &str, allowed: &BTreeMap<(&str, &str), &str>) -> bool {
    let mut with = allowed.clone();
    with.insert((from, to), "");
    cycle_from(from, &with).is_some()
}

/// The top-level module a file under src/ belongs to (`render/links.rs` → `render`).
fn module_of(rel: &str) -> String {
    let first = rel.split('/').next().unwrap_or(rel);
    first.strip_suffix(".rs").unwrap_or(first).to_owned()
}

#[test]
fn src_modules_import_only_earlier_layers_and_never_in_a_cycle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lib_rs = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    let layers = parse_layers(&lib_rs).unwrap_or_else(|e| panic!("{e}"));
    let mut modules = BTreeSet::new();
    let mut graph = Graph::new();
    let mut files: Vec<_> = walkdir::WalkDir::new(&src)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    for path in files {
        let rel = path
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        // The crate root and the binary sit above every layer.
        if rel == "lib.rs" || rel == "main.rs" {
            continue;
        }
        let from = module_of(&rel);
        modules.insert(from.clone());
        for to in imports(&std::fs::read_to_string(&path).unwrap()) {
            if to != from {
                graph
                    .entry((from.clone(), to))
                    .or_insert_with(|| format!("src/{rel}"));
            }
        }
    }
    let problems = problems(&layers, &modules, &graph, KNOWN);
    assert!(
        problems.is_empty(),
        "the import layering of src/ (declared in src/lib.rs) is broken:\n- {}",
        problems.join("\n- ")
    );
}

/// The parser and the checker on small inputs.
mod checker {
    use super::*;

    const LIB: &str = "//! Crate.\n//!\n//! # Layers\n//!\n//! Text.\n//!\n\
        //! 1. `diag`, [`yaml`]: shared: not `this`\n//!    more words, `nor_this`\n\
        //! 2. `library`: pages\n//! 3. `site`\n//!\n//! # Invariants\n//!\n//! 4. `no`\n\
        \npub mod diag;\n";

    fn names(layers: &Layers) -> Vec<Vec<&str>> {
        layers
            .iter()
            .map(|l| l.iter().map(String::as_str).collect())
            .collect()
    }

    #[test]
    fn layers_are_read_from_the_numbered_list() {
        let layers = parse_layers(LIB).unwrap();
        assert_eq!(
            names(&layers),
            [vec!["diag", "yaml"], vec!["library"], vec!["site"]]
        );
    }

    #[test]
    fn a_missing_heading_or_a_gap_in_the_numbers_is_an_error() {
        assert!(parse_layers("//! Crate.\npub mod a;\n")
            .unwrap_err()
            .contains("no `# Layers` heading"));
        let gap = "//! # Layers\n//! 1. `a`\n//! 3. `b`\n";
        assert!(parse_layers(gap).unwrap_err().contains("layer 3"));
        let empty = "//! # Layers\n//! 1. nothing here\n";
        assert!(parse_layers(empty).unwrap_err().contains("names no module"));
    }

    #[test]
    fn imports_are_read_from_use_lines_groups_and_paths_but_not_comments_or_strings() {
        let text = r##"
use crate::diag::Diagnostic;
use crate::{
    config::{self, Site},
    library::{Library, Page},
    self as root,
};
pub(crate) use crate::output;
// use crate::theme;
/// See [`crate::search`].
fn f() -> crate::render::Rendered {
    let s = "crate::cache::x";
    let r = r#"crate::lints"#;
    let c = '"';
    let d: &'static str = "";
    /* crate::coverage */
    crate::site::run();
    mycrate::other::f();
}
#[cfg(test)]
mod tests {
    use crate::serve;
}
"##;
        let found: Vec<String> = imports(text).into_iter().collect();
        assert_eq!(
            found,
            ["config", "diag", "library", "output", "render", "site"]
        );
    }

    fn graph(edges: &[(&str, &str)]) -> (BTreeSet<String>, Graph) {
        let mut modules = BTreeSet::new();
        let mut graph = Graph::new();
        for (from, to) in edges {
            modules.insert(from.to_string());
            modules.insert(to.to_string());
            graph.insert((from.to_string(), to.to_string()), format!("src/{from}.rs"));
        }
        (modules, graph)
    }

    fn layers(list: &[&[&str]]) -> Layers {
        list.iter()
            .map(|l| l.iter().map(|m| m.to_string()).collect())
            .collect()
    }

    #[test]
    fn imports_of_earlier_layers_and_within_a_layer_pass() {
        let (modules, g) = graph(&[("b", "a"), ("c", "a"), ("c", "b"), ("b", "x")]);
        let l = layers(&[&["a", "x"], &["b"], &["c"]]);
        assert_eq!(problems(&l, &modules, &g, &[]), Vec::<String>::new());
    }

    #[test]
    fn an_import_of_a_later_layer_is_named_with_both_layers() {
        let (modules, g) = graph(&[("a", "c"), ("b", "a")]);
        let l = layers(&[&["a"], &["b"], &["c"]]);
        assert_eq!(
            problems(&l, &modules, &g, &[]),
            ["src/a.rs imports crate::c, which comes later in the pipeline (layer 3 > layer 1)"]
        );
    }

    #[test]
    fn a_cycle_within_a_layer_is_named_once_step_by_step() {
        let (modules, g) = graph(&[("a", "b"), ("b", "c"), ("c", "a")]);
        let l = layers(&[&["a", "b", "c"]]);
        assert_eq!(
            problems(&l, &modules, &g, &[]),
            [
                "import cycle: src/a.rs imports crate::b, src/b.rs imports crate::c, \
              src/c.rs imports crate::a"
            ]
        );
    }

    #[test]
    fn known_exceptions_pass_and_fail_once_they_are_no_longer_needed() {
        let (modules, g) = graph(&[("a", "b"), ("b", "a")]);
        let l = layers(&[&["a"], &["b"]]);
        assert_eq!(
            problems(&l, &modules, &g, &[("a", "b", "why")]),
            Vec::<String>::new()
        );
        // Within one layer an exception may break a cycle.
        let one = layers(&[&["a", "b"]]);
        assert_eq!(
            problems(&one, &modules, &g, &[("a", "b", "why")]),
            Vec::<String>::new()
        );
        // Gone, or now allowed: either way the entry must go.
        let (modules, g) = graph(&[("b", "a")]);
        let gone = problems(&l, &modules, &g, &[("a", "b", "why")]);
        assert_eq!(gone.len(), 1, "{gone:?}");
        assert!(gone[0].contains("`a` imports `b` (why) is no longer needed"));
        let (modules, g) = graph(&[("a", "b")]);
        let allowed = problems(&one, &modules, &g, &[("a", "b", "why")]);
        assert!(allowed[0].contains("no longer needed"), "{allowed:?}");
    }

    #[test]
    fn modules_missing_from_the_layers_and_names_without_a_module_are_errors() {
        let (modules, g) = graph(&[("a", "b")]);
        let l = layers(&[&["b", "ghost"]]);
        let found = problems(&l, &modules, &g, &[]);
        assert!(found
            .iter()
            .any(|p| p.contains("module `a` is in no layer")));
        assert!(found
            .iter()
            .any(|p| p.contains("names `ghost`, but there is no src/ghost.rs or src/ghost/")));
    }

    #[test]
    fn files_belong_to_their_top_level_module() {
        assert_eq!(module_of("render/links.rs"), "render");
        assert_eq!(module_of("render/mod.rs"), "render");
        assert_eq!(module_of("theme.rs"), "theme");
    }
}

/// The lines of a source file before its unit tests (`#[cfg(test)]` at the start of a line).
fn code_lines(text: &str) -> usize {
    text.lines()
        .take_while(|line| !line.starts_with("#[cfg(test)]"))
        .count()
}

/// No file in src/ holds more than 600 lines of code besides its unit tests: a longer one is
/// more than one responsibility, to be split where its parts meet.
#[test]
fn no_source_file_is_over_600_lines_of_code() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let long: Vec<String> = walkdir::WalkDir::new(&src)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .filter_map(|e| {
            let n = code_lines(&std::fs::read_to_string(e.path()).unwrap());
            (n > 600).then(|| format!("{} ({n} lines)", e.path().display()))
        })
        .collect();
    assert!(long.is_empty(), "split these files: {long:?}");
    assert_eq!(code_lines("a\nb\n#[cfg(test)]\nmod tests {}\n"), 2);
}
