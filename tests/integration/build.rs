//! Building the base fixture: pages, links, catalog, drafts, per-network sites, determinism,
//! sanitising and the output folder's safety.

use crate::helpers::{assert_expected, main_of, snapshot, Project};

fn built() -> Project {
    let p = Project::base();
    let run = p.run(&["build"]);
    run.assert_code(0);
    // Not a terminal: no progress bar in logs.
    assert!(!run.stderr.contains("phases"), "{}", run.stderr);
    p
}

#[test]
fn builds_every_page_of_the_contract() {
    let p = built();
    for page in [
        "public/index.html",
        "public/404.html",
        "public/alpha/index.html",
        "public/beta/index.html",
        "public/national/index.html",
        "public/national/ces/index.html",
        "public/national/back-pain/index.html",
        "public/alpha/ces-local/index.html",
        "public/beta/repatriation/index.html",
        "public/beta/old-transfer/index.html",
        "public/catalog.json",
        "public/sitemap.xml",
        "public/feed.xml",
        "public/theme/style.css",
        "public/theme/highlight.css",
        "public/assets/form.txt",
    ] {
        assert!(p.path(page).is_file(), "{page} missing");
    }
}

/// Every address in the sitemap is a published page, and the pages people look for besides
/// documents are among them.
#[test]
fn the_sitemap_lists_published_pages_only() {
    let p = built();
    let sitemap = p.read("public/sitemap.xml");
    let locs: Vec<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .filter_map(|s| s.split("</loc>").next())
        .collect();
    assert!(locs.len() > 5, "{sitemap}");
    for loc in &locs {
        let path = loc
            .strip_prefix("https://test.example.org/")
            .unwrap_or_else(|| panic!("{loc} is not on the site"));
        let file = format!("public/{path}index.html");
        assert!(
            p.path(&file).is_file(),
            "{loc} is in the sitemap but {file} was not built"
        );
    }
    for page in ["glossary/", "services/"] {
        let loc = format!("https://test.example.org/{page}");
        assert!(locs.contains(&loc.as_str()), "{loc} missing from {sitemap}");
    }
    assert!(
        !sitemap.contains("/print/"),
        "handbooks print the documents' pages"
    );
}

#[test]
fn drafts_and_consultations_are_left_out_of_a_normal_build() {
    let p = built();
    assert!(!p.path("public/alpha/new-sop").exists());
    assert!(!p.path("public/alpha/consultation").exists());
    let network = p.read("public/alpha/index.html");
    assert!(!network.contains("Alpha draft SOP"), "draft listed");
    let catalog = p.read("public/catalog.json");
    assert!(!catalog.contains("alpha/new-sop"));
}

#[test]
fn drafts_flag_includes_them_watermarked() {
    let p = Project::base();
    p.run(&["build", "--drafts"]).assert_code(0);
    let draft = p.read("public/alpha/new-sop/index.html");
    assert!(draft.contains("status-draft"), "no watermark class");
    assert!(
        draft.contains("Draft: not approved for use"),
        "no draft banner"
    );
    assert!(draft.contains("noindex"));
    let consultation = p.read("public/alpha/consultation/index.html");
    assert!(consultation.contains("Out for consultation"));
}

#[test]
fn withdrawn_documents_keep_their_page_but_leave_lists() {
    let p = built();
    let page = p.read("public/beta/old-transfer/index.html");
    assert!(page.contains("Withdrawn: do not use"));
    assert!(!p
        .read("public/beta/index.html")
        .contains("Beta old transfer policy"));
}

#[test]
fn overdue_documents_say_so() {
    let p = built();
    let page = p.read("public/beta/repatriation/index.html");
    assert!(page.contains("Overdue for review"), "no overdue banner");
    assert!(p
        .read("public/beta/index.html")
        .contains("Overdue for review since"));
}

#[test]
fn links_to_documents_are_rewritten_to_page_urls() {
    let p = built();
    let page = p.read("public/alpha/ces-local/index.html");
    assert!(
        page.contains("href=\"/national/ces/#red-flags\""),
        "{}",
        main_of(&page)
    );
    assert!(page.contains("href=\"/national/ces/#steps\""));
    assert!(page.contains("href=\"#escalation\""));
    assert!(
        page.contains("id=\"red-flags\"")
            || p.read("public/national/ces/index.html")
                .contains("id=\"red-flags\"")
    );
    // Asset links point at the copied asset.
    assert!(p
        .read("public/national/back-pain/index.html")
        .contains("href=\"/assets/form.txt\""));
    // The national page lists its adaptation.
    assert!(p
        .read("public/national/ces/index.html")
        .contains("Alpha CES pathway"));
}

