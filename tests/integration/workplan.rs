//! Workplans and progress reports on a fixture network (tests/fixtures/workplan/, overlaid
//! on the base fixture): RAG rendering, overdue milestones, the three lints, diagnostics,
//! and a snapshot of the mid-year report's `<main>`.

use crate::helpers::{assert_expected, copy_tree, fixtures, main_of, Project};
use serde_json::Value;

const PLAN: &str = "networks/alpha/workplan/2026-27.yaml";

fn project() -> Project {
    let p = Project::base();
    copy_tree(&fixtures().join("workplan"), &p.content());
    p
}

fn diagnostics(p: &Project) -> Vec<Value> {
    let out = p.run(&["check", "--format", "json"]);
    let report: Value = serde_json::from_str(&out.stdout).expect("JSON report");
    report["diagnostics"].as_array().unwrap().clone()
}

fn plan_with(from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(fixtures().join("workplan").join(PLAN)).unwrap();
    assert!(text.contains(from), "fixture lacks {from:?}");
    text.replacen(from, to, 1)
}

/// The first `n` characters of `s`.
fn prefix(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

/// Each RAG rating is its words and a shape as well as a colour (a class).
#[test]
fn rag_ratings_are_words_and_an_icon_as_well_as_a_colour() {
    let p = project();
    p.run(&["build"]).assert_code(0);
    let page = p.read("public/alpha/workplan/2026-27/index.html");
    for (class, icon, words) in [
        ("rag-amber", "▲", "Amber: at risk"),
        ("rag-red", "✖", "Red: off track"),
        ("rag-complete", "✔", "Complete"),
    ] {
        let at = page
            .find(&format!("rag {class}"))
            .unwrap_or_else(|| panic!("no {class}"));
        let badge = prefix(&page[at..], 160);
        assert!(
            badge.contains(icon) && badge.contains(words),
            "{class}: {badge}"
        );
        assert!(
            badge.contains("aria-hidden"),
            "the icon is decoration beside the words"
        );
    }
    // The latest status shows: the triage deliverable is complete, not green.
    let triage = &page[page.find("Train triage practitioners").unwrap()..];
    assert!(prefix(triage, 1200).contains("Complete"));
    // The report shows the period's rating instead.
    let report = p.read("public/alpha/reports/2026-27-mid-year/index.html");
    let row = &report[report.find("Train triage practitioners").unwrap()..];
    assert!(prefix(row, 600).contains("Green: on track"));
    // The network page links to the plan and its report.
    let network = p.read("public/alpha/index.html");
    assert!(
        network.contains("/alpha/workplan/2026-27/")
            && network.contains("/alpha/reports/2026-27-mid-year/")
    );
}

#[test]
fn milestones_past_their_date_and_not_done_are_flagged() {
    let p = project();
    p.run(&["build"]).assert_code(0);
    let page = p.read("public/alpha/workplan/2026-27/index.html");
    // Today is 2026-11-23: the pilot (30 September) and the business case (31 August) are late.
    assert!(page.contains("2 milestones are past their date"));
    assert_eq!(page.matches("milestone-overdue").count(), 2);
    assert!(
        !prefix(&page[page.find("Audit current practice").unwrap()..], 120).contains("Overdue")
    );
}

#[test]
fn the_three_workplan_lints() {
    let p = project();
    let found: Vec<(String, u64, u64)> = diagnostics(&p)
        .iter()
        .filter(|d| d["path"] == PLAN)
        .map(|d| {
            assert_eq!(d["severity"], "warning");
            assert!(d["help"].is_string());
            (
                d["code"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
                d["col"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            // The MRI business case was due on 31 August; its only status is from 1 July.
            ("workplan-milestone-no-update".to_owned(), 30, 18),
            // Its latest status is red with no mitigation.
            ("workplan-red-no-mitigation".to_owned(), 34, 18),
            // The triage deliverable names no lead.
            ("workplan-no-lead".to_owned(), 38, 16),
        ]
    );
    // The pilot is late too, but the mid-year status (15 October) is an update since.
    p.run(&["check", "--strict"]).assert_code(1);
    p.run(&["build"]).assert_code(0);
}

#[test]
fn workplan_mistakes_are_located_with_help() {
    let cases: &[(&str, &str, &str, u64, u64, &str)] = &[
        (
            "area: workforce",
            "area: workfroce",
            "unknown-workplan-area",
            36,
            11,
            "did you mean `workforce`?",
        ),
        (
            "rag: amber",
            "rag: ambr",
            "unknown-rag",
            21,
            18,
            "did you mean `amber`?",
        ),
        (
            "due: 2026-09-30",
            "due: 30/09/2026",
            "invalid-date",
            17,
            18,
            "YYYY-MM-DD",
        ),
        (
            "- period: mid-year\n    date: 2026-10-15",
            "- period: midyear\n    date: 2026-10-15",
            "unknown-period",
            48,
            13,
            "mid-year",
        ),
        (
            "        lead: Imaging lead\n",
            "        leader: Imaging lead\n",
            "unknown-field",
            27,
            9,
            "did you mean `lead`?",
        ),
    ];
    let mut reports = String::new();
    for (from, to, code, line, col, help) in cases {
        let p = project();
        p.write(PLAN, &plan_with(from, to));
        let errors: Vec<Value> = diagnostics(&p)
            .into_iter()
            .filter(|d| d["severity"] == "error")
            .collect();
        assert_eq!(errors.len(), 1, "{code}: {errors:#?}");
        let d = &errors[0];
        assert_eq!(
            (
                d["code"].as_str().unwrap(),
                d["path"].as_str().unwrap(),
                d["line"].as_u64().unwrap(),
                d["col"].as_u64().unwrap()
            ),
            (*code, PLAN, *line, *col),
            "{d:#}"
        );
        assert!(
            d["help"].as_str().unwrap().contains(help),
            "{code}: {:?}",
            d["help"]
        );
        let human = p.run(&["check"]);
        human.assert_code(1);
        reports.push_str(&format!(
            "## {PLAN}: {from:?} → {to:?}\n{}\n",
            p.transcript(&["check"], &human)
        ));
        p.run(&["build"]).assert_code(1);
    }
    // A file not named after a year.
    let p = project();
    p.write("networks/alpha/workplan/2026.yaml", "areas: []\n");
    let human = p.run(&["check"]);
    reports.push_str(&format!(
        "## networks/alpha/workplan/2026.yaml: a file not named after a year\n{}",
        p.transcript(&["check"], &human)
    ));
    // Every report in full, as a user reads it.
    assert_expected("diagnostics/workplan-mistakes.txt", &reports);
    let errors: Vec<Value> = diagnostics(&p)
        .into_iter()
        .filter(|d| d["severity"] == "error")
        .collect();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["code"], "invalid-workplan-year");
}

#[test]
fn the_mid_year_report_matches_its_snapshot() {
    let p = project();
    p.run(&["build"]).assert_code(0);
    let html = p.read("public/alpha/reports/2026-27-mid-year/index.html");
    assert_expected(
        "pages/alpha-mid-year-report.html",
        &format!("{}\n", main_of(&html)),
    );
}

#[test]
fn the_generic_indicators_checklist_is_on_the_network_page_and_in_coverage() {
    let p = project();
    p.run(&["build"]).assert_code(0);
    let page = p.read("public/alpha/index.html");
    assert!(page.contains("A well set up network: 1 of 15"));
    // Every indicator is listed, each in words: met, not met or not assessed.
    assert_eq!(page.matches("check-met").count(), 1);
    assert_eq!(page.matches("check-not-met").count(), 1);
    assert_eq!(page.matches("check-not-assessed").count(), 13);
    assert!(page.contains("<strong>Not met:</strong> An agreed research strategy"));
    let json: Value = serde_json::from_str(&p.read("public/coverage.json")).unwrap();
    let alpha = json["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["network"] == "alpha")
        .unwrap();
    assert_eq!(alpha["well_set_up"]["met"], 1);
    assert_eq!(alpha["well_set_up"]["total"], 15);
    assert!(p
        .read("public/coverage/index.html")
        .contains("1 of 15 (2026-27)"));
    // An indicator the specification does not list is an error with a suggestion.
    p.write(
        PLAN,
        &plan_with(
            "indicator: research-strategy",
            "indicator: research-strategi",
        ),
    );
    let errors: Vec<Value> = diagnostics(&p)
        .into_iter()
        .filter(|d| d["severity"] == "error")
        .collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0]["code"], "unknown-checklist-indicator");
    assert_eq!(errors[0]["line"], 65);
    assert!(errors[0]["help"]
        .as_str()
        .unwrap()
        .contains("did you mean `research-strategy`?"));
}
