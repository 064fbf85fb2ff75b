//! The default theme's pages on the base fixture: a network view (profile, switcher, review
//! status in words, national documents beside local adaptations), network context on document
//! pages, the leaflet layout, the print footer and the home page. Browser checks (axe, keyboard,
//! HTML validity, print) live in tests/e2e.

use crate::helpers::{main_of, Project};

fn built(args: &[&str]) -> Project {
    let p = Project::base();
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    p.run(&all).assert_code(0);
    p
}

/// The `href`s of the breadcrumb trail of a page.
fn crumbs(page: &str) -> Vec<String> {
    let start = page.find("aria-label=\"Breadcrumb\"").expect("breadcrumbs");
    let nav = &page[start..start + page[start..].find("</nav>").unwrap()];
    nav.split("href=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_owned())
        .collect()
}

#[test]
fn a_network_view_has_its_profile_switcher_review_status_and_adaptations() {
    let p = built(&[]);
    let alpha = p.read("public/alpha/index.html");
    let main = main_of(&alpha);
    for fact in [
        "Alpha Hub Hospital",
        "Spinal on-call via switchboard",
        "Alpha District Hospital",
        "Alpha ICB",
        "href=mailto:alpha@example.org",
    ] {
        assert!(main.contains(fact), "profile lacks {fact}");
    }
    // The switcher is a disclosure of plain links: it works without JavaScript.
    assert!(alpha.contains("<details class=switcher><summary>Change network</summary>"));
    assert!(alpha.contains("<a aria-current=true href=/alpha/>Alpha Spinal Network</a>"));
    assert!(alpha.contains("<a href=/beta/>Beta Spinal Network</a>"));
    // The national CES pathway sits beside Alpha's adaptation of it.
    let row_start = main
        .find("<li class=\"national-row\">")
        .expect("national rows");
    let row = &main[row_start..row_start + main[row_start..].find("</li>").unwrap()];
    assert!(
        row.contains("National CES pathway") && row.contains("Alpha CES pathway"),
        "{row}"
    );
    assert!(main.contains("The national document applies as it is."));

    let beta = p.read("public/beta/index.html");
    assert!(
        beta.contains("<strong>1</strong> overdue for review"),
        "{}",
        main_of(&beta)
    );
    assert!(beta.contains("Overdue for review since 1 January 2026"));
}

#[test]
fn document_pages_keep_their_network_context() {
    let p = built(&[]);
    let page = p.read("public/alpha/ces-local/index.html");
    assert!(page.contains("<span class=network-bar-label>Spinal network:</span> <a href=/alpha/>Alpha Spinal Network</a>"));
    assert_eq!(crumbs(&page), ["/", "/alpha/", "/alpha/#kind-pathway"]);
    assert!(
        p.read("public/alpha/index.html")
            .contains("id=kind-pathway"),
        "crumb target missing"
    );
    assert!(page
        .contains("This is the local adaptation for Alpha Spinal Network of the national pathway"));
    // National documents belong to every network: no network bar.
    assert!(!p
        .read("public/national/ces/index.html")
        .contains("network-bar"));
}

#[test]
fn a_leaflet_has_plain_chrome() {
    let p = built(&[]);
    let page = p.read("public/national/back-pain/index.html");
    let main = main_of(&page);
    assert!(page.contains("class=\"doc kind-leaflet status-approved leaflet\""));
    assert!(
        !main.contains("control-box") && !main.contains("Approved by"),
        "clinician jargon"
    );
    assert!(main.contains("Last reviewed") && main.contains("Next review due"));
    assert_eq!(crumbs(&page), ["/", "/#for-patients"]);
    assert!(p.read("public/index.html").contains("id=for-patients"));
}

#[test]
fn every_document_prints_its_title_version_review_date_and_address() {
    let p = built(&[]);
    let page = p.read("public/national/ces/index.html");
    assert!(page.contains(
        "<style media=\"print\">@page{@bottom-left{content:\"National CES pathway · Version 1.0 · Review due 10 June 2027\\A https://test.example.org/national/ces/\";}"
    ));
    assert!(
        page.contains("<link rel=\"stylesheet\" href=\"/theme/highlight.css\">"),
        "code needs the highlighting CSS"
    );
    let plain = p.read("public/alpha/ces-local/index.html");
    assert!(
        !plain.contains("highlight.css"),
        "no code, no highlighting CSS"
    );
}

#[test]
fn drafts_are_watermarked_and_keep_a_banners_block() {
    let p = Project::base();
    p.write(
        "theme/templates/document.html",
        "{% extends \"default/document.html\" %}{% block banners %}<div class=\"banner banner-superseded\" role=\"note\">Superseded</div>{{ super() }}{% endblock banners %}",
    );
    p.run(&["build", "--drafts"]).assert_code(0);
    let draft = p.read("public/alpha/new-sop/index.html");
    assert!(draft.contains("<div aria-hidden=true class=watermark>draft</div>"));
    assert!(draft.contains("banner-superseded") && draft.contains("Draft: not approved for use"));
    assert!(
        draft.contains("Alpha draft SOP · Version 0.1 · DRAFT\\A "),
        "the print footer says DRAFT"
    );
}

#[test]
fn the_home_page_groups_networks_by_region_and_leaflets_by_condition() {
    let p = built(&[]);
    let home = p.read("public/index.html");
    let main = main_of(&home);
    assert!(main.contains("<form class=\"search-form big-search\" action=/search/ role=search>"));
    assert!(main.contains("name=q"));
    let north_west = main.find("<h3>North West</h3>").expect("North West region");
    let south_west = main.find("<h3>South West</h3>").expect("South West region");
    assert!(
        north_west < south_west,
        "regions in the specification's order"
    );
    assert!(main.contains("<h3 id=condition-radicular-pain>Radicular pain</h3>"));
    assert!(main[main.find("id=for-patients").unwrap()..].contains("Back pain and sciatica"));
}

#[test]
fn a_single_network_site_has_no_switcher() {
    let p = built(&["--network", "alpha"]);
    let page = p.read("public/alpha/index.html");
    assert!(page.contains("Alpha Spinal Network"));
    assert!(!page.contains("Change network"));
}

#[test]
fn status_wins_over_review_and_approval_dates() {
    let p = built(&["--drafts"]);
    // A withdrawn document past its review date is withdrawn, not overdue.
    let withdrawn = main_of(&p.read("public/beta/old-transfer/index.html")).to_owned();
    assert!(withdrawn.contains("Withdrawn: do not use"), "{withdrawn}");
    assert!(!withdrawn.contains("Overdue"), "{withdrawn}");
    let beta = main_of(&p.read("public/beta/index.html")).to_owned();
    assert!(
        !beta.contains("Overdue for review since 1 January 2025"),
        "{beta}"
    );
    // A document out for consultation shows no approval date beside "not approved for use".
    let consultation = main_of(&p.read("public/alpha/consultation/index.html")).to_owned();
    assert!(
        consultation.contains("not approved for use"),
        "{consultation}"
    );
    assert!(!consultation.contains("1 October 2026"), "{consultation}");
    assert!(!consultation.contains("Approved by"), "{consultation}");
}

#[test]
fn pages_name_their_icon_and_feed_and_the_footer_lists_networks_by_name() {
    let p = built(&[]);
    let home = p.read("public/index.html");
    assert!(
        home.contains("<link rel=\"icon\" href=\"/theme/favicon.svg\" type=\"image/svg+xml\">"),
        "{home}"
    );
    assert!(p.read("public/theme/favicon.svg").starts_with("<svg"));
    assert!(
        home.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Test Spinal Networks: newly approved documents\" href=\"/feed.xml\">"),
        "{home}"
    );
    // Networks are listed by name, whatever their ids: rename alpha to sort last.
    let p = Project::base();
    let profile = p.content().join("networks/alpha/network.yaml");
    let text = std::fs::read_to_string(&profile).unwrap();
    std::fs::write(
        &profile,
        text.replace("name: Alpha Spinal Network", "name: Zeta Spinal Network"),
    )
    .unwrap();
    p.run(&["build"]).assert_code(0);
    let home = p.read("public/index.html");
    let footer = &home[home.find("footer-networks").unwrap()..];
    assert!(
        footer.find("Beta Spinal Network").unwrap() < footer.find("Zeta Spinal Network").unwrap()
    );
}

