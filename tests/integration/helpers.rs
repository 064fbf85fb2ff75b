//! Helpers that run the real binary in a temporary folder, ripgrep-style.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const TODAY: &str = "2026-11-23";

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A temporary project: a content tree copied from fixtures, and room for output folders.
pub struct Project {
    pub dir: tempfile::TempDir,
}

impl Project {
    /// The base fixture, with the named overlay's files (if any) copied on top of it.
    pub fn with_overlay(overlay: Option<&str>) -> Project {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_tree(&fixtures().join("base"), &dir.path().join("content"));
        if let Some(name) = overlay {
            copy_tree(
                &fixtures().join("invalid").join(name),
                &dir.path().join("content"),
            );
            let _ = std::fs::remove_file(dir.path().join("content/expected"));
        }
        Project { dir }
    }

    pub fn base() -> Project {
        Project::with_overlay(None)
    }

    pub fn content(&self) -> PathBuf {
        self.dir.path().join("content")
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.content().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    /// Runs `pathways <args>` in the project folder with a fixed "today".
    pub fn run(&self, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_pathways"))
            .args(args)
            .current_dir(self.dir.path())
            .env("PATHWAYS_TODAY", TODAY)
            .output()
            .expect("run pathways");
        Run::from(output)
    }

    /// `text` with this project's temporary folder written as `<project>`, so that snapshots
    /// do not depend on where the test ran.
    pub fn normalise(&self, text: &str) -> String {
        let dir = self.dir.path();
        let canonical = dir.canonicalize().unwrap_or_else(|_| dir.to_owned());
        let mut text = text.to_owned();
        for d in [canonical, dir.to_owned()] {
            text = text.replace(&*d.to_string_lossy(), "<project>");
        }
        text
    }

    /// A snapshot of one run: the command, its exit code, everything it printed on stderr,
    /// and stdout when there was any, with the temporary folder normalised.
    pub fn transcript(&self, args: &[&str], run: &Run) -> String {
        let mut text = format!(
            "$ pathways {} (exit {})\n\n{}",
            args.join(" "),
            run.code,
            run.stderr
        );
        if !run.stdout.is_empty() {
            text.push_str("--- stdout\n");
            text.push_str(&run.stdout);
        }
        self.normalise(&text)
    }

    /// Runs `pathways <args>` and compares everything it prints (see [`Project::transcript`])
    /// with the snapshot `diagnostics/<name>.txt`; returns the run for further checks.
    #[track_caller]
    pub fn run_snapshot(&self, args: &[&str], name: &str) -> Run {
        let run = self.run(args);
        assert_expected(
            &format!("diagnostics/{name}.txt"),
            &self.transcript(args, &run),
        );
        run
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        let run = Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        };
        assert!(
            !run.stderr.contains("panicked") && !run.stderr.contains("RUST_BACKTRACE"),
            "pathways panicked:\n{}",
            run.stderr
        );
        run
    }
}

impl Run {
    #[track_caller]
    pub fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "exit code\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Every file under `dir`, by relative path, with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Compares `actual` with an expected file under tests/fixtures/expected/; with
/// `UPDATE_EXPECT=1` rewrites it instead. A stale expected file fails the test with a diff.
#[track_caller]
pub fn assert_expected(name: &str, actual: &str) {
    if let Some(failure) = expected_mismatch(name, actual) {
        panic!("{failure}");
    }
}

/// What [`assert_expected`] would fail with, for tests that compare several files and report
/// every stale one at once; `None` when the file matches (or was rewritten).
pub fn expected_mismatch(name: &str, actual: &str) -> Option<String> {
    let path = fixtures().join("expected").join(name);
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return None;
    }
    let Ok(expected) = std::fs::read_to_string(&path) else {
        return Some(format!(
            "missing {}; run with UPDATE_EXPECT=1 to create it",
            path.display()
        ));
    };
    (expected != actual).then(|| {
        format!(
            "{} is stale (run with UPDATE_EXPECT=1 to update it, then review `git diff`)\n{}",
            path.display(),
            line_diff(&expected, actual)
        )
    })
}

/// A unified diff of two texts, expected (`-`) to actual (`+`), cut after 200 lines.
pub fn line_diff(expected: &str, actual: &str) -> String {
    const MAX_LINES: usize = 200;
    let diff = similar::TextDiff::from_lines(expected, actual)
        .unified_diff()
        .context_radius(3)
        .header("expected", "actual")
        .to_string();
    let total = diff.lines().count();
    let mut shown: String = diff
        .lines()
        .take(MAX_LINES)
        .flat_map(|l| [l, "\n"])
        .collect();
    if total > MAX_LINES {
        shown.push_str(&format!(
            "... and {} more lines of diff\n",
            total - MAX_LINES
        ));
    }
    shown
}

/// Minified HTML with a line break before every tag, so that a snapshot of it reads one tag
/// per line and a change shows as a few changed lines in a diff.
pub fn one_tag_per_line(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    for (i, c) in html.char_indices() {
        if c == '<' && i > 0 && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push(c);
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// Whether a `check --format json` report has an error `code` at `path:line`.
pub fn reports_error(report: &serde_json::Value, code: &str, path: &str, line: usize) -> bool {
    report["diagnostics"].as_array().is_some_and(|all| {
        all.iter().any(|d| {
            d["code"] == code
                && d["path"] == path
                && d["line"] == line as u64
                && d["severity"] == "error"
        })
    })
}

/// A fixture case's `expected` file, `code path:line`, as (code, path, line).
pub fn expected_diagnostic(folder: &str, case: &str) -> (String, String, usize) {
    let (code, path, line, _) = expected_place(folder, case);
    (code, path, line)
}

/// The `expected` file of a fixture case: `code path:line`, or `code path:line:col` where the
/// column is checked too.
pub fn expected_place(folder: &str, case: &str) -> (String, String, usize, Option<usize>) {
    let file = fixtures().join(folder).join(case).join("expected");
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let (code, place) = text.trim().split_once(' ').unwrap();
    let mut parts = place.split(':');
    let path = parts.next().unwrap();
    let line = parts.next().unwrap().parse().unwrap();
    let col = parts.next().map(|c| c.parse().unwrap());
    (code.to_owned(), path.to_owned(), line, col)
}

/// The `<main>` element of a page, for comparisons that ignore the page furniture.
pub fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("a <main> element");
    let end = html.find("</main>").expect("a closing </main>") + "</main>".len();
    &html[start..end]
}

/// One test per fixture case under `tests/fixtures/<folder>/`, each calling `run_case`, a
/// constant `ALL` of the cases, and a test that every fixture folder has its test.
macro_rules! fixture_cases {
    ($folder:literal; $($name:ident => $dir:literal,)*) => {
        $(#[test] fn $name() { run_case($dir); })*

        const ALL: &[&str] = &[$($dir),*];

        #[test]
        fn every_fixture_folder_has_a_test() {
            for entry in std::fs::read_dir($crate::helpers::fixtures().join($folder)).unwrap() {
                let name = entry.unwrap().file_name().to_string_lossy().into_owned();
                assert!(ALL.contains(&name.as_str()), "fixture {name} has no test");
            }
        }
    };
}
