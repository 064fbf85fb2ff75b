//! Translations and Easy Read versions of leaflets: where they are published, `lang`/`dir`
//! and `hreflang`, the staleness rule over a git history that moves the English version,
//! versions that do not exist, unknown language codes, drafts, large print and search.

use crate::helpers::{Project, Run};
use crate::history::{commit, git};

const LEAFLET: &str = "national/leaflets/back-pain.md";

/// The base fixture's back-pain leaflet at a version (approved), with a body that says which.
fn english(version: &str, approved: &str) -> String {
    let changes = if version == "1.0" {
        String::new()
    } else {
        format!("changes: Version {version} says more about exercise.\n")
    };
    format!(
        "---\ntitle: Back pain and sciatica\nkind: leaflet\nsummary: What back pain is and when to get help.\nversion: \"{version}\"\nstatus: approved\napproved: {approved}\napproved_by: National Group\nreview: 2028-02-01\nowner: Patient information lead\nconditions: [radicular-pain]\n{changes}---\n\n## What it is\n\nBack pain is common. Version {version}.\n\n## When to get help urgently\n\nGo to A&E if you cannot pee.\n"
    )
}

/// A translation of `of` with `status`.
fn translation(title: &str, of: &str, status: &str) -> String {
    format!(
        "---\ntitle: {title}\nsummary: Czym jest ból pleców.\ntranslation_of_version: \"{of}\"\nstatus: {status}\napproved: 2026-03-01\ntranslator: Example translation service\nreviewer: Example reviewer\nmachine_assisted: true\n---\n\n## Co to jest\n\nBól kręgosłupa jest częsty.\n"
    )
}

fn urdu(of: &str) -> String {
    format!(
        "---\ntitle: کمر کا درد\nsummary: کمر کا درد کیا ہے۔\ntranslation_of_version: \"{of}\"\nstatus: approved\napproved: 2026-03-01\ntranslator: Example translation service\nreviewer: Example reviewer\n---\n\n## یہ کیا ہے\n\nکمر کا درد عام ہے۔\n"
    )
}

/// The base fixture in a fresh repository whose back-pain leaflet moves from 1.0 to 1.1,
/// with a Polish translation of 1.0 committed between the two.
fn moved_on() -> Project {
    let p = Project::base();
    p.write(LEAFLET, &english("1.0", "2026-02-01"));
    p.write(
        "national/leaflets/back-pain.pl.md",
        &translation("Ból pleców", "1.0", "approved"),
    );
    git(&p, "2026-02-01", &["init", "-q"]);
    commit(&p, "2026-02-01", "Back pain 1.0 and its Polish translation");
    p.write(LEAFLET, &english("1.1", "2026-06-01"));
    commit(&p, "2026-06-01", "Back pain 1.1");
    p
}

fn page(p: &Project, path: &str) -> String {
    p.read(&format!("public/{path}index.html"))
}

fn check_json(p: &Project, args: &[&str]) -> (Run, serde_json::Value) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let run = p.run(&all);
    let json = serde_json::from_str(&run.stdout).expect("check prints JSON");
    (run, json)
}

fn diagnostics<'a>(json: &'a serde_json::Value, code: &str) -> Vec<&'a serde_json::Value> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == code)
        .collect()
}

#[test]
fn a_translation_of_an_older_english_version_says_so_and_check_warns() {
    let p = moved_on();
    let run = p.run(&["build"]);
    run.assert_code(0);
    assert!(
        run.stderr.contains("warning[translation-stale]"),
        "{}",
        run.stderr
    );
    let html = page(&p, "national/back-pain/pl/");
    // In its own language and in English, with links to the current English leaflet and to
    // the comparison of the two English versions.
    assert!(
        html.contains("Istnieje nowsza angielska wersja tej ulotki"),
        "{html}"
    );
    assert!(html.contains("A newer English version of this leaflet exists"));
    assert!(
        html.contains("href=/national/back-pain/ hreflang=en"),
        "{html}"
    );
    assert!(
        html.contains("href=/national/back-pain/compare/v1.0-v1.1/"),
        "{html}"
    );
    assert!(html.contains("href=/national/back-pain/v1.0/"), "{html}");
    assert!(p
        .path("public/national/back-pain/compare/v1.0-v1.1/index.html")
        .exists());
    // The English page marks the Polish version as older.
    assert!(page(&p, "national/back-pain/").contains("(older version)"));

    let (run, json) = check_json(&p, &[]);
    run.assert_code(0);
    let stale = diagnostics(&json, "translation-stale");
    assert_eq!(stale.len(), 1, "{json}");
    assert_eq!(stale[0]["severity"], "warning");
    assert_eq!(stale[0]["path"], "national/leaflets/back-pain.pl.md");
    assert_eq!(
        (stale[0]["line"].as_u64(), stale[0]["col"].as_u64()),
        (Some(4), Some(25))
    );
    assert!(stale[0]["help"]
        .as_str()
        .unwrap()
        .contains("translation_of_version: \"1.1\""));

    let (run, json) = check_json(&p, &["--strict"]);
    run.assert_code(1);
    assert_eq!(
        diagnostics(&json, "translation-stale")[0]["severity"],
        "error"
    );
}

