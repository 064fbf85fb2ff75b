//! Assurance lints: one fixture per lint under tests/fixtures/lints/<case>/ (overlaid on the
//! base fixture, `expected` naming `code path:line`) proves it fires; the base fixture proves
//! each stays quiet on good content. Also the coverage dashboard and the JSON schema of
//! `check --format json`.

use crate::helpers::{fixtures, reports_error, Project};
use serde_json::Value;

fn expected(case: &str) -> (String, String, usize) {
    crate::helpers::expected_diagnostic("lints", case)
}

fn overlay(case: &str) -> Project {
    let p = Project::base();
    crate::helpers::copy_tree(&fixtures().join("lints").join(case), &p.content());
    std::fs::remove_file(p.content().join("expected")).unwrap();
    p
}

fn json_check(p: &Project, args: &[&str]) -> Value {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    serde_json::from_str(&p.run(&all).stdout).expect("check --format json prints JSON")
}

fn run_case(case: &str) {
    let (code, path, line) = expected(case);
    let p = overlay(case);
    let human = p.run(&["check"]);
    human.assert_code(0);
    // The whole report, as a user reads it: message, source line, caret, help and summary.
    crate::helpers::assert_expected(
        &format!("diagnostics/lints/{case}.txt"),
        &p.transcript(&["check"], &human),
    );
    let place = if line == 0 {
        format!("{path}: warning[{code}]")
    } else {
        format!("{path}:{line}:")
    };
    assert!(
        human
            .stderr
            .lines()
            .any(|l| l.starts_with(&place) && l.contains(&format!("warning[{code}]"))),
        "{case}: no `{code}` warning at {path}:{line}:\n{}",
        human.stderr
    );
    let report = json_check(&p, &["--strict"]);
    assert!(
        reports_error(&report, &code, &path, line),
        "{case}: --strict does not report it as an error: {report}"
    );
    p.run(&["check", "--strict"]).assert_code(1);
    // Warnings never stop a build.
    p.run(&["build"]).assert_code(0);
}

fixture_cases! {
    "lints";
    review_due_soon => "review-due-soon",
    review_overdue => "review-overdue",
    leaflet_missing_section => "leaflet-missing-section",
    leaflet_section_order => "leaflet-section-order",
    leaflet_urgent_card => "leaflet-urgent-card",
    reading_level => "reading-level",
    image_without_alt => "image-without-alt",
    heading_level => "heading-level",
    unknown_abbreviation => "unknown-abbreviation",
    duplicate_title => "duplicate-title",
    network_no_hubs => "network-no-hubs",
    network_no_emergency_contact => "network-no-emergency-contact",
    missing_adaptation => "missing-adaptation",
    withdrawn_adaptation => "withdrawn-adaptation",
    unknown_required_document => "unknown-required-document",
}

#[test]
fn lints_stay_quiet_on_good_content() {
    let report = json_check(&Project::base(), &[]);
    let diags = report["diagnostics"].as_array().unwrap();
    // The base fixture has exactly one deliberate problem: an overdue repatriation policy.
    assert_eq!(diags.len(), 1, "{report}");
    assert_eq!(diags[0]["code"], "review-overdue");
    assert_eq!(diags[0]["path"], "networks/beta/policies/repatriation.md");
    for case in ALL {
        let (code, _, _) = expected(case);
        assert!(
            code == "review-overdue" || !diags.iter().any(|d| d["code"] == code.as_str()),
            "{code} fired on good content"
        );
    }
}

