//! One fixture per validation rule (tests/fixtures/invalid/<case>/, overlaid on the base
//! fixture). Each names the expected diagnostic in its `expected` file as `code path:line`.
//! Every case must fail `check` and `build` with that diagnostic, without a panic, and leave
//! an existing output folder byte-identical.

use crate::helpers::{assert_expected, reports_error, snapshot, Project};

fn run_case(case: &str) {
    let (code, path, line, col) = crate::helpers::expected_place("invalid", case);
    let project = Project::with_overlay(Some(case));

    let check = project.run(&["check"]);
    check.assert_code(1);
    // The whole report, as a user reads it: message, source line, caret, help and summary.
    assert_expected(
        &format!("diagnostics/invalid/{case}.txt"),
        &project.transcript(&["check"], &check),
    );
    let location = match (line, col) {
        (0, _) => format!("{path}: error[{code}]"),
        (_, Some(col)) => format!("{path}:{line}:{col}:"),
        (_, None) => format!("{path}:{line}:"),
    };
    let header = check
        .stderr
        .lines()
        .find(|l| l.starts_with(&location) && l.contains(&format!("error[{code}]")))
        .unwrap_or_else(|| {
            panic!(
                "{case}: no `{code}` error at {path}:{line} in:\n{}",
                check.stderr
            )
        });
    assert!(
        check.stderr.contains("= help: "),
        "{case}: no help line:\n{}",
        check.stderr
    );
    if line > 0 {
        assert!(
            check.stderr.contains(&format!("{line} | ")),
            "{case}: no source line:\n{}",
            check.stderr
        );
        assert!(
            check.stderr.contains('^'),
            "{case}: no caret:\n{}",
            check.stderr
        );
    }
    let _ = header;

    // JSON names the same diagnostic.
    let json = project.run(&["check", "--format", "json"]);
    json.assert_code(1);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert!(
        reports_error(&report, &code, &path, line),
        "{case}: JSON lacks the diagnostic: {}",
        json.stdout
    );
    if let Some(col) = col {
        assert!(
            report["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d["code"] == code.as_str() && d["col"] == col as u64),
            "{case}: JSON lacks column {col}: {}",
            json.stdout
        );
    }

    // A failed build leaves the previous output exactly as it was.
    let out = project.path("public");
    let good = Project::base();
    crate::helpers::copy_tree(&good.content(), &project.path("good"));
    project.run(&["build", "--content", "good"]).assert_code(0);
    let before = snapshot(&out);
    let build = project.run(&["build"]);
    build.assert_code(1);
    assert!(
        build.stderr.contains(&format!("error[{code}]")),
        "{case}: build did not report {code}"
    );
    assert!(
        build.stderr.contains("nothing was written"),
        "{case}: {}",
        build.stderr
    );
    assert_eq!(
        before,
        snapshot(&out),
        "{case}: output changed after a failed build"
    );
}

fixture_cases! {
    "invalid";
    missing_field => "missing-field",
    missing_approval_fields => "missing-approval",
    unknown_field => "unknown-field",
    invalid_kind => "invalid-kind",
    invalid_status => "invalid-status",
    invalid_audience => "invalid-audience",
    impossible_date => "invalid-date",
    date_in_wrong_format => "date-format",
    review_before_approved => "review-before-approved",
    invalid_version => "invalid-version",
    unquoted_version => "unquoted-version",
    missing_changes_above_1_0 => "missing-changes",
    approved_in_future => "approved-in-future",
    source_url => "source-url",
    source_without_title => "source-no-title",
    evidence_date_in_future => "evidence-in-future",
    feedback_not_an_address => "feedback-not-an-address",
    accessibility_compliance => "accessibility-compliance",
    unknown_condition => "unknown-condition",
    unknown_adapts_target => "unknown-adapts",
    national_document_cannot_adapt => "invalid-adapts",
    duplicate_field => "duplicate-field",
    yaml_syntax_error => "yaml-syntax",
    yaml_tab_indentation => "yaml-tab",
    wrong_yaml_type => "wrong-type",
    missing_front_matter => "missing-front-matter",
    unclosed_front_matter => "unclosed-front-matter",
    empty_file => "empty-file",
    invalid_utf8 => "invalid-utf8",
    broken_link => "broken-link",
    broken_link_in_author_html => "broken-html-link",
    broken_anchor => "broken-anchor",
    link_to_draft => "link-to-draft",
    link_outside_content => "link-outside",
    invalid_slug => "invalid-slug",
    duplicate_id => "duplicate-id",
    missing_network_yaml => "missing-network-yaml",
    bad_network_yaml => "bad-network-yaml",
    invalid_network_id => "invalid-network-id",
    too_many_hubs => "too-many-hubs",
    bad_site_yaml => "bad-site-yaml",
    bad_glossary => "bad-glossary",
    deeply_nested_quotes => "deep-quotes",
    deeply_nested_lists => "deep-lists",
    deeply_nested_html => "deep-html",
    file_name_with_encoded_traversal => "dotdot-file-name",
    network_folder_with_encoded_traversal => "encoded-network-folder",
    adapts_with_a_path_outside => "adapts-escape",
    yaml_bad_indentation => "yaml-bad-indent",
    empty_front_matter => "empty-front-matter",
    network_placeholder_on_a_real_site => "network-placeholder",
    flowchart_unknown_step => "flowchart-unknown-step",
    flowchart_unreachable_step => "flowchart-unreachable-step",
    flowchart_decision_with_one_way_out => "flowchart-one-way-out",
    flowchart_loop_without_a_way_out => "flowchart-cycle",
    flowchart_broken_link => "flowchart-broken-link",
    flowchart_broken_anchor => "flowchart-broken-anchor",
    flowchart_text_too_long => "flowchart-text-too-long",
    flowchart_unknown_field => "flowchart-unknown-field",
    flowchart_duplicate_step => "flowchart-duplicate-step",
    flowchart_inside_a_list_item => "flowchart-in-list",
    indicator_unknown => "indicator-unknown",
    indicator_out_of_range => "indicator-out-of-range",
    indicator_numerator_above => "indicator-numerator-above",
    indicator_duplicate => "indicator-duplicate",
    indicator_bad_period => "indicator-bad-period",
    indicator_file_name => "indicator-file-name",
    indicator_period_mismatch => "indicator-period-mismatch",
    indicator_wrong_frequency => "indicator-wrong-frequency",
    indicator_csv_header => "indicator-csv-header",
    indicator_csv_row => "indicator-csv-row",
    indicator_not_a_number => "indicator-not-a-number",
    indicator_incomplete_rate => "indicator-incomplete-rate",
    indicator_rate_mismatch => "indicator-rate-mismatch",
    indicators_yaml_unknown_field => "indicators-yaml-unknown-field",
    indicators_yaml_duplicate => "indicators-yaml-duplicate",
    indicators_yaml_standard => "indicators-yaml-standard",
    indicators_yaml_missing => "indicators-yaml-missing",
}

#[test]
fn all_errors_are_reported_together() {
    let project = Project::base();
    project.write("networks/alpha/a.md", "---\ntitle: A\nkind: pathwya\nsummary: S\nversion: \"1.0\"\nstatus: draft\nowner: O\n---\n");
    project.write("networks/beta/b.md", "---\ntitle: B\nkind: sop\nsummary: S\nversion: \"1.0\"\nstatus: approved\napproved: 2026-02-30\napproved_by: G\nreview: 2027-01-01\nowner: O\n---\n");
    project.write("national/c.md", "---\ntitle: C\nkind: sop\nsummary: S\nversion: \"2.0\"\nstatus: draft\nowner: O\n---\n\n[x](nope.md)\n");
    let run = project.run(&["check"]);
    run.assert_code(1);
    assert_expected("diagnostics/several-errors.txt", &run.stderr);
}

#[test]
fn warnings_do_not_fail_but_strict_makes_them_errors() {
    let project = Project::base();
    let run = project.run(&["check"]);
    run.assert_code(0);
    assert!(
        run.stderr.contains("warning[review-overdue]"),
        "{}",
        run.stderr
    );
    project.run(&["check", "--strict"]).assert_code(1);
    project.run(&["build"]).assert_code(0);
}

#[test]
fn an_approval_date_after_today_names_the_date_and_today() {
    let project = Project::with_overlay(Some("approved-in-future"));
    let run = project.run(&["build"]);
    run.assert_code(1);
    let line = run
        .stderr
        .lines()
        .find(|l| l.contains("error[approved-in-future]"))
        .unwrap_or_else(|| panic!("{}", run.stderr));
    assert!(
        line.contains("2029-01-01") && line.contains(crate::helpers::TODAY),
        "{line}"
    );
    assert!(!project.path("public").exists(), "nothing was published");
    // A draft may carry the date it is planned to be approved.
    let planned = project
        .read("content/national/future.md")
        .replace("status: approved", "status: draft");
    project.write("national/future.md", &planned);
    project.run(&["build"]).assert_code(0);
}