#[test]
fn a_standalone_network_site_opens_on_its_network() {
    let p = built(&["--network", "alpha"]);
    let home = main_of(&p.read("public/index.html")).to_owned();
    assert!(home.contains("only-network-heading"), "{home}");
    assert!(!home.contains("Find your network"), "{home}");
    assert!(home.find("Alpha Spinal Network").unwrap() < home.find("National documents").unwrap());
}

#[test]
fn a_network_handbook_prints_its_documents_in_force_and_the_national_ones_it_has_not_adapted() {
    let p = built(&["--drafts"]);
    let page = p.read("public/alpha/print/index.html");
    let main = main_of(&page);
    // Alpha's CES adaptation replaces the national CES pathway; its draft and its document
    // out for consultation are not in force.
    assert!(main.contains("Alpha CES pathway"), "{main}");
    assert!(!main.contains(">National CES pathway<"), "{main}");
    assert!(main.contains("Back pain and sciatica"), "{main}");
    assert!(
        !main.contains("Alpha transfer policy under consultation"),
        "{main}"
    );
    // Ids are made unique per document, and headings sit under each document's title.
    assert!(main.contains("<h3 id=\"d1-"), "{main}");
    assert!(main.contains("<article class=\"handbook-doc\""), "{main}");
    assert!(p.read("public/alpha/index.html").contains("/alpha/print/"));
}
