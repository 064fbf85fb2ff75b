//! What a workplan refers to (tests/fixtures/workplan/ overlaid on the base fixture): evidence
//! links to documents, headings and assets are checked like a document's links and shown as
//! links, and a deliverable's `indicator` names an indicator in indicators.yaml and links to
//! its page.

use crate::helpers::{copy_tree, fixtures, Project};
use serde_json::Value;

const PLAN: &str = "networks/alpha/workplan/2026-27.yaml";
const EVIDENCE: &str = "            evidence: Audit done; pilot delayed.\n";
const DEFS: &str = "indicators:
  - id: mri-within-4-hours
    name: MRI scans within 4 hours of request
    section: \"Non-elective: cauda equina syndrome\"
    unit: percent
    direction: higher
    source: [local-audit]
";

/// The fixture with `extra` lines after the first status's evidence, and the first
/// deliverable's `indicator: <indicator>`.
fn project(extra: &str, indicator: &str) -> (Project, String) {
    let p = Project::base();
    copy_tree(&fixtures().join("workplan"), &p.content());
    p.write("indicators.yaml", DEFS);
    let text = std::fs::read_to_string(fixtures().join("workplan").join(PLAN)).unwrap();
    assert!(text.contains(EVIDENCE));
    let text = text
        .replacen(EVIDENCE, &format!("{EVIDENCE}{extra}"), 1)
        .replacen(
            "        impact: One pathway across the network.\n",
            &format!(
                "        impact: One pathway across the network.\n        indicator: {indicator}\n"
            ),
            1,
        );
    p.write(PLAN, &text);
    (p, text)
}

fn errors(p: &Project) -> Vec<Value> {
    let out = p.run(&["check", "--format", "json"]);
    let report: Value = serde_json::from_str(&out.stdout).expect("JSON report");
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .cloned()
        .collect()
}

/// 1-based line and column of `needle` in `text`.
fn place(text: &str, needle: &str) -> (u64, u64) {
    let (i, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} not in the plan"));
    (i as u64 + 1, line.find(needle).unwrap() as u64 + 1)
}

#[test]
fn evidence_links_and_the_indicator_are_shown_as_links() {
    let (p, _) = project(
        "            links:\n\
         \x20             - ../../../national/pathways/ces.md#red-flags\n\
         \x20             - \"[Local audit form](../../../assets/form.txt)\"\n\
         \x20             - \"[Alpha's pathway](../pathways/ces-local.md)\"\n",
        "mri-within-4-hours",
    );
    p.run(&["build"]).assert_code(0);
    for page in [
        "public/alpha/workplan/2026-27/index.html",
        "public/alpha/reports/2026-27-mid-year/index.html",
    ] {
        let html = p.read(page);
        // A bare link shows the document's title; a titled one its title.
        assert!(
            html.contains("href=/national/ces/#red-flags>"),
            "{page}: no link to the heading"
        );
        assert!(
            html.contains("href=/assets/form.txt>Local audit form</a>"),
            "{page}"
        );
        assert!(
            html.contains(">Alpha’s pathway</a>") || html.contains(">Alpha's pathway</a>"),
            "{page}"
        );
        assert!(
            html.contains(
                "href=/indicators/mri-within-4-hours/>MRI scans within 4 hours of request</a>"
            ),
            "{page}: no indicator link"
        );
    }
}

#[test]
fn broken_evidence_links_are_located_errors_with_help() {
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "../../national/pathways/ces.md",
            "broken-link",
            "../../national/pathways/ces.md",
            "did you mean `../../../national/pathways/ces.md`?",
        ),
        (
            "../../../national/pathways/ces.md#red-flag",
            "broken-anchor",
            "../../../national/pathways/ces.md#red-flag",
            "did you mean `#red-flags`?",
        ),
        (
            "\"[Form](../../../assets/from.txt)\"",
            "broken-asset",
            "../../../assets/from.txt",
            "assets/",
        ),
    ];
    for (link, code, written, help) in cases {
        let (p, text) = project(
            &format!("            links: [{link}]\n"),
            "mri-within-4-hours",
        );
        let errors = errors(&p);
        assert_eq!(errors.len(), 1, "{code}: {errors:#?}");
        let d = &errors[0];
        let (line, col) = place(&text, written);
        assert_eq!(d["code"], *code);
        assert_eq!(d["path"], PLAN);
        assert_eq!(
            (d["line"].as_u64().unwrap(), d["col"].as_u64().unwrap()),
            (line, col),
            "{d:#}"
        );
        assert!(
            d["help"].as_str().unwrap().contains(help),
            "{code}: {:?}",
            d["help"]
        );
        p.run(&["build"]).assert_code(1);
    }
}

#[test]
fn an_unknown_indicator_has_its_own_code_and_a_suggestion() {
    let (p, text) = project("", "mri-within-4-hour");
    let errors = errors(&p);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let d = &errors[0];
    assert_eq!(d["code"], "unknown-workplan-indicator");
    let (line, col) = place(&text, "mri-within-4-hour");
    assert_eq!(
        (d["line"].as_u64().unwrap(), d["col"].as_u64().unwrap()),
        (line, col)
    );
    assert_eq!(d["help"], "did you mean `mri-within-4-hours`?");
}
