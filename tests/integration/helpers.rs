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
/// `UPDATE_EXPECT=1` rewrites it instead. A stale expected file fails the test.
#[track_caller]
pub fn assert_expected(name: &str, actual: &str) {
    let path = fixtures().join("expected").join(name);
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "missing {}; run with UPDATE_EXPECT=1 to create it",
            path.display()
        )
    });
    assert!(
        expected == actual,
        "{} is stale (run with UPDATE_EXPECT=1 to update)\n--- expected\n{expected}\n--- actual\n{actual}",
        path.display()
    );
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
