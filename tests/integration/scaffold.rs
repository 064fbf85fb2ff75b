//! `pathways init` and `pathways new`: what a network team starts from must build and check
//! cleanly at once.

use crate::helpers::{Project, TODAY};
use std::process::Command;

fn pathways(dir: &std::path::Path, args: &[&str]) -> crate::helpers::Run {
    Command::new(env!("CARGO_BIN_EXE_pathways"))
        .args(args)
        .current_dir(dir)
        .env("PATHWAYS_TODAY", TODAY)
        .output()
        .expect("run pathways")
        .into()
}

#[test]
fn init_makes_a_repository_that_checks_and_builds_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let run = pathways(tmp.path(), &["init", "site"]);
    run.assert_code(0);
    let repo = tmp.path().join("site");
    for f in [
        "content/site.yaml",
        "content/glossary.yaml",
        "content/networks/my-network/network.yaml",
        ".gitignore",
        "CODEOWNERS",
    ] {
        assert!(repo.join(f).is_file(), "{f}");
        assert!(run.stdout.contains(f), "prints {f}: {}", run.stdout);
    }
    let codeowners = std::fs::read_to_string(repo.join("CODEOWNERS")).unwrap();
    assert!(
        codeowners.contains("/content/networks/my-network/"),
        "{codeowners}"
    );
    let gitignore = std::fs::read_to_string(repo.join(".gitignore")).unwrap();
    assert!(gitignore.contains("/public/"));

    let check = pathways(&repo, &["check", "--strict"]);
    check.assert_code(0);
    assert!(
        check.stderr.contains("no problems found"),
        "{}",
        check.stderr
    );
    pathways(&repo, &["build"]).assert_code(0);
    let catalog: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo.join("public/catalog.json")).unwrap())
            .unwrap();
    let text = catalog.to_string();
    for kind in pathways::content::Kind::ALL.map(pathways::content::Kind::id) {
        assert!(
            text.contains(&format!("\"kind\":\"{kind}\"")),
            "one published document of kind {kind}: {text}"
        );
    }
    // `new` works in it too.
    pathways(
        &repo,
        &["new", "sop", "night-transfers", "--network", "my-network"],
    )
    .assert_code(0);
    pathways(&repo, &["check"]).assert_code(0);

    // A second init into the same folder refuses and changes nothing.
    let before = crate::helpers::snapshot(&repo);
    pathways(tmp.path(), &["init", "site"]).assert_code(2);
    assert!(before == crate::helpers::snapshot(&repo));
}

#[test]
fn new_writes_every_kind_with_its_sections_and_checks() {
    let p = Project::base();
    for kind in pathways::content::Kind::ALL.map(pathways::content::Kind::id) {
        let slug = format!("new-{kind}");
        let run = p.run(&["new", kind, &slug, "--network", "beta"]);
        run.assert_code(0);
        let written = run.stdout.trim().trim_start_matches("wrote ").to_owned();
        assert!(written.ends_with(&format!("{slug}.md")), "{}", run.stdout);
        let text = std::fs::read_to_string(p.dir.path().join(&written)).unwrap();
        for field in [
            "title:", "kind:", "summary:", "version:", "status:", "owner:",
        ] {
            assert!(text.contains(field), "{kind}: {field}\n{text}");
        }
        assert!(text.contains("TODO"), "{kind}: placeholders are obvious");
        for section in pathways::scaffold::sections(pathways::content::Kind::parse(kind).unwrap()) {
            assert!(
                text.contains(&format!("## {section}\n")),
                "{kind}: {section}"
            );
        }
        let again = p.run(&["new", kind, &slug, "--network", "beta"]);
        again.assert_code(2);
        assert_eq!(
            std::fs::read_to_string(p.dir.path().join(&written)).unwrap(),
            text
        );
    }
    p.run(&["check"]).assert_code(0);
}

/// A warning-signs leaflet starts from its own skeleton: the urgent card first, then its three
/// sections, and no leaflet lint finds anything missing or out of order in it.
#[test]
fn new_writes_a_warning_signs_leaflet_with_its_urgent_card_first() {
    let p = Project::base();
    let run = p.run(&[
        "new",
        "leaflet",
        "spinal-infection-signs",
        "--network",
        "beta",
        "--leaflet-type",
        "warning-signs",
    ]);
    run.assert_code(0);
    let written = run.stdout.trim().trim_start_matches("wrote ").to_owned();
    let text = std::fs::read_to_string(p.dir.path().join(&written)).unwrap();
    assert!(text.contains("leaflet_type: warning-signs\n"), "{text}");
    let body = text.splitn(3, "---\n").nth(2).unwrap();
    assert!(body.trim_start().starts_with("> [!CAUTION]"), "{body}");
    let headings: Vec<&str> = body.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(headings, ["## What it is", "## What to do", "## Contacts"]);
    let check = p.run(&["check"]);
    check.assert_code(0);
    for code in [
        "leaflet-urgent-card",
        "leaflet-missing-section",
        "leaflet-section-order",
    ] {
        assert!(!check.stderr.contains(code), "{code}:\n{}", check.stderr);
    }
    // The type is for leaflets only.
    let wrong = p.run(&[
        "new",
        "pathway",
        "x",
        "--network",
        "beta",
        "--leaflet-type",
        "operation",
    ]);
    wrong.assert_code(2);
    assert!(
        wrong
            .stderr
            .contains("--leaflet-type is for leaflets, and this is a pathway"),
        "{}",
        wrong.stderr
    );
}

#[test]
fn new_refuses_a_network_id_that_is_not_an_id() {
    let p = Project::base();
    // A network.yaml outside the content folder, which `../..` would reach.
    std::fs::create_dir_all(p.path("nwx")).unwrap();
    std::fs::write(p.path("nwx/network.yaml"), "name: N\nregion: R\n").unwrap();
    let before = crate::helpers::snapshot(p.dir.path());
    for network in [
        "../../nwx",
        "../../../nwx",
        "alpha/../../../nwx",
        "/tmp/nwx",
        "Alpha",
        "coverage",
    ] {
        let run = p.run(&["new", "pathway", "x", "--network", network]);
        run.assert_code(2);
        assert!(
            run.stderr.contains(&format!("--network `{network}`")),
            "{network}: {}",
            run.stderr
        );
        assert!(
            crate::helpers::snapshot(p.dir.path()) == before,
            "{network}: nothing was written"
        );
    }
    p.run(&["new", "pathway", "x", "--network", "alpha"])
        .assert_code(0);
}