#[test]
fn base_url_path_prefixes_every_internal_link() {
    let p = Project::base();
    p.run(&["build", "--base-url", "https://host.example/spinal/"])
        .assert_code(0);
    let page = p.read("public/alpha/ces-local/index.html");
    assert!(page.contains("href=\"/spinal/national/ces/#red-flags\""));
    assert!(page.contains("href=\"/spinal/theme/style.css\""));
    assert!(!page.contains("href=/national/") && !page.contains("href=\"/national/"));
    assert!(p
        .read("public/catalog.json")
        .contains("https://host.example/spinal/alpha/ces-local/"));
}

#[test]
fn catalog_lists_every_published_document() {
    let p = built();
    let catalog: serde_json::Value = serde_json::from_str(&p.read("public/catalog.json")).unwrap();
    let docs = catalog["documents"].as_array().unwrap();
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "alpha/ces-local",
            "beta/old-transfer",
            "beta/repatriation",
            "national/back-pain",
            "national/ces"
        ]
    );
    let local = &docs[0];
    assert_eq!(local["network"], "alpha");
    assert_eq!(local["kind"], "pathway");
    assert_eq!(local["title"], "Alpha CES pathway");
    assert_eq!(local["version"], "2.0");
    assert_eq!(local["status"], "approved");
    assert_eq!(local["approved"], "2026-05-01");
    assert_eq!(local["review"], "2027-05-01");
    assert_eq!(local["audience"], "clinicians");
    assert_eq!(
        local["conditions"],
        serde_json::json!(["cauda-equina-syndrome"])
    );
    assert_eq!(local["adapts"], "national/ces");
    assert_eq!(local["url"], "https://test.example.org/alpha/ces-local/");
    assert_eq!(local["past_versions"], serde_json::json!([]));
    assert_eq!(
        docs[3]["audience"], "patients",
        "leaflets default to patients"
    );
    assert_eq!(
        docs[4]["adapted_by"],
        serde_json::json!(["alpha/ces-local"])
    );
}

#[test]
fn network_flag_builds_a_standalone_site() {
    let p = Project::base();
    p.run(&["build", "--network", "alpha"]).assert_code(0);
    assert!(p.path("public/alpha/ces-local/index.html").is_file());
    assert!(p.path("public/national/ces/index.html").is_file());
    assert!(!p.path("public/beta").exists());
    let catalog = p.read("public/catalog.json");
    assert!(!catalog.contains("beta/"));
    assert!(!p.read("public/index.html").contains("Beta Spinal Network"));
    let unknown = p.run(&["build", "--network", "nope"]);
    unknown.assert_code(2);
    assert!(unknown.stderr.contains("no network `nope`"));
}

#[test]
fn two_builds_give_identical_bytes() {
    let p = Project::base();
    p.run(&["build", "--drafts", "--out", "one"]).assert_code(0);
    p.run(&["build", "--drafts", "--out", "two"]).assert_code(0);
    let (one, two) = (snapshot(&p.path("one")), snapshot(&p.path("two")));
    assert!(one.len() > 10);
    assert_eq!(one, two);
}

#[test]
fn author_html_and_urls_are_sanitised() {
    let p = Project::base();
    p.write(
        "national/unsafe.md",
        "---\ntitle: Unsafe\nkind: sop\nsummary: S\nversion: \"1.0\"\nstatus: approved\napproved: 2026-01-01\napproved_by: G\nreview: 2027-01-01\nowner: O\n---\n\n\
<script>alert(1)</script>\n\n<p onclick=\"steal()\" onmouseover=\"x()\">Hover</p>\n\n\
<a href=\"javascript:alert(1)\">raw link</a> <img src=\"../assets/form.txt\" onerror=\"alert(2)\">\n\n\
[md link](javascript:alert(3)) [data](data:text/html,<script>alert(4)</script>) [vb](vbscript:msgbox)\n\n\
<iframe src=\"https://evil.example\"></iframe><style>body{display:none}</style>\n",
    );
    let run = p.run(&["build"]);
    run.assert_code(0);
    // The author is told what was removed.
    for removed in [
        "<script>",
        "the onclick attribute",
        "the onerror attribute",
        "<iframe>",
    ] {
        assert!(
            run.stderr
                .contains(&format!("warning[html-removed]: {removed} is not allowed")),
            "{removed}: {}",
            run.stderr
        );
    }
    let page = p.read("public/national/unsafe/index.html");
    let body = main_of(&page).to_ascii_lowercase();
    for bad in [
        "<script",
        "onclick",
        "onmouseover",
        "onerror",
        "javascript:",
        "vbscript:",
        "data:text/html",
        "<iframe",
        "<style",
    ] {
        assert!(!body.contains(bad), "`{bad}` survived:\n{body}");
    }
    assert!(body.contains("hover"), "text content kept");
}

