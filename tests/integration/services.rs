//! The service directory (`networks/<id>/services.yaml`) on fixture networks
//! (tests/fixtures/services/, overlaid on the base fixture): its pages, the
//! overdue-verification rule, and one located diagnostic with help per mistake.

use crate::helpers::{copy_tree, fixtures, Project};
use serde_json::Value;

const ALPHA: &str = "networks/alpha/services.yaml";

fn project() -> Project {
    let p = Project::base();
    copy_tree(&fixtures().join("services"), &p.content());
    p
}

fn diagnostics(p: &Project) -> Vec<Value> {
    let out = p.run(&["check", "--format", "json"]);
    let report: Value = serde_json::from_str(&out.stdout).expect("JSON report");
    report["diagnostics"].as_array().unwrap().clone()
}

/// Whether `html` (minified: quotes only where needed) has `name="value"` on some element.
fn has_attr(html: &str, name: &str, value: &str) -> bool {
    html.contains(&format!("{name}=\"{value}\""))
        || [" ", ">"]
            .iter()
            .any(|end| html.contains(&format!("{name}={value}{end}")))
}

/// The fixture's alpha directory with `from` replaced by `to` (which must be there).
fn alpha_with(from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(fixtures().join("services").join(ALPHA)).unwrap();
    assert!(text.contains(from), "fixture lacks {from:?}");
    text.replacen(from, to, 1)
}

#[test]
fn a_directory_builds_its_network_page_the_national_index_and_the_on_call_link() {
    let p = project();
    p.run(&["build"]).assert_code(0);
    let page = p.read("public/alpha/services/index.html");
    // Grouped by hospital and by service, each group an anchor the filter links to.
    for anchor in [
        "hospital-alpha-hub",
        "hospital-alpha-district",
        "service-mri",
        "service-spinal-on-call",
    ] {
        assert!(has_attr(&page, "id", anchor), "no section {anchor}");
        assert!(
            has_attr(&page, "href", &format!("#{anchor}")),
            "no filter link to {anchor}"
        );
    }
    assert!(
        has_attr(&page, "href", "tel:+442000000001"),
        "phone is not a tel: link"
    );
    assert!(page.contains("mailto:mri.bookings@example.org"));
    assert!(page.contains("08:00–20:00 weekdays"));
    // The network page puts the on-call number one tap away.
    let network = p.read("public/alpha/index.html");
    let on_call = network
        .find("Spinal on-call")
        .expect("on-call section on the network page");
    let tel = network
        .find("href=tel:+442000000001")
        .expect("on-call tel: link");
    assert!(tel > on_call && tel < network.find("profile-heading").unwrap());
    assert!(network.contains("/alpha/services/"));
    // The national index answers "who has 24/7 MRI?" per network and hospital.
    let index = p.read("public/services/index.html");
    assert!(index.contains("Who has 24/7 MRI?"));
    let row = |hospital: &str| {
        let at = index
            .find(&format!(">{hospital}, "))
            .unwrap_or_else(|| panic!("no row for {hospital}"));
        index[at..].split("</tr>").next().unwrap().to_owned()
    };
    assert!(row("Alpha Hub Hospital").contains("Yes, 24/7"));
    assert!(row("Alpha District Hospital").contains("No: 08:00–20:00 weekdays"));
    assert!(row("Beta Hub Hospital").contains("Not listed"));
    // A directory marked as examples says so on its page.
    assert!(p
        .read("public/beta/services/index.html")
        .contains("Example placeholders"));
    assert!(!page.contains("Example placeholders"));
}

#[test]
fn a_contact_not_verified_within_six_months_is_flagged_on_the_page_and_by_a_lint() {
    let p = project();
    let diags = diagnostics(&p);
    let overdue: Vec<&Value> = diags
        .iter()
        .filter(|d| d["code"] == "service-verification-overdue")
        .collect();
    // Only the MRI entry verified on 2026-03-01 is more than six months before 2026-11-23.
    assert_eq!(overdue.len(), 1, "{overdue:?}");
    assert_eq!(
        (
            overdue[0]["path"].as_str(),
            overdue[0]["line"].as_u64(),
            overdue[0]["col"].as_u64()
        ),
        (Some(ALPHA), Some(16), Some(19))
    );
    assert_eq!(overdue[0]["severity"], "warning");
    assert!(overdue[0]["help"].as_str().unwrap().contains("verified:"));
    p.run(&["build"]).assert_code(0);
    let page = p.read("public/alpha/services/index.html");
    assert!(page.contains("1 contact has not been verified in the last 6 months"));
    assert!(page.contains("Verification overdue since 1 September 2026"));
    assert_eq!(
        page.matches("service service-overdue").count(),
        2,
        "flagged by hospital and by service"
    );
    assert!(p
        .read("public/services/index.html")
        .contains("Verification overdue"));
}