#[test]
fn coverage_dashboard_has_known_cells_and_counts() {
    let p = Project::base();
    p.run(&["build"]).assert_code(0);
    let cov: Value = serde_json::from_str(&p.read("public/coverage.json")).unwrap();
    let labels: Vec<&str> = cov["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["CES pathway", "Back pain and sciatica"]);
    let rows = cov["rows"].as_array().unwrap();
    let states = |i: usize| -> Vec<&str> {
        rows[i]["cells"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["state"].as_str().unwrap())
            .collect()
    };
    assert_eq!(rows[0]["network"], "alpha");
    assert_eq!(states(0), ["local", "national"]);
    assert_eq!(rows[0]["cells"][0]["url"], "/alpha/ces-local/");
    assert_eq!(rows[1]["network"], "beta");
    assert_eq!(states(1), ["national", "national"]);
    assert_eq!(
        cov["totals"],
        serde_json::json!({"local": 1, "national": 3, "missing": 0, "overdue": 0})
    );
    assert_eq!(rows[1]["due_for_review"][0]["id"], "beta/repatriation");
    assert_eq!(rows[1]["due_for_review"][0]["overdue"], true);
    assert_eq!(cov["leaflets"][0]["id"], "national/back-pain");
    assert!(cov["leaflets"][0]["grade"].as_f64().unwrap() < 8.0);

    let page = p.read("public/coverage/index.html");
    // Each cell is a symbol with its name in words for screen readers; each row is summed up.
    assert!(
        page.contains("CES pathway: local adaptation")
            && page.contains("Back pain and sciatica: national document only"),
        "cells in words"
    );
    assert!(page.contains("1 of 2 adapted"), "summary per network");
    assert!(
        page.contains("overdue since 1 January 2026"),
        "dates in words, as on other pages"
    );
    assert!(
        page.contains('✓') && page.contains('○'),
        "cells with symbols"
    );
    assert!(page.contains("overdue since"), "due list");

    // A required document that does not exist is missing everywhere.
    p.write(
        "site.yaml",
        "title: T\nbase_url: https://test.example.org/\nrequired_documents:\n  - national: national/ces\n  - national: national/nope\n",
    );
    p.run(&["build"]).assert_code(0);
    let cov: Value = serde_json::from_str(&p.read("public/coverage.json")).unwrap();
    assert_eq!(
        cov["totals"],
        serde_json::json!({"local": 1, "national": 1, "missing": 2, "overdue": 0})
    );
    assert!(p.read("public/coverage/index.html").contains("Missing"));
}

/// Validates `value` against the subset of JSON Schema the documented schema uses.
fn validate(schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
    if let Some(t) = schema.get("type") {
        let types: Vec<&str> = match t {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().map(|v| v.as_str().unwrap()).collect(),
            _ => vec![],
        };
        let ok = types.iter().any(|t| match *t {
            "object" => value.is_object(),
            "array" => value.is_array(),
            "string" => value.is_string(),
            "integer" => value.is_u64() || value.is_i64(),
            "null" => value.is_null(),
            _ => false,
        });
        if !ok {
            errors.push(format!("{at}: {value} is not {types:?}"));
            return;
        }
    }
    if let Some(e) = schema.get("enum").and_then(Value::as_array) {
        if !e.contains(value) {
            errors.push(format!("{at}: {value} not in {e:?}"));
        }
    }
    if let (Some(min), Some(n)) = (
        schema.get("minimum").and_then(Value::as_i64),
        value.as_i64(),
    ) {
        if n < min {
            errors.push(format!("{at}: {n} < {min}"));
        }
    }
    if let (Some(p), Some(s)) = (
        schema.get("pattern").and_then(Value::as_str),
        value.as_str(),
    ) {
        // The only pattern used is kebab-case.
        assert_eq!(p, "^[a-z0-9]+(-[a-z0-9]+)*$");
        let ok = !s.is_empty()
            && s.split('-').all(|w| {
                !w.is_empty()
                    && w.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            });
        if !ok {
            errors.push(format!("{at}: {s} does not match {p}"));
        }
    }
    if let Some(obj) = value.as_object() {
        let props = schema.get("properties").and_then(Value::as_object);
        for r in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if !obj.contains_key(r.as_str().unwrap()) {
                errors.push(format!("{at}: missing {r}"));
            }
        }
        for (k, v) in obj {
            match props.and_then(|p| p.get(k)) {
                Some(s) => validate(s, v, &format!("{at}.{k}"), errors),
                None if schema.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    errors.push(format!("{at}: unexpected {k}"))
                }
                None => {}
            }
        }
    }
    if let (Some(items), Some(arr)) = (schema.get("items"), value.as_array()) {
        for (i, v) in arr.iter().enumerate() {
            validate(items, v, &format!("{at}[{i}]"), errors);
        }
    }
}

