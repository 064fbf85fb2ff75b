//! Variation across networks: the variation page of a national document with three
//! adaptations (one identical, one changing a table cell's time standard and a callout, one
//! adding a section), the index, the catalog's changed-word shares, the links to the page, the
//! network switcher and the `adaptation-weakens-standard` lint.

use crate::helpers::{assert_expected, copy_tree, fixtures, main_of, Project};

fn built() -> Project {
    let p = Project {
        dir: tempfile::tempdir().unwrap(),
    };
    copy_tree(&fixtures().join("variation"), &p.content());
    p.run(&["build", "--content", "content", "--out", "public"])
        .assert_code(0);
    p
}

#[test]
fn the_variation_page_shows_each_adaptation_section_by_section() {
    let p = built();
    let page = p.read("public/national/ces/variation/index.html");
    assert_expected("pages/variation-ces.html", main_of(&page));
    let main = main_of(&page);
    // The identical adaptation changes nothing; the others are shown where they differ.
    assert!(main.contains(
        "Unchanged in: Alpha Spinal Network, Beta Spinal Network, Gamma Spinal Network."
    ));
    assert!(main.contains("<td>Within <del><span class=vh>deleted: </span>4</del><ins><span class=vh>inserted: </span>6</ins> hours</td>"), "{main}");
    assert!(
        main.contains("bladder <ins><span class=vh>inserted: </span>or bowel</ins> control"),
        "{main}"
    );
    assert!(main.contains("Who to call"));
    assert!(
        main.contains("<a href=/delta/>Delta Spinal Network</a>"),
        "a network without an adaptation follows the national document"
    );
    // The time standard that differs is in the summary table, marked as longer.
    assert!(
        main.contains(
            "<td>4 hours</td><td>6 hours <strong class=\"tag tag-longer\">longer</strong>"
        ),
        "{main}"
    );
}

#[test]
fn the_index_catalog_and_links_show_the_share_of_changed_words() {
    let p = built();
    let index = p.read("public/variation/index.html");
    assert!(index.contains("role=img"), "{index}");
    assert!(index.contains("<title id=chart-title>"));
    assert!(index.contains("Alpha Spinal Network</a>: 0.0%"), "{index}");
    assert!(p.path("public/variation/by-title/index.html").exists());
    let catalog: serde_json::Value = serde_json::from_str(&p.read("public/catalog.json")).unwrap();
    let share = |id: &str| {
        catalog["documents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["id"] == id)
            .unwrap()["changed_word_share"]
            .clone()
    };
    assert_eq!(share("alpha/ces"), serde_json::json!(0.0));
    assert!(share("beta/ces").as_f64().unwrap() > 0.0);
    assert!(share("gamma/ces").as_f64().unwrap() > share("beta/ces").as_f64().unwrap());
    assert!(share("national/ces").is_null());
    // Both the national page's adaptations box and an adaptation link to the variation page.
    for page in ["national/ces", "beta/ces"] {
        let html = p.read(&format!("public/{page}/index.html"));
        assert!(html.contains("href=/national/ces/variation/>"), "{page}");
    }
    // On a phone the box folds to one line that says how many networks adapt it.
    let national = p.read("public/national/ces/index.html");
    assert!(
        national.contains("<summary>Adapted locally by 3 networks</summary>"),
        "{national}"
    );
}

#[test]
fn the_network_switcher_goes_to_the_same_document() {
    let p = built();
    let html = p.read("public/beta/ces/index.html");
    let switcher = &html[html.find("class=switcher").unwrap()..];
    assert!(
        switcher.contains("href=/alpha/ces/>Alpha Spinal Network"),
        "{switcher}"
    );
    assert!(
        switcher.contains("href=/national/ces/>Delta Spinal Network"),
        "{switcher}"
    );
}

#[test]
fn a_longer_time_standard_in_an_adaptation_is_a_warning_at_its_section() {
    let p = built();
    let run = p.run(&["check", "--content", "content"]);
    run.assert_code(0);
    assert!(
        run.stderr.contains("networks/beta/pathways/ces.md:24:1: warning[adaptation-weakens-standard]: this adaptation allows 6 hours where `national/ces` says 4 hours (in section “Times”)"),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.stderr
            .matches("warning[adaptation-weakens-standard]")
            .count(),
        1
    );
}