#[test]
fn the_verification_period_is_set_in_site_yaml() {
    let p = project();
    let site = p.read("content/site.yaml");
    p.write(
        "site.yaml",
        &format!("{site}service_verification_months: 12\n"),
    );
    assert!(!diagnostics(&p)
        .iter()
        .any(|d| d["code"] == "service-verification-overdue"));
    p.run(&["build"]).assert_code(0);
    assert!(!p
        .read("public/alpha/services/index.html")
        .contains("Verification overdue"));
    // Two months makes the contacts verified before 2026-09-23 overdue: March and 1 September.
    p.write(
        "site.yaml",
        &format!("{site}service_verification_months: 2\n"),
    );
    let lines: Vec<u64> = diagnostics(&p)
        .iter()
        .filter(|d| d["code"] == "service-verification-overdue")
        .map(|d| d["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [16, 25]);
}

/// Each mistake gives exactly one error, at its line and column, with this help.
#[test]
fn each_mistake_gives_one_located_diagnostic_with_help() {
    let cases: &[(&str, &str, &str, usize, usize, &str)] = &[
        (
            "kind: mri\n        hours: 24/7",
            "kind: mr\n        hours: 24/7",
            "unknown-service-kind",
            13,
            15,
            "did you mean `mri`?",
        ),
        (
            "kind: spinal-on-call",
            "kind: scanner",
            "unknown-service-kind",
            7,
            15,
            "spinal-on-call, mri",
        ),
        (
            "phone: 020 0000 0001",
            "phone: 020 0000 01",
            "invalid-phone",
            9,
            16,
            "020 0000 0000",
        ),
        (
            "hours: 08:00–20:00 weekdays",
            "hours: 8am to 8pm",
            "invalid-hours",
            23,
            16,
            "08:00–20:00 weekdays",
        ),
        (
            "hours: 08:00–20:00 weekdays",
            "hours: 20:00–08:00 weekdays",
            "invalid-hours",
            23,
            16,
            "24/7",
        ),
        (
            "        verified: 2026-10-01\n",
            "",
            "missing-field",
            7,
            9,
            "verified: YYYY-MM-DD",
        ),
        (
            "        owner: Imaging lead\n  - id",
            "  - id",
            "missing-field",
            13,
            9,
            "owner:",
        ),
        (
            "verified: 2026-09-01",
            "verified: 2026-02-30",
            "invalid-date",
            25,
            19,
            "YYYY-MM-DD",
        ),
        (
            "name: Alpha District Hospital",
            "name: Alpha Distric Hospital",
            "unknown-hospital",
            19,
            11,
            "did you mean `Alpha District Hospital`?",
        ),
        (
            "name: Alpha District Hospital",
            "name: Gamma General",
            "unknown-hospital",
            19,
            11,
            "network.yaml",
        ),
        (
            "        email: mri.bookings@example.org\n",
            "",
            "service-no-contact",
            22,
            15,
            "phone:",
        ),
        (
            "phone: 020 0000 0002",
            "phon: 020 0000 0002",
            "unknown-field",
            15,
            9,
            "did you mean `phone`?",
        ),
    ];
    let mut reports = String::new();
    for (from, to, code, line, col, help) in cases {
        let p = project();
        p.write(ALPHA, &alpha_with(from, to));
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
            (*code, ALPHA, *line as u64, *col as u64),
            "{from:?} → {to:?}: {d:#}"
        );
        assert!(
            d["help"].as_str().unwrap().contains(help),
            "{code}: help {:?}",
            d["help"]
        );
        // The human report shows the line with a caret, and a build writes nothing.
        let human = p.run(&["check"]);
        human.assert_code(1);
        reports.push_str(&format!(
            "## {ALPHA}: {from:?} → {to:?}\n{}\n",
            p.transcript(&["check"], &human)
        ));
        assert!(
            human
                .stderr
                .contains(&format!("{ALPHA}:{line}:{col}: error[{code}]")),
            "{}",
            human.stderr
        );
        let build = p.run(&["build"]);
        build.assert_code(1);
        assert!(!p.path("public").exists());
    }
    // Every report in full, as a user reads it.
    crate::helpers::assert_expected("diagnostics/services-mistakes.txt", &reports);
}

#[test]
fn a_hospital_listed_twice_is_one_error() {
    // Two entries with one id are one mistake.
    let p = project();
    p.write(ALPHA, &alpha_with("id: alpha-district", "id: alpha-hub"));
    let errors: Vec<Value> = diagnostics(&p)
        .into_iter()
        .filter(|d| d["severity"] == "error")
        .collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0]["code"], "duplicate-id");
    assert_eq!(errors[0]["line"], 18);
}

#[test]
fn the_coverage_dashboard_counts_each_network_s_contacts_and_those_overdue() {
    let p = project();
    p.run(&["build"]).assert_code(0);
    let json: Value = serde_json::from_str(&p.read("public/coverage.json")).unwrap();
    let row = |id: &str| {
        json["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["network"] == id)
            .unwrap()["contacts"]
            .clone()
    };
    assert_eq!(row("alpha")["total"], 3);
    assert_eq!(row("alpha")["overdue"], 1);
    assert_eq!(row("beta")["overdue"], 0);
    let page = p.read("public/coverage/index.html");
    assert!(page.contains("Service directories and generic indicators"));
    assert!(page.contains("1 overdue"));
}
