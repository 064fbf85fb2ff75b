//! Snapshot tests, mdBook-style, under tests/fixtures/expected/ (`UPDATE_EXPECT=1 cargo test`
//! rewrites them; a stale one fails with a diff):
//!
//! - `diagnostics/`: everything `pathways check` prints for each validation fixture. The
//!   fixtures under `invalid/` and `lints/` are snapshotted by their own tests (validation.rs,
//!   lints.rs), the service directory's and workplans' mistakes by services.rs and workplan.rs,
//!   the mistakes written inline by diagnostics.rs and hardening.rs (`inline/`); here the
//!   fixture trees that stand alone (base, services, workplan, variation).
//! - `pages/kinds/`: the `<main>` element of one page of every kind the bundled content makes,
//!   one tag per line, from a build of `content/` in a fresh git repository whose history
//!   gives one document eleven versions (for the past-version, comparison and history pages),
//!   and from a build with `--drafts` for a draft and a consultation. Commit ids, which change
//!   with every edit to the content, are written as the day of their commit.

use crate::helpers::{copy_tree, expected_mismatch, fixtures, main_of, one_tag_per_line, Project};
use std::path::Path;
use std::process::Command;

/// `pathways check` on a project, against `diagnostics/<name>.txt`.
fn assert_check_snapshot(p: &Project, name: &str) {
    p.run_snapshot(&["check"], name);
}

/// The base fixture with the fixture tree `folder` copied on top of it.
fn overlaid(folder: &str) -> Project {
    let p = Project::base();
    copy_tree(&fixtures().join(folder), &p.content());
    p
}

#[test]
fn the_base_fixture_report() {
    assert_check_snapshot(&Project::base(), "base");
}

#[test]
fn the_services_fixture_report() {
    assert_check_snapshot(&overlaid("services"), "services");
}

#[test]
fn the_workplan_fixture_report() {
    assert_check_snapshot(&overlaid("workplan"), "workplan");
}

#[test]
fn the_variation_fixture_report() {
    let p = Project {
        dir: tempfile::tempdir().unwrap(),
    };
    copy_tree(&fixtures().join("variation"), &p.content());
    assert_check_snapshot(&p, "variation");
}

/// A snapshot whose fixture is gone would never be checked again: each one under
/// `diagnostics/invalid/` and `diagnostics/lints/` must name a fixture folder.
#[test]
fn every_diagnostic_snapshot_has_its_fixture() {
    for folder in ["invalid", "lints"] {
        let dir = fixtures().join("expected/diagnostics").join(folder);
        let mut seen = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            let case = name.strip_suffix(".txt").unwrap_or(&name);
            assert!(
                fixtures().join(folder).join(case).is_dir(),
                "{}/{name} has no fixture tests/fixtures/{folder}/{case}/; remove it",
                dir.display()
            );
            seen += 1;
        }
        let cases = std::fs::read_dir(fixtures().join(folder)).unwrap().count();
        assert_eq!(
            seen, cases,
            "every fixture under {folder}/ has a snapshot (run with UPDATE_EXPECT=1)"
        );
    }
}

