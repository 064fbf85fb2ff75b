//! Evidence, testing and feedback: `sources:`, `evidence_checked:` and `user_tested:` in front
//! matter (their pages, their lint, their diagnostics), the "Report a problem with this page"
//! link on every page, and the accessibility statement.

use crate::helpers::{assert_expected, main_of, Project};
use serde_json::Value;

const CES: &str = "national/pathways/ces.md";
const LEAFLET: &str = "national/leaflets/back-pain.md";

/// The base fixture with `fields` added at the end of a document's front matter.
fn with_front_matter(p: &Project, doc: &str, fields: &str) {
    let text = p.read(&format!("content/{doc}"));
    let end = text[4..].find("\n---\n").unwrap() + 5;
    p.write(doc, &format!("{}{fields}{}", &text[..end], &text[end..]));
}

fn json(p: &Project) -> Value {
    serde_json::from_str(&p.run(&["check", "--format", "json"]).stdout).expect("JSON")
}

/// (code, severity, path, line, col) of every diagnostic with `code`.
fn found(report: &Value, code: &str) -> Vec<(String, String, u64, u64)> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == code)
        .map(|d| {
            (
                d["severity"].as_str().unwrap().to_owned(),
                d["path"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
                d["col"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// Decodes `%XX` escapes (the whole of a prefilled link).
fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// The `href` of the page's "Report a problem" link, as written in the minified HTML.
fn feedback_href(html: &str) -> String {
    let at = html
        .find(">Report a problem with this page</a>")
        .unwrap_or_else(|| panic!("no feedback link in {html}"));
    let start = html[..at].rfind("href=").unwrap() + 5;
    html[start..at].trim_matches('"').replace("&amp;", "&")
}

const SOURCES: &str = "sources:
  - title: \"Spinal injury: assessment and initial management (NICE guideline NG41)\"
    url: https://www.nice.org.uk/guidance/ng41
    checked: 2026-01-05
  - title: A national report
    reference: Example Programme, 2019
evidence_checked: 2026-01-10
";

#[test]
fn sources_and_evidence_check_are_shown_on_the_page() {
    let p = Project::base();
    with_front_matter(&p, CES, SOURCES);
    p.run(&["build"]).assert_code(0);
    let page = p.read("public/national/ces/index.html");
    let main = main_of(&page);
    let sources = &main[main
        .find("<h2 id=sources-heading>")
        .expect("a Sources section")..];
    assert!(sources.contains(">Sources</h2>"), "{sources}");
    assert!(
        sources.contains("<a href=https://www.nice.org.uk/guidance/ng41>Spinal injury: assessment and initial management (NICE guideline NG41)</a>"),
        "{sources}"
    );
    assert!(sources.contains("(checked 5 January 2026)"), "{sources}");
    assert!(
        sources.contains("<cite>A national report</cite>. Example Programme, 2019"),
        "{sources}"
    );
    // Beside "Page last reviewed" at the foot of the page.
    assert!(
        main.contains(
            "<p>Page last reviewed: 10 January 2026. Evidence last checked: 10 January 2026</p>"
        ),
        "{main}"
    );
    // A document without sources has no such section.
    let other = p.read("public/alpha/ces-local/index.html");
    assert!(!other.contains("sources-heading") && !other.contains("Evidence last checked"));
}

#[test]
fn user_testing_is_shown_on_leaflets() {
    let p = Project::base();
    with_front_matter(
        &p,
        LEAFLET,
        "evidence_checked: 2026-02-01\nuser_tested:\n  date: 2026-01-20\n  how: Read by 6 patients at the spinal clinic\n",
    );
    p.run(&["build"]).assert_code(0);
    let main = p.read("public/national/back-pain/index.html");
    let main = main_of(&main);
    assert!(
        main.contains("<dt>Tested with patients</dt><dd>Read by 6 patients at the spinal clinic (20 January 2026)</dd>"),
        "{main}"
    );
    assert!(
        main.contains(
            "Page last reviewed: 1 February 2026. Evidence last checked: 1 February 2026"
        ),
        "{main}"
    );
}

#[test]
fn evidence_checked_before_the_last_approval_is_a_warning() {
    let p = Project::base();
    // Approved on 2026-01-10, evidence checked the year before.
    with_front_matter(&p, CES, "evidence_checked: 2025-03-01\n");
    let report = json(&p);
    assert_eq!(
        found(&report, "evidence-not-rechecked"),
        [("warning".to_owned(), CES.to_owned(), 12, 19)],
        "{report}"
    );
    let message = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "evidence-not-rechecked")
        .unwrap()["message"]
        .clone();
    assert_eq!(
        message,
        "the evidence was last checked on 2025-03-01, before version 1.0 was approved on 2026-01-10"
    );
    p.run(&["check"]).assert_code(0);
    p.run(&["check", "--strict"]).assert_code(1);
    // Checked at the approval: nothing to say.
    let p = Project::base();
    with_front_matter(&p, CES, "evidence_checked: 2026-01-10\n");
    assert!(found(&json(&p), "evidence-not-rechecked").is_empty());
}

#[test]
fn evidence_dates_in_the_future_are_errors() {
    let p = Project::base();
    with_front_matter(
        &p,
        LEAFLET,
        "sources:\n  - title: T\n    reference: R\n    checked: 2027-01-01\nevidence_checked: 2026-12-01\nuser_tested:\n  date: 2026-11-30\n  how: Read by patients\n",
    );
    let report = json(&p);
    let errors = found(&report, "date-in-future");
    assert_eq!(
        errors,
        [
            ("error".to_owned(), LEAFLET.to_owned(), 15, 14),
            ("error".to_owned(), LEAFLET.to_owned(), 16, 19),
            ("error".to_owned(), LEAFLET.to_owned(), 18, 9),
        ],
        "{report}"
    );
    p.run(&["build"]).assert_code(1);
    // A draft may carry the dates it is planned for, as it may for `approved`.
    let text = p.read(&format!("content/{LEAFLET}"));
    p.write(LEAFLET, &text.replace("status: approved", "status: draft"));
    assert!(found(&json(&p), "date-in-future").is_empty());
}

/// Each mistake in the new fields gives one diagnostic at its value, with help; the whole
/// text is snapshot-tested like the other diagnostics.
#[test]
fn evidence_field_mistakes_have_located_diagnostics() {
    let p = Project::base();
    with_front_matter(
        &p,
        CES,
        "sources:
  - title: A guideline
    url: www.nice.org.uk/guidance/ng41
  - reference: Report 2019
  - title: A paper
    reference: J 2020;1:2
    checked: 5/1/2026
evidence_checked: 2026-13-01
user_tested:
  date: 2026-01-20
",
    );
    let run = p.run(&["check"]);
    run.assert_code(1);
    assert_expected("diagnostics/evidence-fields.txt", &run.stderr);

    // A misspelt field of a source is an unknown field, with the right name suggested.
    let p = Project::base();
    with_front_matter(
        &p,
        CES,
        "sources:\n  - title: A guideline\n    link: https://www.nice.org.uk/guidance/ng41\n",
    );
    let run = p.run(&["check"]);
    run.assert_code(1);
    assert_expected("diagnostics/evidence-unknown-field.txt", &run.stderr);
}

#[test]
fn every_page_has_a_prefilled_report_a_problem_link() {
    let p = Project::base();
    p.run(&["build"]).assert_code(0);
    // A document: its id, version and address, as the subject and body of an email.
    let href = feedback_href(&p.read("public/national/ces/index.html"));
    let (address, query) = href.split_once('?').unwrap();
    assert_eq!(address, "mailto:feedback@test.example.org");
    // Properly encoded: no space, line break, `/` or `:` is left as it is in the query.
    assert!(!query.contains([' ', '\r', '\n', '/', ':']), "{query}");
    let decoded = decode(query);
    assert_eq!(
        decoded,
        "subject=Problem with national/ces version 1.0&body=https://test.example.org/national/ces/\r\n"
    );
    // A page without a document: the address only.
    let href = feedback_href(&p.read("public/index.html"));
    assert!(
        decode(&href).ends_with(
            "?subject=Problem with a page of Test Spinal Networks&body=https://test.example.org/\r\n"
        ),
        "{href}"
    );
    // Every HTML page has the link.
    for entry in walkdir::WalkDir::new(p.path("public")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "html") {
            let html = std::fs::read_to_string(entry.path()).unwrap();
            assert!(
                html.contains(">Report a problem with this page</a>"),
                "{}",
                entry.path().display()
            );
        }
    }
}

#[test]
fn a_network_form_overrides_the_site_address_with_encoded_parameters() {
    let p = Project::base();
    let profile = p.read("content/networks/alpha/network.yaml");
    p.write(
        "networks/alpha/network.yaml",
        &format!("{profile}feedback: https://forms.example.org/alpha?source=site\n"),
    );
    p.run(&["build"]).assert_code(0);
    let href = feedback_href(&p.read("public/alpha/ces-local/index.html"));
    assert_eq!(
        href,
        "https://forms.example.org/alpha?source=site&page=https%3A%2F%2Ftest.example.org%2Falpha%2Fces-local%2F&document=alpha%2Fces-local&version=2.0"
    );
    // The network's own page too; national pages keep the site's address.
    let network = feedback_href(&p.read("public/alpha/index.html"));
    assert_eq!(
        network,
        "https://forms.example.org/alpha?source=site&page=https%3A%2F%2Ftest.example.org%2Falpha%2F"
    );
    let national = feedback_href(&p.read("public/national/ces/index.html"));
    assert!(
        national.starts_with("mailto:feedback@test.example.org?"),
        "{national}"
    );
}

#[test]
fn a_feedback_address_that_cannot_be_used_is_an_error_at_its_value() {
    let p = Project::base();
    let profile = p.read("content/networks/alpha/network.yaml");
    p.write(
        "networks/alpha/network.yaml",
        &format!("{profile}feedback: alpha@example.org\n"),
    );
    let report = json(&p);
    assert_eq!(
        found(&report, "invalid-feedback"),
        [(
            "error".to_owned(),
            "networks/alpha/network.yaml".to_owned(),
            10,
            11
        )],
        "{report}"
    );
    let message = report["diagnostics"][0]["message"].as_str().unwrap();
    assert_eq!(
        message,
        "`feedback` `alpha@example.org` is an email address without `mailto:` in front: write `mailto:alpha@example.org`"
    );
    // Without `feedback:` pages have no link, and check says so once.
    let p = Project::base();
    let site = p.read("content/site.yaml");
    p.write(
        "site.yaml",
        &site.replace("feedback: mailto:feedback@test.example.org\n", ""),
    );
    let report = json(&p);
    assert_eq!(found(&report, "no-feedback-link").len(), 1, "{report}");
    p.run(&["build"]).assert_code(0);
    assert!(!p
        .read("public/index.html")
        .contains("Report a problem with this page"));
}

#[test]
fn the_accessibility_statement_has_the_regulations_structure() {
    let p = Project::base();
    p.run(&["build"]).assert_code(0);
    let page = p.read("public/accessibility/index.html");
    let main = main_of(&page);
    // The sections the regulations ask for, in the model statement's order.
    let headings: Vec<&str> = main
        .split("<h")
        .skip(1)
        .filter(|h| h.starts_with(['1', '2', '3']))
        .map(|h| {
            let text = &h[h.find('>').unwrap() + 1..];
            &text[..text.find("</h").unwrap()]
        })
        .collect();
    assert_eq!(
        headings,
        [
            "Accessibility statement for Test Spinal Networks",
            "How accessible this website is",
            "Feedback and contact information",
            "Reporting accessibility problems with this website",
            "Enforcement procedure",
            "Technical information about this website’s accessibility",
            "Compliance status",
            "Non-accessible content",
            "Non-compliance with the accessibility regulations",
            "Content that is not within the scope of the accessibility regulations",
            "How we tested this website",
            "Preparation of this accessibility statement",
        ]
    );
    for text in [
        "This website is partially compliant with the <a href=https://www.w3.org/TR/WCAG22/>Web Content Accessibility Guidelines version 2.2</a> AA standard, due to the non-compliances listed below.",
        "Some flowcharts are hard to follow with a screen magnifier. This fails WCAG 2.2 success criterion 1.4.10 Reflow. We will split long flowcharts by March 2027.",
        "<a href=mailto:access@test.example.org>access@test.example.org</a>",
        "<a href=tel:02079460000>020 7946 0000</a>",
        "get back to you in 5 working days",
        "Equality Advisory and Support Service",
        "This website was last tested on 1 September 2026.",
        "This statement was prepared on 1 September 2025. It was last reviewed on 1 September 2026.",
    ] {
        assert!(main.contains(text), "{text}\n{main}");
    }
    assert!(!main.contains("Example statement"), "{main}");
    // Every footer links to it, the leaflets' shorter footer too.
    for page in [
        "index.html",
        "national/ces/index.html",
        "national/back-pain/index.html",
        "404.html",
    ] {
        let html = p.read(&format!("public/{page}"));
        let footer = &html[html.find("<footer").unwrap()..];
        assert!(
            footer.contains("<a href=/accessibility/>Accessibility statement</a>"),
            "{page}: {footer}"
        );
    }
    assert!(
        found(&json(&p), "accessibility-statement-old").is_empty(),
        "reviewed less than a year ago"
    );
}

#[test]
fn a_statement_older_than_a_year_is_a_warning() {
    let p = Project::base();
    let site = p.read("content/site.yaml");
    p.write(
        "site.yaml",
        &site.replace("reviewed: 2026-09-01", "reviewed: 2025-11-22"),
    );
    let report = json(&p);
    assert_eq!(
        found(&report, "accessibility-statement-old"),
        [("warning".to_owned(), "site.yaml".to_owned(), 26, 13)],
        "{report}"
    );
    // A year to the day is not yet overdue.
    p.write(
        "site.yaml",
        &site.replace("reviewed: 2026-09-01", "reviewed: 2025-11-23"),
    );
    assert!(found(&json(&p), "accessibility-statement-old").is_empty());
}

#[test]
fn a_site_without_a_statement_is_warned_and_publishes_none() {
    let p = Project::base();
    let site = p.read("content/site.yaml");
    let cut = site.find("accessibility:").unwrap();
    p.write("site.yaml", &site[..cut]);
    let report = json(&p);
    assert_eq!(
        found(&report, "accessibility-statement-missing"),
        [("warning".to_owned(), "site.yaml".to_owned(), 1, 1)],
        "{report}"
    );
    p.run(&["build"]).assert_code(0);
    assert!(!p.path("public/accessibility").exists());
    assert!(!p
        .read("public/index.html")
        .contains("Accessibility statement"));
}

#[test]
fn statement_mistakes_are_errors_at_their_values() {
    let p = Project::base();
    let site = p.read("content/site.yaml");
    // Fully compliant, yet listing content that does not comply; a date that does not exist.
    p.write(
        "site.yaml",
        &site
            .replace(
                "compliance: partially-compliant",
                "compliance: fully-compliant",
            )
            .replace("last_tested: 2026-09-01", "last_tested: 2026-09-31"),
    );
    let report = json(&p);
    assert_eq!(
        found(&report, "accessibility-compliance"),
        [("error".to_owned(), "site.yaml".to_owned(), 12, 15)],
        "{report}"
    );
    assert_eq!(
        found(&report, "invalid-date"),
        [("error".to_owned(), "site.yaml".to_owned(), 23, 16)],
        "{report}"
    );
    // An unknown compliance word, with a suggestion.
    p.write(
        "site.yaml",
        &site.replace(
            "compliance: partially-compliant",
            "compliance: partly-compliant",
        ),
    );
    let run = p.run(&["check"]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("error[invalid-value]") && run.stderr.contains("partially-compliant"),
        "{}",
        run.stderr
    );
    // An example statement on a site that is not example content.
    p.write(
        "site.yaml",
        &site.replace("accessibility:\n", "accessibility:\n  example: true\n"),
    );
    let report = json(&p);
    assert_eq!(
        found(&report, "example-accessibility-statement"),
        [("error".to_owned(), "site.yaml".to_owned(), 11, 12)],
        "{report}"
    );
}