#[test]
fn a_translation_of_the_version_in_force_is_not_stale() {
    let p = moved_on();
    p.write(
        "national/leaflets/back-pain.pl.md",
        &translation("Ból pleców", "1.1", "approved"),
    );
    commit(&p, "2026-07-01", "Polish translation of 1.1");
    let run = p.run(&["build"]);
    run.assert_code(0);
    assert!(!run.stderr.contains("translation-stale"), "{}", run.stderr);
    let html = page(&p, "national/back-pain/pl/");
    assert!(!html.contains("banner-stale"), "{html}");
    assert!(html.contains("Machine-assisted"));
}

#[test]
fn a_translation_of_a_version_the_english_leaflet_never_had_is_an_error() {
    let p = moved_on();
    for (of, why) in [
        ("0.9", "which is not in its version history"),
        ("1.2", "which is newer than the English version in force"),
    ] {
        p.write(
            "national/leaflets/back-pain.pl.md",
            &translation("Ból pleców", of, "approved"),
        );
        let before = std::fs::read_dir(p.path("public")).map(|d| d.count()).ok();
        let run = p.run(&["build"]);
        run.assert_code(1);
        let expected = format!(
            "national/leaflets/back-pain.pl.md:4:25: error[translation-unknown-version]: this Polish version translates version {of} of `national/back-pain`, {why}"
        );
        assert!(run.stderr.contains(&expected), "{}", run.stderr);
        assert!(
            run.stderr
                .contains("help: write the English version that was translated: \"1.0\", \"1.1\""),
            "{}",
            run.stderr
        );
        assert_eq!(
            run.stderr.matches("error[").count(),
            1,
            "one mistake, one diagnostic: {}",
            run.stderr
        );
        // A failed build leaves the previous output as it was.
        assert_eq!(
            std::fs::read_dir(p.path("public")).map(|d| d.count()).ok(),
            before
        );
    }
}

#[test]
fn lang_dir_hreflang_and_the_language_list() {
    let p = Project::base();
    p.write(
        "national/leaflets/back-pain.pl.md",
        &translation("Ból pleców", "1.0", "approved"),
    );
    let card = "\n> [!CAUTION]\n> اگر آپ پیشاب نہیں کر سکتے تو فوراً A&E جائیں۔\n";
    p.write(
        "national/leaflets/back-pain.ur.md",
        &format!("{}{card}", urdu("1.0")),
    );
    p.run(&["build"]).assert_code(0);
    let ur = page(&p, "national/back-pain/ur/");
    // The card's label is English in a right-to-left page: a screen reader is told so.
    assert!(
        ur.contains(
            r#"<p class="callout-title" lang="en" dir="ltr"><strong>Get help now</strong>"#
        ),
        "{ur}"
    );
    assert!(
        ur.starts_with("<!doctype html><html dir=rtl lang=ur>"),
        "{}",
        &ur[..200]
    );
    // The site's own words stay English, marked as such.
    assert!(
        ur.contains("<header class=site-header dir=ltr lang=en-GB>"),
        "{ur}"
    );
    let pl = page(&p, "national/back-pain/pl/");
    assert!(
        pl.starts_with("<!doctype html><html dir=ltr lang=pl>"),
        "{}",
        &pl[..200]
    );
    let en = page(&p, "national/back-pain/");
    assert!(en.starts_with("<!doctype html><html lang=en-GB>"));
    for (lang, path) in [("en", ""), ("pl", "pl/"), ("ur", "ur/"), ("x-default", "")] {
        let link = format!(
            "<link rel=\"alternate\" hreflang=\"{lang}\" href=\"https://test.example.org/national/back-pain/{path}\">"
        );
        assert!(en.contains(&link), "{link} missing from the English page");
        assert!(ur.contains(&link), "{link} missing from the Urdu page");
    }
    for name in [
        "hreflang=pl lang=pl>Polski</a>",
        "hreflang=ur lang=ur>اردو</a>",
    ] {
        assert!(en.contains(name), "{name} missing from the language list");
    }
    assert!(en.contains("href=/national/back-pain/large-print/>Large print</a>"));
    // Translations are pages of their own, not documents: not in lists or the sitemap's
    // document count, and each has its own search index.
    assert!(p.path("public/search/pl/manifest.json").exists());
    assert!(p.path("public/search/ur/manifest.json").exists());
    for entry in std::fs::read_dir(p.path("public/search/d")).unwrap() {
        let record = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        assert!(
            !record.contains("/pl/") && !record.contains("/ur/"),
            "{record}"
        );
    }
    let sitemap = p.read("public/sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://test.example.org/national/back-pain/ur/</loc>"),
        "{sitemap}"
    );
    let pl_record = std::fs::read_to_string(p.path("public/search/pl/d/0.json")).unwrap();
    assert!(
        pl_record.contains("\"u\":\"national/back-pain/pl/\""),
        "{pl_record}"
    );
}