/// One page of every kind the bundled content makes: (snapshot name, page file, the template
/// that makes it).
const PAGES: &[(&str, &str, &str)] = &[
    ("home", "index.html", "index.html"),
    ("not-found", "404.html", "404.html"),
    ("search", "search/index.html", "search.html"),
    ("national", "national/index.html", "network.html"),
    ("network-home", "selk/index.html", "network.html"),
    (
        "network-services",
        "selk/services/index.html",
        "services.html",
    ),
    (
        "services-index",
        "services/index.html",
        "services_index.html",
    ),
    (
        "workplan",
        "selk/workplan/2022-23/index.html",
        "workplan.html",
    ),
    (
        "mid-year-report",
        "selk/reports/2022-23-mid-year/index.html",
        "report.html",
    ),
    ("coverage", "coverage/index.html", "coverage.html"),
    ("glossary", "glossary/index.html", "glossary.html"),
    (
        "translation",
        "national/cauda-equina-syndrome-warning-signs/ur/index.html",
        "translation.html",
    ),
    (
        "translation-stale",
        "national/lumbar-decompression/pl/index.html",
        "translation.html",
    ),
    (
        "easy-read",
        "national/cauda-equina-syndrome-warning-signs/easy-read/index.html",
        "easy_read.html",
    ),
    (
        "large-print",
        "national/lumbar-decompression/large-print/index.html",
        "large_print.html",
    ),
    (
        "accessibility",
        "accessibility/index.html",
        "accessibility.html",
    ),
    (
        "indicators-index",
        "indicators/index.html",
        "indicators.html",
    ),
    (
        "indicator",
        "indicators/ces-mri-within-4-hours/index.html",
        "indicator.html",
    ),
    (
        "network-indicators",
        "wessex/indicators/index.html",
        "network_indicators.html",
    ),
    (
        "variation",
        "national/repatriation/variation/index.html",
        "variation.html",
    ),
    (
        "variation-index",
        "variation/index.html",
        "variation_index.html",
    ),
    (
        "variation-index-by-title",
        "variation/by-title/index.html",
        "variation_index.html",
    ),
    // A document of every kind, an adaptation and a withdrawn document.
    (
        "document-pathway",
        "national/suspected-cauda-equina-syndrome/index.html",
        "document.html",
    ),
    (
        "document-leaflet",
        "national/cauda-equina-syndrome-warning-signs/index.html",
        "document.html",
    ),
    (
        "document-sop",
        "selk/spinal-fracture-referral/index.html",
        "document.html",
    ),
    (
        "document-transfer-policy",
        "national/transfer-between-centres/index.html",
        "document.html",
    ),
    (
        "document-repatriation-policy",
        "national/repatriation/index.html",
        "document.html",
    ),
    (
        "document-transition-protocol",
        "national/transition-to-adult-services/index.html",
        "document.html",
    ),
    (
        "document-mdt-proforma",
        "national/spinal-mdt-proforma/index.html",
        "document.html",
    ),
    (
        "document-standard",
        "national/mri-access/index.html",
        "document.html",
    ),
    (
        "document-adaptation",
        "selk/suspected-cauda-equina-syndrome/index.html",
        "document.html",
    ),
    (
        "document-withdrawn",
        "selk/spinal-fracture-referral-by-telephone/index.html",
        "document.html",
    ),
    // From a build with `--drafts` (under drafts/): a draft and a consultation, watermarked.
    (
        "document-draft",
        "drafts/wessex/inter-hospital-transfer/index.html",
        "document.html",
    ),
    (
        "document-consultation",
        "drafts/national/hvlc-lumbar-surgery/index.html",
        "document.html",
    ),
    // From the history made below.
    (
        "past-version",
        "national/mri-access/v0.10/index.html",
        "version.html",
    ),
    (
        "compare",
        "national/mri-access/compare/v0.10-v1.0/index.html",
        "compare.html",
    ),
    (
        "history",
        "national/mri-access/history/index.html",
        "history.html",
    ),
];

/// The document given a history, and the versions before the bundled one (1.0).
const VERSIONED: &str = "national/standards/mri-access.md";
const EARLIER: usize = 10;
const TRANSLATED: &str = "national/leaflets/lumbar-decompression.md";

