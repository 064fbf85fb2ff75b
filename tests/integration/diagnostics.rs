//! How problems are presented at scale and how they guide a network team: errors first, caps
//! per code, the summary table, `--network` scope, one diagnostic per mistake, plain-English
//! messages, suggestions, and the checks of everything a page links to.

use crate::helpers::{Project, Run, TODAY};
use serde_json::Value;
use std::process::Command;

const DOC: &str = "networks/alpha/pathways/ces-local.md";

/// The base fixture with the alpha pathway's last paragraph replaced by `body`.
fn with_body(body: &str) -> Project {
    let p = Project::base();
    let text = p.read(&format!("content/{DOC}"));
    p.write(DOC, &text.replace("Call the hub.", body));
    p
}

fn json(p: &Project, args: &[&str]) -> Value {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    serde_json::from_str(&p.run(&all).stdout).expect("JSON")
}

/// The diagnostics of a JSON report with `code`, as (path, line, message, help).
fn with_code(report: &Value, code: &str) -> Vec<(String, u64, String, String)> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == code)
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_owned(),
                d["help"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

/// Runs the binary under an address-space limit (MiB).
fn run_limited(p: &Project, mib: u64, args: &[&str]) -> Run {
    let output = Command::new("prlimit")
        .arg(format!("--as={}", mib * 1024 * 1024))
        .arg(env!("CARGO_BIN_EXE_pathways"))
        .args(args)
        .current_dir(p.dir.path())
        .env("PATHWAYS_TODAY", TODAY)
        .output()
        .expect("run prlimit");
    Run::from(output)
}

/// 8,000 broken links on one 170 KB line: each diagnostic once kept a copy of the whole line
/// (1.4 GB). Under a 512 MiB limit check and build now finish with exit 1 and a short report;
/// JSON still has every diagnostic.
#[test]
fn thousands_of_problems_on_one_line_stay_bounded() {
    let links: Vec<String> = (0..8000).map(|i| format!("[x{i}](nope-{i}.md)")).collect();
    let p = with_body(&links.join(" "));
    for cmd in ["check", "build"] {
        let run = run_limited(&p, 512, &[cmd]);
        run.assert_code(1);
        assert!(run.stderr.len() < 16_000, "{} bytes", run.stderr.len());
        assert_eq!(run.stderr.matches("error[broken-link]").count(), 10);
        assert!(
            run.stderr.contains(&format!(
                "{DOC}: and 7,990 more broken-link errors in this file"
            )),
            "{}",
            run.stderr
        );
        let row = run
            .stderr
            .lines()
            .find(|l| l.trim_start().starts_with("8,000  error    broken-link"))
            .unwrap_or_else(|| panic!("no summary row: {}", run.stderr));
        assert!(row.ends_with(&format!("{DOC} (8,000)")), "{row}");
        // Excerpts are a window of the line, never the line.
        assert!(run.stderr.lines().all(|l| l.chars().count() < 200));
    }
    let report = json(&p, &[]);
    assert_eq!(with_code(&report, "broken-link").len(), 8000);
    assert_eq!(report["errors"], 8000);
}

#[test]
fn errors_come_first_then_warnings_then_the_summary() {
    // The base fixture's warning is in networks/beta, after the error's file in path order.
    let p = with_body("[x](gone.md)");
    let run = p.run(&["check"]);
    run.assert_code(1);
    let err = run.stderr.find("error[broken-link]").unwrap();
    let warn = run.stderr.find("warning[review-overdue]").unwrap();
    let summary = run.stderr.find("summary:").unwrap();
    assert!(err < warn && warn < summary, "{}", run.stderr);
    assert!(
        run.stderr.ends_with("1 error, 1 warning\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn caps_per_code_are_configurable_and_quiet_warnings_hides_warnings() {
    let links: Vec<String> = (0..5).map(|i| format!("[x](gone-{i}.md)")).collect();
    let p = with_body(&links.join("\n\n"));
    let two = p.run(&["check", "--max-per-code", "2"]);
    assert_eq!(two.stderr.matches("error[broken-link]").count(), 2);
    assert!(two
        .stderr
        .contains("and 3 more broken-link errors in this file"));
    assert!(two
        .stderr
        .contains("(3 not shown above; --max-per-code 0 shows all)"));
    let all = p.run(&["check", "--max-per-code", "0"]);
    assert_eq!(all.stderr.matches("error[broken-link]").count(), 5);
    assert!(!all.stderr.contains("not shown"));
    let quiet = p.run(&["build", "--quiet-warnings"]);
    quiet.assert_code(1);
    assert!(
        !quiet.stderr.contains("warning[review-overdue]"),
        "{}",
        quiet.stderr
    );
    assert!(quiet
        .stderr
        .contains("warnings not shown: --quiet-warnings"));
    // The summary still counts the warning.
    assert!(
        quiet.stderr.contains("warning  review-overdue"),
        "{}",
        quiet.stderr
    );
}

#[test]
fn the_summary_names_the_most_affected_files() {
    let p = Project::base();
    for (i, n) in [3, 2, 1, 1].iter().enumerate() {
        let body: Vec<String> = (0..*n).map(|j| format!("[x](gone-{j}.md)\n")).collect();
        p.write(
            &format!("national/extra-{i}.md"),
            &format!("---\ntitle: Extra {i}\nkind: standard\nsummary: S\nversion: \"1.0\"\nstatus: draft\nowner: O\n---\n\n{}", body.join("\n")),
        );
    }
    let run = p.run(&["check"]);
    assert!(
        run.stderr.contains("7  error    broken-link     national/extra-0.md (3), national/extra-1.md (2), national/extra-2.md and 1 more files"),
        "{}",
        run.stderr
    );
}

#[test]
fn network_scope_reports_only_what_concerns_the_network() {
    let p = Project::base();
    // A broken document in beta, and an unused national document with a warning.
    p.write(
        "networks/beta/broken.md",
        "---\ntitle: B\nkind: sop\nsummary: S\nversion: \"1.0\"\nstatus: approved\napproved: 2026-13-01\napproved_by: G\nreview: 2027-01-01\nowner: O\n---\n",
    );
    let all = p.run(&["check"]);
    all.assert_code(1);
    assert!(all.stderr.contains("networks/beta/broken.md"));
    let alpha = p.run(&["check", "--network", "alpha"]);
    alpha.assert_code(0);
    assert!(!alpha.stderr.contains("networks/beta"), "{}", alpha.stderr);
    p.run(&["build", "--network", "alpha"]).assert_code(0);
    let beta = p.run(&["build", "--network", "beta"]);
    beta.assert_code(1);
    assert!(
        beta.stderr.contains("networks/beta/broken.md:7:"),
        "{}",
        beta.stderr
    );
    // Site-wide problems still count for every network.
    p.write(
        "site.yaml",
        &p.read("content/site.yaml")
            .replace("base_url: https://test.example.org/", "base_url: nowhere"),
    );
    p.run(&["check", "--network", "alpha"]).assert_code(1);
}

#[test]
fn an_unknown_network_suggests_the_closest() {
    let run = Project::base().run(&["build", "--network", "alpah"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("did you mean `alpha`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_broken_document_is_one_diagnostic_not_a_broken_link_too() {
    let p = Project::base();
    let ces = p.read("content/national/pathways/ces.md");
    p.write(
        "national/pathways/ces.md",
        &ces.replace("kind: pathway", "kind: pathway\n  oops: x"),
    );
    p.run_snapshot(&["check"], "inline/broken-front-matter");
    let report = json(&p, &[]);
    let errors: Vec<&Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .collect();
    assert_eq!(errors.len(), 1, "{report}");
    assert_eq!(errors[0]["path"], "national/pathways/ces.md");
    assert_eq!(errors[0]["code"], "yaml-syntax");
}

/// Each rewritten message: (front matter change, code, what the message says, what it must not).
#[test]
fn yaml_and_date_messages_are_plain_english() {
    let cases: &[(&str, &str, &str, &str, &str)] = &[
        (
            "summary: The national CES pathway with Alpha's MRI arrangements.",
            "summary: Red flags: act now",
            "yaml-syntax",
            "a `:` inside a value: put the value in quotes",
            "mapping values",
        ),
        (
            "conditions: [cauda-equina-syndrome]",
            "conditions:\n\t- cauda-equina-syndrome",
            "yaml-syntax",
            "a TAB character",
            "cannot start any token",
        ),
        (
            "version: \"2.0\"",
            "version: 1.10",
            "invalid-type",
            "the version 1.10 must be in quotes: version: \"1.10\"",
            "1.1 ",
        ),
        (
            "approved: 2026-05-01",
            "approved: 2027-02-30",
            "invalid-date",
            "2027-02-30 is not a real date: February 2027 has 28 days",
            "parameter",
        ),
        (
            "approved: 2026-05-01",
            "approved: 01/05/2026",
            "invalid-date",
            "`01/05/2026` is not a date written YYYY-MM-DD",
            "parameter",
        ),
        (
            "conditions: [cauda-equina-syndrome]",
            "conditions: {a: b}",
            "invalid-type",
            "`conditions` must be a list, such as [a, b]",
            "invalid type",
        ),
    ];
    let mut reports = String::new();
    for (from, to, code, says, never) in cases {
        let p = Project::base();
        let text = p.read(&format!("content/{DOC}"));
        assert!(text.contains(from), "{from}");
        p.write(DOC, &text.replace(from, to));
        let human = p.run(&["check"]);
        reports.push_str(&format!(
            "## {DOC}: {from:?} → {to:?}\n{}\n",
            p.transcript(&["check"], &human)
        ));
        let report = json(&p, &[]);
        let found = with_code(&report, code);
        assert_eq!(found.len(), 1, "{to}: {report}");
        let (_, _, message, help) = &found[0];
        assert!(message.contains(says), "{to}: {message}");
        assert!(
            !message.contains(never) && !help.contains(never),
            "{to}: {message} / {help}"
        );
    }
    // Every report in full, as a user reads it.
    crate::helpers::assert_expected("diagnostics/inline/yaml-and-date-messages.txt", &reports);
    let p = Project::base();
    let text = p.read(&format!("content/{DOC}"));
    p.write(
        DOC,
        &text.replace("approved: 2026-05-01", "approved: 01/05/2026"),
    );
    let (_, _, _, help) = &with_code(&json(&p, &[]), "invalid-date")[0];
    assert_eq!(help, "write the date as YYYY-MM-DD: 2026-05-01");
}

#[test]
fn as_of_asks_for_yyyy_mm_dd() {
    let run =
        Project::base().run_snapshot(&["build", "--as-of", "30/06/2026"], "inline/as-of-date");
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("`30/06/2026` is not a date written YYYY-MM-DD; write the date as YYYY-MM-DD: 2026-06-30"),
        "{}",
        run.stderr
    );
}

#[test]
fn broken_links_and_anchors_suggest_what_exists() {
    // One `../` too few, and a misspelt anchor.
    let p = with_body(
        "[a](../../national/pathways/ces.md) [b](../../../national/pathways/ces.md#red-flag)",
    );
    p.run_snapshot(&["check"], "inline/link-suggestions");
    let report = json(&p, &[]);
    let link = &with_code(&report, "broken-link")[0];
    assert!(
        link.3
            .contains("did you mean `../../../national/pathways/ces.md`"),
        "{link:?}"
    );
    let anchor = &with_code(&report, "broken-anchor")[0];
    assert!(
        anchor.3.starts_with("did you mean `#red-flags`?"),
        "{anchor:?}"
    );
    assert!(
        anchor.3.contains("`#steps`") && anchor.3.contains("`#purpose`"),
        "{anchor:?}"
    );
}

#[test]
fn links_to_missing_assets_and_unpublished_files_are_errors() {
    let p = with_body(
        "![Flowchart](../../../assets/flowchart.png)\n\n[form](../../../assets/form.pdf)\n\n<img src=\"../../../assets/missing.svg\" alt=\"x\">\n\n[notes](notes.txt)\n\n[ok](../../../assets/form.txt)",
    );
    p.run_snapshot(&["check"], "inline/missing-assets");
    let report = json(&p, &[]);
    let found = with_code(&report, "broken-asset");
    let lines: Vec<u64> = found.iter().map(|f| f.1).collect();
    assert_eq!(lines, [24, 26, 28, 30], "{report}");
    assert!(
        found[0]
            .2
            .contains("assets/flowchart.png, which does not exist"),
        "{found:?}"
    );
    // A close name is suggested.
    assert!(
        found[1]
            .3
            .contains("did you mean `../../../assets/form.txt`"),
        "{found:?}"
    );
    assert!(found[3].2.contains("not published"), "{found:?}");
    p.run(&["build"]).assert_code(1);
}

#[test]
fn site_absolute_links_are_checked_and_rewritten() {
    let p = with_body(
        "[good](/national/ces/#steps) [pasted](https://test.example.org/national/ces/) [search](/search/) [gone](/national/transfer-between-centre/)",
    );
    p.run_snapshot(&["check"], "inline/site-absolute-links");
    let report = json(&p, &[]);
    let found = with_code(&report, "broken-link");
    assert_eq!(found.len(), 1, "{report}");
    assert!(
        found[0]
            .2
            .contains("`/national/transfer-between-centre/` is not a page"),
        "{found:?}"
    );
    // Fixed, the valid ones are rewritten under the base path of a subfolder site.
    let text = p.read(&format!("content/{DOC}"));
    p.write(
        DOC,
        &text.replace(
            " [gone](/national/transfer-between-centre/)",
            " [typo](/national/cse/)",
        ),
    );
    let typo = &with_code(&json(&p, &[]), "broken-link")[0];
    assert!(
        typo.3
            .contains("did you mean `../../../national/pathways/ces.md`"),
        "{typo:?}"
    );
    p.write(
        DOC,
        &text.replace(" [gone](/national/transfer-between-centre/)", ""),
    );
    p.run(&["build", "--base-url", "https://x.org/sub/"])
        .assert_code(0);
    let page = p.read("public/alpha/ces-local/index.html");
    assert!(
        page.contains("href=/sub/national/ces/#steps")
            || page.contains("href=\"/sub/national/ces/#steps\""),
        "{page}"
    );
    assert!(page.contains("/sub/search/"), "{page}");
    assert!(!page.contains("test.example.org/national"), "{page}");
}

#[test]
fn pasted_bullets_and_removed_html_are_warned_about() {
    let p = with_body("•\tfirst\n•\tsecond\n\n<p onclick=\"x()\">a</p><script>alert(1)</script>");
    p.run_snapshot(&["check"], "inline/pasted-bullets-and-removed-html");
    let report = json(&p, &[]);
    let bullets = with_code(&report, "pasted-bullet");
    assert_eq!(bullets.len(), 1, "{report}");
    assert!(bullets[0]
        .2
        .starts_with("2 lines starting with a pasted bullet"));
    assert!(bullets[0].3.contains("`- `"));
    let removed: Vec<String> = with_code(&report, "html-removed")
        .into_iter()
        .map(|d| d.2)
        .collect();
    assert_eq!(removed.len(), 2, "{removed:?}");
    assert!(
        removed[0].starts_with("the onclick attribute"),
        "{removed:?}"
    );
    assert!(removed[1].starts_with("<script>"), "{removed:?}");
}

#[test]
fn an_approved_document_with_scaffold_placeholders_is_an_error() {
    let p = with_body("TODO: the escalation route.");
    p.run_snapshot(&["check"], "inline/document-placeholder");
    let report = json(&p, &[]);
    let found = with_code(&report, "document-placeholder");
    assert_eq!(found.len(), 1, "{report}");
    assert_eq!(found[0].1, 24);
    p.run(&["build"]).assert_code(1);
    // A draft may hold them: that is what `pathways new` writes.
    let text = p.read(&format!("content/{DOC}"));
    p.write(DOC, &text.replace("status: approved", "status: draft"));
    assert!(with_code(&json(&p, &[]), "document-placeholder").is_empty());
}

#[test]
fn a_real_site_must_not_publish_example_phone_numbers() {
    let p = Project::base();
    p.write(
        "networks/beta/network.yaml",
        "name: Beta\nregion: South\nhubs:\n  - name: Beta Hospital\n    emergency_contact: Switchboard 020 0000 0000\n",
    );
    p.run_snapshot(&["check"], "inline/example-phone-number");
    let report = json(&p, &[]);
    let found = with_code(&report, "example-phone-number");
    assert_eq!(found.len(), 1, "{report}");
    assert_eq!(found[0].1, 5);
    p.run(&["build"]).assert_code(1);
    // An example site may.
    let site = p.read("content/site.yaml");
    p.write("site.yaml", &format!("{site}example_content: true\n"));
    p.run(&["build"]).assert_code(0);
}

#[test]
fn example_content_warnings_are_few_and_meaningful() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = Project::base().run(&["check", "--content", root.join("content").to_str().unwrap()]);
    run.assert_code(0);
    // One stale translation is there on purpose, to show its banner.
    let stale = run.stderr.matches(": warning[translation-stale]").count();
    assert_eq!(stale, 1, "{}", run.stderr);
    let warnings = run.stderr.matches(": warning[").count() - stale;
    assert!(warnings <= 5, "{warnings} warnings:\n{}", run.stderr);
    assert!(
        run.stderr
            .contains("network profiles are placeholders (example content)"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("network.yaml:"), "{}", run.stderr);
}