#[test]
fn code_is_highlighted_and_pre_survives_minification() {
    let p = built();
    let page = p.read("public/national/ces/index.html");
    assert!(
        page.contains("<pre class=\"code\"><code class=\"language-yaml\">"),
        "{}",
        main_of(&page)
    );
    assert!(page.contains("hl-"));
    assert!(p.read("public/theme/highlight.css").contains(".hl-"));
}

#[test]
fn document_page_shape() {
    let p = built();
    assert_expected(
        "pages/national-ces.html",
        main_of(&p.read("public/national/ces/index.html")),
    );
}

#[test]
fn a_folder_not_written_by_pathways_is_never_replaced() {
    let p = Project::base();
    std::fs::create_dir_all(p.path("public")).unwrap();
    std::fs::write(p.path("public/thesis.docx"), "precious").unwrap();
    let run = p.run(&["build"]);
    run.assert_code(2);
    assert!(run.stderr.contains("was not written by pathways"));
    assert_eq!(p.read("public/thesis.docx"), "precious");
}

#[test]
fn new_writes_a_skeleton_that_checks_and_refuses_to_overwrite() {
    let p = Project::base();
    let run = p.run(&["new", "leaflet", "lumbar-discectomy", "--network", "alpha"]);
    run.assert_code(0);
    assert!(run.stdout.contains("leaflets/lumbar-discectomy.md"));
    let text = std::fs::read_to_string(
        p.content()
            .join("networks/alpha/leaflets/lumbar-discectomy.md"),
    )
    .unwrap();
    assert!(text.contains("## When to get help urgently"));
    p.run(&["check"]).assert_code(0);
    p.run(&["new", "leaflet", "lumbar-discectomy", "--network", "alpha"])
        .assert_code(2);
    p.run(&["new", "pathway", "x", "--network", "nope"])
        .assert_code(2);
    p.run(&["new", "pathway", "Bad Name", "--network", "national"])
        .assert_code(2);
}

#[test]
fn missing_content_folder_is_a_usage_error() {
    let p = Project::base();
    let run = p.run(&["build", "--content", "nowhere"]);
    run.assert_code(2);
    assert!(run.stderr.contains("no content folder"));
}

#[test]
fn a_site_can_override_a_template_and_extend_the_default() {
    let p = Project::base();
    p.write(
        "theme/templates/document.html",
        "{% extends \"default/document.html\" %}{% block footer %}<p>Local footer for {{ page.title }}</p>{{ super() }}{% endblock footer %}",
    );
    p.write("theme/static/extra.css", "body { color: black; }");
    p.run(&["build"]).assert_code(0);
    let page = p.read("public/national/ces/index.html");
    assert!(
        page.contains("Local footer for National CES pathway"),
        "override not used"
    );
    assert!(page.contains("Version 1.0"), "default blocks kept");
    assert!(
        !p.read("public/index.html").contains("Local footer"),
        "other templates untouched"
    );
    assert!(p.path("public/theme/extra.css").is_file());
}

/// Pages are written into a staging folder as they are rendered: a failure half way through
/// (here a template that breaks on document pages only) must leave the previous site as it
/// was and no staging folder behind.
#[test]
fn a_build_failing_while_writing_leaves_the_previous_site_untouched() {
    let p = Project::base();
    p.run(&["build"]).assert_code(0);
    let before = snapshot(&p.path("public"));
    p.write(
        "theme/templates/document.html",
        "{% extends \"default/document.html\" %}{% block footer %}{{ page.title | round }}{% endblock footer %}",
    );
    let run = p.run(&["build"]);
    run.assert_code(1);
    // Pages are made in parallel and the first failure stops the build: a document page, or a
    // large-print page, whose template extends document.html and breaks with it.
    assert!(
        run.stderr.contains("cannot render template document.html")
            || run
                .stderr
                .contains("cannot render template large_print.html"),
        "{}",
        run.stderr
    );
    assert!(
        before == snapshot(&p.path("public")),
        "previous site changed"
    );
    let names: Vec<String> = std::fs::read_dir(p.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "only content and public remain: {names:?}");
}