/// Runs git in the project folder with a fixed identity and commit date.
fn git(p: &Project, date: &str, args: &[&str]) {
    let stamp = format!("{date}T12:00:00+00:00");
    let out = Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(p.dir.path())
        .env("GIT_AUTHOR_DATE", &stamp)
        .env("GIT_COMMITTER_DATE", &stamp)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .output()
        .expect("run git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn commit(p: &Project, date: &str) {
    git(p, date, &["add", "-A"]);
    git(p, date, &["commit", "-q", "-m", date]);
}

/// The bundled content in a fresh repository: first with [`VERSIONED`] at versions 0.1 to
/// 0.10 (approved on the first of each month of 2025), then as it is.
fn bundled_with_history() -> Project {
    let p = Project {
        dir: tempfile::tempdir().unwrap(),
    };
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    copy_tree(&content, &p.content());
    let text = p.read(&format!("content/{VERSIONED}"));
    for (field, value) in [("version", "\"1.0\""), ("approved", "2026-02-02")] {
        assert!(
            text.contains(&format!("\n{field}: {value}\n")),
            "{VERSIONED} is no longer at {field} {value}; update this test"
        );
    }
    git(&p, "2025-01-01", &["init", "-q"]);
    // The Polish translation of the lumbar decompression leaflet translates its version 1.0,
    // which must be in the history; it starts there.
    let leaflet = p.read(&format!("content/{TRANSLATED}"));
    let first = leaflet
        .replacen("\nversion: \"1.1\"\n", "\nversion: \"1.0\"\n", 1)
        .replacen("\napproved: 2026-01-19\n", "\napproved: 2024-12-01\n", 1);
    assert_ne!(
        first, leaflet,
        "{TRANSLATED} is no longer at 1.1; update this test"
    );
    p.write(TRANSLATED, &first);
    for minor in 1..=EARLIER {
        let approved = format!("2025-{minor:02}-01");
        let earlier = text
            .replacen(
                "\nversion: \"1.0\"\n",
                &format!("\nversion: \"0.{minor}\"\n"),
                1,
            )
            .replacen(
                "\napproved: 2026-02-02\n",
                &format!("\napproved: {approved}\n"),
                1,
            )
            .replacen(
                "## Purpose\n",
                &format!("## Purpose\n\nEarlier wording, revision {minor}.\n"),
                1,
            );
        p.write(VERSIONED, &earlier);
        commit(&p, &approved);
    }
    p.write(VERSIONED, &text);
    p.write(TRANSLATED, &leaflet);
    commit(&p, "2026-02-02");
    p
}

/// Each commit's id and the label it is written as in snapshots, the day it was made: an id
/// depends on every file of the content, so it changes with any edit elsewhere.
fn commit_labels(p: &Project) -> Vec<(String, String)> {
    let out = Command::new("git")
        .args(["log", "--format=%H %cs"])
        .current_dir(p.dir.path())
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .output()
        .expect("run git log");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|line| {
            let (id, day) = line.split_once(' ').expect("id and day");
            (id.to_owned(), format!("<commit of {day}>"))
        })
        .collect()
}

/// `text` with commit ids, full or short, written as their labels.
fn without_commit_ids(labels: &[(String, String)], text: &str) -> String {
    let mut text = text.to_owned();
    for (id, label) in labels {
        text = text.replace(id, label).replace(&id[..7], label);
    }
    text
}

#[test]
fn main_of_one_page_of_every_kind() {
    let p = bundled_with_history();
    p.run(&["build"]).assert_code(0);
    p.run(&["build", "--drafts", "--out", "drafts"])
        .assert_code(0);
    let labels = commit_labels(&p);
    let mut failures = Vec::new();
    for (name, file, _) in PAGES {
        let html = match file.starts_with("drafts/") {
            true => p.read(file),
            false => p.read(&format!("public/{file}")),
        };
        let main = without_commit_ids(&labels, &p.normalise(&one_tag_per_line(main_of(&html))));
        if let Some(failure) = expected_mismatch(&format!("pages/kinds/{name}.html"), &main) {
            failures.push(format!("{name} ({file}): {failure}"));
        }
    }
    // A snapshot no longer in the list would never be checked again.
    for entry in std::fs::read_dir(fixtures().join("expected/pages/kinds")).unwrap() {
        let file = entry.unwrap().file_name().to_string_lossy().into_owned();
        let name = file.strip_suffix(".html").unwrap_or(&file);
        if !PAGES.iter().any(|(n, _, _)| *n == name) {
            failures.push(format!("pages/kinds/{file} is not in PAGES; remove it"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every page template has a page in the list above, so a new kind of page gets a snapshot.
#[test]
fn the_page_list_covers_every_page_template() {
    let templates = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
    for entry in std::fs::read_dir(templates).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        // base.html is the frame every page extends; partials/ are pieces of pages. A network's
        // handbook is every document of the network on one page (about 140 KB, changing with
        // each of them): its documents have snapshots of their own, and the handbook its own
        // integration and print tests.
        if entry.file_type().unwrap().is_dir() || name == "base.html" || name == "handbook.html" {
            continue;
        }
        assert!(
            PAGES.iter().any(|(_, _, t)| *t == name),
            "no page made by {name} is in PAGES: add one to snapshot its <main>"
        );
    }
}
