//! `service:` links in documents: the page shows the service directory's current contact
//! (tests/fixtures/services/ overlaid on the base fixture), an overdue contact says so, and an
//! unknown id is one located error with a did-you-mean.

use crate::helpers::{copy_tree, fixtures, main_of, Project};
use serde_json::Value;

const DOC: &str = "networks/alpha/pathways/who-to-call.md";

fn project(body: &str) -> Project {
    let p = Project::base();
    copy_tree(&fixtures().join("services"), &p.content());
    p.write(
        DOC,
        &format!(
            "---\ntitle: Who to call\nkind: sop\nsummary: Alpha's contacts.\nversion: \"1.0\"\n\
             status: approved\napproved: 2026-05-01\napproved_by: Alpha Network Board\n\
             review: 2027-05-01\nowner: Alpha clinical lead\naudience: clinicians\n---\n\n\
             ## Who to call\n\n{body}\n"
        ),
    );
    p
}

fn diagnostics(p: &Project) -> Vec<Value> {
    let out = p.run(&["check", "--format", "json"]);
    let report: Value = serde_json::from_str(&out.stdout).expect("JSON report");
    report["diagnostics"].as_array().unwrap().clone()
}

#[test]
fn a_service_link_shows_the_current_contact_from_the_directory() {
    let p = project(
        "- [](service:alpha-hub/spinal-on-call)\n\
         - Out of hours, [the scanner at the hub](service:alpha/alpha-hub/mri).\n",
    );
    p.run(&["build"]).assert_code(0);
    let html = p.read("public/alpha/who-to-call/index.html");
    let main = main_of(&html);
    // The on-call contact: name, tel: link, route, hours and when it was checked.
    assert!(
        main.contains("Alpha Hub Hospital: spinal on-call"),
        "{main}"
    );
    assert!(
        main.contains("href=\"tel:+442000000001\">020 0000 0001</a>"),
        "{main}"
    );
    assert!(main.contains("Switchboard, then the spinal registrar"));
    assert!(main.contains("24/7"));
    assert!(main.contains("1 October 2026"));
    // It links to its entry in the directory.
    assert!(main.contains("/alpha/services/#alpha-hub-spinal-on-call"));
    // The MRI contact was verified on 1 March 2026, more than 6 months before "today".
    let mri = &main[main
        .find(">the scanner at the hub</a>")
        .expect("label kept")..];
    assert!(mri.contains("overdue for verification"), "{mri}");
    assert!(mri.contains("1 March 2026"));
    assert!(
        !main.contains("service:"),
        "the service: address is not published"
    );
    // Search indexes the contact with the document.
    let records = std::fs::read_dir(p.path("public/search/d")).unwrap();
    let record = records
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .find(|r| r.contains("Who to call"))
        .expect("a search record of the document");
    assert!(record.contains("020 0000 0001"), "{record}");
}

#[test]
fn a_changed_number_is_edited_once_in_services_yaml() {
    let p = project("Call [the on-call registrar](service:alpha-hub/spinal-on-call).");
    p.run(&["build"]).assert_code(0);
    let path = "networks/alpha/services.yaml";
    let text = std::fs::read_to_string(p.content().join(path)).unwrap();
    p.write(path, &text.replacen("020 0000 0001", "020 0000 0009", 1));
    p.run(&["build"]).assert_code(0);
    let html = p.read("public/alpha/who-to-call/index.html");
    assert!(html.contains("020 0000 0009"));
    assert!(!html.contains("020 0000 0001"));
}

#[test]
fn an_unknown_service_is_one_error_at_the_link_with_a_suggestion() {
    let p = project("Call [the hub](service:alpha-hub/spinal-oncall) now.");
    let diags = diagnostics(&p);
    let errors: Vec<&Value> = diags.iter().filter(|d| d["severity"] == "error").collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    let d = errors[0];
    assert_eq!(d["code"], "unknown-service");
    assert_eq!(d["path"], DOC);
    assert_eq!(d["line"], 16);
    assert_eq!(d["col"], 6);
    assert_eq!(
        d["help"],
        "did you mean `service:alpha-hub/spinal-on-call`?"
    );
    let out = p.run(&["build"]);
    out.assert_code(1);
}

#[test]
fn a_national_document_names_the_network() {
    let p = project("");
    p.write(
        "national/pathways/contacts.md",
        "---\ntitle: Contacts\nkind: sop\nsummary: Who to call.\nversion: \"1.0\"\n\
         status: approved\napproved: 2026-05-01\napproved_by: Board\nreview: 2027-05-01\n\
         owner: Lead\naudience: clinicians\n---\n\n\
         [Alpha on-call](service:alpha-hub/spinal-on-call) or\n\
         [Alpha on-call](service:alpha/alpha-hub/spinal-on-call).\n",
    );
    let diags = diagnostics(&p);
    let errors: Vec<&Value> = diags
        .iter()
        .filter(|d| d["code"] == "unknown-service")
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["line"], 14);
    assert!(errors[0]["help"]
        .as_str()
        .unwrap()
        .contains("`service:<network>/alpha-hub/spinal-on-call`"));
}