#[test]
fn check_json_output_matches_its_documented_schema() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/docs/check-output.schema.json"
        ))
        .unwrap(),
    )
    .unwrap();
    // Errors and warnings of several kinds, including whole-file ones (line 0).
    let p = overlay("network-no-hubs");
    p.write("networks/gamma/doc.md", "no front matter");
    p.write("national/x.md", "---\ntitle: X\nkind: nope\n---\n");
    let report = json_check(&p, &[]);
    assert!(report["errors"].as_u64().unwrap() >= 2);
    assert!(report["warnings"].as_u64().unwrap() >= 2);
    assert!(report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["line"] == 0));
    let mut errors = Vec::new();
    validate(&schema, &report, "$", &mut errors);
    assert!(errors.is_empty(), "{errors:#?}\n{report}");
    // The validator itself rejects a wrong document.
    let mut bad = report.clone();
    bad["diagnostics"][0]["severity"] = "fatal".into();
    bad["extra"] = 1.into();
    let mut errors = Vec::new();
    validate(&schema, &bad, "$", &mut errors);
    assert_eq!(errors.len(), 2, "{errors:?}");
}

/// A warning-signs leaflet in the base fixture's alpha network, with `body` after its front matter.
fn warning_signs_leaflet(front: &str, body: &str) -> Project {
    let p = Project::base();
    let dir = p.content().join("networks/alpha/leaflets");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("signs.md"),
        format!(
            "---\ntitle: Signs doc\nkind: leaflet\n{front}summary: A test document.\nversion: \"1.0\"\nstatus: approved\napproved: 2026-01-01\napproved_by: Alpha Network Board\nreview: 2027-06-01\nowner: Alpha clinical lead\n---\n\n{body}"
        ),
    )
    .unwrap();
    p
}

#[test]
fn a_warning_signs_leaflet_with_its_card_first_needs_only_its_three_sections() {
    let body = "> [!CAUTION]\n> Go to A&E now if you cannot pee.\n\n## What it is\n\nA rare problem.\n\n## What to do\n\nGo to A&E.\n\n## Contacts\n\nCall your GP.\n";
    let p = warning_signs_leaflet("leaflet_type: warning-signs\n", body);
    let report = json_check(&p, &[]);
    let about_it: Vec<&Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["path"] == "networks/alpha/leaflets/signs.md")
        .collect();
    assert!(about_it.is_empty(), "{about_it:?}");
    // The same text as an operation leaflet lacks seven of the ten BASS-style sections.
    let p = warning_signs_leaflet("", body);
    let report = json_check(&p, &[]);
    let missing = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| {
            d["code"] == "leaflet-missing-section"
                && d["path"] == "networks/alpha/leaflets/signs.md"
        })
        .count();
    assert_eq!(missing, 8, "{report}");
    // The card is in patient words, and the page opens with it.
    let p = warning_signs_leaflet("leaflet_type: warning-signs\n", body);
    p.run(&["build"]).assert_code(0);
    let page = p.read("public/alpha/signs/index.html");
    let main = crate::helpers::main_of(&page);
    assert!(main.contains("Get help now"), "{main}");
    assert!(!main.contains("Red flag: act now"), "{main}");
    assert!(main.find("Get help now") < main.find("What it is"));
}

#[test]
fn leaflet_type_is_one_of_two_values_and_only_for_leaflets() {
    let p = warning_signs_leaflet("leaflet_type: warning-sign\n", "## What it is\n");
    let out = p.run(&["check"]);
    out.assert_code(1);
    assert!(
        out.stderr.contains("networks/alpha/leaflets/signs.md:4:"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("error[invalid-value]: `warning-sign` is not a valid leaflet_type"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("did you mean `warning-signs`?"),
        "{}",
        out.stderr
    );
    let p = warning_signs_leaflet("leaflet_type: operation\n", "## What it is\n");
    let text =
        std::fs::read_to_string(p.content().join("networks/alpha/leaflets/signs.md")).unwrap();
    std::fs::write(
        p.content().join("networks/alpha/leaflets/signs.md"),
        text.replace("kind: leaflet", "kind: sop"),
    )
    .unwrap();
    let out = p.run(&["check"]);
    out.assert_code(1);
    assert!(out.stderr.contains("error[invalid-leaflet-type]: `leaflet_type` is for leaflets, and this document is a sop"), "{}", out.stderr);
}
