//! Flowcharts in built pages: the drawing is an accessible SVG beside an open text version
//! with "go to step" links, it survives the sanitiser and the minifier, step links are
//! rewritten, the same content gives the same bytes, and search indexes the text version.

use crate::helpers::{main_of, snapshot, Project};

const DOC: &str = "---
title: Chart doc
kind: pathway
summary: A document with a flowchart.
version: \"1.0\"
status: approved
approved: 2026-01-01
approved_by: Alpha Network Board
review: 2027-01-01
owner: Alpha clinical lead
---

## Purpose

Some <em>author HTML</em>, so the page goes through the sanitiser.

```flowchart
title: Zebrafish referral
steps:
  - id: start
    kind: start
    text: Suspected zebrafish syndrome
    next: scan
  - id: scan
    kind: decision
    text: Does the scan show compression?
    branches:
      - { label: \"Yes\", to: hub }
      - { label: \"No\", to: home }
  - id: hub
    kind: urgent
    text: Call the hub spinal on-call team
    link: ../../../national/pathways/ces.md
  - { id: home, kind: end, text: Home with written safety-netting }
```
";

fn built() -> (Project, String) {
    let p = Project::base();
    p.write("networks/alpha/pathways/chart.md", DOC);
    p.run(&["build"]).assert_code(0);
    let html = p.read("public/alpha/chart/index.html");
    (p, html)
}

#[test]
fn a_flowchart_is_an_accessible_svg_with_a_text_version() {
    let (_p, html) = built();
    let main = main_of(&html);
    for part in [
        "<figure",
        "class=\"flowchart-svg\"",
        "role=\"img\"",
        ">Flowchart: Zebrafish referral</title>",
        "<desc id=",
        "A flowchart of 4 steps",
        "<g class=\"fc-step fc-decision\"><polygon class=\"fc-shape\" points=",
        "! URGENT",
        // Each box is numbered as its step in the text version.
        ">Step 1</tspan>",
        ">Step 4</tspan>",
        // One copy, closed in the HTML (the stylesheet shows it open on narrow screens).
        "<details class=\"flowchart-text\">\n<summary>",
        "<summary>Show as text",
        "<strong class=\"fc-kind\">Decision:</strong> Does the scan show compression?",
        "<a href=\"#flowchart-zebrafish-referral-hub\" class=\"fc-go\">go to step 3</a>",
        "id=\"flowchart-zebrafish-referral-hub\" tabindex=\"-1\"",
        "href=\"/national/ces/\">Call the hub spinal on-call team</a>",
        "<em>author HTML</em>",
    ] {
        assert!(main.contains(part), "missing {part:?} in:\n{main}");
    }
    assert!(
        !main.contains('\u{E000}'),
        "a placeholder was left in the page"
    );
    assert!(
        !main.contains("language-flowchart"),
        "the chart was shown as code"
    );
}

#[test]
fn the_same_chart_builds_the_same_bytes_and_search_reads_its_text() {
    let (p, html) = built();
    p.run(&["build"]).assert_code(0);
    assert_eq!(html, p.read("public/alpha/chart/index.html"));
    let records = snapshot(&p.path("public/search/d"));
    let record = records
        .values()
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .find(|r| r.contains("Chart doc"))
        .expect("the document's search record");
    assert!(
        record.contains("Decision: Does the scan show compression? Yes: go to step 3."),
        "{record}"
    );
    let vocabulary: String = snapshot(&p.path("public/search/s"))
        .values()
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .collect();
    assert!(
        vocabulary.contains("zebrafish"),
        "the chart's words are not indexed"
    );
}

#[test]
fn a_chart_with_an_error_fails_the_build_and_is_not_drawn() {
    let p = Project::base();
    p.write(
        "networks/alpha/pathways/chart.md",
        &DOC.replace("to: home", "to: hone"),
    );
    let run = p.run(&["check"]);
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("error[flowchart-unknown-step]: there is no step with the id `hone`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("= help: did you mean `home`?"),
        "{}",
        run.stderr
    );
}