#[test]
fn an_unknown_language_code_names_the_file_and_suggests_one() {
    for (code, help) in [
        (
            "PL",
            "did you mean `pl` (Polish, Polski)? Name the file `back-pain.pl.md`",
        ),
        ("polish", "did you mean `pl` (Polish, Polski)?"),
        (
            "pt-BR",
            "did you mean `pt` (Portuguese, Português)? Name the file `back-pain.pt.md`",
        ),
        (
            "xx",
            "name the file `back-pain.<code>.md` with one of: ar (Arabic), bn (Bengali)",
        ),
    ] {
        let p = Project::base();
        p.write(
            &format!("national/leaflets/back-pain.{code}.md"),
            &translation("Ból pleców", "1.0", "approved"),
        );
        let run = p.run(&["check"]);
        run.assert_code(1);
        let message = format!("national/leaflets/back-pain.{code}.md:1:1: error[unknown-language]: `{code}` in the file name is not a language pathways publishes translations in");
        assert!(run.stderr.contains(&message), "{}", run.stderr);
        assert!(run.stderr.contains(help), "{}", run.stderr);
        assert_eq!(run.stderr.matches("error[").count(), 1, "{}", run.stderr);
    }
}

#[test]
fn a_translation_needs_its_english_leaflet_and_strict_front_matter() {
    let p = Project::base();
    p.write(
        "national/leaflets/neck-pain.pl.md",
        &translation("Ból szyi", "1.0", "approved"),
    );
    p.write(
        "national/pathways/ces.pl.md",
        &translation("Zespół", "1.0", "approved"),
    );
    p.write(
        "national/leaflets/back-pain.ur.md",
        &urdu("1.0").replace("reviewer:", "reviwer:"),
    );
    let (run, json) = check_json(&p, &[]);
    run.assert_code(1);
    let missing = diagnostics(&json, "translation-without-original");
    assert_eq!(missing[0]["path"], "national/leaflets/neck-pain.pl.md");
    assert!(missing[0]["message"]
        .as_str()
        .unwrap()
        .contains("`neck-pain.md`"));
    let not_leaflet = diagnostics(&json, "translation-not-leaflet");
    assert_eq!(not_leaflet[0]["path"], "national/pathways/ces.pl.md");
    p.write("national/leaflets/back-pain.cy.md", "Dim blaen-fater.\n");
    let (run, json) = check_json(&p, &[]);
    run.assert_code(1);
    let front = diagnostics(&json, "missing-front-matter");
    assert_eq!(
        front[0]["path"], "national/leaflets/back-pain.cy.md",
        "{json}"
    );
    assert_eq!(front[0]["line"], 1);
    // An empty front matter is one error, not one per required field.
    p.write("national/leaflets/back-pain.cy.md", "---\n---\n\nDim.\n");
    let (_, json) = check_json(&p, &[]);
    let empty = diagnostics(&json, "empty-front-matter");
    assert_eq!(empty.len(), 1, "{json}");
    assert_eq!(empty[0]["line"], 2);
    let cy = |d: &&serde_json::Value| d["path"] == "national/leaflets/back-pain.cy.md";
    assert!(
        diagnostics(&json, "missing-field").iter().all(|d| !cy(d)),
        "{json}"
    );
    p.write(
        "national/leaflets/back-pain.cy.md",
        "---\ntitle: Poen cefn\nsummary: Beth yw poen cefn.\ntranslation_of_version: \"1.0\"\nstatus: draft\ntranslator: Example\n---\n\nGweler [y llwybr](../pathways/ces.md#red-flag).\n",
    );
    let (_, json) = check_json(&p, &[]);
    let anchor = diagnostics(&json, "broken-anchor");
    assert_eq!(anchor.len(), 1, "{json}");
    assert_eq!(anchor[0]["path"], "national/leaflets/back-pain.cy.md");
    assert!(
        anchor[0]["help"]
            .as_str()
            .unwrap()
            .contains("did you mean `#red-flags`?"),
        "{json}"
    );
    let unknown = diagnostics(&json, "unknown-field");
    assert_eq!(unknown[0]["path"], "national/leaflets/back-pain.ur.md");
    assert!(
        unknown[0]["help"].as_str().unwrap().contains("reviewer"),
        "{json}"
    );
}

