//! Version history from git: each test makes its own temporary repository (never this
//! repository's history) with fixed commit dates, commits versions of the base fixture's
//! documents, and builds.

use crate::helpers::{Project, Run};
use std::process::Command;

/// Runs git in the project folder with a fixed identity and commit date.
pub(crate) fn git(p: &Project, date: &str, args: &[&str]) {
    let stamp = format!("{date}T12:00:00+00:00");
    let out = Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(p.dir.path())
        .env("GIT_AUTHOR_DATE", &stamp)
        .env("GIT_COMMITTER_DATE", &stamp)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .output()
        .expect("run git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

pub(crate) fn commit(p: &Project, date: &str, message: &str) {
    git(p, date, &["add", "-A"]);
    git(p, date, &["commit", "-q", "-m", message]);
}

/// The base fixture in a fresh repository, its CES pathway replaced by `ces_text`, committed
/// on `date`.
fn repo(ces_text: &str, date: &str) -> Project {
    let p = Project::base();
    p.write(CES, ces_text);
    git(&p, date, &["init", "-q"]);
    commit(&p, date, "Base content");
    p
}

const CES: &str = "national/pathways/ces.md";

/// The national CES pathway at a version, with a body line that says which.
fn ces(version: &str, status: &str, approved: &str, changes: Option<&str>, step: &str) -> String {
    let changes = changes.map_or(String::new(), |c| format!("changes: {c}\n"));
    format!(
        "---\ntitle: National CES pathway\nkind: pathway\nsummary: Assessment and referral of suspected cauda equina syndrome.\nversion: \"{version}\"\nstatus: {status}\napproved: {approved}\napproved_by: National Group {version}\nreview: 2027-12-31\nowner: National lead\nconditions: [cauda-equina-syndrome]\n{changes}---\n\n## Purpose\n\nScan fast.\n\n## Red flags\n\n> [!CAUTION]\n> Call 999 if bladder control is lost.\n\n## Steps\n\n1. Refer.\n2. {step}\n"
    )
}

/// Three approved versions of the CES pathway with a draft between the first two:
/// 1.0 (approved 2024-02-01), 1.1 draft, 1.1 (2024-06-01), 2.0 (2025-03-01).
fn three_versions() -> Project {
    let p = repo(
        &ces(
            "1.0",
            "approved",
            "2024-02-01",
            None,
            "Scan within 12 hours.",
        ),
        "2024-02-01",
    );
    p.write(
        CES,
        &ces(
            "1.1",
            "draft",
            "2024-05-01",
            Some("Draft: faster scans."),
            "Scan within 6 hours (DRAFT WORDING).",
        ),
    );
    commit(&p, "2024-05-01", "CES 1.1 draft");
    p.write(
        CES,
        &ces(
            "1.1",
            "approved",
            "2024-06-01",
            Some("Scan within 6 hours, not 12."),
            "Scan within 6 hours.",
        ),
    );
    commit(&p, "2024-06-01", "CES 1.1");
    p.write(
        CES,
        &ces(
            "2.0",
            "approved",
            "2025-03-01",
            Some("Scan within 4 hours, not 6."),
            "Scan within 4 hours.",
        ),
    );
    commit(&p, "2025-03-01", "CES 2.0");
    p
}

fn build(p: &Project, args: &[&str]) -> Run {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    p.run(&all)
}

#[test]
fn three_approved_versions_with_a_draft_between_are_published_and_compared() {
    let p = three_versions();
    let run = build(&p, &[]);
    run.assert_code(0);
    assert!(!run.stderr.contains("no-history"), "{}", run.stderr);

    let current = p.read("public/national/ces/index.html");
    assert!(current.contains("Version history"));
    for row in [
        "Scan within 4 hours, not 6.",
        "Scan within 6 hours, not 12.",
        "National Group 1.0",
    ] {
        assert!(current.contains(row), "history table lacks {row:?}");
    }
    assert!(current.contains("href=/national/ces/v1.0/>"));
    assert!(current.contains("href=/national/ces/v1.1/>"));
    assert!(current.contains("href=/national/ces/compare/v1.1-v2.0/>"));

    // Past versions stay out of search, the sitemap and the feed.
    let records: String = std::fs::read_dir(p.path("public/search/d"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert!(
        records.contains("national/ces/"),
        "the current version is searchable"
    );
    assert!(
        !records.contains("/v1.0/") && !records.contains("/v1.1/"),
        "a past version is searchable"
    );
    assert!(
        !records.contains("Scan within 12 hours."),
        "past text is searchable"
    );
    for file in ["public/sitemap.xml", "public/feed.xml"] {
        assert!(
            !p.read(file).contains("/v1.0/"),
            "{file} lists a past version"
        );
    }

    let v1 = p.read("public/national/ces/v1.0/index.html");
    assert!(v1.contains("Scan within 12 hours."), "v1.0 text");
    assert!(v1.contains("banner-superseded") && v1.contains("Superseded"));
    assert!(v1.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(
        v1.contains("href=/national/ces/>"),
        "links to the current version"
    );
    let v11 = p.read("public/national/ces/v1.1/index.html");
    assert!(v11.contains("Scan within 6 hours."));
    assert!(
        !v11.contains("DRAFT WORDING"),
        "the draft is never published"
    );
    assert!(
        !p.path("public/national/ces/v2.0").exists(),
        "current is not a past version"
    );

    let all: Vec<String> = crate::helpers::snapshot(&p.path("public"))
        .into_values()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect();
    assert!(
        all.iter().all(|f| !f.contains("DRAFT WORDING")),
        "draft text leaked into the site"
    );

    let diff = p.read("public/national/ces/compare/v1.1-v2.0/index.html");
    assert!(
        diff.contains("Scan within <del><span class=vh>deleted: </span>6</del>"),
        "{diff}"
    );
    assert!(diff.contains("<ins><span class=vh>inserted: </span>4</ins> hours."));
    assert!(diff.contains("approved_by"), "front-matter changes listed");
    assert!(p
        .path("public/national/ces/compare/v1.0-v1.1/index.html")
        .is_file());

    let catalog: serde_json::Value = serde_json::from_str(&p.read("public/catalog.json")).unwrap();
    let ces = catalog["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "national/ces")
        .unwrap();
    let past: Vec<(&str, &str)> = ces["past_versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["version"].as_str().unwrap(),
                v["approved"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(past, [("1.0", "2024-02-01"), ("1.1", "2024-06-01")]);
    assert_eq!(
        ces["past_versions"][0]["url"],
        "https://test.example.org/national/ces/v1.0/"
    );

    let sitemap = p.read("public/sitemap.xml");
    assert!(
        !sitemap.contains("/v1.0/"),
        "past versions are not in the sitemap"
    );
    let national = p.read("public/national/index.html");
    assert_eq!(
        national.matches("National CES pathway").count(),
        1,
        "listed once"
    );
}

#[test]
fn a_renamed_document_keeps_its_history() {
    let p = three_versions();
    std::fs::create_dir_all(p.content().join("national/emergency")).unwrap();
    git(
        &p,
        "2025-04-01",
        &[
            "mv",
            &format!("content/{CES}"),
            "content/national/emergency/cauda-equina.md",
        ],
    );
    commit(&p, "2025-04-01", "Move the CES pathway");
    p.write(
        "national/emergency/cauda-equina.md",
        &ces(
            "2.1",
            "approved",
            "2025-05-01",
            Some("Renamed; same advice."),
            "Scan within 4 hours.",
        ),
    );
    commit(&p, "2025-05-01", "CES 2.1");
    // Links from other documents follow the move.
    let local = p.read("content/networks/alpha/pathways/ces-local.md");
    p.write(
        "networks/alpha/pathways/ces-local.md",
        &local
            .replace("pathways/ces.md", "emergency/cauda-equina.md")
            .replace("adapts: national/ces", "adapts: national/cauda-equina"),
    );
    build(&p, &[]).assert_code(0);
    for v in ["1.0", "1.1", "2.0"] {
        assert!(
            p.path(&format!("public/national/cauda-equina/v{v}/index.html"))
                .is_file(),
            "v{v} of the renamed document"
        );
    }
    let v1 = p.read("public/national/cauda-equina/v1.0/index.html");
    assert!(v1.contains("Scan within 12 hours."));
    assert!(p
        .path("public/national/cauda-equina/compare/v2.0-v2.1/index.html")
        .is_file());
}

#[test]
fn as_of_builds_the_site_as_it_stood() {
    let p = three_versions();
    // A document approved before the CES pathway existed, linking to it as it is today.
    p.write(
        "national/early.md",
        "---\ntitle: Early standard\nkind: standard\nsummary: S.\nversion: \"1.0\"\nstatus: approved\napproved: 2023-06-01\napproved_by: Board\nreview: 2027-06-01\nowner: Lead\n---\n\nSee the [CES pathway](pathways/ces.md#steps).\n",
    );
    commit(&p, "2025-04-01", "Early standard");
    let before = build(&p, &["--as-of", "2024-01-15", "--out", "before"]);
    before.assert_code(0);
    let early = p.read("before/national/early/index.html");
    assert!(
        early.contains("https://test.example.org/national/ces/#steps"),
        "a link to a document not yet approved goes to the current site"
    );
    assert!(
        early.contains("<meta name=\"robots\" content=\"noindex\">"),
        "an as-of site is not indexed"
    );
    assert!(
        !p.path("before/national/ces").exists(),
        "not yet approved on 2024-01-15"
    );
    assert!(p
        .read("before/index.html")
        .contains("as it was published on 15 January 2024"));

    build(&p, &["--as-of", "2024-03-15", "--out", "between"]).assert_code(0);
    let page = p.read("between/national/ces/index.html");
    assert!(page.contains("Scan within 12 hours."), "1.0 in force then");
    assert!(!page.contains("DRAFT WORDING"), "a draft is never in force");
    assert!(page.contains("as it was published on 15 March 2024"));
    assert!(
        !p.path("between/national/ces/v1.1").exists(),
        "later versions are not there"
    );

    build(&p, &["--as-of", "2024-12-31", "--out", "later"]).assert_code(0);
    let page = p.read("later/national/ces/index.html");
    assert!(page.contains("Scan within 6 hours."), "1.1 in force then");
    assert!(p.path("later/national/ces/v1.0/index.html").is_file());
    assert!(!p.path("later/national/ces/v2.0").exists());

    build(&p, &["--as-of", "2026-06-01", "--out", "after"]).assert_code(0);
    let page = p.read("after/national/ces/index.html");
    assert!(page.contains("Scan within 4 hours."), "2.0 in force");
    assert!(p.path("after/national/ces/v1.1/index.html").is_file());
}

#[test]
fn a_version_bump_without_changes_is_an_error() {
    let p = three_versions();
    p.write(
        CES,
        &ces(
            "2.1",
            "approved",
            "2025-06-01",
            None,
            "Scan within 3 hours.",
        ),
    );
    commit(&p, "2025-06-01", "CES 2.1 without changes");
    let run = build(&p, &[]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("error[missing-changes]"),
        "{}",
        run.stderr
    );
}

#[test]
fn versions_that_go_backwards_or_repeat_are_warnings() {
    let p = three_versions();
    p.write(
        CES,
        &ces(
            "1.5",
            "approved",
            "2025-06-01",
            Some("Back."),
            "Scan within 5 hours.",
        ),
    );
    commit(&p, "2025-06-01", "CES 1.5");
    let run = p.run(&["check"]);
    run.assert_code(0);
    assert!(
        run.stderr.contains("warning[version-backwards]"),
        "{}",
        run.stderr
    );

    let p = three_versions();
    p.write(
        CES,
        &ces(
            "2.0",
            "draft",
            "2025-03-01",
            Some("x"),
            "Scan within 4 hours.",
        ),
    );
    commit(&p, "2025-04-01", "Back to draft");
    p.write(
        CES,
        &ces(
            "2.0",
            "approved",
            "2025-05-01",
            Some("x"),
            "Scan within 2 hours.",
        ),
    );
    commit(&p, "2025-05-01", "2.0 again, different text");
    let run = p.run(&["check"]);
    assert!(
        run.stderr.contains("warning[version-repeated]"),
        "{}",
        run.stderr
    );
}

#[test]
fn outside_git_the_build_warns_once_and_publishes_current_versions() {
    let p = Project::base();
    let run = build(&p, &[]);
    run.assert_code(0);
    assert_eq!(
        run.stderr.matches("warning[no-history]").count(),
        1,
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("not in a git repository"));
    assert!(p.path("public/national/ces/index.html").is_file());
    assert!(!p
        .read("public/national/ces/index.html")
        .contains("Version history"));
    assert!(p
        .read("public/catalog.json")
        .contains("\"past_versions\": []"));
    let as_of = build(&p, &["--as-of", "2024-01-01"]);
    as_of.assert_code(2);
    assert!(as_of
        .stderr
        .contains("--as-of needs the content's git history"));
}

#[test]
fn a_shallow_clone_warns_once_and_publishes_current_versions() {
    let p = three_versions();
    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", p.dir.path().display());
    let out = Command::new("git")
        .args(["clone", "-q", "--depth", "1", &url])
        .arg(clone.path().join("site"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let run: Run = Command::new(env!("CARGO_BIN_EXE_pathways"))
        .args(["build", "--content", "site/content", "--out", "public"])
        .current_dir(clone.path())
        .env("PATHWAYS_TODAY", crate::helpers::TODAY)
        .output()
        .unwrap()
        .into();
    run.assert_code(0);
    assert_eq!(
        run.stderr.matches("warning[no-history]").count(),
        1,
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("shallow clone"));
    assert!(run.stderr.contains("fetch-depth: 0"));
    let page =
        std::fs::read_to_string(clone.path().join("public/national/ces/index.html")).unwrap();
    assert!(page.contains("Scan within 4 hours."));
    assert!(!clone.path().join("public/national/ces/v1.0").exists());
}

/// Every file of a built site as text.
fn site_text(p: &Project, out: &str) -> Vec<(String, String)> {
    crate::helpers::snapshot(&p.path(out))
        .into_iter()
        .map(|(path, b)| (path, String::from_utf8_lossy(&b).into_owned()))
        .collect()
}

/// The three approved versions, then the next one drafted (or out for consultation) in the
/// same file and committed: the normal way a team revises a pathway.
pub(crate) fn revising(status: &str) -> Project {
    let p = three_versions();
    p.write(
        CES,
        &ces(
            "2.1",
            status,
            "2026-10-01",
            Some("Scan within 2 hours (DRAFT WORDING)."),
            "Scan within 2 hours (DRAFT WORDING).",
        ),
    );
    commit(&p, "2026-10-01", "CES 2.1 for review");
    p
}

#[test]
fn a_draft_of_the_next_version_keeps_the_approved_one_published() {
    for status in ["draft", "consultation"] {
        let p = revising(status);
        let run = build(&p, &[]);
        // The Alpha adaptation links to the national pathway: no link-to-draft.
        run.assert_code(0);
        assert!(!run.stderr.contains("link-to-draft"), "{}", run.stderr);

        let page = p.read("public/national/ces/index.html");
        assert!(
            page.contains("Scan within 4 hours."),
            "{status}: 2.0 is in force"
        );
        assert!(!page.contains("watermark"), "{status}: not watermarked");
        assert!(page.contains("Version history"));
        assert!(page.contains("href=/national/ces/v1.1/>"));
        assert!(page.contains("href=/national/ces/compare/v1.1-v2.0/>"));
        assert!(p.path("public/national/ces/v1.0/index.html").is_file());
        assert!(
            !p.path("public/national/ces/v2.0").exists(),
            "2.0 is the page"
        );
        assert!(!p.path("public/national/ces/v2.1").exists());
        for (path, text) in site_text(&p, "public") {
            assert!(
                !text.contains("DRAFT WORDING"),
                "{status}: the draft leaked into {path}"
            );
        }

        assert!(p
            .read("public/sitemap.xml")
            .contains("/national/ces/</loc>"));
        assert!(p.read("public/feed.xml").contains("National CES pathway"));
        assert!(p
            .read("public/national/index.html")
            .contains("href=\"/national/ces/\">"));
        let catalog: serde_json::Value =
            serde_json::from_str(&p.read("public/catalog.json")).unwrap();
        let entry = catalog["documents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["id"] == "national/ces")
            .expect("in the catalog");
        assert_eq!(entry["version"], "2.0");
        assert_eq!(entry["status"], "approved");
        assert_eq!(entry["past_versions"].as_array().unwrap().len(), 2);
        let records: String = site_text(&p, "public")
            .into_iter()
            .filter(|(path, _)| path.starts_with("search/d/"))
            .map(|(_, t)| t)
            .collect();
        assert!(
            records.contains("Scan within 4 hours."),
            "2.0 is searchable"
        );
        let local = p.read("public/alpha/ces-local/index.html");
        assert!(
            local.contains("href=\"/national/ces/#red-flags\">"),
            "{local}"
        );

        // The preview and `--drafts` show the draft, linking to the version in force.
        build(&p, &["--drafts", "--out", "preview"]).assert_code(0);
        let draft = p.read("preview/national/ces/index.html");
        assert!(draft.contains("DRAFT WORDING") && draft.contains("watermark"));
        assert!(
            draft.contains("The approved version in force is <a href=/national/ces/v2.0/>version 2.0</a>, approved 1 March 2025"),
            "{draft}"
        );
        let in_force = p.read("preview/national/ces/v2.0/index.html");
        assert!(in_force.contains("In force: this is the approved version."));
        assert!(in_force.contains("Scan within 4 hours."));
        assert!(!in_force.contains("Superseded"), "{in_force}");
        assert!(p
            .path("preview/national/ces/compare/v2.0-v2.1/index.html")
            .is_file());

        // `check` sees the draft and accepts links to a document whose approved version is
        // in force.
        let check = p.run(&["check"]);
        check.assert_code(0);
        assert!(!check.stderr.contains("link-to-draft"), "{}", check.stderr);
    }
}

#[test]
fn links_to_a_document_being_revised_are_checked_against_the_version_in_force() {
    let p = revising("draft");
    // The draft drops the heading the Alpha adaptation links to.
    let text = p
        .read(&format!("content/{CES}"))
        .replace("## Steps", "## Actions");
    p.write(CES, &text);
    commit(&p, "2026-10-02", "Rename a heading in the draft");
    build(&p, &[]).assert_code(0);
    assert!(p
        .read("public/national/ces/index.html")
        .contains("id=\"steps\""));
    // A link to a heading only the draft has would be dead on the published page.
    let local = p.read("content/networks/alpha/pathways/ces-local.md");
    p.write(
        "networks/alpha/pathways/ces-local.md",
        &local.replace("ces.md#steps", "ces.md#actions"),
    );
    let run = p.run(&["check"]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("error[broken-anchor]"),
        "{}",
        run.stderr
    );
}

#[test]
fn outside_git_a_draft_that_revises_an_approved_document_is_an_error() {
    let p = Project::base();
    p.write(
        CES,
        &ces(
            "2.1",
            "draft",
            "2026-10-01",
            Some("Faster."),
            "Scan within 2 hours.",
        ),
    );
    let run = build(&p, &[]);
    run.assert_code(1);
    let line = run
        .stderr
        .lines()
        .find(|l| l.contains("error[revision-without-history]"))
        .unwrap_or_else(|| panic!("{}", run.stderr));
    assert!(line.starts_with("national/pathways/ces.md:5:"), "{line}");
    assert!(line.contains("not in a git repository"), "{line}");
    assert!(
        run.stderr.contains("= help: build from a git clone"),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.stderr.matches("error[").count(),
        1,
        "one diagnostic, not a link-to-draft for every link to it: {}",
        run.stderr
    );
    assert!(!p.path("public").exists());
    // `check` reports what the build would.
    let check = p.run(&["check"]);
    check.assert_code(1);
    assert!(check.stderr.contains("error[revision-without-history]"));
    // A review copy needs no history; nor does a new document drafted at 1.0 or below.
    build(&p, &["--drafts"]).assert_code(0);
    p.write(
        CES,
        &ces(
            "2.0",
            "approved",
            "2025-03-01",
            Some("Faster."),
            "Scan within 4 hours.",
        ),
    );
    p.write(
        "national/new.md",
        &ces("1.0", "draft", "2026-10-01", None, "Scan within 2 hours."),
    );
    build(&p, &[]).assert_code(0);
    assert!(!p.path("public/national/new").exists());
}

#[test]
fn a_shallow_clone_refuses_a_draft_that_revises_an_approved_document() {
    let p = revising("draft");
    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", p.dir.path().display());
    let out = Command::new("git")
        .args(["clone", "-q", "--depth", "1", &url])
        .arg(clone.path().join("site"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let run: Run = Command::new(env!("CARGO_BIN_EXE_pathways"))
        .args(["build", "--content", "site/content", "--out", "public"])
        .current_dir(clone.path())
        .env("PATHWAYS_TODAY", crate::helpers::TODAY)
        .output()
        .unwrap()
        .into();
    run.assert_code(1);
    assert!(
        run.stderr.contains("error[revision-without-history]")
            && run.stderr.contains("fetch-depth: 0"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_hung_git_stops_the_build_with_a_clear_error() {
    let p = Project::base();
    // A `git` that never answers, and leaves a child holding its output open as a stuck
    // credential helper would.
    let bin = p.path("fake-bin");
    std::fs::create_dir_all(&bin).unwrap();
    let git = bin.join("git");
    std::fs::write(&git, "#!/bin/sh\nsleep 30\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&git, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let start = std::time::Instant::now();
    let run: Run = Command::new(env!("CARGO_BIN_EXE_pathways"))
        .args(["build"])
        .current_dir(p.dir.path())
        .env("PATHWAYS_TODAY", crate::helpers::TODAY)
        .env("PATHWAYS_GIT_TIMEOUT", "1")
        .env("PATH", path)
        .output()
        .unwrap()
        .into();
    assert!(
        start.elapsed() < std::time::Duration::from_secs(20),
        "the build waited for git: {:?}",
        start.elapsed()
    );
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("git did not finish reading the content's history within 1 s")
            && run.stderr.contains("PATHWAYS_GIT_TIMEOUT=SECONDS"),
        "{}",
        run.stderr
    );
    assert!(!p.path("public").exists(), "nothing was built");
}

#[test]
fn a_time_limit_that_is_not_a_number_of_seconds_is_a_usage_error() {
    let p = Project::base();
    for bad in ["0", "two minutes"] {
        let run: Run = Command::new(env!("CARGO_BIN_EXE_pathways"))
            .args(["build"])
            .current_dir(p.dir.path())
            .env("PATHWAYS_TODAY", crate::helpers::TODAY)
            .env("PATHWAYS_GIT_TIMEOUT", bad)
            .output()
            .unwrap()
            .into();
        run.assert_code(2);
        assert!(
            run.stderr.contains(&format!(
                "PATHWAYS_GIT_TIMEOUT must be a whole number of seconds above 0, not `{bad}`"
            )),
            "{}",
            run.stderr
        );
        assert!(!p.path("public").exists(), "nothing was built");
    }
}

#[test]
fn a_long_history_is_paged_not_repeated_on_every_version() {
    let p = repo(
        &ces("1.0", "approved", "2024-01-01", None, "Step 0."),
        "2024-01-01",
    );
    let versions = 105;
    for minor in 1..versions {
        let v = format!("1.{minor}");
        p.write(
            CES,
            &ces(
                &v,
                "approved",
                "2024-01-01",
                Some(&format!("Change {minor}.")),
                &format!("Step {minor}."),
            ),
        );
        git(&p, "2024-01-01", &["commit", "-qam", &v]);
    }
    build(&p, &[]).assert_code(0);
    let rows = |page: &str| page.matches("<th scope=row>").count();
    let current = p.read("public/national/ces/index.html");
    assert_eq!(rows(&current), 10, "the page lists the latest ten");
    assert!(
        current.contains("The latest 10 of 105 versions."),
        "{current}"
    );
    assert!(current.contains("href=/national/ces/history/>All versions</a>"));
    let first = p.read("public/national/ces/history/index.html");
    assert_eq!(rows(&first), 100);
    assert!(first.contains("<th scope=row>1.104</th>") && first.contains("<th scope=row>1.5</th>"));
    assert!(first.contains("href=/national/ces/history/2/>Page 2</a>"));
    let second = p.read("public/national/ces/history/2/index.html");
    assert_eq!(rows(&second), 5);
    assert!(second.contains("<th scope=row>1.0</th>"));
    assert!(!p.path("public/national/ces/history/3").exists());
    // A past version's page does not repeat the history: it links to where it is listed.
    let old = p.read("public/national/ces/v1.0/index.html");
    assert_eq!(rows(&old), 0, "{old}");
    assert!(old.contains("href=/national/ces/history/2/>Version history of this document</a>"));
    let recent = p.read("public/national/ces/v1.100/index.html");
    assert!(recent.contains("href=/national/ces/history/>Version history"));
    assert!(!recent.contains("/v1.99/"), "no other version's link");
    // The site grows with the number of versions, not its square.
    let sizes: Vec<usize> = ["v1.0", "v1.50", "v1.103"]
        .iter()
        .map(|v| p.read(&format!("public/national/ces/{v}/index.html")).len())
        .collect();
    assert!(sizes.iter().all(|s| *s < sizes[0] + 200), "{sizes:?}");
}

/// Every `href` and `src` of a built site that points inside it, as (page, target) pairs for
/// targets that do not exist.
fn dead_links(root: &std::path::Path) -> Vec<(String, String)> {
    let mut dead = Vec::new();
    for (path, bytes) in crate::helpers::snapshot(root) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(&bytes);
        for attr in ["href=", "src="] {
            for part in html.split(attr).skip(1) {
                let value = part.trim_start_matches('"');
                let end = value
                    .find(|c: char| c == '"' || c == '>' || c.is_whitespace())
                    .unwrap_or(value.len());
                let url = &value[..end];
                let Some(local) = url.strip_prefix('/') else {
                    continue;
                };
                let local = local.split('#').next().unwrap_or("");
                let target = if local.is_empty() || local.ends_with('/') {
                    root.join(local).join("index.html")
                } else {
                    root.join(local)
                };
                if !target.exists() {
                    dead.push((path.clone(), url.to_owned()));
                }
            }
        }
    }
    dead
}

#[test]
fn past_versions_never_link_to_documents_deleted_or_moved_since() {
    let sop = |title: &str| {
        format!("---\ntitle: {title}\nkind: sop\nsummary: S.\nversion: \"1.0\"\nstatus: approved\napproved: 2024-01-01\napproved_by: Board\nreview: 2027-06-01\nowner: Lead\n---\n\n## Steps\n\nDo it.\n")
    };
    let with_links = ces("1.0", "approved", "2024-02-01", None, "Follow the [old SOP](../old-sop.md#steps), the [moved SOP](../moved.md) and <a href=\"../old-sop.md\">the old one</a>.");
    let p = repo(&with_links, "2024-02-01");
    p.write("national/old-sop.md", &sop("Old SOP"));
    p.write("national/moved.md", &sop("Moved SOP"));
    commit(&p, "2024-02-01", "SOPs");
    // The SOP is deleted, the other moved, and 1.1 approved without the links; then 1.2 is
    // drafted, so 1.1 (from history) is the page and 1.0 a past version.
    git(
        &p,
        "2025-01-01",
        &["rm", "-q", "content/national/old-sop.md"],
    );
    git(
        &p,
        "2025-01-01",
        &[
            "mv",
            "content/national/moved.md",
            "content/national/renamed.md",
        ],
    );
    p.write(
        CES,
        &ces(
            "1.1",
            "approved",
            "2025-01-01",
            Some("No SOPs."),
            "Scan. See the [renamed SOP](../renamed.md).",
        ),
    );
    commit(&p, "2025-01-01", "CES 1.1");
    p.write(
        CES,
        &ces("1.2", "draft", "2025-06-01", Some("Draft."), "Scan faster."),
    );
    commit(&p, "2025-06-01", "CES 1.2 draft");
    build(&p, &[]).assert_code(0);
    let old = p.read("public/national/ces/v1.0/index.html");
    assert!(
        old.contains("Follow the old SOP, the "),
        "plain text: {old}"
    );
    assert!(
        old.contains("<a href=\"/national/renamed/\">moved SOP</a>"),
        "a moved document's link follows it: {old}"
    );
    assert!(
        !old.contains("old-sop") && !old.contains("moved.md"),
        "{old}"
    );
    let current = p.read("public/national/ces/index.html");
    assert!(
        current.contains("<a href=\"/national/renamed/\">renamed SOP</a>"),
        "{current}"
    );
    assert_eq!(
        dead_links(&p.path("public")),
        Vec::<(String, String)>::new()
    );
}

#[test]
fn a_draft_after_a_withdrawal_does_not_bring_the_withdrawn_version_back() {
    let p = three_versions();
    p.write(
        CES,
        &ces(
            "2.0",
            "withdrawn",
            "2025-03-01",
            Some("Scan within 4 hours, not 6."),
            "Scan within 4 hours.",
        ),
    );
    commit(&p, "2025-09-01", "Withdraw CES 2.0");
    p.write(
        CES,
        &ces(
            "2.1",
            "draft",
            "2026-10-01",
            Some("Rewritten."),
            "Scan within 2 hours.",
        ),
    );
    commit(&p, "2026-10-01", "CES 2.1 draft");
    let run = build(&p, &[]);
    // The adaptation's links now point at a draft with nothing in force.
    run.assert_code(1);
    assert!(
        run.stderr.contains("error[link-to-draft]"),
        "{}",
        run.stderr
    );
    assert!(!p.path("public").exists());
}

/// A CES pathway with a table, a callout and three sections, in an order given.
fn ces_with(
    version: &str,
    approved: &str,
    review: &str,
    mri: &str,
    callout: &str,
    order: &[&str],
) -> String {
    let section = |name: &str| {
        match name {
        "times" => format!("## Times\n\n| Step | Time standard |\n|---|---|\n| MRI | {mri} |\n| Referral | The same day |\n\n"),
        "flags" => format!("## Red flags\n\n> [!CAUTION]\n> {callout}\n\n"),
        _ => "## Purpose\n\nScan fast and refer the same day.\n\n".to_owned(),
    }
    };
    let body: String = order.iter().map(|s| section(s)).collect();
    format!(
        "---\ntitle: National CES pathway\nkind: pathway\nsummary: Assessment and referral of suspected cauda equina syndrome.\nversion: \"{version}\"\nstatus: approved\napproved: {approved}\napproved_by: National Group\nreview: {review}\nowner: National lead\nconditions: [cauda-equina-syndrome]\nchanges: Version {version}.\n---\n\n{body}## Steps\n\n1. Refer.\n"
    )
}

#[test]
fn the_comparison_marks_a_table_cell_a_callout_and_a_moved_section_as_rendered() {
    let p = repo(
        &ces_with(
            "1.0",
            "2025-01-01",
            "2026-01-01",
            "Within 6 hours",
            "Call 999 if bladder control is lost.",
            &["purpose", "flags", "times"],
        ),
        "2025-01-01",
    );
    p.write(
        CES,
        &ces_with(
            "1.1",
            "2025-06-01",
            "2027-01-01",
            "Within 4 hours",
            "Call 999 at once if bladder control is lost.",
            &["flags", "times", "purpose"],
        ),
    );
    commit(&p, "2025-06-01", "CES 1.1");
    build(&p, &["--out", "public"]).assert_code(0);
    let page = p.read("public/national/ces/compare/v1.0-v1.1/index.html");
    let main = crate::helpers::main_of(&page);
    // The table cell, inside its table.
    assert!(
        main.contains("<td>MRI</td><td>Within <del><span class=vh>deleted: </span>6</del><ins><span class=vh>inserted: </span>4</ins> hours</td>"),
        "{main}"
    );
    // The callout, still a callout card.
    assert!(
        main.contains("<div class=\"callout callout-caution\" role=note><p class=callout-title><strong>Red flag: act now</strong></p><p>Call 999 <ins><span class=vh>inserted: </span>at once</ins> if bladder"),
        "{main}"
    );
    // The moved section is moved, not deleted and inserted, and its text is unchanged.
    assert!(
        main.contains("Purpose <span class=diff-status>(moved: was first)</span>"),
        "{main}"
    );
    assert!(!main.contains("deleted: </span>Scan fast"), "{main}");
    // The summary names the sections and the changed details in words.
    assert!(
        main.contains("<li>Red flags: changed</li><li>Times: changed</li><li>Purpose: moved</li>"),
        "{main}"
    );
    assert!(
        main.contains("Review date: <del><span class=vh>before: </span>1 January 2026</del>"),
        "{main}"
    );
    // The Markdown diff is one click away, folded.
    assert!(main.contains("<details class=raw-diff><summary>Changes to the Markdown source and front matter</summary>"));
    assert!(main.contains("<pre class=diff>"));
}

#[test]
fn a_reworded_heading_is_a_renamed_section_and_conditions_are_named() {
    let old = ces_with(
        "1.0",
        "2025-01-01",
        "2026-01-01",
        "Within 6 hours",
        "Call 999 if bladder control is lost.",
        &["purpose", "flags", "times"],
    );
    let p = repo(&old, "2025-01-01");
    let new = ces_with(
        "1.1",
        "2025-06-01",
        "2026-01-01",
        "Within 6 hours",
        "Call 999 if bladder control is lost.",
        &["purpose", "flags", "times"],
    )
    .replace("## Times", "## Time standards")
    .replace(
        "conditions: [cauda-equina-syndrome]",
        "conditions: [cauda-equina-syndrome, radicular-pain]",
    );
    p.write(CES, &new);
    commit(&p, "2025-06-01", "CES 1.1");
    build(&p, &["--out", "public"]).assert_code(0);
    let page = p.read("public/national/ces/compare/v1.0-v1.1/index.html");
    let main = crate::helpers::main_of(&page);
    // One renamed section, not a removed and an added one.
    assert!(
        main.contains("<li>Time standards: renamed from “Times”</li>"),
        "{main}"
    );
    assert!(
        main.contains(
            "Time standards <span class=diff-status>(changed, renamed: was “Times”)</span>"
        ),
        "{main}"
    );
    assert!(!main.contains("section removed"), "{main}");
    assert!(!main.contains("new section"), "{main}");
    // Conditions by their names, not their ids.
    assert!(
        main.contains("Cauda equina syndrome, Radicular pain"),
        "{main}"
    );
    assert!(!main.contains("radicular-pain</ins>"), "{main}");
}