#[test]
fn draft_translations_are_published_only_with_drafts() {
    let p = Project::base();
    p.write(
        "national/leaflets/back-pain.pl.md",
        &translation("Ból pleców", "1.0", "draft"),
    );
    p.run(&["build"]).assert_code(0);
    assert!(!p.path("public/national/back-pain/pl").exists());
    assert!(!p.path("public/search/pl").exists());
    let back_pain = page(&p, "national/back-pain/");
    assert!(!back_pain.contains("hreflang=pl") && !back_pain.contains("hreflang=\"pl\""));
    assert!(!p.read("public/sitemap.xml").contains("/pl/"));
    p.run(&["build", "--drafts"]).assert_code(0);
    let html = page(&p, "national/back-pain/pl/");
    assert!(html.contains("class=watermark"), "{html}");
    assert!(
        html.contains("<meta name=\"robots\" content=\"noindex\">"),
        "{html}"
    );
}

#[test]
fn easy_read_pictures_need_alternative_text_and_rows_keep_one_idea_a_line() {
    let p = Project::base();
    let easy = "---\ntitle: Back pain (Easy Read)\nsummary: Help for your back.\ntranslation_of_version: \"1.0\"\nstatus: approved\napproved: 2026-03-01\ntranslator: Easy Read writer\nreviewer: Reviewer\n---\n\n## Your back\n\n![](../../assets/form.txt)\nBack pain is common.\nIt gets better.\n";
    p.write("national/leaflets/back-pain.easy-read.md", easy);
    let run = p.run(&["build"]);
    run.assert_code(1);
    assert!(
        run.stderr.contains(
            "national/leaflets/back-pain.easy-read.md:13:1: error[easy-read-picture-alt]"
        ),
        "{}",
        run.stderr
    );
    p.write(
        "national/leaflets/back-pain.easy-read.md",
        &easy.replace("![]", "![A form to fill in]"),
    );
    p.run(&["build"]).assert_code(0);
    let html = page(&p, "national/back-pain/easy-read/");
    assert!(
        html.contains("<p>Back pain is common.</p><p>It gets better.</p>"),
        "{html}"
    );
    assert!(html.contains("alt=\"A form to fill in\""), "{html}");
    assert!(page(&p, "national/back-pain/")
        .contains("href=/national/back-pain/easy-read/>Easy Read</a>"));
}

#[test]
fn easy_read_has_a_stricter_reading_level() {
    let p = Project::base();
    // Grade 8 is the fixture's leaflet target; Easy Read's is two below unless set.
    let long = "The physiotherapist will demonstrate individualised rehabilitation exercises, considering your occupational requirements and comorbidities.";
    p.write(
        "national/leaflets/back-pain.easy-read.md",
        &format!("---\ntitle: Back pain (Easy Read)\nsummary: Help for your back.\ntranslation_of_version: \"1.0\"\nstatus: approved\napproved: 2026-03-01\ntranslator: Writer\nreviewer: Reviewer\n---\n\n{long}\n"),
    );
    let (_, json) = check_json(&p, &[]);
    let levels: Vec<_> = diagnostics(&json, "reading-level")
        .into_iter()
        .filter(|d| d["path"] == "national/leaflets/back-pain.easy-read.md")
        .collect();
    assert_eq!(levels.len(), 1, "{json}");
    assert!(levels[0]["message"]
        .as_str()
        .unwrap()
        .contains("above the Easy Read target of 6"));
}

#[test]
fn every_leaflet_has_a_large_print_page() {
    let p = Project::base();
    p.run(&["build"]).assert_code(0);
    let html = page(&p, "national/back-pain/large-print/");
    assert!(html.contains("large-print"), "{html}");
    assert!(html.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(
        html.contains(
            "<link rel=\"canonical\" href=\"https://test.example.org/national/back-pain/\">"
        ),
        "{html}"
    );
    assert!(
        !p.path("public/national/ces/large-print").exists(),
        "only leaflets"
    );
}
